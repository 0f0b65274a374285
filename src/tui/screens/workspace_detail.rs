//! A workspace's details (`v`): everything the API says of it, from the
//! declaration (resources::workspaces).

use crate::tui::resources::workspaces::WORKSPACES;
use crate::tui::resources::{self, action_key, detail_keys};
use crate::tui::view::safe;
use ratatui::text::{Line, Span};

pub const SCREEN: super::Spec = super::Spec {
    help_title: |_| "Keys · Workspace details",
    render: |app, frame, area| {
        let t = &app.ctx.theme;
        let Some(w) = (WORKSPACES.shown)(app) else {
            return;
        };
        let title = Line::from(vec![
            Span::styled(" Workspace ", t.title()),
            Span::styled(safe(&w.name), t.title()),
        ]);
        resources::detail(app, frame, area, title, WORKSPACES.fields, w);
    },
    key: |_, key| action_key(WORKSPACES.detail_actions, key),
    keys: |_| detail_keys(WORKSPACES.detail_actions),
    list: None,
    copy: |app, json| WORKSPACES.copy(app, false, json),
    reload: None,
};
