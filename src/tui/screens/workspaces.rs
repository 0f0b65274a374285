//! The workspace picker: the list from `GET /workspaces`, filterable.

use crate::tui::app::{App, Load};
use crate::tui::msg::{Move, Msg};
use crate::tui::theme;
use crate::tui::view::{safe, spinner};
use ratatui::Frame;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, Wrap};
use tui_input::backend::crossterm::to_input_request;

/// Body rows that are not list rows: title, table header, notice line.
pub const CHROME: usize = 3;

/// Movement keys shared by the list screens.
pub fn list_move(key: &KeyEvent) -> Option<Move> {
    Some(match key.code {
        KeyCode::Up | KeyCode::Char('k') => Move::Up,
        KeyCode::Down | KeyCode::Char('j') => Move::Down,
        KeyCode::PageUp => Move::PageUp,
        KeyCode::PageDown => Move::PageDown,
        KeyCode::Home => Move::Home,
        KeyCode::End => Move::End,
        _ => return None,
    })
}

pub fn handle_key(app: &App, key: KeyEvent) -> Option<Msg> {
    if app.workspaces.filtering {
        return match key.code {
            KeyCode::Enter => Some(Msg::FilterDone),
            KeyCode::Esc => Some(Msg::Back),
            KeyCode::Up => Some(Msg::Move(Move::Up)),
            KeyCode::Down => Some(Msg::Move(Move::Down)),
            KeyCode::PageUp => Some(Msg::Move(Move::PageUp)),
            KeyCode::PageDown => Some(Msg::Move(Move::PageDown)),
            _ => to_input_request(&Event::Key(key)).map(Msg::FilterEdit),
        };
    }
    let plain = !key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    match key.code {
        KeyCode::Char('/') if plain => Some(Msg::FilterStart),
        KeyCode::Char('g') if plain => Some(Msg::GotoStart),
        _ => list_keys(key),
    }
}

/// The keys every list screen shares: move, Enter opens, `n` new account,
/// `r` reload, Esc back.
pub fn list_keys(key: KeyEvent) -> Option<Msg> {
    if let Some(mv) = list_move(&key) {
        return Some(Msg::Move(mv));
    }
    if key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    {
        return None;
    }
    match key.code {
        KeyCode::Enter => Some(Msg::OpenSelected),
        KeyCode::Char('n') => Some(Msg::NewAccount),
        KeyCode::Char('r') => Some(Msg::Reload),
        KeyCode::Esc => Some(Msg::Back),
        _ => None,
    }
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let ws = &app.workspaces;
    let height = area.height as usize;
    let list_rows = height.saturating_sub(CHROME);

    // Title line: count, filter, loading.
    let total = ws.items.len();
    let shown = ws.sel.visible.len();
    let mut title = vec![Span::styled(" Workspaces ", theme::title())];
    if ws.load == Load::Loaded || total > 0 {
        title.push(Span::styled(format!("{total} "), theme::dim()));
    }
    if ws.filtering || !ws.filter.value().is_empty() {
        title.push(Span::raw(" / "));
        title.push(Span::styled(safe(ws.filter.value()), theme::input()));
        if ws.filtering {
            title.push(Span::styled("▏", theme::focused()));
        }
        title.push(Span::styled(
            format!("  {shown} of {total} match"),
            theme::dim(),
        ));
    }
    if let Some(goto) = &ws.goto {
        title.push(Span::raw("   go to id: "));
        title.push(Span::styled(safe(goto.value()), theme::input()));
        title.push(Span::styled("▏", theme::focused()));
        if ws.goto_load.is_loading() {
            title.push(Span::raw(format!(" {} looking it up…", spinner(app))));
        }
    }
    frame.render_widget(
        Paragraph::new(Line::from(title)),
        Rect { height: 1, ..area },
    );

    let body = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(1),
        ..area
    };
    match &ws.load {
        Load::Loading(_) if total == 0 => {
            let msg = format!(" {} Loading workspaces…", spinner(app));
            frame.render_widget(Paragraph::new(msg), body);
            return;
        }
        Load::Failed(e) if total == 0 => {
            let lines = vec![
                Line::styled(" ✗ Could not load the workspaces:", theme::error()),
                Line::raw(format!("   {}", safe(e))),
                Line::raw(""),
                Line::raw("   Press r to try again."),
            ];
            frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
            return;
        }
        Load::Loaded if total == 0 => {
            frame.render_widget(
                Paragraph::new(" This token can see no workspaces. Press g to open one by id."),
                body,
            );
            return;
        }
        Load::Idle if total == 0 => {
            frame.render_widget(
                Paragraph::new(" Not loaded yet: press r to load the workspaces."),
                body,
            );
            return;
        }
        _ => {}
    }
    if shown == 0 {
        frame.render_widget(
            Paragraph::new(" No workspace matches the filter. Esc clears it."),
            body,
        );
        return;
    }

    let window = ws.sel.window(list_rows);
    let rows: Vec<Row> = window
        .clone()
        .map(|pos| {
            let w = &ws.items[ws.sel.visible[pos]];
            let count = app
                .accounts
                .get(&w.id)
                .filter(|v| v.load == Load::Loaded || !v.items.is_empty())
                .map(|v| format!("{}{}", v.items.len(), if v.has_more { "+" } else { "" }))
                .unwrap_or_else(|| "–".into());
            let mode = w.billing_mode.as_ref().map(|m| m.as_str()).unwrap_or("");
            let mut style = Style::new();
            if w.archived {
                style = theme::dim();
            }
            if pos == ws.sel.selected {
                style = theme::selected();
            }
            let name = if w.archived {
                format!("{} (archived)", safe(&w.name))
            } else {
                safe(&w.name)
            };
            Row::new(vec![
                Cell::from(name),
                Cell::from(safe(&w.id)),
                Cell::from(safe(mode)),
                Cell::from(count),
            ])
            .style(style)
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Fill(1),
            Constraint::Length(22),
            Constraint::Length(9),
            Constraint::Length(8),
        ],
    )
    .header(Row::new(vec!["NAME", "ID", "MODE", "ACCOUNTS"]).style(theme::dim()))
    .column_spacing(1);
    let table_area = Rect {
        height: (list_rows as u16 + 1).min(body.height),
        ..body
    };
    frame.render_widget(table, table_area);

    let note_y = area.y + area.height.saturating_sub(1);
    let note = if ws.has_more {
        Some(Line::styled(
            " ⚠ Partial list: the API said has_more and documents no paging. Press g to open any workspace by id.",
            theme::warning(),
        ))
    } else if ws.load.is_loading() {
        Some(Line::raw(format!(" {} Reloading…", spinner(app))))
    } else {
        None
    };
    if let Some(note) = note {
        frame.render_widget(
            Paragraph::new(note),
            Rect {
                y: note_y,
                height: 1,
                ..area
            },
        );
    }
}
