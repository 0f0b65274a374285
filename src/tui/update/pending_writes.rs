//! The writes (but an account's own) on the shared write state machine:
//! subscriptions, payment methods, members, workspaces, organizations. Each
//! asks first (a destructive one with Cancel focused), is sent once with
//! the key made here (`Cmd::SendWrite`), the client looks a lost answer up,
//! and one it could not settle is looked up again (the list) before
//! anything is said or sent again.

use super::billing::{at, load};
use super::*;
use crate::api::model::{PaymentMethod, Subscription};
use crate::tui::billing::{QuantityEdit, QuantityStage, Tab};
use crate::tui::msg::{At, BillingCmd, BillingMsg, Written};
use crate::tui::ops::{Lists, PendingWrite, Seen, WriteOp};
use crate::tui::write::Answer;

pub(super) fn on_write(app: &mut App, msg: BillingMsg) -> Vec<Cmd> {
    match msg {
        BillingMsg::Pause => subscription_op(app, |s| {
            (s.status == "paused")
                .then_some("Already paused")
                .map_or(Ok(WriteOp::Pause(s.id.clone())), Err)
        }),
        BillingMsg::Resume => subscription_op(app, |s| {
            (s.status != "paused")
                .then_some("Only a paused subscription resumes")
                .map_or(Ok(WriteOp::Resume(s.id.clone())), Err)
        }),
        BillingMsg::Cancel => subscription_op(app, |s| {
            if !s.is_live() {
                Err("Already over: nothing to cancel")
            } else if s.cancel_at_period_end {
                Err("Already cancels at the end of its period")
            } else {
                Ok(WriteOp::Cancel(s.id.clone()))
            }
        }),
        BillingMsg::MakeDefault => method_op(app, |m| {
            (m.is_default)
                .then_some("Already the default")
                .map_or(Ok(WriteOp::MakeDefault(m.id.clone())), Err)
        }),
        BillingMsg::Detach => method_op(app, |m| Ok(WriteOp::Detach(m.id.clone()))),
        BillingMsg::EditQuantities => edit_quantities(app),
        BillingMsg::QtyEdit(r) => {
            if let Some(q) = app
                .boxes
                .quantities_mut()
                .filter(|q| matches!(q.stage, QuantityStage::Typing))
            {
                q.inputs[q.focus].handle(r);
                q.problem = None;
            }
            Vec::new()
        }
        BillingMsg::QtyFocus(forward) => {
            if let Some(q) = app.boxes.quantities_mut() {
                q.focus = (q.focus + if forward { 1 } else { 2 }) % 3;
            }
            Vec::new()
        }
        BillingMsg::QtySubmit => super::billing_quantities::submit(app),
        BillingMsg::Previewed { req, result } => {
            super::billing_quantities::previewed(app, req, result)
        }
        BillingMsg::AddCard => add_card(app),
        BillingMsg::SetupIntent { req, result } => setup_intent(app, req, result),
        BillingMsg::OpenHosted => open_hosted(app),
        BillingMsg::Opened(result) => {
            match result {
                Ok(url) => app.set_status(
                    StatusKind::Success,
                    format!("Opened {} in the browser", inert(&url)),
                ),
                Err(e) => app.set_status(StatusKind::Error, e),
            }
            Vec::new()
        }
        other => {
            debug_assert!(false, "{other:?} is not a billing write");
            Vec::new()
        }
    }
}

/// The subscription the keys act on: the one selected (the detail shows
/// the selected one too).
fn selected_subscription(app: &App) -> Option<Subscription> {
    let b = app.billing()?;
    let l = &b.subscriptions;
    l.sel.current().and_then(|i| l.items.get(i)).cloned()
}

fn selected_method(app: &App) -> Option<PaymentMethod> {
    let b = app.billing()?;
    let l = &b.payment_methods;
    l.sel.current().and_then(|i| l.items.get(i)).cloned()
}

