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
pub mod payment_methods;
pub mod subscription;
pub mod subscriptions;
pub mod workspace;
pub mod workspace_detail;
pub mod workspaces;

use super::app::{App, Screen};
use super::keys::KeyHelp;
use super::layers::{self, Modal};
use super::list::Selection;
use super::msg::{Move, Msg};
use crate::tui::msg::{BoxMsg, CopyMsg, FindMsg, FormMsg, NavMsg, PaletteMsg, WriteMsg};
use ratatui::Frame;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use tui_input::backend::crossterm::to_input_request;

/// What the console needs to know of a screen.
pub struct Spec {
    /// The `?` overlay's title.
    pub help_title: fn(&App) -> &'static str,
    pub render: fn(&App, &mut Frame, Rect),
    pub key: fn(&App, KeyEvent) -> Option<Msg>,
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
    }
}

pub fn handle_key(app: &App, key: KeyEvent) -> Option<Msg> {
    // The user's bindings become the default keys they stand for.
    let key = app.keymap.translate(key, crate::tui::layers::typing(app));
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
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
    if let Some(modal) = layers::top(app) {
        return modal_key(app, modal, key, ctrl);
    }
    if !crate::tui::layers::typing(app) && !ctrl {
        match key.code {
            KeyCode::Char('q') => return Some(Msg::Quit),
            KeyCode::Char('?') => return Some(Msg::Nav(NavMsg::ToggleHelp)),
            KeyCode::Char('i') => return Some(Msg::Nav(NavMsg::ToggleInfo)),
            // On the organization tree `l` expands (with h, as the
            // arrows): the API log is `:log` there.
            KeyCode::Char('l') if app.screen() != crate::tui::app::Screen::Orgs => {
                return Some(Msg::Nav(NavMsg::ShowApiLog));
            }
            KeyCode::Char(':') => {
                return Some(Msg::Palette(PaletteMsg::PaletteOpen(String::new())));
            }
            KeyCode::Char('P') => {
                return Some(Msg::Palette(PaletteMsg::PaletteOpen("profile ".into())));
            }
            KeyCode::Char('m') => return Some(Msg::ToggleMouse),
            KeyCode::Char('L') => return Some(Msg::Nav(NavMsg::ShowLedger)),
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
            KeyCode::Char('g') => return Some(Msg::Nav(NavMsg::GotoStart)),
            _ => {}
        }
    }
    (spec(app.screen()).key)(app, key)
}

