//! The boxes open over the screens, in the order they were opened (the
//! last opened is on top and has the keyboard). Each kind is open at most
//! once; opening one again brings it to the top with its new state. `App`
//! holds this one stack and no field per box.
//!
//! Each box is one file here, declaring a [`BoxSpec`]: its keys, its paste,
//! its Esc, its footer, its drawing. Keys, paste, Esc, the mouse, the
//! footer and the drawing ask [`spec`] of the box on top (or of each, bottom
//! up, to draw): this file's `spec` is the one place that matches on a
//! box's kind.

use super::app::App;
use super::keymap::{Key, KeyAction};
use super::keys::KeyHelp;
use super::msg::Msg;
use ratatui::Frame;
use ratatui::crossterm::event::MouseEvent;
use ratatui::layout::Rect;
use tui_input::Input;

pub mod confirm;
pub mod discard_form;
pub mod draft_offer;
pub mod duplicate;
pub mod error;
pub mod goto;
pub mod help;
pub mod info;
pub mod member;
pub mod org;
pub mod palette;
pub mod picker;
pub mod quantities;
pub mod resend;
pub mod save_report;
pub mod token;
pub mod workspace;

/// A box over the screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Modal {
    TokenPrompt,
    Error,
    Confirm,
    Palette,
    Info,
    Help,
    /// The form's "restore draft?" box.
    DraftOffer,
    /// The form's "send again?" box.
    Resend,
    /// The form's "an account like it exists" box.
    Duplicate,
    /// The form's "discard what you typed?" question (Ctrl+D).
    DiscardForm,
    /// The form's dropdown (currency, country).
    Picker,
    /// The `g` prompt: in the workspaces list's title, a box elsewhere.
    Goto,
    /// The quantity box over a subscription (`e`).
    Quantities,
    /// The member box (`a`, `R` on the members).
    MemberEdit,
    /// The workspace box (`N`, `e` on the workspaces).
    WorkspaceBox,
    /// Where to save the usage report (`p` on the organizations).
    SaveReport,
    /// A new organization, or a change to one (`n`, `c`, `e` on the tree).
    OrgBox,
}

/// What the console needs to know of a box.
pub struct BoxSpec {
    /// A key while it is on top. A key it does not take ends with it (or
    /// says what it expects), never reaching the screen underneath.
    pub key: fn(&App, Key) -> Option<Msg>,
    /// Text pasted while it is on top: into its field, or dropped (a paste
    /// is never for the screen under a box).
    pub paste: fn(&mut App, &str),
    /// What Esc (`Msg::Back`) does while it is on top.
    pub esc: Esc,
    /// One of its text fields has the keyboard (so `q` and `?` are text).
    pub typing: fn(&App) -> bool,
    /// The footer's keys while it is on top (`None`: the screen's).
    pub footer: Option<&'static [KeyHelp]>,
    /// Draws it over what is under it (`area`: the frame inside the
    /// profile's border).
    pub render: fn(&App, &mut Frame, Rect),
    /// What ↑/↓ scroll in it, for a box taller than the screen.
    pub scroll: fn(&mut App) -> Option<&mut u16>,
    /// It only shows something (the keys, the session, a message in full)
    /// or belongs to the screen's own typing (a dropdown): a status message
    /// said under it still belongs to the screen.
    pub passive: fn(&App) -> bool,
    /// A click while it is on top (`None`: the mouse waits for it).
    pub mouse: Option<fn(&App, MouseEvent) -> Option<Msg>>,
}

/// What Esc does to a box.
pub enum Esc {
    /// It closes as it is.
    Close,
    /// Its own way out (cancel a write, keep editing, …).
    Run(fn(&mut App)),
    /// Esc is for the screen under it (the draft box's "decide later"
    /// leaves the form, as Esc there does).
    Screen,
}

/// For boxes without a text field.
pub fn no_typing(_: &App) -> bool {
    false
}

/// For boxes that take no text: the paste is dropped.
pub fn no_paste(_: &mut App, _: &str) {}

/// For boxes that fit: nothing scrolls.
pub fn no_scroll(_: &mut App) -> Option<&mut u16> {
    None
}