fn subscription_op(
    app: &mut App,
    op: impl Fn(&Subscription) -> Result<WriteOp, &'static str>,
) -> Vec<Cmd> {
    let Some(s) = selected_subscription(app) else {
        return Vec::new();
    };
    match op(&s) {
        Ok(op) => ask(
            app,
            op,
            format!("{} ({})", s.id, crate::api::model::products_summary(&s)),
        ),
        Err(why) => {
            app.set_status(StatusKind::Info, why);
            Vec::new()
        }
    }
}

fn method_op(
    app: &mut App,
    op: impl Fn(&PaymentMethod) -> Result<WriteOp, &'static str>,
) -> Vec<Cmd> {
    let Some(m) = selected_method(app) else {
        return Vec::new();
    };
    match op(&m) {
        Ok(op) => ask(
            app,
            op,
            format!("{} ({})", m.id, crate::api::model::payment_method_label(&m)),
        ),
        Err(why) => {
            app.set_status(StatusKind::Info, why);
            Vec::new()
        }
    }
}

/// The confirm box over a write, unless one is still waiting for
/// its answer, or its outcome is unknown (then it is looked up first).
pub(super) fn ask(app: &mut App, op: WriteOp, label: String) -> Vec<Cmd> {
    match at(app) {
        Some(at) => ask_at(app, at, op, label),
        None => Vec::new(),
    }
}

/// [`ask`] for a write that goes to `at` (a member's workspace).
pub(super) fn ask_at(app: &mut App, at: At, op: WriteOp, label: String) -> Vec<Cmd> {
    if let Some(w) = &app.pending_write {
        if let Some(why) = w.phase.wait_reason() {
            app.set_status(StatusKind::Info, why);
            return Vec::new();
        }
        if w.phase.needs_confirmation() {
            app.set_status(
                StatusKind::Info,
                "Looking up what the last change did before anything else is sent",
            );
            return look_up(app);
        }
    }
    let name = workspace_by_id(app, &at.workspace_id).name;
    let req = app.req();
    let mut write = PendingWrite {
        at,
        op,
        label,
        phase: Phase::Idle,
        key: app.ctx.idempotency_key(req),
        before: None,
    };
    write.before = lists_now(app, &write).and_then(|(_, seen)| write.op.before(&seen));
    ask_write(app, Write::Op(Box::new(write)), name);
    Vec::new()
}

/// Yes in the confirm box (or Enter on a quantity preview): sent once.
pub(super) fn send(app: &mut App, mut write: PendingWrite) -> Vec<Cmd> {
    let req = app.req();
    write.phase = Phase::Sending(req);
    app.set_status(
        StatusKind::Info,
        format!("{}: sending…", inert(&write.label)),
    );
    let cmd = Cmd::SendWrite {
        req,
        at: write.at.clone(),
        op: write.op.clone(),
        key: write.key.clone(),
        before: write.before.clone(),
        despite_pause: false,
    };
    app.pending_write = Some(write);
    vec![cmd]
}

