//! Who has the keyboard, written once: the screens the user has opened,
//! bottom to top (workspaces → workspace → account → …), and the boxes
//! open over them, top first. Keys, paste, Esc, the mouse, the footer and
//! the drawing order all ask this module, so what is drawn on top is what
//! takes the keys (an error that arrives while the palette is open is drawn
//! over it, and now also answers the keys), and Esc goes back to the
//! screen underneath without any screen knowing where it came from.

use super::app::App;

/// A screen of the console: one list or pane filling the body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Workspaces,
    Workspace,
    /// A workspace's details (`v`).
    WorkspaceDetail,
    Form,
    Detail,
    /// The accounts created this session (`L`).
    Ledger,
    /// Every API request this session (`l`).
    ApiLog,
    /// An account's tabs: its subscriptions, payment methods, invoices.
    Subscriptions,
    PaymentMethods,
    Invoices,
    /// One subscription, with its quantity bars.
    Subscription,
    /// One invoice: lines, totals, tax.
    Invoice,
    /// A workspace's members and their roles (`M`).
    Members,
    /// A workspace's organizations as a tree (`O`).
    Orgs,
    /// One organization: its limits against usage (Enter on the tree).
    Org,
    /// Find any account or workspace in the index (`F`).
    Find,
    /// Import billing accounts from a CSV file (`U`).
    Import,
    /// A read-only pane a resource declares (screens::pane).
    Pane(&'static super::screens::pane::Pane),
}

impl Screen {
    /// The panes over whatever screen the user was on: they belong to the
    /// console, not to a profile, and switch between each other in place.
    pub fn is_pane(self) -> bool {
        matches!(self, Screen::Ledger | Screen::ApiLog)
    }
}

/// The screens opened, bottom first. The workspaces list is always at the
/// bottom, so the stack is never empty and Esc there has nowhere to go.
/// Each screen opened gets an id of its own (a screen opened again is
/// another): the reads asked for it are dropped when it closes.
#[derive(Clone, Debug)]
pub struct Screens {
    stack: Vec<Screen>,
    ids: Vec<u64>,
}

/// Ids for opened screens, unique in the process (parked profiles too).
static NEXT_SCREEN: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

