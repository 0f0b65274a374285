//! The real binary in a real terminal (a pseudo-terminal) under faults of its own: the
//! terminal comes back after every way alto can end, a draft survives
//! `kill -9`, and a sentinel token shows up nowhere.

mod common;

use common::pty::Term;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_alto");

fn shell() -> Term {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("sandbox.json");
    let t = Term::start("env PS1='prompt> ' bash --norc --noprofile", dir, data);
    t.wait_for("prompt>");
    t
}

fn demo_command(t: &Term, extra_env: &str) -> String {
    format!(
        "{extra_env} ALTO_CONFIG_DIR={} TZ=UTC {BIN} --demo --sandbox-data {}",
        t.dir.path().display(),
        t.data.display()
    )
}

/// Filters to Soylent Foods and opens its new-account form (what follows
/// depends on the test: the form, or the offer of a draft).
fn soylent_form(t: &Term) {
    t.keys(&["/"]);
    t.type_text("soylent");
    t.wait_for("1 of 36 match");
    t.keys(&["Enter", "n"]);
}

/// `kill -9`, then a new run in the same place: Soylent's form, and its
/// draft restored.
fn kill_and_restore(t: &Term) -> Term {
    signal(t, "-KILL");
    t.wait_for_exit();
    let again = Term::start(
        &demo_command(t, ""),
        tempfile::tempdir().unwrap(),
        t.data.clone(),
    );
    again.wait_for("Workspaces 36");
    soylent_form(&again);
    again.wait_for("Restore draft?");
    again.keys(&["Enter"]);
    again
}

fn signal(t: &Term, sig: &str) {
    // The sandbox data path is unique to this test: it names the process.
    let ok = Command::new("pkill")
        .args([sig, "-f", &t.data.display().to_string()])
        .status()
        .unwrap();
    assert!(ok.success(), "no alto process to signal");
}

fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Waits until no process names this test's sandbox data file.
fn wait_for_exit(t: &Term) {
    wait_until("alto to exit", || {
        !Command::new("pgrep")
            .args(["-f", &t.data.display().to_string()])
            .status()
            .unwrap()
            .success()
    });
}

fn draft_files(dir: &Path) -> Vec<String> {
    let drafts = dir.join("state").join("drafts");
    std::fs::read_dir(drafts)
        .map(|rd| {
            rd.flatten()
                .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
                .map(|e| std::fs::read_to_string(e.path()).unwrap())
                .collect()
        })
        .unwrap_or_default()
}

/// Starts alto in the shell, types into a form, ends it with `end`, and
/// checks the shell's terminal is back to normal and the draft was saved.
fn ends_cleanly(end: &str) -> String {
    let t = shell();
    t.type_text(&demo_command(&t, "ALTO_TEST_PANIC=1 RUST_BACKTRACE=0"));
    t.keys(&["Enter"]);
    t.wait_for("Workspaces 36");
    t.keys(&["n"]);
    t.wait_for("New billing account");
    t.type_text("Typed Before The End");
    // On screen first: a signal does not wait for keys still in the pipe.
    t.wait_for("Typed Before The End");
    match end {
        "q" => {
            t.keys(&["Escape"]);
            t.wait_for("Form kept");
            t.keys(&["q"]);
        }
        "ctrl-c" => t.keys(&["C-c"]),
        "sigterm" => signal(&t, "-TERM"),
        "sighup" => signal(&t, "-HUP"),
        "sigint" => signal(&t, "-INT"),
        "panic" => t.keys(&["F12"]),
        other => panic!("unknown ending {other}"),
    }
    wait_for_exit(&t);
    // The output line starts with FLAGS= (the typed command line does not).
    t.type_text("stty -a | tr -s ' ;' '\\n' | grep -xE -- '-?(icanon|echo|isig)' | tr '\\n' ' ' | sed 's/^/FLAGS=/'; echo");
    t.keys(&["Enter"]);
    let mut screen = String::new();
    wait_until("stty's answer", || {
        screen = t.screen();
        screen.lines().any(|l| l.starts_with("FLAGS="))
    });
    let line = screen.lines().find(|l| l.starts_with("FLAGS=")).unwrap();
    let mut flags: Vec<&str> = line
        .trim_start_matches("FLAGS=")
        .split_whitespace()
        .collect();
    flags.sort();
    assert_eq!(
        flags,
        ["echo", "icanon", "isig"],
        "after {end}: raw mode left on\n{screen}"
    );
    assert!(
        !screen.contains("SANDBOX · demo data"),
        "after {end}: still on the alternate screen\n{screen}"
    );
    let drafts = draft_files(t.dir.path());
    let listing = Command::new("find").arg(t.dir.path()).output().unwrap();
    assert_eq!(
        drafts.len(),
        1,
        "after {end}: the draft was flushed; {}\n{screen}",
        String::from_utf8_lossy(&listing.stdout)
    );
    assert!(drafts[0].contains("Typed Before The End"));
    // The screen and its scrollback, for messages printed on the way out.
    format!("{}{screen}", t.history())
}

