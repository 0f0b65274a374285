//! An account's subscriptions (a billing tab).

use super::billing_tabs::{self, CHROME};
use crate::tui::billing::Tab;
use crate::tui::resources::subscriptions::SUBSCRIPTIONS;
use crate::tui::resources::{NO_SELECTION, list_key};
use ratatui::layout::Rect;

pub const SCREEN: super::Spec = super::Spec {
    help_title: |_| "Keys · Subscriptions",
    render: |app, frame, area| {
        billing_tabs::header(app, frame, area, Tab::Subscriptions);
        let rest = Rect {
            y: area.y + 2,
            height: area.height.saturating_sub(2),
            ..area
        };
        let empty = "No subscriptions. (Creating one: alto subscriptions create.)";
        billing_tabs::list(app, frame, rest, &SUBSCRIPTIONS, empty);
    },
    key: |_, key| list_key(SUBSCRIPTIONS.list_actions, key),
    keys: |_| billing_tabs::keys(&SUBSCRIPTIONS),
    list: Some(super::ListGeometry {
        sel: |app| (SUBSCRIPTIONS.listed)(app).map_or(&NO_SELECTION, |l| l.sel),
        sel_mut: |app| billing_tabs::sel_mut(app, |b| &mut b.subscriptions.sel),
        chrome: CHROME,
        first_row: CHROME as u16,
        more: None,
    }),
    copy: |app, json| SUBSCRIPTIONS.copy(app, true, json),
    reload: Some(SUBSCRIPTIONS.list),
};
