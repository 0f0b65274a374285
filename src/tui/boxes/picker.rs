//! The form's dropdown (currency, country): a filter typed over the
//! choices, drawn under (or over) its field. The form holds its state
//! (`FormState.picker`); it has the keyboard while open.

use crate::rules::Field;
use crate::tui::app::App;
use crate::tui::boxes::{BoxSpec, Esc, no_scroll};
use crate::tui::form::{self, Picker};
use crate::tui::keymap::{Key, KeyAction as A};
use crate::tui::list::Selection;
use crate::tui::msg::{FormMsg, Move, Msg, NavMsg};
use crate::tui::screens::account_form::{LABEL_WIDTH, picker_row};
use crate::tui::view::{self, safe};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub static BOX: BoxSpec = BoxSpec {
    key,
    paste: |app, text| {
        if let Some(p) = crate::tui::update::unlocked_form(app).and_then(|f| f.picker.as_mut()) {
            crate::tui::update::type_into(&mut p.filter, text);
            p.selected = 0;
        }
    },
    esc: Esc::Run(|app| {
        if let Some(f) = app.form_mut() {
            f.picker = None;
        }
    }),
    typing: |_| true,
    footer: None,
    render,
    scroll: no_scroll,
    // Part of its form's typing: a message said on the form stays.
    passive: |_| true,
    mouse: Some(mouse),
};

fn key(_: &App, key: Key) -> Option<Msg> {
    let ctrl = key.ctrl();
    let form = |m| Some(Msg::Form(m));
    let nav = |m| Some(Msg::Nav(NavMsg::Move(m)));
    match (key.action, key.code) {
        // The form's own keys work from its dropdown too.
        (Some(A::Submit), _) => form(FormMsg::Submit),
        (_, KeyCode::Char('d')) if ctrl => form(FormMsg::AskDiscardForm),
        (Some(A::Open), _) => form(FormMsg::PickerChoose),
        (Some(A::Back), _) => Some(Msg::Back),
        (Some(A::NextField), _) => form(FormMsg::FocusNext),
        (Some(A::PrevField), _) => form(FormMsg::FocusPrev),
        (Some(A::Up), _) => nav(Move::Up),
        (Some(A::Down), _) => nav(Move::Down),
        (Some(A::PageUp), _) => nav(Move::PageUp),
        (Some(A::PageDown), _) => nav(Move::PageDown),
        _ => key.edit().map(|r| Msg::Form(FormMsg::PickerEdit(r))),
    }
}

/// A click on a choice picks it; a click outside closes the dropdown.
fn mouse(app: &App, ev: MouseEvent) -> Option<Msg> {
    match ev.kind {
        MouseEventKind::ScrollDown => Some(Msg::Nav(NavMsg::Move(Move::Down))),
        MouseEventKind::ScrollUp => Some(Msg::Nav(NavMsg::Move(Move::Up))),
        MouseEventKind::Down(MouseButton::Left) => {
            let picker = app.form()?.picker.as_ref()?;
            let body = crate::tui::layout::of(app).body;
            let (rect, first, visible) = geometry(picker, body, picker_row(app, body)?);
            let (x, y) = (ev.column, ev.row);
            let inside =
                x >= rect.x && x < rect.x + rect.width && y >= rect.y && y < rect.y + rect.height;
            if !inside {
                return Some(Msg::Back);
            }
            // Options start under the border and the filter line.
            let row = y.checked_sub(rect.y + 2)? as usize;
            (row < visible).then_some(Msg::Form(FormMsg::ClickOption(first + row)))
        }
        _ => None,
    }
}

/// Options a dropdown shows at once (form::PICKER_ROWS, as a height).
const PICKER_ROWS: u16 = form::PICKER_ROWS as u16;

/// Where the dropdown is drawn in the body, the first option shown and
/// how many are.
fn geometry(picker: &Picker, area: Rect, field_row: u16) -> (Rect, usize, usize) {
    let options = picker.options();
    let h = (options.len() as u16).clamp(1, PICKER_ROWS) + 3;
    let w = 44.min(area.width.saturating_sub(LABEL_WIDTH as u16 + 1));
    let below = area.y + field_row + 1;
    let y = if below + h <= area.y + area.height {
        below
    } else {
        (area.y + field_row).saturating_sub(h).max(area.y)
    };
    let rect = Rect {
        x: area.x + LABEL_WIDTH as u16 + 1,
        y,
        width: w,
        height: h.min(area.height),
    };
    let sel = Selection::at(options.len(), picker.selected, PICKER_ROWS as usize);
    let window = sel.window(PICKER_ROWS as usize);
    (rect, window.start, window.len())
}

