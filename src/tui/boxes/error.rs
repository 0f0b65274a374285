//! An error (or a message) in full over the screen, until dismissed.

use crate::tui::app::App;
use crate::tui::boxes::{BoxSpec, Esc, no_paste, no_typing};
use crate::tui::keymap::{Key, KeyAction as A};
use crate::tui::msg::{BoxMsg, CopyMsg, Msg};
use crate::tui::view::{Dialog, dialog, keys_line, safe};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

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
