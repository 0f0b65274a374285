//! The real `alto` binary's setup: the config and its paths, the token
//! (environment, saved file, keyring with `--features keyring`), `version`,
//! the manual, `doctor`, where the API URL comes from, and the log.

use alto::sandbox::{self, SandboxOptions};
use std::process::Command;

mod common;

use common::cli::*;

#[tokio::test]
async fn token_only_from_the_environment() {
    let sb = demo().await;
    let r = alto(&[("ALTOSTRAT_API_URL", &sb.url())], &["workspaces", "list"]).await;
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("ALTOSTRAT_TOKEN"));
    let r = alto(&[], &["workspaces", "list", "--token", "x"]).await;
    assert_eq!(r.code, 2, "no --token flag exists");
    assert!(sb.served().is_empty());
}

#[tokio::test]
async fn config_path_names_every_place() {
    let r = alto(&[], &["config", "path"]).await;
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("config.toml"));
    assert!(r.stdout.contains("alto.log"));
}

#[tokio::test]
async fn a_corrupt_config_is_reported_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(
        &path,
        "active_profile = \"default\"\n[profiles.default\napi_url = 1\n",
    )
    .unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_alto"));
    cmd.args(["workspaces", "list"])
        .env_clear()
        .env("ALTO_CONFIG_DIR", dir.path())
        .env("ALTOSTRAT_TOKEN", "t");
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr.contains("config.toml:2:"), "{stderr}");
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("[profiles.default\n")
    );
}

#[tokio::test]
async fn token_save_status_and_a_loose_file_refused() {
    use std::io::Write;
    let sb = demo().await;
    let config = tempfile::tempdir().unwrap();
    let run_with = |args: &'static [&'static str], stdin: Option<&'static str>| {
        let dir = config.path().to_path_buf();
        let url = sb.url();
        async move {
            tokio::task::spawn_blocking(move || {
                let mut child = Command::new(env!("CARGO_BIN_EXE_alto"))
                    .args(args)
                    .env_clear()
                    .env("ALTO_CONFIG_DIR", &dir)
                    .env("ALTOSTRAT_API_URL", url)
                    .stdin(std::process::Stdio::piped())
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap();
                if let Some(text) = stdin {
                    child
                        .stdin
                        .take()
                        .unwrap()
                        .write_all(text.as_bytes())
                        .unwrap();
                }
                child.wait_with_output().unwrap()
            })
            .await
            .unwrap()
        }
    };
    let out = run_with(&["token", "save"], Some("sk_cli_secret_987654\n")).await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!String::from_utf8_lossy(&out.stderr).contains("sk_cli_secret_987654"));
    let out = run_with(&["token", "status"], None).await;
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("from token file") && text.contains("sk_c••••••"),
        "{text}"
    );
    assert!(!text.contains("sk_cli_secret_987654"));
    // The stored token works for commands.
    let out = run_with(&["workspaces", "list"], None).await;
    assert!(out.status.success());
    // Loosened by someone: refused, with the fix in the message.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let file = config.path().join("token");
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        let out = run_with(&["workspaces", "list"], None).await;
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("chmod 600"), "{err}");
    }
    let out = run_with(&["token", "forget"], None).await;
    assert!(out.status.success());
    let out = run_with(&["workspaces", "list"], None).await;
    assert_eq!(out.status.code(), Some(2));
}

#[tokio::test]
async fn version_names_the_paths_and_completions_cover_every_command() {
    let r = alto(&[], &["--version"]).await;
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with("alto "), "{}", r.stdout);
    assert!(r.stdout.contains("config.toml") && r.stdout.contains("alto.log"));
    for shell in ["bash", "zsh", "fish"] {
        let r = alto(&[], &["completions", shell]).await;
        assert_eq!(r.code, 0, "{shell}");
        for word in [
            "workspaces",
            "accounts",
            "sandbox",
            "doctor",
            "completions",
            "api-url",
        ] {
            assert!(r.stdout.contains(word), "{shell} completions lack {word}");
        }
    }
    let r = alto(&[], &["completions", "tcsh"]).await;
    assert_eq!(r.code, 2, "an unknown shell is a usage error");
}

