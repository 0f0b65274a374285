//! The box that asks where to save the usage report: a path (the XDG
//! download directory, or the current one, by default), what went wrong
//! if anything did, and "saving…" while the report comes.

use crate::tui::app::App;
use crate::tui::orgs::SaveBox;
use crate::tui::view::{Dialog, dialog, keys_line, safe, spinner};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// Columns of the path field.
const FIELD: usize = 58;

pub fn render(app: &App, b: &SaveBox, frame: &mut Frame, area: Rect) {
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
