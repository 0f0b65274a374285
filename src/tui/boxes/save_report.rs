//! The box that asks where to save the usage report: a path (the XDG
//! download directory, or the current one, by default), what went wrong
//! if anything did, and "saving…" while the report comes.

use crate::tui::app::App;
use crate::tui::boxes::{BoxSpec, Esc, active, no_scroll};
use crate::tui::keymap::{Key, KeyAction as A};
use crate::tui::msg::{Msg, OrgMsg};
use crate::tui::view::{Dialog, dialog, keys_line, safe, spinner};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use std::path::PathBuf;
use tui_input::Input;

/// `p`: where to save the usage report, asked in a box.
#[derive(Clone, Debug)]
pub struct SaveBox {
    pub workspace_id: String,
    pub path: Input,
    /// Why the last Enter did not save (or what it is waiting for).
    pub problem: Option<String>,
    /// The file exists and the user was told: Enter again replaces it.
    pub replace: bool,
    /// The download in flight.
    pub saving: Option<crate::tui::msg::ReqId>,
}

impl SaveBox {
    /// The box on `dir` (the XDG download directory, else the current
    /// one) with a name from the workspace and the month.
    pub fn new(
        workspace: &crate::api::model::Workspace,
        dir: Option<&PathBuf>,
        month: (i32, u32),
    ) -> SaveBox {
        let slug: String = workspace
            .name
            .to_lowercase()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect::<String>()
            .split('-')
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        let name = format!("usage-{slug}-{}-{:02}.pdf", month.0, month.1);
        let path = dir.map_or_else(|| PathBuf::from(&name), |d| d.join(&name));
        SaveBox {
            workspace_id: workspace.id.clone(),
            path: Input::new(path.display().to_string()),
            problem: None,
            replace: false,
            saving: None,
        }
    }
}

/// Columns of the path field.
const FIELD: usize = 58;

pub static BOX: BoxSpec = BoxSpec {
    key,
    paste: |app, text| {
        if let Some(b) = app.boxes.save_box_mut().filter(|b| b.saving.is_none()) {
            crate::tui::update::type_into(&mut b.path, text.trim());
            b.problem = None;
            b.replace = false;
        }
    },
    // A report being saved when its box closes is whole or not at all,
    // and its answer finds no box to report to.
    esc: Esc::Close,
    typing: |_| true,
    footer: None,
    render: |app, frame, area| {
        if let Some(b) = app.boxes.save_box() {
            draw(app, b, frame, area);
        }
    },
    scroll: no_scroll,
    passive: active,
    mouse: None,
};

fn key(_: &App, key: Key) -> Option<Msg> {
    Some(match key.action {
        Some(A::Open) => Msg::Org(OrgMsg::PathSubmit),
        Some(A::Back) => Msg::Back,
        _ => key
            .edit()
            .map(|r| Msg::Org(OrgMsg::PathEdit(r)))
            .unwrap_or(Msg::Expects(
                "Report: type the file's path, Enter saves, Esc cancels",
            )),
    })
}

fn draw(app: &App, b: &SaveBox, frame: &mut Frame, area: Rect) {
    let t = &app.ctx.theme;
    let value = safe(b.path.value());
    // The end of a long path is what tells files apart.
    let shown: String = {
        let chars: Vec<char> = value.chars().collect();
        let from = chars.len().saturating_sub(FIELD);
        chars[from..].iter().collect()
    };
    let mut body = vec![
        Line::from(vec![
            Span::raw(" File  "),
            Span::styled(format!("{shown:FIELD$}"), t.focused()),
        ]),
        Line::styled(
            " The usage and limits of every organization, as a PDF.",
            t.dim(),
        ),
    ];
    if b.saving.is_some() {
        body.push(Line::raw(format!(
            " {} downloading and saving…",
            spinner(app)
        )));
    }
    if let Some(p) = &b.problem {
        let sign = if b.replace { "⚠" } else { "✗" };
        let style = if b.replace { t.warning() } else { t.error() };
        body.push(Line::styled(format!(" {sign} {}", safe(p)), style));
    }
    let keys = keys_line(t, &[("Enter", "save"), ("Esc", "cancel")]);
    let inner = dialog(
        t,
        frame,
        area,
        Dialog {
            width: 70,
            title: "Save the usage report",
            body,
            keys,
            scroll: 0,
        },
    );
    if b.saving.is_none() && inner.height > 0 {
        let cursor = b.path.visual_cursor();
        let len = value.chars().count();
        // The field shows the last FIELD characters.
        let col = 7 + cursor.saturating_sub(len.saturating_sub(FIELD)).min(FIELD) as u16;
        frame.set_cursor_position((inner.x + col, inner.y));
    }
}
