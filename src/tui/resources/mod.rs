//! Resources as declarations (k9s's way): a resource says which columns its
//! list has, which fields its detail shows, which actions its keys run and
//! which requests list it and get one item. The list table, the detail
//! pane, the keys of both screens and their help and footer rows are drawn
//! from the declaration here, once, so a new read-only resource is one
//! declaration file plus its screen's line in `screens::spec`.

pub mod accounts;
pub mod invoices;
pub mod members;
pub mod orgs;
pub mod payment_methods;
pub mod subscriptions;
pub mod workspaces;

use super::app::{App, Load};
use super::keymap::{Key, KeyAction};
use super::keys::KeyHelp;
use super::list::Selection;
use super::msg::{Cmd, Move, Msg};
use super::theme::Theme;
use super::view::safe;
use crate::tui::msg::NavMsg;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row, Table};

/// One column of a list. `text` is raw (server) text: the table makes it
/// inert and bounded, so a declaration cannot forget to.
pub struct Column<T> {
    pub title: &'static str,
    pub width: Constraint,
    pub text: fn(&App, &T) -> String,
    /// A style for this cell alone (a failed status in red); the word in
    /// `text` always says the same, so colour is never the only sign.
    pub style: fn(&Theme, &T) -> Option<Style>,
}

/// A column with plain styling.
pub const fn column<T>(
    title: &'static str,
    width: Constraint,
    text: fn(&App, &T) -> String,
) -> Column<T> {
    Column {
        title,
        width,
        text,
        style: |_, _| None,
    }
}

/// One row of a detail pane.
pub enum Field<T> {
    /// A label and its raw value; `None` is drawn as "—".
    Value(&'static str, fn(&App, &T) -> Option<String>),
    /// A heading over the rows that follow (the account's address).
    Section(&'static str),
    /// Several rows at once, labelled at run time (the form's fields, in
    /// the order the form has them).
    Rows(fn(&App, &T) -> Vec<Labelled>),
}

/// A row of a detail pane: its label, and its value if it has one.
pub type Labelled = (String, Option<String>);

/// The key an action runs on: a key action (its default key, or the one
/// the user bound to it in `[keys]`), or a key of the screen's own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum On {
    Act(KeyAction),
    Key(KeyCode),
}

/// A key that runs something on a list or detail screen. The same entry
/// is the key, its `?` help row and its footer label.
#[derive(Clone, Copy)]
pub struct Action {
    pub key: On,
    /// How the key is written in the help and footer.
    pub keys: &'static str,
    pub what: &'static str,
    pub footer: Option<&'static str>,
    pub msg: fn() -> Msg,
}

pub const fn action(
    key: On,
    keys: &'static str,
    what: &'static str,
    footer: Option<&'static str>,
    msg: fn() -> Msg,
) -> Action {
    Action {
        key,
        keys,
        what,
        footer,
        msg,
    }
}

/// The actions every resource has, written once.
pub mod common {
    use super::{Action, On, action};
    use crate::tui::keymap::KeyAction;
    use crate::tui::msg::{CopyMsg, Msg, NavMsg};
    use ratatui::crossterm::event::KeyCode;

