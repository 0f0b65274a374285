//! The member box: the user id (typed when adding) and the role, turned
//! with ←/→; the rules' complaint under them.

use crate::api::model::Role;
use crate::tui::app::App;
use crate::tui::members::MemberEdit;
use crate::tui::view::{Dialog, dialog, keys_line, safe};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

pub fn render(app: &App, e: &MemberEdit, frame: &mut Frame, area: Rect) {
    let t = &app.ctx.theme;
    let style = |focused: bool| if focused { t.focused() } else { t.input() };
    let user = safe(e.user.value());
    let mut body = vec![
        Line::from(vec![
            Span::raw(" User id  "),
            Span::styled(format!("{user:44}"), style(e.focus == 0 && e.adding)),
        ]),
        Line::from(
            vec![Span::raw(" Role     ")]
                .into_iter()
                .chain(Role::ALL.iter().map(|r| {
                    let chosen = *r == e.role;
                    let text = if chosen {
                        format!("[{}]", r.key())
                    } else {
                        format!(" {} ", r.key())
                    };
                    Span::styled(
                        format!("{text} "),
                        if chosen { style(e.focus == 1) } else { t.dim() },
                    )
                }))
                .collect::<Vec<_>>(),
        ),
    ];
    if e.adding {
        body.push(Line::styled(
            " An Auth0 user id, such as auth0|64f5a6b7c8d9e0f1a2b3c4d5",
            t.dim(),
        ));
    }
    if let Some(p) = &e.problem {
        body.extend(crate::tui::view::hanging(
            " ✗ ",
            &safe(p),
            crate::tui::view::text_width(64, area),
            t.error(),
        ));
    }
    let keys = keys_line(
        t,
        &[
            ("Tab", "user/role"),
            ("←/→", "role"),
            ("Enter", "go on"),
            ("Esc", "close"),
        ],
    );
    let title = if e.adding {
        "Add a member"
    } else {
        "Change the role"
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
    if e.typing() && inner.height > 0 {
        let col = 10 + e.user.visual_cursor().min(44) as u16;
        frame.set_cursor_position((inner.x + col, inner.y));
    }
}
