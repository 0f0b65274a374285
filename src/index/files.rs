//! The index on disk, in the XDG cache dir: it holds customer data, so
//! every directory alto makes there is 0700 and every file 0600, each
//! written whole (beside, then moved into place).
//!
//! ```text
//! ~/.cache/alto/index/<api url>@<profile>/meta.json     the workspace list, the pause
//! ~/.cache/alto/index/<api url>@<profile>/ws/<id>.json  one workspace's accounts
//! ```
//! One directory per API URL and profile, so two tenants never mix. A
//! file that cannot be read is moved aside and said, never overwritten.

use super::{Index, Meta, Shard};
use crate::paths::{ReadError, move_aside, read_at_most, write_private_atomic};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// More than any index file needs (100,000 accounts in one workspace fit
/// in ~20 MiB); a bound on a runaway file.
const MAX_INDEX_FILE: u64 = 64 << 20;

/// Where one API URL and profile keep their index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Store {
    dir: PathBuf,
    /// The cache dir: everything below it is alto's own, and no link.
    root: PathBuf,
}

/// A workspace's file: its id inside, so a file's name needs no decoding.
#[derive(Serialize, Deserialize)]
struct ShardFile {
    workspace: String,
    #[serde(flatten)]
    shard: Shard,
}

/// The index's root in the cache dir (what `alto cache clear` removes).
pub fn root(cache_dir: &Path) -> PathBuf {
    cache_dir.join("index")
}

/// A name safe as one path component and never shared: a readable part
/// (letters, digits, `.`, `-`, `_`, anything else as `_`, at most 60) and
/// a hash of the whole text, so two texts that differ only where the
/// readable part cannot show (a character a name cannot hold, or past its
/// first 60) never share a file. The text itself is kept inside the file.
fn component(text: &str) -> String {
    let hash = crate::paths::fnv1a(text);
    format!("{}-{hash:016x}", readable(text))
}

fn readable(text: &str) -> String {
    let mut s: String = text
        .chars()
        .take(60)
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if s.starts_with('.') || s.is_empty() {
        s.insert(0, '_');
    }
    s
}

