//! The form's "discard what you typed?" question (Ctrl+D), asked in the
//! form's banner where the typing is; it takes its answer first, and only
//! it. The form holds its state (`FormState.discard_form_asked`).

use crate::tui::app::App;
use crate::tui::boxes::{BoxSpec, Esc, active, no_paste, no_scroll, no_typing};
use crate::tui::keymap::{Key, KeyAction as A};
use crate::tui::msg::{FormMsg, Msg};
use ratatui::crossterm::event::KeyCode;

pub static BOX: BoxSpec = BoxSpec {
    key,
    paste: no_paste,
    esc: Esc::Run(|app| {
        if let Some(f) = app.form_mut() {
            f.discard_form_asked = false;
        }
    }),
    typing: no_typing,
    footer: None,
    // Drawn by the form, in its banner above the fields.
    render: |_, _, _| {},
    scroll: no_scroll,
    passive: active,
    mouse: None,
};

fn key(_: &App, key: Key) -> Option<Msg> {
    Some(match (key.action, key.code) {
        (_, KeyCode::Char('y')) => Msg::Form(FormMsg::DiscardForm),
        (_, KeyCode::Char('n')) | (Some(A::Back), _) => Msg::Form(FormMsg::KeepForm),
        _ => Msg::Expects("Discard what you typed? y discards it, n or Esc keeps it"),
    })
}