#[test]
fn the_terminal_comes_back_after_q() {
    ends_cleanly("q");
}

#[test]
fn the_terminal_comes_back_after_ctrl_c() {
    ends_cleanly("ctrl-c");
}

#[test]
fn the_terminal_comes_back_after_sigint() {
    ends_cleanly("sigint");
}

#[test]
fn the_terminal_comes_back_after_sigterm() {
    ends_cleanly("sigterm");
}

#[test]
fn the_terminal_comes_back_after_sighup() {
    ends_cleanly("sighup");
}

#[test]
fn the_terminal_comes_back_after_a_panic_and_the_message_is_readable() {
    let screen = ends_cleanly("panic");
    assert!(screen.contains("panic requested with F12"), "{screen}");
}

#[test]
fn a_draft_survives_kill_9_with_exactly_what_was_typed() {
    let t = Term::demo("");
    t.wait_for("Workspaces 36");
    soylent_form(&t);
    t.wait_for("New billing account in Soylent Foods");
    let name = "Ünïcode Naïve Café Ltd 🦀";
    t.type_text(name);
    t.keys(&["Tab"]);
    t.type_text("draft@example.com");
    t.keys(&["Tab"]);
    t.type_text("+27 21 555 0100");
    t.keys(&["Tab", "Tab", "Tab"]);
    t.type_text("za");
    t.wait_for("ZA — South Africa");
    t.keys(&["Enter"]);
    t.type_text("1 Long Street");
    // Within a second of the last edit the draft is on disk.
    wait_until("the draft to be written", || {
        draft_files(t.dir.path())
            .first()
            .is_some_and(|d| d.contains("1 Long Street") && d.contains("\"ZA\""))
    });
    // A new run in the same place offers the draft back.
    let again = kill_and_restore(&t);
    let screen = again.wait_for("Draft restored");
    for typed in [
        name,
        "draft@example.com",
        "+27 21 555 0100",
        "ZA — South Africa",
        "1 Long Street",
    ] {
        assert!(
            screen.contains(typed),
            "{typed:?} missing after restore:\n{screen}"
        );
    }
    let draft: serde_json::Value = serde_json::from_str(&draft_files(t.dir.path())[0]).unwrap();
    assert_eq!(draft["input"]["name"], name);
    assert_eq!(draft["input"]["line1"], "1 Long Street");
}

