//! The boxes open over the screens, in the order they were opened (the
//! last opened is on top and has the keyboard). Each kind is open at most
//! once; opening one again brings it to the top with its new state. `App`
//! holds this one stack and no field per box.

use super::layers::Modal;
use tui_input::Input;

/// A box and its state.
#[derive(Clone, Debug)]
pub enum Layer {
    /// The masked token prompt.
    TokenPrompt(Input),
    Error(super::app::ErrorPopup),
    Confirm(super::app::Confirm),
    /// The `:` command palette.
    Palette(super::palette::Palette),
    /// The session overlay (`i`): API, profile, token source, paths.
    Info,
    /// The keys (`?`), scrolled this many rows (it can be taller than the
    /// screen).
    Help(u16),
    /// The quantity box over a subscription.
    Quantities(super::billing::QuantityEdit),
    /// Add someone, or change a role.
    MemberEdit(super::members::MemberEdit),
    /// A new workspace, or a rename/describe.
    WorkspaceBox(super::workspace_box::WorkspaceBox),
    /// Where to save the usage report.
    SaveReport(super::orgs::SaveBox),
    /// A new organization, a child, or a change.
    OrgBox(super::org_box::OrgBox),
}

impl Layer {
    pub fn kind(&self) -> Modal {
        match self {
            Layer::TokenPrompt(_) => Modal::TokenPrompt,
            Layer::Error(_) => Modal::Error,
            Layer::Confirm(_) => Modal::Confirm,
            Layer::Palette(_) => Modal::Palette,
            Layer::Info => Modal::Info,
            Layer::Help(_) => Modal::Help,
            Layer::Quantities(_) => Modal::Quantities,
            Layer::MemberEdit(_) => Modal::MemberEdit,
            Layer::WorkspaceBox(_) => Modal::WorkspaceBox,
            Layer::SaveReport(_) => Modal::SaveReport,
            Layer::OrgBox(_) => Modal::OrgBox,
        }
    }
}

/// The open boxes, bottom (first opened) first.
#[derive(Clone, Debug, Default)]
pub struct Boxes(Vec<Layer>);

impl Boxes {
    /// No box, or the token prompt alone (a console started without one).
    pub fn with_token_prompt(ask: bool) -> Boxes {
        let mut b = Boxes::default();
        if ask {
            b.set_token_prompt(Some(Input::default()));
        }
        b
    }

    /// The kinds open, top first.
    pub fn kinds(&self) -> impl Iterator<Item = Modal> + '_ {
        self.0.iter().rev().map(Layer::kind)
    }

    pub fn is_open(&self, kind: Modal) -> bool {
        self.0.iter().any(|l| l.kind() == kind)
    }

    /// Opens `layer` on top (a box of its kind already open is replaced).
    pub fn open(&mut self, layer: Layer) {
        self.close(layer.kind());
        self.0.push(layer);
    }

    pub fn close(&mut self, kind: Modal) {
        self.0.retain(|l| l.kind() != kind);
    }

    /// Takes the box of `kind` out of the stack.
    fn take(&mut self, kind: Modal) -> Option<Layer> {
        let i = self.0.iter().position(|l| l.kind() == kind)?;
        Some(self.0.remove(i))
    }

    pub fn help(&self) -> bool {
        self.is_open(Modal::Help)
    }

    /// Opens the keys at their top, or closes them.
    pub fn set_help(&mut self, open: bool) {
        match open {
            true => self.open(Layer::Help(0)),
            false => self.close(Modal::Help),
        }
    }

    /// How far the keys are scrolled (0 when closed).
    pub fn help_scroll(&self) -> u16 {
        self.0
            .iter()
            .find_map(|l| match l {
                Layer::Help(rows) => Some(*rows),
                _ => None,
            })
            .unwrap_or(0)
    }

    pub fn help_scroll_mut(&mut self) -> Option<&mut u16> {
        self.0.iter_mut().find_map(|l| match l {
            Layer::Help(rows) => Some(rows),
            _ => None,
        })
    }

    pub fn info(&self) -> bool {
        self.is_open(Modal::Info)
    }

    pub fn set_info(&mut self, open: bool) {
        match open {
            true => self.open(Layer::Info),
            false => self.close(Modal::Info),
        }
    }
}

/// For each box with a state: `name()` and `name_mut()` read it where it
/// is open, `take_name()` closes it and gives its state back, and
/// `set_name(Some(state))` opens it on top (`None` closes it).
macro_rules! box_state {
    ($($variant:ident($ty:ty): $get:ident, $get_mut:ident, $take:ident, $set:ident;)*) => {
        impl Boxes {
            $(
                pub fn $get(&self) -> Option<&$ty> {
                    self.0.iter().find_map(|l| match l {
                        Layer::$variant(v) => Some(v),
                        _ => None,
                    })
                }

                pub fn $get_mut(&mut self) -> Option<&mut $ty> {
                    self.0.iter_mut().find_map(|l| match l {
                        Layer::$variant(v) => Some(v),
                        _ => None,
                    })
                }

                pub fn $take(&mut self) -> Option<$ty> {
                    match self.take(Modal::$variant) {
                        Some(Layer::$variant(v)) => Some(v),
                        _ => None,
                    }
                }

                pub fn $set(&mut self, state: Option<$ty>) {
                    match state {
                        Some(v) => self.open(Layer::$variant(v)),
                        None => self.close(Modal::$variant),
                    }
                }
            )*
        }
    };
}

box_state! {
    TokenPrompt(Input): token_prompt, token_prompt_mut, take_token_prompt, set_token_prompt;
    Error(super::app::ErrorPopup): error, error_mut, take_error, set_error;
    Confirm(super::app::Confirm): confirm, confirm_mut, take_confirm, set_confirm;
    Palette(super::palette::Palette): palette, palette_mut, take_palette, set_palette;
    Quantities(super::billing::QuantityEdit): quantities, quantities_mut, take_quantities, set_quantities;
    MemberEdit(super::members::MemberEdit): member_edit, member_edit_mut, take_member_edit, set_member_edit;
    WorkspaceBox(super::workspace_box::WorkspaceBox): workspace_box, workspace_box_mut, take_workspace_box, set_workspace_box;
    SaveReport(super::orgs::SaveBox): save_box, save_box_mut, take_save_box, set_save_box;
    OrgBox(super::org_box::OrgBox): org_box, org_box_mut, take_org_box, set_org_box;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxes_stack_in_the_order_they_open_and_reopening_brings_one_to_the_top() {
        let mut b = Boxes::default();
        b.set_help(true);
        b.set_token_prompt(Some(Input::default()));
        b.set_info(true);
        assert_eq!(
            b.kinds().collect::<Vec<_>>(),
            [Modal::Info, Modal::TokenPrompt, Modal::Help]
        );
        *b.help_scroll_mut().unwrap() = 3;
        b.set_help(true);
        assert_eq!(b.kinds().next(), Some(Modal::Help), "reopened: on top");
        assert_eq!(b.help_scroll(), 0, "reopened at its top");
        assert!(b.take_token_prompt().is_some());
        assert!(!b.is_open(Modal::TokenPrompt) && b.take_token_prompt().is_none());
        b.set_info(false);
        assert_eq!(b.kinds().collect::<Vec<_>>(), [Modal::Help]);
    }
}