    /// `y` on a list: the selected item's id (`what` says whose).
    pub const fn copy_selected_id(what: &'static str) -> Action {
        action(On::Act(KeyAction::CopyId), "y", what, None, || {
            Msg::Copy(CopyMsg::CopyId)
        })
    }
    /// `Y` on a list: the selected item as JSON.
    pub const fn copy_selected_json(what: &'static str) -> Action {
        action(On::Act(KeyAction::CopyJson), "Y", what, None, || {
            Msg::Copy(CopyMsg::CopyJson)
        })
    }
    /// `y` on a detail pane.
    pub const COPY_ID: Action = action(
        On::Act(KeyAction::CopyId),
        "y",
        "copy the id",
        Some("copy id"),
        || Msg::Copy(CopyMsg::CopyId),
    );
    /// `Y` on a detail pane.
    pub const COPY_JSON: Action = action(
        On::Act(KeyAction::CopyJson),
        "Y",
        "copy the JSON",
        Some("copy JSON"),
        || Msg::Copy(CopyMsg::CopyJson),
    );
    pub const RELOAD: Action = action(
        On::Act(KeyAction::Reload),
        "r",
        "reload",
        Some("reload"),
        || Msg::Nav(NavMsg::Reload),
    );
    pub const BACK: Action = action(
        On::Act(KeyAction::Back),
        "Esc",
        "back",
        Some("back"),
        || Msg::Back,
    );
    /// `M`: the workspace's members.
    pub const MEMBERS: Action = action(
        On::Key(KeyCode::Char('M')),
        "M",
        "the workspace's members and their roles",
        None,
        || Msg::Nav(NavMsg::ShowMembers),
    );
    /// `O`: the workspace's organizations, as a tree.
    pub const ORGS: Action = action(
        On::Key(KeyCode::Char('O')),
        "O",
        "its organizations: tree, limits and usage",
        None,
        || Msg::Org(crate::tui::msg::OrgMsg::Open),
    );
    /// `R`: reload, where `r` means something else (resume).
    pub const RELOAD_SHIFTED: Action = action(
        On::Key(KeyCode::Char('R')),
        "R",
        "reload",
        Some("reload"),
        || Msg::Nav(NavMsg::Reload),
    );
    /// Tab and Shift-Tab: the account's next and previous billing tab.
    pub const NEXT_TAB: Action = action(
        On::Act(KeyAction::NextField),
        "Tab",
        "next tab (subscriptions, methods, invoices)",
        Some("tab"),
        || Msg::Billing(crate::tui::msg::BillingMsg::NextTab(true)),
    );
    pub const PREV_TAB: Action = action(
        On::Act(KeyAction::PrevField),
        "Shift-Tab",
        "previous tab",
        None,
        || Msg::Billing(crate::tui::msg::BillingMsg::NextTab(false)),
    );
    /// `s`, `p`, `I` on an account: its subscriptions, payment methods,
    /// invoices.
    pub const SUBSCRIPTIONS: Action = action(
        On::Key(KeyCode::Char('s')),
        "s",
        "the account's subscriptions (then Tab: payment methods, invoices)",
        Some("billing"),
        || {
            Msg::Billing(crate::tui::msg::BillingMsg::Open(
                crate::tui::billing::Tab::Subscriptions,
            ))
        },
    );
    pub const PAYMENT_METHODS: Action = action(
        On::Key(KeyCode::Char('p')),
        "p",
        "the account's payment methods",
        None,
        || {
            Msg::Billing(crate::tui::msg::BillingMsg::Open(
                crate::tui::billing::Tab::PaymentMethods,
            ))
        },
    );
    pub const INVOICES: Action = action(
        On::Key(KeyCode::Char('I')),
        "I",
        "the account's invoices",
        None,
        || {
            Msg::Billing(crate::tui::msg::BillingMsg::Open(
                crate::tui::billing::Tab::Invoices,
            ))
        },
    );
    /// `n`: a new billing account (from a workspace's list or its details).
    pub const NEW_ACCOUNT: Action = action(
        On::Act(KeyAction::New),
        "n",
        "new billing account",
        Some("new"),
        || Msg::Nav(NavMsg::NewAccount),
    );
}

/// A list as a screen sees it: the items, the cursor, where loading stands.
pub struct Listed<'a, T> {
    pub items: &'a [T],
    pub sel: &'a Selection,
    pub load: &'a Load,
    pub has_more: bool,
}

/// Where a list that was never asked for stands.
pub static IDLE: Load = Load::Idle;

/// One of an account's billing lists as a screen sees it (an empty one
/// when the account has none loaded).
pub fn listing<T>(
    l: Option<&crate::tui::billing::Listing<T>>,
    has_more: Option<bool>,
) -> Listed<'_, T> {
    match l {
        Some(l) => Listed {
            items: &l.items,
            sel: &l.sel,
            load: &l.load,
            has_more: has_more.unwrap_or(l.has_more),
        },
        None => Listed {
            items: &[],
            sel: &NO_SELECTION,
            load: &IDLE,
            has_more: false,
        },
    }
}

/// The cursor of a list that was never loaded.
pub static NO_SELECTION: Selection = Selection {
    visible: Vec::new(),
    selected: 0,
    offset: 0,
};

pub struct Resource<T: 'static> {
    /// The list's title ("Billing accounts").
    pub title: &'static str,
    pub columns: &'static [Column<T>],
    /// A row's style from its item (an archived workspace is dim).
    pub row_style: fn(&Theme, &T) -> Style,
    pub fields: &'static [Field<T>],
    pub list_actions: &'static [Action],
    pub detail_actions: &'static [Action],
    /// The list on screen, from the state.
    pub listed: fn(&App) -> Option<Listed<'_, T>>,
    /// The item the detail pane shows.
    pub shown: fn(&App) -> Option<&T>,
    /// The request that lists it (and marks the list loading).
    pub list: fn(&mut App) -> Vec<Cmd>,
    /// The request that gets one item by id, if the console asks for one.
    pub get: Option<fn(&mut App, String) -> Vec<Cmd>>,
    /// What `y` copies.
    pub id: fn(&T) -> &str,
    /// What `y` and `Y` say they copied ("the account id").
    pub copies: [&'static str; 2],
}

