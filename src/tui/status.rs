//! The status line's message: said by `update`, owned by the screen and
//! box the keyboard is on when its update ends, ended when the keyboard
//! leaves them (see [`App::settle_status`]).

use super::app::{App, Screen, Status, StatusKind};

impl App {
    pub fn set_status(&mut self, kind: StatusKind, text: impl Into<String>) {
        self.status = Some(Status {
            kind,
            text: text.into(),
            owner: None,
        });
    }

    /// Where the keyboard is, as a status message's owner: the screen on
    /// top and the box over it, leaving out the boxes that only show
    /// something (help, the session, the last message in full).
    pub fn status_place(&self) -> (Screen, Option<crate::tui::layers::Modal>) {
        let top = crate::tui::layers::stack(self)
            .into_iter()
            .find(|&m| !(crate::tui::boxes::spec(m).passive)(self));
        (self.screen(), top)
    }

    /// Run when an update ends: a message said in it belongs to where the
    /// keyboard now is; one said earlier ends once the keyboard has left
    /// its screen or box (a message belongs to where it was said, and an
    /// in-progress one ends with its work, whose answer moves on).
    pub fn settle_status(&mut self) {
        let here = self.status_place();
        match self.status.as_mut() {
            Some(s) if s.owner.is_none() => s.owner = Some(here),
            Some(s) if s.owner != Some(here) => self.said = self.status.take(),
            _ => {}
        }
    }
}
