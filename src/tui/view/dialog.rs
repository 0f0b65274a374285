//! The pieces every box is made of: a cleared, framed area (`boxed`,
//! `popup`), a dialog sized to its wrapped text with its keys on the last
//! row (`dialog`), the keys line, and word wrapping.

use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// A centred box of at most `w`×`h`, cleared.
pub fn popup(t: &Theme, frame: &mut Frame, area: Rect, w: u16, h: u16, title: &str) -> Rect {
    let w = w.min(area.width.saturating_sub(2));
    let h = h.min(area.height.saturating_sub(2));
    let rect = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    };
    boxed(frame, rect, Span::styled(format!(" {title} "), t.title()))
}

/// Every box over the screen: `rect` cleared, framed and titled; the
/// inside is returned to draw in.
pub fn boxed(frame: &mut Frame, rect: Rect, title: Span<'static>) -> Rect {
    frame.render_widget(Clear, rect);
    let block = Block::default().borders(Borders::ALL).title(title);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    inner
}

/// What a dialog shows: see [`dialog`].
pub struct Dialog<'a> {
    pub width: u16,
    pub title: &'a str,
    pub body: Vec<Line<'a>>,
    /// Its keys, always on the last row.
    pub keys: Line<'a>,
    /// Rows scrolled, when the body is taller than the screen.
    pub scroll: u16,
}

/// A dialog of at most `width` columns, as tall as `body` once wrapped
/// (measured by the same wrapping that draws it), with `keys` always on its
/// last row: a body taller than the screen is cut at `scroll` rows down and
/// says so, but the keys never are.
pub fn dialog(t: &Theme, frame: &mut Frame, area: Rect, d: Dialog) -> Rect {
    let Dialog {
        width,
        title,
        body,
        keys,
        scroll,
    } = d;
    let text_width = width
        .min(area.width.saturating_sub(2))
        .saturating_sub(2)
        .max(1);
    let paragraph = Paragraph::new(body).wrap(Wrap { trim: false });
    let rows = paragraph.line_count(text_width) as u16;
    // Borders, a blank line and the keys around the body.
    let inner = popup(t, frame, area, width, rows.saturating_add(4), title);
    let body_rows = inner.height.saturating_sub(2);
    let scroll = scroll.min(rows.saturating_sub(body_rows));
    let [body_area, _, keys_area] = Layout::vertical([
        Constraint::Length(body_rows),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    frame.render_widget(paragraph.scroll((scroll, 0)), body_area);
    let mut keys = keys;
    if rows > body_rows {
        keys.spans.push(Span::styled(
            format!(
                "   ↑/↓ scroll ({}-{} of {rows} lines)",
                scroll + 1,
                (scroll + body_rows).min(rows)
            ),
            t.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(keys), keys_area);
    body_area
}

/// `text` broken into rows of at most `width` cells, at spaces where it
/// can (a word longer than a row is split).
/// The width a dialog of at most `width` columns gives its text in `area`
/// (as [`dialog`] sizes it).
pub fn text_width(width: u16, area: Rect) -> usize {
    usize::from(
        width
            .min(area.width.saturating_sub(2))
            .saturating_sub(2)
            .max(1),
    )
}

/// `text` after `prefix` (" ✗ ", a key's column), wrapped to `width` with
/// every further line indented under the text, not under the prefix.
pub fn hanging(
    prefix: &str,
    text: &str,
    width: usize,
    style: ratatui::style::Style,
) -> Vec<Line<'static>> {
    let indent = prefix.width();
    wrap(text, width.saturating_sub(indent).max(8))
        .into_iter()
        .enumerate()
        .map(|(i, part)| {
            let lead = if i == 0 {
                prefix.to_string()
            } else {
                " ".repeat(indent)
            };
            Line::styled(format!("{lead}{part}"), style)
        })
        .collect()
}

pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut rows = vec![String::new()];
    let mut used = 0;
    for word in text.split(' ') {
        let w = word.width();
        let last = rows.last_mut().expect("never empty");
        if used > 0 && used + 1 + w <= width {
            last.push(' ');
            last.push_str(word);
            used += 1 + w;
            continue;
        }
        if used > 0 {
            rows.push(String::new());
            used = 0;
        }
        for c in word.chars() {
            let cw = c.width().unwrap_or(0);
            if used + cw > width {
                rows.push(String::new());
                used = 0;
            }
            rows.last_mut().expect("never empty").push(c);
            used += cw;
        }
    }
    rows
}

/// Keys for a dialog's last row: `[("y", "copy"), …]`.
pub fn keys_line(t: &Theme, keys: &[(&str, &str)]) -> Line<'static> {
    let mut spans = Vec::new();
    for (key, what) in keys {
        spans.push(Span::styled(format!(" {key}"), t.key()));
        spans.push(Span::raw(format!(" {what}  ")));
    }
    Line::from(spans)
}
