//! The workspace box: name, billing mode (said to be permanent), and
//! description, with the rules' complaint under them.

use crate::tui::app::App;
use crate::tui::boxes::{BoxSpec, Esc, active, no_scroll};
use crate::tui::keymap::{Key, KeyAction as A};
use crate::tui::msg::{Msg, NavMsg, WorkspaceBoxKey as K};
use crate::tui::view::{Dialog, dialog, keys_line, safe};
use crate::tui::workspace_box::{MODES, WorkspaceBox};
use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

pub static BOX: BoxSpec = BoxSpec {
    key,
    paste: |app, text| {
        if let Some(input) = app.boxes.workspace_box_mut().and_then(|b| b.input_mut()) {
            crate::tui::update::type_into(input, text);
        }
    },
    esc: Esc::Close,
    typing,
    footer: None,
    render: |app, frame, area| {
        if let Some(b) = app.boxes.workspace_box() {
            draw(app, b, frame, area);
        }
    },
    scroll: no_scroll,
    passive: active,
    mouse: None,
};

fn typing(app: &App) -> bool {
    app.boxes.workspace_box().is_some_and(|b| b.typing())
}

/// Text in the name and description, ←/→ on the mode.
fn key(app: &App, key: Key) -> Option<Msg> {
    let typing = typing(app);
    let k = |k| Msg::Nav(NavMsg::WorkspaceBox(k));
    Some(match (key.action, key.code) {
        (Some(A::Open), _) => k(K::Submit),
        (Some(A::Back), _) => Msg::Back,
        (Some(A::NextField), _) | (Some(A::Down), _) => k(K::Focus(true)),
        (Some(A::PrevField), _) | (Some(A::Up), _) => k(K::Focus(false)),
        (_, KeyCode::Left) if !typing => k(K::Mode(false)),
        (_, KeyCode::Right) | (_, KeyCode::Char(' ')) if !typing => k(K::Mode(true)),
        _ if typing => key
            .edit()
            .map(|r| k(K::Edit(r)))
            .unwrap_or(Msg::Expects("Workspace: type, Tab moves, Enter goes on")),
        _ => Msg::Expects("Billing mode: ←/→ choose it (it is permanent), Tab moves on"),
    })
}

fn draw(app: &App, b: &WorkspaceBox, frame: &mut Frame, area: Rect) {
    let t = &app.ctx.theme;
    let style = |field: usize| {
        if b.focus == field {
            t.focused()
        } else {
            t.input()
        }
    };
    let modes: Vec<Span> = MODES
        .iter()
        .enumerate()
        .map(|(i, m)| match (i == b.mode, b.editing.is_some()) {
            (true, _) => Span::styled(format!("[{m}] "), style(1)),
            (false, true) => Span::raw(""),
            (false, false) => Span::styled(format!(" {m}  "), t.dim()),
        })
        .collect();
    let mut body = vec![
        Line::from(vec![
            Span::raw(" Name         "),
            Span::styled(format!("{:40}", safe(b.name.value())), style(0)),
        ]),
        Line::from([vec![Span::raw(" Billing mode ")], modes].concat()),
        Line::styled(
            if b.editing.is_some() {
                "              permanent: chosen when the workspace was created"
            } else {
                "              permanent: no update can change it later"
            },
            t.dim(),
        ),
        Line::from(vec![
            Span::raw(" Description  "),
            Span::styled(format!("{:40}", safe(b.description.value())), style(2)),
        ]),
    ];
    if let Some(p) = &b.problem {
        body.extend(crate::tui::view::hanging(
            " ✗ ",
            &safe(p),
            crate::tui::view::text_width(64, area),
            t.error(),
        ));
    }
    // The mode is chosen once, when the workspace is made: an edit does
    // not offer a key for it.
    let keys: &[(&str, &str)] = match b.editing {
        Some(_) => &[("Tab", "next"), ("Enter", "go on"), ("Esc", "close")],
        None => &[
            ("Tab", "next"),
            ("←/→", "mode"),
            ("Enter", "go on"),
            ("Esc", "close"),
        ],
    };
    let keys = keys_line(t, keys);
    let title = if b.editing.is_some() {
        "Rename or describe the workspace"
    } else {
        "New workspace"
    };
    let inner = dialog(
        t,
        frame,
        area,
        Dialog {
            width: 64,
            title,
            body,
            keys,
            scroll: 0,
        },
    );
    let (row, input) = match b.focus {
        0 => (0, &b.name),
        2 => (3, &b.description),
        _ => return,
    };
    if row < inner.height {
        let col = 14 + input.visual_cursor().min(40) as u16;
        frame.set_cursor_position((inner.x + col, inner.y + row));
    }
}
