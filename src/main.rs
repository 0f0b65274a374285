//! The `alto` binary: parse arguments, start logging, run one command.

use alto::cli::{self, Cli};
use alto::paths::Paths;
use clap::{CommandFactory, FromArgMatches};
use std::process::ExitCode;

fn main() -> ExitCode {
    let paths = Paths::from_env();
    let bare = match std::env::args_os().len() {
        1 => Cli::bare(std::env::var_os("ALTOSTRAT_API_URL")),
        _ => None,
    };
    let cli = bare.unwrap_or_else(|| parse(&paths));
    // A command's output to a closed pipe (`alto … | head -1`) ends it as
    // it ends `cat`: quietly, by SIGPIPE. Not the console (its terminal is
    // restored on every exit) nor the sandbox (a server outlives a reader
    // of its banner).
    if !matches!(cli.command, None | Some(alto::cli::Command::Sandbox(_))) {
        sigpipe::reset();
    }
    let _log = alto::logging::init(&paths);
    // One thread runs everything: update is synchronous and quick, HTTP is
    // async, and every extra thread costs start-up time and memory (each
    // gets its own allocator arena). `alto sandbox` alone serves on more.
    let mut builder = match &cli.command {
        Some(alto::cli::Command::Sandbox(_)) => tokio::runtime::Builder::new_multi_thread(),
        _ => tokio::runtime::Builder::new_current_thread(),
    };
    let runtime = match builder.enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("alto: cannot start the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    let code = runtime.block_on(cli::run(cli, paths));
    // Quitting never waits on a read still blocked off the UI thread (a
    // file on a hung mount, a terminal device): what must be on disk was
    // written before the command returned.
    runtime.shutdown_background();
    code
}

fn parse(paths: &Paths) -> Cli {
    // `--version` also says where alto keeps its files.
    let version: &'static str = Box::leak(cli::long_version(paths).into_boxed_str());
    let matches = Cli::command().long_version(version).get_matches();
    match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    }
}
