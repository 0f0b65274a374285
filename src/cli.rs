//! Command-line arguments (clap) and the non-interactive commands.
//!
//! Exit codes: 0 success, 2 usage or validation error (nothing sent),
//! 3 the API refused (status and message shown), 4 network or timeout,
//! 5 partly done (the rest not sent, for problems found before sending).
//! The token comes from `ALTOSTRAT_TOKEN` only: an argument would show in `ps`.

use crate::api::model::{BillingAccount, Workspace};
use crate::api::{ApiClient, ApiError, Token};
use crate::config::{Config, DEFAULT_API_URL};
use crate::inert::inert;
use crate::paths::Paths;
use crate::rules::{self, AccountInput, Field, Violation};
use crate::sandbox::{self, SandboxOptions, Seed};
use clap::{Args, Parser, Subcommand};
use std::io::{IsTerminal, Write};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

mod account_args;
mod accounts;
mod args;
mod console;
mod doctor;
mod find;
mod find_args;
mod import;
mod invoices;
mod members;
mod org_args;
mod orgs;
mod output;
mod pacing;
mod payment_methods;
mod report;
mod subscriptions;
mod token;
mod workspace_ref;
mod workspaces;

pub use account_args::*;
pub use accounts::account_pairs;
pub use args::*;
pub use find_args::*;
pub use org_args::*;
use output::{Cell, col, date, id_col, out, print_json, print_list, print_pairs};

/// An error the CLI reports: a message and an exit code.
struct Failure {
    code: u8,
    message: String,
}

impl From<ApiError> for Failure {
    fn from(e: ApiError) -> Failure {
        let mut message = format!("alto: {e}");
        if let Some(body) = e.body() {
            for (key, msgs) in &body.errors {
                for m in msgs {
                    message.push_str(&format!("\n  {}: {}", inert(key), inert(m)));
                }
            }
            for line in body.details() {
                message.push_str(&format!("\n  {line}"));
            }
        }
        Failure {
            code: e.exit_code(),
            message,
        }
    }
}

fn usage(message: impl Into<String>) -> Failure {
    Failure {
        code: EXIT_USAGE,
        message: format!("alto: {}", message.into()),
    }
}

fn violations_failure(violations: &[Violation]) -> Failure {
    let mut message = String::from("alto: nothing was sent; fix these first:");
    for v in violations {
        message.push_str(&format!("\n  {}: {}", v.field.key(), v.message));
    }
    Failure {
        code: EXIT_USAGE,
        message,
    }
}

/// Asks `question [y/N]` on the terminal; anything but yes refuses (exit
/// 2, nothing sent). Not at a terminal, `--yes` is needed instead.
fn confirm(question: &str) -> Result<(), Failure> {
    if !std::io::stdin().is_terminal() {
        return Err(usage(
            "refusing to go on without confirmation: pass --yes when not at a terminal",
        ));
    }
    eprint!("{question} [y/N] ");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    std::io::stdin()
        .read_line(&mut answer)
        .map_err(|e| usage(e.to_string()))?;
    if matches!(answer.trim(), "y" | "Y" | "yes") {
        Ok(())
    } else {
        Err(usage("nothing was sent"))
    }
}

/// Broken rules of a billing body: exit 2, nothing sent.
fn problems_failure(problems: &[rules::Problem]) -> Failure {
    let mut message = String::from("alto: nothing was sent; fix these first:");
    for p in problems {
        message.push_str(&format!("\n  {}: {}", inert(&p.key), p.message));
    }
    Failure {
        code: EXIT_USAGE,
        message,
    }
}

/// `alto man`: the manual page from the clap definitions (clap_mangen),
/// so it never drifts from `--help`.
fn man(dir: Option<&std::path::Path>) -> Result<(), Failure> {
    use clap::CommandFactory;
    let cmd = Cli::command();
    let failed = |e: std::io::Error| Failure {
        code: 1,
        message: format!("alto: cannot write the manual: {e}"),
    };
    match dir {
        Some(dir) => {
            clap_mangen::generate_to(cmd, dir).map_err(failed)?;
            eprintln!("wrote the manual pages to {}", dir.display());
            Ok(())
        }
        None => {
            let mut out = Vec::new();
            clap_mangen::Man::new(cmd)
                .render(&mut out)
                .map_err(failed)?;
            std::io::stdout().write_all(&out).map_err(failed)
        }
    }
}

