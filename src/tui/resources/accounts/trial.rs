//! An account's trial eligibility (`T` on the account): whether its first
//! subscription may start with a free trial, whether it has a payment
//! method and may subscribe, and what is still needed. Read-only; read
//! afresh each time it opens (`GET …/trial-eligibility`).

use crate::api::billing::AccountRef;
use crate::api::model::TrialEligibility;
use crate::tui::app::{App, Screen};
use crate::tui::resources::common::{BACK, RELOAD};
use crate::tui::resources::{Field, detail_lines};
use crate::tui::screens::pane::{Pane, Scope};
use crate::tui::store::{Read, item};

pub static READ: Read = Read {
    name: "trial eligibility",
    fetch: |client, scope| {
        Box::pin(async move {
            let (ws, account) = scope.split_once('/').unwrap_or_default();
            item(client.trial_eligibility(AccountRef::new(ws, account)).await)
        })
    },
};

pub static PANE: Pane = Pane {
    title: "Trial eligibility of",
    help_title: "Keys · Trial eligibility",
    read: &READ,
    scope,
    none: "Open an account first: trial eligibility is an account's",
    lines: |app, answer| match answer.downcast_ref::<TrialEligibility>() {
        Some(t) => detail_lines(app, FIELDS, t),
        None => Vec::new(),
    },
    actions: &[RELOAD, BACK],
};

/// The account open on the screen underneath (its detail pane).
fn scope(app: &App) -> Option<Scope> {
    let on_account = app.session.screens.as_slice().contains(&Screen::Detail);
    let account = app.session.detail.as_ref().filter(|_| on_account)?;
    let ws = app.session.current.as_ref()?;
    Some(Scope {
        ids: format!("{}/{}", ws.id, account.id),
        name: account.name.clone(),
    })
}

fn yes_no(yes: bool, no: &str) -> Option<String> {
    Some(if yes { "yes".into() } else { no.into() })
}

const FIELDS: &[Field<TrialEligibility>] = &[
    Field::Value("Free trial", |_, t| {
        yes_no(t.trial_eligible, "no (not its first subscription)")
    }),
    Field::Value("Trial days", |_, t| {
        t.trial_info.as_ref()?.trial_days.map(|d| d.to_string())
    }),
    Field::Value("Says", |_, t| t.trial_info.as_ref()?.message.clone()),
    Field::Value("Payment method", |_, t| {
        yes_no(t.has_payment_method, "none on file")
    }),
    Field::Value("Can subscribe", |_, t| {
        yes_no(t.can_create_subscription, "not yet")
    }),
    Field::Rows(|_, t| {
        let texts = t
            .requirements
            .as_ref()
            .map(|r| r.texts())
            .unwrap_or_default();
        (texts.into_iter().enumerate())
            .map(|(i, text)| {
                let label = if i == 0 { "Still needed" } else { "" };
                (label.to_string(), Some(text.to_string()))
            })
            .collect()
    }),
];