impl<T: serde::Serialize> Resource<T> {
    /// `y` (the id) or `Y` (the JSON) of the selected item on a list, or
    /// of the item a detail pane shows.
    pub fn copy(&self, app: &App, on_list: bool, json: bool) -> Option<Cmd> {
        let item = if on_list {
            let l = (self.listed)(app)?;
            l.sel.current().and_then(|i| l.items.get(i))?
        } else {
            (self.shown)(app)?
        };
        Some(Cmd::Copy {
            what: self.copies[usize::from(json)],
            text: match json {
                true => crate::inert::json(item),
                false => (self.id)(item).to_string(),
            },
        })
    }
}

/// Movement keys every list shares (and vim's j/k).
pub fn list_move(key: &Key) -> Option<Move> {
    use KeyAction as A;
    Some(match (key.action, key.code) {
        (Some(A::Up), _) | (_, KeyCode::Char('k')) => Move::Up,
        (Some(A::Down), _) | (_, KeyCode::Char('j')) => Move::Down,
        (Some(A::PageUp), _) => Move::PageUp,
        (Some(A::PageDown), _) => Move::PageDown,
        (Some(A::Top), _) => Move::Home,
        (Some(A::Bottom), _) => Move::End,
        _ => return None,
    })
}

/// The message of the action `key` runs, if any: one declared on its key
/// action, or on the key itself (a screen's own keys are plain: Ctrl and
/// Alt keys are only ever key actions).
pub fn action_key(actions: &[Action], key: Key) -> Option<Msg> {
    let plain = !key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    let runs = |a: &&Action| match a.key {
        On::Act(act) => key.is(act),
        On::Key(code) => plain && key.code == code,
    };
    actions.iter().find(runs).map(|a| (a.msg)())
}

/// A list screen's keys: movement, then the actions.
pub fn list_key(actions: &[Action], key: Key) -> Option<Msg> {
    match list_move(&key) {
        Some(mv) => Some(Msg::Nav(NavMsg::Move(mv))),
        None => action_key(actions, key),
    }
}

pub const MOVE_HELP: [KeyHelp; 2] = [
    KeyHelp {
        keys: "↑↓ j/k",
        what: "move",
        footer: Some("move"),
    },
    KeyHelp {
        keys: "PgUp/PgDn Home/End",
        what: "jump",
        footer: None,
    },
];

/// The help rows of `actions`, in their declared order.
pub fn help(actions: &[Action]) -> impl Iterator<Item = KeyHelp> + '_ {
    actions.iter().map(|a| KeyHelp {
        keys: a.keys,
        what: a.what,
        footer: a.footer,
    })
}

/// The header and the visible rows of a list, the selected one marked.
pub fn table<T>(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    columns: &[Column<T>],
    row_style: fn(&Theme, &T) -> Style,
    items: &[T],
    sel: &Selection,
) {
    let t = &app.ctx.theme;
    // Where the table will put each column (as ratatui's Table lays them
    // out), so a cell wider than its column is cut with a mark, never
    // silently (a huge total must not read as a smaller one).
    let widths: Vec<usize> = ratatui::layout::Layout::horizontal(columns.iter().map(|c| c.width))
        .spacing(1)
        .split(Rect::new(0, 0, area.width, 1))
        .iter()
        .map(|r| usize::from(r.width))
        .collect();
    let rows: Vec<Row> = sel
        .window(area.height.saturating_sub(1) as usize)
        .map(|pos| {
            let item = &items[sel.visible[pos]];
            let style = if pos == sel.selected {
                t.selected()
            } else {
                row_style(t, item)
            };
            let cells = columns.iter().zip(&widths).map(|(c, &w)| {
                let text = safe(&(c.text)(app, item));
                let cell = Cell::from(crate::inert::cut(&text, w).into_owned());
                match (c.style)(t, item) {
                    Some(s) => cell.style(s),
                    None => cell,
                }
            });
            Row::new(cells).style(style)
        })
        .collect();
    let header = Row::new(columns.iter().map(|c| c.title)).style(t.dim());
    let table = Table::new(rows, columns.iter().map(|c| c.width))
        .header(header)
        .column_spacing(1);
    frame.render_widget(table, area);
}

