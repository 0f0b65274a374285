//! The form's "send again?" box: the last send had an unclear answer
//! that could not be looked up, and sending again is the user's call. The
//! form holds its state (`FormState.confirm_resend`).

use crate::tui::app::App;
use crate::tui::boxes::{BoxSpec, Esc, active, no_paste, no_scroll, no_typing};
use crate::tui::keymap::{Key, KeyAction as A};
use crate::tui::msg::{FormMsg, Msg};
use crate::tui::view::{Dialog, dialog, keys_line, safe};
use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::text::Line;

pub static BOX: BoxSpec = BoxSpec {
    key,
    paste: no_paste,
    esc: Esc::Screen,
    typing: no_typing,
    footer: None,
    render,
    scroll: no_scroll,
    passive: active,
    mouse: None,
};

fn key(_: &App, key: Key) -> Option<Msg> {
    Some(match (key.action, key.code) {
        (_, KeyCode::Char('y')) => Msg::Form(FormMsg::ConfirmResend),
        (_, KeyCode::Char('n')) | (Some(A::Back), _) => Msg::Form(FormMsg::CancelResend),
        _ => Msg::Expects("Send again? y sends (same key), n or Esc does not"),
    })
}

fn render(app: &App, frame: &mut Frame, _: Rect) {
    let t = &app.ctx.theme;
    let Some(f) = app.form() else { return };
    // Over the form's body, as the form's own question.
    let area = crate::tui::layout::body_of(app, frame);
    let why = match &f.phase {
        crate::tui::write::Phase::Unknown(why) => why.clone(),
        _ => String::new(),
    };
    let risk = match f.editing {
        // A PATCH sent twice sets the same values twice.
        Some(_) => [
            " The first request may still have saved the edits. Sending again",
            " sends the same changed fields; nothing is created.",
        ],
        None => [
            " The first request may still have created the account. Sending again",
            " reuses its Idempotency-Key, but the API does not document one.",
        ],
    };
    let text = vec![
        Line::raw(" The last send had an unclear answer and"),
        Line::raw(format!(" {}.", safe(&why))),
        Line::raw(""),
        Line::raw(risk[0]),
        Line::raw(risk[1]),
    ];
    let keys = keys_line(t, &[("y", "send again"), ("n/Esc", "do not send")]);
    dialog(
        t,
        frame,
        area,
        Dialog {
            width: 76,
            title: "Send again?",
            body: text,
            keys,
            scroll: 0,
        },
    );
}
