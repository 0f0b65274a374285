//! The workspace picker: the list from `GET /workspaces`, filterable.

use crate::tui::app::{App, Load};
use crate::tui::keymap::Key;
use crate::tui::keymap::KeyAction as A;
use crate::tui::keys;
use crate::tui::msg::NavMsg;
use crate::tui::msg::{Move, Msg};
use crate::tui::resources::workspaces::WORKSPACES;
use crate::tui::resources::{self, MOVE_HELP, help, list_key};
use crate::tui::view::{safe, spinner};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub const SCREEN: super::Spec = super::Spec {
    help_title: |_| "Keys · Workspaces",
    render,
    key: handle_key,
    keys: |_| {
        let mut keys = MOVE_HELP.to_vec();
        keys.extend(help(WORKSPACES.list_actions));
        keys.extend_from_slice(keys::ROOT_GLOBALS);
        keys
    },
    list: Some(super::ListGeometry {
        sel: |app| &app.session.workspaces.sel,
        sel_mut: |app| &mut app.session.workspaces.sel,
        // Title, table header, notice line.
        chrome: 3,
        // Title and table header.
        first_row: 2,
        more: None,
    }),
    copy: |app, json| WORKSPACES.copy(app, true, json),
    reload: Some(WORKSPACES.list),
};

pub fn handle_key(app: &App, key: Key) -> Option<Msg> {
    if app.session.workspaces.filtering {
        return match (key.action, key.code) {
            (Some(A::Open), _) => Some(Msg::Nav(NavMsg::FilterDone)),
            (Some(A::Back), _) => Some(Msg::Back),
            (Some(A::Up), _) => Some(Msg::Nav(NavMsg::Move(Move::Up))),
            (Some(A::Down), _) => Some(Msg::Nav(NavMsg::Move(Move::Down))),
            (Some(A::PageUp), _) => Some(Msg::Nav(NavMsg::Move(Move::PageUp))),
            (Some(A::PageDown), _) => Some(Msg::Nav(NavMsg::Move(Move::PageDown))),
            _ => key.edit().map(|r| Msg::Nav(NavMsg::FilterEdit(r))),
        };
    }
    list_key(WORKSPACES.list_actions, key)
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let ws = &app.session.workspaces;
    frame.render_widget(Paragraph::new(title(app)), Rect { height: 1, ..area });
    let body = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(1),
        ..area
    };
    if let Some(empty) = empty(app) {
        frame.render_widget(empty.wrap(Wrap { trim: false }), body);
        return;
    }
    // Title, table header, notice line.
    let list_rows = area.height.saturating_sub(3);
    let table_area = Rect {
        height: (list_rows + 1).min(body.height),
        ..body
    };
    let r = &WORKSPACES;
    resources::table(
        app,
        frame,
        table_area,
        r.columns,
        r.row_style,
        &ws.items,
        &ws.sel,
    );
    if let Some(note) = note(app) {
        let y = area.y + area.height.saturating_sub(1);
        frame.render_widget(
            Paragraph::new(note),
            Rect {
                y,
                height: 1,
                ..area
            },
        );
    }
}

/// Count, filter and the go-to prompt.
fn title(app: &App) -> Line<'static> {
    let t = &app.ctx.theme;
    let ws = &app.session.workspaces;
    let total = ws.items.len();
    let mut title = vec![Span::styled(format!(" {} ", WORKSPACES.title), t.title())];
    if ws.load == Load::Loaded || total > 0 {
        title.push(Span::styled(format!("{total} "), t.dim()));
    }
    if ws.filtering || !ws.filter.value().is_empty() {
        title.push(Span::raw(" / "));
        title.push(Span::styled(safe(ws.filter.value()), t.input()));
        if ws.filtering {
            title.push(Span::styled("▏", t.focused()));
        }
        let shown = ws.sel.visible.len();
        title.push(Span::styled(format!("  {shown} of {total} match"), t.dim()));
    }
    if let Some(goto) = &ws.goto {
        title.push(Span::raw("   go to id or name: "));
        title.push(Span::styled(safe(goto.value()), t.input()));
        title.push(Span::styled("▏", t.focused()));
        if ws.goto_load.is_loading() {
            title.push(Span::raw(format!(" {} looking it up…", spinner(app))));
        }
    }
    Line::from(title)
}

/// What the body says instead of a table: loading, failed, none, no match.
fn empty(app: &App) -> Option<Paragraph<'static>> {
    let t = &app.ctx.theme;
    let ws = &app.session.workspaces;
    if !ws.items.is_empty() {
        return ws
            .sel
            .visible
            .is_empty()
            .then(|| Paragraph::new(" No workspace matches the filter. Esc clears it."));
    }
    Some(match &ws.load {
        Load::Loading(_) => Paragraph::new(format!(" {} Loading workspaces…", spinner(app))),
        Load::Failed(e) => Paragraph::new(vec![
            Line::styled(" ✗ Could not load the workspaces:", t.error()),
            Line::raw(format!("   {}", safe(e))),
            Line::raw(""),
            Line::raw("   Press r to try again."),
        ]),
        Load::Loaded => {
            Paragraph::new(" This token can see no workspaces. Press g to open one by id.")
        }
        Load::Idle => Paragraph::new(" Not loaded yet: press r to load the workspaces."),
    })
}

/// The line under the table: a partial list, or a reload under way.
fn note(app: &App) -> Option<Line<'static>> {
    let t = &app.ctx.theme;
    if app.session.workspaces.has_more {
        Some(Line::styled(
            " ⚠ Partial list: the API said has_more and documents no paging. Press g to open any workspace by id.",
            t.warning(),
        ))
    } else if app.session.workspaces.load.is_loading() {
        Some(Line::raw(format!(" {} Reloading…", spinner(app))))
    } else {
        None
    }
}
