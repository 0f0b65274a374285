//! The console's k9s-style extras in a real terminal (a pseudo-terminal) against the
//! sandbox: edit and delete, the command palette, the API log and the
//! session ledger, profiles with colours and confirm_writes, configurable
//! keys, clipboard modes, themes and the mouse.

mod common;

use common::pty::Term;

/// `alto --demo` with `config` as its config file and `env` set.
fn demo_with(config: &str, env: &str) -> Term {
    Term::demo_prepared(env, "", |dir| {
        std::fs::write(dir.join("config.toml"), config).unwrap()
    })
}

fn wait_all(t: &Term, texts: &[&str]) -> String {
    t.wait_all(texts)
}

fn account_ids(t: &Term) -> Vec<String> {
    let data = t.data();
    data["accounts"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|list| list.as_array().unwrap().clone())
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn edit_then_delete_with_the_refusal_shown_in_full() {
    let t = Term::demo_without_index();
    t.wait_for("Workspaces 36");
    t.keys(&["Enter"]);
    t.wait_for("ACME Corporation Billing 001");
    t.keys(&["Enter"]);
    t.wait_for("Billing account cus_");
    t.keys(&["e"]);
    t.wait_for("only changed fields are sent");
    wait_all(&t, &["read-only: the API does not change it", "[ Save ]"]);
    t.keys(&["C-e"]);
    t.type_text(" Renamed");
    t.keys(&["C-s"]);
    wait_all(
        &t,
        &["1 field changed", "ACME Corporation Billing 001 Renamed"],
    );
    // The first ACME account has active subscriptions: refused, in full.
    t.keys(&["d"]);
    t.wait_for("Delete billing account?");
    t.keys(&["Enter"]);
    t.wait_for("Cancelled: nothing was deleted");
    t.keys(&["d"]);
    t.wait_for("Delete billing account?");
    t.keys(&["Tab", "Enter"]);
    wait_all(
        &t,
        &[
            "Refused (422)",
            "active subscriptions",
            "active_subscriptions_exist",
        ],
    );
    t.keys(&["Enter", "Escape", "j", "Enter"]);
    let screen = wait_all(
        &t,
        &["Billing account cus_", "ACME Corporation Billing 002"],
    );
    let id = screen
        .lines()
        .find_map(|l| l.trim().strip_prefix("Billing account "))
        .unwrap()
        .trim()
        .to_string();
    assert!(account_ids(&t).contains(&id));
    t.keys(&["d", "Tab", "Enter"]);
    t.wait_for(&format!("Deleted {id}"));
    assert!(!account_ids(&t).contains(&id), "gone from the server");
    t.keys(&["l"]);
    wait_all(&t, &["DELETE", "PATCH", "✗ 422", "204"]);
}

#[test]
fn palette_api_log_and_ledger_with_duplicate_as_new() {
    let t = Term::demo_without_index();
    t.wait_for("Workspaces 36");
    t.keys(&[":"]);
    t.wait_for("Command");
    t.type_text("ldgr");
    t.keys(&["Enter"]);
    t.wait_for("Nothing created yet");
    t.keys(&["Escape", "/"]);
    t.type_text("soylent");
    t.keys(&["Enter", "Enter"]);
    t.wait_for("No billing accounts yet");
    t.keys(&["n"]);
    t.wait_for("New billing account in Soylent Foods");
    t.type_text("Ledger One");
    t.keys(&["Tab"]);
    t.type_text("one@soylent.example");
    t.keys(&["C-s"]);
    t.wait_for("Billing account created");
    t.keys(&["L"]);
    t.wait_for("Created this session 1");
    t.keys(&["N"]);
    wait_all(
        &t,
        &["Prefilled from cus_", "Ledger One", "one@soylent.example"],
    );
    t.keys(&["C-u"]);
    t.type_text("Ledger Two");
    t.keys(&["C-s"]);
    // The same email as Ledger One: the duplicate guard asks first.
    t.wait_all(&["Already there?", "the same email"]);
    t.keys(&["c"]);
    t.wait_for("Billing account created");
    t.keys(&["L"]);
    t.wait_for("Created this session 2");
    // The API log: every request, with the sandbox's request ids; y copies.
    t.keys(&["l"]);
    wait_all(&t, &["POST", "req_sandbox_", "201"]);
    t.keys(&["y"]);
    t.wait_for("Copied the log entry (OSC 52)");
    t.wait_clipboard(|c| c.contains("POST /workspaces/"));
    // The palette offers the workspace opened, by id.
    t.keys(&["Escape", "Escape", ":"]);
    t.type_text("ws_");
    wait_all(&t, &["open Soylent Foods", "ws_6mxryhbf1mljo2px"]);
}

#[test]
fn profiles_switch_with_their_colour_and_confirm_writes() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let staging = rt
        .block_on(alto::sandbox::start(alto::sandbox::SandboxOptions {
            token: Some("staging-token".into()),
            ..Default::default()
        }))
        .unwrap();
    let config = format!(
        "[profiles.staging]\napi_url = \"{}\"\ncolor = \"red\"\nconfirm_writes = true\n",
        staging.url()
    );
    let t = demo_with(&config, "ALTOSTRAT_TOKEN=staging-token");
    t.wait_for("Workspaces 36");
    t.keys(&["P"]);
    t.wait_for("profile staging");
    t.type_text("stag");
    t.keys(&["Enter"]);
    wait_all(
        &t,
        &["┌ profile staging", "writes ask for the workspace name"],
    );
    t.wait_for("Workspaces 36");
    let corner = t.with_screen(|s| {
        let c = s.cell(0, 0).unwrap();
        (c.contents().to_string(), c.fgcolor())
    });
    // Red is palette colour 1.
    assert_eq!(corner, ("┌".into(), vt100::Color::Idx(1)), "a red frame");
    t.keys(&["/"]);
    t.type_text("soylent");
    t.keys(&["Enter", "n"]);
    t.wait_for("New billing account in Soylent Foods");
    t.type_text("Staging Co");
    t.keys(&["Tab"]);
    t.type_text("s@staging.example");
    t.keys(&["C-s"]);
    t.wait_for("type the workspace name");
    t.type_text("soylent foods");
    t.keys(&["Enter"]);
    t.wait_for("Type the workspace name exactly");
    t.keys(&["C-u"]);
    t.type_text("Soylent Foods");
    t.keys(&["Enter"]);
    t.wait_for("Billing account created");
    let served = staging.served();
    assert!(
        served.iter().any(|s| s.method == "POST" && s.status == 201),
        "the create went to staging"
    );
    // Back to the demo: no frame, and its state as it was.
    t.keys(&[":"]);
    t.type_text("profile demo");
    t.keys(&["Enter"]);
    let screen = wait_all(&t, &["SANDBOX · demo data", "Workspaces 36"]);
    assert!(!screen.contains("┌ profile"), "{screen}");
}

