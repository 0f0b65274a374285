//! The index: what alto knows of the tenant's workspaces and their billing
//! accounts, kept so any account can be found by email, name, id, phone or
//! postal code without a search endpoint (the API has none).
//!
//! It is a cache of answers: the workspace list and, per workspace, its
//! accounts with the time they were fetched. [`Index::due`] says what to
//! fetch next (what was never fetched, then the oldest past its age); the
//! filler ([`fill`]) asks at the user's pace and the console feeds in the
//! answers it gets anyway. On disk ([`files`]) each workspace is its own
//! small file, so an answer costs one small write, and a restart carries on
//! where the last run stopped.

pub mod files;
pub mod fill;
pub mod sample;
pub mod search;
pub mod witness;

use crate::api::model::{BillingAccount, Workspace};
use crate::money::grouped;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Milliseconds since the Unix epoch: what the index stores, so ages
/// survive a restart.
pub type Millis = i64;

pub fn now_ms() -> Millis {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as Millis)
}

/// The list of workspaces and the state of the filler.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub version: u32,
    /// When the workspace list was last fetched.
    pub listed_at: Option<Millis>,
    /// After a 429: nothing is asked before this.
    pub paused_until: Option<Millis>,
    pub workspaces: Vec<WorkspaceEntry>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkspaceEntry {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub archived: bool,
}

/// One workspace's accounts as last fetched.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Shard {
    pub fetched_at: Millis,
    /// The list said there were more than it gave.
    #[serde(default)]
    pub has_more: bool,
    /// Why the accounts could not be read (then `accounts` is empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    pub accounts: Vec<AccountEntry>,
    /// Per account, what find compares as plain text (see
    /// [`search::key`]); made when the shard is made or read, never stored.
    #[serde(skip)]
    pub keys: Vec<String>,
}

impl Meta {
    /// Takes a fresh workspace list.
    pub fn put_list(&mut self, list: &[Workspace], at: Millis) {
        self.workspaces = list.iter().map(WorkspaceEntry::from).collect();
        self.listed_at = Some(at);
    }

    /// One workspace's entry as the server now gives it (added when new).
    pub fn put_workspace(&mut self, w: &Workspace) {
        let entry = WorkspaceEntry::from(w);
        match self.workspaces.iter_mut().find(|e| e.id == w.id) {
            Some(slot) => *slot = entry,
            None => self.workspaces.push(entry),
        }
    }
}

impl From<&Workspace> for WorkspaceEntry {
    fn from(w: &Workspace) -> Self {
        WorkspaceEntry {
            id: w.id.clone(),
            name: w.name.clone(),
            archived: w.archived,
        }
    }
}

impl Shard {
    /// Puts `entry` in place of the account with its id, or adds it.
    pub fn put(&mut self, entry: AccountEntry) {
        let key = search::key(&entry);
        match self.accounts.iter().position(|a| a.id == entry.id) {
            Some(i) => {
                self.accounts[i] = entry;
                if let Some(k) = self.keys.get_mut(i) {
                    *k = key;
                }
            }
            None => {
                self.accounts.push(entry);
                self.keys.push(key);
            }
        }
    }

    /// Takes the account with `id` out: true when it was there.
    pub fn remove(&mut self, id: &str) -> bool {
        let Some(i) = self.accounts.iter().position(|a| a.id == id) else {
            return false;
        };
        self.accounts.remove(i);
        if i < self.keys.len() {
            self.keys.remove(i);
        }
        true
    }

    pub fn new(accounts: Vec<AccountEntry>, at: Millis, has_more: bool) -> Shard {
        let keys = accounts.iter().map(search::key).collect();
        Shard {
            fetched_at: at,
            has_more,
            error: None,
            accounts,
            keys,
        }
    }

    /// Makes the keys of a shard read from disk.
    pub fn with_keys(mut self) -> Shard {
        self.keys = self.accounts.iter().map(search::key).collect();
        self
    }
}

/// What the index keeps of an account: what it is found by, no more.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountEntry {
    pub id: String,
    pub name: String,
    pub email: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
}

