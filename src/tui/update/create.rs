//! Creating a billing account: submit once, the answer, an unknown outcome
//! looked up before anything is resent, the draft offered back.

use super::*;

/// `confirmed`: the user said yes to sending again after an unclear
/// answer; `write_confirmed`: to the profile's confirm_writes question.
pub(super) fn submit(app: &mut App, confirmed: bool, write_confirmed: bool) -> Vec<Cmd> {
    if app.screen() != Screen::Form {
        return Vec::new();
    }
    if app.editing {
        return submit_edit(app, confirmed, write_confirmed);
    }
    let confirm_writes = app.ctx.confirm_writes;
    let has_token = app.has_token;
    let Some(f) = app.form_mut() else {
        return Vec::new();
    };
    if let Some(why) = f.phase.wait_reason() {
        app.set_status(StatusKind::Info, why);
        return Vec::new();
    }
    if f.offer.is_some() {
        return Vec::new();
    }
    let mut now = false;
    if let Some(n) = f.retry_in {
        // The wait is the user's to cancel: a second Ctrl+S sends now.
        if !f.skip_wait_asked {
            f.skip_wait_asked = true;
            app.set_status(
                StatusKind::Error,
                format!("Rate limited: {n} s left; Ctrl+S again sends now anyway"),
            );
            return Vec::new();
        }
        f.retry_in = None;
        f.skip_wait_asked = false;
        now = true;
    }
    f.picker = None;
    if let Err(why) = check_fields(f) {
        app.set_status(StatusKind::Error, why);
        return Vec::new();
    }
    let Ok(body) = f.input().validate() else {
        return Vec::new(); // check_all passed, so the body is valid
    };
    if f.phase.needs_confirmation() && !confirmed {
        f.confirm_resend = true;
        return Vec::new();
    }
    if let Some(d) = super::duplicates::found(app, &body) {
        if let Some(f) = app.form_mut() {
            f.duplicate = Some(d);
        }
        return Vec::new();
    }
    let Some(f) = app.form_mut() else {
        return Vec::new();
    };
    if !has_token {
        app.boxes.set_token_prompt(Some(Input::default()));
        app.set_status(StatusKind::Info, "Enter the API token, then Ctrl+S to send");
        return Vec::new();
    }
    if confirm_writes && !write_confirmed {
        let name = f.workspace.name.clone();
        ask_write(app, Write::Create, name);
        return Vec::new();
    }
    // The same body keeps its key, so a resend cannot create a second
    // account where the server honours Idempotency-Key.
    let keep = matches!(&f.idem, Some((_, sent)) if *sent == body);
    let req = app.req();
    let fresh = app.ctx.idempotency_key(req);
    let Some(f) = app.form_mut() else {
        return Vec::new();
    };
    let key = match &f.idem {
        Some((kept, _)) if keep => kept.clone(),
        _ => fresh,
    };
    f.idem = Some((key.clone(), body.clone()));
    f.banner = None;
    f.phase = Phase::Sending(req);
    let workspace_id = f.workspace.id.clone();
    let draft = Box::new(f.draft());
    app.set_status(StatusKind::Info, "Creating the billing account…");
    vec![Cmd::SendWrite {
        req,
        at: crate::tui::msg::At {
            workspace_id,
            account_id: String::new(),
        },
        op: crate::tui::ops::WriteOp::CreateAccount {
            body: Box::new(body),
            draft,
        },
        key,
        before: None,
        despite_pause: now,
    }]
}

