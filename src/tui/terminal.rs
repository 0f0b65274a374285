//! Entering and leaving the terminal's full-screen mode. `restore` is safe
//! to call more than once, and the panic hook calls it before the panic
//! message is printed, so the message lands on a usable terminal.

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use std::io::{Stdout, stdout};

pub type Term = Terminal<CrosstermBackend<Stdout>>;

/// Full-screen mode on; a panic from here on saves the `drafts` still
/// pending (to `paths`) and restores the terminal before the message is
/// printed.
pub fn enter(paths: crate::paths::Paths, drafts: super::drafts::Pending) -> std::io::Result<Term> {
    install_panic_hook(paths, drafts);
    enable_raw_mode()?;
    if let Err(e) = execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste) {
        restore();
        return Err(e);
    }
    Terminal::new(CrosstermBackend::new(stdout())).inspect_err(|_| restore())
}

/// Mouse reporting on (clicks, wheel) or off (the terminal selects text).
pub fn set_mouse(on: bool) {
    let _ = if on {
        execute!(stdout(), EnableMouseCapture)
    } else {
        execute!(stdout(), DisableMouseCapture)
    };
}

/// Raw mode off, paste and mouse modes off, alternate screen left, cursor
/// shown.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(
        stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
}

fn install_panic_hook(paths: crate::paths::Paths, drafts: super::drafts::Pending) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        drafts.flush(&paths);
        restore();
        previous(info);
    }));
}