#[test]
fn config_problems_are_placed_and_the_rest_applies() {
    let config = "[preferences]\nclipboard = \"off\"\ntheme = \"high-contrast\"\n\n[keys]\nfrobnicate = \"x\"\nnew = \"a\"\nedit = \"d\"\n";
    let t = demo_with(config, "");
    wait_all(
        &t,
        &[
            "Problems at start",
            "config.toml:6: unknown action",
            "config.toml:8: edit = \"d\" conflicts with",
        ],
    );
    t.keys(&["Enter"]);
    t.wait_for("Workspaces 36");
    // High contrast: the selected row is black on white.
    // High contrast: the selected row is black on white (palette 15).
    let screen = t.wait_settled(&["Workspaces 36"]);
    let row = screen
        .lines()
        .position(|l| l.contains("ACME Corporation"))
        .unwrap() as u16;
    let colours = t.with_screen(|s| {
        let c = s.cell(row, 2).unwrap();
        (c.fgcolor(), c.bgcolor())
    });
    assert_eq!(
        colours,
        (vt100::Color::Idx(0), vt100::Color::Idx(15)),
        "black on white"
    );
    // `a` is bound to new; `n` still works.
    t.keys(&["a"]);
    t.wait_for("New billing account in ACME Corporation");
    t.keys(&["Escape", "Enter"]);
    t.wait_for("ACME Corporation Billing 001");
    t.keys(&["Enter"]);
    t.wait_for("Billing account cus_");
    t.keys(&["y"]);
    t.wait_for("Copy failed: copying is off");
    t.keys(&["n"]);
    t.wait_for("New billing account in ACME Corporation");
}

