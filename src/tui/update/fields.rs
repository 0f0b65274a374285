//! Typing in the form: paste, the currency and country lists, the checks.

use super::*;

/// The form on screen, unless a request for it is in flight.
pub(crate) fn unlocked_form(app: &mut App) -> Option<&mut FormState> {
    if app.screen() != Screen::Form {
        return None;
    }
    // Locked while its write is in flight: the send, or the lookup after
    // an unclear answer (which compares with what was sent).
    app.form_mut().filter(|f| !f.phase.busy())
}

pub(super) fn paste(app: &mut App, text: &str) -> Vec<Cmd> {
    // A paste goes where the keys go: the box on top, which takes it into
    // its field or drops it (a paste is never for the screen under a box).
    if let Some(kind) = crate::tui::layers::top(app) {
        (crate::tui::boxes::spec(kind).paste)(app, text);
        return Vec::new();
    }
    match app.screen() {
        Screen::Workspaces if app.session.workspaces.filtering => {
            type_into(&mut app.session.workspaces.filter, text);
            refilter(app);
        }
        Screen::Form => {
            let Some(f) = unlocked_form(app) else {
                return Vec::new();
            };
            let before = f.input();
            if let Some(note) = f.paste(text) {
                app.set_status(StatusKind::Info, note);
            }
            return save_draft_if_changed(app, &before);
        }
        _ => {}
    }
    Vec::new()
}

/// Types `text` into a one-line entry as if typed: line breaks and other
/// controls are dropped, the rest goes in at the cursor.
pub(crate) fn type_into(input: &mut Input, text: &str) {
    for c in text.chars().filter(|c| !c.is_control()) {
        input.handle(InputRequest::InsertChar(c));
    }
}

/// A draft save (debounced) when the form's values changed.
pub(super) fn save_draft_if_changed(app: &App, before: &crate::rules::AccountInput) -> Vec<Cmd> {
    match app.form() {
        // Edits of an existing account are not drafts of a new one.
        Some(f) if f.editing.is_none() && f.input() != *before => vec![Cmd::SaveDraft {
            draft: Box::new(f.draft()),
            now: false,
        }],
        _ => Vec::new(),
    }
}

pub(super) fn open_picker(app: &mut App, first: Option<char>) {
    let Some(f) = unlocked_form(app) else { return };
    let Some(field) = f.focused_field().filter(|f| form::is_picker(*f)) else {
        return;
    };
    let mut picker = Picker::new(field);
    match first {
        Some(c) => {
            picker.filter.handle(InputRequest::InsertChar(c));
        }
        None => {
            let current = f.value(field).to_string();
            picker.selected = picker
                .options()
                .iter()
                .position(|c| c.value == current)
                .unwrap_or(0);
        }
    }
    f.picker = Some(picker);
}

pub(super) fn choose(app: &mut App) {
    let Some(f) = unlocked_form(app) else { return };
    let Some(picker) = f.picker.take() else {
        return;
    };
    if let Some(choice) = picker.options().get(picker.selected) {
        f.set_value(picker.field, &choice.value);
        f.move_focus(true);
    } else {
        // Nothing matches the filter: keep the picker open.
        f.picker = Some(picker);
    }
}

/// Checks every field (focusing the first wrong one); the status line's
/// text when some fail.
pub(super) fn check_fields(f: &mut FormState) -> Result<(), String> {
    if f.check_all() {
        Ok(())
    } else {
        Err(need_attention(f.error_count()))
    }
}

pub(super) fn need_attention(n: usize) -> String {
    format!(
        "{n} field{} need{} attention: nothing was sent",
        if n == 1 { "" } else { "s" },
        if n == 1 { "s" } else { "" }
    )
}

/// A click on field `i` (a focus position): focus it, as Tab would, and
/// open its list or press the button.
pub(super) fn click_field(app: &mut App, i: usize) -> Vec<Cmd> {
    let Some(f) = unlocked_form(app) else {
        return Vec::new();
    };
    f.picker = None;
    // The field left behind is checked, as Tab would.
    if let Some(left) = f.focused_field().filter(|l| *l as usize != i) {
        f.touched[left as usize] = true;
        f.check(left);
    }
    match Field::ALL.get(i) {
        Some(field) if f.read_only(*field) => {}
        Some(field) => {
            f.focus = i;
            if form::is_picker(*field) {
                open_picker(app, None);
            }
        }
        // The Create (or Save) button: a click presses it.
        None if i == form::CREATE_BUTTON => {
            f.focus = i;
            return submit(app, false, false);
        }
        None => {}
    }
    Vec::new()
}

