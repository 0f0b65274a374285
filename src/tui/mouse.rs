//! Mouse events to messages: a click selects a row (a click on the
//! selected row opens it), focuses a field or opens its dropdown, picks
//! an option; the wheel scrolls. Places are found with the same layout
//! functions the screens draw with. `m` (or preferences.mouse) releases
//! the mouse so the terminal can select text.

use super::app::{App, Screen};
use super::msg::{Move, Msg};
use super::screens;
use crate::tui::msg::{FormMsg, NavMsg};
use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

pub fn to_msg(app: &App, ev: MouseEvent) -> Option<Msg> {
    // A box over the screen has the keyboard: the mouse is its, if it
    // takes it (the form's dropdown), else the mouse waits for it.
    if let Some(kind) = super::layers::top(app) {
        return super::boxes::spec(kind)
            .mouse
            .and_then(|mouse| mouse(app, ev));
    }
    let body = super::layout::of(app).body;
    match ev.kind {
        MouseEventKind::ScrollDown => Some(Msg::Nav(NavMsg::Move(Move::Down))),
        MouseEventKind::ScrollUp => Some(Msg::Nav(NavMsg::Move(Move::Up))),
        MouseEventKind::Down(MouseButton::Left) => {
            if app.screen() == Screen::Form {
                let i = screens::account_form::hit(app, body, ev.row)?;
                return Some(Msg::Form(FormMsg::ClickField(i)));
            }
            let list = screens::spec(app.screen()).list.as_ref()?;
            let first = body.y + list.first_row;
            let last = body.y + body.height.saturating_sub(1);
            if ev.row < first || ev.row > last {
                return None;
            }
            let sel = (list.sel)(app);
            // Where drawing put the rows (the same clamped window).
            let rows = crate::tui::layout::rows(app);
            let pos = sel.window(rows).start + (ev.row - first) as usize;
            (pos < sel.visible.len()).then_some(Msg::Nav(NavMsg::ClickRow(pos)))
        }
        _ => None,
    }
}
