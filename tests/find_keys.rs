//! The console's index and find screen, through the one harness: the
//! filler's pace (none of its own) on a made-up clock, its pause on a 429, idling once fresh,
//! `F` finding an account in another workspace and Enter opening it, and
//! the duplicate guard across workspaces.

use alto::api::ApiError;
use alto::index::fill::Answer;
use alto::tui::app::Screen;
use alto::tui::msg::{Cmd, FindMsg, IndexCmd, Msg};
use alto::tui::ops::WriteOp;
use alto::tui::testing::Harness;

const HOUR: i64 = 3_600_000;

/// The demo with the index on (kept in memory, as the demo's is).
/// The made-up clock starts at the real one: the console's own loads are
/// fed to the index at the real time. The fills below stop half an hour
/// on, well before anything (even what was fed a moment before) is stale.
fn t0() -> i64 {
    alto::index::now_ms()
}

fn harness() -> Harness {
    let mut h = Harness::new(120, 30);
    h.app.ctx.index.enabled = true;
    h.answer_loads();
    h
}

#[test]
fn the_filler_asks_as_the_budget_allows_then_sleeps_until_the_oldest_is_stale() {
    let mut h = harness();
    let t0 = t0();
    let sent = h.fill_index(t0, HOUR / 2);
    let workspaces = h.app.session.workspaces.items.len();
    // The list was fed by the console's own load: one request per workspace.
    assert_eq!(sent.len(), workspaces, "{sent:?}");
    // No pace of its own: each request goes as the last answer comes (the
    // harness answers in 150 ms); the scheduler keeps it within the budget.
    assert!(sent.windows(2).all(|p| p[1] - p[0] == 150), "{sent:?}");
    let coverage = h.app.session.find.index.coverage();
    assert!(coverage.complete(), "{coverage:?}");
    // Fresh: the one wake left is an hour after the oldest answer.
    let wakes: Vec<&Cmd> = h
        .cmds
        .iter()
        .filter(|c| matches!(c, Cmd::Index(_)))
        .collect();
    assert_eq!(wakes.len(), 1, "{wakes:?}");
    let Cmd::Index(IndexCmd::Wake { at, .. }) = wakes[0] else {
        panic!("{wakes:?}")
    };
    assert!(
        *at >= coverage.oldest.unwrap() + HOUR,
        "sleeps until the oldest is an hour old"
    );
}

#[test]
fn a_429_pauses_the_filler_until_retry_after_and_early_wakes_send_nothing() {
    let mut h = harness();
    let t0 = t0();
    // The first wake asks for the first workspace's accounts.
    let (generation, due) = loop {
        let i = h
            .cmds
            .iter()
            .position(|c| matches!(c, Cmd::Index(_)))
            .unwrap();
        match h.cmds.remove(i) {
            Cmd::Index(IndexCmd::Wake { generation, .. }) => {
                h.send(Msg::Find(FindMsg::Wake {
                    generation,
                    now: t0,
                }));
            }
            Cmd::Index(IndexCmd::Fetch { generation, due }) => break (generation, due),
            other => panic!("{other:?}"),
        }
    };
    let alto::index::Due::Accounts(workspace) = due else {
        panic!("{due:?}")
    };
    let limited = ApiError::RateLimited {
        retry_after: Some(std::time::Duration::from_secs(30)),
        body: Box::default(),
    };
    h.send(Msg::Find(FindMsg::Answer {
        generation,
        answer: Box::new(Answer::Accounts {
            workspace,
            result: Err(limited),
        }),
        at: t0 + 100,
    }));
    let next = h.cmds.iter().find_map(|c| match c {
        Cmd::Index(IndexCmd::Wake { at, .. }) => Some(*at),
        _ => None,
    });
    assert_eq!(
        next,
        Some(t0 + 100 + 30_000),
        "woken when Retry-After has passed"
    );
    h.cmds.clear();
    // A wake before then (another timer) asks nothing, and sleeps again.
    h.send(Msg::Find(FindMsg::Wake {
        generation,
        now: t0 + 5_000,
    }));
    assert!(
        !h.cmds
            .iter()
            .any(|c| matches!(c, Cmd::Index(IndexCmd::Fetch { .. }))),
        "{:?}",
        h.cmds
    );
    h.keys("F");
    assert!(
        h.text().contains("paused by the API (429) for 25 s"),
        "{}",
        h.text()
    );
    // After it: asked again.
    h.cmds.clear();
    h.send(Msg::Find(FindMsg::Wake {
        generation,
        now: t0 + 30_200,
    }));
    assert!(
        matches!(h.cmds.as_slice(), [Cmd::Index(IndexCmd::Fetch { .. })]),
        "{:?}",
        h.cmds
    );
    // A stale generation (a parked session's) is ignored.
    h.cmds.clear();
    h.send(Msg::Find(FindMsg::Wake {
        generation: generation + 7,
        now: t0 + 90_000,
    }));
    assert!(h.cmds.is_empty());
}

