//! Drafts: what was typed in a form, saved to the state dir (0600, atomic)
//! within a second of the last edit, so neither a quit nor `kill -9` loses
//! it. A draft is deleted only after the server said 2xx (or the user
//! discarded it). One file per API, profile and workspace (its [`Draft::key`]),
//! named by a hash of that key, so a draft typed against one server is
//! never offered against another whose workspace has the same id. A
//! draft that cannot be written is said on screen at once.

use crate::api::model::Workspace;
use crate::paths::{Paths, write_private_atomic};
use crate::rules::AccountInput;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// Whose draft it is: the profile and API URL (`demo` for the demo,
    /// whatever its port). Empty in drafts from before 0.1.2.
    #[serde(default)]
    pub scope: String,
    pub workspace: Workspace,
    pub input: AccountInput,
    /// The key of the submission being (or last) sent; kept before the
    /// first send, so a resend after a crash reuses it.
    #[serde(default)]
    pub idempotency_key: Option<String>,
    /// Set while a create is out with no answer yet: after a crash, the
    /// outcome is unknown and must be looked up before sending again.
    #[serde(default)]
    pub sent_at: Option<String>,
    pub saved_at: String,
}

impl Draft {
    /// What the draft is kept and found by: its scope and workspace.
    pub fn key(&self) -> String {
        key(&self.scope, &self.workspace.id)
    }
}

/// The key of `workspace_id`'s draft in `scope`; a draft with no scope
/// (older versions) is keyed by the workspace id alone.
pub fn key(scope: &str, workspace_id: &str) -> String {
    match scope {
        "" => workspace_id.to_string(),
        _ => format!("{scope} {workspace_id}"),
    }
}

/// The scope of drafts typed against `api_url` as `profile`: the demo is
/// one scope, whatever port its sandbox listens on this time.
pub fn scope(demo: bool, profile: &str, api_url: &str) -> String {
    match demo {
        true => "demo".to_string(),
        false => format!("{profile}@{}", api_url.trim_end_matches('/')),
    }
}

fn dir(paths: &Paths) -> PathBuf {
    paths.state_dir.join("drafts")
}

/// The id's readable part: letters, digits, `_` and `-`, others as `_`.
fn readable(workspace_id: &str, max: usize) -> String {
    workspace_id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(max)
        .collect()
}

/// A file name from a workspace id that came from the server: a readable
/// prefix and a hash of the whole id, so ids that differ only in
/// punctuation (`ws.a`, `ws/a`) never share a file. The id itself is
/// inside the file, and is what a draft is matched by.
fn file_for(paths: &Paths, workspace_id: &str) -> PathBuf {
    dir(paths).join(format!(
        "{}-{:016x}.json",
        readable(workspace_id, 40),
        crate::paths::fnv1a(workspace_id)
    ))
}

/// Where versions before 0.1.1 kept the draft (`ws_a.json`): removed with
/// the draft when it holds this workspace's.
fn legacy_file_for(paths: &Paths, workspace_id: &str) -> PathBuf {
    dir(paths).join(format!("{}.json", readable(workspace_id, 100)))
}

pub fn save(paths: &Paths, draft: &Draft) -> std::io::Result<()> {
    let bytes = serde_json::to_vec_pretty(draft).expect("drafts serialise");
    write_private_atomic(&file_for(paths, &draft.key()), &bytes)
}

