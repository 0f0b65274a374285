use super::*;
use serde_json::json;

fn intent(op: &str, api: &str) -> Intent {
    Intent {
        op: op.into(),
        at: "2026-12-07T10:00:00Z".into(),
        api: api.into(),
        profile: "prod".into(),
        write: Write::CreateWorkspace { name: "Lab".into() },
        body: json!({"name": "Lab", "billing_mode": "pooled"}),
        key: Some("key-1".into()),
        before: None,
        pid: std::process::id(),
    }
}

#[test]
fn an_intent_without_an_outcome_is_unsettled_for_its_api_only() {
    let dir = tempfile::tempdir().unwrap();
    let j = Journal::new(dir.path());
    j.intent(&intent("op_a", "https://a/")).unwrap();
    j.intent(&intent("op_b", "https://a/")).unwrap();
    j.intent(&intent("op_c", "https://b/")).unwrap();
    j.outcome("op_a", &Outcome::Done { after: None }).unwrap();
    let (open, problems) = j.unsettled("https://a/");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(open.len(), 1);
    assert_eq!(open[0], intent("op_b", "https://a/"), "read back whole");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(j.path()), 0o600);
        assert_eq!(mode(j.path().parent().unwrap()), 0o700);
    }
}

#[test]
fn a_torn_or_newer_line_is_kept_aside_said_once_and_the_readable_ones_kept() {
    let dir = tempfile::tempdir().unwrap();
    let j = Journal::new(dir.path());
    j.intent(&intent("op_a", "https://a/")).unwrap();
    let mut text = std::fs::read_to_string(j.path()).unwrap();
    text.push_str("{\"line\":\"intent\",\"v\":99,\"op\":\"op_new\"}\n{\"line\":\"outc");
    std::fs::write(j.path(), text).unwrap();
    let (open, problems) = j.unsettled("https://a/");
    assert_eq!(open.len(), 1, "the readable intent stays");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains("2 line(s)") && problems[0].contains("kept as"),
        "{problems:?}"
    );
    // Said once: the file now holds only what could be read.
    let (open, problems) = j.unsettled("https://a/");
    assert_eq!((open.len(), problems.len()), (1, 0));
}

#[test]
fn the_journal_is_rotated_past_its_size_and_a_rotated_intent_is_still_found() {
    let dir = tempfile::tempdir().unwrap();
    let j = Journal::new(dir.path());
    j.intent(&intent("op_old", "https://a/")).unwrap();
    // Grow it past the rotation size with settled writes.
    let big = Intent {
        body: json!({"description": "x".repeat(200_000)}),
        ..intent("op_big", "https://a/")
    };
    for _ in 0..((ROTATE_AT / 200_000) + 2) {
        j.intent(&big).unwrap();
    }
    j.outcome("op_big", &Outcome::Done { after: None }).unwrap();
    assert!(
        j.path().with_file_name("writes.1.jsonl").exists(),
        "rotated"
    );
    assert!(std::fs::metadata(j.path()).unwrap().len() < ROTATE_AT);
    let (open, _) = j.unsettled("https://a/");
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].op, "op_old");
}

#[cfg(unix)]
#[test]
fn a_link_in_place_of_the_journal_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("journal")).unwrap();
    let target = elsewhere.path().join("f");
    std::os::unix::fs::symlink(&target, dir.path().join("journal").join("writes.jsonl")).unwrap();
    let j = Journal::new(dir.path());
    let e = j.intent(&intent("op_a", "https://a/")).unwrap_err();
    assert!(e.to_string().contains("symbolic link"), "{e}");
    assert!(!target.exists());
}

#[test]
fn an_intent_is_abandoned_only_when_its_process_ended_or_it_is_older_than_any_wait() {
    let now = jiff::Timestamp::now();
    let fresh = Intent {
        at: now.to_string(),
        ..intent("op_a", "https://a/")
    };
    assert!(
        !fresh.abandoned(now),
        "this process may still hear its answer"
    );
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    let orphan = Intent {
        pid,
        ..fresh.clone()
    };
    if cfg!(target_os = "linux") {
        assert!(orphan.abandoned(now), "its process ended");
    }
    let later = now + std::time::Duration::from_secs(ABANDONED_AFTER_S as u64 + 1);
    assert!(fresh.abandoned(later), "older than any --timeout");
}

#[test]
fn a_settled_journal_is_told_from_its_lines_first_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let j = Journal::new(dir.path());
    assert!(j.all_settled(), "no journal yet");
    j.intent(&intent("op_a", "https://a/")).unwrap();
    assert!(!j.all_settled(), "an intent without its outcome");
    j.outcome(
        "op_a",
        &Outcome::Refused {
            message: "no".into(),
        },
    )
    .unwrap();
    assert!(j.all_settled());
    let mut text = std::fs::read_to_string(j.path()).unwrap();
    text.push_str("{\"line\":\"intent\",\"v\":2,\"op\":\"op_b\"}\n");
    std::fs::write(j.path(), &text).unwrap();
    assert!(!j.all_settled(), "a line of another version is read whole");
}
