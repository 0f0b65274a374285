//! The real `alto --demo` in a real terminal (tmux), driven by keys as a
//! person would: filter, pick a workspace, fill every field including the
//! currency and the address, submit, and read the created `cus_…` id; and
//! the same flow when the server answers 422.
//!
//! Needs tmux (`.ci/run` installs it). Waiting polls the screen until the
//! text appears or a generous deadline passes; nothing asserts on time.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
    _dir: tempfile::TempDir,
    data: PathBuf,
}

impl Tmux {
    fn start(extra_args: &str) -> Tmux {
        let found = Command::new("tmux").arg("-V").output();
        assert!(
            found.is_ok_and(|o| o.status.success()),
            "these tests need tmux: install it (apt-get install tmux)"
        );
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("sandbox.json");
        let socket = format!("alto-e2e-{}-{}", std::process::id(), fastrand::u32(..));
        let cmd = format!(
            "ALTO_CONFIG_DIR={} TZ=UTC {} --demo --sandbox-data {} {extra_args}",
            dir.path().display(),
            env!("CARGO_BIN_EXE_alto"),
            data.display()
        );
        let ok = Command::new("tmux")
            .args([
                "-L",
                &socket,
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-s",
                "e2e",
            ])
            .args(["-x", "100", "-y", "30", &cmd])
            .status()
            .unwrap();
        assert!(ok.success(), "tmux could not start");
        // OSC 52 copies land in tmux's paste buffer, where a test can read them.
        Command::new("tmux")
            .args(["-L", &socket, "set-option", "-s", "set-clipboard", "on"])
            .status()
            .unwrap();
        Tmux {
            socket,
            _dir: dir,
            data,
        }
    }

    fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "e2e"])
    }

    /// Waits until `text` is on screen; panics with the screen if it never is.
    fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            if Instant::now() > deadline {
                panic!("never saw {text:?}; the screen was:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.tmux(&["send-keys", "-t", "e2e", k]);
        }
    }

    fn type_text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "e2e", "-l", text]);
    }

    fn data(&self) -> serde_json::Value {
        read_json(&self.data)
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .status();
    }
}

fn read_json(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn accounts_of(data: &serde_json::Value, workspace_name: &str) -> Vec<serde_json::Value> {
    let id = data["workspaces"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["name"] == workspace_name)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    data["accounts"][&id]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// Filter to Soylent Foods, open it, start a new account.
fn open_form(t: &Tmux) {
    t.wait_for("Workspaces 36");
    t.keys(&["/"]);
    t.type_text("soylent");
    t.wait_for("1 of 36 match");
    t.keys(&["Enter", "Enter"]);
    t.wait_for("No billing accounts yet");
    t.keys(&["n"]);
    t.wait_for("New billing account in Soylent Foods");
}

#[test]
fn create_a_billing_account_end_to_end() {
    let t = Tmux::start("");
    open_form(&t);
    t.type_text("ACME Corp (EU)");
    t.keys(&["Tab"]);
    t.type_text("billing-eu@acme.com");
    t.keys(&["Tab"]);
    t.type_text("+442071234567");
    t.keys(&["Tab"]);
    t.type_text("For all European operations.");
    t.keys(&["Tab", "Enter"]); // currency dropdown
    t.wait_for("Workspace default");
    t.type_text("euro");
    t.wait_for("eur — Euro");
    t.keys(&["Enter"]); // chosen; focus moves to country
    t.type_text("gb"); // typing opens the country picker
    t.wait_for("GB — United Kingdom");
    t.keys(&["Enter"]);
    t.type_text("1 High Street");
    t.keys(&["Tab"]);
    t.type_text("Floor 2");
    t.keys(&["Tab"]);
    t.type_text("London");
    t.keys(&["Tab"]);
    t.type_text("Greater London");
    t.keys(&["Tab"]);
    t.type_text("EC1A 1BB");
    t.keys(&["C-s"]);
    let screen = t.wait_for("Billing account created cus_");
    assert!(screen.contains("eur — Euro"), "{screen}");
    assert!(screen.contains("GB — United Kingdom"));
    assert!(screen.contains("Greater London"));
    let id = screen
        .split_whitespace()
        .find(|w| w.starts_with("cus_"))
        .unwrap()
        .to_string();

    // The server holds exactly what was typed, once.
    let accounts = accounts_of(&t.data(), "Soylent Foods");
    assert_eq!(accounts.len(), 1);
    let a = &accounts[0];
    assert_eq!(a["id"], id.as_str());
    assert_eq!(a["name"], "ACME Corp (EU)");
    assert_eq!(a["phone"], "+442071234567");
    assert_eq!(a["currency"], "eur");
    assert_eq!(a["address"]["country"], "GB");
    assert_eq!(a["address"]["line2"], "Floor 2");
    assert_eq!(a["address"]["postal_code"], "EC1A 1BB");

    // y copies the id (through OSC 52).
    t.keys(&["y"]);
    t.wait_for("Copied the account id to the clipboard");
    let deadline = Instant::now() + Duration::from_secs(10);
    while t.tmux(&["show-buffer"]).trim() != id && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(t.tmux(&["show-buffer"]).trim(), id);

    // Back to the workspace: the new account is listed; q quits cleanly.
    t.keys(&["Escape"]);
    t.wait_for("Billing accounts 1");
    t.keys(&["q"]);
    let deadline = Instant::now() + Duration::from_secs(10);
    while t.tmux(&["list-sessions"]).contains("e2e") && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        !t.tmux(&["list-sessions"]).contains("e2e"),
        "alto exited on q"
    );
}

#[test]
fn a_422_lands_under_the_fields_and_keeps_the_form() {
    let t = Tmux::start("--sandbox-faults create-422");
    open_form(&t);
    t.type_text("Refused Ltd");
    t.keys(&["Tab"]);
    t.type_text("billing@refused.example");
    t.keys(&["Tab", "Tab", "Tab", "Tab"]);
    t.type_text("za");
    t.wait_for("ZA — South Africa");
    t.keys(&["Enter", "C-s"]);
    let screen = t.wait_for("Billing is not available for addresses in this country.");
    assert!(
        screen.contains("The email domain does not accept mail."),
        "{screen}"
    );
    assert!(screen.contains("HTTP 422"));
    assert!(screen.contains("Refused Ltd"), "the form keeps its values");
    assert!(screen.contains("ZA — South Africa"));
    assert!(!screen.contains("cus_"));
    assert!(accounts_of(&t.data(), "Soylent Foods").is_empty());
    // Fixing the email and sending again is the user's decision; Esc keeps it.
    t.keys(&["Escape"]);
    t.wait_for("Form kept");
    t.keys(&["n"]);
    let screen = t.wait_for("New billing account in Soylent Foods");
    assert!(screen.contains("billing@refused.example"));
}
