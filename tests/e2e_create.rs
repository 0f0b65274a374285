//! The real `alto --demo` in a real terminal (a pty), driven by keys as a
//! person would: filter, pick a workspace, fill every field including the
//! currency and the address, submit, and read the created `cus_…` id; and
//! the same flow when the server answers 422.
//!
//! Waiting polls the screen until the text appears or a generous deadline
//! passes; nothing asserts on time.

mod common;

use common::pty::Term;

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
fn open_form(t: &Term) {
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
    let t = Term::demo("");
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
    // The status line can be drawn before the rows under it (a frame is
    // caught half drawn), so wait for all of them on one screen.
    let screen = t.wait_all(&[
        "Billing account created cus_",
        "eur — Euro",
        "GB — United Kingdom",
        "Greater London",
    ]);
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
    t.wait_for("Copied the account id (OSC 52)");
    t.wait_clipboard(|c| c == id);

    // Back to the workspace: the new account is listed; q quits cleanly.
    t.keys(&["Escape"]);
    t.wait_for("Billing accounts 1");
    t.keys(&["q"]);
    t.wait_for_exit();
}

#[test]
fn a_422_lands_under_the_fields_and_keeps_the_form() {
    let t = Term::demo("--sandbox-faults create-422");
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
