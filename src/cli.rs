//! Command-line arguments (clap) and the non-interactive commands.
//!
//! Exit codes: 0 success, 2 usage or validation error (nothing sent),
//! 3 the API refused (status and message shown), 4 network or timeout.
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

mod output;
use output::{out, print_json, print_pairs, print_table};

pub const TOKEN_ENV: &str = "ALTOSTRAT_TOKEN";

pub const EXIT_USAGE: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "alto",
    version,
    about = "A terminal admin console for the Altostrat SDX API",
    long_about = "A terminal admin console for the Altostrat SDX API.\n\n\
        Without a command, opens the interactive console. `alto --demo` opens it on an \
        embedded sandbox API with demo data (no token, no network).",
    after_help = "The API token is read from ALTOSTRAT_TOKEN (never from an argument).\n\
        Exit codes: 0 ok, 2 usage or validation error (nothing sent), 3 the API refused, 4 network or timeout."
)]
pub struct Cli {
    /// Open the console on an embedded sandbox API with demo data
    #[arg(long)]
    pub demo: bool,

    /// Keep the demo sandbox's data in FILE (default: a temporary place)
    #[arg(long, value_name = "FILE", requires = "demo")]
    pub sandbox_data: Option<PathBuf>,

    /// Make the demo sandbox misbehave (for tests): create-422,delay=500
    #[arg(
        long,
        value_name = "FAULT",
        requires = "demo",
        hide = true,
        value_delimiter = ','
    )]
    pub sandbox_faults: Vec<sandbox::Fault>,

    /// API base URL [default: the active profile's, else https://api.altostrat.io]
    #[arg(long, global = true, env = "ALTOSTRAT_API_URL", value_name = "URL")]
    pub api_url: Option<String>,

    /// Use this profile from the config file instead of the active one
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

