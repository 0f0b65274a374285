//! An account's subscriptions, payment methods and invoices: opening their
//! tabs, loading (invoices a page at a time as the cursor nears the end),
//! and the API's answers. The writes live in `pending_writes`.

use super::*;
use crate::api::model::BillingAccount;
use crate::tui::billing::{AccountBilling, PAGE_AHEAD, Tab};
use crate::tui::msg::{At, BillingCmd, BillingMsg};

pub(super) fn on_billing(app: &mut App, msg: BillingMsg) -> Vec<Cmd> {
    match msg {
        BillingMsg::Open(tab) => open(app, tab),
        BillingMsg::NextTab(forward) => match tab_of(app.screen()) {
            Some(tab) => {
                app.session.screens.close();
                open(app, tab.step(forward))
            }
            None => Vec::new(),
        },
        BillingMsg::SubscriptionsLoaded {
            req,
            account_id,
            result,
        } => listing_loaded(app, req, &account_id, |b| &mut b.subscriptions, result),
        BillingMsg::PaymentMethodsLoaded {
            req,
            account_id,
            result,
        } => listing_loaded(app, req, &account_id, |b| &mut b.payment_methods, result),
        BillingMsg::InvoicesLoaded {
            req,
            account_id,
            result,
        } => {
            invoices_loaded(app, req, &account_id, result);
            Vec::new()
        }
        other => super::pending_writes::on_write(app, other),
    }
}

/// The billing tab a screen shows, if it is one.
pub(super) fn tab_of(screen: Screen) -> Option<Tab> {
    match screen {
        Screen::Subscriptions => Some(Tab::Subscriptions),
        Screen::PaymentMethods => Some(Tab::PaymentMethods),
        Screen::Invoices => Some(Tab::Invoices),
        _ => None,
    }
}

fn screen_of(tab: Tab) -> Screen {
    match tab {
        Tab::Subscriptions => Screen::Subscriptions,
        Tab::PaymentMethods => Screen::PaymentMethods,
        Tab::Invoices => Screen::Invoices,
    }
}

/// The account the keys act on: the one selected in a workspace's list,
/// else the one on the detail pane (which the billing screens are about).
fn account_here(app: &App) -> Option<BillingAccount> {
    match app.screen() {
        Screen::Workspace => app.selected_account().cloned(),
        _ => app.session.detail.clone(),
    }
}

/// `s`, `p`, `I` (or the palette): the tab of the account, loaded the
/// first time.
pub(super) fn open(app: &mut App, tab: Tab) -> Vec<Cmd> {
    let Some(account) = account_here(app) else {
        app.set_status(StatusKind::Info, "Choose a billing account first");
        return Vec::new();
    };
    if app.screen() == Screen::Workspace {
        app.detail_created = false;
    }
    app.session.detail = Some(account);
    // One tab at a time: a tab opened from another takes its place.
    if tab_of(app.screen()).is_some() {
        app.session.screens.close();
    }
    app.session.screens.open(screen_of(tab));
    let idle = app.billing_mut().is_some_and(|b| match tab {
        Tab::Subscriptions => b.subscriptions.load == Load::Idle,
        Tab::PaymentMethods => b.payment_methods.load == Load::Idle,
        Tab::Invoices => b.invoices.list.load == Load::Idle,
    });
    if idle { load(app, tab) } else { Vec::new() }
}

/// Where the account's requests go.
pub(super) fn at(app: &App) -> Option<At> {
    let a = app.session.detail.as_ref()?;
    Some(At {
        workspace_id: a.workspace_id.clone(),
        account_id: a.id.clone(),
    })
}

/// Loads `tab` of the account on the detail pane again (`r`).
pub fn load(app: &mut App, tab: Tab) -> Vec<Cmd> {
    let Some(at) = at(app) else {
        return Vec::new();
    };
    let req = app.req();
    let Some(b) = app.billing_mut() else {
        return Vec::new();
    };
    let cmd = match tab {
        Tab::Subscriptions => {
            b.subscriptions.load = Load::Loading(req);
            BillingCmd::LoadSubscriptions { req, at }
        }
        Tab::PaymentMethods => {
            b.payment_methods.load = Load::Loading(req);
            BillingCmd::LoadPaymentMethods { req, at }
        }
        Tab::Invoices => {
            // From the newest again: pages loaded before are dropped.
            b.invoices.list.load = Load::Loading(req);
            b.invoices.paging = None;
            b.invoices.page_failed = None;
            BillingCmd::LoadInvoices {
                req,
                at,
                after: None,
            }
        }
    };
    vec![Cmd::Billing(cmd)]
}

