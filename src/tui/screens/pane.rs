//! Panes: read-only screens a resource declares in its own file (a
//! [`Pane`]): the read that fills it, the scope it takes from the screen
//! it opens over, the rows it shows and its keys. One screen serves them
//! all (`Screen::Pane`), loading through the one generic read
//! (`Cmd::Load`, the session's store), so a new read-only resource is its
//! declaration, the key that opens it on its screen, and its test.

use crate::tui::app::{App, Load, Screen, StatusKind};
use crate::tui::msg::Cmd;
use crate::tui::resources::{Action, action_key, detail_keys};
use crate::tui::store::Read;
use crate::tui::view::{safe, spinner};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use std::any::Any;

/// A read-only pane a resource declares.
pub struct Pane {
    /// Its title, before the scope's name.
    pub title: &'static str,
    /// The `?` overlay's title.
    pub help_title: &'static str,
    pub read: &'static Read,
    /// Its scope, from the screen it opens over (`None`: nothing to show
    /// it for there, and `none` is said).
    pub scope: fn(&App) -> Option<Scope>,
    pub none: &'static str,
    /// Its rows, from the read's answer.
    pub lines: fn(&App, &dyn Any) -> Vec<Line<'static>>,
    /// Its keys beyond Esc, `r`, `?` and `q`.
    pub actions: &'static [Action],
}

/// What a pane is about: the ids its read takes, and a name to show.
pub struct Scope {
    pub ids: String,
    pub name: String,
}

impl std::fmt::Debug for Pane {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Pane({})", self.title)
    }
}

/// Panes are declared once, as statics: the same pane is the same static.
impl PartialEq for Pane {
    fn eq(&self, other: &Pane) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Eq for Pane {}

fn on_top(app: &App) -> Option<&'static Pane> {
    match app.screen() {
        Screen::Pane(p) => Some(p),
        _ => None,
    }
}

/// Opens `pane` over the screen on top and asks for its read (again, if
/// it was read before: a pane shows what the API says now).
pub fn open(app: &mut App, pane: &'static Pane) -> Vec<Cmd> {
    let Some(scope) = (pane.scope)(app) else {
        app.set_status(StatusKind::Info, pane.none);
        return Vec::new();
    };
    app.session.screens.open(Screen::Pane(pane));
    let req = app.req();
    vec![app.session.store.request(pane.read, scope.ids, req)]
}

fn reload(app: &mut App) -> Vec<Cmd> {
    let Some(pane) = on_top(app) else {
        return Vec::new();
    };
    let Some(scope) = (pane.scope)(app) else {
        return Vec::new();
    };
    let req = app.req();
    vec![app.session.store.request(pane.read, scope.ids, req)]
}

pub const SCREEN: super::Spec = super::Spec {
    help_title: |app| on_top(app).map_or("Keys", |p| p.help_title),
    render: |app, frame, area| {
        let t = &app.ctx.theme;
        let (Some(pane), Some(scope)) = (on_top(app), on_top(app).and_then(|p| (p.scope)(app)))
        else {
            return;
        };
        let store = &app.session.store;
        let load = store.load(pane.read, &scope.ids);
        let mut title = vec![
            Span::styled(format!(" {} ", pane.title), t.title()),
            Span::styled(safe(&scope.name), t.title()),
        ];
        if load.is_loading() {
            title.push(Span::raw(format!("  {} loading…", spinner(app))));
        }
        let mut lines = vec![Line::from(title), Line::raw("")];
        if let Load::Failed(why) = load {
            let text = format!(" ✗ Could not load it: {} (r retries)", safe(why));
            lines.push(Line::styled(text, t.error()));
        }
        if let Some(item) = store.item(pane.read, &scope.ids) {
            lines.extend((pane.lines)(app, item));
        }
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
    },
    key: |app, key| action_key(on_top(app).map_or(&[], |p| p.actions), key),
    keys: |app| detail_keys(on_top(app).map_or(&[], |p| p.actions)),
    list: None,
    copy: super::no_copy,
    reload: Some(reload),
};