impl From<&BillingAccount> for AccountEntry {
    fn from(a: &BillingAccount) -> Self {
        AccountEntry {
            id: a.id.clone(),
            name: a.name.clone(),
            email: a.email.clone(),
            phone: a.phone.clone(),
            postal_code: a.address.as_ref().and_then(|ad| ad.postal_code.clone()),
        }
    }
}

/// What to fetch next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Due {
    /// The workspace list.
    List,
    /// A workspace's accounts.
    Accounts(String),
}

/// How the index is kept: `[cache]` in the config file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pace {
    /// A pause of the filler's own between two of its requests (0: as
    /// the scheduler allows; it keeps the budget's reserve for the user).
    pub interval_ms: Millis,
    /// An answer older than this is fetched again, oldest first.
    pub max_age_ms: Millis,
}

impl Default for Pace {
    fn default() -> Self {
        Pace {
            interval_ms: 0,
            max_age_ms: 60 * 60 * 1000,
        }
    }
}

/// The index in memory.
#[derive(Clone, Debug, Default)]
pub struct Index {
    pub meta: Meta,
    pub shards: HashMap<String, Shard>,
}

/// How much of the tenant is indexed, for the find screen and `cache status`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Coverage {
    pub workspaces: usize,
    pub indexed: usize,
    pub accounts: usize,
    /// The oldest answer the index holds, if any.
    pub oldest: Option<Millis>,
    /// The list was never fetched: the tenant's size is unknown.
    pub listed: bool,
}

impl Index {
    /// Takes a fresh workspace list: workspaces no longer listed are
    /// dropped with their accounts.
    pub fn put_list(&mut self, list: &[Workspace], at: Millis) {
        self.meta.put_list(list, at);
        let ids: std::collections::HashSet<&str> =
            self.meta.workspaces.iter().map(|w| w.id.as_str()).collect();
        self.shards.retain(|id, _| ids.contains(id.as_str()));
    }

    /// One workspace as alto just read or wrote it; one just created has
    /// no accounts, so it is indexed as such at once.
    pub fn put_workspace(&mut self, w: &Workspace, created: bool, at: Millis) {
        self.meta.put_workspace(w);
        if created {
            self.shards
                .entry(w.id.clone())
                .or_insert_with(|| Shard::new(Vec::new(), at, false));
        }
    }

    /// One account as alto just read, created or changed: true when the
    /// index keeps its workspace's accounts (and so now has it).
    pub fn put_account(&mut self, workspace: &str, account: &BillingAccount) -> bool {
        self.shards
            .get_mut(workspace)
            .map(|s| s.put(AccountEntry::from(account)))
            .is_some()
    }

    /// An account alto just deleted: true when the index had it.
    pub fn drop_account(&mut self, workspace: &str, id: &str) -> bool {
        self.shards.get_mut(workspace).is_some_and(|s| s.remove(id))
    }

    /// Takes a workspace's accounts as just fetched.
    pub fn put_accounts(
        &mut self,
        workspace: &str,
        accounts: &[BillingAccount],
        has_more: bool,
        at: Millis,
    ) {
        let entries = accounts.iter().map(AccountEntry::from).collect();
        self.shards
            .insert(workspace.to_string(), Shard::new(entries, at, has_more));
    }

    /// A workspace whose accounts could not be read: kept as fetched (so it
    /// is not asked again at once) with why.
    pub fn put_error(&mut self, workspace: &str, error: String, at: Millis) {
        self.shards.insert(
            workspace.to_string(),
            Shard {
                error: Some(error),
                ..Shard::new(Vec::new(), at, false)
            },
        );
    }

    /// What to fetch next at `now`, or when something next falls due.
    /// Never-fetched first (the list, then workspaces in list order), then
    /// the oldest answer past its age.
    pub fn due(&self, now: Millis, pace: Pace) -> Result<Due, Millis> {
        if let Some(until) = self.meta.paused_until.filter(|&u| u > now) {
            return Err(until);
        }
        let Some(listed_at) = self.meta.listed_at else {
            return Ok(Due::List);
        };
        if let Some(w) = self
            .meta
            .workspaces
            .iter()
            .find(|w| !self.shards.contains_key(&w.id))
        {
            return Ok(Due::Accounts(w.id.clone()));
        }
        let oldest = self
            .meta
            .workspaces
            .iter()
            .filter_map(|w| self.shards.get(&w.id).map(|s| (s.fetched_at, &w.id)))
            .min();
        let (at, due) = match oldest {
            Some((at, id)) if at < listed_at => (at, Due::Accounts(id.clone())),
            _ => (listed_at, Due::List),
        };
        if now - at >= pace.max_age_ms {
            Ok(due)
        } else {
            Err(at + pace.max_age_ms)
        }
    }

