//! The real `alto` binary against an in-process sandbox: what a newcomer
//! types, with the exit codes the README promises.

use alto::sandbox::{self, RunningSandbox, SandboxOptions};
use std::process::Command;

mod cli_run;

use cli_run::*;

#[tokio::test]
async fn create_with_every_flag_prints_the_account() {
    let sb = demo().await;
    let ws = workspace_named(&sb, "Soylent Foods");
    let r = run(
        &sb,
        &[
            "accounts",
            "create",
            "--workspace",
            &ws,
            "--name",
            "ACME Corp (EU)",
            "--email",
            "billing-eu@acme.com",
            "--phone",
            "+442071234567",
            "--description",
            "For all European operations.",
            "--currency",
            "EUR",
            "--country",
            "gb",
            "--line1",
            "123 Main Street",
            "--line2",
            "Suite 456",
            "--city",
            "London",
            "--state",
            "LDN",
            "--postal-code",
            "EC1A 1BB",
            "--json",
        ],
    )
    .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let a: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert!(a["id"].as_str().unwrap().starts_with("cus_"));
    assert_eq!(a["currency"], "eur", "currency normalised to lower case");
    assert_eq!(
        a["address"]["country"], "GB",
        "country normalised to upper case"
    );
    assert_eq!(a["address"]["postal_code"], "EC1A 1BB");
    assert_eq!(sb.count("POST"), 1);
}

#[tokio::test]
async fn a_101_character_name_is_refused_with_exit_2_and_nothing_sent() {
    let sb = demo().await;
    let ws = workspace_named(&sb, "Soylent Foods");
    let long = "n".repeat(101);
    let r = run(
        &sb,
        &[
            "accounts",
            "create",
            "-w",
            &ws,
            "--name",
            &long,
            "--email",
            "nope",
            "--country",
            "UK",
        ],
    )
    .await;
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("nothing was sent"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("name: The name field must not be greater than 100 characters.")
    );
    assert!(
        r.stderr
            .contains("email: The email field must be a valid email address.")
    );
    assert!(r.stderr.contains("Did you mean GB (United Kingdom)?"));
    assert!(
        sb.served().is_empty(),
        "no request at all: {:?}",
        sb.served()
    );
}

#[tokio::test]
async fn create_from_file_with_flag_override() {
    let sb = demo().await;
    let ws = workspace_named(&sb, "Soylent Foods");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("body.json");
    std::fs::write(
        &file,
        r#"{"name":"From File","email":"file@example.com","currency":"zar","address":{"country":"ZA","city":"Cape Town"}}"#,
    )
    .unwrap();
    let r = run(
        &sb,
        &[
            "accounts",
            "create",
            "-w",
            &ws,
            "--from-file",
            file.to_str().unwrap(),
            "--name",
            "Flag Wins",
        ],
    )
    .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Flag Wins"));
    assert!(r.stdout.contains("Cape Town"));

    std::fs::write(&file, r#"{"name": 5, "email": "x@y"}"#).unwrap();
    let r = run(
        &sb,
        &[
            "accounts",
            "create",
            "-w",
            &ws,
            "--from-file",
            file.to_str().unwrap(),
        ],
    )
    .await;
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("name: The name field must be a string."),
        "{}",
        r.stderr
    );
    assert_eq!(sb.count("POST"), 1);
}

#[tokio::test]
async fn api_refusals_exit_3_with_status_and_message() {
    let sb = demo().await;
    let ws = workspace_named(&sb, "Umbrella Health ZA"); // single, already has its account
    let r = run(
        &sb,
        &[
            "accounts", "create", "-w", &ws, "--name", "Two", "--email", "a@b.co",
        ],
    )
    .await;
    assert_eq!(r.code, 3);
    assert!(r.stderr.contains("HTTP 409"), "{}", r.stderr);
    assert!(r.stderr.contains("billing_account_limit_reached"));
    let r = run(&sb, &["workspaces", "get", "ws_nope"]).await;
    assert_eq!(r.code, 3);
    assert!(r.stderr.contains("HTTP 404"));
}

