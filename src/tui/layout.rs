//! The one home of geometry: where the frame, header, body, status line and
//! footer are for a terminal of a given size, and how many list rows a
//! screen has. Drawing, mouse clicks and `update` (keeping the cursor in
//! view) all ask here, so they never disagree.

use super::app::{App, Screen};
use super::screens;
use ratatui::layout::{Constraint, Layout, Rect};

pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// The parts of the screen, top to bottom.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Areas {
    /// Inside the profile's coloured frame, if it has one.
    pub inner: Rect,
    pub header: Rect,
    pub body: Rect,
    pub status: Rect,
    pub footer: Rect,
}

/// The parts for a terminal of `size`, `framed` by a profile's colour.
pub fn areas(size: (u16, u16), framed: bool) -> Areas {
    let whole = Rect::new(0, 0, size.0, size.1);
    let inner = match framed {
        true => Rect::new(1, 1, size.0.saturating_sub(2), size.1.saturating_sub(2)),
        false => whole,
    };
    let [header, body, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    Areas {
        inner,
        header,
        body,
        status,
        footer,
    }
}

/// Too small to draw anything but a note saying so.
pub fn too_small(size: (u16, u16)) -> bool {
    size.0 < MIN_WIDTH || size.1 < MIN_HEIGHT
}

/// The areas of `app` as it is now.
pub fn of(app: &App) -> Areas {
    areas(app.size, app.ctx.color.is_some())
}

/// The body of the frame being drawn (its own size: a test may draw at
/// another than the app's last known).
pub fn body_of(app: &App, frame: &ratatui::Frame) -> ratatui::layout::Rect {
    let size = frame.area();
    areas((size.width, size.height), app.ctx.color.is_some()).body
}

/// Rows available to the list on `screen` for `app`'s terminal.
pub fn list_height(app: &App, screen: Screen) -> usize {
    let chrome = screens::spec(screen).list.as_ref().map_or(0, |l| l.chrome);
    (of(app).body.height as usize).saturating_sub(chrome).max(1)
}

/// Rows available to the list on the screen on top.
pub fn rows(app: &App) -> usize {
    list_height(app, app.screen())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frame_takes_a_cell_on_every_side_and_the_body_the_rest() {
        let plain = areas((80, 24), false);
        assert_eq!(plain.header, Rect::new(0, 0, 80, 1));
        assert_eq!(plain.body, Rect::new(0, 1, 80, 21));
        assert_eq!(plain.footer, Rect::new(0, 23, 80, 1));
        let framed = areas((80, 24), true);
        assert_eq!(framed.body, Rect::new(1, 2, 78, 19));
        assert_eq!(framed.footer, Rect::new(1, 22, 78, 1));
    }
}
