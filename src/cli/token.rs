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
            if std::io::stdin().is_terminal() {
                eprint!("API token (input is not echoed… paste it and press Enter): ");
            }
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

/// A line from stdin; at a terminal, echo is turned off while it is typed.
fn read_secret_line() -> std::io::Result<String> {
    use ratatui::crossterm::terminal;
    let tty = std::io::stdin().is_terminal();
    if tty {
        // Raw mode turns echo off; Enter ends the line.
        terminal::enable_raw_mode()?;
        let mut line = String::new();
        let result = loop {
            match ratatui::crossterm::event::read() {
                Ok(ratatui::crossterm::event::Event::Key(k)) => {
                    use ratatui::crossterm::event::{KeyCode, KeyModifiers};
                    match k.code {
                        KeyCode::Enter => break Ok(line),
                        KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                            break Err(std::io::Error::other("cancelled"));
                        }
                        KeyCode::Backspace => {
                            line.pop();
                        }
                        KeyCode::Char(c) => line.push(c),
                        _ => {}
                    }
                }
                Ok(ratatui::crossterm::event::Event::Paste(p)) => line.push_str(&p),
                Ok(_) => {}
                Err(e) => break Err(e),
            }
        };
        terminal::disable_raw_mode()?;
        eprintln!();
        result
    } else {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line)?;
        Ok(line)
    }
}
