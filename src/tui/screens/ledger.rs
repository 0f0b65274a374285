//! The session ledger (`L`): every account created this session, newest
//! last; Enter reopens one, `N` starts the next one from it.

use crate::tui::app::{App, LedgerEntry};
use crate::tui::keymap::Key;
use crate::tui::keymap::KeyAction;
use crate::tui::keys;
use crate::tui::msg::Msg;
use crate::tui::msg::{CopyMsg, NavMsg};
use crate::tui::resources::On;
use crate::tui::resources::{self, Column, action, column, list_key, plain};
use ratatui::Frame;
use ratatui::layout::Constraint::{Fill, Length};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub const SCREEN: super::Spec = super::Spec {
    help_title: |_| "Keys · Created this session",
    render,
    key: handle_key,
    keys: |_| keys::LEDGER.to_vec(),
    list: Some(super::ListGeometry {
        sel: |app| &app.ledger_sel,
        sel_mut: |app| &mut app.ledger_sel,
        // Title, table header.
        chrome: 2,
        first_row: 2,
        more: None,
    }),
    copy: super::no_copy,
    reload: None,
};

pub fn handle_key(_app: &App, key: Key) -> Option<Msg> {
    let actions = &[
        action(On::Act(KeyAction::Open), "", "", None, || {
            Msg::Nav(NavMsg::OpenSelected)
        }),
        action(On::Act(KeyAction::Duplicate), "", "", None, || {
            Msg::Nav(NavMsg::DuplicateAsNew)
        }),
        action(On::Act(KeyAction::CopyId), "", "", None, || {
            Msg::Copy(CopyMsg::CopyId)
        }),
        action(On::Act(KeyAction::Back), "", "", None, || Msg::Back),
    ];
    list_key(actions, key)
}

const COLUMNS: &[Column<LedgerEntry>] = &[
    column("TIME", Length(5), |app, e| {
        e.account
            .created_at
            .parse::<jiff::Timestamp>()
            .map(|t| t.to_zoned(app.ctx.tz.clone()).strftime("%H:%M").to_string())
            .unwrap_or_default()
    }),
    column("NAME", Fill(3), |_, e| e.account.name.clone()),
    column("EMAIL", Fill(2), |_, e| e.account.email.clone()),
    column("ID", Length(18), |_, e| e.account.id.clone()),
    column("", Length(7), |_, e| {
        if e.deleted { "deleted" } else { "" }.into()
    }),
];

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.ctx.theme;
    let title = Line::from(vec![
        Span::styled(" Created this session ", t.title()),
        Span::styled(format!("{}", app.ledger.len()), t.dim()),
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
    resources::table(
        app,
        frame,
        body,
        COLUMNS,
        plain,
        &app.ledger,
        &app.ledger_sel,
    );
}
