//! An error (or a message) in full over the screen, until dismissed.

use crate::tui::theme::Theme;
use crate::tui::view::{Dialog, dialog, keys_line, safe};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

pub fn render(t: &Theme, e: &crate::tui::app::ErrorPopup, frame: &mut Frame, area: Rect) {
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
