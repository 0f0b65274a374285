//! The global keys on every screen that is not typing (`g` among them),
//! every screen's help listing them, F1 while typing, and the form's
//! discard key.

use alto::tui::app::Screen;
use alto::tui::msg::Cmd;
use alto::tui::testing::Harness;

/// The demo on `screen`, reached by keys as a user would.
fn on(screen: Screen) -> Harness {
    let mut h = Harness::demo(120, 70);
    h.select("ACME Corporation");
    let keys = match screen {
        Screen::Workspaces => "",
        Screen::Workspace => "<Enter>",
        Screen::WorkspaceDetail => "v",
        Screen::Detail => "<Enter>|<Enter>",
        Screen::Members => "M",
        Screen::Orgs => "O",
        Screen::Subscriptions => "<Enter>|s",
        Screen::Ledger => "L",
        Screen::ApiLog => "l",
        other => panic!("not reached here: {other:?}"),
    };
    for part in keys.split('|').filter(|p| !p.is_empty()) {
        h.keys(part).answer_loads();
    }
    assert_eq!(h.app.screen(), screen, "{}", h.text());
    h.take_cmds();
    h
}

const SCREENS: [Screen; 9] = [
    Screen::Workspaces,
    Screen::Workspace,
    Screen::WorkspaceDetail,
    Screen::Detail,
    Screen::Members,
    Screen::Orgs,
    Screen::Subscriptions,
    Screen::Ledger,
    Screen::ApiLog,
];

#[test]
fn g_goes_to_a_workspace_by_name_from_every_screen() {
    for screen in SCREENS {
        let mut h = on(screen);
        h.keys("g");
        assert!(
            h.text().contains("go to id or name") || h.text().contains("Go to a workspace"),
            "{screen:?}: {}",
            h.text()
        );
        // The name is typed into the prompt, not run as commands.
        h.keys("Stark Industries<Enter>").answer_loads();
        assert_eq!(h.app.screen(), Screen::Workspace, "{screen:?}");
        let current = h.app.session.current.clone().unwrap();
        assert_eq!(current.name, "Stark Industries", "{screen:?}");
        assert!(
            h.app.boxes.member_edit().is_none(),
            "{screen:?}: no member box"
        );
        // Esc goes back to the list: the jump starts from it.
        h.keys("<Esc>");
        assert_eq!(h.app.screen(), Screen::Workspaces, "{screen:?}");
    }
}

#[test]
fn every_screens_help_lists_the_global_keys() {
    let globals = [
        "go to a workspace by id or exact name",
        "find any account or workspace",
        "command palette",
        "switch profile",
        "accounts created this session",
        "mouse off (select text) / on",
        "the last message in full",
        "session: API, token source",
        "help, also while typing",
    ];
    for screen in SCREENS {
        let mut h = on(screen);
        h.keys("?");
        let text = h.text();
        for g in globals {
            assert!(text.contains(g), "{screen:?} help lacks {g:?}:\n{text}");
        }
        if screen != Screen::Orgs {
            assert!(text.contains("API log"), "{screen:?}");
        }
        // Each global key works here: `F` opens find, `i` the session.
        h.keys("<Esc>F");
        assert_eq!(h.app.screen(), Screen::Find, "{screen:?}");
    }
}

#[test]
fn f1_helps_while_typing_and_ctrl_d_discards_the_form_after_asking() {
    let mut h = Harness::demo(120, 60);
    h.select("Soylent Foods").keys("n").answer_loads();
    h.keys("Initech?");
    let name = |h: &Harness| {
        h.app
            .form()
            .unwrap()
            .value(alto::rules::Field::Name)
            .to_string()
    };
    assert_eq!(name(&h), "Initech?", "? is text in a field");
    let footer = h.lines().last().cloned().unwrap();
    assert!(
        footer.contains("F1 help") && footer.contains("^D discard")
            || footer.contains("F1") && footer.contains("discard"),
        "{footer}"
    );
    h.keys("<F1>");
    let text = h.text();
    assert!(
        text.contains("Ctrl+D") && text.contains("discard"),
        "{text}"
    );
    assert!(text.contains("F1") && text.contains("Ctrl+C"), "{text}");
    h.keys("<F1>");
    assert!(!h.app.boxes.help());
    // Asks first; n keeps, y discards (and the draft goes).
    h.keys("<C-d>");
    assert!(
        h.text().contains("Discard everything typed here"),
        "{}",
        h.text()
    );
    h.keys("x");
    assert_eq!(
        name(&h),
        "Initech?",
        "a stray key neither types nor discards"
    );
    h.keys("n");
    assert_eq!(name(&h), "Initech?");
    h.take_cmds();
    h.keys("<C-d>y");
    assert!(h.app.form().unwrap().is_blank());
    let cmds = h.take_cmds();
    assert!(
        cmds.iter().any(|c| matches!(c, Cmd::DeleteDraft(_))),
        "{cmds:?}"
    );
    h.keys("<C-d>");
    assert!(
        h.text().contains("Nothing typed to discard"),
        "{}",
        h.text()
    );
}

/// Rows with something drawn on them.
fn drawn_rows(h: &Harness) -> usize {
    h.lines().iter().filter(|l| !l.trim().is_empty()).count()
}

