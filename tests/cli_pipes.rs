//! Output into a pipe nobody reads (`alto … | head -1` once head is done):
//! every command ends quietly, by SIGPIPE or exit 0, never by a panic.

mod common;

use common::cli::*;
use std::os::unix::process::ExitStatusExt;
use std::process::Stdio;

/// Runs `args` with stdout into a pipe whose reading end is already closed.
fn into_a_closed_pipe(
    env: &[(&str, String)],
    args: &[String],
) -> (std::process::ExitStatus, String) {
    let dir = tempfile::tempdir().unwrap();
    let pairs = pairs_of(env);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = command_in(dir.path(), &pairs, &args)
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    (
        out.status,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[tokio::test]
async fn output_to_a_closed_pipe_ends_quietly_for_every_kind_of_output() {
    let sb = demo().await;
    let ws = workspace_named(&sb, "ACME Corporation");
    let commands: Vec<Vec<&str>> = vec![
        vec!["completions", "bash"],
        vec!["man"],
        vec!["--help"],
        vec!["workspaces", "list"],
        vec!["workspaces", "list", "--output", "csv"],
        vec!["workspaces", "list", "--output", "json"],
        vec!["accounts", "list", "-w", &ws],
        vec!["find", "--cached", "acme"],
    ];
    for args in commands {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let env = env(&sb);
        let (status, stderr) = {
            let args = args.clone();
            tokio::task::spawn_blocking(move || into_a_closed_pipe(&env, &args))
                .await
                .unwrap()
        };
        let quiet = status.success() || status.signal() == Some(13);
        assert!(quiet, "{args:?}: {status:?}\n{stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}
