//! `App`: the one owner of the console's state. Only `update` changes it;
//! rendering reads it.

use super::form::FormState;
use super::list::Selection;
use super::msg::ReqId;
use crate::api::model::{BillingAccount, Workspace};
use std::collections::HashMap;
use tui_input::Input;

pub use super::boxes::confirm::Confirm;
pub use super::boxes::error::ErrorPopup;
pub use super::layers::{Screen, Screens};

/// Where some data stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Load {
    Idle,
    Loading(ReqId),
    Loaded,
    Failed(String),
}

impl Load {
    pub fn is_loading(&self) -> bool {
        matches!(self, Load::Loading(_))
    }
    /// True when `req` is the answer this slot waits for.
    pub fn awaits(&self, req: ReqId) -> bool {
        *self == Load::Loading(req)
    }
}

/// Facts about this session shown in the header.
#[derive(Clone, Debug)]
pub struct Context {
    pub profile: String,
    /// Host (and port) of the API, always on screen.
    pub api_host: String,
    /// Talking to the embedded sandbox (`--demo`).
    pub demo: bool,
    /// Every write asks for the workspace's name first (the profile's
    /// `confirm_writes`).
    pub confirm_writes: bool,
    /// Time zone for the detail pane's local times.
    pub tz: jiff::tz::TimeZone,
    pub api_url: String,
    /// The token, masked, and its source ("sk_l•••••• from environment").
    pub token: Option<String>,
    /// The same for the user's own token (what non-demo profiles use).
    pub user_token: Option<String>,
    /// Where config, state and logs live.
    pub paths: Vec<(&'static str, String)>,
    /// The profiles one can switch to (the palette's `profile …`).
    pub profiles: Vec<ProfileInfo>,
    /// The colour that frames the UI for this profile.
    pub color: Option<ratatui::style::Color>,
    /// Random, from the runner at start: idempotency keys derive from it.
    pub key_seed: u128,
    /// What rendering draws with (the config's theme, NO_COLOR).
    pub theme: super::theme::Theme,
    /// The user the token stands for (its Auth0 `sub`), when it can be
    /// told: the demo user on the sandbox, a user token's subject. Their
    /// own row is marked in member lists.
    pub me: Option<String>,
    /// This month (year, month), from the runner at start: cards that
    /// expired before it are marked.
    pub today: (i32, u32),
    /// Where reports are saved by default (the XDG download directory);
    /// the current directory when there is none.
    pub downloads: Option<std::path::PathBuf>,
    /// Where and how the index is kept (`[cache]`).
    pub index: super::find::IndexSettings,
}

impl Context {
    /// A fresh Idempotency-Key for request `req`: a v4 UUID made from the
    /// session's seed and the request's number, so two submissions in a
    /// session (or two sessions) never share one, and the same inputs give
    /// the same key in tests.
    /// Whose drafts this console saves and offers: its profile and API.
    pub fn draft_scope(&self) -> String {
        super::drafts::scope(self.demo, &self.profile, &self.api_url)
    }