#[tokio::test]
async fn the_manual_is_generated_from_the_same_definitions_as_help() {
    let r = alto(&[], &["man"]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains(".TH alto 1"),
        "roff: {}",
        &r.stdout[..200.min(r.stdout.len())]
    );
    for word in [
        "workspaces",
        "orgs",
        "members",
        "ALTOSTRAT_TOKEN",
        "Exit codes",
    ] {
        assert!(r.stdout.contains(word), "the page lacks {word}");
    }
    let dir = tempfile::tempdir().unwrap();
    let r = alto(&[], &["man", "--dir", dir.path().to_str().unwrap()]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = std::fs::read_to_string(dir.path().join("alto-orgs-usage-pdf.1")).unwrap();
    assert!(page.contains("force"), "{page}");
}

#[tokio::test]
async fn doctor_checks_config_token_api_and_paths() {
    let sb = sandbox::start(SandboxOptions {
        token: Some("right-token-123456".into()),
        ..Default::default()
    })
    .await
    .unwrap();
    let url = sb.url();
    let r = alto(
        &[
            ("ALTOSTRAT_API_URL", &url),
            ("ALTOSTRAT_TOKEN", "right-token-123456"),
        ],
        &["doctor"],
    )
    .await;
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    for check in [
        "ok  config",
        "ok  api url",
        "ok  token",
        "ok  api",
        "ok  state",
    ] {
        assert!(r.stdout.contains(check), "{check} missing:\n{}", r.stdout);
    }
    assert!(
        !r.stdout.contains("right-token-123456"),
        "the token is masked"
    );
    let r = alto(
        &[
            ("ALTOSTRAT_API_URL", &url),
            ("ALTOSTRAT_TOKEN", "wrong-token-987654"),
        ],
        &["doctor"],
    )
    .await;
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains("!!  api") && r.stdout.contains("token was refused"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("wrong-token-987654"));
    assert!(r.stderr.contains("1 check failed"));
}

#[tokio::test]
async fn a_token_with_a_line_break_is_named_not_echoed() {
    let sb = demo().await;
    let url = sb.url();
    let r = alto(
        &[
            ("ALTOSTRAT_API_URL", url.as_str()),
            ("ALTOSTRAT_TOKEN", "sk_secret_line\nbreak"),
        ],
        &["workspaces", "list"],
    )
    .await;
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("the API token cannot be used: it holds a line break"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("invalid API URL"), "{}", r.stderr);
    assert!(!r.stderr.contains("sk_secret"), "{}", r.stderr);
}

/// The API URL `alto doctor` reports with this config, environment and flags.
async fn url_used(config: Option<&str>, env_url: Option<&str>, args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    if let Some(text) = config {
        std::fs::write(dir.path().join("config.toml"), text).unwrap();
    }
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_alto"));
    cmd.arg("doctor")
        .args(args)
        .env_clear()
        .env("ALTO_CONFIG_DIR", dir.path())
        .env("ALTOSTRAT_TOKEN", "t");
    if let Some(url) = env_url {
        cmd.env("ALTOSTRAT_API_URL", url);
    }
    let out = tokio::task::spawn_blocking(move || cmd.output().unwrap())
        .await
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let line = stdout
        .lines()
        .find(|l| l.contains("api url"))
        .unwrap_or_else(|| panic!("no api url line:\n{stdout}"));
    line.split_whitespace().last().unwrap().to_string()
}

#[tokio::test]
async fn the_api_url_comes_from_the_flag_then_the_environment_then_the_profile() {
    // Loopback ports nothing listens on: doctor's request fails at once.
    let config = "active_profile = \"one\"\n\n[profiles.one]\napi_url = \"http://127.0.0.1:9/one\"\n\n[profiles.two]\napi_url = \"http://127.0.0.1:9/two\"\n";
    let flag = ["--api-url", "http://127.0.0.1:9/flag"];
    let env = Some("http://127.0.0.1:9/env");
    assert_eq!(
        url_used(Some(config), env, &flag).await,
        "http://127.0.0.1:9/flag"
    );
    assert_eq!(
        url_used(Some(config), env, &[]).await,
        "http://127.0.0.1:9/env"
    );
    assert_eq!(
        url_used(Some(config), None, &[]).await,
        "http://127.0.0.1:9/one"
    );
    let other = ["--profile", "two"];
    assert_eq!(
        url_used(Some(config), None, &other).await,
        "http://127.0.0.1:9/two"
    );
    // No flag, no environment, no config: the real API (checked without
    // running doctor, which would send a request to it).
    let dir = tempfile::tempdir().unwrap();
    let paths = alto::paths::Paths {
        config_dir: dir.path().to_path_buf(),
        state_dir: dir.path().join("state"),
        cache_dir: dir.path().join("cache"),
    };
    let url = alto::cli::resolve_api_url(None, None, &paths).unwrap();
    assert_eq!(url, "https://api.altostrat.io");
}

#[cfg(unix)]
#[tokio::test]
async fn the_log_is_created_the_owners_only_and_an_existing_one_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let sb = demo().await;
    let config = tempfile::tempdir().unwrap();
    let env = [
        ("ALTOSTRAT_API_URL", sb.url()),
        ("ALTOSTRAT_TOKEN", "demo".into()),
    ];
    let pairs = pairs_of(&env);
    let log = config.path().join("state/alto.log");
    assert_eq!(
        alto_in(config.path(), &pairs, &["workspaces", "list"])
            .await
            .code,
        0
    );
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&log), 0o600);
    assert!(
        std::fs::read_to_string(&log)
            .unwrap()
            .contains("api request"),
        "written at once"
    );
    std::fs::set_permissions(&log, std::fs::Permissions::from_mode(0o640)).unwrap();
    assert_eq!(
        alto_in(config.path(), &pairs, &["workspaces", "list"])
            .await
            .code,
        0
    );
    assert_eq!(mode(&log), 0o640, "not alto's to change");
}
