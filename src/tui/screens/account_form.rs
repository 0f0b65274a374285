//! The new billing account form: fields in the contract's order, an
//! Address sub-form, live counters, messages under the fields, and the
//! currency and country pickers.

use crate::rules::{self, Field};
use crate::tui::app::App;
use crate::tui::form::{self, CREATE_BUTTON, FormState};
use crate::tui::keymap::Key;
use crate::tui::msg::Msg;
use crate::tui::msg::{FormMsg, NavMsg};
use crate::tui::theme::Theme;
use crate::tui::view::{self, safe, spinner};
use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Columns of a field's label (a dropdown opens beside it).
pub const LABEL_WIDTH: usize = 15;
const COUNTER_WIDTH: usize = 8;

pub const SCREEN: super::Spec = super::Spec {
    help_title: |app| {
        if app.editing {
            "Keys · Edit billing account"
        } else {
            "Keys · New billing account"
        }
    },
    render,
    key: handle_key,
    keys: |app| {
        let keys = if app.editing {
            crate::tui::keys::EDIT_FORM
        } else {
            crate::tui::keys::FORM
        };
        keys.to_vec()
    },
    list: None,
    copy: super::no_copy,
    reload: None,
};

pub fn handle_key(app: &App, key: Key) -> Option<Msg> {
    use crate::tui::keymap::KeyAction as A;
    let f = app.form()?;
    let ctrl = key.ctrl();
    let form = |m| Some(Msg::Form(m));
    match (key.action, key.code) {
        (Some(A::Submit), _) => return form(FormMsg::Submit),
        (_, KeyCode::Char('d')) if ctrl => return form(FormMsg::AskDiscardForm),
        (Some(A::NextField | A::Down), _) => return form(FormMsg::FocusNext),
        (Some(A::PrevField | A::Up), _) => return form(FormMsg::FocusPrev),
        (Some(A::Back), _) => return Some(Msg::Back),
        _ => {}
    }
    match f.focused_field() {
        // The Create button.
        None => match (key.action, key.code) {
            (Some(A::Open), _) | (_, KeyCode::Char(' ')) => form(FormMsg::Submit),
            (Some(A::Help), _) => Some(Msg::Nav(NavMsg::ToggleHelp)),
            (Some(A::Quit), _) => Some(Msg::Quit),
            _ => None,
        },
        Some(field) if form::is_picker(field) => match (key.action, key.code) {
            (Some(A::Open), _) | (_, KeyCode::Char(' ')) => form(FormMsg::OpenPicker),
            (_, KeyCode::Backspace | KeyCode::Delete) => form(FormMsg::ClearChoice),
            (_, KeyCode::Char(c)) if !ctrl => form(FormMsg::OpenPickerWith(c)),
            _ => None,
        },
        Some(_) => match key.action {
            Some(A::Open) => form(FormMsg::FocusNext),
            _ => key.edit().map(|r| Msg::Form(FormMsg::Edit(r))),
        },
    }
}

/// One drawn row of the form, with the focus position it belongs to.
struct FormLine {
    line: Line<'static>,
    owner: Option<usize>,
}

fn label(field: Field) -> String {
    match field.required() {
        true => format!("{}*", field.title()),
        false => field.title(),
    }
}

/// The visible slice of an input value and the cursor's column in it.
fn visible_value(value: &str, cursor: usize, width: usize) -> (String, usize) {
    let input = tui_input::Input::new(value.to_string()).with_cursor(cursor);
    let scroll = input.visual_scroll(width);
    let mut shown = String::new();
    let mut used = 0;
    for (i, c) in value.chars().enumerate() {
        if i < scroll {
            continue;
        }
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        shown.push(c);
    }
    (shown, input.visual_cursor().saturating_sub(scroll))
}

