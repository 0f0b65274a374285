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
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub use super::layout::{MIN_HEIGHT, MIN_WIDTH};

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
    (screens::spec(app.screen).render)(app, frame, body);
    render_status(app, frame, status);
    use super::layers::{self, Modal};
    let footer_keys = match layers::top(app) {
        Some(Modal::Confirm) => keys::CONFIRM.to_vec(),
        Some(Modal::Error) => keys::ERROR_POPUP.to_vec(),
        _ => keys::for_app(app),
    };
    render_footer(t, &footer_keys, frame, footer);
    // The boxes, bottom first: the top one, which has the keys, is drawn
    // last. (The form's own boxes and the go-to prompt are part of their
    // screens, drawn above.)
    for modal in layers::stack(app).into_iter().rev() {
        match modal {
            Modal::Help => render_help(app, frame, area),
            Modal::Info => render_info(app, frame, area),
            Modal::Palette => {
                if let Some(p) = &app.palette {
                    render_palette(app, p, frame, area);
                }
            }
            Modal::Confirm => {
                if let Some(c) = &app.confirm {
                    render_confirm(t, c, frame, area);
                }
            }
            Modal::Error => {
                if let Some(e) = &app.error {
                    render_error(t, e, frame, area);
                }
            }
            Modal::TokenPrompt => render_token_prompt(app, frame, area),
            Modal::DraftOffer | Modal::Resend | Modal::Goto => {}
        }
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

fn render_footer(t: &Theme, keys: &[KeyHelp], frame: &mut Frame, area: Rect) {
    let mut spans = vec![Span::raw(" ")];
    for k in keys {
        if let Some(label) = k.footer {
            spans.push(Span::styled(k.keys, t.key()));
            spans.push(Span::raw(format!(" {label}  ")));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

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

fn render_help(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.ctx.theme;
    let keys = keys::for_app(app);
    let title = (screens::spec(app.screen).help_title)(app);
    let width = keys
        .iter()
        .map(|k| k.keys.chars().count())
        .max()
        .unwrap_or(0);
    let mut lines: Vec<Line> = keys
        .iter()
        .map(|k| {
            Line::from(vec![
                Span::styled(format!(" {:width$}  ", k.keys), t.key()),
                Span::raw(k.what),
            ])
        })
        .collect();
    if !app.keymap.shown.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(" Your keys (config [keys])", t.title()));
        for (key, action) in &app.keymap.shown {
            lines.push(Line::from(vec![
                Span::styled(format!(" {:width$}  ", safe(key)), t.key()),
                Span::raw(safe(action)),
            ]));
        }
    }
    let keys = keys_line(t, &[("? or Esc", "closes this help")]);
    dialog(
        t,
        frame,
        area,
        Dialog {
            width: 72,
            title,
            body: lines,
            keys,
            scroll: app.help_scroll,
        },
    );
}

fn render_info(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.ctx.theme;
    let row = |k: &str, v: String| {
        Line::from(vec![Span::styled(format!(" {k:9}"), t.dim()), Span::raw(v)])
    };
    let mut lines = vec![
        row("profile", safe(&app.ctx.profile)),
        row("API", safe(&app.ctx.api_url)),
        row(
            "token",
            app.ctx
                .token
                .as_deref()
                .map(safe)
                .unwrap_or_else(|| "none yet".into()),
        ),
    ];
    for (k, v) in &app.ctx.paths {
        lines.push(row(k, safe(v)));
    }
    let keys = keys_line(t, &[("i or Esc", "closes this")]);
    dialog(
        t,
        frame,
        area,
        Dialog {
            width: 76,
            title: "Session",
            body: lines,
            keys,
            scroll: 0,
        },
    );
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

fn render_error(t: &Theme, e: &super::app::ErrorPopup, frame: &mut Frame, area: Rect) {
    let lines: Vec<Line> = e.text.lines().map(|l| Line::raw(safe(l))).collect();
    let copy = if e.full.is_some() { "copy all" } else { "copy" };
    let keys = keys_line(t, &[("y", copy), ("Enter/Esc", "close")]);
    let title = format!("✗ {}", safe(&e.title));
    let d = Dialog {
        width: 72,
        title: &title,
        body: lines,
        keys,
        scroll: e.scroll,
    };
    dialog(t, frame, area, d);
}

fn render_token_prompt(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.ctx.theme;
    let Some(input) = &app.token_prompt else {
        return;
    };
    let masked = "•".repeat(input.value().chars().count().min(40));
    let lines = vec![
        Line::raw(format!(" API token for {}", safe(&app.ctx.api_host))),
        Line::raw(""),
        Line::from(vec![
            Span::raw(" > "),
            Span::styled(masked.clone(), t.input()),
        ]),
        Line::raw(""),
        Line::styled(" Kept in memory for this session only.", t.dim()),
        Line::from(vec![
            Span::styled(" Enter", t.key()),
            Span::raw(" use it   "),
            Span::styled("Esc", t.key()),
            Span::raw(" cancel"),
        ]),
    ];
    let inner = popup(t, frame, area, 60, 8, "Token");
    frame.render_widget(Paragraph::new(lines), inner);
    frame.set_cursor_position((inner.x + 3 + masked.chars().count() as u16, inner.y + 2));
}

fn render_confirm(t: &Theme, c: &super::app::Confirm, frame: &mut Frame, area: Rect) {
    use super::app::Write;
    let ws = safe(&c.workspace_name);
    let (title, go, mut lines) = match &c.write {
        Write::Delete {
            account_id,
            account_name,
            ..
        } => (
            "Delete billing account?",
            "Delete",
            vec![
                Line::raw(format!(
                    " Delete {} ({}) from {ws}?",
                    safe(account_id),
                    safe(account_name)
                )),
                Line::raw(" This cannot be undone. The API refuses while it has"),
                Line::raw(" active subscriptions."),
            ],
        ),
        Write::Create => (
            "Create billing account?",
            "Create",
            vec![Line::raw(format!(" Create a billing account in {ws}?"))],
        ),
        Write::Update => (
            "Save changes?",
            "Save",
            vec![Line::raw(format!(" Save the changed fields in {ws}?"))],
        ),
    };
    let mut cursor = None;
    if let Some(typed) = &c.typed {
        lines.push(Line::raw(""));
        lines.push(Line::raw(
            " This profile confirms writes: type the workspace name.",
        ));
        let shown = safe(typed.value());
        // Rows above the input, once wrapped as the dialog wraps them.
        let text_width = 64
            .min(area.width.saturating_sub(2))
            .saturating_sub(2)
            .max(1);
        let above = Paragraph::new(lines.clone())
            .wrap(Wrap { trim: false })
            .line_count(text_width);
        cursor = Some((above as u16, 3 + typed.visual_cursor() as u16));
        lines.push(Line::from(vec![
            Span::raw(" > "),
            Span::styled(shown, t.input()),
        ]));
    }
    if let Some(problem) = &c.problem {
        lines.push(Line::styled(format!(" ✗ {}", safe(problem)), t.error()));
    }
    lines.push(Line::raw(""));
    let button = |label: &str, focused: bool| {
        let text = if focused {
            format!("› {label} ‹")
        } else {
            format!("  {label}  ")
        };
        Span::styled(text, t.button(focused))
    };
    lines.push(Line::from(vec![
        Span::raw(" "),
        button("Cancel", !c.proceed),
        Span::raw("   "),
        button(go, c.proceed),
    ]));
    let keys = keys_line(
        t,
        &[
            ("Tab", "switches"),
            ("Enter", "chooses the focused button"),
            ("Esc", "cancels"),
        ],
    );
    let inner = dialog(
        t,
        frame,
        area,
        Dialog {
            width: 64,
            title,
            body: lines,
            keys,
            scroll: 0,
        },
    );
    if let Some((row, col)) = cursor
        && row < inner.height
    {
        frame.set_cursor_position((inner.x + col, inner.y + row));
    }
}

fn render_palette(app: &App, p: &super::palette::Palette, frame: &mut Frame, area: Rect) {
    let t = &app.ctx.theme;
    use super::palette;
    let found = &p.found;
    let rows = found.len().clamp(1, palette::ROWS);
    let w = 70.min(area.width.saturating_sub(4));
    let rect = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + 2,
        width: w,
        height: (rows as u16 + 3).min(area.height.saturating_sub(2)),
    };
    let inner = boxed(frame, rect, Span::styled(" Command ", t.title()));
    let mut lines = vec![Line::from(vec![
        Span::styled(":", t.key()),
        Span::styled(safe(p.input.value()), t.input()),
    ])];
    if found.is_empty() {
        lines.push(Line::styled(" nothing matches", t.dim()));
    }
    let sel = super::list::Selection::at(found.len(), p.selected, palette::ROWS);
    let name_width = found
        .iter()
        .map(|e| e.name.chars().count())
        .max()
        .unwrap_or(0);
    for pos in sel.window(palette::ROWS) {
        let e = &found[pos];
        let style = if pos == sel.selected {
            t.selected()
        } else {
            ratatui::style::Style::new()
        };
        lines.push(Line::styled(
            format!(" {:name_width$}  {}", safe(&e.name), safe(&e.what)),
            style,
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    frame.set_cursor_position((inner.x + 1 + p.input.visual_cursor() as u16, inner.y));
}
