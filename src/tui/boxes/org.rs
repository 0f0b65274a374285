//! The organization box: a new top-level organization (`n`), a child of
//! the selected one (`c`), or a change to the selected one (`e`). Its
//! fields: the name, the billing account when the workspace's mode asks a
//! root for one (chosen among the workspace's accounts with ←/→), and a
//! limit per product (empty is no limit, 0 disables it).
//!
//! Drawn: the name, the billing account (its name and id), a limit per
//! product, what the limits mean, and the rules' complaint under them.
//! Its state, keys and drawing are here.

use crate::api::model::{BillingAccount, Organization, ProductType};
use crate::rules::organization::Place;
use crate::tui::app::{App, Load};
use crate::tui::boxes::{BoxSpec, Esc, FieldKey, active, no_scroll};
use crate::tui::keymap::Key;
use crate::tui::msg::{Msg, OrgBoxKey as K, OrgMsg};
use crate::tui::view::{Dialog, dialog, keys_line, safe, spinner};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use tui_input::Input;

#[derive(Clone, Debug)]
pub enum OrgBoxKind {
    Root,
    /// A child of this organization (id, name).
    Child(String, String),
    /// A change to this organization.
    Edit(Box<Organization>),
}

#[derive(Clone, Debug)]
pub struct OrgBox {
    pub kind: OrgBoxKind,
    /// Where it sits: decides the billing account rule.
    pub place: Place,
    pub name: Input,
    /// The billing account chosen (when `place` needs one), among the
    /// workspace's accounts as the console holds them.
    pub account: Option<String>,
    /// Locations, users, sso, in `ProductType::ALL` order.
    pub limits: [Input; 3],
    /// 0 name, 1 account, 2–4 limits (1 only when an account is needed).
    pub focus: usize,
    pub problem: Option<String>,
}

impl OrgBox {
    pub fn new(kind: OrgBoxKind, place: Place) -> OrgBox {
        let (name, limits) = match &kind {
            OrgBoxKind::Edit(o) => (
                Input::new(o.name.clone()),
                ProductType::ALL.map(|p| {
                    Input::new(o.limit(p.key()).map_or_else(String::new, |n| n.to_string()))
                }),
            ),
            _ => (Input::default(), Default::default()),
        };
        let account = match &kind {
            OrgBoxKind::Edit(o) => o.billing_account_id.clone(),
            _ => None,
        };
        OrgBox {
            kind,
            place,
            name,
            account,
            limits,
            focus: 0,
            problem: None,
        }
    }

    /// The billing account field is shown (a root in single or assigned
    /// mode).
    pub fn asks_account(&self) -> bool {
        self.place.needs_account()
    }

    /// The next (or previous) field, the account only when asked.
    pub fn step(&mut self, forward: bool) {
        let fields: &[usize] = if self.asks_account() {
            &[0, 1, 2, 3, 4]
        } else {
            &[0, 2, 3, 4]
        };
        self.focus = crate::tui::list::cycle(fields, self.focus, forward);
    }

    /// ←/→ on the account: the next or previous of `accounts`.
    pub fn turn(&mut self, accounts: &[BillingAccount], forward: bool) {
        let n = accounts.len();
        if self.focus != 1 || n == 0 {
            return;
        }
        let at = self
            .account
            .as_ref()
            .and_then(|id| accounts.iter().position(|a| a.id == *id));
        let next = match (at, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
        };
        self.account = Some(accounts[next].id.clone());
    }

    pub fn input_mut(&mut self) -> Option<&mut Input> {
        match self.focus {
            0 => Some(&mut self.name),
            f @ 2..=4 => Some(&mut self.limits[f - 2]),
            _ => None,
        }
    }

    pub fn typing(&self) -> bool {
        self.focus != 1
    }

    pub fn title(&self) -> String {
        match &self.kind {
            OrgBoxKind::Root => "New organization (top level)".into(),
            OrgBoxKind::Child(_, parent) => format!("New organization under {parent}"),
            OrgBoxKind::Edit(o) => format!("Change {}", o.name),
        }
    }
}

/// Columns of a text field.
const FIELD: usize = 50;
/// Where the fields start.
const LABEL: usize = 18;

pub static BOX: BoxSpec = BoxSpec {
    key,
    paste: |app, text| {
        if let Some(input) = app.boxes.org_box_mut().and_then(|b| b.input_mut()) {
            crate::tui::update::type_into(input, text.trim());
        }
    },
    esc: Esc::Close,
    typing,
    footer: None,
    render: |app, frame, area| {
        if let Some(b) = app.boxes.org_box() {
            draw(app, b, frame, area);
        }
    },
    scroll: no_scroll,
    passive: active,
    mouse: None,
};

