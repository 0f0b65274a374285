use super::*;
use serde_json::json;

fn list(ids: &[&str]) -> Vec<Workspace> {
    ids.iter()
        .map(|id| serde_json::from_value(json!({"id": id, "name": id})).unwrap())
        .collect()
}

const PACE: Pace = Pace {
    interval_ms: 2_000,
    max_age_ms: 1_000_000,
};

#[test]
fn the_list_comes_first_then_each_workspace_then_the_oldest_past_its_age() {
    let mut index = Index::default();
    assert_eq!(index.due(0, PACE), Ok(Due::List));
    index.put_list(&list(&["ws_a", "ws_b"]), 10);
    assert_eq!(index.due(10, PACE), Ok(Due::Accounts("ws_a".into())));
    index.put_accounts("ws_a", &[], false, 20);
    assert_eq!(index.due(20, PACE), Ok(Due::Accounts("ws_b".into())));
    index.put_error("ws_b", "403".into(), 30);
    // All fresh: nothing until the oldest (the list, at 10) is too old.
    assert_eq!(index.due(40, PACE), Err(10 + PACE.max_age_ms));
    assert_eq!(index.due(10 + PACE.max_age_ms, PACE), Ok(Due::List));
    index.put_list(&list(&["ws_a", "ws_b"]), 1_000_100);
    assert_eq!(
        index.due(1_000_100, PACE),
        Ok(Due::Accounts("ws_a".into())),
        "then the oldest workspace"
    );
    let c = index.coverage();
    assert_eq!((c.workspaces, c.indexed, c.oldest), (2, 2, Some(20)));
    assert!(c.complete());
}

#[test]
fn a_pause_holds_everything_and_a_dropped_workspace_loses_its_accounts() {
    let mut index = Index::default();
    index.meta.paused_until = Some(500);
    assert_eq!(index.due(100, PACE), Err(500));
    assert_eq!(index.due(500, PACE), Ok(Due::List));
    index.put_list(&list(&["ws_a", "ws_b"]), 600);
    index.put_accounts("ws_b", &[], false, 700);
    index.put_list(&list(&["ws_a"]), 800);
    assert!(index.shards.is_empty());
    let c = index.coverage();
    assert_eq!((c.workspaces, c.indexed), (1, 0));
    assert_eq!(
        c.summary(800 + 3 * 3_600_000),
        "0 of 1 workspaces, 0 accounts, oldest 3 h"
    );
}
