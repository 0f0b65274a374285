//! One invoice: number, status, dates, each line, the totals with tax and
//! discounts, in the invoice's currency (the declaration's fields).

use crate::tui::resources::invoices::INVOICES;
use crate::tui::resources::{self, action_key, detail_keys};
use crate::tui::view::safe;
use ratatui::text::{Line, Span};

pub const SCREEN: super::Spec = super::Spec {
    help_title: |_| "Keys · Invoice",
    render: |app, frame, area| {
        let t = &app.ctx.theme;
        let Some(i) = (INVOICES.shown)(app) else {
            return;
        };
        let title = Line::from(vec![
            Span::styled(" Invoice ", t.title()),
            Span::styled(safe(i.number.as_deref().unwrap_or(&i.id)), t.title()),
            Span::styled(
                format!("  {}", crate::money::format(i.total, &i.currency)),
                t.title(),
            ),
        ]);
        resources::detail(app, frame, area, title, INVOICES.fields, i);
    },
    key: |_, key| action_key(INVOICES.detail_actions, key),
    keys: |_| detail_keys(INVOICES.detail_actions),
    list: None,
    copy: |app, json| INVOICES.copy(app, false, json),
    reload: None,
};
