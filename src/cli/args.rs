//! The command line, as clap types: every command, flag and its help.

use super::*;

pub const TOKEN_ENV: &str = "ALTOSTRAT_TOKEN";

pub const EXIT_USAGE: u8 = 2;
/// The API's budget: a 429, or no turn free and `--no-wait`.
pub const EXIT_RATE_LIMITED: u8 = 5;
/// Some of the work was done and the rest was not sent, for reasons found
/// before sending (`accounts import --skip-invalid` with rows skipped).
pub const EXIT_PARTIAL: u8 = 6;

/// Every `--workspace`: an id or a name, resolved before anything is sent.
pub const WORKSPACE_HELP: &str = "The workspace: its id (ws_…) or its exact name (any case); several with that name are listed and nothing is sent";

#[derive(Debug, Parser)]
#[command(
    name = "alto",
    version,
    about = "A terminal admin console for the Altostrat SDX API",
    long_about = "A terminal admin console for the Altostrat SDX API.\n\n\
        Without a command, opens the interactive console. `alto --demo` opens it on an \
        embedded sandbox API with demo data (no token, no network).",
    after_help = "The API token is read from ALTOSTRAT_TOKEN (never from an argument).\n\
        Exit codes: 0 ok, 2 usage or validation error (nothing sent), 3 the API refused, 4 network or timeout, \
        5 rate-limited (HTTP 429, or --no-wait and the budget spent), 6 partly done."
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

    /// Have the demo sandbox enforce the API's budget: 429 beyond N requests a minute [N: 60]
    #[arg(
        long,
        value_name = "N",
        requires = "demo",
        num_args = 0..=1,
        default_missing_value = "60"
    )]
    pub sandbox_rate_limit: Option<usize>,

    /// API base URL [default: the active profile's, else https://api.altostrat.io]
    #[arg(long, global = true, env = "ALTOSTRAT_API_URL", value_name = "URL")]
    pub api_url: Option<String>,

    /// Use this profile from the config file instead of the active one
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,

    /// Give up on a request after this many seconds without an answer
    /// (exit code 4) [default: 30]
    #[arg(long, global = true, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..=600))]
    pub timeout: Option<u64>,

    /// Never wait for the API's budget (60 requests a minute, shared by
    /// every alto on this machine): exit 5 at once instead
    #[arg(long, global = true, env = "ALTO_NO_WAIT", value_parser = clap::builder::FalseyValueParser::new())]
    pub no_wait: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// What `alto` with no argument parses to, without building the whole
    /// command tree (~0.5 ms of every console start): `None` when the
    /// environment leaves any doubt (`ALTOSTRAT_API_URL` empty or not
    /// UTF-8), and clap then decides as always.
    pub fn bare(api_url: Option<std::ffi::OsString>) -> Option<Cli> {
        let api_url = match api_url {
            None => None,
            Some(url) => Some(url.into_string().ok().filter(|u| !u.is_empty())?),
        };
        Some(Cli {
            demo: false,
            sandbox_data: None,
            sandbox_faults: Vec::new(),
            sandbox_rate_limit: None,
            api_url,
            profile: None,
            timeout: None,
            no_wait: false,
            command: None,
        })
    }
}

