//! Every colour and style in one place. Nothing is signalled by colour
//! alone: errors also carry `✗` and text, required fields a `*`.

use ratatui::style::{Color, Modifier, Style};

pub fn title() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}
pub fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}
pub fn key() -> Style {
    Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
}
pub fn selected() -> Style {
    Style::new()
        .bg(Color::Blue)
        .fg(Color::White)
        .add_modifier(Modifier::BOLD)
}
pub fn focused() -> Style {
    Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
}
pub fn error() -> Style {
    Style::new().fg(Color::Red)
}
pub fn warning() -> Style {
    Style::new().fg(Color::Yellow)
}
pub fn success() -> Style {
    Style::new().fg(Color::Green)
}
pub fn header() -> Style {
    Style::new().bg(Color::DarkGray).fg(Color::White)
}
pub fn sandbox_badge() -> Style {
    Style::new()
        .bg(Color::Green)
        .fg(Color::Black)
        .add_modifier(Modifier::BOLD)
}
pub fn input() -> Style {
    Style::new().add_modifier(Modifier::UNDERLINED)
}
pub fn button(focused: bool) -> Style {
    if focused {
        Style::new()
            .bg(Color::Green)
            .fg(Color::Black)
            .add_modifier(Modifier::BOLD)
    } else {
        Style::new().fg(Color::Green)
    }
}

/// The colour of a `37/100` counter: plain, near the limit, over it.
pub fn counter(len: usize, max: usize) -> Style {
    if len > max {
        error().add_modifier(Modifier::BOLD)
    } else if len * 10 >= max * 9 {
        warning()
    } else {
        dim()
    }
}
