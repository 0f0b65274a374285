//! "An account like it exists": the existing account (name, email, id)
//! and why it looks the same, over the form, before anything is sent.

use crate::tui::app::App;
use crate::tui::form::Duplicate;
use crate::tui::view::{Dialog, dialog, keys_line, safe};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

pub fn render(app: &App, d: &Duplicate, frame: &mut Frame, area: Rect) {
    let t = &app.ctx.theme;
    let a = &d.account;
    let body = vec![
        Line::raw(format!(
            " This workspace has an account with {}:",
            d.same.word()
        )),
        Line::raw(""),
        Line::styled(format!("   {}", safe(&a.name)), t.title()),
        Line::raw(format!("   {}", safe(&a.email))),
        Line::styled(format!("   {}", safe(&a.id)), t.dim()),
        Line::raw(""),
        Line::raw(" Nothing was sent. A second account would be a second Stripe customer."),
    ];
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