#[tokio::test]
async fn network_failure_exits_4() {
    // Bound, not listening: refused, and the port stays ours meanwhile.
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let url = format!("http://{}", socket.local_addr().unwrap());
    let r = alto(
        &[("ALTOSTRAT_API_URL", &url), ("ALTOSTRAT_TOKEN", "t")],
        &["workspaces", "list"],
    )
    .await;
    assert_eq!(r.code, 4, "{}", r.stderr);
    assert!(r.stderr.contains("could not connect"));
}

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
async fn plain_http_to_a_remote_host_is_refused() {
    let r = alto(
        &[
            ("ALTOSTRAT_API_URL", "http://api.altostrat.io"),
            ("ALTOSTRAT_TOKEN", "sentinel-secret"),
        ],
        &["workspaces", "list"],
    )
    .await;
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("plain http"), "{}", r.stderr);
    assert!(!r.stderr.contains("sentinel-secret"));
}

#[tokio::test]
async fn lists_print_tables_and_json() {
    let sb = demo().await;
    let r = run(&sb, &["workspaces", "list"]).await;
    assert_eq!(r.code, 0);
    let first = r.stdout.lines().next().unwrap();
    assert!(first.starts_with("ID") && first.contains("NAME") && first.contains("MODE"));
    assert!(r.stdout.contains("ACME Corporation"));
    let ws = workspace_named(&sb, "Initech Legacy");
    let r = run(&sb, &["accounts", "list", "-w", &ws, "--json"]).await;
    assert_eq!(r.code, 0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["data"].as_array().unwrap().len(), 500);
    assert_eq!(v["has_more"], true);
    let r = run(&sb, &["accounts", "list", "-w", &ws]).await;
    assert!(r.stderr.contains("documents no paging"), "{}", r.stderr);
}

