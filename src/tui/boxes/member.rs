//! The member box: a user id and a role to add someone (`a`), or a role to
//! give a member (`R`). Enter checks it with the rules, then the confirm
//! box asks, as before every write.
//!
//! Drawn: the user id (typed when adding) and the role, turned with ←/→;
//! the rules' complaint under them. Its state, keys and drawing are here.

use crate::api::model::{Member, Role};
use crate::tui::app::App;
use crate::tui::boxes::{BoxSpec, Esc, FieldKey, active, no_scroll};
use crate::tui::keymap::Key;
use crate::tui::msg::MemberMsg;
use crate::tui::msg::Msg;
use crate::tui::view::{Dialog, dialog, keys_line, safe};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use tui_input::Input;

#[derive(Clone, Debug)]
pub struct MemberEdit {
    /// Adding someone (else changing `user`'s role).
    pub adding: bool,
    pub user: Input,
    pub role: Role,
    /// 0: the user id, 1: the role.
    pub focus: usize,
    pub problem: Option<String>,
}

impl MemberEdit {
    pub fn add() -> MemberEdit {
        MemberEdit {
            adding: true,
            user: Input::default(),
            role: Role::Viewer,
            focus: 0,
            problem: None,
        }
    }

    pub fn role(m: &Member) -> MemberEdit {
        MemberEdit {
            adding: false,
            user: Input::new(m.user_id.clone()),
            role: m.role().unwrap_or(Role::Viewer),
            focus: 1,
            problem: None,
        }
    }

    /// The next (or previous) role, round.
    pub fn cycle(&mut self, forward: bool) {
        let i = Role::ALL.iter().position(|r| *r == self.role).unwrap_or(0);
        let n = Role::ALL.len();
        self.role = Role::ALL[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }];
        self.problem = None;
    }

    /// The user id field has the keyboard.
    pub fn typing(&self) -> bool {
        self.adding && self.focus == 0
    }
}

pub static BOX: BoxSpec = BoxSpec {
    key,
    paste: |app, text| {
        let typing = typing(app);
        if let Some(e) = app.boxes.member_edit_mut().filter(|_| typing) {
            crate::tui::update::type_into(&mut e.user, text.trim());
            e.problem = None;
        }
    },
    esc: Esc::Close,
    typing,
    footer: None,
    render: |app, frame, area| {
        if let Some(e) = app.boxes.member_edit() {
            draw(app, e, frame, area);
        }
    },
    scroll: no_scroll,
    passive: active,
    mouse: None,
};

fn typing(app: &App) -> bool {
    app.boxes.member_edit().is_some_and(|e| e.typing())
}

/// The user id takes text; the role turns with ←/→ or Space; Tab (or
/// ↑/↓) goes between them; Enter checks and asks.
fn key(app: &App, key: Key) -> Option<Msg> {
    let hints = [
        "Member: type the user id, Tab to the role, Enter",
        "Role: ←/→ or Space change it, Enter goes on, Esc closes",
    ];
    let m = |m| Msg::Member(m);
    Some(match super::field_key(key, typing(app), hints) {
        FieldKey::Submit => m(MemberMsg::Submit),
        FieldKey::Back => Msg::Back,
        FieldKey::Focus(_) => m(MemberMsg::Focus),
        FieldKey::Turn(next) => m(MemberMsg::CycleRole(next)),
        FieldKey::Edit(r) => m(MemberMsg::Edit(r)),
        FieldKey::Expects(what) => Msg::Expects(what),
    })
}

fn draw(app: &App, e: &MemberEdit, frame: &mut Frame, area: Rect) {
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
