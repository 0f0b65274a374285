//! `g` over any screen but the workspaces list (which shows the prompt in
//! its title): go to a workspace by id or exact name.

use crate::tui::app::{App, Screen};
use crate::tui::boxes::{BoxSpec, Esc, active, no_scroll};
use crate::tui::keymap::{Key, KeyAction as A};
use crate::tui::msg::{Msg, NavMsg};
use crate::tui::view::{Dialog, dialog, keys_line, safe, spinner};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

pub static BOX: BoxSpec = BoxSpec {
    key,
    paste: |app, text| {
        if let Some(g) = &mut app.session.workspaces.goto {
            crate::tui::update::type_into(g, text.trim());
        }
    },
    esc: Esc::Run(|app| {
        app.session.workspaces.goto = None;
        app.session.workspaces.goto_load = crate::tui::app::Load::Idle;
    }),
    typing: |_| true,
    footer: None,
    render,
    scroll: no_scroll,
    passive: active,
    mouse: None,
};

fn key(_: &App, key: Key) -> Option<Msg> {
    match key.action {
        Some(A::Open) => Some(Msg::Nav(NavMsg::GotoSubmit)),
        Some(A::Back) => Some(Msg::Back),
        _ => key.edit().map(|r| Msg::Nav(NavMsg::GotoEdit(r))),
    }
}

fn render(app: &App, frame: &mut Frame, area: Rect) {
    let ws = &app.session.workspaces;
    let Some(goto) = ws
        .goto
        .as_ref()
        .filter(|_| app.screen() != Screen::Workspaces)
    else {
        return;
    };
    let t = &app.ctx.theme;
    let mut prompt = vec![
        Span::raw(" > "),
        Span::styled(safe(goto.value()), t.input()),
        Span::styled("▏", t.focused()),
    ];
    if ws.goto_load.is_loading() {
        prompt.push(Span::raw(format!(" {} looking it up…", spinner(app))));
    }
    let body = vec![
        Line::raw(" A workspace's id (ws_…) or its exact name:"),
        Line::from(prompt),
    ];
    dialog(
        t,
        frame,
        area,
        Dialog {
            width: 64,
            title: "Go to a workspace",
            body,
            keys: keys_line(t, &[("Enter", "go"), ("Esc", "cancel")]),
            scroll: 0,
        },
    );
}
