//! A workspace's organizations (`O`): the workspace's name, the tree's
//! title (count, filter, loading), then the tree as a table.

use crate::tui::app::{App, Load};
use crate::tui::keymap::Key;
use crate::tui::keymap::KeyAction as A;
use crate::tui::msg::{Move, Msg, NavMsg, OrgMsg};
use crate::tui::resources::orgs::ORGS;
use crate::tui::resources::{self, MOVE_HELP, NO_SELECTION, help, list_key};
use crate::tui::update::orgs::tree;
use crate::tui::view::{safe, spinner};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// Rows above the first organization: the workspace, the title, the header.
const CHROME: usize = 3;

pub const SCREEN: super::Spec = super::Spec {
    help_title: |_| "Keys · Organizations",
    render,
    key,
    keys: |_| {
        let mut keys = MOVE_HELP.to_vec();
        keys.extend(help(ORGS.list_actions));
        keys.extend_from_slice(crate::tui::keys::DETAIL_GLOBALS);
        keys
    },
    list: Some(super::ListGeometry {
        sel: |app| tree(app).map_or(&NO_SELECTION, |t| &t.list.sel),
        sel_mut: |app| match app.session.current.as_ref().map(|w| w.id.clone()) {
            Some(ws) => &mut app.session.orgs.entry(ws).or_default().list.sel,
            None => &mut app.session.account_sel,
        },
        chrome: CHROME,
        first_row: CHROME as u16,
        more: None,
    }),
    copy: |app, json| ORGS.copy(app, true, json),
    reload: Some(ORGS.list),
};

fn key(app: &App, key: Key) -> Option<Msg> {
    if tree(app).is_some_and(|t| t.filtering) {
        return match (key.action, key.code) {
            (Some(A::Open), _) => Some(Msg::Org(OrgMsg::FilterDone)),
            (Some(A::Back), _) => Some(Msg::Back),
            (Some(A::Up), _) => Some(Msg::Nav(NavMsg::Move(Move::Up))),
            (Some(A::Down), _) => Some(Msg::Nav(NavMsg::Move(Move::Down))),
            (Some(A::PageUp), _) => Some(Msg::Nav(NavMsg::Move(Move::PageUp))),
            (Some(A::PageDown), _) => Some(Msg::Nav(NavMsg::Move(Move::PageDown))),
            _ => key.edit().map(|r| Msg::Org(OrgMsg::FilterEdit(r))),
        };
    }
    list_key(ORGS.list_actions, key)
}

fn render(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.ctx.theme;
    if let Some(ws) = &app.session.current {
        let mode = ws.billing_mode.as_ref().map_or("?", |m| m.as_str());
        let line = Line::from(vec![
            Span::styled(format!(" {}", safe(&ws.name)), t.title()),
            Span::styled(format!("  {}  {mode} mode", safe(&ws.id)), t.dim()),
        ]);
        frame.render_widget(Paragraph::new(line), Rect { height: 1, ..area });
    }
    let rest = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(1),
        ..area
    };
    frame.render_widget(Paragraph::new(title(app)), Rect { height: 1, ..rest });
    let body = Rect {
        y: rest.y + 1,
        height: rest.height.saturating_sub(1),
        ..rest
    };
    let Some(tr) = tree(app) else { return };
    if let Some(why) = empty(app) {
        frame.render_widget(Paragraph::new(why).wrap(Wrap { trim: false }), body);
        return;
    }
    resources::table(
        app,
        frame,
        body,
        ORGS.columns,
        ORGS.row_style,
        &tr.list.items,
        &tr.list.sel,
    );
}

/// Count, how deep, the filter, loading.
fn title(app: &App) -> Line<'static> {
    let t = &app.ctx.theme;
    let mut spans = vec![Span::styled(format!(" {} ", ORGS.title), t.title())];
    let Some(tr) = tree(app) else {
        return Line::from(spans);
    };
    let total = tr.list.items.len();
    if tr.list.load == Load::Loaded || total > 0 {
        let levels = tr
            .list
            .items
            .iter()
            .map(|o| o.depth)
            .max()
            .map_or(0, |d| d + 1);
        let deep = if levels == 1 { "level" } else { "levels" };
        spans.push(Span::styled(
            format!("{total}, {levels} {deep} deep"),
            t.dim(),
        ));
    }
    if tr.list.has_more {
        spans.push(Span::styled("  ⚠ partial list (has_more)", t.warning()));
    }
    if tr.filtering || tr.filtered() {
        spans.push(Span::raw("  / "));
        spans.push(Span::styled(safe(tr.filter.value()), t.input()));
        if tr.filtering {
            spans.push(Span::styled("▏", t.focused()));
        }
        spans.push(Span::styled(format!("  {} match", tr.matched), t.dim()));
    }
    if tr.list.load.is_loading() {
        spans.push(Span::raw(format!("  {} loading…", spinner(app))));
    }
    Line::from(spans)
}

/// What the body says instead of a tree: loading, failed, none, no match.
fn empty(app: &App) -> Option<String> {
    let tr = tree(app)?;
    if !tr.list.items.is_empty() {
        return tr
            .list
            .sel
            .visible
            .is_empty()
            .then(|| " No organization matches the filter. Esc clears it.".into());
    }
    Some(match &tr.list.load {
        Load::Loading(_) | Load::Idle => String::new(),
        Load::Failed(e) => format!(
            " ✗ Could not load the organizations: {} (r retries)",
            safe(e)
        ),
        Load::Loaded => " This workspace has no organizations.".into(),
    })
}
