//! Every colour and style in one place. Nothing is signalled by colour
//! alone: errors also carry `✗` and text, required fields a `*`, the
//! selection and badges are also bold or reversed.
//!
//! `NO_COLOR` (https://no-color.org) turns every colour off: each style has
//! a form made only of bold, dim, underline and reverse.

use ratatui::style::{Color, Modifier, Style};
use std::sync::atomic::{AtomicBool, Ordering};

static NO_COLOR: AtomicBool = AtomicBool::new(false);

/// Set once at start-up from the environment (`NO_COLOR` set and non-empty).
pub fn set_no_color(on: bool) {
    NO_COLOR.store(on, Ordering::Relaxed);
}

pub fn no_color_from_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// The coloured style, or the colourless one under `NO_COLOR`.
fn pick(colour: Style, plain: Style) -> Style {
    if NO_COLOR.load(Ordering::Relaxed) {
        plain
    } else {
        colour
    }
}

const fn m(modifier: Modifier) -> Style {
    Style::new().add_modifier(modifier)
}

pub fn title() -> Style {
    m(Modifier::BOLD)
}
pub fn dim() -> Style {
    pick(Style::new().fg(Color::DarkGray), m(Modifier::DIM))
}
pub fn key() -> Style {
    pick(
        Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
        m(Modifier::BOLD),
    )
}
pub fn selected() -> Style {
    pick(
        Style::new()
            .bg(Color::Blue)
            .fg(Color::White)
            .add_modifier(Modifier::BOLD),
        m(Modifier::REVERSED).add_modifier(Modifier::BOLD),
    )
}
pub fn focused() -> Style {
    pick(
        Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
        m(Modifier::BOLD),
    )
}
pub fn error() -> Style {
    pick(Style::new().fg(Color::Red), m(Modifier::BOLD))
}
pub fn warning() -> Style {
    pick(Style::new().fg(Color::Yellow), m(Modifier::BOLD))
}
pub fn success() -> Style {
    pick(Style::new().fg(Color::Green), m(Modifier::BOLD))
}
pub fn header() -> Style {
    pick(
        Style::new().bg(Color::DarkGray).fg(Color::White),
        m(Modifier::REVERSED),
    )
}
pub fn sandbox_badge() -> Style {
    pick(
        Style::new()
            .bg(Color::Green)
            .fg(Color::Black)
            .add_modifier(Modifier::BOLD),
        m(Modifier::BOLD),
    )
}
pub fn input() -> Style {
    m(Modifier::UNDERLINED)
}
pub fn button(focused: bool) -> Style {
    match (focused, NO_COLOR.load(Ordering::Relaxed)) {
        (true, false) => Style::new()
            .bg(Color::Green)
            .fg(Color::Black)
            .add_modifier(Modifier::BOLD),
        (true, true) => m(Modifier::REVERSED).add_modifier(Modifier::BOLD),
        (false, false) => Style::new().fg(Color::Green),
        (false, true) => Style::new(),
    }
}

/// The style of a `37/100` counter: plain, near the limit, over it.
pub fn counter(len: usize, max: usize) -> Style {
    if len > max {
        error().add_modifier(Modifier::BOLD)
    } else if len * 10 >= max * 9 {
        warning()
    } else {
        dim()
    }
}

/// The profile's frame.
pub fn frame(color: Color) -> Style {
    pick(Style::new().fg(color), Style::new())
}

/// A colour from config: a name ("red", "lightblue"), `#rrggbb` or an
/// index 0–255.
pub fn parse_color(text: &str) -> Result<Color, String> {
    text.trim().parse::<Color>().map_err(|_| {
        format!("{text:?} is not a colour (a name such as red or lightblue, #rrggbb, or 0-255)")
    })
}