/// For boxes that take the keyboard: a message said in them is theirs.
pub fn active(_: &App) -> bool {
    false
}

/// The declaration of a box: the one match on a box's kind.
pub fn spec(kind: Modal) -> &'static BoxSpec {
    match kind {
        Modal::TokenPrompt => &token::BOX,
        Modal::Error => &error::BOX,
        Modal::Confirm => &confirm::BOX,
        Modal::Palette => &palette::BOX,
        Modal::Info => &info::BOX,
        Modal::Help => &help::BOX,
        Modal::DraftOffer => &draft_offer::BOX,
        Modal::Resend => &resend::BOX,
        Modal::Duplicate => &duplicate::BOX,
        Modal::DiscardForm => &discard_form::BOX,
        Modal::Picker => &picker::BOX,
        Modal::Goto => &goto::BOX,
        Modal::Quantities => &quantities::BOX,
        Modal::MemberEdit => &member::BOX,
        Modal::WorkspaceBox => &workspace::BOX,
        Modal::SaveReport => &save_report::BOX,
        Modal::OrgBox => &org::BOX,
    }
}

/// What a key means in a box of fields, one of them a choice turned with
/// ←/→ or Space (the member, workspace and organization boxes).
pub enum FieldKey {
    Submit,
    Back,
    /// To the next field (true) or the previous one.
    Focus(bool),
    /// The choice turned forward (true) or back.
    Turn(bool),
    Edit(tui_input::InputRequest),
    /// A key the box does not take: what it expects, typing or on the
    /// choice.
    Expects(&'static str),
}

/// `key` in a box of fields; `hints` say what it expects while typing
/// and on the choice.
pub fn field_key(key: Key, typing: bool, hints: [&'static str; 2]) -> FieldKey {
    use KeyAction as A;
    use ratatui::crossterm::event::KeyCode;
    match (key.action, key.code) {
        (Some(A::Open), _) => FieldKey::Submit,
        (Some(A::Back), _) => FieldKey::Back,
        (Some(A::NextField | A::Down), _) => FieldKey::Focus(true),
        (Some(A::PrevField | A::Up), _) => FieldKey::Focus(false),
        (_, KeyCode::Left) if !typing => FieldKey::Turn(false),
        (_, KeyCode::Right | KeyCode::Char(' ')) if !typing => FieldKey::Turn(true),
        _ if typing => key
            .edit()
            .map_or(FieldKey::Expects(hints[0]), FieldKey::Edit),
        _ => FieldKey::Expects(hints[1]),
    }
}

/// The keys that scroll a box taller than the screen.
pub fn scroll_key(key: &Key) -> Option<Msg> {
    use ratatui::crossterm::event::KeyCode;
    let by = match (key.action, key.code) {
        (Some(KeyAction::Up), _) | (_, KeyCode::Char('k')) => -1,
        (Some(KeyAction::Down), _) | (_, KeyCode::Char('j')) => 1,
        (Some(KeyAction::PageUp), _) => -10,
        (Some(KeyAction::PageDown), _) | (_, KeyCode::Char(' ')) => 10,
        (Some(KeyAction::Top), _) => i16::MIN,
        _ => return None,
    };
    Some(Msg::Boxes(super::msg::BoxMsg::ScrollBox(by)))
}

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
    MemberEdit(member::MemberEdit),
    /// A new workspace, or a rename/describe.
    WorkspaceBox(workspace::WorkspaceBox),
    /// Where to save the usage report.
    SaveReport(super::orgs::SaveBox),
    /// A new organization, a child, or a change.
    OrgBox(org::OrgBox),
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
    MemberEdit(member::MemberEdit): member_edit, member_edit_mut, take_member_edit, set_member_edit;
    WorkspaceBox(workspace::WorkspaceBox): workspace_box, workspace_box_mut, take_workspace_box, set_workspace_box;
    SaveReport(super::orgs::SaveBox): save_box, save_box_mut, take_save_box, set_save_box;
    OrgBox(org::OrgBox): org_box, org_box_mut, take_org_box, set_org_box;
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