pub(super) fn account_created(
    app: &mut App,
    req: u64,
    workspace_id: &str,
    sent_at: jiff::Timestamp,
    heard: super::account_writes::Heard<crate::api::model::BillingAccount>,
) -> Vec<Cmd> {
    let Some(f) = app.session.forms.get_mut(workspace_id) else {
        return Vec::new();
    };
    if !f.phase.answers(req) {
        tracing::debug!(req, "stale create answer ignored");
        return Vec::new();
    }
    f.phase = Phase::Idle;
    let e = match heard.result {
        Ok(account) => return show_created(app, workspace_id, account, heard.looked_up),
        Err(e) => e,
    };
    if e.outcome_unknown() {
        let since = *f.sent_at.get_or_insert(sent_at);
        let (name, email) = f
            .idem
            .as_ref()
            .map(|(_, b)| (b.name.clone(), b.email.clone()))
            .unwrap_or_default();
        f.banner = Some(format!(
            "Outcome unknown ({}): looking for the account in the workspace…",
            short(&e)
        ));
        let lookup = app.req();
        if let Some(f) = app.session.forms.get_mut(workspace_id) {
            f.phase = Phase::Checking(lookup);
        }
        app.set_status(
            StatusKind::Error,
            format!("Outcome unknown: {}", inert(&e.to_string())),
        );
        return vec![Cmd::FindAccount {
            req: lookup,
            workspace_id: workspace_id.to_string(),
            name,
            email,
            since,
        }];
    }
    // Certain that nothing was created.
    f.phase = Phase::Idle;
    f.sent_at = None;
    let draft = Cmd::SaveDraft {
        draft: Box::new(f.draft()),
        now: true,
    };
    if apply_field_errors(f, &e) {
        refused_fields(app, &e);
    } else if e.status() == Some(401) {
        f.banner = Some(
            "The API did not accept the token (401). Enter a token, then Ctrl+S to send again."
                .into(),
        );
        unauthorised(app, &e);
    } else if let ApiError::NotDone { .. } = &e {
        f.banner = Some(
            "Not created: the answer was lost; looked up: no such account was made, and nothing was sent again. Ctrl+S sends it again, with the same key."
                .into(),
        );
        app.set_status(
            StatusKind::Error,
            "The answer was lost; looked up: it was not created. The form is kept",
        );
    } else if let ApiError::RateLimited { retry_after, .. } = &e {
        let secs = crate::api::error::wait_after_429(*retry_after)
            .as_secs()
            .max(1);
        f.retry_in = Some(secs);
        f.skip_wait_asked = false;
        let capped = retry_after.is_some_and(|d| d > crate::api::error::MAX_WAIT);
        f.banner = Some(if capped {
            format!(
                "Rate limited (429): nothing was created. The server asked for {} s; alto waits at most {} minutes. Ctrl+S twice sends sooner.",
                retry_after.map_or(0, |d| d.as_secs()),
                crate::api::error::MAX_WAIT.as_secs() / 60
            )
        } else {
            "Rate limited (429): nothing was created. Ctrl+S twice sends sooner.".into()
        });
        app.set_status(
            StatusKind::Error,
            format!("Rate limited: you can send again in {secs} s"),
        );
    } else {
        f.banner = Some(format!("Not created: {}", short(&e)));
        app.boxes.set_error(Some(error_popup(&e, &Write::Create)));
        app.set_status(
            StatusKind::Error,
            "The account was not created: the form is kept",
        );
    }
    vec![draft]
}

pub(super) fn account_found(
    app: &mut App,
    req: u64,
    workspace_id: &str,
    result: Result<Option<crate::api::model::BillingAccount>, ApiError>,
) -> Vec<Cmd> {
    let Some(f) = app.session.forms.get_mut(workspace_id) else {
        return Vec::new();
    };
    if !f.phase.checks(req) {
        return Vec::new();
    }
    let why = match result {
        Ok(Some(account)) => return show_created(app, workspace_id, account, true),
        Ok(None) => "no account with this name and email has appeared".to_string(),
        Err(e) => format!("the lookup failed ({})", short(&e)),
    };
    f.banner = Some(format!(
        "Outcome unknown: {why}. Ctrl+S asks before sending again, with the same Idempotency-Key."
    ));
    f.phase = Phase::Unknown(why);
    app.set_status(
        StatusKind::Error,
        "The account may or may not exist: check before resending",
    );
    Vec::new()
}