/// A key for the box that has the keyboard. Each box takes its own keys;
/// a key it does not take ends with it (or says what it expects), never
/// reaching the screen underneath.
fn modal_key(app: &App, modal: Modal, key: KeyEvent, ctrl: bool) -> Option<Msg> {
    match modal {
        Modal::TokenPrompt => match key.code {
            KeyCode::Enter => Some(Msg::Boxes(BoxMsg::TokenSubmit)),
            KeyCode::Esc => Some(Msg::Back),
            _ => to_input_request(&Event::Key(key)).map(|r| Msg::Boxes(BoxMsg::TokenEdit(r))),
        },
        Modal::Error => match key.code {
            KeyCode::Char('y') => Some(Msg::Copy(CopyMsg::CopyError)),
            KeyCode::Enter | KeyCode::Esc => Some(Msg::Boxes(BoxMsg::DismissError)),
            _ => Some(
                scroll_key(&key)
                    .unwrap_or(Msg::Expects("Box: y copies, ↑/↓ scroll, Enter/Esc close")),
            ),
        },
        Modal::Confirm => {
            let typing = app.boxes.confirm().is_some_and(|c| c.typed.is_some());
            match key.code {
                KeyCode::Enter => Some(Msg::Write(WriteMsg::ConfirmAccept)),
                KeyCode::Esc => Some(Msg::Write(WriteMsg::ConfirmCancel)),
                KeyCode::Tab | KeyCode::BackTab => Some(Msg::Write(WriteMsg::ConfirmToggle)),
                KeyCode::Left | KeyCode::Right if !typing => {
                    Some(Msg::Write(WriteMsg::ConfirmToggle))
                }
                KeyCode::Char('h') | KeyCode::Char('l') if !typing => {
                    Some(Msg::Write(WriteMsg::ConfirmToggle))
                }
                KeyCode::Char('n') if !typing => Some(Msg::Write(WriteMsg::ConfirmCancel)),
                _ if typing => {
                    to_input_request(&Event::Key(key)).map(|r| Msg::Write(WriteMsg::ConfirmEdit(r)))
                }
                _ => None,
            }
        }
        Modal::Palette => match key.code {
            KeyCode::Enter => Some(Msg::Palette(PaletteMsg::PaletteRun)),
            KeyCode::Esc => Some(Msg::Back),
            KeyCode::Up | KeyCode::BackTab => Some(Msg::Palette(PaletteMsg::PaletteMove(Move::Up))),
            KeyCode::Down | KeyCode::Tab => Some(Msg::Palette(PaletteMsg::PaletteMove(Move::Down))),
            KeyCode::Char('p') if ctrl => Some(Msg::Palette(PaletteMsg::PaletteMove(Move::Up))),
            KeyCode::Char('n') if ctrl => Some(Msg::Palette(PaletteMsg::PaletteMove(Move::Down))),
            _ => {
                to_input_request(&Event::Key(key)).map(|r| Msg::Palette(PaletteMsg::PaletteEdit(r)))
            }
        },
        Modal::Info => match key.code {
            KeyCode::Char('i') | KeyCode::Esc => Some(Msg::Nav(NavMsg::ToggleInfo)),
            KeyCode::Char('q') => Some(Msg::Quit),
            _ => None,
        },
        Modal::Help => match key.code {
            KeyCode::Char('?') | KeyCode::F(1) => Some(Msg::Nav(NavMsg::ToggleHelp)),
            KeyCode::Esc => Some(Msg::Back),
            KeyCode::Char('q') => Some(Msg::Quit),
            _ => scroll_key(&key),
        },
        // Nothing destructive starts from a stray key: discarding asks
        // again, and any other key says what the box expects.
        Modal::DraftOffer if app.form().is_some_and(|f| f.discard_asked) => Some(match key.code {
            KeyCode::Char('y') => Msg::Form(FormMsg::DiscardDraft),
            KeyCode::Char('n') | KeyCode::Esc => Msg::Form(FormMsg::KeepDraft),
            _ => Msg::Expects("Discard for good? y discards, n or Esc keeps it"),
        }),
        // Only the keys the box shows: a name typed at once after `n`
        // must not restore (or discard) anything on one of its letters.
        Modal::DraftOffer => Some(match key.code {
            KeyCode::Enter => Msg::Form(FormMsg::RestoreDraft),
            KeyCode::Char('d') if !app.form().is_some_and(|f| f.offer_typed) => {
                Msg::Form(FormMsg::AskDiscardDraft)
            }
            KeyCode::Esc => Msg::Back,
            _ => Msg::Expects("Draft box: Enter restores, d discards, Esc decides later"),
        }),
        Modal::Resend => Some(match key.code {
            KeyCode::Char('y') => Msg::Form(FormMsg::ConfirmResend),
            KeyCode::Char('n') | KeyCode::Esc => Msg::Form(FormMsg::CancelResend),
            _ => Msg::Expects("Send again? y sends (same key), n or Esc does not"),
        }),
        Modal::Duplicate => Some(duplicate_key(key)),
        Modal::Quantities => Some(quantity_key(app, key)),
        Modal::MemberEdit => Some(member_key(app, key)),
        Modal::WorkspaceBox => Some(workspace_box_key(app, key)),
        Modal::OrgBox => Some(org_box_key(app, key)),
        Modal::SaveReport => {
            use crate::tui::msg::OrgMsg;
            match key.code {
                KeyCode::Enter => Some(Msg::Org(OrgMsg::PathSubmit)),
                KeyCode::Esc => Some(Msg::Back),
                _ => Some(
                    to_input_request(&Event::Key(key))
                        .map(|r| Msg::Org(OrgMsg::PathEdit(r)))
                        .unwrap_or(Msg::Expects(
                            "Report: type the file's path, Enter saves, Esc cancels",
                        )),
                ),
            }
        }
        Modal::Goto => match key.code {
            KeyCode::Enter => Some(Msg::Nav(NavMsg::GotoSubmit)),
            KeyCode::Esc => Some(Msg::Back),
            _ => to_input_request(&Event::Key(key)).map(|r| Msg::Nav(NavMsg::GotoEdit(r))),
        },
    }
}

/// "An account like it exists": open it, create anyway, or edit on.
fn duplicate_key(key: KeyEvent) -> Msg {
    match key.code {
        KeyCode::Enter | KeyCode::Char('o') => Msg::Form(FormMsg::OpenExisting),
        KeyCode::Char('c') | KeyCode::Char('y') => Msg::Form(FormMsg::CreateAnyway),
        KeyCode::Esc | KeyCode::Char('n') => Msg::Back,
        _ => Msg::Expects("Like an existing account: Enter opens it, c creates anyway, Esc edits"),
    }
}

