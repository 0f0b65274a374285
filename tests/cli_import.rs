//! `alto accounts import` against the sandbox: every problem placed by
//! line and column with nothing sent, `--dry-run`, the summary CSV, and a
//! row never created twice: after a kill mid-import, and after an answer
//! lost to a 500, `--resume` looks up before it sends.

use alto::sandbox::Fault;
use alto::sandbox::{self, RunningSandbox, SandboxOptions};
use std::path::Path;
use std::time::{Duration, Instant};

mod common;
use common::cli::*;

fn pairs(sb: &RunningSandbox) -> Vec<(&'static str, String)> {
    env(sb)
}

async fn alto_at(sb: &RunningSandbox, dir: &Path, args: &[&str]) -> Run {
    let e = pairs(sb);
    let p = pairs_of(&e);
    alto_in(dir, &p, args).await
}

/// A new pooled workspace (it takes 10 accounts), its id.
async fn lab(sb: &RunningSandbox, dir: &Path) -> String {
    let r = alto_at(
        sb,
        dir,
        &[
            "workspaces",
            "create",
            "--name",
            "Import Lab",
            "--billing-mode",
            "pooled",
            "--json",
        ],
    )
    .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    serde_json::from_str::<serde_json::Value>(&r.stdout).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string()
}

fn csv_of(n: usize) -> String {
    let mut s = String::from("name,email,country\n");
    for i in 0..n {
        s.push_str(&format!("\"Row {i}, Ltd\",row{i}@import.example,GB\n"));
    }
    s
}

fn emails_in(sb: &RunningSandbox, ws: &str) -> Vec<String> {
    let mut v: Vec<String> = sb.snapshot().accounts.get(ws).map_or(Vec::new(), |a| {
        a.iter().map(|r| r.account.email.clone()).collect()
    });
    v.sort();
    v
}

#[tokio::test]
async fn bad_rows_are_all_placed_and_nothing_is_sent_and_dry_run_sends_nothing() {
    let sb = sandbox::start(SandboxOptions::default()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let ws = lab(&sb, dir.path()).await;
    let file = dir.path().join("in.csv");
    std::fs::write(&file, "name,email,phone,country\nOk,ok@x.example,,GB\n,bad,,XX\nOk,other@x.example,12345678901234567890123456789012345678901234567890123,\n").unwrap();
    let f = file.to_str().unwrap();
    let posts = sb.count("POST");
    let r = alto_at(&sb, dir.path(), &["accounts", "import", "-w", &ws, f]).await;
    assert_eq!(r.code, 2, "{}", r.stderr);
    for want in [
        ":3:1: name:",
        ":3:2: email:",
        ":3:4: country:",
        ":4:3: phone:",
        ":4:1: the same name as line 2",
    ] {
        assert!(
            r.stderr.contains(&format!("{f}{want}")),
            "{want} in\n{}",
            r.stderr
        );
    }
    assert!(r.stderr.contains("nothing was sent"), "{}", r.stderr);
    assert_eq!(sb.count("POST"), posts, "nothing sent");
    // A valid file, --dry-run: checked, not sent.
    std::fs::write(&file, csv_of(3)).unwrap();
    let r = alto_at(
        &sb,
        dir.path(),
        &["accounts", "import", "-w", "Import Lab", f, "--dry-run"],
    )
    .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("3 to create"), "{}", r.stderr);
    assert_eq!(sb.count("POST"), posts);
    // The cap: 11 rows into a pooled workspace (10 at most).
    std::fs::write(&file, csv_of(11)).unwrap();
    let r = alto_at(
        &sb,
        dir.path(),
        &["accounts", "import", "-w", &ws, f, "--skip-invalid"],
    )
    .await;
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("of at most 10: 11 more would make 11"),
        "{}",
        r.stderr
    );
    assert_eq!(sb.count("POST"), posts);
}