fn render(app: &App, frame: &mut Frame, _: Rect) {
    let t = &app.ctx.theme;
    let body = crate::tui::layout::body_of(app, frame);
    let (Some(picker), Some(field_row)) = (
        app.form().and_then(|f| f.picker.as_ref()),
        picker_row(app, body),
    ) else {
        return;
    };
    let options = picker.options();
    let (rect, _, _) = geometry(picker, body, field_row);
    let title = match picker.field {
        Field::Currency => " Currency ",
        _ => " Country ",
    };
    let inner = view::boxed(frame, rect, Span::raw(title));
    let mut lines = vec![Line::from(vec![
        Span::styled("filter: ", t.dim()),
        Span::styled(safe(picker.filter.value()), t.input()),
    ])];
    if options.is_empty() {
        lines.push(Line::styled("nothing matches", t.dim()));
    }
    let sel = Selection::at(options.len(), picker.selected, PICKER_ROWS as usize);
    for pos in sel.window(PICKER_ROWS as usize) {
        let style = if pos == sel.selected {
            t.selected()
        } else {
            Style::new()
        };
        lines.push(Line::styled(format!(" {}", options[pos].label), style));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
    frame.set_cursor_position((inner.x + 8 + picker.filter.visual_cursor() as u16, inner.y));
}

#[cfg(test)]
mod tests {
    use crate::rules::Field;
    use crate::tui::app::Screen;
    use crate::tui::layers::{self, Modal};
    use crate::tui::testing::Harness;
    use ratatui::crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

    /// The demo's new-account form with the currency's dropdown open.
    fn open() -> Harness {
        let mut h = Harness::demo(80, 24);
        h.select("Soylent Foods").keys("n").answer_loads();
        h.app.form_mut().unwrap().focus = Field::Currency as usize;
        h.keys("<Enter>");
        h
    }

    #[test]
    fn the_dropdown_is_a_box_on_the_stack_with_its_keys_paste_and_esc() {
        let mut h = open();
        assert_eq!(layers::top(&h.app), Some(Modal::Picker));
        assert!(layers::typing(&h.app), "q and ? are filter text");
        h.paste("pou\nnd").keys("q");
        let p = h.app.form().unwrap().picker.clone().unwrap();
        assert_eq!(p.filter.value(), "poundq", "paste and keys filter");
        h.keys("<BS><Enter>");
        let f = h.app.form().unwrap();
        assert_eq!(
            (f.value(Field::Currency), f.picker.is_none()),
            ("gbp", true)
        );
        // Esc closes the dropdown alone; the form stays with its value.
        h.app.form_mut().unwrap().focus = Field::Currency as usize;
        h.keys("<Enter>").keys("<Esc>");
        assert_eq!(layers::top(&h.app), None);
        assert_eq!(h.app.screen(), Screen::Form);
        assert_eq!(h.app.form().unwrap().value(Field::Currency), "gbp");
    }

    #[test]
    fn a_click_outside_the_dropdown_closes_it_and_one_on_a_choice_picks_it() {
        let mut h = open();
        let click = |column, row| MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column,
            row,
            modifiers: KeyModifiers::NONE,
        };
        let msg = crate::tui::mouse::to_msg(&h.app, click(0, 0));
        assert!(matches!(msg, Some(crate::tui::msg::Msg::Back)), "{msg:?}");
        // Where the dropdown is drawn, its third choice.
        let text = h.text();
        let (row, line) = (text.lines().enumerate())
            .filter(|(_, l)| l.contains('│'))
            .nth(3)
            .expect("a choice row");
        let column = line.chars().position(|c| c == '│').unwrap() as u16 + 2;
        let msg = crate::tui::mouse::to_msg(&h.app, click(column, row as u16)).unwrap();
        h.send(msg);
        let f = h.app.form().unwrap();
        assert!(f.picker.is_none(), "picked");
        assert!(!f.value(Field::Currency).is_empty(), "{text}");
    }
}