/// Removes the draft file of `key` (and an old-style one holding it).
/// Forget it in [`Pending`] first, so no queued write brings it back.
pub fn delete(paths: &Paths, key: &str) -> std::io::Result<()> {
    let legacy = legacy_file_for(paths, key);
    let holds_this = crate::paths::read_limited(&legacy)
        .ok()
        .and_then(|b| serde_json::from_slice::<Draft>(&b).ok())
        .is_some_and(|d| d.key() == key);
    if holds_this {
        std::fs::remove_file(legacy)?;
    }
    match std::fs::remove_file(file_for(paths, key)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Every saved draft by its key, and a message for each file that
/// could not be read (moved aside with a timestamp, never overwritten).
pub fn load_all(paths: &Paths) -> (HashMap<String, Draft>, Vec<String>) {
    let mut drafts = HashMap::new();
    let mut problems = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir(paths)) else {
        return (drafts, problems);
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        match crate::paths::read_limited(&path)
            .map_err(|e| e.to_string())
            .and_then(|b| serde_json::from_slice::<Draft>(&b).map_err(|e| e.to_string()))
        {
            Ok(d) => {
                drafts.insert(d.key(), d);
            }
            Err(e) => problems.push(crate::paths::move_aside(&path, &e)),
        }
    }
    (drafts, problems)
}

/// Drafts waiting for their debounced write, by key, with a
/// generation each. Owned by the effects runner; a clone goes to the panic
/// hook, so a panic or a signal still flushes them before the process ends.
#[derive(Clone, Default)]
pub struct Pending(Arc<Mutex<HashMap<String, (u64, Draft)>>>);

impl Pending {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, (u64, Draft)>> {
        // A poisoned lock still holds the drafts: use them.
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Queues a draft; returns its generation for [`Pending::write_if_latest`].
    pub fn queue(&self, mut draft: Draft) -> u64 {
        draft.saved_at = jiff::Timestamp::now().to_string();
        let mut p = self.lock();
        let key = draft.key();
        let generation = p.get(&key).map_or(1, |(g, _)| g + 1);
        p.insert(key, (generation, draft));
        generation
    }

    /// Writes the queued draft if no newer edit queued another since: `None`
    /// when superseded, else whether it reached the disk. A draft that could
    /// not be written stays queued (unless a newer one came), so the flush at
    /// exit tries again; the form keeps it in memory all along.
    pub fn write_if_latest(
        &self,
        paths: &Paths,
        key: &str,
        generation: u64,
    ) -> Option<Result<(), String>> {
        let draft = match self.lock().get(key) {
            Some((g, d)) if *g == generation => d.clone(),
            _ => return None,
        };
        let result = save(paths, &draft).map_err(|e| {
            tracing::error!("cannot save the draft: {e}");
            format!("cannot write {}: {e}", file_for(paths, key).display())
        });
        if result.is_ok() {
            let mut p = self.lock();
            if p.get(key).is_some_and(|(g, _)| *g == generation) {
                p.remove(key);
            }
        }
        Some(result)
    }

    /// Drops a queued draft (the form was sent or discarded): a write
    /// already scheduled for it then writes nothing.
    pub fn forget(&self, key: &str) {
        self.lock().remove(key);
    }

    /// Writes every queued draft now (on quit, signal or panic).
    pub fn flush(&self, paths: &Paths) {
        let all: Vec<Draft> = self.lock().drain().map(|(_, (_, d))| d).collect();
        tracing::debug!(drafts = all.len(), "flushing drafts");
        for d in all {
            if let Err(e) = save(paths, &d) {
                tracing::error!("cannot save the draft: {e}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(id: &str, name: &str) -> Draft {
        Draft {
            scope: String::new(),
            workspace: Workspace {
                id: id.into(),
                name: "W".into(),
                description: None,
                billing_mode: None,
                pooled_seat_limit: None,
                archived: false,
                created_at: None,
                updated_at: None,
                archived_at: None,
            },
            input: AccountInput {
                name: name.into(),
                ..Default::default()
            },
            idempotency_key: None,
            sent_at: None,
            saved_at: "2025-10-29T00:41:00Z".into(),
        }
    }

    #[test]
    fn ids_that_differ_only_in_punctuation_keep_their_own_drafts() {
        let tmp = tempfile::tempdir().unwrap();
        let paths = Paths {
            config_dir: tmp.path().join("c"),
            state_dir: tmp.path().join("s"),
            cache_dir: tmp.path().join("cache"),
        };
        let ids = ["ws.a", "ws/a", "ws_a", "ws a", "ws\u{1b}a"];
        for id in ids {
            save(&paths, &draft(id, &format!("for {id}"))).unwrap();
        }
        let (loaded, problems) = load_all(&paths);
        assert!(problems.is_empty(), "{problems:?}");
        for id in ids {
            assert_eq!(loaded[id].input.name, format!("for {id}"), "{id:?}");
        }
        delete(&paths, "ws.a").unwrap();
        let (loaded, _) = load_all(&paths);
        assert!(!loaded.contains_key("ws.a"));
        assert!(loaded.contains_key("ws/a"), "only its own file went");
    }

    #[test]
    fn a_legacy_draft_goes_with_its_own_workspace_only() {
        let tmp = tempfile::tempdir().unwrap();
        let paths = Paths {
            config_dir: tmp.path().join("c"),
            state_dir: tmp.path().join("s"),
            cache_dir: tmp.path().join("cache"),
        };
        let legacy = legacy_file_for(&paths, "ws.a");
        crate::paths::write_private_atomic(
            &legacy,
            &serde_json::to_vec(&draft("ws/a", "someone else's")).unwrap(),
        )
        .unwrap();
        delete(&paths, "ws.a").unwrap();
        assert!(legacy.exists(), "it holds ws/a's draft, not ws.a's");
        delete(&paths, "ws/a").unwrap();
        assert!(!legacy.exists());
    }

    #[test]
    fn pending_drafts_write_only_their_latest_and_flush_what_is_left() {
        let tmp = tempfile::tempdir().unwrap();
        let paths = Paths {
            config_dir: tmp.path().join("c"),
            state_dir: tmp.path().join("s"),
            cache_dir: tmp.path().join("cache"),
        };
        let pending = Pending::default();
        let old = pending.queue(draft("ws_1", "first"));
        let new = pending.queue(draft("ws_1", "second"));
        assert_eq!(pending.write_if_latest(&paths, "ws_1", old), None);
        assert_eq!(pending.write_if_latest(&paths, "ws_1", new), Some(Ok(())));
        assert_eq!(load_all(&paths).0["ws_1"].input.name, "second");

        let sent = pending.queue(draft("ws_2", "sent"));
        pending.forget("ws_2");
        assert_eq!(pending.write_if_latest(&paths, "ws_2", sent), None);
        assert!(!load_all(&paths).0.contains_key("ws_2"));

        // A clone (the panic hook's) flushes what the runner queued.
        pending.queue(draft("ws_3", "typed before a panic"));
        pending.clone().flush(&paths);
        assert_eq!(
            load_all(&paths).0["ws_3"].input.name,
            "typed before a panic"
        );
        assert_eq!(pending.write_if_latest(&paths, "ws_3", 1), None, "flushed");
    }

    #[test]
    fn an_unreadable_draft_is_moved_aside_and_reported_never_overwritten() {
        let tmp = tempfile::tempdir().unwrap();
        let paths = Paths {
            config_dir: tmp.path().join("c"),
            state_dir: tmp.path().join("s"),
            cache_dir: tmp.path().join("cache"),
        };
        save(&paths, &draft("ws_ok", "kept")).unwrap();
        let broken = file_for(&paths, "ws_broken");
        std::fs::write(&broken, b"{ not json").unwrap();
        let (loaded, problems) = load_all(&paths);
        assert_eq!(loaded["ws_ok"].input.name, "kept");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(!broken.exists(), "moved out of the way");
        let aside: Vec<_> = std::fs::read_dir(dir(&paths))
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains(".bad-"))
            .collect();
        assert_eq!(aside.len(), 1);
        assert_eq!(std::fs::read(aside[0].path()).unwrap(), b"{ not json");
        assert!(problems[0].contains(&aside[0].file_name().to_string_lossy().to_string()));
    }
}