/// After the cursor moved on the invoices: the next page once it is within
/// [`PAGE_AHEAD`] rows of the end (one page in flight at a time, so the
/// request budget is never spent ahead of the user).
pub fn more_invoices(app: &mut App) -> Vec<Cmd> {
    let Some(at) = at(app) else {
        return Vec::new();
    };
    let req = app.next_req;
    let Some(b) = app.billing_mut() else {
        return Vec::new();
    };
    let inv = &mut b.invoices;
    let near_end = inv.list.sel.selected + PAGE_AHEAD >= inv.list.items.len();
    let after = match &inv.next {
        Some(next) if near_end && inv.paging.is_none() && inv.page_failed.is_none() => next.clone(),
        _ => return Vec::new(),
    };
    inv.paging = Some(req);
    app.next_req += 1;
    vec![Cmd::Billing(BillingCmd::LoadInvoices {
        req,
        at,
        after: Some(after),
    })]
}

fn entry<'a>(app: &'a mut App, account_id: &str) -> &'a mut AccountBilling {
    app.session
        .billing
        .entry(account_id.to_string())
        .or_default()
}

/// A whole list arrived (subscriptions or payment methods): stored if it is
/// the answer awaited, and, if it was the lookup of an unclear write, that
/// write is settled by it.
fn listing_loaded<T>(
    app: &mut App,
    req: ReqId,
    account_id: &str,
    pick: fn(&mut AccountBilling) -> &mut crate::tui::billing::Listing<T>,
    result: Result<crate::api::model::List<T>, ApiError>,
) -> Vec<Cmd> {
    let height = crate::tui::layout::rows(app);
    match pick(entry(app, account_id)).answer(req, result, height) {
        None => return Vec::new(),
        Some(Err(e)) => {
            unauthorised(app, &e);
        }
        Some(Ok(())) => {}
    }
    super::pending_writes::looked_up(app, req)
}

fn invoices_loaded(
    app: &mut App,
    req: ReqId,
    account_id: &str,
    result: Result<crate::api::model::InvoicePage, ApiError>,
) {
    let height = crate::tui::layout::rows(app);
    let inv = &mut entry(app, account_id).invoices;
    let first = inv.list.load.awaits(req);
    if !first && inv.paging != Some(req) {
        return;
    }
    match result {
        Ok(page) => {
            let page_empty = page.data.is_empty();
            if first {
                inv.cursors.clear();
                inv.list.items = page.data;
                inv.list.load = Load::Loaded;
                inv.list.sel = Selection::all(inv.list.items.len());
            } else {
                inv.list.items.extend(page.data);
                inv.list.sel.visible = (0..inv.list.items.len()).collect();
            }
            inv.paging = None;
            // A cursor without has_more, or has_more without a cursor, or a
            // cursor asked with before (a cycle: A, B, A), or a run of empty
            // pages that each say more will follow, ends the paging, and
            // says so: never a request that cannot move on.
            if let Some(sent) = inv.next.take().filter(|_| !first) {
                inv.cursors.insert(sent);
            }
            inv.empty_pages = match (first, page_empty) {
                (false, true) => inv.empty_pages.saturating_add(1),
                _ => 0,
            };
            let next = page.next_cursor.filter(|_| page.has_more);
            match next {
                Some(c) if inv.cursors.contains(&c) => {
                    inv.page_failed = Some(
                        "the API gave a cursor it had given before (a loop); the list stops here"
                            .into(),
                    );
                }
                Some(_) if inv.empty_pages >= crate::rules::billing::EMPTY_PAGES_MAX => {
                    inv.page_failed = Some(format!(
                        "the API sent {} empty pages in a row, each saying more would follow; the list stops here",
                        inv.empty_pages
                    ));
                }
                next => inv.next = next,
            }
            inv.list.sel.scroll(height);
        }
        Err(e) => {
            if first {
                inv.list.load = Load::Failed(e.to_string());
            } else {
                inv.paging = None;
                inv.page_failed = Some(e.to_string());
            }
            unauthorised(app, &e);
        }
    }
}
