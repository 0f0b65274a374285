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
        assert!(h.app.member_edit.is_none(), "{screen:?}: no member box");
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
    assert!(!h.app.help);
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
