//! The key contract: the footer and the `?` overlay are both drawn from
//! these rows, so what is shown is what works. A resource's screens make
//! theirs from its declared actions (resources::help) followed by the
//! global rows here; the form, the ledger, the API log and the boxes have
//! tables of their own.

#[derive(Clone, Copy, Debug)]
pub struct KeyHelp {
    pub keys: &'static str,
    pub what: &'static str,
    /// The footer's short label; `None` keeps the key out of the footer
    /// (the `?` overlay shows every key).
    pub footer: Option<&'static str>,
}

const fn k(keys: &'static str, what: &'static str, footer: Option<&'static str>) -> KeyHelp {
    KeyHelp { keys, what, footer }
}

/// The keys every screen of the root list adds after its own.
pub const ROOT_GLOBALS: &[KeyHelp] = &[
    k("?", "help", Some("help")),
    k("i", "session: API, token source (masked), paths", None),
    k("l", "API log: every request this session", None),
    k("L", "accounts created this session", None),
    k("F", "find any account or workspace", None),
    k("U", "import accounts from a CSV file into it", None),
    k(
        ":",
        "command palette: actions, profiles, recent ids",
        Some("cmd"),
    ),
    k("P", "switch profile", None),
    k("m", "mouse off (select text) / on", None),
    k("!", "the last message in full", None),
    k("q", "quit", Some("quit")),
    k("Ctrl+C", "quit from anywhere", None),
];

/// The same for the screens below it (the footer has less room for them).
pub const GLOBALS: &[KeyHelp] = &[
    k("?", "help", Some("help")),
    k("i", "session: API, token source (masked), paths", None),
    k("l", "API log: every request this session", None),
    k("L", "accounts created this session", None),
    k("F", "find any account or workspace", None),
    k(":", "command palette", None),
    k("P", "switch profile", None),
    k("m", "mouse off (select text) / on", None),
    k("!", "the last message in full", None),
    k("q", "quit", None),
];

/// The keys that work on every screen while nothing is being typed (and
/// F1, Ctrl+O and Ctrl+C even then): `?` help lists them on every screen
/// after the screen's own, so what is listed is what `screens::handle_key`
/// takes.
pub const EVERYWHERE: &[KeyHelp] = &[
    k("?", "help", None),
    k("F1", "help, also while typing", None),
    k("i", "session: API, token source (masked), paths", None),
    k("l", "API log: every request this session", None),
    k("L", "accounts created this session", None),
    k("F", "find any account or workspace", None),
    k("g", "go to a workspace by id or exact name", None),
    k(":", "command palette: actions, profiles, recent ids", None),
    k("P", "switch profile", None),
    k("m", "mouse off (select text) / on", None),
    k("!", "the last message in full", None),
    k(
        "Ctrl+O",
        "the last message in full, also while typing",
        None,
    ),
    k("q", "quit", None),
    k("Ctrl+C", "quit from anywhere", None),
];

/// Of [`EVERYWHERE`], what works while a field has the keyboard.
const WHILE_TYPING: [&str; 3] = ["F1", "Ctrl+O", "Ctrl+C"];

/// The `?` overlay's second part: the keys that work everywhere that the
/// screen's own rows do not already list (on the organization tree `l`
/// expands: the API log is `:log` there).
pub fn everywhere(app: &super::app::App, own: &[KeyHelp]) -> Vec<KeyHelp> {
    let typing = super::layers::screen_typing(app);
    let tree = app.screen() == super::app::Screen::Orgs;
    EVERYWHERE
        .iter()
        .filter(|g| !typing || WHILE_TYPING.contains(&g.keys))
        .filter(|g| !(tree && g.keys == "l"))
        .filter(|g| !own.iter().any(|o| o.keys == g.keys))
        .copied()
        .collect()
}

/// After a detail pane's own keys.
pub const DETAIL_GLOBALS: &[KeyHelp] =
    &[k("?", "help", Some("help")), k("q", "quit", Some("quit"))];