#[test]
fn every_list_is_drawn_whole_after_the_terminal_shrinks_to_nothing_and_grows_back() {
    for screen in [
        Screen::Workspaces,
        Screen::Workspace,
        Screen::Members,
        Screen::ApiLog,
    ] {
        let mut h = on(screen);
        let log = |h: &mut Harness, n: usize| {
            for i in 0..n {
                h.send(alto::tui::msg::Msg::ApiLogged(alto::api::ApiLogEntry {
                    at: jiff::Timestamp::UNIX_EPOCH,
                    method: "GET".into(),
                    path: format!("/workspaces/ws_{i}"),
                    status: Some(200),
                    latency: std::time::Duration::from_millis(3),
                    request_id: None,
                    failure: None,
                }));
            }
        };
        log(&mut h, 60);
        h.keys("<End>");
        let before = drawn_rows(&h);
        let text = h.text();
        // Requests go on while the terminal is tiny (the log follows them).
        for (w, hh) in [(1, 1), (7, 3), (30, 6)] {
            h.resize(w, hh);
            log(&mut h, 1);
            h.keys("<End>");
            let _ = h.text();
        }
        h.resize(120, 70);
        assert!(
            drawn_rows(&h) >= before,
            "{screen:?} after a shrink:\n{}\nbefore:\n{text}",
            h.text()
        );
    }
}

#[test]
fn workspace_account_counts_come_from_the_index_with_their_age_when_old() {
    let mut h = Harness::new(120, 60);
    h.app.ctx.index.enabled = true;
    h.answer_loads();
    let now = 1_800_000_000_000;
    h.fill_index(now, 30 * 60_000);
    let row = |h: &Harness, name: &str| {
        h.lines()
            .into_iter()
            .find(|l| l.contains(name))
            .unwrap_or_default()
    };
    let acme = h.accounts_named("ACME Corporation").len();
    let line = row(&h, "ACME Corporation");
    assert!(
        line.trim_end().ends_with(&acme.to_string()),
        "the index knows the count: {line}"
    );
    // Two hours on, the count says how old it is, in the list and the
    // workspace's details.
    h.app.session.find.now += 2 * 3_600_000;
    let line = row(&h, "ACME Corporation");
    assert!(line.contains(&format!("{acme} 2h")), "{line}");
    h.select("ACME Corporation").keys("v");
    let text = h.text();
    assert!(
        text.contains(&format!("{acme} (as indexed 2 h ago)")),
        "{text}"
    );
}

#[test]
fn esc_closes_the_box_opened_last_and_then_the_one_under_it() {
    use alto::tui::app::ErrorPopup;
    use alto::tui::layers::{self, Modal};
    let mut h = on(Screen::Workspaces);
    h.keys(":");
    // An error arrives while the palette is open: it goes on top.
    h.app.boxes.set_error(Some(ErrorPopup::new("Boom", "text")));
    assert_eq!(layers::stack(&h.app), [Modal::Error, Modal::Palette]);
    h.keys("<Esc>");
    assert_eq!(layers::stack(&h.app), [Modal::Palette], "the error first");
    h.keys("<Esc>");
    assert!(layers::stack(&h.app).is_empty());
    assert_eq!(
        h.app.screen(),
        Screen::Workspaces,
        "boxes first, then screens"
    );
    // The keys over the session overlay: Esc closes the keys alone.
    h.keys("i");
    h.app.boxes.set_help(true);
    h.keys("<Esc>");
    assert_eq!(layers::stack(&h.app), [Modal::Info]);
}

/// The demo with `[keys]` bindings applied, as the config gives them.
fn bound(pairs: &[(&str, &str)]) -> Harness {
    let keys = pairs
        .iter()
        .map(|(a, k)| (a.to_string(), k.to_string()))
        .collect::<std::collections::BTreeMap<_, _>>();
    let (keymap, problems) = alto::tui::keymap::Keymap::from_config(&keys, |a| a.to_string());
    assert!(problems.is_empty(), "{problems:?}");
    let mut h = Harness::demo(120, 40);
    h.app.keymap = keymap;
    h
}

#[test]
fn a_bound_key_means_its_action_wherever_the_action_does_and_nothing_else() {
    let mut h = bound(&[
        ("open", "o"),
        ("back", "ctrl+b"),
        ("new", "a"),
        ("down", "ctrl+j"),
    ]);
    h.select("ACME Corporation");
    // `o` opens, as Enter does; Ctrl+B goes back, as Esc does.
    h.keys("o").answer_loads();
    assert_eq!(h.app.screen(), Screen::Workspace);
    h.keys("<C-b>");
    assert_eq!(h.app.screen(), Screen::Workspaces);
    h.keys("o").answer_loads();
    // The list moves on the bound key, as on ↓.
    let before = h.app.session.account_sel.selected;
    h.keys("<C-j>");
    assert_eq!(h.app.session.account_sel.selected, before + 1);
    // `a` makes an account, as `n` does, and while typing it is text.
    h.keys("a");
    assert_eq!(h.app.screen(), Screen::Form);
    h.keys("ab");
    assert_eq!(h.app.form().unwrap().value(alto::rules::Field::Name), "ab");
    // Ctrl+B is no text: it leaves the form as Esc does, even from a field.
    h.keys("<C-b>");
    assert_eq!(h.app.screen(), Screen::Workspace);
    // In a question, `n` keeps its own meaning (cancel) and `a`, though
    // bound where `n` means "new", is not an answer.
    h.keys("d");
    assert!(h.app.boxes.confirm().is_some(), "asked");
    h.keys("a");
    assert!(h.app.boxes.confirm().is_some(), "a is no answer here");
    h.keys("<C-b>");
    assert!(h.app.boxes.confirm().is_none(), "back cancels the question");
    assert!(
        h.take_cmds()
            .iter()
            .all(|c| !matches!(c, Cmd::SendWrite { .. }))
    );
    // The palette closes on the bound back key as on Esc.
    h.keys(":");
    assert!(h.app.boxes.palette().is_some());
    h.keys("<C-b>");
    assert!(h.app.boxes.palette().is_none());
}
