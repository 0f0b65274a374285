//! `:`: the command palette's box.

use crate::tui::app::App;
use crate::tui::boxes::{BoxSpec, Esc, active, no_scroll};
use crate::tui::keymap::{Key, KeyAction as A};
use crate::tui::msg::{Move, Msg, PaletteMsg};
use crate::tui::view::{boxed, safe};
use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub static BOX: BoxSpec = BoxSpec {
    key,
    paste: |app, text| {
        if let Some(p) = app.boxes.palette_mut() {
            crate::tui::update::type_into(&mut p.input, text);
        }
        crate::tui::palette::refresh(app);
    },
    esc: Esc::Close,
    typing: |_| true,
    footer: None,
    render: |app, frame, area| {
        if let Some(p) = app.boxes.palette() {
            render(app, p, frame, area);
        }
    },
    scroll: no_scroll,
    passive: active,
    mouse: None,
};

fn key(_: &App, key: Key) -> Option<Msg> {
    let ctrl = key.ctrl();
    let p = |m| Some(Msg::Palette(m));
    match (key.action, key.code) {
        (Some(A::Open), _) => p(PaletteMsg::PaletteRun),
        (Some(A::Back), _) => Some(Msg::Back),
        (Some(A::Up), _) | (Some(A::PrevField), _) => p(PaletteMsg::PaletteMove(Move::Up)),
        (Some(A::Down), _) | (Some(A::NextField), _) => p(PaletteMsg::PaletteMove(Move::Down)),
        (_, KeyCode::Char('p')) if ctrl => p(PaletteMsg::PaletteMove(Move::Up)),
        (_, KeyCode::Char('n')) if ctrl => p(PaletteMsg::PaletteMove(Move::Down)),
        _ => key.edit().map(|r| Msg::Palette(PaletteMsg::PaletteEdit(r))),
    }
}

fn render(app: &App, p: &crate::tui::palette::Palette, frame: &mut Frame, area: Rect) {
    let t = &app.ctx.theme;

    let found = &p.found;
    let rows = found.len().clamp(1, crate::tui::palette::ROWS);
    let w = 70.min(area.width.saturating_sub(4));
    let rect = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + 2,
        width: w,
        height: (rows as u16 + 3).min(area.height.saturating_sub(2)),
    };
    let inner = boxed(frame, rect, Span::styled(" Command ", t.title()));
    let mut lines = vec![Line::from(vec![
        Span::styled(":", t.key()),
        Span::styled(safe(p.input.value()), t.input()),
    ])];
    if found.is_empty() {
        lines.push(Line::styled(" nothing matches", t.dim()));
    }
    let sel = crate::tui::list::Selection::at(found.len(), p.selected, crate::tui::palette::ROWS);
    let name_width = found
        .iter()
        .map(|e| e.name.chars().count())
        .max()
        .unwrap_or(0);
    for pos in sel.window(crate::tui::palette::ROWS) {
        let e = &found[pos];
        let style = if pos == sel.selected {
            t.selected()
        } else {
            ratatui::style::Style::new()
        };
        lines.push(Line::styled(
            format!(" {:name_width$}  {}", safe(&e.name), safe(&e.what)),
            style,
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    frame.set_cursor_position((inner.x + 1 + p.input.visual_cursor() as u16, inner.y));
}
