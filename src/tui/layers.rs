//! Who has the keyboard, written once: the boxes open over the screen, top
//! first. Keys, paste, Esc, the mouse, the footer and the drawing order all
//! ask this one function, so what is drawn on top is what takes the keys
//! (an error that arrives while the palette is open is drawn over it, and
//! now also answers the keys).

use super::app::{App, Screen};

/// A box over the screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Modal {
    TokenPrompt,
    Error,
    Confirm,
    Palette,
    Info,
    Help,
    /// The form's "restore draft?" box.
    DraftOffer,
    /// The form's "send again?" box.
    Resend,
    /// The `g` prompt in the workspaces list's title.
    Goto,
}

/// The open boxes, top first.
pub fn stack(app: &App) -> Vec<Modal> {
    let form_box = |pick: fn(&super::form::FormState) -> bool| {
        app.screen == Screen::Form && app.form().is_some_and(pick)
    };
    [
        (Modal::TokenPrompt, app.token_prompt.is_some()),
        (Modal::Error, app.error.is_some()),
        (Modal::Confirm, app.confirm.is_some()),
        (Modal::Palette, app.palette.is_some()),
        (Modal::Info, app.info),
        (Modal::Help, app.help),
        (Modal::DraftOffer, form_box(|f| f.offer.is_some())),
        (Modal::Resend, form_box(|f| f.confirm_resend)),
        (Modal::Goto, app.session.workspaces.goto.is_some()),
    ]
    .into_iter()
    .filter_map(|(m, open)| open.then_some(m))
    .collect()
}

/// The box that has the keyboard, if any.
pub fn top(app: &App) -> Option<Modal> {
    stack(app).first().copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::app::{Context, ErrorPopup};

    #[test]
    fn an_error_over_the_palette_is_on_top() {
        let mut app = App::new(Context::fixed(), (80, 24), true);
        crate::tui::palette::open(&mut app, String::new());
        assert_eq!(top(&app), Some(Modal::Palette));
        app.error = Some(ErrorPopup::new("Boom", "text"));
        assert_eq!(stack(&app), vec![Modal::Error, Modal::Palette]);
    }
}