pub const FORM: &[KeyHelp] = &[
    k(
        "Tab/↓/Enter",
        "next field; Enter also after choosing in a list",
        Some("next"),
    ),
    k("Ctrl+S", "create (from any field)", Some("create")),
    k(
        "Esc",
        "close the list, or leave (the form is kept)",
        Some("back"),
    ),
    k("F1", "help (? types a ?)", Some("help")),
    k(
        "Ctrl+D",
        "discard what is typed, and its draft (asks first)",
        Some("discard"),
    ),
    k("Shift+Tab/↑", "previous field", Some("prev")),
    k(
        "Enter/Space",
        "open the list (currency, country)",
        Some("pick"),
    ),
    k(
        "type",
        "filter an open list; Enter chooses and moves on",
        None,
    ),
    k("Backspace", "on currency/country: back to not chosen", None),
    k("Ctrl+A/E, Ctrl+W/U/K", "readline editing", None),
    k("Ctrl+O", "the last message in full", None),
    k("?", "help (on the Create button)", None),
    k("Ctrl+C", "quit", None),
];

pub const FIND: &[KeyHelp] = &[
    k(
        "type",
        "email, name (fuzzy), cus_ id, phone, postal code, workspace",
        None,
    ),
    k("↑↓ PgUp/PgDn", "move", Some("move")),
    k(
        "Enter",
        "open the account in its workspace (or the workspace)",
        Some("open"),
    ),
    k("Ctrl+U", "clear the query", None),
    k("Esc", "back", Some("back")),
    k("Ctrl+C", "quit", None),
];

pub const LEDGER: &[KeyHelp] = &[
    k("↑↓ j/k", "move", Some("move")),
    k("Enter", "open the account", Some("open")),
    k(
        "N",
        "duplicate as new: the form, prefilled",
        Some("duplicate"),
    ),
    k("y", "copy the id", Some("copy id")),
    k("l", "API log", None),
    k("Esc", "back", Some("back")),
    k("?", "help", Some("help")),
    k("q", "quit", None),
];

pub const API_LOG: &[KeyHelp] = &[
    k("↑↓ j/k", "move", Some("move")),
    k("PgUp/PgDn Home/End", "jump", None),
    k("y", "copy the entry", Some("copy")),
    k("Y", "copy the whole log", Some("copy all")),
    k("L", "accounts created this session", None),
    k("Esc", "back", Some("back")),
    k("?", "help", Some("help")),
    k("q", "quit", None),
];

pub const EDIT_FORM: &[KeyHelp] = &[
    k(
        "Tab/↓/Enter",
        "next field; Enter also after choosing in a list",
        Some("next"),
    ),
    k(
        "Ctrl+S",
        "save the changed fields (from any field)",
        Some("save"),
    ),
    k(
        "Esc",
        "close the list, or leave (edits are kept)",
        Some("back"),
    ),
    k("F1", "help (? types a ?)", Some("help")),
    k(
        "Ctrl+D",
        "discard the changes: back to the account as saved (asks first)",
        Some("discard"),
    ),
    k("Shift+Tab/↑", "previous field", Some("prev")),
    k("Enter/Space", "open the country list", Some("pick")),
    k(
        "type",
        "filter an open list; Enter chooses and moves on",
        None,
    ),
    k("Ctrl+A/E, Ctrl+W/U/K", "readline editing", None),
    k("Ctrl+O", "the last message in full", None),
    k("?", "help (on the Save button)", None),
    k("Ctrl+C", "quit", None),
];

pub const CONFIRM: &[KeyHelp] = &[
    k("Tab", "switch between Cancel and go", Some("switch")),
    k("Enter", "the focused button", Some("choose")),
    k("Esc", "cancel", Some("cancel")),
];

pub const ERROR_POPUP: &[KeyHelp] = &[
    k("y", "copy the error", Some("copy")),
    k("↑↓ PgUp/PgDn", "scroll a long message", Some("scroll")),
    k("Enter/Esc", "close (a form is kept)", Some("close")),
];

/// The keys of what is on screen.
pub fn for_app(app: &super::app::App) -> Vec<KeyHelp> {
    (super::screens::spec(app.screen()).keys)(app)
}
