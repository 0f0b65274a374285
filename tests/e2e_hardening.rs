//! Issue 10 in a real terminal (a pseudo-terminal) against a misbehaving sandbox: a huge
//! error, an unwritable state dir, and text terminals measure differently.

mod common;

use common::pty::Term;

fn demo_env(env: &str, args: &str) -> Term {
    Term::demo_prepared(env, args, |_| {})
}

fn demo_prepared(env: &str, args: &str, prepare: impl FnOnce(&std::path::Path)) -> Term {
    Term::demo_prepared(env, args, prepare)
}

fn wait_all(t: &Term, texts: &[&str]) -> String {
    t.wait_all(texts)
}

#[test]
fn a_10_mb_error_is_cut_and_the_console_keeps_answering() {
    let t = demo_env("", "--sandbox-faults create-huge-422=10");
    t.wait_for("Workspaces 36");
    t.keys(&["n"]);
    t.wait_for("New billing account in ACME Corporation");
    t.type_text("Big Answer");
    t.keys(&["Tab"]);
    t.type_text("big@example.com");
    t.keys(&["C-s"]);
    wait_all(&t, &["Refused (422)", "y copy all", "↑/↓ scroll (1-"]);
    t.keys(&["End", "PageDown", "PageDown", "PageDown", "PageDown"]);
    wait_all(&t, &["more characters", "Nothing was created"]);
    t.keys(&["Escape"]);
    t.wait_for("Not created: HTTP 422");
    // Keys still reach the form, whose values were kept.
    t.keys(&["BTab"]);
    t.type_text(" Ltd");
    wait_all(&t, &["Big Answer Ltd", "14/100"]);
}

#[test]
fn a_state_dir_that_cannot_be_written_is_said_on_the_form() {
    let t = demo_prepared("ALTO_STATE_DIR={dir}/a-file", "", |dir| {
        std::fs::write(dir.join("a-file"), "not a directory").unwrap();
    });
    t.wait_for("Workspaces 36");
    t.keys(&["n"]);
    t.wait_for("New billing account in ACME Corporation");
    t.type_text("Kept In Memory");
    wait_all(
        &t,
        &[
            "The draft cannot be saved",
            "Not a directory",
            "Kept In Memory",
        ],
    );
}

#[test]
fn width_confusing_names_are_escaped_and_leave_no_stale_cell() {
    let t = demo_env("", "--sandbox-faults hostile-names");
    let before = t.wait_settled(&[
        "Workspaces 36",
        "Soft\\u{ad}hyphen \\u{3164}\\u{115f}\\u{1160}\\u{ffa0} fillers",
        "Flags \\u{1f1ff}\\u{1f1e6}\\u{1f1ec}\\u{1f1e7}",
        "Del\\u{7f} and zero\\u{200b}width",
    ]);
    // Into the flags workspace and back: the list comes back cell for cell.
    t.keys(&["j", "j", "j", "j", "j", "Enter"]);
    t.wait_for("mode ");
    t.keys(&["Escape"]);
    t.wait_for("Workspaces 36");
    let rows = |s: &str| -> Vec<String> {
        s.lines()
            .skip(1)
            .take(12)
            // Up to the ACCOUNTS column, which fills in once opened.
            .map(|l| {
                l.chars()
                    .take(88)
                    .collect::<String>()
                    .trim_end()
                    .to_string()
            })
            .collect()
    };
    // A capture can catch the redraw half done: wait (up to 60 s) for the
    // list to be back whole, and show both screens if it never is.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        let after = t.screen();
        if rows(&before) == rows(&after) {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the list did not come back cell for cell:\n{before}\n---\n{after}"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}
