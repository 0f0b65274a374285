//! An account's trial eligibility (`T` on the account's detail): a
//! read-only pane declared in one file (tui/resources/accounts/trial.rs),
//! read through the one generic load and answered by the sandbox.

use alto::api::ApiError;
use alto::tui::app::Screen;
use alto::tui::msg::{Cmd, Msg};
use alto::tui::resources::accounts::trial;
use alto::tui::store::Answer;
use alto::tui::testing::Harness;

/// The detail of `workspace`'s first account, and its ids.
fn on_account(workspace: &str) -> (Harness, String, String) {
    let mut h = Harness::demo(100, 30);
    h.select(workspace);
    h.keys("<Enter>").answer_loads().keys("<Enter>");
    assert_eq!(h.app.screen(), Screen::Detail);
    let ws = h.app.session.current.clone().unwrap().id;
    let account = h.app.session.detail.clone().unwrap().id;
    (h, ws, account)
}

/// The value on the pane's row labelled `label`.
fn row(h: &Harness, label: &str) -> String {
    let text = h.text();
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with(label))
        .unwrap_or_else(|| panic!("no {label} row:\n{text}"));
    line.trim_start()[label.len()..].trim().to_string()
}

/// Demo workspaces with accounts: one whose first account may start a
/// trial and one whose may not (the sandbox's rule decides).
fn workspaces() -> Vec<String> {
    let store = Harness::demo(100, 30).store;
    let first_eligible = |eligible: bool| {
        store.workspaces.iter().find_map(|w| {
            let id = &w.workspace.id;
            let first = store.accounts(id).first()?.account.id.clone();
            let truth = alto::sandbox::billing::trial_eligibility(&store, id, &first);
            (truth.trial_eligible == eligible).then(|| w.workspace.name.clone())
        })
    };
    let both = [first_eligible(true), first_eligible(false)];
    both.into_iter().map(|w| w.expect("a case")).collect()
}

#[test]
fn t_on_an_account_shows_what_the_api_says_of_its_trial() {
    for workspace in workspaces() {
        let (mut h, ws, account) = on_account(&workspace);
        let truth = alto::sandbox::billing::trial_eligibility(&h.store, &ws, &account);
        h.keys("T");
        assert_eq!(h.app.screen(), Screen::Pane(&trial::PANE));
        assert!(h.text().contains("loading…"), "{}", h.text());
        h.answer_loads();
        let name = h.app.session.detail.clone().unwrap().name;
        assert!(
            h.text().contains(&format!("Trial eligibility of {name}")),
            "{}",
            h.text()
        );
        let yes = |b: bool| b.then_some("yes");
        assert_eq!(
            row(&h, "Free trial") == "yes",
            truth.trial_eligible,
            "{workspace}"
        );
        assert_eq!(
            yes(truth.has_payment_method).unwrap_or("none on file"),
            row(&h, "Payment method")
        );
        assert_eq!(
            yes(truth.can_create_subscription).unwrap_or("not yet"),
            row(&h, "Can subscribe")
        );
        let needed = truth.requirements.as_ref().map(|r| r.texts().len());
        assert_eq!(
            h.text().contains("Still needed"),
            needed.unwrap_or(0) > 0,
            "{}",
            h.text()
        );
        // Esc goes back to the account it was opened from.
        h.keys("<Esc>");
        assert_eq!(h.app.screen(), Screen::Detail);
    }
}

#[test]
fn the_pane_reloads_says_a_failure_and_lists_its_keys() {
    let (mut h, ws, account) = on_account("ACME Corporation");
    assert!(
        h.keys("?").text().contains("trial eligibility"),
        "the account's keys list T"
    );
    h.keys("<Esc>T").answer_loads();
    // `r` asks again for the same account; the answer shown stays until
    // the new one comes, and a failure is said with how to retry.
    h.keys("r");
    let scope = format!("{ws}/{account}");
    let req = h.req_of(|c| matches!(c, Cmd::Load { scope: s, .. } if *s == scope));
    assert!(h.text().contains("Free trial"), "{}", h.text());
    h.send(Msg::Loaded {
        read: &trial::READ,
        scope,
        req,
        answer: Answer(Err(ApiError::Status {
            status: 503,
            body: Box::default(),
        })),
    });
    let text = h.text();
    assert!(
        text.contains("✗ Could not load it") && text.contains("r retries"),
        "{text}"
    );
    assert!(text.contains("Free trial"), "the last answer stays: {text}");
    let keys = h.keys("?").text();
    assert!(keys.contains("reload") && keys.contains("back"), "{keys}");
}

#[test]
fn a_late_answer_for_another_account_is_not_shown_for_this_one() {
    let (mut h, ws, _) = on_account("ACME Corporation");
    h.keys("T");
    h.send(Msg::Loaded {
        read: &trial::READ,
        scope: format!("{ws}/cus_someone_else"),
        req: 1,
        answer: Answer(Err(ApiError::Status {
            status: 404,
            body: Box::default(),
        })),
    });
    assert!(!h.text().contains("Could not load"), "{}", h.text());
    h.answer_loads();
    assert!(h.text().contains("Free trial"), "{}", h.text());
}

#[test]
fn a_refused_token_on_a_declared_read_asks_for_one() {
    let (mut h, ws, account) = on_account("ACME Corporation");
    h.keys("T");
    let scope = format!("{ws}/{account}");
    let req = h.req_of(|c| matches!(c, Cmd::Load { .. }));
    h.send(Msg::Loaded {
        read: &trial::READ,
        scope,
        req,
        answer: Answer(Err(ApiError::Status {
            status: 401,
            body: Box::default(),
        })),
    });
    assert!(h.app.boxes.token_prompt().is_some(), "{}", h.text());
}