fn lines(app: &App, f: &FormState, width: usize) -> (Vec<FormLine>, Option<(usize, u16)>) {
    let t = &app.ctx.theme;
    let mut out: Vec<FormLine> = header(app, f, width)
        .into_iter()
        .map(|line| FormLine { line, owner: None })
        .collect();
    let mut cursor = None;
    let locked = f.phase.busy();
    let row = |line, owner| FormLine { line, owner };
    let input_width = width.saturating_sub(LABEL_WIDTH + COUNTER_WIDTH + 4).max(8);
    for field in Field::ALL {
        let i = field as usize;
        if field == Field::Country {
            out.push(row(Line::styled(" Address", t.title()), None));
        }
        let (line, col) = field_line(t, f, field, input_width);
        if let Some(col) = col.filter(|_| f.focus == i && f.picker.is_none() && !locked) {
            cursor = Some((out.len(), (LABEL_WIDTH + 1 + col) as u16));
        }
        out.push(row(line, Some(i)));
        if let Some(err) = &f.errors[i] {
            let text = format!("{:LABEL_WIDTH$} ✗ {}", "", safe(err));
            out.push(row(Line::styled(text, t.error()), Some(i)));
        }
    }
    out.push(row(Line::raw(""), None));
    out.push(row(button(app, f), Some(CREATE_BUTTON)));
    (out, cursor)
}

/// Title, the full-workspace warning, the banner and the draft problem
/// (long messages wrap: the end of one is never cut off), a blank row.
fn header(app: &App, f: &FormState, width: usize) -> Vec<Line<'static>> {
    let t = &app.ctx.theme;
    let title = match &f.editing {
        Some(a) => vec![
            Span::styled(format!(" Edit {} in ", safe(&a.id)), t.title()),
            Span::styled(safe(&f.workspace.name), t.title()),
            Span::styled("  only changed fields are sent", t.dim()),
        ],
        None => vec![
            Span::styled(" New billing account in ", t.title()),
            Span::styled(safe(&f.workspace.name), t.title()),
            Span::styled(format!("  {}", safe(&f.workspace.id)), t.dim()),
        ],
    };
    let mut out = vec![Line::from(title)];
    if f.editing.is_none()
        && let Some(full) = app.workspace_full(&f.workspace)
    {
        out.push(Line::styled(format!(" ⚠ {full}"), t.warning()));
    }
    let text_width = width.saturating_sub(4).max(20);
    let mut wrapped = |text: &str, mark: &str, style| {
        for (i, part) in view::wrap(text, text_width).into_iter().enumerate() {
            let mark = if i == 0 { mark } else { " " };
            out.push(Line::styled(format!(" {mark} {part}"), style));
        }
    };
    if f.discard_form_asked {
        let what = match f.editing {
            Some(_) => {
                "Discard your changes (back to the account as saved)? y discards, n or Esc keeps them"
            }
            None => "Discard everything typed here, and its draft? y discards, n or Esc keeps it",
        };
        wrapped(what, "?", t.warning());
    }
    if let Some(banner) = &f.banner {
        wrapped(&safe(banner), "✗", t.error());
    }
    if let Some(problem) = &f.draft_problem {
        let text = format!(
            "The draft cannot be saved, so a crash would lose this form: {}",
            safe(problem)
        );
        wrapped(&text, "⚠", t.warning());
    }
    out.push(Line::raw(""));
    out
}

