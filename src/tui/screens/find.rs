//! The find screen (`F`, `:find`): the query on top, how much of the
//! tenant the index holds and how fresh, and the best matches with the
//! age of each answer. Enter opens the account in its workspace.

use crate::index::search::{self, Hit};
use crate::index::{Millis, age};
use crate::tui::app::App;
use crate::tui::keymap::Key;
use crate::tui::keymap::KeyAction as A;
use crate::tui::keys;
use crate::tui::msg::{FindMsg, Move, Msg};
use crate::tui::resources::{self, Column, column};
use crate::tui::view::safe;
use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Constraint::{Fill, Length};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub const SCREEN: super::Spec = super::Spec {
    help_title: |_| "Keys · Find",
    render,
    key: handle_key,
    keys: |_| keys::FIND.to_vec(),
    list: Some(super::ListGeometry {
        sel: |app| &app.session.find.sel,
        sel_mut: |app| &mut app.session.find.sel,
        // Query, index line, table header.
        chrome: 3,
        first_row: 3,
        more: None,
    }),
    copy: super::no_copy,
    reload: None,
};

pub fn handle_key(_app: &App, key: Key) -> Option<Msg> {
    let ctrl = key.ctrl();
    let mv = |m| Some(Msg::Find(FindMsg::Move(m)));
    match (key.action, key.code) {
        (Some(A::Back), _) => Some(Msg::Back),
        (Some(A::Open), _) => Some(Msg::Find(FindMsg::OpenSelected)),
        (Some(A::Up), _) => mv(Move::Up),
        (Some(A::Down), _) => mv(Move::Down),
        (Some(A::PageUp), _) => mv(Move::PageUp),
        (Some(A::PageDown), _) => mv(Move::PageDown),
        (_, KeyCode::Char('p')) if ctrl => mv(Move::Up),
        (_, KeyCode::Char('n')) if ctrl => mv(Move::Down),
        _ => key.edit().map(|r| Msg::Find(FindMsg::Edit(r))),
    }
}

/// A hit's account, or its workspace when the hit is one. Each column
/// reads only what it shows (the table asks once per cell).
fn account<'a>(app: &'a App, hit: &Hit) -> Option<&'a crate::index::AccountEntry> {
    search::account(&app.session.find.index, hit)
}

fn workspace<'a>(app: &'a App, hit: &Hit) -> Option<&'a crate::index::WorkspaceEntry> {
    search::workspace(&app.session.find.index, hit)
}

const COLUMNS: &[Column<Hit>] = &[
    column("NAME", Fill(3), |app, h| match account(app, h) {
        Some(a) => a.name.clone(),
        None => workspace(app, h).map_or(String::new(), |w| w.name.clone()),
    }),
    column("EMAIL", Fill(3), |app, h| match account(app, h) {
        Some(a) => a.email.clone(),
        None => "(workspace)".into(),
    }),
    column("ID", Length(20), |app, h| match account(app, h) {
        Some(a) => a.id.clone(),
        None => workspace(app, h).map_or(String::new(), |w| w.id.clone()),
    }),
    column("WORKSPACE", Fill(2), |app, h| match h.account {
        Some(_) => workspace(app, h).map_or(String::new(), |w| w.name.clone()),
        None => String::new(),
    }),
    column("AGE", Length(7), |app, h| {
        let find = &app.session.find;
        search::fetched_at(&find.index, h).map_or(String::new(), |t| age(find.now - t))
    }),
];

/// How much of the tenant is indexed, and what the filler is doing.
fn index_line(app: &App, now: Millis) -> Line<'static> {
    let t = &app.ctx.theme;
    let find = &app.session.find;
    if !app.ctx.index.enabled {
        return Line::styled(
            " index off ([cache] enabled = false): only what this session loaded",
            t.dim(),
        );
    }
    let coverage = find.index.coverage();
    let mut spans = vec![Span::styled(
        format!(" index: {}", coverage.summary(now)),
        t.dim(),
    )];
    let doing = match find.index.meta.paused_until.filter(|&p| p > now) {
        _ if !find.loaded => " · reading the stored index…".to_string(),
        _ if find.filler.stopped => " · stopped: the token was refused".to_string(),
        Some(until) => format!(" · paused by the API (429) for {}", age(until - now)),
        None if find.filler.in_flight || !coverage.complete() => " · filling…".into(),
        None => " · up to date".into(),
    };
    spans.push(Span::styled(doing, t.dim()));
    if app.ctx.demo {
        spans.push(Span::styled(" · demo: kept in memory only", t.dim()));
    }
    if let Some(problem) = &find.filler.problem {
        spans.push(Span::styled(format!(" · {}", safe(problem)), t.error()));
    }
    Line::from(spans)
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.ctx.theme;
    let find = &app.session.find;
    let query = find.query.value();
    let mut title = vec![
        Span::styled(" Find ", t.title()),
        Span::styled(safe(query), t.input()),
        Span::styled("▏", t.focused()),
    ];
    if !query.trim().is_empty() {
        title.push(Span::styled(
            format!(
                "  {} of {}{} shown",
                find.found.hits.len(),
                crate::money::grouped(find.found.total as u64),
                if find.found.partial { " so far" } else { "" },
            ),
            t.dim(),
        ));
    }
    let row = |y: u16| Rect {
        y: area.y + y,
        height: 1,
        ..area
    };
    frame.render_widget(Paragraph::new(Line::from(title)), row(0));
    frame.render_widget(Paragraph::new(index_line(app, find.now)), row(1));
    let body = Rect {
        y: area.y + 2,
        height: area.height.saturating_sub(2),
        ..area
    };
    let empty = match () {
        _ if query.trim().is_empty() => Some(
            " Type an email, a name (fuzzy, any case or accent), a cus_ id, a phone number, a postal code or a workspace's name. Every workspace is searched as far as it is indexed; each row says how old its answer is.",
        ),
        _ if find.found.hits.is_empty() && find.found.partial => Some(" Searching…"),
        _ if find.found.hits.is_empty() => Some(" Nothing in the index matches."),
        _ => None,
    };
    if let Some(text) = empty {
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), body);
        return;
    }
    resources::table(
        app,
        frame,
        body,
        COLUMNS,
        resources::plain,
        &find.found.hits,
        &find.sel,
    );
}
