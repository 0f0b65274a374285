//! `Msg`: every state change. `Cmd`: every side effect.
//!
//! Screens turn keys into `Msg`s; `update` applies them and may return
//! `Cmd`s; `effects` runs those on tokio and sends the results back as
//! `Msg`s carrying the `ReqId` they answer, so a stale answer is recognised.

use super::drafts::Draft;
use crate::api::ApiError;
use crate::api::Token;
use crate::api::model::{BillingAccount, BillingAccountList, Workspace, WorkspaceList};
use tui_input::InputRequest;

/// Identifies one request; answers to anything but the latest are ignored.
pub type ReqId = u64;

pub use super::find::{FindMsg, IndexCmd};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
}

// The API answers carry whole lists inline, as the flat enum did; a Msg
// lives only from the channel to update, so its size costs nothing.
#[allow(clippy::large_enum_variant)]
/// Every state change: what concerns the whole console at the top, the
/// rest grouped by feature, so a feature's handler takes its own enum.
#[derive(Debug)]
pub enum Msg {
    Resize(u16, u16),
    Paste(String),
    /// Animation frame while something is loading (no timer otherwise).
    Tick,
    Quit,
    /// `Esc`: close the innermost thing, or go back a screen.
    Back,
    /// A key a dialog does not take: the status line says what it expects.
    Expects(&'static str),
    /// A file alto keeps (state) could not be read or written: said at once.
    FileProblem(String),
    /// Once a second while a 429 countdown runs.
    Second,
    /// `m`: capture or release the mouse.
    ToggleMouse,
    /// A request went out and came back (or did not): the API log's entry.
    ApiLogged(crate::api::ApiLogEntry),
    /// The scheduler's word on the budget (a wait, what is left, a note).
    Pacing(crate::api::scheduler::Pacing),
    /// The system's time zone, found after start-up.
    LocalTimeZone(jiff::tz::TimeZone),
    /// The XDG download directory (if the user has one), found after
    /// start-up: where reports are saved by default.
    Downloads(Option<std::path::PathBuf>),
    /// Moving between screens and in lists.
    Nav(NavMsg),
    /// The create and edit form: fields, dropdowns, sending, drafts.
    Form(FormMsg),
    /// The `:` command palette and profiles.
    Palette(PaletteMsg),
    /// Edit and delete, and the confirm box over every write.
    Write(WriteMsg),
    /// The error and message boxes, and the token prompt.
    Boxes(BoxMsg),
    /// Copying, and what came of it.
    Copy(CopyMsg),
    /// Answers from the API, each carrying the `ReqId` it answers.
    Api(ApiMsg),
    /// An account's subscriptions, payment methods and invoices.
    Billing(BillingMsg),
    /// The answer to a write sent by `Cmd::SendWrite`.
    Written {
        req: ReqId,
        /// When it left (a lookup of a lost create looks from then on).
        sent_at: jiff::Timestamp,
        result: Result<Written, ApiError>,
    },
    /// A workspace's members: adding, re-roling, removing.
    Member(MemberMsg),
    /// A workspace's organizations: the tree, its detail, the report.
    Org(OrgMsg),
    /// The index and the find screen.
    Find(FindMsg),
    /// The import screen.
    Import(super::import::ImportMsg),
    /// The answer to a declared read (`Cmd::Load`), kept in the store.
    Loaded {
        read: &'static super::store::Read,
        scope: String,
        req: ReqId,
        answer: super::store::Answer,
    },
}

/// The organization tree's keys, the report's box, and the answers.
#[derive(Debug)]
pub enum OrgMsg {
    /// `O` (or `:orgs`): the open (or selected) workspace's organizations.
    Open,
    /// `→`/`l`, `←`/`h`, Space on the tree.
    Expand,
    Collapse,
    Toggle,
    /// `+` every level open; `-` only the top.
    ExpandAll(bool),
    FilterStart,
    FilterEdit(InputRequest),
    FilterDone,
    /// Enter: the selected organization's detail (and its capacity).
    Show,
    /// `p`: asks where to save the usage report.
    SaveReport,
    /// `n` a new top-level organization, `c` a child of the selected
    /// one, `e` a change to it, `d` deleting it.
    New,
    NewChild,
    Edit,
    Delete,
    /// The organization box's keys.
    Box(OrgBoxKey),
    PathEdit(InputRequest),
    PathSubmit,
    Loaded {
        req: ReqId,
        workspace_id: String,
        result: Result<crate::api::model::OrganizationList, ApiError>,
    },
    /// The report was saved (where, how many bytes), or why not.
    Saved {
        req: ReqId,
        result: Result<(String, usize), SaveProblem>,
    },
}

/// Why a report was not saved.
#[derive(Debug)]
pub struct SaveProblem {
    /// The file is there (and nothing was downloaded): Enter again
    /// replaces it.
    pub exists: bool,
    pub message: String,
}

/// A key in the organization box.
#[derive(Debug)]
pub enum OrgBoxKey {
    Edit(InputRequest),
    /// Tab / Shift-Tab (and ↓/↑).
    Focus(bool),
    /// ←/→ on the billing account.
    Turn(bool),
    Submit,
}

/// The organization requests.
#[derive(Debug, PartialEq)]
pub enum OrgCmd {
    Load {
        req: ReqId,
        workspace_id: String,
    },
    /// Downloads the report and saves it at `path` (over an existing file
    /// only when `replace`).
    SaveReport {
        req: ReqId,
        workspace_id: String,
        path: std::path::PathBuf,
        replace: bool,
    },
}

/// The member writes and the member box's keys.
#[derive(Debug)]
pub enum MemberMsg {
    /// `a`: the box to add someone.
    Add,
    /// `R`: the box to change the selected member's role.
    ChangeRole,
    /// `d`: remove the selected member (asks, Cancel focused).
    Remove,
    Edit(InputRequest),
    /// Tab: between the user id and the role.
    Focus,
    /// ←/→ (or Space): the next or previous role.
    CycleRole(bool),
    Submit,
}

/// An account's subscriptions, payment methods and invoices: moving
/// between them, their writes, and the API's answers.
// As Msg: answers carry their lists inline, for the trip to update.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum BillingMsg {
    /// `s`, `p`, `I`: that tab of the account selected or shown.
    Open(super::billing::Tab),
    /// Tab / Shift-Tab on a billing list.
    NextTab(bool),
    Pause,
    Resume,
    /// `c`: cancel at period end (asks first, Cancel focused).
    Cancel,
    /// `e`: change quantities (preview first, then ask).
    EditQuantities,
    /// `D`: make the selected payment method the default.
    MakeDefault,
    /// `d`: detach it (asks first, Cancel focused).
    Detach,
    /// `a`: add a card (in the dashboard: a terminal cannot take one).
    AddCard,
    /// `o`: the invoice's hosted page in the browser.
    OpenHosted,
    QtyEdit(InputRequest),
    /// Tab / Shift-Tab in the quantity box.
    QtyFocus(bool),
    /// Enter in the quantity box: preview, then apply.
    QtySubmit,
    SubscriptionsLoaded {
        req: ReqId,
        account_id: String,
        result: Result<crate::api::model::SubscriptionList, ApiError>,
    },
    PaymentMethodsLoaded {
        req: ReqId,
        account_id: String,
        result: Result<crate::api::model::PaymentMethodList, ApiError>,
    },
    InvoicesLoaded {
        req: ReqId,
        account_id: String,
        result: Result<crate::api::model::InvoicePage, ApiError>,
    },
    Previewed {
        req: ReqId,
        result: Result<crate::api::model::Invoice, ApiError>,
    },
    SetupIntent {
        req: ReqId,
        result: Result<crate::api::model::SetupIntent, ApiError>,
    },
    /// The browser was asked to open a page (or could not be).
    Opened(Result<String, String>),
}

