//! The workspace box: a new workspace (`N`: name, billing mode, description)
//! or a rename (`e`: name and description; the mode is shown, permanent).

use crate::api::model::{BillingMode, Workspace};
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