impl Store {
    pub fn new(cache_dir: &Path, api_url: &str, profile: &str) -> Store {
        let url = api_url.trim_end_matches('/');
        Store {
            dir: root(cache_dir).join(component(&format!("{url}@{profile}"))),
            root: cache_dir.to_path_buf(),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn meta_file(&self) -> PathBuf {
        self.dir.join("meta.json")
    }

    fn shard_file(&self, workspace: &str) -> PathBuf {
        self.dir
            .join("ws")
            .join(format!("{}.json", component(workspace)))
    }

    /// The index as stored, and what could not be read (moved aside).
    /// Nothing stored is an empty index.
    pub fn load(&self) -> (Index, Vec<String>) {
        let mut problems = Vec::new();
        let mut index = Index::default();
        match read_json::<Meta>(&self.meta_file()) {
            Ok(Some(meta)) => index.meta = meta,
            Ok(None) => return (index, problems),
            Err(p) => problems.push(p),
        }
        let listed: std::collections::HashSet<&str> = index
            .meta
            .workspaces
            .iter()
            .map(|w| w.id.as_str())
            .collect();
        let Ok(entries) = std::fs::read_dir(self.dir.join("ws")) else {
            return (index, problems);
        };
        let paths: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        // Parsing is most of the time: the files are shared among the
        // cores (100,000 accounts load in half the time on two).
        let workers = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(8);
        let chunk = paths.len().div_ceil(workers).max(1);
        let read: Vec<Vec<Result<ShardFile, String>>> = std::thread::scope(|scope| {
            let jobs: Vec<_> = paths
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        part.iter()
                            .filter_map(|p| read_json::<ShardFile>(p).transpose())
                            .map(|r| {
                                r.map(|f| ShardFile {
                                    shard: f.shard.with_keys(),
                                    ..f
                                })
                            })
                            .collect()
                    })
                })
                .collect();
            jobs.into_iter()
                .map(|j| j.join().unwrap_or_default())
                .collect()
        });
        let mut shards = std::collections::HashMap::new();
        for result in read.into_iter().flatten() {
            match result {
                Ok(f) if listed.contains(f.workspace.as_str()) => {
                    shards.insert(f.workspace, f.shard);
                }
                Ok(_) => {}
                Err(p) => problems.push(p),
            }
        }
        index.shards = shards;
        (index, problems)
    }

    /// The workspace list as stored (`None` when there is none).
    pub fn load_meta(&self) -> Result<Option<Meta>, String> {
        read_json(&self.meta_file())
    }

    /// One workspace's accounts as stored (`None` when there are none).
    pub fn load_shard(&self, workspace: &str) -> Result<Option<Shard>, String> {
        let file = read_json::<ShardFile>(&self.shard_file(workspace))?;
        Ok(file
            .filter(|f| f.workspace == workspace)
            .map(|f| f.shard.with_keys()))
    }

    pub fn save_meta(&self, meta: &Meta) -> std::io::Result<()> {
        crate::paths::ensure_own_dir(&self.root, &self.dir)?;
        let bytes = serde_json::to_vec(meta).map_err(std::io::Error::other)?;
        write_private_atomic(&self.meta_file(), &bytes)?;
        self.forget_unlisted(meta);
        Ok(())
    }

    pub fn save_shard(&self, workspace: &str, shard: &Shard) -> std::io::Result<()> {
        let file = ShardFile {
            workspace: workspace.to_string(),
            shard: shard.clone(),
        };
        let bytes = serde_json::to_vec(&file).map_err(std::io::Error::other)?;
        crate::paths::ensure_own_dir(&self.root, &self.dir.join("ws"))?;
        write_private_atomic(&self.shard_file(workspace), &bytes)
    }

    /// Removes the files of workspaces the list no longer has (they may
    /// hold a deleted customer's data).
    fn forget_unlisted(&self, meta: &Meta) {
        // Never delete where a link planted in alto's dir points.
        if crate::paths::ensure_own_dir(&self.root, &self.dir.join("ws")).is_err() {
            return;
        }
        let keep: std::collections::HashSet<PathBuf> = meta
            .workspaces
            .iter()
            .map(|w| self.shard_file(&w.id))
            .collect();
        let Ok(entries) = std::fs::read_dir(self.dir.join("ws")) else {
            return;
        };
        for path in entries.flatten().map(|e| e.path()) {
            let ours = path.extension().is_some_and(|e| e == "json");
            if ours && !keep.contains(&path) {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
}

/// A JSON file: `None` when there is none, an error (after moving it
/// aside) when it cannot be read.
fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Option<T>, String> {
    let bytes = match read_at_most(path, MAX_INDEX_FILE) {
        Ok(b) => b,
        Err(e) if e.not_found() => return Ok(None),
        Err(ReadError::Io(e)) => return Err(format!("{} could not be read ({e})", path.display())),
        Err(e) => return Err(move_aside(path, &e.to_string())),
    };
    serde_json::from_slice(&bytes)
        .map(Some)
        .map_err(|e| move_aside(path, &e.to_string()))
}

/// Bytes and files under `dir`, for `alto cache status`.
pub fn size(dir: &Path) -> (u64, usize) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return (0, 0);
    };
    let mut total = (0, 0);
    for entry in entries.flatten() {
        let Ok(meta) = entry.metadata() else { continue };
        if meta.is_dir() {
            let (b, n) = size(&entry.path());
            total = (total.0 + b, total.1 + n);
        } else {
            total = (total.0 + meta.len(), total.1 + 1);
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::model::BillingAccount;

    fn account(id: &str) -> BillingAccount {
        serde_json::from_value(serde_json::json!({
            "id": id, "workspace_id": "ws_1", "name": "Zoë", "email": "z@x.example",
            "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"
        }))
        .unwrap()
    }

    #[test]
    fn the_index_is_saved_private_and_a_bad_file_is_moved_aside() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path(), "http://127.0.0.1:9/", "default");
        let mut index = Index::default();
        let list: Vec<crate::api::model::Workspace> = serde_json::from_value(serde_json::json!(
            [{"id": "ws_1", "name": "One"}, {"id": "../ws_2", "name": "Two"}]
        ))
        .unwrap();
        index.put_list(&list, 5);
        index.put_accounts("ws_1", &[account("cus_1")], false, 6);
        index.put_accounts("../ws_2", &[account("cus_2")], true, 7);
        store.save_meta(&index.meta).unwrap();
        for (id, shard) in &index.shards {
            store.save_shard(id, shard).unwrap();
        }
        let (back, problems) = store.load();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(back.meta, index.meta);
        assert_eq!(back.shards, index.shards);
        assert!(store.dir().starts_with(dir.path().join("index")));
        assert!(
            !store.dir().join("..").join("ws_2.json").exists(),
            "no escape"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(store.dir()), 0o700);
            assert_eq!(mode(&store.meta_file()), 0o600);
            assert_eq!(mode(&store.shard_file("ws_1")), 0o600);
        }
        // A broken file: moved aside and said; the rest is read.
        std::fs::write(store.shard_file("ws_1"), b"{not json").unwrap();
        let (back, problems) = store.load();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains(".bad-"), "{problems:?}");
        assert_eq!(back.shards.len(), 1);
        // A workspace gone from the list: its file goes too.
        index.put_list(&list[..1], 8);
        store.save_meta(&index.meta).unwrap();
        assert!(!store.shard_file("../ws_2").exists());
        assert_eq!(size(store.dir()).1, 2, "meta and the moved-aside file");
    }

    #[test]
    fn two_ids_never_share_a_file_and_a_planted_link_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path(), "http://127.0.0.1:9/", "default");
        let long = "ws_".to_string() + &"a".repeat(200);
        let ids = [
            "ws.a",
            "ws/a",
            "ws_a",
            &format!("{long}1"),
            &format!("{long}2"),
        ];
        let files: std::collections::HashSet<PathBuf> =
            ids.iter().map(|id| store.shard_file(id)).collect();
        assert_eq!(files.len(), ids.len(), "{files:?}");
        let other = Store::new(dir.path(), "http://127.0.0.1:9/", "default_");
        assert_ne!(store.dir(), other.dir(), "profiles never share a dir");
        #[cfg(unix)]
        {
            // A link in place of the index's directory: nothing is
            // written (or deleted) where it points.
            let outside = tempfile::tempdir().unwrap();
            std::fs::write(outside.path().join("keep.json"), b"{}").unwrap();
            std::fs::create_dir_all(store.dir().parent().unwrap()).unwrap();
            std::os::unix::fs::symlink(outside.path(), store.dir()).unwrap();
            let meta = Meta::default();
            let e = store.save_meta(&meta).unwrap_err();
            assert!(e.to_string().contains("symbolic link"), "{e}");
            let shard = Shard::new(Vec::new(), 1, false);
            assert!(store.save_shard("ws_1", &shard).is_err());
            let left: Vec<_> = std::fs::read_dir(outside.path())
                .unwrap()
                .flatten()
                .collect();
            assert_eq!(left.len(), 1, "only what was there: {left:?}");
        }
    }
}
