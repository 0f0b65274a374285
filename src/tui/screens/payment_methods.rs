//! An account's payment methods (a billing tab).

use super::billing_tabs::{self, CHROME};
use crate::tui::billing::Tab;
use crate::tui::resources::payment_methods::PAYMENT_METHODS;
use crate::tui::resources::{NO_SELECTION, list_key};
use ratatui::layout::Rect;

pub const SCREEN: super::Spec = super::Spec {
    help_title: |_| "Keys · Payment methods",
    render: |app, frame, area| {
        billing_tabs::header(app, frame, area, Tab::PaymentMethods);
        let rest = Rect {
            y: area.y + 2,
            height: area.height.saturating_sub(2),
            ..area
        };
        let empty = "No payment methods. Press a to add a card (in the dashboard).";
        billing_tabs::list(app, frame, rest, &PAYMENT_METHODS, empty);
    },
    key: |_, key| list_key(PAYMENT_METHODS.list_actions, key),
    keys: |_| billing_tabs::keys(&PAYMENT_METHODS),
    list: Some(super::ListGeometry {
        sel: |app| (PAYMENT_METHODS.listed)(app).map_or(&NO_SELECTION, |l| l.sel),
        sel_mut: |app| billing_tabs::sel_mut(app, |b| &mut b.payment_methods.sel),
        chrome: CHROME,
        first_row: CHROME as u16,
        more: None,
    }),
    copy: |app, json| PAYMENT_METHODS.copy(app, true, json),
    reload: Some(PAYMENT_METHODS.list),
};