pub(super) fn written(app: &mut App, req: ReqId, result: Result<Written, ApiError>) -> Vec<Cmd> {
    let Some(w) = app.pending_write.clone().filter(|w| w.phase.answers(req)) else {
        return Vec::new();
    };
    match Answer::from(result) {
        Answer::Done(Written::LookedUp(written)) => {
            app.pending_write = None;
            apply(app, &w, *written);
            app.set_status(
                StatusKind::Success,
                format!(
                    "The answer was lost; looked up: it was done: {}",
                    inert(&w.label)
                ),
            );
            Vec::new()
        }
        Answer::Done(written) => {
            app.pending_write = None;
            apply(app, &w, written);
            Vec::new()
        }
        Answer::Refused(ApiError::NotDone { .. }) => {
            // Offered again as it was: the same write, the same key.
            let name = workspace_by_id(app, &w.at.workspace_id).name;
            let label = w.label.clone();
            app.pending_write = None;
            let again = PendingWrite {
                phase: Phase::Idle,
                ..w
            };
            ask_write(app, Write::Op(Box::new(again)), name);
            app.set_status(
                StatusKind::Error,
                format!(
                    "The answer was lost; looked up: it was not done, and nothing was sent again: {}. Send it again (with the same key)?",
                    inert(&label)
                ),
            );
            Vec::new()
        }
        Answer::Refused(e) => {
            app.pending_write = None;
            if !unauthorised(app, &e) {
                let mut popup = error_popup(&e, &Write::Op(Box::new(w.clone())));
                // A 403 on a member change: which rule of the hierarchy.
                let rule = super::members::change_of(app, &w.op)
                    .filter(|_| e.status() == Some(403))
                    .map(crate::rules::workspace::member_rule);
                let said = match rule {
                    Some(rule) => {
                        popup.text.push_str(&format!("\n\nThe rule: {rule}."));
                        format!("Not done: the API refused it (403): {rule}")
                    }
                    None => format!("Not done: {}", short(&e)),
                };
                app.boxes.set_error(Some(popup));
                app.set_status(StatusKind::Error, said);
            }
            Vec::new()
        }
        Answer::Unknown(e) => {
            app.set_status(
                StatusKind::Error,
                format!("No clear answer ({}): looking up what happened…", short(&e)),
            );
            look_up(app)
        }
    }
}

/// What a done write changes on screen.
fn apply(app: &mut App, w: &PendingWrite, written: Written) {
    match w.op.list() {
        Lists::Members => return super::members::apply(app, w, written),
        Lists::Workspaces => return super::workspaces::apply(app, w, written),
        Lists::Orgs => return super::org_writes::apply(app, w, written),
        Lists::Accounts => return super::edit_delete::apply(app, written),
        Lists::Subscriptions | Lists::PaymentMethods => {}
    }
    let Some(b) = app.session.billing.get_mut(&w.at.account_id) else {
        return;
    };
    let said = match written {
        Written::Subscription(s) => {
            let said = match &w.op {
                WriteOp::Quantities { .. } => {
                    format!("{}: now {}", s.id, crate::api::model::products_summary(&s))
                }
                _ => format!("{}: now {}", s.id, s.status),
            };
            if let Some(slot) = b.subscriptions.items.iter_mut().find(|x| x.id == s.id) {
                *slot = *s;
            }
            said
        }
        Written::Cancelled => {
            for s in b
                .subscriptions
                .items
                .iter_mut()
                .filter(|s| s.id == w.op.target())
            {
                s.cancel_at_period_end = true;
            }
            format!("{}: cancels at the end of its period", w.op.target())
        }
        Written::DefaultSet => {
            for m in &mut b.payment_methods.items {
                m.is_default = m.id == w.op.target();
            }
            format!("{} is now the default", w.op.target())
        }
        Written::Detached => {
            b.payment_methods.items.retain(|m| m.id != w.op.target());
            let n = b.payment_methods.items.len();
            b.payment_methods.sel = Selection::at(n, b.payment_methods.sel.selected, 1);
            format!("Detached {}", w.op.target())
        }
        Written::Member(_)
        | Written::LookedUp(_)
        | Written::Removed
        | Written::Workspace(_)
        | Written::Archived
        | Written::Org(_)
        | Written::OrgDeleted
        | Written::Account(_)
        | Written::AccountDeleted(_) => return,
    };
    app.set_status(StatusKind::Success, inert(&said).into_owned());
}