/// What a list screen says around its table.
pub struct ListTexts<'a> {
    /// Shown when the list is loaded and empty.
    pub empty: &'a str,
    /// "Could not load {failed}: …".
    pub failed: &'a str,
    /// After the count when the API says there are more.
    pub partial: Span<'static>,
    /// Something else of the list is loading (its next page).
    pub busy: bool,
    /// Trouble to say in the title.
    pub note: Option<&'a str>,
}

/// A list's title (its count, more to come, loading, trouble) over its
/// table, or over why there is none.
pub fn titled_list<T>(app: &App, frame: &mut Frame, area: Rect, r: &Resource<T>, texts: ListTexts) {
    use ratatui::widgets::{Paragraph, Wrap};
    let t = &app.ctx.theme;
    let Some(list) = (r.listed)(app) else {
        return;
    };
    let mut title = vec![Span::styled(format!(" {} ", r.title), t.title())];
    if *list.load == Load::Loaded || !list.items.is_empty() {
        title.push(Span::styled(format!("{}", list.items.len()), t.dim()));
    }
    if list.has_more {
        title.push(texts.partial);
    }
    if list.load.is_loading() || texts.busy {
        title.push(Span::raw(format!(
            "  {} loading…",
            super::view::spinner(app)
        )));
    }
    if let Some(note) = texts.note {
        title.push(Span::styled(
            format!("  ✗ {} (r reloads)", safe(note)),
            t.error(),
        ));
    }
    frame.render_widget(
        Paragraph::new(Line::from(title)),
        Rect { height: 1, ..area },
    );
    let body = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(1),
        ..area
    };
    if list.items.is_empty() {
        let msg = match list.load {
            Load::Failed(e) => format!(
                " ✗ Could not load {}: {} (r retries)",
                texts.failed,
                safe(e)
            ),
            Load::Loading(_) | Load::Idle => String::new(),
            Load::Loaded => format!(" {}", texts.empty),
        };
        frame.render_widget(Paragraph::new(msg).wrap(Wrap { trim: false }), body);
        return;
    }
    table(
        app,
        frame,
        body,
        r.columns,
        r.row_style,
        list.items,
        list.sel,
    );
}

/// The detail rows of `item`: label, value (inert), "—" when absent.
pub fn detail_lines<T>(app: &App, fields: &[Field<T>], item: &T) -> Vec<Line<'static>> {
    let t = &app.ctx.theme;
    let row = |label: &str, value: Option<String>| {
        Line::from(vec![
            Span::styled(format!(" {label:16}"), t.dim()),
            Span::raw(value.map_or_else(|| "—".into(), |v| safe(&v))),
        ])
    };
    let mut lines = Vec::new();
    for f in fields {
        match f {
            Field::Section(title) => lines.push(Line::styled(format!(" {title}"), t.title())),
            Field::Value(label, value) => lines.push(row(label, value(app, item))),
            Field::Rows(rows) => lines.extend(rows(app, item).into_iter().map(|(l, v)| row(&l, v))),
        }
    }
    lines
}

/// `2026-11-24 12:53:45 SAST  (10:53:45 UTC)`, or the raw text if it is not
/// a timestamp.
pub fn times(raw: &str, tz: &jiff::tz::TimeZone) -> String {
    match raw.parse::<jiff::Timestamp>() {
        Ok(ts) => {
            let local = ts.to_zoned(tz.clone());
            if local.offset() == jiff::tz::Offset::UTC {
                return ts.strftime("%Y-%m-%d %H:%M:%S UTC").to_string();
            }
            format!(
                "{}  ({} UTC)",
                local.strftime("%Y-%m-%d %H:%M:%S %Z"),
                ts.strftime("%Y-%m-%d %H:%M:%S")
            )
        }
        Err(_) => raw.to_string(),
    }
}

/// No style of its own.
pub fn plain<T>(_: &Theme, _: &T) -> Style {
    Style::new()
}

/// A detail pane: `title`, a blank row, then the fields of `item`.
pub fn detail<T>(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    title: Line<'static>,
    fields: &[Field<T>],
    item: &T,
) {
    let mut all = vec![title, Line::raw("")];
    all.extend(detail_lines(app, fields, item));
    let text = ratatui::widgets::Paragraph::new(all).wrap(ratatui::widgets::Wrap { trim: false });
    frame.render_widget(text, area);
}

/// A detail screen's keys: its actions, then help and quit.
pub fn detail_keys(actions: &[Action]) -> Vec<KeyHelp> {
    let mut keys: Vec<KeyHelp> = help(actions).collect();
    keys.extend_from_slice(super::keys::DETAIL_GLOBALS);
    keys
}
