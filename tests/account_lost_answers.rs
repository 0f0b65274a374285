//! An account's own writes (the form's create and save, `d`'s delete)
//! travel as every write does and hear the client's lookup of a lost
//! answer the same way: found done, said so; found not done, nothing
//! sent again and the write offered as it was, with its key.

use alto::api::ApiError;
use alto::api::model::BillingAccount;
use alto::tui::app::Screen;
use alto::tui::msg::{ApiMsg, Cmd, Msg, Written};
use alto::tui::ops::WriteOp;
use alto::tui::testing::{self, Harness};

fn not_done() -> ApiError {
    ApiError::NotDone {
        lost: "HTTP 502".into(),
    }
}

fn looked_up(a: BillingAccount) -> Result<Written, ApiError> {
    Ok(Written::LookedUp(Box::new(Written::Account(Box::new(a)))))
}

/// The first account write sent: its request, key, op and "before".
fn sent(h: &mut Harness) -> (u64, String, WriteOp, Option<serde_json::Value>) {
    let cmds = h.take_cmds();
    cmds.into_iter()
        .find_map(|c| match c {
            Cmd::SendWrite {
                req,
                key,
                op,
                before,
                ..
            } => Some((req, key, op, before)),
            _ => None,
        })
        .expect("a write was sent")
}

fn status(h: &Harness) -> String {
    h.app.status.clone().map(|s| s.text).unwrap_or_default()
}

/// ACME's second account, open on the detail pane.
fn on_an_account(h: &mut Harness) -> BillingAccount {
    h.select("ACME Corporation")
        .keys("<Enter>")
        .answer_loads()
        .keys("j<Enter>");
    h.app.session.detail.clone().unwrap()
}

#[test]
fn a_create_found_not_done_keeps_the_form_and_sends_again_with_its_key_then_found_done() {
    let mut h = Harness::demo(100, 30);
    h.select("Soylent Foods").keys("n").answer_loads();
    h.keys("Lost Ltd<Tab>lost@example.com<C-s>");
    let (req, key, op, before) = sent(&mut h);
    assert!(matches!(op, WriteOp::CreateAccount { .. }), "{op:?}");
    assert_eq!(before, None, "a create has no before");
    h.send(testing::written(req, Err(not_done())));
    assert_eq!(h.app.screen(), Screen::Form, "the form stays");
    assert!(
        status(&h).contains("looked up: it was not created"),
        "{}",
        status(&h)
    );
    assert!(
        h.text().contains("no such account was made"),
        "{}",
        h.text()
    );
    assert!(
        h.take_cmds()
            .iter()
            .all(|c| !matches!(c, Cmd::SendWrite { .. }))
    );
    // Ctrl+S sends it again: the same body, the same key.
    h.keys("<C-s>");
    let (again, again_key, op, _) = sent(&mut h);
    assert_eq!(again_key, key, "a resend keeps the key");
    let WriteOp::CreateAccount { body, .. } = op else {
        panic!("{op:?}")
    };
    assert_eq!(body.name, "Lost Ltd");
    // This time the answer is lost and the lookup finds it.
    let ws = h.app.session.current.clone().unwrap().id;
    let mut made = h.accounts_named("ACME Corporation")[0].clone();
    (made.id, made.workspace_id) = ("cus_LOST00000001".into(), ws);
    (made.name, made.email) = ("Lost Ltd".into(), "lost@example.com".into());
    h.send(testing::written(again, looked_up(made)));
    assert_eq!(h.app.screen(), Screen::Detail);
    assert!(
        status(&h).contains("looked up: it was created once"),
        "{}",
        status(&h)
    );
}

#[test]
fn a_save_found_done_or_not_done_says_which_and_carries_the_account_before() {
    for done in [true, false] {
        let mut h = Harness::demo(100, 30);
        let account = on_an_account(&mut h);
        h.keys("e<Tab><Tab><C-u>+27 21 555 0199<C-s>");
        let (req, _, op, before) = sent(&mut h);
        assert!(matches!(&op, WriteOp::UpdateAccount { id, .. } if *id == account.id));
        assert_eq!(before, Some(serde_json::to_value(&account).unwrap()));
        let mut now = account.clone();
        now.phone = Some("+27 21 555 0199".into());
        let answer = if done {
            looked_up(now)
        } else {
            Err(not_done())
        };
        h.send(testing::written(req, answer));
        let said = format!("{} {}", status(&h), h.text());
        if done {
            assert_eq!(h.app.screen(), Screen::Detail, "{said}");
            assert!(said.contains("looked up: the server has them"), "{said}");
        } else {
            assert_eq!(h.app.screen(), Screen::Form, "{said}");
            assert!(said.contains("server still has the old values"), "{said}");
            assert!(
                h.take_cmds().is_empty(),
                "nothing is looked up or sent again"
            );
        }
    }
}

