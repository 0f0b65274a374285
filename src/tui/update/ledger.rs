//! The API log and the session ledger (duplicate as new).

use super::*;

pub(super) fn api_logged(app: &mut App, entry: crate::api::ApiLogEntry) {
    let sel = &app.log_sel;
    // Following the newest entry unless the user moved up.
    let follow = sel.selected + 1 >= sel.visible.len();
    let mut selected = sel.selected;
    app.api_log.push(entry);
    if app.api_log.len() > crate::tui::app::API_LOG_CAP {
        app.api_log.remove(0);
        selected = selected.saturating_sub(1);
    }
    let n = app.api_log.len();
    let height = crate::tui::layout::list_height(app, Screen::ApiLog);
    app.log_sel.visible = (0..n).collect();
    app.log_sel.selected = if follow { n - 1 } else { selected };
    app.log_sel.scroll(height);
}

/// `N`: the new-account form of the account's workspace, prefilled from it
/// (every field, the currency too) for the next one.
pub(super) fn duplicate_as_new(app: &mut App) -> Vec<Cmd> {
    let account = match app.screen() {
        Screen::Detail => app.session.detail.clone(),
        Screen::Ledger => app
            .ledger_sel
            .current()
            .and_then(|i| app.ledger.get(i))
            .map(|e| e.account.clone()),
        _ => None,
    };
    let Some(account) = account else {
        return Vec::new();
    };
    let ws = workspace_by_id(app, &account.workspace_id);
    let mut cmds = new_account_in(app, ws);
    let Some(f) = app.form_mut() else {
        return cmds;
    };
    if !f.is_blank() || f.offer.is_some() {
        // Never over what the user typed (or a draft waiting to be restored).
        app.set_status(
            StatusKind::Info,
            "This workspace's form already holds typed values: kept them, not duplicated",
        );
        return cmds;
    }
    let input = crate::rules::AccountInput::from_account(&account);
    for field in Field::ALL {
        f.values[field as usize] = Input::new(input.get(field).to_string());
    }
    f.focus = Field::Name as usize;
    cmds.push(Cmd::SaveDraft {
        draft: Box::new(f.draft()),
        now: false,
    });
    app.set_status(
        StatusKind::Info,
        format!(
            "Prefilled from {}: change what differs, then Ctrl+S",
            inert(&account.id)
        ),
    );
    cmds
}
