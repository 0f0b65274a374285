//! The console's import screen through the one harness: the path, the
//! preview with each row's problem, the second Enter, each row sent once
//! (journal path and key in the command), a lost answer stopping it.

use alto::api::ApiError;
use alto::tui::app::Screen;
use alto::tui::import::{Fate, ImportCmd, ImportMsg, Stage};
use alto::tui::msg::{Cmd, Msg};
use alto::tui::testing::Harness;

const CSV: &str = "name,email,country\nNew One,one@new.example,GB\nNew Two,two@new.example,UK\nNew Three,three@new.example,ZA\n";

/// The import screen over ACME's accounts, the file read and checked.
fn previewed() -> Harness {
    let mut h = Harness::demo(100, 24);
    h.select("ACME Corporation");
    h.keys("U").answer_loads();
    assert_eq!(h.app.screen(), Screen::Import);
    h.keys("/tmp/new.csv<Enter>");
    let read = h
        .cmds
        .iter()
        .position(|c| matches!(c, Cmd::Import(ImportCmd::Read { .. })))
        .unwrap();
    let Cmd::Import(ImportCmd::Read { path, .. }) = h.cmds.remove(read) else {
        unreachable!()
    };
    assert_eq!(path.to_str(), Some("/tmp/new.csv"));
    h.send(Msg::Import(ImportMsg::Read {
        path,
        result: Ok((CSV.to_string(), Vec::new())),
    }));
    h
}

fn sends(h: &mut Harness) -> Vec<(u64, String)> {
    let out = h
        .cmds
        .iter()
        .filter_map(|c| match c {
            Cmd::Import(ImportCmd::Send { line, body, .. }) => Some((*line, body.email.clone())),
            _ => None,
        })
        .collect();
    h.cmds
        .retain(|c| !matches!(c, Cmd::Import(ImportCmd::Send { .. })));
    out
}

fn account(h: &Harness, email: &str, id: &str) -> alto::api::model::BillingAccount {
    let mut a = h.accounts_named("ACME Corporation")[0].clone();
    a.email = email.into();
    a.id = id.into();
    a
}

#[test]
fn the_preview_places_each_problem_and_enter_twice_sends_each_valid_row_once() {
    let mut h = previewed();
    let text = h.text();
    assert!(
        text.contains("3 rows: 2 to create, 0 created before, 1 with problems"),
        "{text}"
    );
    assert!(
        text.contains("✗ skipped") && text.contains("country:"),
        "{text}"
    );
    insta::assert_snapshot!("import_preview", text);
    h.keys("<Enter>");
    assert!(
        h.text()
            .contains("Send 2 new billing accounts to ACME Corporation?"),
        "{}",
        h.text()
    );
    assert!(sends(&mut h).is_empty(), "nothing before the second Enter");
    // Esc on the question: back to the preview, nothing sent.
    h.keys("<Esc>");
    assert_eq!(h.app.session.import.as_ref().unwrap().stage, Stage::Preview);
    h.keys("<Enter><Enter>");
    assert_eq!(
        sends(&mut h),
        [(2, "one@new.example".to_string())],
        "one at a time"
    );
    let a = account(&h, "one@new.example", "cus_new1");
    h.send(Msg::Import(ImportMsg::Sent {
        line: 2,
        result: Ok(Box::new(a)),
        at: 1,
    }));
    assert_eq!(sends(&mut h), [(4, "three@new.example".to_string())]);
    let a = account(&h, "three@new.example", "cus_new3");
    h.send(Msg::Import(ImportMsg::Sent {
        line: 4,
        result: Ok(Box::new(a)),
        at: 2,
    }));
    assert!(sends(&mut h).is_empty());
    let s = h.app.session.import.as_ref().unwrap();
    assert_eq!(s.stage, Stage::Done(None));
    assert_eq!(s.fates[&4], Fate::Created("cus_new3".into()));
    insta::assert_snapshot!("import_done", h.text());
}

#[test]
fn a_lost_answer_stops_the_import_and_says_how_to_look_it_up() {
    let mut h = previewed();
    h.keys("<Enter><Enter>");
    assert_eq!(sends(&mut h).len(), 1);
    let lost = ApiError::Timeout {
        url: "http://x".into(),
        after: std::time::Duration::from_secs(30),
    };
    h.send(Msg::Import(ImportMsg::Sent {
        line: 2,
        result: Err(lost),
        at: 1,
    }));
    assert!(sends(&mut h).is_empty(), "nothing more is sent");
    let s = h.app.session.import.as_ref().unwrap();
    assert_eq!(s.fates[&2], Fate::Unknown);
    assert!(h.text().contains("--resume"), "{}", h.text());
}

#[test]
fn enter_before_the_accounts_arrive_asks_once_they_do_and_a_failed_read_is_asked_again() {
    let mut h = Harness::demo(100, 24);
    h.select("ACME Corporation");
    h.keys("U");
    let first = h.take_cmds();
    let Some((req, workspace_id)) = first.iter().find_map(|c| match c {
        Cmd::LoadAccounts { req, workspace_id } => Some((*req, workspace_id.clone())),
        _ => None,
    }) else {
        panic!("{first:?}")
    };
    h.keys("/tmp/new.csv<Enter>");
    let read = h.take_cmds().into_iter().find_map(|c| match c {
        Cmd::Import(ImportCmd::Read { path, .. }) => Some(path),
        _ => None,
    });
    h.send(Msg::Import(ImportMsg::Read {
        path: read.unwrap(),
        result: Ok((CSV.to_string(), Vec::new())),
    }));
    // Their read failed (a dropped or refused read): Enter asks again.
    h.send(Msg::Api(alto::tui::msg::ApiMsg::AccountsLoaded {
        req,
        workspace_id: workspace_id.clone(),
        result: Err(alto::api::ApiError::Dropped),
    }));
    h.keys("<Enter>");
    assert!(
        h.text().contains("Waiting for the workspace's accounts"),
        "{}",
        h.text()
    );
    let again = h.take_cmds();
    assert!(
        again.iter().any(|c| matches!(c, Cmd::LoadAccounts { .. })),
        "{again:?}"
    );
    h.cmds = again;
    // When they arrive, the question opens without another Enter.
    h.answer_loads();
    assert!(
        h.text()
            .contains("Send 2 new billing accounts to ACME Corporation?"),
        "{}",
        h.text()
    );
}
