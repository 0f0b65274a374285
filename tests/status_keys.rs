//! The status line belongs to the screen or box it was said on: leaving
//! it ends the message, an in-progress message ends with its work, and
//! `!` shows the last one whole, titled by its kind.

use alto::api::ApiError;
use alto::tui::msg::{BillingMsg, CopyMsg, Msg};
use alto::tui::testing::Harness;

fn status_row(h: &Harness) -> String {
    let lines = h.lines();
    lines[lines.len() - 2].clone()
}

/// ACME's first account, open.
fn on_account() -> Harness {
    let mut h = Harness::demo(110, 34);
    h.select("ACME Corporation");
    h.keys("<Enter>")
        .answer_loads()
        .keys("<Enter>")
        .answer_loads();
    h
}

#[test]
fn a_message_ends_when_its_screen_is_left() {
    let mut h = on_account();
    h.keys("y");
    h.send(Msg::Copy(CopyMsg::Copied(Ok("the account id".into()))));
    assert!(
        status_row(&h).contains("✓ Copied the account id"),
        "{}",
        h.text()
    );
    h.keys("s").answer_loads();
    assert!(!h.text().contains("Copied"), "{}", h.text());
    // `!` still shows it whole, titled by its kind.
    h.keys("!");
    let text = h.text();
    assert!(text.contains("✓ Last message"), "{text}");
    assert!(text.contains("Copied the account id"), "{text}");
    assert!(!text.contains("✗ Last message"), "{text}");
}

#[test]
fn an_in_progress_message_ends_with_its_work_and_a_boxs_with_the_box() {
    let mut h = on_account();
    h.keys("p").answer_loads();
    h.take_cmds();
    h.keys("a");
    assert!(status_row(&h).contains("Asking the API for a card setup…"));
    let req = h.req_of(|c| {
        matches!(
            c,
            alto::tui::msg::Cmd::Billing(alto::tui::msg::BillingCmd::SetupIntent { .. })
        )
    });
    let body = serde_json::json!({"message": "Payment method limit reached."});
    h.send(Msg::Billing(BillingMsg::SetupIntent {
        req,
        result: Err(ApiError::Status {
            status: 409,
            body: Box::new(alto::api::ErrorBody::parse(body.to_string().as_bytes())),
        }),
    }));
    assert!(h.text().contains("Cannot add a card"), "{}", h.text());
    h.keys("<Enter>");
    assert!(
        !h.text().contains("Asking the API"),
        "the work is over: {}",
        h.text()
    );
}