/// The write's answer never came: the list it changes is asked again, and
/// what it shows settles the write ([`looked_up`]).
fn look_up(app: &mut App) -> Vec<Cmd> {
    let Some(mut w) = app.pending_write.clone() else {
        return Vec::new();
    };
    // The lookup is about the write's own account or workspace, on screen.
    let here = match w.op.list() {
        Lists::Members | Lists::Orgs | Lists::Accounts => app
            .session
            .current
            .as_ref()
            .map(|ws| ws.id == w.at.workspace_id),
        Lists::Workspaces => Some(true),
        _ => app.session.detail.as_ref().map(|a| a.id == w.at.account_id),
    };
    if here != Some(true) {
        w.phase = Phase::Unknown("what it changed is no longer on screen".into());
        app.pending_write = Some(w);
        return Vec::new();
    }
    let cmds = match w.op.list() {
        Lists::Subscriptions => load(app, Tab::Subscriptions),
        Lists::PaymentMethods => load(app, Tab::PaymentMethods),
        Lists::Members => super::members::load(app),
        Lists::Workspaces => load_workspaces(app),
        Lists::Orgs => super::orgs::load(app),
        Lists::Accounts => load_accounts(app, &w.at.workspace_id),
    };
    let req = match cmds.first() {
        Some(Cmd::Billing(BillingCmd::LoadSubscriptions { req, .. }))
        | Some(Cmd::Billing(BillingCmd::LoadPaymentMethods { req, .. }))
        | Some(Cmd::LoadMembers { req, .. })
        | Some(Cmd::LoadAccounts { req, .. })
        | Some(Cmd::LoadWorkspaces { req })
        | Some(Cmd::Org(crate::tui::msg::OrgCmd::Load { req, .. })) => *req,
        _ => return cmds,
    };
    w.phase = Phase::Checking(req);
    app.pending_write = Some(w);
    cmds
}

/// Where the list a write changes stands, and what it holds now.
fn lists_now<'a>(app: &'a App, w: &PendingWrite) -> Option<(&'a Load, Seen<'a>)> {
    match w.op.list() {
        Lists::Members => {
            let l = app.session.members.get(&w.at.workspace_id)?;
            let seen = Seen {
                members: &l.items,
                ..Seen::default()
            };
            Some((&l.load, seen))
        }
        Lists::Workspaces => {
            let l = &app.session.workspaces;
            let seen = Seen {
                workspaces: &l.items,
                ..Seen::default()
            };
            Some((&l.load, seen))
        }
        Lists::Orgs => {
            let l = &app.session.orgs.get(&w.at.workspace_id)?.list;
            let seen = Seen {
                orgs: &l.items,
                ..Seen::default()
            };
            Some((&l.load, seen))
        }
        Lists::Accounts => {
            let l = app.session.accounts.get(&w.at.workspace_id)?;
            let seen = Seen {
                accounts: &l.items,
                ..Seen::default()
            };
            Some((&l.load, seen))
        }
        Lists::Subscriptions | Lists::PaymentMethods => {
            let b = app.session.billing.get(&w.at.account_id)?;
            let load = match w.op.list() {
                Lists::PaymentMethods => &b.payment_methods.load,
                _ => &b.subscriptions.load,
            };
            let seen = Seen {
                subscriptions: &b.subscriptions.items,
                methods: &b.payment_methods.items,
                ..Seen::default()
            };
            Some((load, seen))
        }
    }
}

/// A list arrived: if it was the lookup of a write whose answer never
/// came, it says whether the write happened.
pub(super) fn looked_up(app: &mut App, req: ReqId) -> Vec<Cmd> {
    let Some(w) = app.pending_write.clone().filter(|w| w.phase.checks(req)) else {
        return Vec::new();
    };
    let Some((load, seen)) = lists_now(app, &w) else {
        return Vec::new();
    };
    if let Load::Failed(why) = load {
        let why = format!("the lookup failed too ({why})");
        app.set_status(
            StatusKind::Error,
            format!(
                "Cannot tell whether {} happened: {why}. Asking again looks it up first.",
                inert(&w.label)
            ),
        );
        app.pending_write = Some(PendingWrite {
            phase: Phase::Unknown(why),
            ..w
        });
        return Vec::new();
    }
    let done = w.op.done_in(&seen);
    app.pending_write = None;
    let (kind, text) = if done {
        (
            StatusKind::Success,
            format!(
                "The answer was lost, but the server shows it done: {}",
                inert(&w.label)
            ),
        )
    } else {
        (
            StatusKind::Error,
            format!(
                "The answer was lost and the server shows nothing changed: {} (ask again to retry)",
                inert(&w.label)
            ),
        )
    };
    app.set_status(kind, text);
    Vec::new()
}

