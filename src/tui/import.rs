//! The console's import screen (`U`, `:import`): a CSV path, then a
//! preview of every row with what is wrong where (the CLI's checks, from
//! `crate::import`), then, confirmed, each row sent once through the same
//! journal as `alto accounts import` (so `--resume` can carry on).

use crate::api::model::Workspace;
use crate::import::journal::Entry;
use crate::import::{Parsed, Plan};
use crate::tui::list::Selection;
use crate::tui::msg::Move;
use std::path::PathBuf;
use tui_input::{Input, InputRequest};

#[derive(Clone, Debug, PartialEq)]
pub enum Stage {
    /// Typing the file's path.
    Path,
    Reading,
    /// Checked: the rows and what is wrong; Enter asks to send.
    Preview,
    /// Enter again sends (Esc goes back to the preview).
    Confirm,
    Sending,
    /// All sent, or stopped (why).
    Done(Option<String>),
}

/// A row's fate, as the table shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fate {
    Pending,
    Skipped(String),
    Before(String),
    Sending,
    Created(String),
    Failed(String),
    /// No answer seen: `--resume` looks it up.
    Unknown,
}

#[derive(Clone, Debug)]
pub struct ImportState {
    pub workspace: Workspace,
    pub path: Input,
    pub stage: Stage,
    pub file: Option<PathBuf>,
    pub parsed: Parsed,
    /// The journal's rows of earlier runs (and this one's).
    pub journal: Vec<Entry>,
    pub plan: Plan,
    /// By line: what happened to each row.
    pub fates: std::collections::BTreeMap<u64, Fate>,
    pub sel: Selection,
    /// When the first row went (ms), for the rate.
    pub started: Option<crate::index::Millis>,
    /// Enter came while the workspace's accounts were on their way: the
    /// confirm opens when they arrive.
    pub proceed: bool,
}

impl ImportState {
    pub fn new(workspace: Workspace) -> ImportState {
        ImportState {
            workspace,
            path: Input::default(),
            stage: Stage::Path,
            file: None,
            parsed: Parsed::default(),
            journal: Vec::new(),
            plan: Plan::default(),
            fates: Default::default(),
            sel: Selection::default(),
            started: None,
            proceed: false,
        }
    }

    /// The plan again, from the file, the journal and `existing`.
    pub fn replan(&mut self, existing: &[crate::api::model::BillingAccount], height: usize) {
        let mut journal = crate::import::journal::Journal::detached();
        for e in &self.journal {
            journal.rows.insert(e.line, e.clone());
        }
        self.plan = crate::import::plan(&self.parsed, &self.workspace, existing, &journal);
        self.fates.clear();
        for r in &self.parsed.rows {
            let why: Vec<&str> = self
                .plan
                .problems
                .iter()
                .filter(|p| p.line == r.line)
                .map(|p| p.message.as_str())
                .collect();
            let fate = match journal.created(r.line) {
                Some(id) => Fate::Before(id.to_string()),
                None if !why.is_empty() => Fate::Skipped(why.join("; ")),
                None => Fate::Pending,
            };
            self.fates.insert(r.line, fate);
        }
        self.sel
            .set_visible((0..self.parsed.rows.len()).collect(), height);
    }

    /// The next row to send.
    pub fn next_pending(&self) -> Option<u64> {
        self.plan
            .pending
            .iter()
            .copied()
            .find(|l| self.fates.get(l) == Some(&Fate::Pending))
    }

    pub fn count(&self, f: impl Fn(&Fate) -> bool) -> usize {
        self.fates.values().filter(|x| f(x)).count()
    }
}

/// The import screen's keys and answers.
#[derive(Debug)]
pub enum ImportMsg {
    /// `U` or `:import`: the screen for the workspace open or selected.
    Open,
    Edit(InputRequest),
    /// Enter: read the file; on the preview, ask; asked, send.
    Enter,
    Move(Move),
    /// Esc on the question: back to the preview, nothing sent.
    Cancel,
    /// The file's text and the journal of earlier runs, or why not.
    Read {
        path: PathBuf,
        result: Result<(String, Vec<Entry>), String>,
    },
    /// A row's POST came back (its journal entries written around it).
    Sent {
        line: u64,
        result: Result<Box<crate::api::model::BillingAccount>, crate::api::ApiError>,
        at: crate::index::Millis,
    },
}

#[derive(Debug, PartialEq)]
pub enum ImportCmd {
    /// The file, and the journal of imports of it into this workspace.
    Read { path: PathBuf, workspace_id: String },
    /// Journal (synced), POST once, journal (the one `alto accounts
    /// import` keeps for this file and workspace).
    Send {
        workspace_id: String,
        line: u64,
        body: Box<crate::api::model::NewBillingAccount>,
        key: String,
        file: PathBuf,
    },
}
