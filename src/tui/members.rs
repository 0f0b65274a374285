//! The member box: a user id and a role to add someone (`a`), or a role to
//! give a member (`R`). Enter checks it with the rules, then the confirm
//! box asks, as before every write.

use crate::api::model::{Member, Role};
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
