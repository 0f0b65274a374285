//! Rendering: a pure function of `App`. The frame is header, body (the
//! screen), status line and footer; overlays (help, error, token prompt)
//! are drawn last. Every string that came from outside goes through
//! `inert` on its way to a cell.

use super::app::{App, StatusKind};
use super::keys::{self, KeyHelp};
use super::screens;
use super::theme::Theme;
use crate::inert::{DISPLAY_MAX, bounded, shown};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::layout::{MIN_HEIGHT, MIN_WIDTH};
pub use dialog::{Dialog, boxed, dialog, hanging, keys_line, popup, text_width, wrap};

mod dialog;

const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

pub fn spinner(app: &App) -> &'static str {
    SPINNER[app.spinner % SPINNER.len()]
}

/// Text from outside, made safe to draw: bounded, controls escaped, and
/// width-confusing characters escaped so alto and the terminal agree on
/// every cell.
pub fn safe(s: &str) -> String {
    shown(&bounded(s, DISPLAY_MAX, "")).into_owned()
}

pub fn render(app: &App, frame: &mut Frame) {
    let t = &app.ctx.theme;
    let area = frame.area();
    if super::layout::too_small((area.width, area.height)) {
        let msg = format!(
            "Terminal too small: {}×{} (alto needs at least {MIN_WIDTH}×{MIN_HEIGHT}). Enlarge it, or press Ctrl+C to quit.",
            area.width, area.height
        );
        frame.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), area);
        return;
    }
    // A profile's colour frames the whole UI; its name is on the frame, so
    // the colour is never the only sign (and NO_COLOR keeps the name).
    let parts = super::layout::areas((area.width, area.height), app.ctx.color.is_some());
    if let Some(color) = app.ctx.color {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(t.frame(color))
            .title(Span::styled(
                format!(" profile {} ", safe(&app.ctx.profile)),
                t.frame(color).add_modifier(ratatui::style::Modifier::BOLD),
            ));
        frame.render_widget(block, area);
    }
    let (area, header, body, status, footer) = (
        parts.inner,
        parts.header,
        parts.body,
        parts.status,
        parts.footer,
    );
    render_header(app, frame, header);
    (screens::spec(app.screen()).render)(app, frame, body);
    render_status(app, frame, status);
    // The box on top may name its own keys; the screen's otherwise.
    let top = super::layers::top(app).and_then(|kind| super::boxes::spec(kind).footer);
    let footer_keys = top.map_or_else(|| keys::for_app(app), <[KeyHelp]>::to_vec);
    render_footer(t, &footer_keys, frame, footer);
    // The boxes, bottom first: the top one, which has the keys, is drawn
    // last.
    for kind in super::layers::stack(app).into_iter().rev() {
        (super::boxes::spec(kind).render)(app, frame, area);
    }
}

fn render_header(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.ctx.theme;
    let mut spans = vec![
        Span::styled(" alto ", t.title()),
        Span::raw(" profile "),
        Span::styled(safe(&app.ctx.profile), t.title()),
        Span::raw("  "),
        Span::raw(safe(&app.ctx.api_host)),
        Span::raw(" "),
    ];
    if app.ctx.demo {
        spans.push(Span::styled(" SANDBOX · demo data ", t.sandbox_badge()));
    }
    if let Some(badge) = app.budget.badge(std::time::Instant::now()) {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(badge, t.sandbox_badge()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(t.header()), area);
}

fn render_status(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.ctx.theme;
    let Some(status) = &app.status else { return };
    let (mark, style) = match status.kind {
        StatusKind::Info => ("·", t.dim()),
        StatusKind::Success => ("✓", t.success()),
        StatusKind::Error => ("✗", t.error()),
    };
    // A message wider than the row is cut where it says so, and Ctrl+O
    // (or `!`) opens it whole: the end of a message is never lost.
    let text = safe(&status.text);
    let room = usize::from(area.width).saturating_sub(3);
    let text = if text.width() > room {
        // Ctrl+O works whatever has the keyboard (`!` only when nothing
        // is being typed and no box is open).
        let more = "… Ctrl+O shows all";
        let mut cut = String::new();
        let mut used = more.width();
        for c in text.chars() {
            used += c.width().unwrap_or(0);
            if used > room {
                break;
            }
            cut.push(c);
        }
        cut + more
    } else {
        text
    };
    let line = Line::from(vec![
        Span::styled(format!(" {mark} "), style),
        Span::styled(text, style),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

/// The footer's keys, in order, as many as fit whole (a key cut in half
/// would read as another key); `?` lists them all.
fn render_footer(t: &Theme, keys: &[KeyHelp], frame: &mut Frame, area: Rect) {
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for k in keys {
        if let Some(label) = k.footer {
            let width = k.keys.chars().count() + 1 + label.chars().count();
            if used + width > usize::from(area.width) {
                break;
            }
            used += width + 2;
            spans.push(Span::styled(k.keys, t.key()));
            spans.push(Span::raw(format!(" {label}  ")));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