/// The quantity box: numbers while typing, then Enter applies the preview.
fn quantity_key(app: &App, key: KeyEvent) -> Msg {
    use crate::tui::msg::BillingMsg;
    let typing = crate::tui::layers::typing(app);
    match key.code {
        KeyCode::Enter => Msg::Billing(BillingMsg::QtySubmit),
        KeyCode::Esc => Msg::Back,
        KeyCode::Tab | KeyCode::Down if typing => Msg::Billing(BillingMsg::QtyFocus(true)),
        KeyCode::BackTab | KeyCode::Up if typing => Msg::Billing(BillingMsg::QtyFocus(false)),
        _ if typing => to_input_request(&Event::Key(key))
            .map(|r| Msg::Billing(BillingMsg::QtyEdit(r)))
            .unwrap_or(Msg::Expects(
                "Quantities: type numbers, Tab moves, Enter previews",
            )),
        _ => Msg::Expects("Preview: Enter applies the change, Esc goes back to the numbers"),
    }
}

/// The member box: the user id takes text; the role turns with ←/→ or
/// Space; Tab goes between them; Enter checks and asks.
fn member_key(app: &App, key: KeyEvent) -> Msg {
    use crate::tui::msg::MemberMsg;
    let typing = crate::tui::layers::typing(app);
    match key.code {
        KeyCode::Enter => Msg::Member(MemberMsg::Submit),
        KeyCode::Esc => Msg::Back,
        KeyCode::Tab | KeyCode::BackTab => Msg::Member(MemberMsg::Focus),
        KeyCode::Left if !typing => Msg::Member(MemberMsg::CycleRole(false)),
        KeyCode::Right | KeyCode::Char(' ') if !typing => Msg::Member(MemberMsg::CycleRole(true)),
        _ if typing => to_input_request(&Event::Key(key))
            .map(|r| Msg::Member(MemberMsg::Edit(r)))
            .unwrap_or(Msg::Expects(
                "Member: type the user id, Tab to the role, Enter",
            )),
        _ => Msg::Expects("Role: ←/→ or Space change it, Enter goes on, Esc closes"),
    }
}

/// The workspace box: text in the name and description, ←/→ on the mode.
fn workspace_box_key(app: &App, key: KeyEvent) -> Msg {
    use crate::tui::msg::WorkspaceBoxKey as K;
    let typing = crate::tui::layers::typing(app);
    let k = |k| Msg::Nav(NavMsg::WorkspaceBox(k));
    match key.code {
        KeyCode::Enter => k(K::Submit),
        KeyCode::Esc => Msg::Back,
        KeyCode::Tab | KeyCode::Down => k(K::Focus(true)),
        KeyCode::BackTab | KeyCode::Up => k(K::Focus(false)),
        KeyCode::Left if !typing => k(K::Mode(false)),
        KeyCode::Right | KeyCode::Char(' ') if !typing => k(K::Mode(true)),
        _ if typing => to_input_request(&Event::Key(key))
            .map(|r| k(K::Edit(r)))
            .unwrap_or(Msg::Expects("Workspace: type, Tab moves, Enter goes on")),
        _ => Msg::Expects("Billing mode: ←/→ choose it (it is permanent), Tab moves on"),
    }
}

/// The organization box: text in the name and limits, ←/→ on the
/// billing account.
fn org_box_key(app: &App, key: KeyEvent) -> Msg {
    use crate::tui::msg::{OrgBoxKey as K, OrgMsg};
    let typing = crate::tui::layers::typing(app);
    let k = |k| Msg::Org(OrgMsg::Box(k));
    match key.code {
        KeyCode::Enter => k(K::Submit),
        KeyCode::Esc => Msg::Back,
        KeyCode::Tab | KeyCode::Down => k(K::Focus(true)),
        KeyCode::BackTab | KeyCode::Up => k(K::Focus(false)),
        KeyCode::Left if !typing => k(K::Turn(false)),
        KeyCode::Right | KeyCode::Char(' ') if !typing => k(K::Turn(true)),
        _ if typing => to_input_request(&Event::Key(key))
            .map(|r| k(K::Edit(r)))
            .unwrap_or(Msg::Expects("Organization: type, Tab moves, Enter goes on")),
        _ => Msg::Expects("Billing account: ←/→ choose it, Tab moves on"),
    }
}

/// The keys that scroll a box taller than the screen.
fn scroll_key(key: &KeyEvent) -> Option<Msg> {
    Some(Msg::Boxes(BoxMsg::ScrollBox(match key.code {
        KeyCode::Up | KeyCode::Char('k') => -1,
        KeyCode::Down | KeyCode::Char('j') => 1,
        KeyCode::PageUp => -10,
        KeyCode::PageDown | KeyCode::Char(' ') => 10,
        KeyCode::Home => i16::MIN,
        _ => return None,
    })))
}
