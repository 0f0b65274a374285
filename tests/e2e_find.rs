//! Find and import in a real terminal (a pseudo-terminal) against the
//! demo's sandbox, its 60-a-minute limit on: `F` finds a workspace by
//! name as soon as the list is in, Enter opens it; `U` imports a CSV,
//! each valid row once, the journal beside the state.

mod common;

use common::pty::Term;

#[test]
fn f_finds_by_name_and_enter_opens_the_workspace() {
    let t = Term::demo("");
    t.wait_for("Workspaces 36");
    t.keys(&["F"]);
    t.wait_for("index: ");
    // `q` is a letter of the query here, not quit.
    t.type_text("soylent q");
    t.keys(&["BSpace", "BSpace"]);
    let screen = t.wait_all(&["Soylent", "(workspace)"]);
    assert!(screen.contains("36 workspaces"), "{screen}");
    t.keys(&["Enter"]);
    t.wait_for("No billing accounts yet");
    t.keys(&["Escape"]);
    t.wait_for("Find soylent");
}

#[test]
fn u_imports_a_csv_and_sends_each_valid_row_once() {
    let t = Term::demo_prepared("", "", |dir| {
        std::fs::write(
            dir.join("new.csv"),
            "name,email,country\nE2E One,e2e-one@new.example,GB\nE2E Two,e2e-two@new.example,UK\nE2E Three,e2e-three@new.example,ZA\n",
        )
        .unwrap();
    });
    t.wait_for("Workspaces 36");
    t.keys(&["/"]);
    t.type_text("soylent");
    t.keys(&["Enter", "U"]);
    t.wait_for("Import billing accounts into Soylent");
    t.type_text(&t.dir.path().join("new.csv").display().to_string());
    t.keys(&["Enter"]);
    t.wait_all(&["3 rows: 2 to create", "✗ skipped"]);
    t.keys(&["Enter"]);
    t.wait_for("Send 2 new billing accounts");
    t.keys(&["Enter"]);
    t.wait_for("done: 2 created, 1 skipped for problems");
    let data = t.data();
    let emails: Vec<String> = data["accounts"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|l| l.as_array().unwrap().clone())
        .filter_map(|a| a["email"].as_str().map(String::from))
        .filter(|e| e.starts_with("e2e-"))
        .collect();
    assert_eq!(emails.len(), 2, "{emails:?}");
    // One journal (beside it, the lock that lets one import send at a time).
    let journals = std::fs::read_dir(t.dir.path().join("state").join("imports"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "jsonl"))
        .count();
    assert_eq!(journals, 1);
}

#[test]
fn an_import_path_that_is_a_fifo_is_refused_and_quitting_never_waits() {
    let t = Term::demo_prepared("", "", |dir| {
        let made = std::process::Command::new("mkfifo")
            .arg(dir.join("pipe.csv"))
            .status()
            .unwrap();
        assert!(made.success());
    });
    t.wait_for("Workspaces 36");
    t.keys(&["/"]);
    t.type_text("soylent");
    t.keys(&["Enter", "U"]);
    t.wait_for("Import billing accounts into Soylent");
    t.type_text(&t.dir.path().join("pipe.csv").display().to_string());
    t.keys(&["Enter"]);
    t.wait_for("not a file");
    t.keys(&["Escape", "q"]);
    t.wait_for_exit();
}
