//! The new-account form's duplicate guard through the real key path: an
//! account with the same email or name stops the send and asks; Enter
//! opens the existing one, `c` creates anyway (once, for those values),
//! Esc goes back to the form with nothing sent.

use alto::tui::app::Screen;
use alto::tui::msg::Cmd;
use alto::tui::ops::WriteOp;
use alto::tui::testing::Harness;

fn creates(h: &mut Harness) -> usize {
    h.take_cmds()
        .iter()
        .filter(|c| {
            matches!(
                c,
                Cmd::SendWrite {
                    op: WriteOp::CreateAccount { .. },
                    ..
                }
            )
        })
        .count()
}

fn form_on(name: &str) -> Harness {
    let mut h = Harness::demo(100, 30);
    h.select(name);
    h.keys("<Enter>").answer_loads();
    h.keys("n").answer_loads();
    assert_eq!(h.app.screen(), Screen::Form);
    h.take_cmds();
    h
}

#[test]
fn the_same_email_stops_the_send_and_esc_keeps_the_form() {
    let mut h = form_on("Hooli");
    let existing = h.accounts_named("Hooli")[1].clone();
    let shouted = existing.email.to_uppercase();
    h.keys(&format!("Someone Else<Tab>{shouted}<C-s>"));
    let text = h.text();
    assert!(text.contains("Already there?"), "{text}");
    assert!(
        text.contains("the same email") && text.contains(&existing.id),
        "{text}"
    );
    assert_eq!(creates(&mut h), 0, "nothing sent");
    h.keys("<Esc>");
    assert_eq!(h.app.screen(), Screen::Form);
    assert!(h.app.form().unwrap().duplicate.is_none());
    assert_eq!(
        h.app.form().unwrap().input().name,
        "Someone Else",
        "the form is kept"
    );
    assert_eq!(creates(&mut h), 0);
}

#[test]
fn c_creates_anyway_once_and_enter_opens_the_existing_one() {
    let mut h = form_on("Hooli");
    let existing = h.accounts_named("Hooli")[0].clone();
    let spaced = existing.name.replace(' ', "  ").to_lowercase();
    h.keys(&format!("{spaced}<Tab>new@hooli.example<C-s>"));
    assert!(h.text().contains("the same name"), "{}", h.text());
    h.keys("c");
    assert_eq!(creates(&mut h), 1, "created anyway, once");
    // Another form, another duplicate: Enter opens the existing account.
    let mut h = form_on("Hooli");
    h.keys(&format!(
        "{}<Tab>x@hooli.example<C-s><Enter>",
        existing.name
    ));
    assert_eq!(h.app.screen(), Screen::Detail);
    assert_eq!(h.app.session.detail.as_ref().unwrap().id, existing.id);
    assert_eq!(creates(&mut h), 0);
}

#[test]
fn an_account_unlike_any_other_is_sent_at_once() {
    let mut h = form_on("Hooli");
    h.keys("Brand New Customer<Tab>brand@new.example<C-s>");
    assert!(!h.text().contains("Already there?"));
    assert_eq!(creates(&mut h), 1);
}

#[test]
fn the_box_at_80_columns() {
    let mut h = Harness::demo(80, 24);
    h.select("Hooli");
    h.keys("<Enter>").answer_loads();
    h.keys("n").answer_loads();
    let existing = h.accounts_named("Hooli")[0].clone();
    h.keys(&format!("Another<Tab>{}<C-s>", existing.email));
    insta::assert_snapshot!(alto::tui::testing::lines(&h.buffer()).join("\n"));
}