// Parsed once per run: the size of the biggest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List, show, create, rename or archive workspaces
    Workspaces {
        #[command(subcommand)]
        command: WorkspacesCommand,
    },
    /// List, add, re-role or remove a workspace's members
    Members {
        #[command(subcommand)]
        command: MembersCommand,
    },
    /// Browse a workspace's organization tree, its limits and usage; create, change, delete
    Orgs {
        #[command(subcommand)]
        command: OrgsCommand,
    },
    /// List, show, create, update or delete billing accounts
    Accounts {
        #[command(subcommand)]
        command: AccountsCommand,
    },
    /// List, show, create, change or cancel a billing account's subscriptions
    Subscriptions {
        #[command(subcommand)]
        command: SubscriptionsCommand,
    },
    /// List a billing account's payment methods, make one the default, detach one
    #[command(name = "payment-methods")]
    PaymentMethods {
        #[command(subcommand)]
        command: PaymentMethodsCommand,
    },
    /// List a billing account's invoices, or preview the next one after a change
    Invoices {
        #[command(subcommand)]
        command: InvoicesCommand,
    },
    /// Find billing accounts (email, name, cus_ id, phone, postal code) and workspaces across every workspace
    Find(FindArgs),
    /// Show or clear the local index that `find` searches
    Cache {
        #[command(subcommand)]
        command: CacheCommand,
    },
    /// Run the sandbox API server (follows the contract; loopback only)
    Sandbox(SandboxArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell)
    Completions { shell: clap_complete::Shell },
    /// Print the manual page (roff), or write one page per command into DIR
    Man {
        /// Write alto.1 and a page per command (alto-orgs.1, …) here instead
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
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
        #[command(flatten)]
        out: ListOutput,
    },
    /// Show one workspace
    Get {
        /// The workspace: its id (ws_…) or its exact name
        #[arg(value_name = "WORKSPACE")]
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Create a workspace (you become its owner); the billing mode is permanent
    Create {
        /// Name (required, at most 50 characters)
        #[arg(long)]
        name: String,
        /// pooled, assigned or single: chosen once, it cannot change
        #[arg(long, value_name = "MODE")]
        billing_mode: String,
        /// Description (at most 200 characters)
        #[arg(long)]
        description: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Rename or describe a workspace (owners and admins; "" clears the description)
    Update {
        /// The workspace: its id (ws_…) or its exact name
        #[arg(value_name = "WORKSPACE")]
        id: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        description: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Archive a workspace (owners; refused while it holds active subscriptions; asks first unless --yes)
    Archive {
        /// The workspace: its id (ws_…) or its exact name
        #[arg(value_name = "WORKSPACE")]
        id: String,
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum MembersCommand {
    /// List a workspace's members and their roles
    List {
        #[arg(long, short, value_name = "WORKSPACE", help = WORKSPACE_HELP)]
        workspace: String,
        #[command(flatten)]
        out: ListOutput,
    },
    /// Add a user (an Auth0 user id such as auth0|64f5…) with a role
    Add {
        #[arg(long, short, value_name = "WORKSPACE", help = WORKSPACE_HELP)]
        workspace: String,
        /// The user's Auth0 id (sub), e.g. auth0|64f5a6b7c8d9e0f1a2b3c4d5
        #[arg(long = "user", value_name = "USER_ID")]
        user: String,
        /// owner, admin or viewer
        #[arg(long)]
        role: String,
        #[arg(long)]
        json: bool,
    },
    /// Change a member's role (the hierarchy applies: an admin makes no owner)
    Role {
        #[arg(long, short, value_name = "WORKSPACE", help = WORKSPACE_HELP)]
        workspace: String,
        /// The member's user id
        user: String,
        /// owner, admin or viewer
        #[arg(long)]
        role: String,
        #[arg(long)]
        json: bool,
    },
    /// Remove a member (the last owner cannot be removed; asks first unless --yes)
    Remove {
        #[arg(long, short, value_name = "WORKSPACE", help = WORKSPACE_HELP)]
        workspace: String,
        user: String,
        #[arg(long)]
        yes: bool,
    },
}

/// Which billing account: `--workspace WS --account CUS`.
#[derive(Debug, Args)]
pub struct AccountTarget {
    #[arg(long, short, value_name = "WORKSPACE", help = WORKSPACE_HELP)]
    pub workspace: String,
    /// The billing account (cus_…)
    #[arg(long, short, value_name = "ID")]
    pub account: String,
}

#[derive(Debug, Subcommand)]
pub enum SubscriptionsCommand {
    /// List the account's subscriptions
    List {
        #[command(flatten)]
        at: AccountTarget,
        #[command(flatten)]
        out: ListOutput,
    },
    /// Show one subscription (read from the list where the API has no such call)
    Get {
        #[command(flatten)]
        at: AccountTarget,
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Create a subscription: a 14-day trial when eligible, else the default payment method pays
    Create {
        #[command(flatten)]
        at: AccountTarget,
        /// Quantities, e.g. locations=5,users=25 (1 to 1,000,000 each)
        #[arg(long, value_name = "PRODUCT=N,...")]
        products: String,
        /// Up to 10 pairs, e.g. order_id=6735
        #[arg(long, value_name = "KEY=VALUE,...")]
        metadata: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Apply one change: pause, resume, sync, quantities, add or remove products, or metadata
    Update {
        #[command(flatten)]
        at: AccountTarget,
        id: String,
        #[command(flatten)]
        change: ChangeArgs,
        #[arg(long)]
        json: bool,
    },
    /// Cancel at the end of the current period (asks first unless --yes)
    Cancel {
        #[command(flatten)]
        at: AccountTarget,
        id: String,
        #[arg(long)]
        yes: bool,
    },
    /// Whether a new subscription would get a free trial, and what is still needed
    Trial {
        #[command(flatten)]
        at: AccountTarget,
        #[arg(long)]
        json: bool,
    },
}

/// The one change `subscriptions update` sends.
#[derive(Debug, Default, Args)]
#[group(required = true, multiple = true)]
pub struct ChangeArgs {
    /// pause, resume or sync
    #[arg(long, value_parser = ["pause", "resume", "sync"])]
    pub action: Option<String>,
    /// Replace every quantity, e.g. locations=12,users=25 (a product left out, or at 0, is removed)
    #[arg(long, value_name = "PRODUCT=N,...")]
    pub quantities: Option<String>,
    /// Add products or raise their quantities, e.g. sso=1
    #[arg(long, value_name = "PRODUCT=N,...")]
    pub add: Option<String>,
    /// Remove products, e.g. sso or sso,users
    #[arg(long, value_name = "PRODUCT,...")]
    pub remove: Option<String>,
    /// Merge metadata, e.g. project=p1 (alone or with --quantities)
    #[arg(long, value_name = "KEY=VALUE,...")]
    pub metadata: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum PaymentMethodsCommand {
    /// List the account's payment methods (default and expired ones marked)
    List {
        #[command(flatten)]
        at: AccountTarget,
        #[command(flatten)]
        out: ListOutput,
    },
    /// Make a payment method the account's default
    Default {
        #[command(flatten)]
        at: AccountTarget,
        id: String,
    },
    /// Detach a payment method (asks first unless --yes)
    Detach {
        #[command(flatten)]
        at: AccountTarget,
        id: String,
        #[arg(long)]
        yes: bool,
    },
    /// Start adding a card: cards are entered in Stripe's page, not here
    Add {
        #[command(flatten)]
        at: AccountTarget,
    },
}

#[derive(Debug, Subcommand)]
pub enum InvoicesCommand {
    /// List invoices, newest first, a page at a time (or --all)
    List {
        #[command(flatten)]
        at: AccountTarget,
        /// Invoices per page, 1 to 200 [default: the API's, 100]
        #[arg(long)]
        limit: Option<i64>,
        /// The page after this invoice (the last one's id; next_cursor)
        #[arg(long, value_name = "INVOICE_ID", conflicts_with_all = ["before", "all"])]
        after: Option<String>,
        /// The page before this invoice (the first one's id; previous_cursor)
        #[arg(long, value_name = "INVOICE_ID", conflicts_with = "all")]
        before: Option<String>,
        /// Follow the cursor to the last page, within the request budget
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        out: ListOutput,
    },
    /// What the next invoice would be after a change (changes nothing)
    Preview {
        #[command(flatten)]
        at: AccountTarget,
        /// The subscription to change; leave out to preview a new one
        #[arg(long, value_name = "SUB_ID")]
        subscription: Option<String>,
        /// Quantities after the change, e.g. locations=12,users=25 (0 removes)
        #[arg(long, value_name = "PRODUCT=N,...", required_unless_present = "cancel")]
        items: Option<String>,
        /// month or year for every product [default: each product's
        /// interval on --subscription; month for a new one]
        #[arg(long, value_parser = ["month", "year"])]
        interval: Option<String>,
        /// Preview cancelling the subscription instead
        #[arg(long, requires = "subscription")]
        cancel: bool,
        #[arg(long)]
        json: bool,
    },
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
    /// Answer 429 (with Retry-After) beyond N requests a minute per token, as the API does [N: 60]
    #[arg(long, value_name = "N", num_args = 0..=1, default_missing_value = "60")]
    pub rate_limit: Option<usize>,
    /// Serve HTTPS with a throwaway certificate; its CA is written to --ca-file
    #[arg(long)]
    pub tls: bool,
    /// With --tls: where to write the CA to trust (for SSL_CERT_FILE) [default: in alto's cache dir]
    #[arg(long, value_name = "FILE", requires = "tls")]
    pub ca_file: Option<PathBuf>,
}

/// How a list is printed: `--output table|json|csv`; `--json` is the
/// same as `--output json`.
#[derive(Debug, Clone, Copy, Default, Args)]
pub struct ListOutput {
    /// Print the API's answer as JSON (the same as --output json)
    #[arg(long)]
    pub json: bool,
    /// table (the default), json (the API's answer) or csv (the table's columns, RFC 4180)
    #[arg(long, value_enum, value_name = "FORMAT", conflicts_with = "json")]
    pub output: Option<Format>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
}

impl ListOutput {
    pub fn format(self) -> Format {
        match self.json {
            true => Format::Json,
            false => self.output.unwrap_or(Format::Table),
        }
    }
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

#[cfg(test)]
mod bare_tests {
    use super::*;
    use clap::Parser;

    /// The fast path gives what clap gives for `alto` alone.
    #[test]
    fn bare_is_what_clap_parses_from_no_argument() {
        let parsed = Cli::try_parse_from(["alto", "--api-url", "https://api.example"]).unwrap();
        let bare = Cli::bare(Some("https://api.example".into())).unwrap();
        assert_eq!(format!("{bare:?}"), format!("{parsed:?}"));
        let env = std::env::var_os("ALTOSTRAT_API_URL");
        if env
            .as_ref()
            .is_none_or(|v| v.to_str().is_some_and(|s| !s.is_empty()))
        {
            let parsed = Cli::try_parse_from(["alto"]).unwrap();
            assert_eq!(
                format!("{:?}", Cli::bare(env).unwrap()),
                format!("{parsed:?}")
            );
        }
        // Doubt is left to clap.
        assert!(Cli::bare(Some("".into())).is_none());
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStringExt;
            assert!(Cli::bare(Some(std::ffi::OsString::from_vec(vec![0xff]))).is_none());
        }
    }
}