#[test]
fn a_sentinel_token_appears_in_no_log_screen_clipboard_or_error() {
    const SENTINEL: &str = "sk_SENTINEL_4f2a9c7e1b";
    let rt = tokio::runtime::Runtime::new().unwrap();
    let sb = rt
        .block_on(alto::sandbox::start(alto::sandbox::SandboxOptions {
            token: Some(SENTINEL.into()),
            ..Default::default()
        }))
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("unused.json");
    let cmd = format!(
        "ALTO_LOG=trace ALTO_CONFIG_DIR={} ALTOSTRAT_API_URL={} ALTOSTRAT_TOKEN={SENTINEL} {BIN}",
        dir.path().display(),
        sb.url(),
    );
    let t = Term::start(&cmd, dir, data);
    let mut screens = vec![t.wait_for("Workspaces 36")];
    t.keys(&["Enter"]);
    screens.push(t.wait_for("Billing accounts"));
    t.keys(&["n"]);
    screens.push(t.wait_for("New billing account"));
    t.type_text("Sentinel Check");
    t.keys(&["Tab"]);
    t.type_text("sentinel@example.com");
    t.keys(&["C-s"]);
    screens.push(t.wait_for("Billing account created"));
    t.keys(&["Y"]);
    screens.push(t.wait_for("Copied the account as JSON"));
    let clipboard = t.wait_clipboard(|c| c.contains("Sentinel Check"));
    assert!(!clipboard.contains(SENTINEL));
    t.keys(&["q"]);
    t.wait_for_exit();
    for s in &screens {
        assert!(!s.contains(SENTINEL), "token on screen:\n{s}");
    }
    let log = std::fs::read_to_string(t.dir.path().join("state").join("alto.log")).unwrap();
    assert!(log.contains("api request"), "the log was written");
    assert!(!log.contains(SENTINEL), "token in the log");

    // A wrong token: the 401 and the prompt show neither token.
    let dir = tempfile::tempdir().unwrap();
    let cmd = format!(
        "ALTO_LOG=trace ALTO_CONFIG_DIR={} ALTOSTRAT_API_URL={} ALTOSTRAT_TOKEN=wrong-{SENTINEL} {BIN}",
        dir.path().display(),
        sb.url()
    );
    let t = Term::start(&cmd, dir, t.data.clone());
    let screen = t.wait_for("API token for");
    assert!(!screen.contains(SENTINEL));
    t.type_text("typed-secret-xyz");
    let screen = t.wait_for("••••");
    assert!(!screen.contains("typed-secret-xyz"), "the prompt is masked");
    t.keys(&["Escape", "q"]);
    t.wait_for_exit();
    let log = std::fs::read_to_string(t.dir.path().join("state").join("alto.log")).unwrap();
    assert!(!log.contains(SENTINEL) && !log.contains("typed-secret-xyz"));

    // The CLI's error for a refused token does not echo it either.
    let out = Command::new(BIN)
        .args(["workspaces", "list"])
        .env_clear()
        .env("ALTO_CONFIG_DIR", t.dir.path())
        .env("ALTOSTRAT_API_URL", sb.url())
        .env("ALTOSTRAT_TOKEN", format!("wrong-{SENTINEL}"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(all.contains("401") && !all.contains(SENTINEL), "{all}");
}

/// Colour-setting SGR parameters in raw terminal output (defaults such as
/// 39/49/59, which reset to the terminal's own colours, are not colours).
fn colour_codes(raw: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(raw);
    let mut found = Vec::new();
    for seq in text.split("\u{1b}[").skip(1) {
        let Some(end) = seq.find(|c: char| c.is_ascii_alphabetic()) else {
            continue;
        };
        if &seq[end..end + 1] != "m" {
            continue;
        }
        let params: Vec<u32> = seq[..end]
            .split(';')
            .filter_map(|p| p.parse().ok())
            .collect();
        if params
            .iter()
            .any(|p| matches!(p, 30..=37 | 40..=47 | 90..=97 | 100..=107 | 38 | 48 | 58))
        {
            found.push(seq[..end].to_string());
        }
    }
    found
}

/// Runs the demo in a shell with `env`, through the list, a workspace, the
/// form with an error and a dropdown. Returns every byte alto wrote, and
/// how the selected row of the workspace list was marked.
fn raw_session(env: &str) -> (Vec<u8>, Marking) {
    let t = shell();
    let before = t.raw().len();
    t.type_text(&demo_command(&t, env));
    t.keys(&["Enter"]);
    t.wait_for("Workspaces 36");
    t.keys(&["j"]);
    let screen = t.wait_settled(&["Workspaces 36"]);
    let row = screen
        .lines()
        .position(|l| l.contains("Globex EU"))
        .expect("the second workspace is listed") as u16;
    let marking = t.with_screen(|s| {
        let c = s.cell(row, 2).unwrap();
        Marking {
            inverse: c.inverse(),
            bold: c.bold(),
            background: c.bgcolor() != vt100::Color::Default,
        }
    });
    t.keys(&["Enter"]);
    t.wait_for("Billing accounts");
    t.keys(&["n"]);
    t.wait_for("New billing account");
    t.type_text("Colour Check");
    t.keys(&["C-s"]);
    t.wait_for("needs attention");
    t.keys(&["Tab", "Tab", "Tab", "Tab", "Enter"]);
    t.wait_for("Workspace default");
    t.keys(&["Escape", "Escape"]);
    t.wait_for("Form kept");
    t.keys(&["?"]);
    t.wait_for("Keys");
    t.keys(&["Escape", "q"]);
    wait_for_exit(&t);
    // The shell's prompt comes after the last byte alto wrote.
    t.wait_until("the prompt after alto", || {
        let main = !t.with_screen(|s| s.alternate_screen());
        (main && t.screen().trim_end().ends_with("prompt>")).then_some(())
    });
    (t.raw()[before..].to_vec(), marking)
}

/// How a row is set apart from the others.
#[derive(Debug)]
struct Marking {
    inverse: bool,
    bold: bool,
    background: bool,
}

#[test]
fn no_color_means_no_colour_escape_sequences() {
    let (coloured, marked) = raw_session("");
    assert!(
        !colour_codes(&coloured).is_empty(),
        "the control run has colours"
    );
    assert!(marked.background, "a coloured selection: {marked:?}");
    let (plain, marked) = raw_session("NO_COLOR=1");
    assert!(plain.len() > 1000, "output was captured");
    let codes = colour_codes(&plain);
    assert!(
        codes.is_empty(),
        "colour sequences under NO_COLOR: {codes:?}"
    );
    // Without colour the selection is still plain to see.
    assert!(
        marked.inverse && marked.bold && !marked.background,
        "{marked:?}"
    );
}

#[test]
fn the_draft_is_on_disk_before_the_create_leaves_so_kill_9_mid_send_loses_nothing() {
    // Every request waits 3 s in the sandbox: the kill lands mid-send.
    let t = Term::demo("--sandbox-faults delay=3000");
    t.wait_for("Workspaces 36");
    soylent_form(&t);
    t.wait_for("New billing account in Soylent Foods");
    t.type_text("Mid Send Ltd");
    t.keys(&["Tab"]);
    t.type_text("mid@send.example");
    t.wait_for("mid@send.example");
    t.keys(&["C-s"]);
    t.wait_for("Sending…");
    // The draft marked as sent, with its key, is already written.
    let draft: serde_json::Value = t.wait_until("the sent draft on disk", || {
        draft_files(t.dir.path())
            .into_iter()
            .map(|d| serde_json::from_str::<serde_json::Value>(&d).unwrap())
            .find(|d| d["sent_at"].is_string())
    });
    assert_eq!(draft["input"]["name"], "Mid Send Ltd");
    let key = draft["idempotency_key"].as_str().unwrap().to_string();
    assert!(uuid::Uuid::parse_str(&key).is_ok(), "{key}");
    // The next run offers it and looks the account up before anything else.
    let again = kill_and_restore(&t);
    let screen = again.wait_for("Outcome unknown: no account with this name and email");
    assert!(screen.contains("Mid Send Ltd"), "{screen}");
    // A resend asks first, and goes with the same key.
    again.keys(&["C-s"]);
    again.wait_for("Send again?");
    again.keys(&["y"]);
    again.wait_for("Billing account created");
    let data = again.data();
    let ws = data["workspaces"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["name"] == "Soylent Foods")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let created = data["accounts"][&ws].as_array().unwrap();
    assert_eq!(created.len(), 1, "created once");
}

#[test]
fn demo_runs_on_defaults_when_the_config_cannot_be_parsed() {
    let t = Term::demo_prepared("", "", |dir| {
        std::fs::write(dir.join("config.toml"), "[preferences\nmouse = tru\n").unwrap()
    });
    let screen = t.wait_for("Problems at start");
    assert!(
        screen.contains("config.toml:1"),
        "placed by line:\n{screen}"
    );
    t.keys(&["Enter"]);
    t.wait_for("Workspaces 36");
    let config = std::fs::read_to_string(t.dir.path().join("config.toml")).unwrap();
    assert_eq!(config, "[preferences\nmouse = tru\n", "never overwritten");
}