#[test]
fn a_delete_found_done_or_not_done_says_which() {
    for done in [true, false] {
        let mut h = Harness::demo(100, 30);
        let account = on_an_account(&mut h);
        h.keys("d<Tab><Enter>");
        let (req, _, op, before) = sent(&mut h);
        assert_eq!(op, WriteOp::DeleteAccount(account.id.clone()));
        assert_eq!(before, Some(serde_json::to_value(&account).unwrap()));
        let at = alto::tui::msg::At {
            workspace_id: account.workspace_id.clone(),
            account_id: account.id.clone(),
        };
        let answer = match done {
            true => Ok(Written::LookedUp(Box::new(Written::AccountDeleted(at)))),
            false => Err(not_done()),
        };
        h.send(testing::written(req, answer));
        let said = status(&h);
        let listed = h.app.session.accounts[&account.workspace_id]
            .items
            .iter()
            .any(|a| a.id == account.id);
        assert_eq!(listed, !done, "{said}");
        match done {
            true => assert!(said.contains("looked up: it is gone"), "{said}"),
            false => assert!(said.contains("is still there, and nothing was sent again")),
        }
        assert!(h.take_cmds().is_empty(), "nothing else is sent");
    }
}

// The client's lookup could not tell (or the answer was lost before it
// had one): the console looks the account up itself before anything else.

fn timeout() -> alto::api::ApiError {
    alto::api::ApiError::Timeout {
        url: "u".into(),
        after: std::time::Duration::from_secs(30),
    }
}

/// The request id and target of the first command `pick` finds.
fn take<T>(h: &mut Harness, pick: impl Fn(&Cmd) -> Option<T>) -> T {
    let cmds = h.take_cmds();
    cmds.iter()
        .find_map(pick)
        .unwrap_or_else(|| panic!("not sent: {cmds:?}"))
}

#[test]
fn a_delete_with_an_unclear_answer_is_checked_before_anything_is_said() {
    for (found, says) in [
        (false, "it is gone now"),
        (true, "is still there after the unclear answer"),
    ] {
        let mut h = Harness::demo(100, 30);
        let account = on_an_account(&mut h);
        h.keys("d<Tab><Enter>");
        let req = take(&mut h, |c| match c {
            Cmd::SendWrite {
                req,
                op: WriteOp::DeleteAccount(_),
                ..
            } => Some(*req),
            _ => None,
        });
        h.send(testing::account_deleted(req, Err(timeout())));
        assert!(
            h.app.boxes.error().is_none(),
            "no 'not deleted' before we know"
        );
        let check = take(&mut h, |c| match c {
            Cmd::CheckAccount {
                req, account_id, ..
            } if *account_id == account.id => Some(*req),
            _ => None,
        });
        h.keys("d");
        assert!(
            h.app.boxes.confirm().is_none(),
            "no second delete while checking"
        );
        h.send(Msg::Api(ApiMsg::AccountChecked {
            req: check,
            workspace_id: account.workspace_id.clone(),
            account_id: account.id.clone(),
            result: Ok(found.then(|| account.clone())),
        }));
        let status = h.app.status.clone().unwrap().text;
        assert!(status.contains(says), "{status}");
        let listed = h.app.session.accounts[&account.workspace_id]
            .items
            .iter()
            .any(|a| a.id == account.id);
        assert_eq!(listed, found, "the list says what the server holds");
    }
}

/// A phone number edited by keys, saved, and the save timed out: the
/// harness, the account, and the id of the lookup that went out.
fn edit_timed_out() -> (Harness, alto::api::model::BillingAccount, u64) {
    let mut h = Harness::demo(100, 30);
    let account = on_an_account(&mut h);
    h.keys("e<Tab><Tab><C-u>+27 21 555 0199<C-s>");
    let req = take(&mut h, |c| match c {
        Cmd::SendWrite {
            req,
            op: WriteOp::UpdateAccount { .. },
            ..
        } => Some(*req),
        _ => None,
    });
    h.send(testing::account_saved(req, Err(timeout())));
    let check = take(&mut h, |c| match c {
        Cmd::CheckAccount { req, .. } => Some(*req),
        _ => None,
    });
    (h, account, check)
}

#[test]
fn an_edit_with_an_unclear_answer_is_saved_only_if_the_server_has_it() {
    for (landed, says) in [(true, "Saved"), (false, "still has the old values")] {
        let (mut h, account, check) = edit_timed_out();
        h.keys("<C-s>");
        assert!(h.take_cmds().is_empty(), "nothing sent while checking");
        let mut now = account.clone();
        if landed {
            now.phone = Some("+27 21 555 0199".into());
        }
        h.send(Msg::Api(ApiMsg::AccountChecked {
            req: check,
            workspace_id: account.workspace_id.clone(),
            account_id: account.id.clone(),
            result: Ok(Some(now)),
        }));
        let status = h.app.status.clone().unwrap().text;
        let banner = h
            .app
            .form()
            .and_then(|f| f.banner.clone())
            .unwrap_or_default();
        assert!(
            status.contains(says) || banner.contains(says),
            "{status} / {banner}"
        );
        assert_eq!(
            h.app.session.edit.is_none(),
            landed,
            "the form goes once saved"
        );
    }

    // The check itself fails: sending again asks first.
    let (mut h, account, check) = edit_timed_out();
    h.send(Msg::Api(ApiMsg::AccountChecked {
        req: check,
        workspace_id: account.workspace_id.clone(),
        account_id: account.id.clone(),
        result: Err(timeout()),
    }));
    h.keys("<C-s>");
    assert!(h.take_cmds().is_empty(), "asks first");
    assert!(h.text().contains("Send again?"), "{}", h.text());
    assert!(h.text().contains("nothing is created"), "{}", h.text());
    h.keys("y");
    assert!(
        matches!(
            h.take_cmds().as_slice(),
            [Cmd::SendWrite {
                op: WriteOp::UpdateAccount { .. },
                ..
            }]
        ),
        "sent once, on yes"
    );
}
