//! Running the real `alto` binary against an in-process sandbox, for the
//! CLI tests: a private config dir, a clean environment, the exit code and
//! both streams back.

use alto::sandbox::RunningSandbox;
use std::process::{Command, Output};

// The sandbox's helpers are written once, in `sandbox`.
pub use super::sandbox::{demo, with_faults, ws as workspace_named};

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `alto args…` with a private config dir and the given environment.
pub async fn alto(env: &[(&str, &str)], args: &[&str]) -> Run {
    let config = tempfile::tempdir().unwrap();
    alto_in(config.path(), env, args).await
}

/// `alto args…` as a command with `dir` as its config dir (and so its
/// state and cache), a clean environment plus `env`.
pub fn command_in(dir: &std::path::Path, env: &[(&str, &str)], args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_alto"));
    cmd.args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("ALTO_CONFIG_DIR", dir);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd
}

/// Runs `alto args…` with `dir` as its config dir, kept between runs.
pub async fn alto_in(dir: &std::path::Path, env: &[(&str, &str)], args: &[&str]) -> Run {
    let mut cmd = command_in(dir, env, args);
    let out: Output = tokio::task::spawn_blocking(move || cmd.output())
        .await
        .unwrap()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub fn env(sb: &RunningSandbox) -> Vec<(&'static str, String)> {
    vec![
        ("ALTOSTRAT_API_URL", sb.url()),
        ("ALTOSTRAT_TOKEN", "demo".into()),
    ]
}

/// `env` as the pairs `alto` and `alto_in` take.
pub fn pairs_of<'a, 'k>(env: &'a [(&'k str, String)]) -> Vec<(&'k str, &'a str)> {
    env.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

pub async fn run(sb: &RunningSandbox, args: &[&str]) -> Run {
    alto(&pairs_of(&env(sb)), args).await
}