/// The account exists: the form and its draft go, the detail pane shows it.
pub(super) fn show_created(
    app: &mut App,
    workspace_id: &str,
    account: crate::api::model::BillingAccount,
    found: bool,
) -> Vec<Cmd> {
    let Some(f) = app.session.forms.remove(workspace_id) else {
        return Vec::new();
    };
    if let Some(view) = app.session.accounts.get_mut(workspace_id)
        && view.load == Load::Loaded
        && !view.items.iter().any(|a| a.id == account.id)
    {
        view.items.push(account.clone());
    }
    let n = app
        .session
        .accounts
        .get(workspace_id)
        .map_or(0, |v| v.items.len());
    app.session.account_sel = Selection::all(n);
    app.session.account_sel.selected = n.saturating_sub(1);
    let key = f.draft_key();
    app.session.current = Some(f.workspace);
    let id = inert(&account.id).into_owned();
    let text = if found {
        format!("The answer was lost; looked up: it was created once ({id})")
    } else {
        format!("Created {id}")
    };
    match account.contract_warning() {
        Some(warning) => app.set_status(StatusKind::Error, format!("{text}, but {warning}")),
        None => app.set_status(StatusKind::Success, text),
    }
    super::find::heard_account(app, workspace_id, &account);
    if !app.ledger.iter().any(|e| e.account.id == account.id) {
        app.ledger.push(crate::tui::app::LedgerEntry {
            account: account.clone(),
            deleted: false,
        });
    }
    app.session.detail = Some(account);
    app.detail_created = true;
    // The new account is shown over its workspace's list, wherever the
    // form was opened from.
    app.session
        .screens
        .jump(&[Screen::Workspace, Screen::Detail]);
    vec![Cmd::DeleteDraft(key)]
}

pub(super) fn restore_draft(app: &mut App) -> Vec<Cmd> {
    let Some(f) = app.form_mut() else {
        return Vec::new();
    };
    let Some(draft) = f.offer.take() else {
        return Vec::new();
    };
    f.restore(&draft);
    let Some(since) = f.sent_at else {
        app.set_status(StatusKind::Success, "Draft restored");
        return Vec::new();
    };
    // The last run sent this and never heard back: find out first.
    let (name, email) = (
        draft.input.name.trim().to_string(),
        draft.input.email.trim().to_string(),
    );
    let ws = f.workspace.id.clone();
    f.banner = Some("This draft was being sent when alto stopped: looking for the account…".into());
    let req = app.req();
    if let Some(f) = app.form_mut() {
        f.phase = Phase::Checking(req);
    }
    vec![Cmd::FindAccount {
        req,
        workspace_id: ws,
        name,
        email,
        since,
    }]
}

pub(super) fn short(e: &ApiError) -> String {
    match e.status() {
        Some(s) => format!("HTTP {s}"),
        None => match e {
            ApiError::Timeout { .. } => "no answer in time".into(),
            ApiError::Connect { .. } => "could not connect".into(),
            ApiError::BadToken { .. } => "the token cannot be sent".into(),
            _ => "network error".into(),
        },
    }
}

/// After a 422 with field errors: the status line, and every message for a
/// key the form does not have (`tax_id`, `address.region`) listed whole in
/// a box, since no field can show it.
pub(super) fn refused_fields(app: &mut App, e: &ApiError) {
    let unknown: Vec<String> = e
        .field_errors()
        .into_iter()
        .flatten()
        .filter(|(key, _)| Field::from_key(key).is_none())
        .map(|(key, msgs)| format!("{}: {}", key, msgs.join(" ")))
        .collect();
    if unknown.is_empty() {
        app.set_status(
            StatusKind::Error,
            "The API refused some fields: see the messages under them",
        );
        return;
    }
    app.set_status(
        StatusKind::Error,
        "The API refused fields this form does not have: see the box",
    );
    let text = format!(
        "The API answered HTTP {} and named {} field{} this form does not have:\n\n{}\n\nNothing was saved; what you typed is kept.",
        e.status().unwrap_or(422),
        unknown.len(),
        if unknown.len() == 1 { "" } else { "s" },
        unknown.join("\n\n")
    );
    app.boxes.set_error(Some(ErrorPopup::new(
        "Refused: fields the form does not know",
        text,
    )));
}

