//! The workspace box: a new workspace (`N`: name, billing mode, description)
//! or a rename (`e`: name and description; the mode is shown, permanent).
//!
//! Drawn: name, billing mode (said to be permanent), and description, with
//! the rules' complaint under them. Its state, keys and drawing are here.

use crate::api::model::{BillingMode, Workspace};
use crate::tui::app::App;
use crate::tui::boxes::{BoxSpec, Esc, FieldKey, active, no_scroll};
use crate::tui::keymap::Key;
use crate::tui::msg::{Msg, NavMsg, WorkspaceBoxKey as K};
use crate::tui::view::{Dialog, dialog, keys_line, safe};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use tui_input::Input;

pub const MODES: [&str; 3] = ["pooled", "assigned", "single"];

#[derive(Clone, Debug)]
pub struct WorkspaceBox {
    /// The workspace renamed; `None` when creating one.
    pub editing: Option<Workspace>,
    pub name: Input,
    /// Position in [`MODES`] (only chosen when creating).
    pub mode: usize,
    pub description: Input,
    /// 0 name, 1 mode, 2 description (1 is skipped when renaming).
    pub focus: usize,
    pub problem: Option<String>,
}

impl WorkspaceBox {
    pub fn new() -> WorkspaceBox {
        WorkspaceBox {
            editing: None,
            name: Input::default(),
            mode: 0,
            description: Input::default(),
            focus: 0,
            problem: None,
        }
    }

    pub fn rename(w: &Workspace) -> WorkspaceBox {
        let mode = w
            .billing_mode
            .as_ref()
            .map(BillingMode::as_str)
            .unwrap_or("");
        WorkspaceBox {
            editing: Some(w.clone()),
            name: Input::new(w.name.clone()),
            mode: MODES.iter().position(|m| *m == mode).unwrap_or(0),
            description: Input::new(w.description.clone().unwrap_or_default()),
            focus: 0,
            problem: None,
        }
    }

    /// The next (or previous) field, the mode only when creating.
    pub fn step(&mut self, forward: bool) {
        let fields: &[usize] = if self.editing.is_some() {
            &[0, 2]
        } else {
            &[0, 1, 2]
        };
        self.focus = crate::tui::list::cycle(fields, self.focus, forward);
    }

    /// The text field that has the keyboard, if one does.
    pub fn input_mut(&mut self) -> Option<&mut Input> {
        match self.focus {
            0 => Some(&mut self.name),
            2 => Some(&mut self.description),
            _ => None,
        }
    }

    pub fn typing(&self) -> bool {
        self.focus != 1
    }
}

impl Default for WorkspaceBox {
    fn default() -> WorkspaceBox {
        WorkspaceBox::new()
    }
}

pub static BOX: BoxSpec = BoxSpec {
    key,
    paste: |app, text| {
        if let Some(input) = app.boxes.workspace_box_mut().and_then(|b| b.input_mut()) {
            crate::tui::update::type_into(input, text);
        }
    },
    esc: Esc::Close,
    typing,
    footer: None,
    render: |app, frame, area| {
        if let Some(b) = app.boxes.workspace_box() {
            draw(app, b, frame, area);
        }
    },
    scroll: no_scroll,
    passive: active,
    mouse: None,
};

fn typing(app: &App) -> bool {
    app.boxes.workspace_box().is_some_and(|b| b.typing())
}

/// Text in the name and description, ←/→ on the mode.
fn key(app: &App, key: Key) -> Option<Msg> {
    let hints = [
        "Workspace: type, Tab moves, Enter goes on",
        "Billing mode: ←/→ choose it (it is permanent), Tab moves on",
    ];
    let k = |k| Msg::Nav(NavMsg::WorkspaceBox(k));
    Some(match super::field_key(key, typing(app), hints) {
        FieldKey::Submit => k(K::Submit),
        FieldKey::Back => Msg::Back,
        FieldKey::Focus(next) => k(K::Focus(next)),
        FieldKey::Turn(next) => k(K::Mode(next)),
        FieldKey::Edit(r) => k(K::Edit(r)),
        FieldKey::Expects(what) => Msg::Expects(what),
    })
}

fn draw(app: &App, b: &WorkspaceBox, frame: &mut Frame, area: Rect) {
    let t = &app.ctx.theme;
    let style = |field: usize| {
        if b.focus == field {
            t.focused()
        } else {
            t.input()
        }
    };
    let modes: Vec<Span> = MODES
        .iter()
        .enumerate()
        .map(|(i, m)| match (i == b.mode, b.editing.is_some()) {
            (true, _) => Span::styled(format!("[{m}] "), style(1)),
            (false, true) => Span::raw(""),
            (false, false) => Span::styled(format!(" {m}  "), t.dim()),
        })
        .collect();
    let mut body = vec![
        Line::from(vec![
            Span::raw(" Name         "),
            Span::styled(format!("{:40}", safe(b.name.value())), style(0)),
        ]),
        Line::from([vec![Span::raw(" Billing mode ")], modes].concat()),
        Line::styled(
            if b.editing.is_some() {
                "              permanent: chosen when the workspace was created"
            } else {
                "              permanent: no update can change it later"
            },
            t.dim(),
        ),
        Line::from(vec![
            Span::raw(" Description  "),
            Span::styled(format!("{:40}", safe(b.description.value())), style(2)),
        ]),
    ];
    if let Some(p) = &b.problem {
        body.extend(crate::tui::view::hanging(
            " ✗ ",
            &safe(p),
            crate::tui::view::text_width(64, area),
            t.error(),
        ));
    }
    // The mode is chosen once, when the workspace is made: an edit does
    // not offer a key for it.
    let keys: &[(&str, &str)] = match b.editing {
        Some(_) => &[("Tab", "next"), ("Enter", "go on"), ("Esc", "close")],
        None => &[
            ("Tab", "next"),
            ("←/→", "mode"),
            ("Enter", "go on"),
            ("Esc", "close"),
        ],
    };
    let keys = keys_line(t, keys);
    let title = if b.editing.is_some() {
        "Rename or describe the workspace"
    } else {
        "New workspace"
    };
    let inner = dialog(
        t,
        frame,
        area,
        Dialog {
            width: 64,
            title,
            body,
            keys,
            scroll: 0,
        },
    );
    let (row, input) = match b.focus {
        0 => (0, &b.name),
        2 => (3, &b.description),
        _ => return,
    };
    if row < inner.height {
        let col = 14 + input.visual_cursor().min(40) as u16;
        frame.set_cursor_position((inner.x + col, inner.y + row));
    }
}
