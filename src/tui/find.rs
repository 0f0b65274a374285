//! The console's index and its find screen (`F`, `:find`): the index of
//! this profile's tenant, searched as the user types, and the filler that
//! keeps it, one request per interval, driven by the update loop (a wake
//! at a time; nothing runs while nothing is due).

use crate::index::files::Store;
use crate::index::search::{Found, Searcher};
use crate::index::{Index, Millis, Pace};
use crate::tui::list::Selection;
use crate::tui::msg::Move;
use tui_input::{Input, InputRequest};

/// How many results the screen keeps (the best first).
pub const LIMIT: usize = 200;

/// About how many accounts a search reads before the key's frame, and then
/// between two frames: a big index is read in parts, each drawn, so a key
/// shows at once (~0.5 ms) and the results fill in after it (a part of
/// 30,000 is ~1.5 ms on two cores: a key typed meanwhile waits no longer).
pub const FIRST_PART: usize = 10_000;
pub const PART: usize = 30_000;

/// Where and how this console keeps its index.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IndexSettings {
    /// `[cache] enabled`: off, nothing fills and nothing is kept.
    pub enabled: bool,
    /// The cache dir; `None` keeps the index in memory (the demo).
    pub cache_dir: Option<std::path::PathBuf>,
    pub pace: Pace,
}

impl IndexSettings {
    /// The store for this API URL and profile, if the index is kept.
    pub fn store(&self, api_url: &str, profile: &str) -> Option<Store> {
        let dir = self.cache_dir.as_ref().filter(|_| self.enabled)?;
        Some(Store::new(dir, api_url, profile))
    }
}

/// The filler's state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filler {
    /// Wakes and answers of another generation are stale (the session was
    /// parked, or the profile changed) and ignored.
    pub generation: u64,
    pub started: bool,
    pub in_flight: bool,
    pub last_sent: Option<Millis>,
    /// The token was refused: nothing is asked until it changes.
    pub stopped: bool,
    /// The last thing that went wrong (a failed request or save), said on
    /// the find screen.
    pub problem: Option<String>,
}

/// One profile's index and find screen.
#[derive(Debug, Default)]
pub struct FindState {
    pub index: Index,
    pub filler: Filler,
    /// The stored index has been read (or there is none to read).
    pub loaded: bool,
    pub query: Input,
    pub found: Found,
    pub sel: Selection,
    /// The clock as last told (by a wake or an answer): what ages on
    /// screen are measured against, so drawing stays a function of state.
    pub now: Millis,
    /// Which search is in progress: a part asked for by another is stale.
    pub search: u64,
    /// What this update changed in the index, saved when it ends.
    pub heard: Heard,
    searcher: Searcher,
}

/// The parts of the index changed since the last save: the list, and the
/// workspaces whose accounts changed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Heard {
    pub meta: bool,
    pub shards: std::collections::BTreeSet<String>,
}

impl Heard {
    pub fn is_empty(&self) -> bool {
        !self.meta && self.shards.is_empty()
    }
}

impl Clone for FindState {
    fn clone(&self) -> Self {
        FindState {
            index: self.index.clone(),
            filler: self.filler.clone(),
            loaded: self.loaded,
            query: self.query.clone(),
            found: self.found.clone(),
            sel: self.sel.clone(),
            now: self.now,
            search: self.search,
            heard: self.heard.clone(),
            // A matcher's buffers and the narrowing cache are not state.
            searcher: Searcher::default(),
        }
    }
}

impl FindState {
    /// Searches again (the query or the index changed), keeping the
    /// cursor on the first row; true when the search goes on in parts.
    pub fn refresh(&mut self, index_changed: bool, height: usize) -> bool {
        if index_changed {
            self.searcher.forget();
        }
        self.search += 1;
        let found = self
            .searcher
            .find_some(&self.index, self.query.value(), LIMIT, FIRST_PART);
        self.show(found, height)
    }

    /// The next part of search `search`, if it is still the one going on.
    pub fn resume(&mut self, search: u64, height: usize) -> bool {
        if search != self.search || !self.found.partial {
            return false;
        }
        let found = match self.searcher.searching() {
            true => self.searcher.resume(&self.index, LIMIT, PART),
            // A copy of this state (a parked session) has no search in
            // progress to go on with: it starts again.
            false => self
                .searcher
                .find_some(&self.index, self.query.value(), LIMIT, PART),
        };
        self.show(found, height)
    }

    fn show(&mut self, found: Found, height: usize) -> bool {
        self.found = found;
        self.sel
            .set_visible((0..self.found.hits.len()).collect(), height);
        self.found.partial
    }

    /// The hit under the cursor.
    pub fn current(&self) -> Option<crate::index::search::Hit> {
        self.sel
            .current()
            .and_then(|i| self.found.hits.get(i))
            .copied()
    }
}

/// The find screen's keys, and the index's filler coming back.
#[derive(Debug)]
pub enum FindMsg {
    /// `F` or `:find [text]`: the find screen, with this text typed.
    Open(String),
    Edit(InputRequest),
    Move(Move),
    /// Enter: the account in its workspace, or the workspace.
    OpenSelected,
    /// A wake the filler asked for; `now` is the clock when it came.
    Wake {
        generation: u64,
        now: Millis,
    },
    /// What a filler's request got, at `at`.
    Answer {
        generation: u64,
        answer: Box<crate::index::fill::Answer>,
        at: Millis,
    },
    /// The stored index, read at start (and what could not be read).
    Loaded {
        generation: u64,
        index: Box<crate::index::Index>,
        problems: Vec<String>,
        now: Millis,
    },
    /// A write of the index failed: said on the find screen.
    SaveFailed(String),
    /// Read the next part of search `search` (after a frame).
    Continue {
        search: u64,
    },
}

/// What the index's filler asks the effects to do.
#[derive(Debug, PartialEq)]
pub enum IndexCmd {
    /// Send `FindMsg::Wake` at `at` (at once when it has passed).
    Wake { generation: u64, at: Millis },
    Fetch {
        generation: u64,
        due: crate::index::Due,
    },
    Load {
        generation: u64,
        store: crate::index::files::Store,
    },
    /// Send `FindMsg::Continue` once this frame is drawn.
    Continue { search: u64 },
    /// Written on the files thread, in order.
    Save {
        store: crate::index::files::Store,
        meta: Option<crate::index::Meta>,
        shard: Option<(String, crate::index::Shard)>,
    },
}