#[tokio::test]
async fn a_kill_mid_import_then_resume_creates_every_row_exactly_once() {
    let data = tempfile::tempdir().unwrap();
    let options = SandboxOptions {
        data: Some(data.path().join("sandbox.json")),
        faults: vec![Fault::Delay(Duration::from_millis(400))],
        ..SandboxOptions::default()
    };
    let sb = sandbox::start(options.clone()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let ws = lab(&sb, dir.path()).await;
    let file = dir.path().join("in.csv");
    std::fs::write(&file, csv_of(6)).unwrap();
    let f = file.to_str().unwrap();
    let e = pairs(&sb);
    let p = pairs_of(&e);
    let mut child = command_in(dir.path(), &p, &["accounts", "import", "-w", &ws, f])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while sb.count("POST") < 4 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // The third create is on its way (the sandbox takes 400 ms): killed.
    child.kill().unwrap();
    child.wait().unwrap();
    let before = emails_in(&sb, &ws).len();
    assert!((2..6).contains(&before), "{before} created before the kill");
    let r = alto_at(&sb, dir.path(), &["accounts", "import", "-w", &ws, f]).await;
    assert_eq!(
        r.code, 2,
        "a second run without --resume refuses: {}",
        r.stderr
    );
    assert!(r.stderr.contains("--resume"), "{}", r.stderr);
    let r = alto_at(
        &sb,
        dir.path(),
        &["accounts", "import", "-w", &ws, f, "--resume"],
    )
    .await;
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let want: Vec<String> = (0..6).map(|i| format!("row{i}@import.example")).collect();
    assert_eq!(emails_in(&sb, &ws), want, "each row once");
    // The summary: every row, created now or before.
    assert_eq!(r.stdout.lines().next(), Some("line,status,id,message"));
    assert_eq!(
        r.stdout.lines().filter(|l| l.contains(",created")).count(),
        6,
        "{}",
        r.stdout
    );
}

#[tokio::test]
async fn an_answer_lost_to_a_500_is_looked_up_on_resume_not_resent() {
    let data = tempfile::tempdir().unwrap();
    let path = data.path().join("sandbox.json");
    let faulty = SandboxOptions {
        data: Some(path.clone()),
        faults: vec![Fault::Create500],
        ..SandboxOptions::default()
    };
    let sb = sandbox::start(faulty).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let ws = lab(&sb, dir.path()).await;
    let file = dir.path().join("in.csv");
    std::fs::write(&file, csv_of(3)).unwrap();
    let f = file.to_str().unwrap();
    let summary = dir.path().join("summary.csv");
    let s = summary.to_str().unwrap();
    let r = alto_at(
        &sb,
        dir.path(),
        &["accounts", "import", "-w", &ws, f, "--summary", s],
    )
    .await;
    assert_eq!(r.code, 4, "an unknown outcome: {}", r.stderr);
    assert!(r.stderr.contains("--resume"), "{}", r.stderr);
    let written = std::fs::read_to_string(&summary).unwrap();
    assert!(written.contains("2,unknown,,"), "{written}");
    assert!(written.contains("3,not sent,,"), "{written}");
    assert_eq!(
        emails_in(&sb, &ws).len(),
        1,
        "the first was created; the rest waits"
    );
    sb.stop().await;
    // The server mended: --resume finds line 2 and sends only 3 and 4.
    let sb = sandbox::start(SandboxOptions {
        data: Some(path),
        ..SandboxOptions::default()
    })
    .await
    .unwrap();
    let r = alto_at(
        &sb,
        dir.path(),
        &["accounts", "import", "-w", &ws, f, "--resume"],
    )
    .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("line 2: its answer was lost; it was created as cus_"),
        "{}",
        r.stderr
    );
    assert_eq!(sb.count("POST"), 2, "only the rows never created");
    assert_eq!(emails_in(&sb, &ws).len(), 3);
}

