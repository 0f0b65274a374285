//! The console (`alto`, `alto --demo`) and `alto sandbox`.

use super::*;
use std::io::Write;

/// `alto` and `alto --demo`: the interactive console.
pub(super) async fn console(cli: Cli, paths: Paths) -> Result<(), Failure> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(usage(
            "the console needs a terminal; for scripts use the commands (see `alto --help`)",
        ));
    }
    // Profiles, preferences, themes and keys. A file that cannot be read
    // is reported (never overwritten); the demo then runs on defaults.
    let (config, config_problem) = match Config::load(&paths.config_file()) {
        Ok(c) => (c, None),
        Err(e) if cli.demo => (Config::default(), Some(e.to_string())),
        Err(e) => return Err(usage(e.to_string())),
    };
    // Held until the console closes: the demo's server and its data dir.
    let mut _sandbox = None;
    let mut _data_dir = None;
    let opts = if cli.demo {
        let data = match cli.sandbox_data {
            Some(path) => path,
            None => {
                let dir =
                    tempfile::tempdir().map_err(|e| usage(format!("no temporary dir: {e}")))?;
                let path = dir.path().join("sandbox.json");
                _data_dir = Some(dir);
                path
            }
        };
        let server = sandbox::start(SandboxOptions {
            data: Some(data),
            faults: cli.sandbox_faults,
            rate_limit: cli.sandbox_rate_limit,
            ..SandboxOptions::default()
        })
        .await
        .map_err(|e| usage(e.to_string()))?;
        let opts = crate::tui::ConsoleOptions {
            api_url: server.url(),
            token: Some((Token::new(sandbox::DEMO_TOKEN), crate::token::Source::Demo)),
            profile: "demo".into(),
            demo: true,
            paths: paths.clone(),
            config,
            config_problem,
            // For switching from the sandbox to a real profile.
            user_token: crate::token::resolve_local(&paths),
        };
        _sandbox = Some(server);
        opts
    } else {
        let api_url = resolve_api_url(cli.api_url.as_deref(), cli.profile.as_deref(), &paths)
            .map_err(usage)?;
        crate::api::client::check_base_url(&api_url)?;
        let profile = profile_name(cli.api_url.as_deref(), cli.profile.as_deref(), &paths);
        // A stored token that cannot be used (loose file mode, keyring
        // error) is reported here rather than skipped in silence.
        let token = crate::token::resolve(&paths).map_err(usage)?;
        crate::tui::ConsoleOptions {
            api_url,
            user_token: token.clone(),
            token,
            profile,
            demo: false,
            paths: paths.clone(),
            config,
            config_problem,
        }
    };
    crate::tui::run(opts).await.map_err(|message| Failure {
        code: 1,
        message: format!("alto: {message}"),
    })
}

pub(super) async fn run_sandbox(args: SandboxArgs, paths: &Paths) -> Result<(), Failure> {
    let opts = SandboxOptions {
        addr: args.addr,
        token: args.token,
        data: args.data,
        seed: args.workspaces.map_or(Seed::Demo, Seed::Generated),
        list_limit: args.list_limit,
        faults: args.faults,
        rate_limit: args.rate_limit,
        tls: args.tls,
    };
    let server = sandbox::start(opts)
        .await
        .map_err(|e| usage(e.to_string()))?;
    let url = server.url();
    let trust = match server.ca_pem() {
        None => String::new(),
        Some(pem) => {
            let file = args
                .ca_file
                .unwrap_or_else(|| paths.cache_dir.join("sandbox-ca.pem"));
            write_ca(&file, pem)?;
            format!("SSL_CERT_FILE={} ", file.display())
        }
    };
    // A closed stderr does not stop the server.
    let _ = writeln!(
        std::io::stderr(),
        "alto sandbox listening on {url} (Ctrl+C stops it)\n  try: {trust}ALTOSTRAT_API_URL={url} ALTOSTRAT_TOKEN=demo alto workspaces list"
    );
    server.run_until_ctrl_c().await;
    Ok(())
}

/// Writes the sandbox's CA (a certificate, no key) whole, replacing the last
/// run's: each start makes a new one.
fn write_ca(file: &std::path::Path, pem: &str) -> Result<(), Failure> {
    let failed = |e: std::io::Error| Failure {
        code: 1,
        message: format!(
            "alto: cannot write the sandbox's CA to {}: {e}",
            file.display()
        ),
    };
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        crate::paths::ensure_private_dir(dir).map_err(failed)?;
    }
    crate::paths::save_new(file, pem.as_bytes(), true).map_err(failed)
}