/// One field's row, and the cursor's column in its value (text fields).
fn field_line(
    t: &Theme,
    f: &FormState,
    field: Field,
    input_width: usize,
) -> (Line<'static>, Option<usize>) {
    let i = field as usize;
    let focused = f.focus == i;
    let indent = if field.is_address() { "   " } else { " " };
    let marker = if focused { "›" } else { " " };
    let label_text = format!("{marker}{indent}{}", label(field));
    let label_style = if focused { t.focused() } else { Style::new() };
    let mut spans = vec![Span::styled(
        format!("{label_text:LABEL_WIDTH$} "),
        label_style,
    )];
    let value = f.value(field);
    if form::is_picker(field) {
        let hint = if value.is_empty() && field == Field::Country {
            "not chosen (Enter to pick)".to_string()
        } else {
            form::choice_label(field, value)
        };
        if f.read_only(field) {
            spans.push(Span::raw(safe(&hint)));
            spans.push(Span::styled(
                "  (read-only: the API does not change it)",
                t.dim(),
            ));
        } else {
            spans.push(Span::styled(format!("[ {} ▾ ]", safe(&hint)), t.input()));
        }
        return (Line::from(spans), None);
    }
    let (shown, col) = visible_value(value, f.values[i].cursor(), input_width);
    let pad = input_width.saturating_sub(unicode_width::UnicodeWidthStr::width(shown.as_str()));
    spans.push(Span::styled(
        format!("{}{}", safe(&shown), " ".repeat(pad)),
        t.input(),
    ));
    if let Some(max) = field.max_len() {
        let len = rules::char_len(value);
        spans.push(Span::styled(
            format!(
                " {:>width$}",
                format!("{len}/{max}"),
                width = COUNTER_WIDTH - 1
            ),
            t.counter(len, max),
        ));
    }
    (Line::from(spans), Some(col))
}

/// `[ Create ]` or `[ Save ]`, and what it is doing.
fn button(app: &App, f: &FormState) -> Line<'static> {
    let t = &app.ctx.theme;
    let mut button = vec![
        Span::raw(format!("{:LABEL_WIDTH$} ", "")),
        Span::styled(
            if f.editing.is_some() {
                "[ Save ]"
            } else {
                "[ Create ]"
            },
            t.button(f.focus == CREATE_BUTTON),
        ),
    ];
    if f.phase.busy() {
        let doing = match f.phase.sending() {
            true => "Sending…",
            false => "Checking what the last send did…",
        };
        button.push(Span::raw(format!(
            "  {} {doing} (the form is locked)",
            spinner(app)
        )));
    } else {
        button.push(Span::styled("  Ctrl+S from any field", t.dim()));
    }
    Line::from(button)
}

/// The form's rows and the first one drawn: scrolled so the focused field
/// (and its message) is on screen.
fn layout(app: &App, f: &FormState, area: Rect) -> (Vec<FormLine>, Option<(usize, u16)>, usize) {
    let (rows, cursor) = lines(app, f, area.width as usize);
    let height = area.height as usize;
    let last_of_focus = rows
        .iter()
        .rposition(|r| r.owner == Some(f.focus))
        .unwrap_or(0);
    let offset = (last_of_focus + 2)
        .saturating_sub(height)
        .min(rows.len().saturating_sub(height));
    (rows, cursor, offset)
}

/// The focus position a click at row `y` (of the terminal) hits.
pub fn hit(app: &App, area: Rect, y: u16) -> Option<usize> {
    let f = app.form()?;
    let (rows, _, offset) = layout(app, f, area);
    let row = y.checked_sub(area.y)? as usize + offset;
    rows.get(row)?.owner
}

/// The body row (from its top) of the field an open dropdown belongs to,
/// where the dropdown is drawn (the form scrolled as it is drawn).
pub fn picker_row(app: &App, area: Rect) -> Option<u16> {
    let f = app.form()?;
    let picker = f.picker.as_ref()?;
    let (rows, _, offset) = layout(app, f, area);
    let row = rows
        .iter()
        .position(|r| r.owner == Some(picker.field as usize))
        .unwrap_or(0);
    Some(row.saturating_sub(offset) as u16)
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let Some(f) = app.form() else { return };
    let (rows, cursor, offset) = layout(app, f, area);
    let height = area.height as usize;
    let visible: Vec<Line> = rows
        .iter()
        .skip(offset)
        .take(height)
        .map(|r| r.line.clone())
        .collect();
    frame.render_widget(Paragraph::new(visible), area);
    if let Some((row, col)) = cursor
        && row >= offset
        && row < offset + height
    {
        frame.set_cursor_position((area.x + col, area.y + (row - offset) as u16));
    }
}