/// The create and edit form.
pub(super) fn on_form(app: &mut App, msg: FormMsg) -> Vec<Cmd> {
    match msg {
        FormMsg::FocusNext | FormMsg::FocusPrev => {
            let forward = matches!(msg, FormMsg::FocusNext);
            if let Some(f) = unlocked_form(app) {
                f.picker = None;
                f.move_focus(forward);
            }
        }
        FormMsg::Edit(req) => {
            let Some(f) = unlocked_form(app) else {
                return Vec::new();
            };
            let before = f.input();
            if let Err(reason) = f.edit(req) {
                app.set_status(StatusKind::Error, reason);
            }
            return save_draft_if_changed(app, &before);
        }
        FormMsg::ClearChoice => {
            if let Some(f) = unlocked_form(app)
                && let Some(field) = f.focused_field().filter(|f| form::is_picker(*f))
            {
                let before = f.input();
                f.set_value(field, "");
                return save_draft_if_changed(app, &before);
            }
        }
        FormMsg::OpenPicker => open_picker(app, None),
        FormMsg::OpenPickerWith(c) => open_picker(app, Some(c)),
        FormMsg::PickerEdit(req) => {
            if let Some(p) = app.form_mut().and_then(|f| f.picker.as_mut()) {
                p.filter.handle(req);
                p.selected = 0;
            }
        }
        FormMsg::PickerChoose => {
            let before = app.form().map(|f| f.input());
            choose(app);
            if let Some(before) = before {
                return save_draft_if_changed(app, &before);
            }
        }
        FormMsg::Submit => return submit(app, false, false),
        FormMsg::ConfirmResend => {
            if let Some(f) = app.form_mut()
                && f.confirm_resend
            {
                f.confirm_resend = false;
                return submit(app, true, false);
            }
        }
        FormMsg::ClickField(i) => return click_field(app, i),
        FormMsg::ClickOption(i) => {
            if let Some(p) = app.form_mut().and_then(|f| f.picker.as_mut()) {
                p.selected = i;
                let before = app.form().map(|f| f.input());
                choose(app);
                if let Some(before) = before {
                    return save_draft_if_changed(app, &before);
                }
            }
        }
        FormMsg::CancelResend => {
            if let Some(f) = app.form_mut() {
                f.confirm_resend = false;
            }
        }
        FormMsg::OpenExisting | FormMsg::CreateAnyway | FormMsg::KeepEditing => {
            return super::duplicates::on_duplicate(app, msg);
        }
        FormMsg::AskDiscardForm | FormMsg::DiscardForm | FormMsg::KeepForm => {
            return super::discard::on_discard(app, msg);
        }
        FormMsg::RestoreDraft
        | FormMsg::DraftWritten { .. }
        | FormMsg::AskDiscardDraft
        | FormMsg::KeepDraft
        | FormMsg::DiscardDraft => return on_draft(app, msg),
    }
    Vec::new()
}

/// The saved draft: written or not, and the restore box's answers.
pub(super) fn on_draft(app: &mut App, msg: FormMsg) -> Vec<Cmd> {
    match msg {
        FormMsg::RestoreDraft => return restore_draft(app),
        FormMsg::DraftWritten {
            workspace_id,
            result,
        } => {
            let problem = result.err();
            if let Some(why) = &problem {
                app.set_status(
                    StatusKind::Error,
                    format!("The draft could not be saved ({why}); it is kept in memory only"),
                );
            }
            if let Some(f) = app.session.forms.get_mut(&workspace_id) {
                f.draft_problem = problem;
            }
        }
        FormMsg::AskDiscardDraft => {
            if let Some(f) = app.form_mut()
                && f.offer.is_some()
            {
                f.discard_asked = true;
            }
        }
        FormMsg::KeepDraft => {
            if let Some(f) = app.form_mut() {
                f.discard_asked = false;
            }
        }
        FormMsg::DiscardDraft => {
            if let Some(f) = app.form_mut()
                && f.discard_asked
                && f.offer.take().is_some()
            {
                f.discard_asked = false;
                let key = f.draft_key();
                app.set_status(StatusKind::Info, "Draft discarded");
                return vec![Cmd::DeleteDraft(key)];
            }
        }
        _ => debug_assert!(false, "{msg:?} is not about drafts"),
    }
    Vec::new()
}
