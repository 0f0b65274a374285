//! The typed store of declared reads: a resource declares a [`Read`] (its
//! name and the request that fetches it for a scope), and what the API
//! answered is kept here per read and scope, with its load state. One
//! generic command (`Cmd::Load`) asks for any of them and one message
//! (`Msg::Loaded`) brings the answer back, so a new read-only resource adds
//! no command, message, session field or harness answer of its own: the
//! effects run its `fetch`, the spinner and the dropped reads ask
//! [`Store::loading`], and the test harness runs the same `fetch` against
//! the sandbox.

use super::app::Load;
use super::msg::{Cmd, ReqId};
use crate::api::{ApiClient, ApiError};
use futures_util::future::BoxFuture;
use std::any::Any;
use std::collections::HashMap;
use std::sync::Arc;

/// An answer of any declared read (each read knows its own type).
pub type Item = Arc<dyn Any + Send + Sync>;

/// What a read sends for a scope (the ids its path needs, as its
/// declaration joined them).
pub type Fetch = fn(ApiClient, String) -> BoxFuture<'static, Result<Item, ApiError>>;

/// A read a resource declares.
pub struct Read {
    /// Unique among reads: the store's key, with the scope.
    pub name: &'static str,
    pub fetch: Fetch,
}

impl std::fmt::Debug for Read {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Read({})", self.name)
    }
}

impl PartialEq for Read {
    fn eq(&self, other: &Read) -> bool {
        self.name == other.name
    }
}

/// Boxes a typed answer as an [`Item`] (for a declaration's `fetch`).
pub fn item<T: Any + Send + Sync>(answer: Result<T, ApiError>) -> Result<Item, ApiError> {
    answer.map(|t| Arc::new(t) as Item)
}

/// A read's answer on its way back (an `Item` has no `Debug` of its own).
pub struct Answer(pub Result<Item, ApiError>);

impl std::fmt::Debug for Answer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            Ok(_) => f.write_str("Answer(Ok(..))"),
            Err(e) => write!(f, "Answer(Err({e:?}))"),
        }
    }
}

#[derive(Clone)]
struct Slot {
    load: Load,
    /// The last answer, kept while a reload is in flight.
    item: Option<Item>,
}

/// The answers of declared reads, per read and scope.
#[derive(Clone, Default)]
pub struct Store {
    slots: HashMap<(&'static str, String), Slot>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map()
            .entries(self.slots.iter().map(|(k, s)| (k, &s.load)))
            .finish()
    }
}

impl Store {
    /// The answer for `scope`, if one came (and is of type `T`).
    pub fn get<T: Any + Send + Sync>(&self, read: &Read, scope: &str) -> Option<&T> {
        let slot = self.slots.get(&(read.name, scope.to_string()))?;
        slot.item.as_ref()?.downcast_ref()
    }

    /// The answer for `scope` as it came, for a declaration to read.
    pub fn item(&self, read: &Read, scope: &str) -> Option<&dyn Any> {
        let slot = self.slots.get(&(read.name, scope.to_string()))?;
        slot.item.as_deref().map(|i| i as &dyn Any)
    }

    /// Where the read for `scope` is (`Idle` when never asked).
    pub fn load(&self, read: &Read, scope: &str) -> &Load {
        self.slots
            .get(&(read.name, scope.to_string()))
            .map_or(&Load::Idle, |s| &s.load)
    }

    /// Asks for `read` at `scope` as `req` (a previous answer stays shown
    /// until this one comes).
    pub fn request(&mut self, read: &'static Read, scope: String, req: ReqId) -> Cmd {
        let slot = self
            .slots
            .entry((read.name, scope.clone()))
            .or_insert(Slot {
                load: Load::Idle,
                item: None,
            });
        slot.load = Load::Loading(req);
        Cmd::Load { read, scope, req }
    }

    /// Keeps an answer, if it is the one its slot waits for (a late answer
    /// of an earlier request is dropped). Says whether it was kept.
    pub fn answer(&mut self, read: &Read, scope: &str, req: ReqId, answer: Answer) -> bool {
        let Some(slot) = self.slots.get_mut(&(read.name, scope.to_string())) else {
            return false;
        };
        if !slot.load.awaits(req) {
            return false;
        }
        match answer.0 {
            Ok(item) => {
                slot.item = Some(item);
                slot.load = Load::Loaded;
            }
            Err(e) => slot.load = Load::Failed(e.to_string()),
        }
        true
    }

    /// The loads of every slot (for the spinner and the dropped reads).
    pub fn loads(&self) -> impl Iterator<Item = &Load> {
        self.slots.values().map(|s| &s.load)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static NUMBER: Read = Read {
        name: "number",
        fetch: |_, scope| Box::pin(async move { item(Ok(scope.len())) }),
    };

    #[test]
    fn an_answer_is_kept_by_read_and_scope_and_only_the_awaited_one() {
        let mut s = Store::default();
        assert_eq!(s.load(&NUMBER, "a"), &Load::Idle);
        let cmd = s.request(&NUMBER, "a".into(), 7);
        assert_eq!(
            cmd,
            Cmd::Load {
                read: &NUMBER,
                scope: "a".into(),
                req: 7
            }
        );
        assert!(s.loads().any(|l| l.awaits(7)));
        assert!(!s.answer(&NUMBER, "a", 6, Answer(item(Ok(1usize)))), "late");
        assert!(s.answer(&NUMBER, "a", 7, Answer(item(Ok(3usize)))));
        assert_eq!(s.get::<usize>(&NUMBER, "a"), Some(&3));
        assert_eq!(s.get::<String>(&NUMBER, "a"), None, "typed");
        assert_eq!(s.get::<usize>(&NUMBER, "b"), None, "by scope");
        // A reload keeps the last answer shown; a failure says why.
        s.request(&NUMBER, "a".into(), 8);
        assert_eq!(s.get::<usize>(&NUMBER, "a"), Some(&3));
        let refused = ApiError::Status {
            status: 404,
            body: Box::default(),
        };
        assert!(s.answer(&NUMBER, "a", 8, Answer(Err(refused))));
        assert!(matches!(s.load(&NUMBER, "a"), Load::Failed(_)));
    }
}
