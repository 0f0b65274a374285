//! A workspace's members (`M`): the workspace's name over the list.

use crate::tui::resources::members::MEMBERS;
use crate::tui::resources::{self, NO_SELECTION, list_key};
use crate::tui::view::safe;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Rows above the first member: the workspace, the title, the header.
const CHROME: usize = 3;

pub const SCREEN: super::Spec = super::Spec {
    help_title: |_| "Keys · Members",
    render: |app, frame, area| {
        let t = &app.ctx.theme;
        if let Some(ws) = &app.session.current {
            let line = Line::from(vec![
                Span::styled(format!(" {}", safe(&ws.name)), t.title()),
                Span::styled(format!("  {}", safe(&ws.id)), t.dim()),
            ]);
            frame.render_widget(Paragraph::new(line), Rect { height: 1, ..area });
        }
        let rest = Rect {
            y: area.y + 1,
            height: area.height.saturating_sub(1),
            ..area
        };
        let texts = resources::ListTexts {
            empty: "No members.",
            failed: "the members",
            partial: Span::styled("  ⚠ partial list (has_more)", t.warning()),
            busy: false,
            note: None,
        };
        resources::titled_list(app, frame, rest, &MEMBERS, texts);
    },
    key: |_, key| list_key(MEMBERS.list_actions, key),
    keys: |_| super::billing_tabs::keys(&MEMBERS),
    list: Some(super::ListGeometry {
        sel: |app| (MEMBERS.listed)(app).map_or(&NO_SELECTION, |l| l.sel),
        sel_mut: |app| match app.session.current.as_ref().map(|w| w.id.clone()) {
            Some(ws) => &mut app.session.members.entry(ws).or_default().sel,
            None => &mut app.session.account_sel,
        },
        chrome: CHROME,
        first_row: CHROME as u16,
        more: None,
    }),
    copy: |app, json| MEMBERS.copy(app, true, json),
    reload: Some(MEMBERS.list),
};
