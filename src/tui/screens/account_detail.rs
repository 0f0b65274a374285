//! The billing account detail pane: every field, the address, and the
//! times in local time and UTC. Used after a create and from the browser.
//! Its rows and keys are the declaration's (resources::accounts).

use crate::tui::app::App;
use crate::tui::resources::accounts::ACCOUNTS;
use crate::tui::resources::{self, action_key, detail_keys};
use crate::tui::view::safe;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

pub const SCREEN: super::Spec = super::Spec {
    help_title: |_| "Keys · Billing account",
    render,
    key: |_, key| action_key(ACCOUNTS.detail_actions, key),
    keys: |_| detail_keys(ACCOUNTS.detail_actions),
    list: None,
    copy: |app, json| ACCOUNTS.copy(app, false, json),
    reload: None,
};

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.ctx.theme;
    let Some(a) = (ACCOUNTS.shown)(app) else {
        return;
    };
    let title = if app.detail_created {
        Line::from(vec![
            Span::styled(" ✓ Billing account created ", t.success()),
            Span::styled(safe(&a.id), t.title()),
        ])
    } else {
        Line::from(vec![
            Span::styled(" Billing account ", t.title()),
            Span::styled(safe(&a.id), t.title()),
        ])
    };
    resources::detail(app, frame, area, title, ACCOUNTS.fields, a);
}
