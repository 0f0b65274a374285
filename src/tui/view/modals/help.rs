//! `?`: the keys of the screen underneath, and the user's own.

use crate::tui::app::App;
use crate::tui::view::{Dialog, dialog, keys_line, safe};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.ctx.theme;
    let keys = crate::tui::keys::for_app(app);
    let title = (crate::tui::screens::spec(app.screen()).help_title)(app);
    let width = keys
        .iter()
        .map(|k| k.keys.chars().count())
        .max()
        .unwrap_or(0);
    let mut lines: Vec<Line> = keys
        .iter()
        .map(|k| {
            Line::from(vec![
                Span::styled(format!(" {:width$}  ", k.keys), t.key()),
                Span::raw(k.what),
            ])
        })
        .collect();
    if !app.keymap.shown.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(" Your keys (config [keys])", t.title()));
        for (key, action) in &app.keymap.shown {
            lines.push(Line::from(vec![
                Span::styled(format!(" {:width$}  ", safe(key)), t.key()),
                Span::raw(safe(action)),
            ]));
        }
    }
    let keys = keys_line(t, &[("? or Esc", "closes this help")]);
    dialog(
        t,
        frame,
        area,
        Dialog {
            width: 72,
            title,
            body: lines,
            keys,
            scroll: app.help_scroll,
        },
    );
}
