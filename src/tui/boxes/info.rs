//! `i`: the session: profile, API, token source (masked), paths.

use crate::tui::app::App;
use crate::tui::boxes::{BoxSpec, Esc, no_paste, no_scroll, no_typing};
use crate::tui::keymap::{Key, KeyAction as A};
use crate::tui::msg::{Msg, NavMsg};
use crate::tui::view::{Dialog, dialog, keys_line, safe};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

pub static BOX: BoxSpec = BoxSpec {
    key,
    paste: no_paste,
    esc: Esc::Close,
    typing: no_typing,
    footer: None,
    render,
    scroll: no_scroll,
    passive: |_| true,
    mouse: None,
};

fn key(_: &App, key: Key) -> Option<Msg> {
    match key.action {
        Some(A::Info) | Some(A::Back) => Some(Msg::Nav(NavMsg::ToggleInfo)),
        Some(A::Quit) => Some(Msg::Quit),
        _ => None,
    }
}

fn render(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.ctx.theme;
    let row = |k: &str, v: String| {
        Line::from(vec![Span::styled(format!(" {k:9}"), t.dim()), Span::raw(v)])
    };
    let mut lines = vec![
        row("profile", safe(&app.ctx.profile)),
        row("API", safe(&app.ctx.api_url)),
        row(
            "token",
            app.ctx
                .token
                .as_deref()
                .map(safe)
                .unwrap_or_else(|| "none yet".into()),
        ),
    ];
    for (k, v) in &app.ctx.paths {
        lines.push(row(k, safe(v)));
    }
    let keys = keys_line(t, &[("i or Esc", "closes this")]);
    dialog(
        t,
        frame,
        area,
        Dialog {
            width: 76,
            title: "Session",
            body: lines,
            keys,
            scroll: 0,
        },
    );
}