    pub fn coverage(&self) -> Coverage {
        let indexed: Vec<&Shard> = self
            .meta
            .workspaces
            .iter()
            .filter_map(|w| self.shards.get(&w.id))
            .collect();
        Coverage {
            workspaces: self.meta.workspaces.len(),
            indexed: indexed.len(),
            accounts: indexed.iter().map(|s| s.accounts.len()).sum(),
            oldest: indexed
                .iter()
                .map(|s| s.fetched_at)
                .chain(self.meta.listed_at)
                .min(),
            listed: self.meta.listed_at.is_some(),
        }
    }

    /// Takes what `fed` knows that is newer (the console's own answers,
    /// got while the stored index was being read).
    pub fn absorb(&mut self, fed: Index) {
        if fed.meta.listed_at > self.meta.listed_at {
            self.meta.workspaces = fed.meta.workspaces;
            self.meta.listed_at = fed.meta.listed_at;
            let ids: std::collections::HashSet<&str> =
                self.meta.workspaces.iter().map(|w| w.id.as_str()).collect();
            self.shards.retain(|id, _| ids.contains(id.as_str()));
        }
        for (id, shard) in fed.shards {
            let newer = self
                .shards
                .get(&id)
                .is_none_or(|s| s.fetched_at < shard.fetched_at);
            if newer {
                self.shards.insert(id, shard);
            }
        }
        self.meta.paused_until = self.meta.paused_until.max(fed.meta.paused_until);
    }

    /// Accounts in other workspaces than `except` that look like a new one
    /// (the duplicate guard's rule): each with its workspace and why.
    pub fn same_as(
        &self,
        name: &str,
        email: &str,
        except: &str,
    ) -> Vec<(
        &WorkspaceEntry,
        &AccountEntry,
        crate::rules::duplicate::Same,
    )> {
        use crate::rules::duplicate::{Same, email_key, name_key};
        let (name, email) = (name_key(name), email_key(email));
        let mut found = Vec::new();
        for w in self.meta.workspaces.iter().filter(|w| w.id != except) {
            let Some(shard) = self.shards.get(&w.id) else {
                continue;
            };
            for a in &shard.accounts {
                if !email.is_empty() && email_key(&a.email) == email {
                    found.push((w, a, Same::Email));
                } else if !name.is_empty() && name_key(&a.name) == name {
                    found.push((w, a, Same::Name));
                }
            }
        }
        found
    }

    pub fn workspace(&self, id: &str) -> Option<&WorkspaceEntry> {
        self.meta.workspaces.iter().find(|w| w.id == id)
    }
}

impl Coverage {
    /// "1,240 of 1,600 workspaces, oldest 3 h" (or what is not known yet).
    pub fn summary(&self, now: Millis) -> String {
        if !self.listed {
            return "nothing indexed yet".into();
        }
        let mut s = format!(
            "{} of {} workspaces, {} accounts",
            grouped(self.indexed as u64),
            grouped(self.workspaces as u64),
            grouped(self.accounts as u64)
        );
        if let Some(oldest) = self.oldest {
            s.push_str(&format!(", oldest {}", age(now - oldest)));
        }
        s
    }

    pub fn complete(&self) -> bool {
        self.listed && self.indexed == self.workspaces
    }
}

/// An age in the largest unit that fits: "40 s", "12 min", "3 h", "2 d".
pub fn age(ms: Millis) -> String {
    let s = ms.max(0) / 1000;
    match s {
        0..60 => format!("{s} s"),
        60..3600 => format!("{} min", s / 60),
        3600..86_400 => format!("{} h", s / 3600),
        _ => format!("{} d", s / 86_400),
    }
}

#[cfg(test)]
mod tests;
