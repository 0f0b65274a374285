//! The API log (`l`): every request this session, oldest first, with its
//! status, latency and the server's request id. Holds no headers or
//! bodies, so nothing secret is on it; `y` copies an entry.

use super::workspaces::list_keys;
use crate::tui::app::App;
use crate::tui::msg::Msg;
use crate::tui::theme;
use crate::tui::view::safe;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

/// Body rows that are not list rows: title, table header.
pub const CHROME: usize = 2;

pub fn handle_key(_app: &App, key: KeyEvent) -> Option<Msg> {
    let plain = !key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    match key.code {
        KeyCode::Char('y') if plain => Some(Msg::CopyId),
        KeyCode::Char('Y') if plain => Some(Msg::CopyAll),
        KeyCode::Char('n') | KeyCode::Char('r') | KeyCode::Enter => None,
        _ => list_keys(key),
    }
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let title = Line::from(vec![
        Span::styled(" API log ", theme::title()),
        Span::styled(
            format!(
                "{} requests this session · no headers or bodies are kept",
                app.api_log.len()
            ),
            theme::dim(),
        ),
    ]);
    frame.render_widget(Paragraph::new(title), Rect { height: 1, ..area });
    let body = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(1),
        ..area
    };
    let sel = &app.log_sel;
    let rows: Vec<Row> = sel
        .window(body.height.saturating_sub(1) as usize)
        .map(|pos| {
            let e = &app.api_log[sel.visible[pos]];
            let base = if pos == sel.selected {
                theme::selected()
            } else {
                Style::new()
            };
            let (status, style) = match (e.status, &e.failure) {
                (Some(s), _) if s < 400 => (s.to_string(), base),
                (Some(s), _) => (format!("✗ {s}"), base.patch(theme::error())),
                (None, f) => (
                    format!("✗ {}", f.as_deref().unwrap_or("no answer")),
                    base.patch(theme::error()),
                ),
            };
            Row::new(vec![
                Cell::from(
                    e.at.to_zoned(app.ctx.tz.clone())
                        .strftime("%H:%M:%S")
                        .to_string(),
                ),
                Cell::from(e.method.clone()),
                Cell::from(safe(&e.path)),
                Cell::from(status).style(style),
                Cell::from(format!("{} ms", e.latency.as_millis())),
                Cell::from(safe(e.request_id.as_deref().unwrap_or("—"))),
            ])
            .style(base)
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Length(8),
            Constraint::Length(6),
            Constraint::Fill(1),
            Constraint::Length(8),
            Constraint::Length(7),
            Constraint::Length(18),
        ],
    )
    .header(
        Row::new(vec![
            "TIME",
            "METHOD",
            "PATH",
            "STATUS",
            "LATENCY",
            "REQUEST ID",
        ])
        .style(theme::dim()),
    )
    .column_spacing(1);
    frame.render_widget(table, body);
}