    pub fn idempotency_key(&self, req: ReqId) -> String {
        // Spread consecutive numbers over all bits (the golden ratio).
        let mixed = self
            .key_seed
            .wrapping_add(u128::from(req).wrapping_mul(0x9E37_79B9_7F4A_7C15_F39C_C060_5CED_C835));
        uuid::Builder::from_random_bytes(mixed.to_le_bytes())
            .into_uuid()
            .to_string()
    }
}

/// A profile the console can switch to at run time.
#[derive(Clone, Debug, PartialEq)]
pub struct ProfileInfo {
    pub name: String,
    pub api_url: String,
    pub color: Option<ratatui::style::Color>,
    pub confirm_writes: bool,
    /// The embedded sandbox of `--demo`.
    pub demo: bool,
}

impl Context {
    /// Fixed, machine-independent values (UTC, a loopback sandbox): for
    /// snapshots, property tests and benchmarks.
    pub fn fixed() -> Context {
        Context {
            profile: "demo".into(),
            api_host: "127.0.0.1:8787".into(),
            demo: true,
            confirm_writes: false,
            tz: jiff::tz::TimeZone::UTC,
            api_url: "http://127.0.0.1:8787".into(),
            token: Some("•••••• from demo sandbox".into()),
            user_token: None,
            paths: vec![("config", "/home/u/.config/alto/config.toml".into())],
            profiles: vec![ProfileInfo {
                name: "demo".into(),
                api_url: "http://127.0.0.1:8787".into(),
                color: None,
                confirm_writes: false,
                demo: true,
            }],
            color: None,
            key_seed: 0xA170,
            theme: super::theme::Theme::default(),
            today: (2025, 11),
            me: Some(super::demo::CALLER.into()),
            downloads: None,
            // Off: its filler runs on the clock. The tests of find turn
            // it on where they drive the clock themselves.
            index: super::find::IndexSettings {
                enabled: false,
                cache_dir: None,
                pace: Default::default(),
            },
        }
    }
}

#[derive(Clone, Debug)]
pub struct WorkspacesView {
    pub load: Load,
    pub items: Vec<Workspace>,
    pub has_more: bool,
    pub sel: Selection,
    /// Each item's name and id in lower case, made once per list.
    pub lowered: Vec<[String; 2]>,
    /// The (lower-case) query `sel.visible` was filtered by.
    pub filtered_by: String,
    pub filter: Input,
    /// The filter prompt has the keyboard.
    pub filtering: bool,
    /// The `g` prompt, when open.
    pub goto: Option<Input>,
    pub goto_load: Load,
    /// Workspace to select once the list arrives (the last one used).
    pub preselect: Option<String>,
}

#[derive(Clone, Debug)]
pub struct AccountsView {
    pub load: Load,
    pub items: Vec<BillingAccount>,
    pub has_more: bool,
}

impl AccountsView {
    pub fn idle() -> AccountsView {
        AccountsView {
            load: Load::Idle,
            items: Vec::new(),
            has_more: false,
        }
    }
}

/// What one profile's session holds: its lists, the workspace open, its
/// forms and edits. A profile switch swaps the whole of it for the other
/// profile's (kept in `App::parked` meanwhile), so coming back finds
/// everything as it was left.
#[derive(Clone, Debug)]
pub struct Session {
    pub workspaces: WorkspacesView,
    /// The workspace open on the Workspace screen (and the form's).
    pub current: Option<Workspace>,
    /// Accounts by workspace id, for every workspace looked at.
    pub accounts: HashMap<String, AccountsView>,
    pub account_sel: Selection,
    /// Forms by workspace id: what was typed is kept when the user leaves.
    pub forms: HashMap<String, FormState>,
    /// The edit form of an existing account (kept when the user leaves it).
    pub edit: Option<FormState>,
    pub detail: Option<BillingAccount>,
    /// Members by workspace id, for every workspace whose members were
    /// looked at.
    pub members: HashMap<String, super::billing::Listing<crate::api::model::Member>>,
    /// Organization trees by workspace id.
    pub orgs: HashMap<String, super::orgs::OrgTree>,
    /// Subscriptions, payment methods and invoices by account id, for
    /// every account whose billing was looked at.
    pub billing: HashMap<String, super::billing::AccountBilling>,
    /// The screens opened, bottom first (the top one is shown).
    pub screens: Screens,
    /// This profile's index and the find screen.
    pub find: super::find::FindState,
    /// The account find chose, opened once its workspace's accounts are in.
    pub open_account: Option<String>,
    /// The import screen's file, preview and progress.
    pub import: Option<super::import::ImportState>,
    /// What the declared reads answered (resources without a field here).
    pub store: super::store::Store,
}

impl Session {
    pub fn new() -> Session {
        Session {
            workspaces: WorkspacesView {
                load: Load::Idle,
                items: Vec::new(),
                has_more: false,
                sel: Selection::default(),
                lowered: Vec::new(),
                filtered_by: String::new(),
                filter: Input::default(),
                filtering: false,
                goto: None,
                goto_load: Load::Idle,
                preselect: None,
            },
            current: None,
            accounts: HashMap::new(),
            account_sel: Selection::default(),
            forms: HashMap::new(),
            edit: None,
            detail: None,
            members: HashMap::new(),
            orgs: HashMap::new(),
            billing: HashMap::new(),
            screens: Screens::default(),
            find: Default::default(),
            open_account: None,
            import: None,
            store: Default::default(),
        }
    }