#[tokio::test]
async fn update_and_delete() {
    let sb = demo().await;
    let ws = workspace_named(&sb, "Hooli");
    let id = sb.snapshot().accounts[&ws][1].account.id.clone();
    let r = run(
        &sb,
        &[
            "accounts", "update", "-w", &ws, &id, "--name", "Renamed", "--phone", "",
        ],
    )
    .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Renamed"));
    let r = run(
        &sb,
        &["accounts", "update", "-w", &ws, &id, "--currency", "usd"],
    )
    .await;
    assert_eq!(r.code, 2);
    // Not at a terminal and no --yes: refused, nothing sent.
    let r = run(&sb, &["accounts", "delete", "-w", &ws, &id]).await;
    assert_eq!(r.code, 2);
    assert_eq!(sb.count("DELETE"), 0);
    let r = run(&sb, &["accounts", "delete", "-w", &ws, &id, "--yes"]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(sb.count("DELETE"), 1);
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
async fn an_unclear_create_is_looked_up_and_said_done_without_a_resend() {
    let sb = sandbox::start(SandboxOptions {
        faults: vec!["create-500".parse().unwrap()],
        ..Default::default()
    })
    .await
    .unwrap();
    let ws = workspace_named(&sb, "Soylent Foods");
    let r = run(
        &sb,
        &[
            "accounts", "create", "-w", &ws, "--name", "Unclear", "--email", "u@x.co",
        ],
    )
    .await;
    // The server made it and answered 500: looked up, found, shown.
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("HTTP 500") && r.stderr.contains("looked up: it was done"),
        "{}",
        r.stderr
    );
    assert!(
        r.stdout.contains("Unclear") && r.stdout.contains("cus_"),
        "{}",
        r.stdout
    );
    assert_eq!(sb.count("POST"), 1);
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
async fn input_files_are_capped() {
    let sb = demo().await;
    let ws = workspace_named(&sb, "Soylent Foods");
    let r = run(
        &sb,
        &["accounts", "create", "-w", &ws, "--from-file", "/dev/zero"],
    )
    .await;
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("larger than 1 MiB"), "{}", r.stderr);
    assert_eq!(sb.count("POST"), 0);
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

async fn with_faults(faults: &[&str]) -> RunningSandbox {
    sandbox::start(SandboxOptions {
        faults: faults.iter().map(|f| f.parse().unwrap()).collect(),
        ..Default::default()
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn a_redirect_is_refused_and_says_where_it_pointed() {
    let sb = with_faults(&["redirect"]).await;
    let r = run(&sb, &["workspaces", "list"]).await;
    assert_eq!(r.code, 3, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("HTTP 302, a redirect to https://elsewhere.example/\\u{202e}nigol")
            && r.stderr.contains("does not follow redirects"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains('\u{202e}'));
}

#[tokio::test]
async fn a_created_id_that_is_not_cus_is_printed_with_a_warning() {
    let sb = with_faults(&["create-bad-id"]).await;
    let ws = workspace_named(&sb, "Soylent Foods");
    let r = run(
        &sb,
        &[
            "accounts",
            "create",
            "-w",
            &ws,
            "--name",
            "Odd Id",
            "--email",
            "odd@example.com",
        ],
    )
    .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("acct_"), "shown: {}", r.stdout);
    assert!(
        r.stderr.contains("warning") && r.stderr.contains("does not start with cus_"),
        "{}",
        r.stderr
    );
}

#[tokio::test]
async fn a_huge_error_message_is_cut_and_counted() {
    let sb = with_faults(&["create-huge-422=10"]).await;
    let ws = workspace_named(&sb, "Soylent Foods");
    let r = run(
        &sb,
        &[
            "accounts",
            "create",
            "-w",
            &ws,
            "--name",
            "Big",
            "--email",
            "big@example.com",
        ],
    )
    .await;
    assert_eq!(r.code, 3);
    assert!(r.stderr.len() < 8 * 1024, "{} bytes", r.stderr.len());
    assert!(
        r.stderr.contains("more characters)"),
        "{}",
        &r.stderr[..200]
    );
}

#[tokio::test]
async fn json_output_escapes_what_a_terminal_would_act_on() {
    let sb = with_faults(&["hostile-names"]).await;
    let r = run(&sb, &["workspaces", "list", "--json"]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        !r.stdout
            .chars()
            .any(|c| c != '\n' && alto::rules::is_forbidden_char(c)),
        "raw control, bidi or zero-width characters in --json"
    );
    for escaped in [r"\u009b31m", r"\u202elanigiro", r"\u007f", r"\u200bwidth"] {
        assert!(r.stdout.contains(escaped), "{escaped} missing");
    }
    // Still exact: parsed back, the names are what the server sent.
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let names: Vec<&str> = v["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"C1 \u{9b}31m control"), "{names:?}");
}

#[tokio::test]
async fn no_answer_in_time_exits_4_and_says_so() {
    // A server that accepts and never answers.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((sock, _)) = listener.accept().await {
            held.push(sock);
        }
    });
    let r = alto(
        &[("ALTOSTRAT_API_URL", &url), ("ALTOSTRAT_TOKEN", "t")],
        &["workspaces", "list", "--timeout", "1"],
    )
    .await;
    assert_eq!(r.code, 4, "{}", r.stderr);
    assert!(r.stderr.contains("no answer from"), "{}", r.stderr);
    assert!(r.stderr.contains("within 1s"), "{}", r.stderr);
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

#[tokio::test]
async fn a_duplicate_is_refused_before_anything_is_sent_unless_allowed() {
    let sb = sandbox::start(SandboxOptions::default()).await.unwrap();
    let url = sb.url();
    let env = [
        ("ALTOSTRAT_API_URL", url.as_str()),
        ("ALTOSTRAT_TOKEN", "demo"),
    ];
    let ws = sb
        .snapshot()
        .workspaces
        .iter()
        .find(|w| w.workspace.name == "Hooli")
        .unwrap()
        .workspace
        .id
        .clone();
    let existing = sb.snapshot().accounts[&ws][0].account.clone();
    // The same email in another case, under another name.
    let shouted = existing.email.to_uppercase();
    let args = [
        "accounts",
        "create",
        "--workspace",
        &ws,
        "--name",
        "Someone Else",
        "--email",
        &shouted,
    ];
    let r = alto(&env, &args).await;
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains(&existing.id) && r.stderr.contains("the same email"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("--allow-duplicate"), "{}", r.stderr);
    assert_eq!(sb.count("POST"), 0, "nothing sent");
    assert_eq!(sb.count("GET"), 1, "one GET of the workspace's accounts");
    // The same name with other spacing.
    let spaced = format!("  {}  ", existing.name.replace(' ', "   "));
    let r = alto(
        &env,
        &[
            "accounts",
            "create",
            "--workspace",
            &ws,
            "--name",
            &spaced,
            "--email",
            "new@hooli.example",
        ],
    )
    .await;
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("the same name"), "{}", r.stderr);
    let mut allowed = args.to_vec();
    allowed.push("--allow-duplicate");
    let r = alto(&env, &allowed).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(sb.count("POST"), 1);
}

#[tokio::test]
async fn a_workspace_is_taken_by_its_name_and_an_ambiguous_one_sends_nothing() {
    let sb = demo().await;
    let hooli = workspace_named(&sb, "Hooli");
    // Any case, extra spaces: the one named so.
    let r = run(
        &sb,
        &["accounts", "list", "-w", "  hooli ", "--output", "json"],
    )
    .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let listed: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert!(!listed["data"].as_array().unwrap().is_empty());
    assert!(
        listed["data"][0]["workspace_id"] == hooli.as_str(),
        "{}",
        r.stdout
    );
    assert_eq!(
        sb.count("GET"),
        2,
        "the list of workspaces, then the accounts"
    );
    // An id is used as given: no lookup.
    let r = run(&sb, &["workspaces", "get", &hooli, "--json"]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(sb.count("GET"), 3);
    // Two workspaces with one name: both listed, nothing sent.
    let twin = run(
        &sb,
        &[
            "workspaces",
            "create",
            "--name",
            "HOOLI",
            "--billing-mode",
            "pooled",
            "--json",
        ],
    )
    .await;
    assert_eq!(twin.code, 0, "{}", twin.stderr);
    let posts = sb.count("POST");
    let r = run(
        &sb,
        &[
            "accounts",
            "create",
            "-w",
            "Hooli",
            "--name",
            "N",
            "--email",
            "n@x.example",
        ],
    )
    .await;
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("2 workspaces are named \"Hooli\""),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains(&hooli), "{}", r.stderr);
    assert_eq!(sb.count("POST"), posts, "nothing sent");
    // A part of a name is not a match, but is offered.
    let r = run(&sb, &["workspaces", "archive", "Hoo", "--yes"]).await;
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("no workspace is named \"Hoo\""),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains(&hooli), "suggested: {}", r.stderr);
    assert_eq!(sb.count("DELETE"), 0);
}

#[tokio::test]
async fn https_is_verified_against_the_trust_store_and_nothing_else() {
    let sb = sandbox::start(SandboxOptions {
        tls: true,
        ..Default::default()
    })
    .await
    .unwrap();
    assert!(sb.url().starts_with("https://127.0.0.1:"), "{}", sb.url());
    let dir = tempfile::tempdir().unwrap();
    let ca = dir.path().join("ca.pem");
    std::fs::write(&ca, sb.ca_pem().unwrap()).unwrap();
    let url = sb.url();
    let listed = |trust: &[(&str, &std::path::Path)]| {
        let mut env = vec![
            ("ALTOSTRAT_API_URL".to_string(), url.clone()),
            ("ALTOSTRAT_TOKEN".to_string(), "demo".into()),
        ];
        env.extend(
            trust
                .iter()
                .map(|(k, f)| (k.to_string(), f.display().to_string())),
        );
        async move {
            let pairs: Vec<(&str, &str)> =
                env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            alto(&pairs, &["workspaces", "list"]).await
        }
    };
    let other = dir.path().join("other.pem");
    let stranger = alto::sandbox::tls::Tls::throwaway().unwrap();
    std::fs::write(&other, stranger.ca_pem).unwrap();
    let cert_dir = dir.path().join("certs");
    std::fs::create_dir(&cert_dir).unwrap();
    std::fs::copy(&ca, cert_dir.join("sandbox.pem")).unwrap();
    let missing = dir.path().join("missing");
    // Trusted through SSL_CERT_FILE, through SSL_CERT_DIR alone, and
    // through the directory when the file does not know the CA (read then).
    let trusted: [&[(&str, &std::path::Path)]; 4] = [
        &[("SSL_CERT_FILE", &ca)],
        &[("SSL_CERT_FILE", &ca), ("SSL_CERT_DIR", &missing)],
        &[("SSL_CERT_DIR", &cert_dir)],
        &[("SSL_CERT_FILE", &other), ("SSL_CERT_DIR", &cert_dir)],
    ];
    for (n, trust) in trusted.iter().enumerate() {
        let r = listed(trust).await;
        assert_eq!(r.code, 0, "{trust:?}: {}", r.stderr);
        assert!(r.stdout.contains("ACME Corporation"), "{}", r.stdout);
        assert_eq!(sb.served().len(), n + 1);
    }
    // The system's store alone does not know the throwaway CA, and another
    // throwaway CA is not this one (in the file or the directory): refused
    // before any request is sent.
    let other_dir = dir.path().join("other-certs");
    std::fs::create_dir(&other_dir).unwrap();
    std::fs::copy(&other, other_dir.join("other.pem")).unwrap();
    let refused: [&[(&str, &std::path::Path)]; 3] = [
        &[],
        &[("SSL_CERT_FILE", &other)],
        &[("SSL_CERT_FILE", &other), ("SSL_CERT_DIR", &other_dir)],
    ];
    for trust in refused {
        let r = listed(trust).await;
        assert_eq!(r.code, 4, "{trust:?}: {}", r.stderr);
        assert!(
            r.stderr.contains("does not verify against the trust store"),
            "{}",
            r.stderr
        );
        assert!(!r.stderr.contains("demo"), "no token in {}", r.stderr);
    }
    // The directory is read only when the file does not verify the server
    // (alto's log says when it is read).
    let read_dir = |file: std::path::PathBuf| {
        let (url, cert_dir) = (url.clone(), cert_dir.clone());
        async move {
            let config = tempfile::tempdir().unwrap();
            let env = [
                ("ALTOSTRAT_API_URL", url.as_str()),
                ("ALTOSTRAT_TOKEN", "demo"),
                ("SSL_CERT_FILE", file.to_str().unwrap()),
                ("SSL_CERT_DIR", cert_dir.to_str().unwrap()),
            ];
            let r = alto_in(config.path(), &env, &["workspaces", "list"]).await;
            assert_eq!(r.code, 0, "{}", r.stderr);
            let log = std::fs::read_to_string(config.path().join("state/alto.log")).unwrap();
            log.contains("certificate directories read")
        }
    };
    assert!(!read_dir(ca.clone()).await, "the file verified the server");
    assert!(read_dir(other.clone()).await, "the file did not");
    // No certificate at all where they should be: said, nothing sent.
    let r = listed(&[("SSL_CERT_FILE", &missing)]).await;
    assert_eq!(r.code, 2, "{}", r.stderr);
    let said = "cannot verify HTTPS servers, so nothing was sent: No CA certificates";
    assert!(r.stderr.contains(said), "{}", r.stderr);
    assert_eq!(
        sb.served().len(),
        6,
        "the token never reached an unverified server"
    );
}

#[tokio::test]
async fn the_tls_sandbox_writes_its_ca_where_asked_and_says_how_to_use_it() {
    let dir = tempfile::tempdir().unwrap();
    let ca = dir.path().join("sub").join("ca.pem");
    let mut child = command_in(
        dir.path(),
        &[],
        &[
            "sandbox",
            "--tls",
            "--addr",
            "127.0.0.1:0",
            "--ca-file",
            ca.to_str().unwrap(),
        ],
    )
    .stderr(std::process::Stdio::piped())
    .spawn()
    .unwrap();
    let mut first = String::new();
    let stderr = child.stderr.take().unwrap();
    let mut lines = std::io::BufRead::lines(std::io::BufReader::new(stderr));
    for line in lines.by_ref().take(2) {
        first.push_str(&line.unwrap());
        first.push('\n');
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(first.contains("listening on https://127.0.0.1:"), "{first}");
    assert!(
        first.contains(&format!("SSL_CERT_FILE={}", ca.display())),
        "{first}"
    );
    let pem = std::fs::read_to_string(&ca).unwrap();
    assert!(pem.starts_with("-----BEGIN CERTIFICATE-----"), "{pem}");
    assert!(!pem.contains("KEY"), "a certificate, never a key");
    // --ca-file without --tls is a usage error.
    let r = alto(&[], &["sandbox", "--ca-file", "x.pem"]).await;
    assert_eq!(r.code, 2, "{}", r.stderr);
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
    let pairs: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
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
