//! One module per screen: `render` draws it, `handle_key` turns a key into a
//! `Msg`. This file routes a key to whatever has the keyboard: the token
//! prompt, an error, the help overlay, the go-to prompt, then the screen.

pub mod account_detail;
pub mod account_form;
pub mod api_log;
pub mod ledger;
pub mod workspace;
pub mod workspaces;

use super::app::{App, Screen};
use super::layers::{self, Modal};
use super::msg::{Move, Msg};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use tui_input::backend::crossterm::to_input_request;

pub fn handle_key(app: &App, key: KeyEvent) -> Option<Msg> {
    // The user's bindings become the default keys they stand for.
    let key = app.keymap.translate(key, app.typing());
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && key.code == KeyCode::Char('c') {
        return Some(Msg::Quit);
    }
    if ctrl && key.code == KeyCode::Char('o') && app.error.is_none() {
        return Some(Msg::ShowStatus);
    }
    // The box on top has the keyboard (layers::stack, the same order the
    // boxes are drawn in, reversed).
    if let Some(modal) = layers::top(app) {
        return modal_key(app, modal, key, ctrl);
    }
    if !app.typing() && !ctrl {
        match key.code {
            KeyCode::Char('q') => return Some(Msg::Quit),
            KeyCode::Char('?') => return Some(Msg::ToggleHelp),
            KeyCode::Char('i') => return Some(Msg::ToggleInfo),
            KeyCode::Char('l') => return Some(Msg::ShowApiLog),
            KeyCode::Char(':') => return Some(Msg::PaletteOpen(String::new())),
            KeyCode::Char('P') => return Some(Msg::PaletteOpen("profile ".into())),
            KeyCode::Char('m') => return Some(Msg::ToggleMouse),
            KeyCode::Char('L') => return Some(Msg::ShowLedger),
            KeyCode::Char('!') => return Some(Msg::ShowStatus),
            _ => {}
        }
    }
    match app.screen {
        Screen::Workspaces => workspaces::handle_key(app, key),
        Screen::Workspace => workspace::handle_key(app, key),
        Screen::Form => account_form::handle_key(app, key),
        Screen::Detail => account_detail::handle_key(app, key),
        Screen::Ledger => ledger::handle_key(app, key),
        Screen::ApiLog => api_log::handle_key(app, key),
    }
}

/// A key for the box that has the keyboard. Each box takes its own keys;
/// a key it does not take ends with it (or says what it expects), never
/// reaching the screen underneath.
fn modal_key(app: &App, modal: Modal, key: KeyEvent, ctrl: bool) -> Option<Msg> {
    match modal {
        Modal::TokenPrompt => match key.code {
            KeyCode::Enter => Some(Msg::TokenSubmit),
            KeyCode::Esc => Some(Msg::Back),
            _ => to_input_request(&Event::Key(key)).map(Msg::TokenEdit),
        },
        Modal::Error => match key.code {
            KeyCode::Char('y') => Some(Msg::CopyError),
            KeyCode::Enter | KeyCode::Esc => Some(Msg::DismissError),
            KeyCode::Up | KeyCode::Char('k') => Some(Msg::ScrollError(-1)),
            KeyCode::Down | KeyCode::Char('j') => Some(Msg::ScrollError(1)),
            KeyCode::PageUp => Some(Msg::ScrollError(-10)),
            KeyCode::PageDown | KeyCode::Char(' ') => Some(Msg::ScrollError(10)),
            KeyCode::Home => Some(Msg::ScrollError(i16::MIN)),
            _ => Some(Msg::Expects("Box: y copies, ↑/↓ scroll, Enter/Esc close")),
        },
        Modal::Confirm => {
            let typing = app.confirm.as_ref().is_some_and(|c| c.typed.is_some());
            match key.code {
                KeyCode::Enter => Some(Msg::ConfirmAccept),
                KeyCode::Esc => Some(Msg::ConfirmCancel),
                KeyCode::Tab | KeyCode::BackTab => Some(Msg::ConfirmToggle),
                KeyCode::Left | KeyCode::Right if !typing => Some(Msg::ConfirmToggle),
                KeyCode::Char('h') | KeyCode::Char('l') if !typing => Some(Msg::ConfirmToggle),
                KeyCode::Char('n') if !typing => Some(Msg::ConfirmCancel),
                _ if typing => to_input_request(&Event::Key(key)).map(Msg::ConfirmEdit),
                _ => None,
            }
        }
        Modal::Palette => match key.code {
            KeyCode::Enter => Some(Msg::PaletteRun),
            KeyCode::Esc => Some(Msg::Back),
            KeyCode::Up | KeyCode::BackTab => Some(Msg::PaletteMove(Move::Up)),
            KeyCode::Down | KeyCode::Tab => Some(Msg::PaletteMove(Move::Down)),
            KeyCode::Char('p') if ctrl => Some(Msg::PaletteMove(Move::Up)),
            KeyCode::Char('n') if ctrl => Some(Msg::PaletteMove(Move::Down)),
            _ => to_input_request(&Event::Key(key)).map(Msg::PaletteEdit),
        },
        Modal::Info => match key.code {
            KeyCode::Char('i') | KeyCode::Esc => Some(Msg::ToggleInfo),
            KeyCode::Char('q') => Some(Msg::Quit),
            _ => None,
        },
        Modal::Help => match key.code {
            KeyCode::Char('?') => Some(Msg::ToggleHelp),
            KeyCode::Esc => Some(Msg::Back),
            KeyCode::Char('q') => Some(Msg::Quit),
            _ => None,
        },
        // Nothing destructive starts from a stray key: discarding asks
        // again, and any other key says what the box expects.
        Modal::DraftOffer if app.form().is_some_and(|f| f.discard_asked) => Some(match key.code {
            KeyCode::Char('y') => Msg::DiscardDraft,
            KeyCode::Char('n') | KeyCode::Esc => Msg::KeepDraft,
            _ => Msg::Expects("Discard for good? y discards, n or Esc keeps it"),
        }),
        Modal::DraftOffer => Some(match key.code {
            KeyCode::Enter | KeyCode::Char('r') | KeyCode::Char('y') => Msg::RestoreDraft,
            KeyCode::Char('d') => Msg::AskDiscardDraft,
            KeyCode::Esc => Msg::Back,
            _ => Msg::Expects("Draft box: Enter restores, d discards, Esc decides later"),
        }),
        Modal::Resend => Some(match key.code {
            KeyCode::Char('y') => Msg::ConfirmResend,
            KeyCode::Char('n') | KeyCode::Esc => Msg::CancelResend,
            _ => Msg::Expects("Send again? y sends (same key), n or Esc does not"),
        }),
        Modal::Goto => match key.code {
            KeyCode::Enter => Some(Msg::GotoSubmit),
            KeyCode::Esc => Some(Msg::Back),
            _ => to_input_request(&Event::Key(key)).map(Msg::GotoEdit),
        },
    }
}
