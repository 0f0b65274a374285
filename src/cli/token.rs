//! `alto token save|status|forget`: the token file or the keyring; the
//! token itself is never printed.

use super::*;

pub(super) fn token_command(command: TokenCommand, paths: &Paths) -> Result<(), Failure> {
    use crate::token;
    match command {
        TokenCommand::Status => match token::resolve(paths).map_err(usage)? {
            Some((t, source)) => out(&format!("token {}  from {source}", t.masked())),
            None => out(&format!(
                "no token stored; set {TOKEN_ENV}, or run `alto token save`"
            )),
        },
        TokenCommand::Save { keyring } => {
            let secret =
                read_secret_line().map_err(|e| usage(format!("cannot read the token: {e}")))?;
            let t = Token::new(secret.trim());
            if t.is_empty() {
                return Err(usage("no token given on standard input"));
            }
            let done = token::save(paths, &t, keyring).map_err(usage)?;
            eprintln!("token {} {done}", t.masked());
        }
        TokenCommand::Forget => {
            for line in token::forget(paths).map_err(usage)? {
                eprintln!("{line}");
            }
        }
    }
    Ok(())
}

/// The token: at a terminal, typed or pasted without echo on the terminal
/// itself (rpassword opens the tty, restores echo even on Ctrl+C, and works
/// where raw mode is not to be had); piped, the first line of stdin.
fn read_secret_line() -> std::io::Result<String> {
    if std::io::stdin().is_terminal() {
        rpassword::prompt_password("API token (input is not echoed… paste it and press Enter): ")
    } else {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line)?;
        Ok(line)
    }
}