#[tokio::test]
async fn every_csv_names_its_columns_keeps_data_plain_and_formulas_inert_both_ways() {
    let sb = sandbox::start(SandboxOptions::default()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let ws = lab(&sb, dir.path()).await;
    // A customer named like a formula, imported from a spreadsheet that
    // alto's own CSV made inert: it comes back as the name it was.
    let formula = "=HYPERLINK(\"http://evil.example\",\"pay here\")";
    let file = dir.path().join("in.csv");
    std::fs::write(
        &file,
        "name,email,country\n\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"pay here\"\")\",f@x.example,GB\n\"-1+1\",g@x.example,\n",
    )
    .unwrap();
    let r = alto_at(
        &sb,
        dir.path(),
        &["accounts", "import", file.to_str().unwrap(), "-w", &ws],
    )
    .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let names: Vec<String> = sb.snapshot().accounts[&ws]
        .iter()
        .map(|a| a.account.name.clone())
        .collect();
    assert!(names.contains(&formula.to_string()), "{names:?}");
    // Out again: inert in the CSV, the API's words, every column named.
    let stark = workspace_named(&sb, "Stark Industries");
    let acme = workspace_named(&sb, "ACME Corporation");
    let acme_account = sb.snapshot().accounts[&acme][0].account.id.clone();
    let lists: Vec<Vec<&str>> = vec![
        vec!["workspaces", "list"],
        vec!["accounts", "list", "-w", &ws],
        vec!["members", "list", "-w", &stark],
        vec!["orgs", "list", "-w", &stark],
        vec![
            "subscriptions",
            "list",
            "-w",
            &acme,
            "--account",
            &acme_account,
        ],
        vec![
            "payment-methods",
            "list",
            "-w",
            &acme,
            "--account",
            &acme_account,
        ],
        vec!["invoices", "list", "-w", &acme, "--account", &acme_account],
    ];
    for mut args in lists {
        args.extend(["--output", "csv"]);
        let r = alto_at(&sb, dir.path(), &args).await;
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        let mut reader = csv::Reader::from_reader(r.stdout.as_bytes());
        let headers = reader.headers().unwrap().clone();
        assert!(
            headers.iter().all(|h| !h.is_empty()),
            "{args:?}: {headers:?}"
        );
        for record in reader.records() {
            let record = record.unwrap();
            assert_eq!(record.len(), headers.len(), "{args:?}");
            for cell in record.iter() {
                for decoration in ["—", "●", "◐", "‖", "★", "✗", "×", "•", "…"] {
                    assert!(
                        !cell.contains(decoration),
                        "{args:?}: {cell:?} in {record:?}"
                    );
                }
                assert!(
                    !cell.starts_with(['=', '+', '@', '\t', '\r'])
                        && (!cell.starts_with('-') || cell.parse::<f64>().is_ok()),
                    "{args:?}: a formula {cell:?}"
                );
            }
        }
    }
    let r = alto_at(
        &sb,
        dir.path(),
        &["accounts", "list", "-w", &ws, "--output", "csv"],
    )
    .await;
    assert!(
        r.stdout.contains("\"'=HYPERLINK("),
        "made inert: {}",
        r.stdout
    );
    assert!(r.stdout.contains(",'-1+1,"), "{}", r.stdout);
    let r = alto_at(
        &sb,
        dir.path(),
        &[
            "subscriptions",
            "list",
            "-w",
            &acme,
            "--account",
            &acme_account,
            "--output",
            "csv",
        ],
    )
    .await;
    assert!(
        r.stdout.contains(",active,"),
        "the API's word: {}",
        r.stdout
    );
}

#[tokio::test]
async fn rows_skipped_here_are_a_partial_success_of_their_own_not_a_refusal() {
    let sb = sandbox::start(SandboxOptions::default()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let ws = lab(&sb, dir.path()).await;
    let file = dir.path().join("some.csv");
    std::fs::write(
        &file,
        "name,email,country\nGood One,one@x.example,GB\nBad,not-an-email,GB\nGood Two,two@x.example,ZA\n",
    )
    .unwrap();
    let f = file.to_str().unwrap();
    let r = alto_at(
        &sb,
        dir.path(),
        &["accounts", "import", "-w", &ws, f, "--skip-invalid"],
    )
    .await;
    assert_eq!(r.code, 6, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("2 of 3 rows created; 1 skipped for problems found here"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("(s)"), "{}", r.stderr);
}

#[tokio::test]
async fn two_imports_of_one_file_at_once_create_each_row_once_and_the_second_is_refused() {
    let options = SandboxOptions {
        faults: vec![Fault::Delay(Duration::from_millis(150))],
        ..SandboxOptions::default()
    };
    let sb = sandbox::start(options).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let ws = lab(&sb, dir.path()).await;
    let file = dir.path().join("in.csv");
    std::fs::write(&file, csv_of(4)).unwrap();
    let f = file.to_str().unwrap();
    let e = pairs(&sb);
    let p = pairs_of(&e);
    let first = command_in(dir.path(), &p, &["accounts", "import", "-w", &ws, f])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The second starts once the first is sending.
    let deadline = Instant::now() + Duration::from_secs(30);
    while sb.count("POST") < 2 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let second = alto_at(
        &sb,
        dir.path(),
        &["accounts", "import", "-w", &ws, f, "--resume"],
    )
    .await;
    let first = tokio::task::spawn_blocking(move || first.wait_with_output().unwrap())
        .await
        .unwrap();
    assert_eq!(
        first.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert_eq!(second.code, 2, "{}", second.stderr);
    assert!(
        second.stderr.contains("another import of this file into this workspace is sending now (alto accounts import, pid"),
        "names who holds it: {}",
        second.stderr
    );
    let want: Vec<String> = (0..4).map(|i| format!("row{i}@import.example")).collect();
    assert_eq!(emails_in(&sb, &ws), want, "each row once");
}

#[tokio::test]
async fn a_summary_that_cannot_be_written_is_found_out_before_anything_is_sent() {
    let sb = sandbox::start(SandboxOptions::default()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let ws = lab(&sb, dir.path()).await;
    let file = dir.path().join("in.csv");
    std::fs::write(&file, csv_of(2)).unwrap();
    let f = file.to_str().unwrap();
    let missing = dir.path().join("no-such-dir").join("summary.csv");
    let posts = sb.count("POST");
    let r = alto_at(
        &sb,
        dir.path(),
        &[
            "accounts",
            "import",
            "-w",
            &ws,
            f,
            "--summary",
            missing.to_str().unwrap(),
        ],
    )
    .await;
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("nothing was sent"), "{}", r.stderr);
    assert!(
        !r.stderr.contains(".alto-"),
        "no temporary file's name: {}",
        r.stderr
    );
    assert_eq!(sb.count("POST"), posts, "nothing sent");
}
