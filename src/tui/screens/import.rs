//! The import screen (`U`): the file's path; then every row with what
//! will happen to it (or what is wrong, at which column); Enter, then
//! Enter again, sends; the rows then say what happened.

use crate::import::Problem;
use crate::tui::app::App;
use crate::tui::import::{Fate, ImportMsg, ImportState, Stage};
use crate::tui::keymap::Key;
use crate::tui::keys::KeyHelp;
use crate::tui::msg::{Move, Msg};
use crate::tui::resources::{self, Column, column};
use crate::tui::view::safe;
use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Constraint::{Fill, Length};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub const SCREEN: super::Spec = super::Spec {
    help_title: |_| "Keys · Import",
    render,
    key: handle_key,
    keys,
    list: Some(super::ListGeometry {
        sel: |app| {
            &app.session
                .import
                .as_ref()
                .expect("the import screen has its state")
                .sel
        },
        sel_mut: |app| {
            &mut app
                .session
                .import
                .as_mut()
                .expect("the import screen has its state")
                .sel
        },
        // Title, path, summary, table header.
        chrome: 4,
        first_row: 4,
        more: None,
    }),
    copy: super::no_copy,
    reload: None,
};

const fn k(keys: &'static str, what: &'static str, footer: Option<&'static str>) -> KeyHelp {
    KeyHelp { keys, what, footer }
}

fn keys(app: &App) -> Vec<KeyHelp> {
    match app.session.import.as_ref().map(|s| &s.stage) {
        Some(Stage::Path) | None => vec![
            k(
                "type",
                "the CSV file's path (header: name,email,… as the contract names them)",
                None,
            ),
            k(
                "Enter",
                "read and check it (nothing is sent)",
                Some("check"),
            ),
            k("Esc", "back", Some("back")),
        ],
        Some(Stage::Preview) => vec![
            k("↑↓ PgUp/PgDn", "move", Some("move")),
            k(
                "Enter",
                "send the valid rows (asks once more)",
                Some("send…"),
            ),
            k("Esc", "back", Some("back")),
        ],
        Some(Stage::Confirm) => vec![
            k("Enter", "send them now, each once", Some("send")),
            k("Esc", "back to the preview: nothing sent", Some("back")),
        ],
        Some(_) => vec![
            k("↑↓ PgUp/PgDn", "move", Some("move")),
            k("Enter", "when done: read the file again", None),
            k("Esc", "back (sending goes on)", Some("back")),
        ],
    }
}

pub fn handle_key(app: &App, key: Key) -> Option<Msg> {
    use crate::tui::keymap::KeyAction as A;
    let stage = app.session.import.as_ref().map(|s| s.stage.clone());
    let mv = |m| Some(Msg::Import(ImportMsg::Move(m)));
    match (key.action, key.code, stage) {
        (Some(A::Back), _, Some(Stage::Confirm)) => Some(Msg::Import(ImportMsg::Cancel)),
        (Some(A::Back), _, _) => Some(Msg::Back),
        (Some(A::Open), _, _) => Some(Msg::Import(ImportMsg::Enter)),
        (_, _, Some(Stage::Path)) => key.edit().map(|r| Msg::Import(ImportMsg::Edit(r))),
        (Some(A::Up), _, _) | (_, KeyCode::Char('k'), _) => mv(Move::Up),
        (Some(A::Down), _, _) | (_, KeyCode::Char('j'), _) => mv(Move::Down),
        (Some(A::PageUp), _, _) => mv(Move::PageUp),
        (Some(A::PageDown), _, _) => mv(Move::PageDown),
        _ => None,
    }
}

fn fate_text(f: Option<&Fate>) -> (String, String) {
    match f {
        Some(Fate::Pending) | None => ("to create".into(), String::new()),
        Some(Fate::Skipped(why)) => ("✗ skipped".into(), why.clone()),
        Some(Fate::Before(id)) => ("created before".into(), id.clone()),
        Some(Fate::Sending) => ("sending…".into(), String::new()),
        Some(Fate::Created(id)) => ("✓ created".into(), id.clone()),
        Some(Fate::Failed(why)) => ("✗ refused".into(), why.clone()),
        Some(Fate::Unknown) => ("? no answer".into(), "--resume looks it up".into()),
    }
}

fn cell(app: &App, line: &u64, i: usize) -> String {
    let Some(s) = app.session.import.as_ref() else {
        return String::new();
    };
    let row = s.parsed.rows.iter().find(|r| r.line == *line);
    let (status, note) = fate_text(s.fates.get(line));
    match i {
        0 => line.to_string(),
        1 => row.map_or(String::new(), |r| r.input.name.clone()),
        2 => row.map_or(String::new(), |r| r.input.email.clone()),
        3 => status,
        _ => note,
    }
}