fn typing(app: &App) -> bool {
    app.boxes.org_box().is_some_and(|b| b.typing())
}

/// Text in the name and limits, ←/→ on the billing account.
fn key(app: &App, key: Key) -> Option<Msg> {
    let hints = [
        "Organization: type, Tab moves, Enter goes on",
        "Billing account: ←/→ choose it, Tab moves on",
    ];
    let k = |k| Msg::Org(OrgMsg::Box(k));
    Some(match super::field_key(key, typing(app), hints) {
        FieldKey::Submit => k(K::Submit),
        FieldKey::Back => Msg::Back,
        FieldKey::Focus(next) => k(K::Focus(next)),
        FieldKey::Turn(next) => k(K::Turn(next)),
        FieldKey::Edit(r) => k(K::Edit(r)),
        FieldKey::Expects(what) => Msg::Expects(what),
    })
}

fn draw(app: &App, b: &OrgBox, frame: &mut Frame, area: Rect) {
    let t = &app.ctx.theme;
    let style = |field: usize| {
        if b.focus == field {
            t.focused()
        } else {
            t.input()
        }
    };
    let field = |label: &str, value: &str, f: usize| {
        Line::from(vec![
            Span::raw(format!(" {label:<w$}", w = LABEL - 1)),
            Span::styled(format!("{:FIELD$}", safe(value)), style(f)),
        ])
    };
    let mut body = vec![field("Name", b.name.value(), 0)];
    let mut rows = vec![0u16];
    if b.asks_account() {
        rows.push(body.len() as u16);
        body.push(Line::from(vec![
            Span::raw(format!(" {:<w$}", "Billing account", w = LABEL - 1)),
            Span::styled(account(app, b), style(1)),
        ]));
        body.push(Line::styled(
            format!("{:LABEL$}required at the top in this mode; ←/→ choose", ""),
            t.dim(),
        ));
    }
    for (i, p) in ProductType::ALL.iter().enumerate() {
        rows.push(body.len() as u16);
        body.push(field(
            &format!("{} limit", p.label()),
            b.limits[i].value(),
            2 + i,
        ));
    }
    body.push(Line::styled(
        format!("{:LABEL$}empty: no limit · 0: disabled", ""),
        t.dim(),
    ));
    if let Some(p) = &b.problem {
        body.extend(crate::tui::view::hanging(
            " ✗ ",
            &safe(p),
            crate::tui::view::text_width(76, area),
            t.error(),
        ));
    }
    let keys = keys_line(t, &[("Tab", "next"), ("Enter", "go on"), ("Esc", "close")]);
    let title = b.title();
    let inner = dialog(
        t,
        frame,
        area,
        Dialog {
            width: 76,
            title: &title,
            body,
            keys,
            scroll: 0,
        },
    );
    let input = match b.focus {
        0 => &b.name,
        f @ 2..=4 => &b.limits[f - 2],
        _ => return,
    };
    let row = match b.focus {
        0 => rows[0],
        f => rows[rows.len() - 3 + (f - 2)],
    };
    if row < inner.height {
        let col = (LABEL + input.visual_cursor().min(FIELD)) as u16;
        frame.set_cursor_position((inner.x + col, inner.y + row));
    }
}

/// The chosen account by name and id, or why there is none to choose.
fn account(app: &App, b: &OrgBox) -> String {
    let view = app
        .session
        .current
        .as_ref()
        .and_then(|w| app.session.accounts.get(&w.id));
    let chosen = b.account.as_ref().and_then(|id| {
        view.and_then(|v| v.items.iter().find(|a| a.id == *id))
            .map(|a| format!("{} ({})", safe(&a.name), safe(&a.id)))
            .or_else(|| Some(safe(id)))
    });
    match (chosen, view.map(|v| &v.load)) {
        (Some(c), _) => format!("‹ {c} ›"),
        (None, Some(Load::Loading(_))) => format!("{} loading the accounts…", spinner(app)),
        (None, Some(Load::Failed(e))) => format!("✗ accounts: {}", safe(e)),
        (None, _) if view.is_some_and(|v| v.items.is_empty()) => {
            "none: create a billing account first".into()
        }
        (None, _) => "‹ choose with ←/→ ›".into(),
    }
}