/// Runs a non-interactive command. `None` command means the console, which
/// the binary handles before calling this.
pub async fn run(cli: Cli, paths: Paths) -> ExitCode {
    // Where a command's requests go and how long they may take.
    let (url, profile) = (cli.api_url.clone(), cli.profile.clone());
    let target = Target {
        api_url: url.as_deref(),
        profile: profile.as_deref(),
        timeout: cli.timeout,
        no_wait: cli.no_wait,
    };
    let result = match cli.command {
        Some(Command::Config {
            command: ConfigCommand::Path,
        }) => {
            out(&format!("config  {}", paths.config_file().display()));
            out(&format!("state   {}", paths.state_dir.display()));
            out(&format!("log     {}", paths.log_file().display()));
            out(&format!("cache   {}", paths.cache_dir.display()));
            Ok(())
        }
        Some(Command::Sandbox(args)) => console::run_sandbox(args, &paths).await,
        Some(Command::Token { command }) => token::token_command(command, &paths),
        Some(Command::Completions { shell }) => {
            use clap::CommandFactory;
            clap_complete::generate(shell, &mut Cli::command(), "alto", &mut std::io::stdout());
            Ok(())
        }
        Some(Command::Man { dir }) => man(dir.as_deref()),
        Some(Command::Find(args)) => find::find(args, target, &paths).await,
        Some(Command::Cache { command }) => find::cache(command, target, &paths),
        Some(Command::Doctor) => {
            doctor::doctor(cli.api_url.as_deref(), cli.profile.as_deref(), &paths).await
        }
        Some(command) => {
            // Every answer goes into the index at once (see index::witness).
            let index = find::kept_store(target, &paths);
            match client(target, &paths) {
                Ok(c) => {
                    // Writes left without an outcome by a process that
                    // ended are looked up before anything else is sent.
                    for said in c.settle_abandoned(10).await {
                        eprintln!("alto: {said}");
                    }
                    let c = match &index {
                        Some(store) => c.with_witness(find::witness(store.clone())),
                        None => c,
                    };
                    api_command(&c, command, &paths, index).await
                }
                Err(f) => Err(f),
            }
        }
        None => console::console(cli, paths).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("{}", f.message);
            ExitCode::from(f.code)
        }
    }
}

/// A command that talks to the API: its workspace name (if any) made an
/// id first, then the command.
async fn api_command(
    c: &ApiClient,
    mut command: Command,
    paths: &Paths,
    index: Option<crate::index::files::Store>,
) -> Result<(), Failure> {
    workspace_ref::resolve(c, &mut command).await?;
    match command {
        Command::Accounts {
            command: AccountsCommand::Import(args),
        } => import::import(c, args, paths).await,
        Command::Workspaces { command } => workspaces::workspaces(c, command).await,
        Command::Accounts { command } => accounts::accounts(c, command, index.as_ref()).await,
        Command::Members { command } => members::members(c, command).await,
        Command::Orgs { command } => orgs::orgs(c, command).await,
        Command::Subscriptions { command } => subscriptions::subscriptions(c, command).await,
        Command::PaymentMethods { command } => payment_methods::payment_methods(c, command).await,
        Command::Invoices { command } => invoices::invoices(c, command).await,
        other => Err(usage(format!("not an API command: {other:?}"))),
    }
}

/// The profile's name as the console shows it and the index is kept
/// under: "(custom URL)" when `--api-url`/`ALTOSTRAT_API_URL` names the
/// API, else `--profile` or the active one.
pub fn profile_name(api_url: Option<&str>, profile: Option<&str>, paths: &Paths) -> String {
    match (api_url, profile) {
        (Some(_), _) => "(custom URL)".to_string(),
        (None, Some(p)) => p.to_string(),
        (None, None) => Config::load(&paths.config_file())
            .map(|c| c.active_profile)
            .unwrap_or_else(|_| "default".into()),
    }
}

/// The API URL: `--api-url`/`ALTOSTRAT_API_URL`, else the profile's.
pub fn resolve_api_url(
    api_url: Option<&str>,
    profile: Option<&str>,
    paths: &Paths,
) -> Result<String, String> {
    if let Some(url) = api_url {
        return Ok(url.to_string());
    }
    let config = Config::load(&paths.config_file()).map_err(|e| e.to_string())?;
    match config.profile(profile) {
        Some((_, p)) => Ok(p.api_url.clone()),
        None if profile.is_none() => Ok(DEFAULT_API_URL.to_string()),
        None => Err(format!(
            "no profile named {:?} in {}",
            profile.unwrap_or_default(),
            paths.config_file().display()
        )),
    }
}

/// Where a command's requests go and how they may wait: the global flags.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Target<'a> {
    pub api_url: Option<&'a str>,
    pub profile: Option<&'a str>,
    pub timeout: Option<u64>,
    /// `--no-wait`: exit 5 at once rather than wait for the budget.
    pub no_wait: bool,
}

/// The client for a command: the API URL by precedence, the token,
/// `--timeout` if given, and the budget shared through the cache dir.
fn client(target: Target, paths: &Paths) -> Result<ApiClient, Failure> {
    let url = resolve_api_url(target.api_url, target.profile, paths).map_err(usage)?;
    let (token, _) = crate::token::resolve(paths).map_err(usage)?.ok_or_else(|| {
        usage(format!(
            "no API token: set {TOKEN_ENV}, or store one with `alto token save` (a token is never taken as an argument, which would show in `ps`)"
        ))
    })?;
    let mut opts = crate::api::ClientOptions {
        budget_dir: Some(paths.cache_dir.clone()),
        no_wait: target.no_wait,
        ..Default::default()
    };
    if let Some(secs) = target.timeout {
        opts.timeout = std::time::Duration::from_secs(secs);
    }
    let per_minute = opts.per_minute;
    let profile = profile_name(target.api_url, target.profile, paths);
    let journal = crate::api::journal::Journal::new(&paths.state_dir);
    let c = ApiClient::with_options(&url, token, opts)?;
    Ok(c.with_pacing(pacing::on_stderr(per_minute))
        .with_journal(journal, &profile))
}

/// The text of `alto --version`: the version and where alto keeps its files.
pub fn long_version(paths: &Paths) -> String {
    format!(
        "{}\nconfig  {}\nstate   {}\nlog     {}",
        env!("CARGO_PKG_VERSION"),
        paths.config_file().display(),
        paths.state_dir.display(),
        paths.log_file().display()
    )
}