fn next_id() -> u64 {
    NEXT_SCREEN.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl PartialEq for Screens {
    fn eq(&self, other: &Screens) -> bool {
        self.stack == other.stack
    }
}

impl Eq for Screens {}

impl Default for Screens {
    fn default() -> Screens {
        Screens {
            stack: vec![Screen::Workspaces],
            ids: vec![next_id()],
        }
    }
}

impl Screens {
    /// The screen on top: the one drawn and given the keys.
    pub fn top(&self) -> Screen {
        *self.stack.last().unwrap_or(&Screen::Workspaces)
    }

    /// The id of the screen on top (see [`Screens`]).
    pub fn top_id(&self) -> u64 {
        self.ids.last().copied().unwrap_or(0)
    }

    /// Whether the screen opened as `id` is still open.
    pub fn is_open(&self, id: u64) -> bool {
        self.ids.contains(&id)
    }

    /// The screen Esc goes back to.
    pub fn below(&self) -> Screen {
        self.stack
            .iter()
            .rev()
            .nth(1)
            .copied()
            .unwrap_or(Screen::Workspaces)
    }

    fn push(&mut self, screen: Screen) {
        self.stack.push(screen);
        self.ids.push(next_id());
    }

    fn pop(&mut self) {
        self.stack.pop();
        self.ids.pop();
    }

    fn truncate(&mut self, len: usize) {
        self.stack.truncate(len);
        self.ids.truncate(len);
    }

    /// Opens `screen` over the current one (not twice in a row; a pane
    /// over a pane takes its place, so Esc leaves both).
    pub fn open(&mut self, screen: Screen) {
        if screen.is_pane() && self.top().is_pane() {
            self.pop();
        }
        if self.top() != screen {
            self.push(screen);
        }
    }

    /// Back to the screen underneath; the bottom one stays.
    pub fn close(&mut self) {
        if self.stack.len() > 1 {
            self.pop();
        }
    }

    /// `screen` in place of the one on top (a saved form shows its account).
    pub fn replace(&mut self, screen: Screen) {
        self.close();
        self.open(screen);
    }

    /// A jump (the palette, go-to-id): the stack starts again from the
    /// workspaces list, as k9s does for `:resource`.
    pub fn jump(&mut self, path: &[Screen]) {
        self.truncate(1);
        for &s in path {
            self.open(s);
        }
    }

    /// Closes the screens over the last `screen`, if it is open.
    pub fn back_to(&mut self, screen: Screen) -> bool {
        match self.stack.iter().rposition(|&s| s == screen) {
            Some(i) => {
                self.truncate(i + 1);
                true
            }
            None => false,
        }
    }

    /// The stack without the panes on top (what a parked profile keeps).
    pub fn without_panes(mut self) -> Screens {
        while self.stack.len() > 1 && self.top().is_pane() {
            self.pop();
        }
        self
    }

    pub fn as_slice(&self) -> &[Screen] {
        &self.stack
    }
}

pub use super::boxes::Modal;

/// The open boxes, top first: the console's boxes in the order they were
/// opened ([`super::boxes::Boxes`]), then those a screen holds (the form's
/// questions, the go-to prompt), which close with their screen.
pub fn stack(app: &App) -> Vec<Modal> {
    let form_box = |pick: fn(&super::form::FormState) -> bool| {
        app.screen() == Screen::Form && app.form().is_some_and(pick)
    };
    let held = [
        (Modal::DraftOffer, form_box(|f| f.offer.is_some())),
        (Modal::Resend, form_box(|f| f.confirm_resend)),
        (Modal::Duplicate, form_box(|f| f.duplicate.is_some())),
        (Modal::DiscardForm, form_box(|f| f.discard_form_asked)),
        (Modal::Picker, form_box(|f| f.picker.is_some())),
        (Modal::Goto, app.session.workspaces.goto.is_some()),
    ];
    app.boxes
        .kinds()
        .chain(held.into_iter().filter_map(|(m, open)| open.then_some(m)))
        .collect()
}

/// The box that has the keyboard, if any.
pub fn top(app: &App) -> Option<Modal> {
    stack(app).first().copied()
}

/// The keyboard belongs to a text entry (so `q` and `?` are text): asked
/// of the box on top, else of the screen on top.
pub fn typing(app: &App) -> bool {
    match top(app) {
        Some(kind) => (super::boxes::spec(kind).typing)(app),
        None => screen_typing(app),
    }
}

/// The screen on top (not a box) has a text entry with the keyboard.
pub fn screen_typing(app: &App) -> bool {
    match app.screen() {
        Screen::Workspaces => app.session.workspaces.filtering,
        // The query always has the keys (Esc leaves, Ctrl+C quits).
        Screen::Find => true,
        Screen::Import => app
            .session
            .import
            .as_ref()
            .is_some_and(|s| s.stage == crate::tui::import::Stage::Path),
        Screen::Orgs => crate::tui::update::orgs::tree(app).is_some_and(|t| t.filtering),
        Screen::Form => app
            .form()
            .is_some_and(|f| f.focus < super::form::CREATE_BUTTON),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::app::{Context, ErrorPopup};

    #[test]
    fn screens_open_over_each_other_and_close_back_down() {
        use Screen::*;
        let mut s = Screens::default();
        s.close();
        assert_eq!(s.as_slice(), [Workspaces], "the bottom stays");
        s.open(Workspace);
        s.open(Detail);
        s.open(Detail);
        assert_eq!(s.as_slice(), [Workspaces, Workspace, Detail]);
        assert_eq!(s.below(), Workspace);
        s.open(Ledger);
        s.open(ApiLog);
        assert_eq!(s.as_slice(), [Workspaces, Workspace, Detail, ApiLog]);
        assert_eq!(s.clone().without_panes().top(), Detail);
        s.close();
        s.open(Form);
        s.replace(Detail);
        assert_eq!(s.as_slice(), [Workspaces, Workspace, Detail], "not twice");
        assert!(s.back_to(Workspace));
        assert_eq!(s.top(), Workspace);
        assert!(!s.back_to(Form));
        s.jump(&[Workspace, Form]);
        assert_eq!(s.as_slice(), [Workspaces, Workspace, Form]);
    }

    #[test]
    fn an_error_over_the_palette_is_on_top() {
        let mut app = App::new(Context::fixed(), (80, 24), true);
        crate::tui::palette::open(&mut app, String::new());
        assert_eq!(top(&app), Some(Modal::Palette));
        app.boxes.set_error(Some(ErrorPopup::new("Boom", "text")));
        assert_eq!(stack(&app), vec![Modal::Error, Modal::Palette]);
    }
}
