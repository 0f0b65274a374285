//! The form's "restore draft?" box (and its "discard for good?"
//! question): a draft saved for this workspace, offered when the form
//! opens. The form holds its state (`FormState.offer`).

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
    // "Decide later" leaves the form, as Esc there does.
    esc: Esc::Screen,
    typing: no_typing,
    footer: None,
    render,
    scroll: no_scroll,
    passive: active,
    mouse: None,
};

/// Nothing destructive starts from a stray key: discarding asks again,
/// and any other key says what the box expects. Only the keys the box
/// shows: a name typed at once after `n` must not restore (or discard)
/// anything on one of its letters.
fn key(app: &App, key: Key) -> Option<Msg> {
    let f = app.form()?;
    Some(if f.discard_asked {
        match (key.action, key.code) {
            (_, KeyCode::Char('y')) => Msg::Form(FormMsg::DiscardDraft),
            (_, KeyCode::Char('n')) | (Some(A::Back), _) => Msg::Form(FormMsg::KeepDraft),
            _ => Msg::Expects("Discard for good? y discards, n or Esc keeps it"),
        }
    } else {
        match (key.action, key.code) {
            (Some(A::Open), _) => Msg::Form(FormMsg::RestoreDraft),
            (_, KeyCode::Char('d')) if !f.offer_typed => Msg::Form(FormMsg::AskDiscardDraft),
            (Some(A::Back), _) => Msg::Back,
            _ => Msg::Expects("Draft box: Enter restores, d discards, Esc decides later"),
        }
    })
}

fn render(app: &App, frame: &mut Frame, _: Rect) {
    let t = &app.ctx.theme;
    let Some((f, draft)) = app.form().and_then(|f| Some((f, f.offer.as_ref()?))) else {
        return;
    };
    // Over the form's body, as the form's own question.
    let area = crate::tui::layout::body_of(app, frame);
    let saved = draft
        .saved_at
        .parse::<jiff::Timestamp>()
        .map(|t| {
            t.to_zoned(app.ctx.tz.clone())
                .strftime("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_else(|_| "earlier".into());
    let who = Line::raw(format!(
        "   {} <{}>",
        safe(&draft.input.name),
        safe(&draft.input.email)
    ));
    let sent = draft.sent_at.is_some();
    // Asking to discard, the question comes first: in a small terminal
    // it must not be the line that is cut.
    let (text, keys) = if f.discard_asked {
        let mut text = vec![
            Line::styled(
                " Discard this draft for good? It cannot be brought back.",
                t.warning(),
            ),
            who,
        ];
        if sent {
            text.push(Line::styled(
                " It was being sent when alto stopped: the account may exist.",
                t.warning(),
            ));
        }
        let keys = keys_line(t, &[("y", "discard it"), ("n/Esc", "keep it")]);
        (text, keys)
    } else {
        let mut text = vec![
            Line::raw(format!(" A draft for this workspace was saved {saved}:")),
            who,
        ];
        if sent {
            text.push(Line::styled(
                " It was being sent when alto stopped: restoring looks the account up first.",
                t.warning(),
            ));
        }
        let keys = keys_line(
            t,
            &[
                ("Enter", "restore"),
                ("d", "discard…"),
                ("Esc", "decide later"),
            ],
        );
        (text, keys)
    };
    dialog(
        t,
        frame,
        area,
        Dialog {
            width: 76,
            title: "Restore draft?",
            body: text,
            keys,
            scroll: 0,
        },
    );
}