    /// Every list this session reads, wherever it is held: what the
    /// spinner asks (`App::busy`) and which reads a screen may drop
    /// (`tui::reads`).
    pub fn loads(&self) -> impl Iterator<Item = &Load> {
        let billing = self.billing.values().flat_map(|b| {
            [
                &b.subscriptions.load,
                &b.payment_methods.load,
                &b.invoices.list.load,
            ]
        });
        let orgs = self.orgs.values().map(|t| &t.list.load);
        [&self.workspaces.load, &self.workspaces.goto_load]
            .into_iter()
            .chain(self.accounts.values().map(|a| &a.load))
            .chain(self.members.values().map(|m| &m.load))
            .chain(billing)
            .chain(orgs)
            .chain(self.store.loads())
    }
}

impl Default for Session {
    fn default() -> Session {
        Session::new()
    }
}

/// An account created this session.
#[derive(Clone, Debug)]
pub struct LedgerEntry {
    pub account: BillingAccount,
    /// Deleted later in this session.
    pub deleted: bool,
}

/// The API log keeps this many entries (the log file keeps them all).
pub const API_LOG_CAP: usize = 1000;

/// A write waiting for the user's yes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Write {
    Create,
    Update,
    /// Any other write: billing, members, workspaces, organizations (its
    /// op says which).
    Op(Box<super::ops::PendingWrite>),
    Delete {
        workspace_id: String,
        account_id: String,
        account_name: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StatusKind {
    Info,
    Success,
    Error,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub kind: StatusKind,
    pub text: String,
    /// Where it was said: the screen on top and the box over it (`None`
    /// until the update that said it ends, see [`App::settle_status`]).
    pub owner: Option<(Screen, Option<super::layers::Modal>)>,
}

#[derive(Clone, Debug)]
pub struct App {
    pub ctx: Context,
    pub size: (u16, u16),
    /// This profile's lists, forms and edits.
    pub session: Session,
    /// The Form screen shows `edit` rather than the workspace's new form.
    pub editing: bool,
    /// The boxes open over the screens, in the order they were opened.
    pub boxes: super::boxes::Boxes,
    /// The account delete in flight, and its account.
    pub delete: super::write::Phase,
    pub delete_of: Option<super::msg::At>,
    /// The write in flight (or being looked up), but an account's own.
    pub pending_write: Option<super::ops::PendingWrite>,
    pub ledger: Vec<LedgerEntry>,
    pub ledger_sel: Selection,
    pub api_log: Vec<crate::api::ApiLogEntry>,
    pub log_sel: Selection,
    /// Workspace ids opened this session (and the last one before), newest
    /// first: the palette offers them.
    pub recent: Vec<String>,
    /// The user's extra key bindings (config `[keys]`).
    pub keymap: super::keymap::Keymap,
    /// Other profiles' sessions, by profile name.
    pub parked: HashMap<String, Session>,
    /// A token of the user's is known (the demo's sandbox needs none).
    pub user_token: bool,
    /// The mouse is captured (clicks and the wheel work); off, the
    /// terminal's own text selection works.
    pub mouse: bool,
    /// The detail pane shows an account created just now.
    pub detail_created: bool,
    pub has_token: bool,
    pub status: Option<Status>,
    /// The last message the status line showed, after it ended there:
    /// `!` still shows it whole.
    pub said: Option<Status>,
    pub spinner: usize,
    /// The API's budget as the header shows it.
    pub budget: super::budget::BudgetView,
    /// Reads in flight and the screen each was asked for (`tui::reads`).
    pub reads: Vec<(ReqId, u64)>,
    pub next_req: ReqId,
    /// The last generation given to an index filler (see `tui::find`).
    pub index_generation: u64,
    pub quit: bool,
    /// Drafts found on disk, offered when a form for their workspace opens.
    pub saved_drafts: HashMap<String, super::drafts::Draft>,
}

impl App {
    pub fn new(ctx: Context, size: (u16, u16), has_token: bool) -> App {
        App {
            ctx,
            size,
            session: Session::new(),
            editing: false,
            delete: super::write::Phase::Idle,
            delete_of: None,
            pending_write: None,
            ledger: Vec::new(),
            ledger_sel: Selection::default(),
            api_log: Vec::new(),
            log_sel: Selection::default(),
            recent: Vec::new(),
            mouse: false,
            keymap: super::keymap::Keymap::default(),
            parked: HashMap::new(),
            user_token: has_token,
            detail_created: false,
            boxes: super::boxes::Boxes::with_token_prompt(!has_token),
            has_token,
            status: None,
            said: None,
            spinner: 0,
            budget: Default::default(),
            reads: Vec::new(),
            next_req: 1,
            index_generation: 0,
            quit: false,
            saved_drafts: HashMap::new(),
        }
    }

    /// The screen on top of the stack: the one drawn and given the keys.
    pub fn screen(&self) -> Screen {
        self.session.screens.top()
    }

    pub fn req(&mut self) -> ReqId {
        let r = self.next_req;
        self.next_req += 1;
        r
    }

    /// Something is in flight: the spinner animates (and only then does the
    /// run loop tick).
    pub fn busy(&self) -> bool {
        self.session.loads().any(Load::is_loading)
            || self.delete.busy()
            || self.pending_write.as_ref().is_some_and(|w| w.phase.busy())
            || self
                .session
                .billing
                .values()
                .any(|b| b.invoices.paging.is_some())
            || self
                .session
                .edit
                .as_ref()
                .is_some_and(|f| f.phase.sending())
            || self.session.forms.values().any(|f| f.phase.busy())
            || self.boxes.save_box().is_some_and(|b| b.saving.is_some())
    }

    /// A 429 countdown is running (the run loop ticks once a second).
    pub fn counting_down(&self) -> bool {
        self.session.forms.values().any(|f| f.retry_in.is_some())
            || self.budget.counting(std::time::Instant::now())
    }

    /// The form on screen, if the Form screen is showing.
    pub fn form(&self) -> Option<&FormState> {
        if self.editing {
            return self.session.edit.as_ref();
        }
        let ws = self.session.current.as_ref()?;
        self.session.forms.get(&ws.id)
    }

    pub fn form_mut(&mut self) -> Option<&mut FormState> {
        if self.editing {
            return self.session.edit.as_mut();
        }
        let ws = self.session.current.as_ref()?.id.clone();
        self.session.forms.get_mut(&ws)
    }

    pub fn selected_workspace(&self) -> Option<&Workspace> {
        self.session
            .workspaces
            .sel
            .current()
            .and_then(|i| self.session.workspaces.items.get(i))
    }

    pub fn selected_account(&self) -> Option<&BillingAccount> {
        let ws = self.session.current.as_ref()?;
        let view = self.session.accounts.get(&ws.id)?;
        self.session
            .account_sel
            .current()
            .and_then(|i| view.items.get(i))
    }

    /// The billing of the account the billing screens are about (the one
    /// on the detail pane).
    pub fn billing(&self) -> Option<&super::billing::AccountBilling> {
        let id = &self.session.detail.as_ref()?.id;
        self.session.billing.get(id)
    }

    pub fn billing_mut(&mut self) -> Option<&mut super::billing::AccountBilling> {
        let id = self.session.detail.as_ref()?.id.clone();
        Some(self.session.billing.entry(id).or_default())
    }

    /// A `single` workspace that already holds its account: a new one
    /// would be refused, and the user should know before typing.
    pub fn workspace_full(&self, ws: &Workspace) -> Option<String> {
        let limit = ws.billing_mode.as_ref()?.account_limit()?;
        let view = self.session.accounts.get(&ws.id)?;
        if view.load != Load::Loaded || view.items.len() < limit {
            return None;
        }
        let held = format!(
            "{}{}",
            view.items.len(),
            if view.has_more { "+" } else { "" }
        );
        let mode = ws.billing_mode.as_ref().map(|m| m.as_str()).unwrap_or("?");
        Some(if limit == 1 {
            "Full: single mode allows 1 account and it has one. A create gets 409.".to_string()
        } else {
            format!("Full: {mode} mode allows {limit} accounts, it has {held}. A create gets 409.")
        })
    }
}
