//! An error (or a message) in full over the screen, until dismissed.

use crate::tui::app::App;
use crate::tui::app::{Status, StatusKind};
use crate::tui::boxes::{BoxSpec, Esc, no_paste, no_typing};
use crate::tui::keymap::{Key, KeyAction as A};
use crate::tui::msg::{BoxMsg, CopyMsg, Msg};
use crate::tui::view::{Dialog, dialog, keys_line, safe};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

/// An error shown in full over the current screen until dismissed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorPopup {
    pub title: String,
    /// What is drawn (server text in it is inert and bounded).
    pub text: String,
    /// The server's message whole, when `text` holds only its start: `y`
    /// copies it after the text (shared with the error, not copied).
    pub full: Option<std::sync::Arc<String>>,
    /// Rows scrolled, when the text is taller than the box.
    pub scroll: u16,
    /// A message to act on, not a failure (drawn without the ✗).
    pub note: bool,
    /// The status line's message shown whole (`!`): it leaves the message
    /// where it was.
    pub echo: bool,
}

impl ErrorPopup {
    pub fn new(title: impl Into<String>, text: impl Into<String>) -> ErrorPopup {
        ErrorPopup {
            title: title.into(),
            text: text.into(),
            full: None,
            scroll: 0,
            note: false,
            echo: false,
        }
    }

    /// `!`: the status line's message whole, titled by its kind.
    pub fn echo(status: &Status) -> ErrorPopup {
        let mark = match status.kind {
            StatusKind::Info => "·",
            StatusKind::Success => "✓",
            StatusKind::Error => "✗",
        };
        ErrorPopup {
            note: true,
            echo: true,
            ..ErrorPopup::new(format!("{mark} Last message"), status.text.clone())
        }
    }

    /// A message in the same box that is not a failure.
    pub fn note(title: impl Into<String>, text: impl Into<String>) -> ErrorPopup {
        ErrorPopup {
            note: true,
            ..ErrorPopup::new(title, text)
        }
    }
}

pub static BOX: BoxSpec = BoxSpec {
    key,
    paste: no_paste,
    esc: Esc::Close,
    typing: no_typing,
    footer: Some(crate::tui::keys::ERROR_POPUP),
    render,
    scroll: |app| app.boxes.error_mut().map(|e| &mut e.scroll),
    // A message shown again in full (`!`) is not where it was said.
    passive: |app| app.boxes.error().is_some_and(|e| e.echo),
    mouse: None,
};

fn key(_: &App, key: Key) -> Option<Msg> {
    match key.action {
        Some(A::CopyId) => Some(Msg::Copy(CopyMsg::CopyError)),
        Some(A::Open) | Some(A::Back) => Some(Msg::Boxes(BoxMsg::DismissError)),
        _ => Some(
            super::scroll_key(&key)
                .unwrap_or(Msg::Expects("Box: y copies, ↑/↓ scroll, Enter/Esc close")),
        ),
    }
}

fn render(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.ctx.theme;
    let Some(e) = app.boxes.error() else { return };
    let lines: Vec<Line> = e.text.lines().map(|l| Line::raw(safe(l))).collect();
    let copy = if e.full.is_some() { "copy all" } else { "copy" };
    let keys = keys_line(t, &[("y", copy), ("Enter/Esc", "close")]);
    let title = match e.note {
        true => safe(&e.title),
        false => format!("✗ {}", safe(&e.title)),
    };
    let d = Dialog {
        width: 72,
        title: &title,
        body: lines,
        keys,
        scroll: e.scroll,
    };
    dialog(t, frame, area, d);
}
