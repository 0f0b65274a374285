//! Reads belong to the screen they were asked for. When that screen is
//! closed before a read's turn comes (the API's budget spent, a 429's
//! pause), the read is dropped and never sent: `update` notes each read
//! with the screen on top ([`track`]) and, once that screen is closed,
//! asks the effects to drop it (`Cmd::DropReads`); the client checks
//! before it takes a turn and before it sends.

use super::app::{App, Load};
use super::msg::{BillingCmd, Cmd, OrgCmd, ReqId};

/// How many reads are remembered (older ones have long been answered).
const REMEMBERED: usize = 256;

/// The request id of a read a screen asked for (the lookups of a write's
/// outcome are not: they settle the write wherever the user is).
pub fn read_of(cmd: &Cmd) -> Option<ReqId> {
    match cmd {
        Cmd::Load { req, .. }
        | Cmd::LoadWorkspace { req, .. }
        | Cmd::LoadAccounts { req, .. }
        | Cmd::LoadMembers { req, .. }
        | Cmd::Billing(
            BillingCmd::LoadSubscriptions { req, .. }
            | BillingCmd::LoadPaymentMethods { req, .. }
            | BillingCmd::LoadInvoices { req, .. },
        )
        | Cmd::Org(OrgCmd::Load { req, .. }) => Some(*req),
        _ => None,
    }
}

/// The reads the session still waits for (every list's `Load::Loading`).
fn awaited(app: &App) -> std::collections::HashSet<ReqId> {
    app.session
        .loads()
        .filter_map(|l| match l {
            Load::Loading(req) => Some(*req),
            _ => None,
        })
        .collect()
}

/// Notes the reads in `cmds` with the screen on top, and adds a
/// `DropReads` for those whose screen is no longer open.
pub fn track(app: &mut App, cmds: &mut Vec<Cmd>) {
    let screens = &app.session.screens;
    let checking = |req: ReqId| {
        app.pending_write
            .as_ref()
            .is_some_and(|w| w.phase.checks(req))
    };
    let awaited = awaited(app);
    let (gone, mut kept): (Vec<_>, Vec<_>) = std::mem::take(&mut app.reads)
        .into_iter()
        .filter(|(req, _)| awaited.contains(req))
        .partition(|&(req, screen)| !screens.is_open(screen) && !checking(req));
    let top = screens.top_id();
    kept.extend(
        cmds.iter()
            .filter_map(read_of)
            .filter(|&req| !checking(req))
            .map(|req| (req, top)),
    );
    let over = kept.len().saturating_sub(REMEMBERED);
    kept.drain(..over);
    app.reads = kept;
    if !gone.is_empty() {
        cmds.push(Cmd::DropReads(
            gone.into_iter().map(|(req, _)| req).collect(),
        ));
    }
}
