//! `?`: the keys of the screen underneath, and the user's own.

use crate::tui::app::App;
use crate::tui::boxes::{BoxSpec, Esc, no_paste, no_typing};
use crate::tui::keymap::{Key, KeyAction as A};
use crate::tui::msg::{Msg, NavMsg};
use crate::tui::view::{Dialog, dialog, keys_line, safe};
use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

pub static BOX: BoxSpec = BoxSpec {
    key,
    paste: no_paste,
    esc: Esc::Close,
    typing: no_typing,
    footer: None,
    render,
    scroll: |app| app.boxes.help_scroll_mut(),
    passive: |_| true,
    mouse: None,
};

fn key(_: &App, key: Key) -> Option<Msg> {
    match (key.action, key.code) {
        (Some(A::Help), _) | (_, KeyCode::F(1)) => Some(Msg::Nav(NavMsg::ToggleHelp)),
        (Some(A::Back), _) => Some(Msg::Back),
        (Some(A::Quit), _) => Some(Msg::Quit),
        _ => super::scroll_key(&key),
    }
}

fn render(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.ctx.theme;
    let keys = crate::tui::keys::for_app(app);
    let title = (crate::tui::screens::spec(app.screen()).help_title)(app);
    let width = keys
        .iter()
        .map(|k| k.keys.chars().count())
        .max()
        .unwrap_or(0);
    let everywhere = crate::tui::keys::everywhere(app, &keys);
    let width = everywhere
        .iter()
        .map(|k| k.keys.chars().count())
        .max()
        .unwrap_or(0)
        .max(width);
    // A long "what" wraps under its own text, not under the keys.
    let room = crate::tui::view::text_width(72, area)
        .saturating_sub(width + 3)
        .max(8);
    let row = |k: &crate::tui::keys::KeyHelp| -> Vec<Line> {
        crate::tui::view::wrap(k.what, room)
            .into_iter()
            .enumerate()
            .map(|(i, part)| {
                let keys = if i == 0 { k.keys } else { "" };
                Line::from(vec![
                    Span::styled(format!(" {keys:width$}  "), t.key()),
                    Span::raw(part),
                ])
            })
            .collect()
    };
    let mut lines: Vec<Line> = keys.iter().flat_map(row).collect();
    if !everywhere.is_empty() {
        lines.push(Line::raw(""));
        let heading = match crate::tui::layers::screen_typing(app) {
            true => " Everywhere, also while typing",
            false => " Everywhere",
        };
        lines.push(Line::styled(heading, t.title()));
        lines.extend(everywhere.iter().flat_map(row));
    }
    if !app.keymap.shown.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(" Your keys (config [keys])", t.title()));
        for (key, action) in &app.keymap.shown {
            lines.push(Line::from(vec![
                Span::styled(format!(" {:width$}  ", safe(key)), t.key()),
                Span::raw(safe(action)),
            ]));
        }
    }
    let keys = keys_line(t, &[("F1, ? or Esc", "closes this help")]);
    dialog(
        t,
        frame,
        area,
        Dialog {
            width: 72,
            title,
            body: lines,
            keys,
            scroll: app.boxes.help_scroll(),
        },
    );
}
