//! `Msg`: every state change. `Cmd`: every side effect.
//!
//! Screens turn keys into `Msg`s; `update` applies them and may return
//! `Cmd`s; `effects` runs those on tokio and sends the results back as
//! `Msg`s carrying the `ReqId` they answer, so a stale answer is recognised.

use super::drafts::Draft;
use crate::api::ApiError;
use crate::api::Token;
use crate::api::model::{
    BillingAccount, BillingAccountList, NewBillingAccount, UpdateBillingAccount, Workspace,
    WorkspaceList,
};
use tui_input::InputRequest;

/// Identifies one request; answers to anything but the latest are ignored.
pub type ReqId = u64;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
}

#[derive(Debug)]
pub enum Msg {
    // Terminal and global.
    Resize(u16, u16),
    Paste(String),
    /// Animation frame while something is loading (no timer otherwise).
    Tick,
    Quit,
    ToggleHelp,
    /// `i`: the session overlay (API, profile, token source, paths).
    ToggleInfo,
    /// `Esc`: close the innermost thing, or go back a screen.
    Back,
    Reload,
    OpenSelected,
    NewAccount,
    Move(Move),

    // Workspaces list: `/` filter and `g` go-to-id prompt.
    FilterStart,
    FilterEdit(InputRequest),
    FilterDone,
    GotoStart,
    GotoEdit(InputRequest),
    GotoSubmit,

    // The form.
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
    /// A key a dialog does not take: the status line says what it expects.
    Expects(&'static str),
    /// Scroll the box on top (error, help) by this many rows (`i16::MIN`: to the top).
    ScrollBox(i16),
    /// `!`: the last status message in full, in a box.
    ShowStatus,
    DismissError,
    /// A draft reached the disk, or could not (the message says why).
    DraftWritten {
        workspace_id: String,
        result: Result<(), String>,
    },
    /// A file alto keeps (state) could not be read or written: said at once.
    FileProblem(String),
    /// Once a second while a 429 countdown runs.
    Second,

    // The `:` command palette.
    /// Opens the palette with this text typed (`P`: "profile ").
    PaletteOpen(String),
    PaletteEdit(InputRequest),
    PaletteMove(Move),
    PaletteRun,
    /// Switch to the named profile (its API, colour and confirm_writes).
    SwitchProfile(String),
    /// A click on a list row (a position in the visible rows).
    ClickRow(usize),
    /// A click on a form field (a focus position).
    ClickField(usize),
    /// A click on an option of the open dropdown.
    ClickOption(usize),
    /// `m`: capture or release the mouse.
    ToggleMouse,

    /// `l`: the API log; `L`: the accounts created this session.
    ShowApiLog,
    ShowLedger,
    /// `v`: the details of the selected (or open) workspace.
    ShowDetails,
    /// `N`: a new account in the same workspace, prefilled from this one.
    DuplicateAsNew,
    /// `Y` on the API log: every entry.
    CopyAll,
    ApiLogged(crate::api::ApiLogEntry),

    // Edit and delete from the detail pane.
    EditAccount,
    DeleteAccount,
    // The confirm box over a write.
    ConfirmEdit(InputRequest),
    /// Tab/←/→: between Cancel and the proceed button.
    ConfirmToggle,
    /// Enter: the focused button.
    ConfirmAccept,
    ConfirmCancel,

    // Copying.
    CopyId,
    CopyJson,
    CopyError,

    // The token prompt.
    TokenEdit(InputRequest),
    TokenSubmit,

    // Results of effects.
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
    AccountCreated {
        req: ReqId,
        workspace_id: String,
        /// When the request left (for finding it after an unclear answer).
        sent_at: jiff::Timestamp,
        result: Result<BillingAccount, ApiError>,
    },
    /// The lookup after an unclear answer: the account, if one matches.
    AccountFound {
        req: ReqId,
        workspace_id: String,
        result: Result<Option<BillingAccount>, ApiError>,
    },
    AccountUpdated {
        req: ReqId,
        result: Result<BillingAccount, ApiError>,
    },
    AccountDeleted {
        req: ReqId,
        workspace_id: String,
        account_id: String,
        result: Result<(), ApiError>,
    },
    /// The account as the server holds it now (`None`: gone), looked up
    /// after an unclear answer to an update or a delete.
    AccountChecked {
        req: ReqId,
        workspace_id: String,
        account_id: String,
        result: Result<Option<BillingAccount>, ApiError>,
    },
    Copied(Result<String, String>),
    /// The system's time zone, found after start-up.
    LocalTimeZone(jiff::tz::TimeZone),
}

#[derive(Debug, PartialEq)]
pub enum Cmd {
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
    /// Writes `draft` (marked as sent) first, then sends the create once
    /// with `idempotency_key`.
    CreateAccount {
        req: ReqId,
        workspace_id: String,
        body: Box<NewBillingAccount>,
        idempotency_key: String,
        draft: Box<Draft>,
    },
    /// PATCH with only the changed fields.
    UpdateAccount {
        req: ReqId,
        workspace_id: String,
        account_id: String,
        body: Box<UpdateBillingAccount>,
    },
    DeleteAccount {
        req: ReqId,
        workspace_id: String,
        account_id: String,
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
    },
    /// Capture (true) or release the mouse.
    SetMouse(bool),
    RememberWorkspace(String),
}
