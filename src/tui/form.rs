//! The new-billing-account form's state and its rules of editing: which
//! field has focus, when a field is checked, what a picker offers.
//! Checks come from `rules`, the same table the CLI and sandbox use.

use super::drafts::Draft;
use super::write::Phase;
use crate::api::model::{BillingAccount, Currency, NewBillingAccount, Workspace};
use crate::countries;
use crate::rules::{self, AccountInput, Field};
use tui_input::{Input, InputRequest};

/// Focus positions: the 11 fields in form order, then the Create button.
pub const CREATE_BUTTON: usize = Field::ALL.len();

#[derive(Clone, Debug)]
pub struct Picker {
    pub field: Field,
    pub filter: Input,
    /// Position in `options()`.
    pub selected: usize,
}

/// One choice in a picker: the value stored, and what is shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

impl Picker {
    pub fn new(field: Field) -> Picker {
        Picker {
            field,
            filter: Input::default(),
            selected: 0,
        }
    }

    pub fn options(&self) -> Vec<Choice> {
        options(self.field, self.filter.value())
    }
}

/// The choices for a picker field matching `query`.
pub fn options(field: Field, query: &str) -> Vec<Choice> {
    let q = query.trim().to_lowercase();
    match field {
        Field::Currency => {
            let mut all = vec![Choice {
                value: String::new(),
                label: "Workspace default".into(),
            }];
            all.extend(Currency::ALL.iter().map(|c| Choice {
                value: c.code().into(),
                label: format!("{} — {}", c.code(), c.name()),
            }));
            all.into_iter()
                .filter(|c| q.is_empty() || c.label.to_lowercase().contains(&q))
                .collect()
        }
        Field::Country => countries::search(&q)
            .into_iter()
            .map(|c| Choice {
                value: c.code.into(),
                label: format!("{} — {}", c.code, c.name),
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// What a picker field shows when closed.
pub fn choice_label(field: Field, value: &str) -> String {
    match field {
        Field::Currency => match Currency::from_code(value) {
            Some(c) => format!("{} — {}", c.code(), c.name()),
            None if value.is_empty() => "Workspace default".into(),
            None => value.into(),
        },
        Field::Country => match countries::by_code(value) {
            Some(c) => format!("{} — {}", c.code, c.name),
            None => value.into(),
        },
        _ => value.into(),
    }
}

pub fn is_picker(field: Field) -> bool {
    matches!(field, Field::Currency | Field::Country)
}

#[derive(Clone, Debug)]
pub struct FormState {
    /// The workspace the account is created in.
    pub workspace: Workspace,
    /// Whose drafts it saves (see [`crate::tui::drafts::scope`]).
    pub scope: String,
    pub values: Vec<Input>,
    pub focus: usize,
    /// Checked once the user left it: from then on checked on every edit.
    pub touched: Vec<bool>,
    /// The message under each field (ours or the server's).
    pub errors: Vec<Option<String>>,
    pub picker: Option<Picker>,
    /// Where its write stands (write::Phase): locked while sending.
    pub phase: Phase,
    /// A summary line above the fields (e.g. the server's 422 message).
    pub banner: Option<String>,
    /// The key of the last submission and the body it was sent with: a
    /// resend of the same body reuses the key.
    pub idem: Option<(String, NewBillingAccount)>,
    /// When the request with an unclear answer was sent.
    pub sent_at: Option<jiff::Timestamp>,
    /// "Send again?" is being asked.
    pub confirm_resend: bool,
    /// Seconds until a rate-limited create may be sent again.
    pub retry_in: Option<u64>,
    /// Ctrl+S was pressed during the countdown: the next one sends.
    pub skip_wait_asked: bool,
    /// Why the last draft could not be written; shown on the form until a
    /// write succeeds (the form itself holds what was typed).
    pub draft_problem: Option<String>,
    /// A saved draft offered for restoring.
    pub offer: Option<Draft>,
    /// `d` was pressed on the offer: it now asks "discard for good?".
    pub discard_asked: bool,
    /// Keys the draft box does not take came within the last second: the
    /// user is typing a name, so `d` is a letter of it, not "discard".
    pub offer_typed: bool,
    /// Ctrl+D asked "discard what you typed?"; `y` discards.
    pub discard_form_asked: bool,
    /// Editing this existing account (a PATCH of the changed fields), not
    /// creating one. Its currency is shown but cannot be changed.
    pub editing: Option<Box<BillingAccount>>,
    /// An account like this one already in the workspace: the box asks
    /// before anything is sent.
    pub duplicate: Option<Duplicate>,
    /// The values the user chose to create anyway, like that account.
    pub allowed_duplicate: Option<NewBillingAccount>,
}

/// An existing account that looks like the one about to be created.
#[derive(Clone, Debug)]
pub struct Duplicate {
    pub id: String,
    pub name: String,
    pub email: String,
    pub same: crate::rules::duplicate::Same,
    pub found: FoundIn,
}

/// Where the look-alike is.
#[derive(Clone, Debug, PartialEq)]
pub enum FoundIn {
    /// In this workspace, as the console listed it: Enter opens it at once.
    Here(Box<BillingAccount>),
    /// In another workspace, as the index holds it (`age` ms old): Enter
    /// opens that workspace and then the account.
    Elsewhere {
        workspace_id: String,
        workspace_name: String,
        age: crate::index::Millis,
    },
}

impl FormState {
    pub fn new(workspace: Workspace) -> FormState {
        let n = Field::ALL.len();
        FormState {
            workspace,
            scope: String::new(),
            values: vec![Input::default(); n],
            focus: 0,
            touched: vec![false; n],
            errors: vec![None; n],
            picker: None,
            phase: Phase::Idle,
            banner: None,
            idem: None,
            sent_at: None,
            confirm_resend: false,
            retry_in: None,
            skip_wait_asked: false,
            draft_problem: None,
            offer: None,
            discard_asked: false,
            offer_typed: false,
            discard_form_asked: false,
            editing: None,
            duplicate: None,
            allowed_duplicate: None,
        }
    }

    /// The form filled with `account`'s values, for an edit.
    pub fn for_account(workspace: Workspace, account: BillingAccount) -> FormState {
        let mut f = FormState::new(workspace);
        let input = AccountInput::from_account(&account);
        for field in Field::ALL {
            f.values[field as usize] = Input::new(input.get(field).to_string());
        }
        f.editing = Some(Box::new(account));
        f
    }

    /// The fields an edit changed, with their new values.
    pub fn changes(&self) -> Vec<(Field, String)> {
        match &self.editing {
            Some(a) => self.input().changes_from(&AccountInput::from_account(a)),
            None => Vec::new(),
        }
    }

    /// A field the user may not change (the currency of an existing account).
    pub fn read_only(&self, field: Field) -> bool {
        self.editing.is_some() && field == Field::Currency
    }

    pub fn focused_field(&self) -> Option<Field> {
        Field::ALL.get(self.focus).copied()
    }

    pub fn value(&self, field: Field) -> &str {
        self.values[field as usize].value()
    }

    pub fn set_value(&mut self, field: Field, value: &str) {
        self.values[field as usize] = Input::new(value.to_string());
        if self.touched[field as usize] || self.errors[field as usize].is_some() {
            self.check(field);
        }
    }

    /// The draft to save: what is typed, and the key of the submission.
    pub fn draft(&self) -> Draft {
        Draft {
            scope: self.scope.clone(),
            workspace: self.workspace.clone(),
            input: self.input(),
            idempotency_key: self.idem.as_ref().map(|(k, _)| k.clone()),
            sent_at: self.sent_at.map(|t| t.to_string()),
            saved_at: String::new(),
        }
    }

    /// The key its draft is kept by.
    pub fn draft_key(&self) -> String {
        super::drafts::key(&self.scope, &self.workspace.id)
    }

    /// Fills the form from a saved draft.
    pub fn restore(&mut self, draft: &Draft) {
        for field in Field::ALL {
            self.values[field as usize] = Input::new(draft.input.get(field).to_string());
        }
        self.idem = match (&draft.idempotency_key, draft.input.validate()) {
            (Some(key), Ok(body)) => Some((key.clone(), body)),
            _ => None,
        };
        self.sent_at = draft.sent_at.as_deref().and_then(|t| t.parse().ok());
    }

    pub fn input(&self) -> AccountInput {
        let mut input = AccountInput::default();
        for field in Field::ALL {
            *input.get_mut(field) = self.value(field).to_string();
        }
        input
    }

    pub fn check(&mut self, field: Field) {
        // A read-only value is the server's, whatever it is.
        self.errors[field as usize] = if self.read_only(field) {
            None
        } else {
            rules::check(field, self.value(field)).err()
        };
    }

    /// Moves focus, checking the field left behind.
    pub fn move_focus(&mut self, forward: bool) {
        if let Some(field) = self.focused_field() {
            self.touched[field as usize] = true;
            self.check(field);
        }
        let n = CREATE_BUTTON + 1;
        let step = |at: usize| {
            if forward {
                (at + 1) % n
            } else {
                (at + n - 1) % n
            }
        };
        self.focus = step(self.focus);
        // Read-only fields are shown, not visited.
        if self.focused_field().is_some_and(|f| self.read_only(f)) {
            self.focus = step(self.focus);
        }
    }

    /// Applies an edit to the focused text field. Typing past a limit is
    /// refused: returns the reason when the edit was not applied.
    pub fn edit(&mut self, req: InputRequest) -> Result<(), String> {
        let Some(field) = self.focused_field().filter(|f| !is_picker(*f)) else {
            return Ok(());
        };
        let slot = &mut self.values[field as usize];
        let before = slot.clone();
        slot.handle(req);
        if let Some(max) = field.max_len()
            && rules::char_len(slot.value()) > max
            && rules::char_len(slot.value()) > rules::char_len(before.value())
        {
            *slot = before;
            return Err(format!(
                "{} is limited to {max} characters",
                capitalise(field.label())
            ));
        }
        if self.errors[field as usize].is_some() {
            self.check(field);
        }
        Ok(())
    }

    /// Pastes into the focused text field. Line breaks and tabs become
    /// spaces and other control characters are dropped (fields are single
    /// line); text past the limit is cut. Returns what was changed, if any.
    pub fn paste(&mut self, text: &str) -> Option<String> {
        let field = self.focused_field().filter(|f| !is_picker(*f))?;
        let mut notes = Vec::new();
        let mut clean: String = text
            .chars()
            .filter_map(|c| match c {
                '\r' => None,
                '\n' | '\t' => Some(' '),
                c if rules::is_forbidden_char(c) => None,
                c => Some(c),
            })
            .collect();
        if clean.chars().count() != text.replace('\r', "").chars().count() {
            notes.push("control characters were removed".to_string());
        } else if clean != text.replace('\r', "") {
            notes.push("line breaks became spaces".to_string());
        }
        if let Some(max) = field.max_len() {
            let current = self.value(field).chars().count();
            let room = max.saturating_sub(current);
            if clean.chars().count() > room {
                clean = clean.chars().take(room).collect();
                notes.push(format!("cut to fit the {max}-character limit"));
            }
        }
        for c in clean.chars() {
            self.values[field as usize].handle(InputRequest::InsertChar(c));
        }
        if self.errors[field as usize].is_some() {
            self.check(field);
        }
        (!notes.is_empty()).then(|| format!("Pasted text: {}", notes.join(", ")))
    }

    /// Checks every field; focuses the first wrong one. True when all pass.
    pub fn check_all(&mut self) -> bool {
        for field in Field::ALL {
            self.touched[field as usize] = true;
            self.check(field);
        }
        self.focus_first_error()
    }

    /// Focuses the first field with a message; false when there is none.
    pub fn focus_first_error(&mut self) -> bool {
        match self.errors.iter().position(Option::is_some) {
            Some(i) => {
                self.focus = i;
                false
            }
            None => true,
        }
    }

    pub fn error_count(&self) -> usize {
        self.errors.iter().filter(|e| e.is_some()).count()
    }

    pub fn is_blank(&self) -> bool {
        self.values.iter().all(|v| v.value().is_empty())
    }
}

/// Options a dropdown shows at once: its moves page by this many.
pub const PICKER_ROWS: usize = 8;

pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ws() -> Workspace {
        serde_json::from_str(r#"{"id":"ws_1","name":"W"}"#).unwrap()
    }

    #[test]
    fn typing_past_the_limit_is_refused() {
        let mut f = FormState::new(ws());
        f.set_value(Field::Name, &"a".repeat(100));
        let err = f.edit(InputRequest::InsertChar('b')).unwrap_err();
        assert_eq!(err, "Name is limited to 100 characters");
        assert_eq!(f.value(Field::Name).len(), 100);
        assert!(f.edit(InputRequest::DeletePrevChar).is_ok());
        assert_eq!(f.value(Field::Name).len(), 99);
    }

    #[test]
    fn checked_on_leave_then_on_every_keystroke() {
        let mut f = FormState::new(ws());
        f.focus = Field::Email as usize;
        f.edit(InputRequest::InsertChar('a')).unwrap();
        assert_eq!(
            f.errors[Field::Email as usize],
            None,
            "not while first typing"
        );
        f.move_focus(true);
        assert!(
            f.errors[Field::Email as usize].is_some(),
            "checked on leave"
        );
        f.move_focus(false);
        for c in "@b".chars() {
            f.edit(InputRequest::InsertChar(c)).unwrap();
        }
        assert_eq!(
            f.errors[Field::Email as usize],
            None,
            "rechecked while wrong"
        );
    }

    #[test]
    fn paste_cleans_and_cuts() {
        let mut f = FormState::new(ws());
        f.focus = Field::PostalCode as usize;
        let note = f
            .paste("EC1A\n1BB\u{1b}[2J and far too long for a postcode")
            .unwrap();
        assert!(note.contains("control characters were removed"), "{note}");
        assert!(note.contains("cut to fit the 20-character limit"));
        assert_eq!(f.value(Field::PostalCode).chars().count(), 20);
        assert!(!f.value(Field::PostalCode).contains('\u{1b}'));
    }

    #[test]
    fn picker_options_filter_and_label() {
        assert_eq!(options(Field::Currency, "").len(), 6);
        assert_eq!(options(Field::Currency, "euro")[0].value, "eur");
        assert_eq!(options(Field::Country, "united kingdom")[0].value, "GB");
        assert_eq!(choice_label(Field::Currency, ""), "Workspace default");
        assert_eq!(choice_label(Field::Country, "ZA"), "ZA — South Africa");
    }
}