// Parsed once per run: the size of the biggest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List or show workspaces
    Workspaces {
        #[command(subcommand)]
        command: WorkspacesCommand,
    },
    /// List, show, create, update or delete billing accounts
    Accounts {
        #[command(subcommand)]
        command: AccountsCommand,
    },
    /// Run the sandbox API server (follows the contract; loopback only)
    Sandbox(SandboxArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell)
    Completions { shell: clap_complete::Shell },
    /// Check the config, the token, the API and the paths
    Doctor,
    /// Show, save or forget the stored API token
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Show where alto keeps its files
    Config {
        #[command(subcommand)]
        command: ConfigCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum WorkspacesCommand {
    /// List the workspaces the token can see
    List {
        #[arg(long)]
        json: bool,
    },
    /// Show one workspace
    Get {
        id: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum AccountsCommand {
    /// List a workspace's billing accounts
    List {
        #[arg(long, short, value_name = "ID")]
        workspace: String,
        #[arg(long)]
        json: bool,
    },
    /// Show one billing account
    Get {
        #[arg(long, short, value_name = "ID")]
        workspace: String,
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Create a billing account (checked before anything is sent; sent once)
    Create {
        #[arg(long, short, value_name = "ID")]
        workspace: String,
        #[command(flatten)]
        fields: AccountFields,
        /// Read the body from a JSON file; flags override its fields
        #[arg(long, value_name = "FILE")]
        from_file: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Change the given fields of a billing account (an empty value clears an optional one)
    Update {
        #[arg(long, short, value_name = "ID")]
        workspace: String,
        id: String,
        #[command(flatten)]
        fields: AccountFields,
        #[arg(long)]
        json: bool,
    },
    /// Delete a billing account (asks first unless --yes)
    Delete {
        #[arg(long, short, value_name = "ID")]
        workspace: String,
        id: String,
        /// Do not ask for confirmation
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Default, Args)]
pub struct AccountFields {
    /// Name (required, at most 100 characters)
    #[arg(long)]
    pub name: Option<String>,
    /// Billing email (required, at most 150 characters)
    #[arg(long)]
    pub email: Option<String>,
    /// Phone (at most 50 characters)
    #[arg(long)]
    pub phone: Option<String>,
    /// Description (at most 200 characters)
    #[arg(long)]
    pub description: Option<String>,
    /// usd, zar, eur, gbp or aud [default: the workspace's]
    #[arg(long)]
    pub currency: Option<String>,
    /// ISO 3166-1 alpha-2 country code, e.g. US, GB, ZA
    #[arg(long)]
    pub country: Option<String>,
    /// Address line 1
    #[arg(long)]
    pub line1: Option<String>,
    /// Address line 2
    #[arg(long)]
    pub line2: Option<String>,
    /// City
    #[arg(long)]
    pub city: Option<String>,
    /// State or province
    #[arg(long)]
    pub state: Option<String>,
    /// Postal code
    #[arg(long)]
    pub postal_code: Option<String>,
}

impl AccountFields {
    /// The flags given, by field. Currency and country are case-normalised:
    /// the API wants `eur` and `GB`, people type `EUR` and `gb`.
    pub fn given(&self) -> Vec<(Field, String)> {
        let all = [
            (Field::Name, &self.name),
            (Field::Email, &self.email),
            (Field::Phone, &self.phone),
            (Field::Description, &self.description),
            (Field::Currency, &self.currency),
            (Field::Country, &self.country),
            (Field::Line1, &self.line1),
            (Field::Line2, &self.line2),
            (Field::City, &self.city),
            (Field::State, &self.state),
            (Field::PostalCode, &self.postal_code),
        ];
        all.into_iter()
            .filter_map(|(f, v)| v.as_ref().map(|v| (f, normalise(f, v))))
            .collect()
    }
}

/// Case fixes that cannot change meaning.
pub fn normalise(field: Field, value: &str) -> String {
    match field {
        Field::Currency => value.trim().to_lowercase(),
        Field::Country => value.trim().to_uppercase(),
        _ => value.to_string(),
    }
}

#[derive(Debug, Args)]
pub struct SandboxArgs {
    /// Address to listen on (loopback only)
    #[arg(long, default_value = "127.0.0.1:8787")]
    pub addr: SocketAddr,
    /// Keep the data in FILE (saved atomically after each change); in memory otherwise
    #[arg(long, value_name = "FILE")]
    pub data: Option<PathBuf>,
    /// Accept only this token (any non-empty token otherwise)
    #[arg(long, value_name = "TOKEN")]
    pub token: Option<String>,
    /// Seed N generated workspaces instead of the demo set
    #[arg(long, value_name = "N")]
    pub workspaces: Option<usize>,
    /// Cut lists longer than this and answer has_more: true
    #[arg(long, default_value_t = 500)]
    pub list_limit: usize,
    /// Misbehave on purpose (for tests): create-422,delay=500
    #[arg(long, value_name = "FAULT", hide = true, value_delimiter = ',')]
    pub faults: Vec<sandbox::Fault>,
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Which source the token comes from (the token itself is masked)
    Status,
    /// Read a token from standard input and store it (0600 file, or --keyring)
    Save {
        /// Store it in the OS keyring (builds with --features keyring)
        #[arg(long)]
        keyring: bool,
    },
    /// Remove the stored token (file and keyring)
    Forget,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print where config, state and logs live
    Path,
}

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

/// Runs a non-interactive command. `None` command means the console, which
/// the binary handles before calling this.
pub async fn run(cli: Cli, paths: Paths) -> ExitCode {
    let result = match cli.command {
        Some(Command::Config {
            command: ConfigCommand::Path,
        }) => {
            out(&format!("config  {}", paths.config_file().display()));
            out(&format!("state   {}", paths.state_dir.display()));
            out(&format!("log     {}", paths.log_file().display()));
            Ok(())
        }
        Some(Command::Sandbox(args)) => run_sandbox(args).await,
        Some(Command::Token { command }) => token_command(command, &paths),
        Some(Command::Completions { shell }) => {
            use clap::CommandFactory;
            clap_complete::generate(shell, &mut Cli::command(), "alto", &mut std::io::stdout());
            Ok(())
        }
        Some(Command::Doctor) => {
            doctor(cli.api_url.as_deref(), cli.profile.as_deref(), &paths).await
        }
        Some(Command::Workspaces { command }) => {
            match client(cli.api_url.as_deref(), cli.profile.as_deref(), &paths) {
                Ok(c) => workspaces(&c, command).await,
                Err(f) => Err(f),
            }
        }
        Some(Command::Accounts { command }) => {
            match client(cli.api_url.as_deref(), cli.profile.as_deref(), &paths) {
                Ok(c) => accounts(&c, command).await,
                Err(f) => Err(f),
            }
        }
        None => console(cli, paths).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("{}", f.message);
            ExitCode::from(f.code)
        }
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

fn client(
    api_url: Option<&str>,
    profile: Option<&str>,
    paths: &Paths,
) -> Result<ApiClient, Failure> {
    let url = resolve_api_url(api_url, profile, paths).map_err(usage)?;
    let (token, _) = crate::token::resolve(paths).map_err(usage)?.ok_or_else(|| {
        usage(format!(
            "no API token: set {TOKEN_ENV}, or store one with `alto token save` (a token is never taken as an argument, which would show in `ps`)"
        ))
    })?;
    Ok(ApiClient::new(&url, token)?)
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

/// `alto doctor`: each check on one line, `ok` or `!!` with what to do.
async fn doctor(
    api_url: Option<&str>,
    profile: Option<&str>,
    paths: &Paths,
) -> Result<(), Failure> {
    let mut failed = 0;
    let mut line = |ok: bool, what: &str, detail: String| {
        if !ok {
            failed += 1;
        }
        out(&format!(
            "{}  {what:8} {}",
            if ok { "ok" } else { "!!" },
            inert(&detail)
        ));
    };
    let config = Config::load(&paths.config_file());
    match &config {
        Ok(c) => line(
            true,
            "config",
            format!(
                "{} (profile {})",
                paths.config_file().display(),
                c.active_profile
            ),
        ),
        Err(e) => line(false, "config", e.to_string()),
    }
    let url = match resolve_api_url(api_url, profile, paths) {
        Ok(url) => match crate::api::client::check_base_url(&url) {
            Ok(_) => {
                line(true, "api url", url.clone());
                Some(url)
            }
            Err(e) => {
                line(false, "api url", e.to_string());
                None
            }
        },
        Err(e) => {
            line(false, "api url", e);
            None
        }
    };
    let token = match crate::token::resolve(paths) {
        Ok(Some((t, source))) => {
            line(true, "token", format!("{} from {source}", t.masked()));
            Some(t)
        }
        Ok(None) => {
            line(
                false,
                "token",
                format!("none: set {TOKEN_ENV} or run `alto token save`"),
            );
            None
        }
        Err(e) => {
            line(false, "token", e);
            None
        }
    };
    if let Some(url) = url {
        let client = ApiClient::with_options(
            &url,
            token.clone().unwrap_or_else(|| Token::new("-")),
            crate::api::ClientOptions {
                get_retries: 0,
                timeout: std::time::Duration::from_secs(10),
                ..Default::default()
            },
        );
        let started = std::time::Instant::now();
        let answer = match client {
            Ok(c) => c.list_workspaces().await,
            Err(e) => Err(e),
        };
        let ms = started.elapsed().as_millis();
        match answer {
            Ok(list) => line(
                true,
                "api",
                format!(
                    "answered in {ms} ms; {} workspaces visible",
                    list.data.len()
                ),
            ),
            Err(e) if e.status() == Some(401) && token.is_none() => line(
                true,
                "api",
                format!("reachable in {ms} ms (401 without a token, as expected)"),
            ),
            Err(e) if e.status() == Some(401) => line(
                false,
                "api",
                format!("reachable, but the token was refused: {e}"),
            ),
            Err(e) => line(false, "api", e.to_string()),
        }
    }
    match crate::paths::ensure_private_dir(&paths.state_dir) {
        Ok(()) => line(true, "state", paths.state_dir.display().to_string()),
        Err(e) => line(
            false,
            "state",
            format!("{}: {e}", paths.state_dir.display()),
        ),
    }
    line(true, "log", paths.log_file().display().to_string());
    if failed == 0 {
        Ok(())
    } else {
        Err(Failure {
            code: 1,
            message: format!(
                "alto doctor: {failed} check{} failed",
                if failed == 1 { "" } else { "s" }
            ),
        })
    }
}

fn token_command(command: TokenCommand, paths: &Paths) -> Result<(), Failure> {
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

/// `alto` and `alto --demo`: the interactive console.
async fn console(cli: Cli, paths: Paths) -> Result<(), Failure> {
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
        let profile = match (&cli.api_url, &cli.profile) {
            (Some(_), _) => "(custom URL)".to_string(),
            (None, Some(p)) => p.clone(),
            (None, None) => Config::load(&paths.config_file())
                .map(|c| c.active_profile)
                .unwrap_or_else(|_| "default".into()),
        };
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

async fn run_sandbox(args: SandboxArgs) -> Result<(), Failure> {
    let opts = SandboxOptions {
        addr: args.addr,
        token: args.token,
        data: args.data,
        seed: args.workspaces.map_or(Seed::Demo, Seed::Generated),
        list_limit: args.list_limit,
        faults: args.faults,
    };
    let server = sandbox::start(opts)
        .await
        .map_err(|e| usage(e.to_string()))?;
    eprintln!(
        "alto sandbox listening on {} (Ctrl+C stops it)\n  try: ALTOSTRAT_API_URL={} ALTOSTRAT_TOKEN=demo alto workspaces list",
        server.url(),
        server.url()
    );
    server.run_until_ctrl_c().await;
    Ok(())
}

async fn workspaces(c: &ApiClient, command: WorkspacesCommand) -> Result<(), Failure> {
    match command {
        WorkspacesCommand::List { json } => {
            let list = c.list_workspaces().await?;
            if json {
                print_json(&list);
            } else {
                let rows: Vec<Vec<String>> = list
                    .data
                    .iter()
                    .map(|w| {
                        vec![
                            w.id.clone(),
                            w.name.clone(),
                            w.billing_mode
                                .as_ref()
                                .map(|m| m.as_str().to_string())
                                .unwrap_or_default(),
                            if w.archived {
                                "archived".into()
                            } else {
                                String::new()
                            },
                        ]
                    })
                    .collect();
                print_table(&["ID", "NAME", "MODE", ""], &rows);
                partial_note(list.has_more, list.data.len());
            }
        }
        WorkspacesCommand::Get { id, json } => {
            let w = c.get_workspace(&id).await?;
            if json {
                print_json(&w);
            } else {
                print_pairs(&workspace_pairs(&w));
            }
        }
    }
    Ok(())
}

async fn accounts(c: &ApiClient, command: AccountsCommand) -> Result<(), Failure> {
    match command {
        AccountsCommand::List { workspace, json } => {
            let list = c.list_accounts(&workspace).await?;
            if json {
                print_json(&list);
            } else {
                let rows: Vec<Vec<String>> = list
                    .data
                    .iter()
                    .map(|a| {
                        vec![
                            a.id.clone(),
                            a.name.clone(),
                            a.email.clone(),
                            a.currency.clone().unwrap_or_default(),
                            a.address
                                .as_ref()
                                .and_then(|ad| ad.country.clone())
                                .unwrap_or_default(),
                            a.created_at.clone(),
                        ]
                    })
                    .collect();
                print_table(&["ID", "NAME", "EMAIL", "CUR", "COUNTRY", "CREATED"], &rows);
                partial_note(list.has_more, list.data.len());
            }
        }
        AccountsCommand::Get {
            workspace,
            id,
            json,
        } => {
            let a = c.get_account(&workspace, &id).await?;
            show_account(&a, json);
        }
        AccountsCommand::Create {
            workspace,
            fields,
            from_file,
            json,
        } => {
            let mut input = AccountInput::default();
            if let Some(path) = from_file {
                for (field, value) in read_body_file(&path)? {
                    *input.get_mut(field) = normalise(field, &value);
                }
            }
            for (field, value) in fields.given() {
                *input.get_mut(field) = value;
            }
            let body = input.validate().map_err(|v| violations_failure(&v))?;
            // One key per invocation: a server that honours it will not
            // create twice even if a proxy repeats the request.
            let key = uuid::Uuid::new_v4().to_string();
            let a = c
                .create_account(&workspace, &body, &key)
                .await
                .map_err(|e| {
                    let unclear = e.outcome_unknown();
                    let mut f = Failure::from(e);
                    if unclear {
                        f.message.push_str(&format!(
                            "\n  outcome unknown: the account may have been created. Check with\n  `alto accounts list --workspace {}` before running this again.",
                            inert(&workspace)
                        ));
                    }
                    f
                })?;
            show_account(&a, json);
        }
        AccountsCommand::Update {
            workspace,
            id,
            fields,
            json,
        } => {
            let changes = fields.given();
            if changes.is_empty() {
                return Err(usage("nothing to change: give at least one field flag"));
            }
            let body = rules::validate_patch(&changes).map_err(|v| violations_failure(&v))?;
            let a = c.update_account(&workspace, &id, &body).await?;
            show_account(&a, json);
        }
        AccountsCommand::Delete { workspace, id, yes } => {
            if !yes {
                confirm_delete(&workspace, &id)?;
            }
            c.delete_account(&workspace, &id).await?;
            eprintln!("deleted {}", inert(&id));
        }
    }
    Ok(())
}

fn read_body_file(path: &std::path::Path) -> Result<Vec<(Field, String)>, Failure> {
    let shown = path.display();
    let text =
        crate::paths::read_text(path).map_err(|e| usage(format!("cannot read {shown}: {e}")))?;
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| usage(format!("{shown}: not valid JSON: {e}")))?;
    let (fields, errors) =
        rules::fields_from_json(&value).map_err(|m| usage(format!("{shown}: {m}")))?;
    if !errors.is_empty() {
        let mut message = format!("alto: nothing was sent; {shown} has fields of the wrong type:");
        for (key, msgs) in errors {
            message.push_str(&format!("\n  {key}: {}", msgs.join(" ")));
        }
        return Err(Failure {
            code: EXIT_USAGE,
            message,
        });
    }
    Ok(fields)
}

fn confirm_delete(workspace: &str, id: &str) -> Result<(), Failure> {
    if !std::io::stdin().is_terminal() {
        return Err(usage(
            "refusing to delete without confirmation: pass --yes when not at a terminal",
        ));
    }
    eprint!(
        "Delete billing account {} from workspace {}? This cannot be undone. [y/N] ",
        inert(id),
        inert(workspace)
    );
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    std::io::stdin()
        .read_line(&mut answer)
        .map_err(|e| usage(e.to_string()))?;
    if matches!(answer.trim(), "y" | "Y" | "yes") {
        Ok(())
    } else {
        Err(usage("not deleted"))
    }
}

fn partial_note(has_more: bool, shown: usize) {
    if has_more {
        eprintln!(
            "note: the API says there are more than these {shown}; it documents no paging, so only these are shown"
        );
    }
}

fn show_account(a: &BillingAccount, json: bool) {
    if let Some(warning) = a.contract_warning() {
        eprintln!("alto: warning: {warning}");
    }
    if json {
        print_json(a);
    } else {
        print_pairs(&account_pairs(a));
    }
}

/// Label/value rows for a billing account, in the detail pane's order.
pub fn account_pairs(a: &BillingAccount) -> Vec<(&'static str, String)> {
    let addr = a.address.clone().unwrap_or_default();
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    vec![
        ("id", a.id.clone()),
        ("workspace", a.workspace_id.clone()),
        ("name", a.name.clone()),
        ("email", a.email.clone()),
        ("phone", opt(&a.phone)),
        ("description", opt(&a.description)),
        ("currency", opt(&a.currency)),
        ("country", opt(&addr.country)),
        ("line1", opt(&addr.line1)),
        ("line2", opt(&addr.line2)),
        ("city", opt(&addr.city)),
        ("state", opt(&addr.state)),
        ("postal code", opt(&addr.postal_code)),
        ("created", a.created_at.clone()),
        ("updated", a.updated_at.clone()),
    ]
}

fn workspace_pairs(w: &Workspace) -> Vec<(&'static str, String)> {
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    vec![
        ("id", w.id.clone()),
        ("name", w.name.clone()),
        ("description", opt(&w.description)),
        (
            "billing mode",
            w.billing_mode
                .as_ref()
                .map(|m| m.as_str().to_string())
                .unwrap_or_default(),
        ),
        (
            "seat limit",
            w.pooled_seat_limit
                .map(|n| n.to_string())
                .unwrap_or_default(),
        ),
        ("archived", w.archived.to_string()),
        ("created", opt(&w.created_at)),
        ("updated", opt(&w.updated_at)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_are_a_comma_list() {
        let cli = Cli::try_parse_from([
            "alto",
            "--demo",
            "--sandbox-faults",
            "create-bad-id,delay=20",
        ])
        .unwrap();
        assert_eq!(
            cli.sandbox_faults,
            vec![
                sandbox::Fault::CreateBadId,
                sandbox::Fault::Delay(std::time::Duration::from_millis(20))
            ]
        );
    }
}
