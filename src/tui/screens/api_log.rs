//! The API log (`l`): every request this session, oldest first, with its
//! status, latency and the server's request id. Holds no headers or
//! bodies, so nothing secret is on it; `y` copies an entry.

use crate::api::ApiLogEntry;
use crate::tui::app::App;
use crate::tui::keymap::Key;
use crate::tui::keymap::KeyAction;
use crate::tui::keys;
use crate::tui::msg::CopyMsg;
use crate::tui::msg::Msg;
use crate::tui::resources::On;
use crate::tui::resources::{self, Column, action, column, list_key, plain};
use ratatui::Frame;
use ratatui::layout::Constraint::{Fill, Length};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub const SCREEN: super::Spec = super::Spec {
    help_title: |_| "Keys · API log",
    render,
    key: handle_key,
    keys: |_| keys::API_LOG.to_vec(),
    list: Some(super::ListGeometry {
        sel: |app| &app.log_sel,
        sel_mut: |app| &mut app.log_sel,
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
        action(On::Act(KeyAction::CopyId), "", "", None, || {
            Msg::Copy(CopyMsg::CopyId)
        }),
        action(On::Act(KeyAction::CopyJson), "", "", None, || {
            Msg::Copy(CopyMsg::CopyAll)
        }),
        action(On::Act(KeyAction::Back), "", "", None, || Msg::Back),
    ];
    list_key(actions, key)
}

/// A failed request says so in words ("✗ 500"), and in red.
fn failed(e: &ApiLogEntry) -> bool {
    e.status.is_none_or(|s| s >= 400)
}

const COLUMNS: &[Column<ApiLogEntry>] = &[
    column("TIME", Length(8), |app, e| {
        e.at.to_zoned(app.ctx.tz.clone())
            .strftime("%H:%M:%S")
            .to_string()
    }),
    column("METHOD", Length(6), |_, e| e.method.clone()),
    column("PATH", Fill(1), |_, e| e.path.clone()),
    Column {
        title: "STATUS",
        width: Length(8),
        text: |_, e| match (e.status, &e.failure) {
            (Some(s), _) if s < 400 => s.to_string(),
            (Some(s), _) => format!("✗ {s}"),
            (None, f) => format!("✗ {}", f.as_deref().unwrap_or("no answer")),
        },
        style: |t, e| failed(e).then(|| t.error()),
    },
    column("LATENCY", Length(7), |_, e| {
        format!("{} ms", e.latency.as_millis())
    }),
    column("REQUEST ID", Length(18), |_, e| {
        e.request_id.clone().unwrap_or_else(|| "—".into())
    }),
];

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.ctx.theme;
    let title = Line::from(vec![
        Span::styled(" API log ", t.title()),
        Span::styled(
            format!(
                "{} requests this session · no headers or bodies are kept",
                app.api_log.len()
            ),
            t.dim(),
        ),
    ]);
    frame.render_widget(Paragraph::new(title), Rect { height: 1, ..area });
    let body = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(1),
        ..area
    };
    resources::table(app, frame, body, COLUMNS, plain, &app.api_log, &app.log_sel);
}