/// The server's per-field messages (a 422), put under the fields; the
/// banner says what the server refused. False when `e` has none.
pub(super) fn apply_field_errors(f: &mut FormState, e: &ApiError) -> bool {
    let Some(fields) = e.field_errors() else {
        return false;
    };
    let mut unknown = Vec::new();
    for (key, msgs) in fields {
        let text = inert(&msgs.join(" ")).into_owned();
        match Field::from_key(key) {
            Some(field) => {
                f.errors[field as usize] = Some(text);
                f.touched[field as usize] = true;
            }
            None => unknown.push(inert(key).into_owned()),
        }
    }
    f.focus_first_error();
    let what = if f.editing.is_some() {
        "the changes"
    } else {
        "the account"
    };
    let mut banner = format!(
        "The API refused {what} (HTTP {}).",
        e.status().unwrap_or(422)
    );
    if !unknown.is_empty() {
        banner.push_str(&format!(
            " {} message{} for fields the form does not have: {} (in the box)",
            unknown.len(),
            if unknown.len() == 1 { "" } else { "s" },
            unknown.join(", ")
        ));
    }
    f.banner = Some(banner);
    true
}

/// The whole error, as text a user can read and copy; the last paragraph
/// says what `write` did or may have done.
pub fn error_popup(e: &ApiError, write: &Write) -> ErrorPopup {
    let title = match e.status() {
        Some(409) if !matches!(write, Write::Op(_)) => {
            "Refused: the workspace cannot take another account (409)".to_string()
        }
        Some(404) => "Not found (404)".to_string(),
        Some(429) => "Rate limited (429)".to_string(),
        Some(s) if s >= 500 => format!("Server error ({s})"),
        Some(s) if (300..400).contains(&s) => format!("Redirect refused ({s})"),
        Some(s) => format!("Refused ({s})"),
        None if matches!(e, ApiError::BadToken { .. }) => "The token cannot be used".to_string(),
        None => "Network error".to_string(),
    };
    let mut text = e.to_string();
    if let Some(body) = e.body() {
        for line in body.details() {
            text.push('\n');
            text.push_str(&line);
        }
    }
    let after = match (write, e.outcome_unknown()) {
        (Write::Create, true) => {
            "The request may have reached the server. The API has no idempotency key: check the workspace's accounts (Esc, then r) before sending again."
        }
        (Write::Create, false) => "Nothing was created. The form is kept as you left it.",
        (Write::Update, true) => {
            "The request may have reached the server. Saving again sends the same values, which is safe."
        }
        (Write::Update, false) => "Nothing was changed. Your edits are kept.",
        (Write::Delete { .. }, true) => {
            "The request may have reached the server: reload the workspace (Esc, then r) to see whether the account is still there."
        }
        (Write::Delete { .. }, false) => "Nothing was deleted.",
        (Write::Op(_), true) => {
            "The request may have reached the server: alto looks up what happened before anything is sent again."
        }
        (Write::Op(_), false) => "Nothing was changed.",
    };
    text.push_str("\n\n");
    text.push_str(after);
    // Server text in `text` is already inert and bounded
    // (ErrorBody::summary); the view makes every line safe again as it
    // draws. `y` copies the server's message whole.
    let mut popup = ErrorPopup::new(title, text);
    if let Some(message) = e.body().and_then(|b| b.message.clone())
        && message.len() > crate::api::error::SUMMARY_MAX
    {
        popup.full = Some(message);
    }
    popup
}