/// What a write answered.
#[derive(Debug)]
pub enum Written {
    /// The answer was lost and the client's lookup found it done: what
    /// it found.
    LookedUp(Box<Written>),
    Subscription(Box<crate::api::model::Subscription>),
    Cancelled,
    DefaultSet,
    Detached,
    Member(Box<crate::api::model::Member>),
    Removed,
    Workspace(Box<crate::api::model::Workspace>),
    Archived,
    Org(Box<crate::api::model::Organization>),
    OrgDeleted,
    /// A billing account created or saved.
    Account(Box<BillingAccount>),
    /// This billing account is gone.
    AccountDeleted(At),
}

/// Which account a billing request is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct At {
    pub workspace_id: String,
    pub account_id: String,
}

/// The billing requests.
#[derive(Debug, PartialEq)]
pub enum BillingCmd {
    LoadSubscriptions {
        req: ReqId,
        at: At,
    },
    LoadPaymentMethods {
        req: ReqId,
        at: At,
    },
    /// One page of invoices (`after` the given one, or the first).
    LoadInvoices {
        req: ReqId,
        at: At,
        after: Option<String>,
    },
    Preview {
        req: ReqId,
        at: At,
        body: crate::api::model::PreviewRequest,
        idempotency_key: String,
    },
    SetupIntent {
        req: ReqId,
        at: At,
        idempotency_key: String,
    },
    /// Hands a page to the browser (never with the token).
    OpenUrl(String),
}

