//! The masked token prompt.

use crate::tui::app::App;
use crate::tui::view::{popup, safe};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::boxes::{BoxSpec, Esc, active, no_scroll};
use crate::tui::keymap::{Key, KeyAction as A};
use crate::tui::msg::{BoxMsg, Msg};

pub static BOX: BoxSpec = BoxSpec {
    key,
    paste: |app, text| {
        if let Some(t) = app.boxes.token_prompt_mut() {
            crate::tui::update::type_into(t, text.trim());
        }
    },
    esc: Esc::Run(esc),
    typing: |_| true,
    footer: None,
    render,
    scroll: no_scroll,
    passive: active,
    mouse: None,
};

fn key(_: &App, key: Key) -> Option<Msg> {
    match key.action {
        Some(A::Open) => Some(Msg::Boxes(BoxMsg::TokenSubmit)),
        Some(A::Back) => Some(Msg::Back),
        _ => key.edit().map(|r| Msg::Boxes(BoxMsg::TokenEdit(r))),
    }
}

/// Without a token the console can only say how to give one.
fn esc(app: &mut App) {
    app.boxes.set_token_prompt(None);
    if !app.has_token {
        app.set_status(
            crate::tui::app::StatusKind::Info,
            "No token: press r to try again and enter one",
        );
    }
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.ctx.theme;
    let Some(input) = app.boxes.token_prompt() else {
        return;
    };
    let masked = "•".repeat(input.value().chars().count().min(40));
    let lines = vec![
        Line::raw(format!(" API token for {}", safe(&app.ctx.api_host))),
        Line::raw(""),
        Line::from(vec![
            Span::raw(" > "),
            Span::styled(masked.clone(), t.input()),
        ]),
        Line::raw(""),
        Line::styled(" Kept in memory for this session only.", t.dim()),
        Line::from(vec![
            Span::styled(" Enter", t.key()),
            Span::raw(" use it   "),
            Span::styled("Esc", t.key()),
            Span::raw(" cancel"),
        ]),
    ];
    let inner = popup(t, frame, area, 60, 8, "Token");
    frame.render_widget(Paragraph::new(lines), inner);
    frame.set_cursor_position((inner.x + 3 + masked.chars().count() as u16, inner.y + 2));
}
