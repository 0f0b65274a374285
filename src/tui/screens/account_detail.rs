//! The billing account detail pane: every field, the address, and the
//! times in local time and UTC. Used after a create and from the browser.

use crate::api::model::BillingAccount;
use crate::rules::Field;
use crate::tui::app::App;
use crate::tui::form::choice_label;
use crate::tui::msg::Msg;
use crate::tui::theme;
use crate::tui::view::safe;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub fn handle_key(_app: &App, key: KeyEvent) -> Option<Msg> {
    if key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    {
        return None;
    }
    match key.code {
        KeyCode::Char('y') => Some(Msg::CopyId),
        KeyCode::Char('Y') => Some(Msg::CopyJson),
        KeyCode::Char('n') => Some(Msg::NewAccount),
        KeyCode::Char('e') => Some(Msg::EditAccount),
        KeyCode::Char('N') => Some(Msg::DuplicateAsNew),
        KeyCode::Char('d') => Some(Msg::DeleteAccount),
        KeyCode::Esc => Some(Msg::Back),
        _ => None,
    }
}

/// `2026-11-24 12:53:45 SAST  (10:53:45 UTC)`, or the raw text if it is not
/// a timestamp.
pub fn times(raw: &str, tz: &jiff::tz::TimeZone) -> String {
    match raw.parse::<jiff::Timestamp>() {
        Ok(ts) => {
            let local = ts.to_zoned(tz.clone());
            if local.offset() == jiff::tz::Offset::UTC {
                return ts.strftime("%Y-%m-%d %H:%M:%S UTC").to_string();
            }
            format!(
                "{}  ({} UTC)",
                local.strftime("%Y-%m-%d %H:%M:%S %Z"),
                ts.strftime("%Y-%m-%d %H:%M:%S")
            )
        }
        Err(_) => safe(raw),
    }
}

fn row(label: &str, value: String) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!(" {label:16}"), theme::dim()),
        Span::raw(value),
    ])
}

pub fn lines(
    a: &BillingAccount,
    workspace_name: Option<&str>,
    tz: &jiff::tz::TimeZone,
) -> Vec<Line<'static>> {
    let opt = |v: &Option<String>| v.as_deref().map(safe).unwrap_or_else(|| "—".into());
    let addr = a.address.clone().unwrap_or_default();
    let workspace = match workspace_name {
        Some(name) => format!("{}  ({})", safe(name), safe(&a.workspace_id)),
        None => safe(&a.workspace_id),
    };
    let currency = a
        .currency
        .as_deref()
        .map(|c| safe(&choice_label(Field::Currency, c)))
        .unwrap_or_else(|| "—".into());
    let country = addr
        .country
        .as_deref()
        .map(|c| safe(&choice_label(Field::Country, c)))
        .unwrap_or_else(|| "—".into());
    vec![
        row("ID", safe(&a.id)),
        row("Workspace", workspace),
        row("Name", safe(&a.name)),
        row("Email", safe(&a.email)),
        row("Phone", opt(&a.phone)),
        row("Description", opt(&a.description)),
        row("Currency", currency),
        Line::styled(" Address", theme::title()),
        row("  Country", country),
        row("  Line 1", opt(&addr.line1)),
        row("  Line 2", opt(&addr.line2)),
        row("  City", opt(&addr.city)),
        row("  State", opt(&addr.state)),
        row("  Postal code", opt(&addr.postal_code)),
        row("Created", times(&a.created_at, tz)),
        row("Updated", times(&a.updated_at, tz)),
    ]
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let Some(a) = &app.detail else { return };
    let title = if app.detail_created {
        Line::from(vec![
            Span::styled(" ✓ Billing account created ", theme::success()),
            Span::styled(safe(&a.id), theme::title()),
        ])
    } else {
        Line::from(vec![
            Span::styled(" Billing account ", theme::title()),
            Span::styled(safe(&a.id), theme::title()),
        ])
    };
    let ws_name = app
        .current
        .as_ref()
        .filter(|w| w.id == a.workspace_id)
        .map(|w| w.name.as_str());
    let mut all = vec![title, Line::raw("")];
    all.extend(lines(a, ws_name, &app.ctx.tz));
    frame.render_widget(Paragraph::new(all).wrap(Wrap { trim: false }), area);
}