const COLUMNS: &[Column<u64>] = &[
    column("LINE", Length(5), |app, l| cell(app, l, 0)),
    column("NAME", Fill(2), |app, l| cell(app, l, 1)),
    column("EMAIL", Fill(2), |app, l| cell(app, l, 2)),
    column("STATUS", Length(15), |app, l| cell(app, l, 3)),
    column("ID / WHY", Fill(3), |app, l| cell(app, l, 4)),
];

fn summary(s: &ImportState) -> String {
    use crate::money::count;
    let n = s.parsed.rows.len();
    let to_create = s.count(|f| *f == Fate::Pending);
    let before = s.count(|f| matches!(f, Fate::Before(_)));
    let bad = s.count(|f| matches!(f, Fate::Skipped(_)));
    let created = s.count(|f| matches!(f, Fate::Created(_)));
    let failed = s.count(|f| matches!(f, Fate::Failed(_) | Fate::Unknown));
    match &s.stage {
        Stage::Preview => format!(
            " {n} rows: {to_create} to create, {before} created before, {bad} with problems · nothing sent yet"
        ),
        Stage::Confirm => format!(
            " Send {} to {}? Enter sends each once · Esc: nothing is sent",
            count(to_create, "new billing account", "new billing accounts"),
            safe(&s.workspace.name)
        ),
        Stage::Sending => format!(" sending: {created} of {} created", created + to_create + 1),
        // Every row is counted as what happened to it.
        Stage::Done(why) => {
            let mut parts = vec![format!("{created} created")];
            for (n, what) in [
                (before, "created before"),
                (bad, "skipped for problems"),
                (failed, "not created"),
            ] {
                if n > 0 {
                    parts.push(format!("{n} {what}"));
                }
            }
            format!(
                " done: {}{}",
                parts.join(", "),
                why.as_deref()
                    .map_or(String::new(), |w| format!("; {}", safe(w)))
            )
        }
        Stage::Reading => " reading…".into(),
        Stage::Path => String::new(),
    }
}

/// File-wide problems (line 1: the header, the cap), each on a line.
fn file_problems(problems: &[Problem]) -> Vec<Line<'static>> {
    problems
        .iter()
        .filter(|p| p.line == 1)
        .map(|p| {
            Line::raw(format!(
                " ✗ line 1{}: {}",
                p.column.map_or(String::new(), |c| format!(", column {c}")),
                safe(&p.message)
            ))
        })
        .collect()
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.ctx.theme;
    let Some(s) = app.session.import.as_ref() else {
        return;
    };
    let row = |y: u16| Rect {
        y: area.y + y,
        height: 1,
        ..area
    };
    let title = Line::from(vec![
        Span::styled(" Import billing accounts into ", t.title()),
        Span::styled(safe(&s.workspace.name), t.title()),
        Span::styled(format!("  {}", safe(&s.workspace.id)), t.dim()),
    ]);
    frame.render_widget(Paragraph::new(title), row(0));
    let mut path = vec![
        Span::raw(" CSV file: "),
        Span::styled(safe(s.path.value()), t.input()),
    ];
    if s.stage == Stage::Path {
        path.push(Span::styled("▏", t.focused()));
    }
    frame.render_widget(Paragraph::new(Line::from(path)), row(1));
    let style = match s.stage {
        Stage::Confirm => t.title(),
        _ => t.dim(),
    };
    frame.render_widget(Paragraph::new(Line::styled(summary(s), style)), row(2));
    let body = Rect {
        y: area.y + 3,
        height: area.height.saturating_sub(3),
        ..area
    };
    if s.stage == Stage::Path || s.stage == Stage::Reading {
        let help = " The first row names the columns: name,email,phone,description,currency,country,line1,line2,city,state,postal_code (name and email required, any order). Every row is checked before anything is sent; each is sent once, through the same journal as `alto accounts import`.";
        frame.render_widget(Paragraph::new(help).wrap(Wrap { trim: false }), body);
        return;
    }
    let problems = file_problems(&s.plan.problems);
    let table = Rect {
        y: body.y + problems.len() as u16,
        height: body.height.saturating_sub(problems.len() as u16),
        ..body
    };
    frame.render_widget(Paragraph::new(problems), body);
    let lines: Vec<u64> = s.parsed.rows.iter().map(|r| r.line).collect();
    resources::table(app, frame, table, COLUMNS, resources::plain, &lines, &s.sel);
}