/// Moving between screens and in lists.
#[derive(Debug)]
pub enum NavMsg {
    /// Opens a resource's read-only pane over the screen on top.
    OpenPane(&'static super::screens::pane::Pane),
    ToggleHelp,
    /// `i`: the session overlay (API, profile, token source, paths).
    ToggleInfo,
    Reload,
    OpenSelected,
    NewAccount,
    Move(Move),
    FilterStart,
    FilterEdit(InputRequest),
    FilterDone,
    GotoStart,
    GotoEdit(InputRequest),
    GotoSubmit,
    /// A click on a list row (a position in the visible rows).
    ClickRow(usize),
    /// `l`: the API log; `L`: the accounts created this session.
    ShowApiLog,
    ShowLedger,
    /// `v`: the details of the selected (or open) workspace.
    ShowDetails,
    /// `N`: a new account in the same workspace, prefilled from this one.
    DuplicateAsNew,
    /// `M`: the open (or selected) workspace's members.
    ShowMembers,
    /// `N`: a new workspace; `e` on the list or details: rename/describe.
    NewWorkspace,
    EditWorkspace,
    /// `A`: archive the selected (or shown) workspace: its name typed.
    ArchiveWorkspace,
    /// The workspace box's keys.
    WorkspaceBox(WorkspaceBoxKey),
}

/// The create and edit form: fields, dropdowns, sending, drafts.
#[derive(Debug)]
pub enum FormMsg {
    FocusNext,
    FocusPrev,
    Edit(InputRequest),
    /// Backspace on a picker field: back to "not chosen".
    ClearChoice,
    OpenPicker,
    /// Opens the picker with a first character of filter typed.
    OpenPickerWith(char),
    PickerEdit(InputRequest),
    PickerChoose,
    Submit,
    /// `y` on "send again?" after an unknown outcome.
    ConfirmResend,
    CancelResend,
    /// Answers to "restore the saved draft?".
    RestoreDraft,
    /// `d` on the offer: ask "discard for good?".
    AskDiscardDraft,
    /// `y` on that question.
    DiscardDraft,
    /// `n`/Esc on that question: back to the offer.
    KeepDraft,
    /// Ctrl+D on the form: ask "discard what you typed?".
    AskDiscardForm,
    /// `y` on that question.
    DiscardForm,
    /// `n`/Esc on that question.
    KeepForm,
    /// Answers to "an account like it exists": open it, create anyway,
    /// or back to the form.
    OpenExisting,
    CreateAnyway,
    KeepEditing,
    /// A click on a form field (a focus position).
    ClickField(usize),
    /// A click on an option of the open dropdown.
    ClickOption(usize),
    /// A draft reached the disk, or could not (the message says why).
    DraftWritten {
        workspace_id: String,
        result: Result<(), String>,
    },
}

/// The `:` command palette and profiles.
#[derive(Debug)]
pub enum PaletteMsg {
    /// Opens the palette with this text typed (`P`: "profile ").
    PaletteOpen(String),
    PaletteEdit(InputRequest),
    PaletteMove(Move),
    PaletteRun,
    /// Switch to the named profile (its API, colour and confirm_writes).
    SwitchProfile(String),
}

/// Edit and delete, and the confirm box over every write.
#[derive(Debug)]
pub enum WriteMsg {
    EditAccount,
    DeleteAccount,
    ConfirmEdit(InputRequest),
    /// Tab/←/→: between Cancel and the proceed button.
    ConfirmToggle,
    /// Enter: the focused button.
    ConfirmAccept,
    ConfirmCancel,
}

/// The error and message boxes, and the token prompt.
#[derive(Debug)]
pub enum BoxMsg {
    /// Scroll the box on top (error, help) by this many rows (`i16::MIN`: to the top).
    ScrollBox(i16),
    /// `!`: the last status message in full, in a box.
    ShowStatus,
    DismissError,
    TokenEdit(InputRequest),
    TokenSubmit,
}

/// Copying, and what came of it.
#[derive(Debug)]
pub enum CopyMsg {
    CopyId,
    CopyJson,
    /// `Y` on the API log: every entry.
    CopyAll,
    CopyError,
    Copied(Result<String, String>),
}

/// A key in the workspace box (new, or rename/describe).
#[derive(Debug)]
pub enum WorkspaceBoxKey {
    Edit(InputRequest),
    /// Tab (true) / Shift-Tab: the next or previous field.
    Focus(bool),
    /// ←/→ on the billing mode.
    Mode(bool),
    Submit,
}

/// Answers from the API, each carrying the `ReqId` it answers.
#[derive(Debug)]
pub enum ApiMsg {
    WorkspacesLoaded {
        req: ReqId,
        result: Result<WorkspaceList, ApiError>,
    },
    WorkspaceLoaded {
        req: ReqId,
        result: Result<Workspace, ApiError>,
    },
    AccountsLoaded {
        req: ReqId,
        workspace_id: String,
        result: Result<BillingAccountList, ApiError>,
    },
    MembersLoaded {
        req: ReqId,
        workspace_id: String,
        result: Result<crate::api::model::MemberList, ApiError>,
    },
    /// The lookup after an unclear answer: the account, if one matches.
    AccountFound {
        req: ReqId,
        workspace_id: String,
        result: Result<Option<BillingAccount>, ApiError>,
    },
    /// The account as the server holds it now (`None`: gone), looked up
    /// after an unclear answer to an update or a delete.
    AccountChecked {
        req: ReqId,
        workspace_id: String,
        account_id: String,
        result: Result<Option<BillingAccount>, ApiError>,
    },
}

#[derive(Debug, PartialEq)]
pub enum Cmd {
    /// A declared read (a resource's), for a scope: answered by
    /// `Msg::Loaded`, kept in the session's store.
    Load {
        read: &'static super::store::Read,
        scope: String,
        req: ReqId,
    },
    Index(IndexCmd),
    Import(super::import::ImportCmd),
    LoadWorkspaces {
        req: ReqId,
    },
    LoadWorkspace {
        req: ReqId,
        id: String,
    },
    LoadAccounts {
        req: ReqId,
        workspace_id: String,
    },
    LoadMembers {
        req: ReqId,
        workspace_id: String,
    },
    /// Gets one account (404 meaning gone), after an unclear answer to an
    /// update or a delete.
    CheckAccount {
        req: ReqId,
        workspace_id: String,
        account_id: String,
    },
    /// Looks for an account with this name and email created since `since`.
    FindAccount {
        req: ReqId,
        workspace_id: String,
        name: String,
        email: String,
        since: jiff::Timestamp,
    },
    /// Saves the draft within a second (debounced), or at once.
    SaveDraft {
        draft: Box<Draft>,
        now: bool,
    },
    /// Deletes the draft with this key ([`crate::tui::drafts::key`]).
    DeleteDraft(String),
    /// `what` names the thing copied for the confirmation message.
    Copy {
        what: &'static str,
        text: String,
    },
    UseToken(Token),
    /// Talk to another API from now on (a profile switch). The demo's
    /// sandbox uses its own token; any other uses the user's.
    SwitchApi {
        api_url: String,
        demo: bool,
        /// The profile's name (the journal records writes by it).
        profile: String,
    },
    /// Capture (true) or release the mouse.
    SetMouse(bool),
    /// Reads whose screen was closed: dropped if not sent yet (`tui::reads`).
    DropReads(Vec<ReqId>),
    RememberWorkspace(String),
    /// Every write, sent once; answered `Written`.
    SendWrite {
        req: ReqId,
        at: At,
        op: super::ops::WriteOp,
        /// Made in `update`: the key of this write, whenever it is sent.
        key: String,
        /// Its target before, as the screen held it (for the journal).
        before: Option<serde_json::Value>,
        /// Sent even while the API asked to wait (a 429's countdown): the
        /// user asked twice.
        despite_pause: bool,
    },
    Billing(BillingCmd),
    Org(OrgCmd),
}
