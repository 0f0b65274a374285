//! One workspace: its details and its billing accounts.

use super::workspaces::list_keys;
use crate::tui::app::{App, Load};
use crate::tui::msg::Msg;
use crate::tui::theme;
use crate::tui::view::{safe, spinner};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, Wrap};

/// Body rows that are not list rows: 4 of details, title, table header.
pub const CHROME: usize = 6;

pub fn handle_key(_app: &App, key: KeyEvent) -> Option<Msg> {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};
    let plain = !key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    match key.code {
        KeyCode::Char('e') if plain => Some(Msg::EditAccount),
        KeyCode::Char('d') if plain => Some(Msg::DeleteAccount),
        _ => list_keys(key),
    }
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let Some(ws) = &app.current else { return };
    let view = app.accounts.get(&ws.id);
    let mode = ws.billing_mode.as_ref().map(|m| m.as_str()).unwrap_or("?");
    let mut facts = format!(" {} · mode {mode}", safe(&ws.id));
    if let Some(limit) = ws.billing_mode.as_ref().and_then(|m| m.account_limit()) {
        facts.push_str(&format!(
            " (up to {limit} account{})",
            if limit == 1 { "" } else { "s" }
        ));
    }
    if let Some(seats) = ws.pooled_seat_limit {
        facts.push_str(&format!(" · {seats} seats"));
    }
    if ws.archived {
        facts.push_str(" · archived");
    }
    let notice = match app.workspace_full(ws) {
        Some(full) => Line::styled(format!(" ⚠ {full}"), theme::warning()),
        None => Line::raw(""),
    };
    let details = vec![
        Line::styled(format!(" {}", safe(&ws.name)), theme::title()),
        Line::styled(facts, theme::dim()),
        Line::raw(format!(
            " {}",
            safe(ws.description.as_deref().unwrap_or(""))
        )),
        notice,
    ];
    frame.render_widget(Paragraph::new(details), Rect { height: 4, ..area });

    let rest = Rect {
        y: area.y + 4,
        height: area.height.saturating_sub(4),
        ..area
    };
    let (items, has_more, load) = match view {
        Some(v) => (&v.items[..], v.has_more, v.load.clone()),
        None => (&[][..], false, Load::Idle),
    };
    let mut title = vec![Span::styled(" Billing accounts ", theme::title())];
    if load == Load::Loaded || !items.is_empty() {
        title.push(Span::styled(format!("{}", items.len()), theme::dim()));
    }
    if has_more {
        title.push(Span::styled(
            "  ⚠ partial list (has_more; the API documents no paging)",
            theme::warning(),
        ));
    }
    if load.is_loading() {
        title.push(Span::raw(format!("  {} loading…", spinner(app))));
    }
    frame.render_widget(
        Paragraph::new(Line::from(title)),
        Rect { height: 1, ..rest },
    );
    let body = Rect {
        y: rest.y + 1,
        height: rest.height.saturating_sub(1),
        ..rest
    };
    if items.is_empty() {
        let msg = match &load {
            Load::Failed(e) => format!(" ✗ Could not load the accounts: {} (r retries)", safe(e)),
            Load::Loading(_) | Load::Idle => String::new(),
            Load::Loaded => " No billing accounts yet. Press n to create one.".into(),
        };
        frame.render_widget(Paragraph::new(msg).wrap(Wrap { trim: false }), body);
        return;
    }
    let list_rows = body.height.saturating_sub(1) as usize;
    let sel = &app.account_sel;
    let rows: Vec<Row> = sel
        .window(list_rows)
        .map(|pos| {
            let a = &items[sel.visible[pos]];
            let country = a
                .address
                .as_ref()
                .and_then(|ad| ad.country.as_deref())
                .unwrap_or("");
            let style = if pos == sel.selected {
                theme::selected()
            } else {
                Style::new()
            };
            Row::new(vec![
                Cell::from(safe(&a.name)),
                Cell::from(safe(&a.email)),
                Cell::from(safe(a.currency.as_deref().unwrap_or(""))),
                Cell::from(safe(country)),
                Cell::from(safe(&a.id)),
            ])
            .style(style)
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Fill(3),
            Constraint::Fill(2),
            Constraint::Length(3),
            Constraint::Length(2),
            Constraint::Length(18),
        ],
    )
    .header(Row::new(vec!["NAME", "EMAIL", "CUR", "CC", "ID"]).style(theme::dim()))
    .column_spacing(1);
    frame.render_widget(table, body);
}
