//! "An account like it exists": the existing account (name, email, id)
//! and why it looks the same, over the form, before anything is sent.

use crate::tui::app::App;
use crate::tui::boxes::{BoxSpec, Esc, active, no_paste, no_scroll, no_typing};
use crate::tui::form::{Duplicate, FoundIn};
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
    esc: Esc::Run(crate::tui::update::esc::duplicate),
    typing: no_typing,
    footer: None,
    render: |app, frame, area| {
        if let Some(d) = app.form().and_then(|f| f.duplicate.as_ref()) {
            draw(app, d, frame, area);
        }
    },
    scroll: no_scroll,
    passive: active,
    mouse: None,
};

/// Open it, create anyway, or edit on.
fn key(_: &App, key: Key) -> Option<Msg> {
    Some(match (key.action, key.code) {
        (Some(A::Open), _) | (_, KeyCode::Char('o')) => Msg::Form(FormMsg::OpenExisting),
        (_, KeyCode::Char('c')) | (_, KeyCode::Char('y')) => Msg::Form(FormMsg::CreateAnyway),
        (Some(A::Back), _) | (_, KeyCode::Char('n')) => Msg::Back,
        _ => Msg::Expects("Like an existing account: Enter opens it, c creates anyway, Esc edits"),
    })
}

fn draw(app: &App, d: &Duplicate, frame: &mut Frame, area: Rect) {
    let t = &app.ctx.theme;
    let mut body = match &d.found {
        FoundIn::Here(_) => vec![Line::raw(format!(
            " This workspace has an account with {}:",
            d.same.word()
        ))],
        FoundIn::Elsewhere {
            workspace_name,
            workspace_id,
            age,
        } => vec![
            Line::raw(format!(
                " Another workspace has an account with {}:",
                d.same.word()
            )),
            Line::styled(
                format!(
                    " {} ({}), as indexed {} ago",
                    safe(workspace_name),
                    safe(workspace_id),
                    crate::index::age(*age)
                ),
                t.dim(),
            ),
        ],
    };
    body.extend([
        Line::raw(""),
        Line::styled(format!("   {}", safe(&d.name)), t.title()),
        Line::raw(format!("   {}", safe(&d.email))),
        Line::styled(format!("   {}", safe(&d.id)), t.dim()),
        Line::raw(""),
        Line::raw(" Nothing was sent. A second account would be a second Stripe customer."),
    ]);
    let keys = keys_line(
        t,
        &[
            ("Enter", "open it"),
            ("c", "create anyway"),
            ("Esc", "back to the form"),
        ],
    );
    dialog(
        t,
        frame,
        area,
        Dialog {
            width: 76,
            title: "Already there?",
            body,
            keys,
            scroll: 0,
        },
    );
}
