//! The index on disk hears of every answer a CLI command gets: a list, a
//! get, a create, a change or a delete of a workspace or an account is in
//! the index the moment it arrives, so `alto find` (and `--cached`) finds
//! what alto just made. Each answer costs one small read and write of the
//! file it touches; the rest of the index is not read.

use super::files::Store;
use super::{Shard, now_ms};
use crate::api::{Seen, Witness};
use std::sync::Arc;

/// A witness that keeps `store` up to date; `problem` hears (once) why
/// the index could not be written. A failure never fails the command:
/// the index is an optimisation.
pub fn witness(store: Store, problem: impl Fn(String) + Send + Sync + 'static) -> Witness {
    let said = std::sync::atomic::AtomicBool::new(false);
    Arc::new(move |seen| {
        if let Err(why) = note(&store, seen)
            && !said.swap(true, std::sync::atomic::Ordering::Relaxed)
        {
            problem(why);
        }
    })
}

/// Puts what was seen into the stored index.
pub fn note(store: &Store, seen: Seen<'_>) -> Result<(), String> {
    let now = now_ms();
    let io = |e: std::io::Error| format!("{} could not be written ({e})", store.dir().display());
    match seen {
        Seen::Workspaces(list) => {
            let mut meta = store.load_meta()?.unwrap_or_default();
            meta.put_list(&list.data, now);
            store.save_meta(&meta).map_err(io)
        }
        Seen::Workspace { workspace, created } => {
            // Never listed: the first fill lists the tenant whole.
            let Some(mut meta) = store.load_meta()? else {
                return Ok(());
            };
            meta.put_workspace(workspace);
            store.save_meta(&meta).map_err(io)?;
            if created {
                let empty = Shard::new(Vec::new(), now, false);
                store.save_shard(&workspace.id, &empty).map_err(io)?;
            }
            Ok(())
        }
        Seen::Archived(id) => {
            let Some(mut meta) = store.load_meta()? else {
                return Ok(());
            };
            for w in meta.workspaces.iter_mut().filter(|w| w.id == id) {
                w.archived = true;
            }
            store.save_meta(&meta).map_err(io)
        }
        Seen::Accounts { workspace, list } => {
            let listed = store
                .load_meta()?
                .is_some_and(|m| m.workspaces.iter().any(|w| w.id == workspace));
            if !listed {
                return Ok(());
            }
            let entries = list.data.iter().map(super::AccountEntry::from).collect();
            let shard = Shard::new(entries, now, list.has_more);
            store.save_shard(workspace, &shard).map_err(io)
        }
        Seen::Account { workspace, account } => {
            let Some(mut shard) = store.load_shard(workspace)? else {
                return Ok(());
            };
            shard.put(super::AccountEntry::from(account));
            store.save_shard(workspace, &shard).map_err(io)
        }
        Seen::AccountGone { workspace, id } => {
            let Some(mut shard) = store.load_shard(workspace)? else {
                return Ok(());
            };
            if shard.remove(id) {
                store.save_shard(workspace, &shard).map_err(io)?;
            }
            Ok(())
        }
    }
}