#[test]
fn the_mouse_selects_opens_and_picks_and_m_releases_it() {
    let t = Term::demo("");
    t.wait_for("Workspaces 36");
    // SGR mouse reports, as a terminal sends them: press at column;row.
    let click = |col: u16, row: u16| t.type_text(&format!("\u{1b}[<0;{col};{row}M"));
    click(5, 6); // the third workspace (rows start under the table header)
    t.wait_for("Initech Legacy");
    click(5, 6); // a click on the selected row opens it
    // The accounts must be in: the "Full" warning they bring adds a line
    // to the form, and a click aimed before it lands one row too high.
    t.wait_for("Billing accounts 500");
    t.keys(&["n"]);
    let screen = wait_all(
        &t,
        &[
            "New billing account in Initech Legacy",
            "⚠ Full",
            "Currency",
        ],
    );
    let row = screen.lines().position(|l| l.contains("Currency")).unwrap() as u16 + 1;
    click(20, row);
    let screen = wait_all(&t, &["┌ Currency", "zar — South African Rand"]);
    let zar = screen
        .lines()
        .position(|l| l.contains("zar — South African Rand"))
        .unwrap() as u16
        + 1;
    click(22, zar);
    t.wait_for("zar — South African Rand ▾");
    // Wheel down moves the focus on.
    t.type_text("\u{1b}[<65;20;5M");
    t.keys(&["Escape", "m"]);
    t.wait_for("Mouse released");
    click(5, 10);
    t.keys(&["m"]);
    t.wait_for("Mouse captured");
}

/// The path real users take: the console over HTTPS, its certificate
/// verified through `SSL_CERT_FILE`, against `alto sandbox --tls` (a
/// process of its own, as a newcomer would start it).
#[test]
fn the_console_over_https_against_the_tls_sandbox() {
    use std::io::BufRead;
    let dir = tempfile::tempdir().unwrap();
    let ca = dir.path().join("ca.pem");
    let mut server = std::process::Command::new(env!("CARGO_BIN_EXE_alto"))
        .args([
            "sandbox",
            "--tls",
            "--addr",
            "127.0.0.1:0",
            "--token",
            "tls-token",
        ])
        .args(["--ca-file", ca.to_str().unwrap()])
        .env("ALTO_CONFIG_DIR", dir.path())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut said = String::new();
    // Kept open until the end: the sandbox writes here while it serves.
    let mut stderr = std::io::BufReader::new(server.stderr.take().unwrap());
    stderr.read_line(&mut said).unwrap();
    let url = said
        .split_whitespace()
        .find(|w| w.starts_with("https://"))
        .unwrap_or_else(|| panic!("no URL in {said:?}"))
        .to_string();
    let cmd = format!(
        "SSL_CERT_FILE={} ALTOSTRAT_API_URL={url} ALTOSTRAT_TOKEN=tls-token ALTO_CONFIG_DIR={} TZ=UTC {}",
        ca.display(),
        dir.path().display(),
        env!("CARGO_BIN_EXE_alto"),
    );
    let data = dir.path().join("unused.json");
    let config_dir = tempfile::tempdir().unwrap();
    let t = common::pty::Term::start(&cmd, config_dir, data);
    t.wait_all(&["Workspaces 36", "ACME Corporation"]);
    // One connection serves the session: the next screen's request too.
    t.keys(&["Enter"]);
    t.wait_for("ACME Corporation Billing 001");
    t.keys(&["q"]);
    t.wait_for_exit();
    assert!(
        server.try_wait().unwrap().is_none(),
        "the sandbox still serves"
    );
    server.kill().unwrap();
    server.wait().unwrap();
    drop(stderr);
}
