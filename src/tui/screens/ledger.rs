//! The session ledger (`L`): every account created this session, newest
//! last; Enter reopens one, `N` starts the next one from it.

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
        KeyCode::Char('N') if plain => Some(Msg::DuplicateAsNew),
        KeyCode::Char('y') if plain => Some(Msg::CopyId),
        KeyCode::Char('n') | KeyCode::Char('r') => None,
        _ => list_keys(key),
    }
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let title = Line::from(vec![
        Span::styled(" Created this session ", theme::title()),
        Span::styled(format!("{}", app.ledger.len()), theme::dim()),
    ]);
    frame.render_widget(Paragraph::new(title), Rect { height: 1, ..area });
    let body = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(1),
        ..area
    };
    if app.ledger.is_empty() {
        frame.render_widget(
            Paragraph::new(" Nothing created yet. Accounts you create appear here until you quit."),
            body,
        );
        return;
    }
    let sel = &app.ledger_sel;
    let rows: Vec<Row> = sel
        .window(body.height.saturating_sub(1) as usize)
        .map(|pos| {
            let e = &app.ledger[sel.visible[pos]];
            let a = &e.account;
            let style = if pos == sel.selected {
                theme::selected()
            } else {
                Style::new()
            };
            let created = a
                .created_at
                .parse::<jiff::Timestamp>()
                .map(|t| t.to_zoned(app.ctx.tz.clone()).strftime("%H:%M").to_string())
                .unwrap_or_default();
            Row::new(vec![
                Cell::from(created),
                Cell::from(safe(&a.name)),
                Cell::from(safe(&a.email)),
                Cell::from(safe(&a.id)),
                Cell::from(if e.deleted { "deleted" } else { "" }),
            ])
            .style(style)
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Length(5),
            Constraint::Fill(3),
            Constraint::Fill(2),
            Constraint::Length(18),
            Constraint::Length(7),
        ],
    )
    .header(Row::new(vec!["TIME", "NAME", "EMAIL", "ID", ""]).style(theme::dim()))
    .column_spacing(1);
    frame.render_widget(table, body);
}