#[test]
fn f_finds_an_account_in_any_workspace_and_enter_opens_it_there() {
    let mut h = harness();
    h.fill_index(t0(), HOUR / 2);
    let ws = h
        .app
        .session
        .workspaces
        .items
        .iter()
        .skip(10)
        .find(|w| h.accounts_of(&w.id).len() > 1)
        .unwrap()
        .clone();
    let account = h.accounts_of(&ws.id)[1].clone();
    h.keys("F");
    assert_eq!(h.app.screen(), Screen::Find);
    assert!(h.text().contains("36 of 36 workspaces"), "{}", h.text());
    // Typing goes to the query: `q` is a letter here, not quit.
    h.keys(&account.email.to_uppercase());
    let text = h.text();
    assert!(
        text.contains(&account.id) && text.contains(&ws.name),
        "{text}"
    );
    h.keys("<Enter>").answer_loads();
    assert_eq!(h.app.screen(), Screen::Detail);
    assert_eq!(h.app.session.detail.as_ref().unwrap().id, account.id);
    assert_eq!(h.app.session.current.as_ref().unwrap().id, ws.id);
    // Esc: the workspace, then the results as they were.
    h.keys("<Esc>");
    assert_eq!(h.app.screen(), Screen::Workspace);
    h.keys("<Esc>");
    assert_eq!(h.app.screen(), Screen::Find);
    assert!(h.text().contains(&account.id));
}

#[test]
fn the_duplicate_guard_looks_across_workspaces_through_the_index() {
    let mut h = harness();
    h.fill_index(t0(), HOUR / 2);
    let other = h
        .app
        .session
        .workspaces
        .items
        .iter()
        .skip(5)
        .find(|w| !h.accounts_of(&w.id).is_empty())
        .unwrap()
        .clone();
    let existing = h.accounts_of(&other.id)[0].clone();
    h.select("ACME Corporation");
    h.keys("n").answer_loads();
    h.keys(&existing.name)
        .keys("<Tab>")
        .keys("someone@else.example");
    h.keys("<C-s>");
    let text = h.text();
    assert!(
        text.contains("Another workspace has an account with the same name"),
        "{text}"
    );
    assert!(
        text.contains(&other.name) && text.contains(&existing.id),
        "{text}"
    );
    assert!(
        !h.cmds.iter().any(|c| matches!(
            c,
            Cmd::SendWrite {
                op: WriteOp::CreateAccount { .. },
                ..
            }
        )),
        "nothing sent"
    );
    h.keys("<Enter>").answer_loads();
    assert_eq!(h.app.screen(), Screen::Detail);
    assert_eq!(h.app.session.detail.as_ref().unwrap().id, existing.id);
}

#[test]
fn the_find_screen_draws_its_query_index_line_and_results() {
    let mut h = harness();
    // A minute after the console's own loads: the index line's age reads
    // "1 min" however long the test took to get here.
    h.fill_index(t0() + 60_000, HOUR / 2);
    h.keys("F");
    insta::assert_snapshot!("find_empty_query", h.text());
    h.keys("acme bill 1");
    insta::assert_snapshot!("find_results", h.text());
}

#[test]
fn colon_find_with_text_opens_the_search_with_it_typed() {
    let mut h = harness();
    h.fill_index(t0(), HOUR / 2);
    h.keys(":find hooli<Enter>");
    assert_eq!(h.app.screen(), Screen::Find);
    assert_eq!(h.app.session.find.query.value(), "hooli");
    assert!(h.text().contains("(workspace)"), "{}", h.text());
}

/// A big index is read a part per frame: the key is drawn at once with the
/// best of what is read so far, each part asks for the next, and the last
/// shows what one whole read finds. A part of an older search does nothing.
#[test]
fn a_big_index_is_searched_a_part_per_frame() {
    let mut h = harness();
    let index = alto::index::sample::tenant(400, 100, t0());
    let whole = alto::index::search::find(&index, "zoe", alto::tui::find::LIMIT);
    h.app.session.find.index = index;
    h.app.session.find.loaded = true;
    h.keys("F");
    h.cmds.clear();
    h.keys("z");
    let first = h.app.session.find.search;
    h.keys("o");
    let continues = |h: &Harness| -> Vec<u64> {
        h.cmds
            .iter()
            .filter_map(|c| match c {
                Cmd::Index(IndexCmd::Continue { search }) => Some(*search),
                _ => None,
            })
            .collect()
    };
    let mut asked = continues(&h);
    assert_eq!(
        asked,
        vec![first, first + 1],
        "each key starts a search in parts"
    );
    assert!(h.text().contains("so far shown"), "{}", h.text());
    // The first search's part: stale, nothing read, nothing asked.
    h.cmds.clear();
    h.send(Msg::Find(FindMsg::Continue { search: first }));
    assert!(continues(&h).is_empty());
    h.keys("e");
    // A copy of the state (as a parked session is) goes on from the start.
    h.app.session.find = h.app.session.find.clone();
    let mut parts = 1;
    while let Some(search) = continues(&h).pop() {
        asked.push(search);
        h.cmds.clear();
        h.send(Msg::Find(FindMsg::Continue { search }));
        parts += 1;
    }
    assert!(parts >= 2, "40,000 accounts in {parts} parts");
    assert_eq!(h.app.session.find.found, whole);
    assert!(!h.text().contains("so far"), "{}", h.text());
}
