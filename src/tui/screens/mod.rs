//! One module per screen, each described by a [`Spec`]: how it draws, how
//! it turns a key into a `Msg`, its key table, and its list geometry. The
//! rest of the console asks `spec(screen)`, so a new screen is one module
//! and one line here. This file also routes a key to whatever has the
//! keyboard: the box on top (layers), else the screen.

pub mod account_detail;
pub mod account_form;
pub mod api_log;
pub mod billing_tabs;
pub mod find;
pub mod import;
pub mod invoice;
pub mod invoices;
pub mod ledger;
pub mod members;
pub mod org;
pub mod orgs;
pub mod pane;
pub mod payment_methods;
pub mod subscription;
pub mod subscriptions;
pub mod workspace;
pub mod workspace_detail;
pub mod workspaces;

use super::app::{App, Screen};
use super::keymap::Key;
use super::keys::KeyHelp;
use super::layers;
use super::list::Selection;
use super::msg::Msg;
use crate::tui::msg::{BoxMsg, FindMsg, NavMsg, PaletteMsg};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;

/// What the console needs to know of a screen.
pub struct Spec {
    /// The `?` overlay's title.
    pub help_title: fn(&App) -> &'static str,
    pub render: fn(&App, &mut Frame, Rect),
    pub key: fn(&App, Key) -> Option<Msg>,
    /// Its keys, for the `?` overlay and the footer.
    pub keys: fn(&App) -> Vec<KeyHelp>,
    /// Its list, if it has one: the cursor, the body rows that are not list
    /// rows, and the rows above the first list row (for clicks).
    pub list: Option<ListGeometry>,
    /// `y` (false) and `Y` (true): what they copy here.
    pub copy: fn(&App, bool) -> Option<super::msg::Cmd>,
    /// `r`: the request that loads what it shows again.
    pub reload: Option<fn(&mut App) -> Vec<super::msg::Cmd>>,
}

/// For screens where `y` means something else (or nothing).
pub fn no_copy(_: &App, _: bool) -> Option<super::msg::Cmd> {
    None
}

pub struct ListGeometry {
    pub sel: fn(&App) -> &Selection,
    pub sel_mut: fn(&mut App) -> &mut Selection,
    pub chrome: usize,
    pub first_row: u16,
    /// Asked after every move: a list loaded page by page asks for the
    /// next one here (the invoices).
    pub more: Option<fn(&mut App) -> Vec<super::msg::Cmd>>,
}

pub fn spec(screen: Screen) -> &'static Spec {
    match screen {
        Screen::Workspaces => &workspaces::SCREEN,
        Screen::Workspace => &workspace::SCREEN,
        Screen::WorkspaceDetail => &workspace_detail::SCREEN,
        Screen::Form => &account_form::SCREEN,
        Screen::Detail => &account_detail::SCREEN,
        Screen::Ledger => &ledger::SCREEN,
        Screen::ApiLog => &api_log::SCREEN,
        Screen::Subscriptions => &subscriptions::SCREEN,
        Screen::Subscription => &subscription::SCREEN,
        Screen::PaymentMethods => &payment_methods::SCREEN,
        Screen::Invoices => &invoices::SCREEN,
        Screen::Invoice => &invoice::SCREEN,
        Screen::Members => &members::SCREEN,
        Screen::Orgs => &orgs::SCREEN,
        Screen::Org => &org::SCREEN,
        Screen::Find => &find::SCREEN,
        Screen::Import => &import::SCREEN,
        Screen::Pane(_) => &pane::SCREEN,
    }
}

pub fn handle_key(app: &App, key: KeyEvent) -> Option<Msg> {
    use crate::tui::keymap::KeyAction as A;
    let typing = crate::tui::layers::typing(app);
    // What the key means, once: its action (the user's binding or the
    // default's), beside the key itself.
    let key = app.keymap.read(key, typing);
    let ctrl = key.ctrl();
    if ctrl && key.code == KeyCode::Char('c') {
        return Some(Msg::Quit);
    }
    if ctrl && key.code == KeyCode::Char('o') && app.boxes.error().is_none() {
        return Some(Msg::Boxes(BoxMsg::ShowStatus));
    }
    // F1: help on every screen, typing or not (`?` is text while typing).
    if key.code == KeyCode::F(1) {
        return Some(Msg::Nav(NavMsg::ToggleHelp));
    }
    // The box on top has the keyboard (layers::stack, the same order the
    // boxes are drawn in, reversed).
    if let Some(kind) = layers::top(app) {
        return (super::boxes::spec(kind).key)(app, key);
    }
    // The console's own actions (while typing, only a key the user bound
    // that is not text can mean one).
    let global = match key.action {
        Some(A::Quit) => Some(Msg::Quit),
        Some(A::Help) => Some(Msg::Nav(NavMsg::ToggleHelp)),
        Some(A::Info) => Some(Msg::Nav(NavMsg::ToggleInfo)),
        // On the organization tree `l` expands (with h, as the arrows):
        // the API log is `:log` there.
        Some(A::Log) if app.screen() != Screen::Orgs => Some(Msg::Nav(NavMsg::ShowApiLog)),
        Some(A::Palette) => Some(Msg::Palette(PaletteMsg::PaletteOpen(String::new()))),
        Some(A::Profile) => Some(Msg::Palette(PaletteMsg::PaletteOpen("profile ".into()))),
        Some(A::Mouse) => Some(Msg::ToggleMouse),
        Some(A::Ledger) => Some(Msg::Nav(NavMsg::ShowLedger)),
        Some(A::Goto) => Some(Msg::Nav(NavMsg::GotoStart)),
        _ => None,
    };
    if global.is_some() {
        return global;
    }
    if !typing && !ctrl {
        match key.code {
            KeyCode::Char('F') => return Some(Msg::Find(FindMsg::Open(String::new()))),
            KeyCode::Char('U')
                if matches!(
                    app.screen(),
                    Screen::Workspaces | Screen::Workspace | Screen::WorkspaceDetail
                ) =>
            {
                return Some(Msg::Import(crate::tui::import::ImportMsg::Open));
            }
            KeyCode::Char('!') => return Some(Msg::Boxes(BoxMsg::ShowStatus)),
            _ => {}
        }
    }
    (spec(app.screen()).key)(app, key)
}