fn edit_quantities(app: &mut App) -> Vec<Cmd> {
    match selected_subscription(app) {
        Some(s) if s.is_live() => app.boxes.set_quantities(Some(QuantityEdit::new(s))),
        Some(_) => app.set_status(StatusKind::Info, "Over: its quantities cannot change"),
        None => {}
    }
    Vec::new()
}

/// `a`: a setup intent says whether a card may be added; the card itself
/// is entered in Stripe's page (the dashboard), never here.
fn add_card(app: &mut App) -> Vec<Cmd> {
    let Some(at) = at(app) else {
        return Vec::new();
    };
    let req = app.req();
    let idempotency_key = app.ctx.idempotency_key(req);
    app.set_status(StatusKind::Info, "Asking the API for a card setup…");
    app.pending_write = None;
    vec![Cmd::Billing(BillingCmd::SetupIntent {
        req,
        at,
        idempotency_key,
    })]
}

fn setup_intent(
    app: &mut App,
    _req: ReqId,
    result: Result<crate::api::model::SetupIntent, ApiError>,
) -> Vec<Cmd> {
    match result {
        Ok(intent) => match intent.url.as_deref().and_then(web_url) {
            Some(url) => {
                app.set_status(
                    StatusKind::Info,
                    "Opening the card setup page in the browser…",
                );
                return vec![Cmd::Billing(BillingCmd::OpenUrl(url))];
            }
            None => {
                app.boxes.set_error(Some(ErrorPopup::note(
                    "Add a card in the dashboard",
                    format!(
                        "The account has room for another payment method. Cards are entered in Stripe's form, never in a terminal: add it in the dashboard, {}, then press r here to see it.",
                        crate::config::DASHBOARD_URL
                    ),
                )));
            }
        },
        Err(e) => {
            if !unauthorised(app, &e) {
                let mut popup =
                    ErrorPopup::new(format!("Cannot add a card ({})", short(&e)), e.to_string());
                if let Some(body) = e.body() {
                    for line in body.details() {
                        popup.text.push('\n');
                        popup.text.push_str(&line);
                    }
                }
                app.boxes.set_error(Some(popup));
            }
        }
    }
    Vec::new()
}

/// Only web pages go to the browser: never a file, a command or a custom
/// scheme a server might send.
/// The page a server's URL names, as the browser will get it: an `https`
/// page, or `http` on loopback (the sandbox's own), parsed and written out
/// again, so what the opener gets is the URL that was checked (parsing
/// drops tabs, newlines and leading blanks the raw text may hold). `None`
/// for anything else.
pub(super) fn web_url(url: &str) -> Option<String> {
    let u = url::Url::parse(url).ok()?;
    let loopback = || {
        u.host().is_some_and(|h| match h {
            url::Host::Domain(d) => d.eq_ignore_ascii_case("localhost"),
            url::Host::Ipv4(ip) => ip.is_loopback(),
            url::Host::Ipv6(ip) => ip.is_loopback(),
        })
    };
    let fine = u.scheme() == "https" || (u.scheme() == "http" && loopback());
    fine.then(|| u.to_string())
}

fn open_hosted(app: &mut App) -> Vec<Cmd> {
    let Some(inv) = (crate::tui::resources::invoices::INVOICES.shown)(app) else {
        return Vec::new();
    };
    match inv.hosted_invoice_url.clone() {
        Some(raw) if web_url(&raw).is_some() => {
            let url = web_url(&raw).unwrap_or_default();
            app.set_status(StatusKind::Info, format!("Opening {} …", inert(&url)));
            vec![Cmd::Billing(BillingCmd::OpenUrl(url))]
        }
        Some(url) => {
            app.set_status(
                StatusKind::Error,
                format!("Not a web page, not opened: {}", inert(&url)),
            );
            Vec::new()
        }
        None => {
            app.set_status(StatusKind::Info, "This invoice has no page yet (a draft)");
            Vec::new()
        }
    }
}
