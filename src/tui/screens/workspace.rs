//! One workspace: its details and its billing accounts.

use crate::api::model::Workspace;
use crate::tui::app::App;
use crate::tui::keys;
use crate::tui::resources::accounts::ACCOUNTS;
use crate::tui::resources::{self, MOVE_HELP, help, list_key};
use crate::tui::view::safe;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub const SCREEN: super::Spec = super::Spec {
    help_title: |_| "Keys · Workspace",
    render,
    key: |_, key| list_key(ACCOUNTS.list_actions, key),
    keys: |_| {
        let mut keys = MOVE_HELP.to_vec();
        keys.extend(help(ACCOUNTS.list_actions));
        keys.extend_from_slice(keys::GLOBALS);
        keys
    },
    list: Some(super::ListGeometry {
        sel: |app| &app.session.account_sel,
        sel_mut: |app| &mut app.session.account_sel,
        // Four lines of details, title, table header.
        chrome: 6,
        first_row: 6,
        more: None,
    }),
    copy: |app, json| ACCOUNTS.copy(app, true, json),
    reload: Some(ACCOUNTS.list),
};

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.ctx.theme;
    let Some(ws) = &app.session.current else {
        return;
    };
    frame.render_widget(Paragraph::new(facts(app, ws)), Rect { height: 4, ..area });
    let rest = Rect {
        y: area.y + 4,
        height: area.height.saturating_sub(4),
        ..area
    };
    let texts = resources::ListTexts {
        empty: "No billing accounts yet. Press n to create one.",
        failed: "the accounts",
        partial: Span::styled(
            "  ⚠ partial list (has_more; the API documents no paging)",
            t.warning(),
        ),
        busy: false,
        note: None,
    };
    resources::titled_list(app, frame, rest, &ACCOUNTS, texts);
}

/// The workspace's name, mode, limits and description, and a warning when
/// it cannot take another account.
fn facts(app: &App, ws: &Workspace) -> Vec<Line<'static>> {
    let t = &app.ctx.theme;
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
        Some(full) => Line::styled(format!(" ⚠ {full}"), t.warning()),
        None => Line::raw(""),
    };
    vec![
        Line::styled(format!(" {}", safe(&ws.name)), t.title()),
        Line::styled(facts, t.dim()),
        Line::raw(format!(
            " {}",
            safe(ws.description.as_deref().unwrap_or(""))
        )),
        notice,
    ]
}
