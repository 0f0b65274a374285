//! The box over a write: Cancel or go, and the workspace name typed
//! when the profile asks for it.

use crate::tui::app::App;
use crate::tui::app::Write;
use crate::tui::boxes::{BoxSpec, Esc, active, no_scroll};
use crate::tui::keymap::{Key, KeyAction as A};
use crate::tui::msg::{Msg, WriteMsg};
use crate::tui::theme::Theme;
use crate::tui::view::{Dialog, dialog, keys_line, safe, wrap};
use ratatui::Frame;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use tui_input::Input;

/// The confirm box over a write. A delete always asks, with Cancel
/// focused; on a profile with `confirm_writes` every write asks for the
/// workspace's name to be typed.
#[derive(Clone, Debug)]
pub struct Confirm {
    pub write: Write,
    pub workspace_name: String,
    /// The typed workspace name, when the profile asks for it.
    pub typed: Option<Input>,
    /// The proceed button has focus (for a delete it starts on Cancel).
    pub proceed: bool,
    /// Why the last Enter did not proceed.
    pub problem: Option<String>,
}

pub static BOX: BoxSpec = BoxSpec {
    key,
    paste: |app, text| {
        if let Some(c) = app.boxes.confirm_mut()
            && let Some(typed) = &mut c.typed
        {
            crate::tui::update::type_into(typed, text.trim());
            c.problem = None;
        }
    },
    esc: Esc::Run(crate::tui::update::esc::confirm),
    typing,
    footer: Some(crate::tui::keys::CONFIRM),
    render: |app, frame, area| {
        if let Some(c) = app.boxes.confirm() {
            render(&app.ctx.theme, c, frame, area);
        }
    },
    scroll: no_scroll,
    passive: active,
    mouse: None,
};

/// The workspace's name is being typed (the profile asks for it).
fn typing(app: &App) -> bool {
    app.boxes.confirm().is_some_and(|c| c.typed.is_some())
}

fn key(app: &App, key: Key) -> Option<Msg> {
    let typing = typing(app);
    let w = |m| Some(Msg::Write(m));
    match (key.action, key.code) {
        (Some(A::Open), _) => w(WriteMsg::ConfirmAccept),
        (Some(A::Back), _) => w(WriteMsg::ConfirmCancel),
        (Some(A::NextField), _) | (Some(A::PrevField), _) => w(WriteMsg::ConfirmToggle),
        (_, KeyCode::Left) | (_, KeyCode::Right) if !typing => w(WriteMsg::ConfirmToggle),
        (_, KeyCode::Char('h')) | (_, KeyCode::Char('l')) if !typing => w(WriteMsg::ConfirmToggle),
        (_, KeyCode::Char('n')) if !typing => w(WriteMsg::ConfirmCancel),
        _ if typing => key.edit().map(|r| Msg::Write(WriteMsg::ConfirmEdit(r))),
        _ => None,
    }
}

fn render(t: &Theme, c: &crate::tui::app::Confirm, frame: &mut Frame, area: Rect) {
    use crate::tui::app::Write;
    let ws = safe(&c.workspace_name);
    let (title, go, mut lines) = match &c.write {
        Write::Delete {
            account_id,
            account_name,
            ..
        } => (
            "Delete billing account?",
            "Delete",
            vec![
                Line::raw(format!(
                    " Delete {} ({}) from {ws}?",
                    safe(account_id),
                    safe(account_name)
                )),
                Line::raw(" This cannot be undone. The API refuses while it has"),
                Line::raw(" active subscriptions."),
            ],
        ),
        Write::Op(w) => billing_lines(w),
        Write::Create => (
            "Create billing account?",
            "Create",
            vec![Line::raw(format!(" Create a billing account in {ws}?"))],
        ),
        Write::Update => (
            "Save changes?",
            "Save",
            vec![Line::raw(format!(" Save the changed fields in {ws}?"))],
        ),
    };
    let mut cursor = None;
    if let Some(typed) = &c.typed {
        lines.push(Line::raw(""));
        let why = match &c.write {
            Write::Op(w) if w.op.typed() => {
                " It cannot be undone: type the workspace's name to go on."
            }
            _ => " This profile confirms writes: type the workspace name.",
        };
        lines.push(Line::raw(why));
        let shown = safe(typed.value());
        // Rows above the input, once wrapped as the dialog wraps them.
        let text_width = 64
            .min(area.width.saturating_sub(2))
            .saturating_sub(2)
            .max(1);
        let above = Paragraph::new(lines.clone())
            .wrap(Wrap { trim: false })
            .line_count(text_width);
        cursor = Some((above as u16, 3 + typed.visual_cursor() as u16));
        lines.push(Line::from(vec![
            Span::raw(" > "),
            Span::styled(shown, t.input()),
        ]));
    }
    if let Some(problem) = &c.problem {
        lines.extend(crate::tui::view::hanging(
            " ✗ ",
            &safe(problem),
            crate::tui::view::text_width(64, area),
            t.error(),
        ));
    }
    lines.push(Line::raw(""));
    lines.push(buttons(t, c, go));
    let keys = keys_line(
        t,
        &[
            ("Tab", "switches"),
            ("Enter", "chooses the focused button"),
            ("Esc", "cancels"),
        ],
    );
    let inner = dialog(
        t,
        frame,
        area,
        Dialog {
            width: 64,
            title,
            body: lines,
            keys,
            scroll: 0,
        },
    );
    if let Some((row, col)) = cursor
        && row < inner.height
    {
        frame.set_cursor_position((inner.x + col, inner.y + row));
    }
}

/// The two buttons, each named by its effect, the focused one marked.
fn buttons(t: &Theme, c: &crate::tui::app::Confirm, go: &str) -> Line<'static> {
    let button = |label: &str, focused: bool| {
        let text = if focused {
            format!("› {label} ‹")
        } else {
            format!("  {label}  ")
        };
        Span::styled(text, t.button(focused))
    };
    let keep = match &c.write {
        crate::tui::app::Write::Op(w) => w.op.keep(),
        _ => "Cancel",
    };
    Line::from(vec![
        Span::raw(" "),
        button(keep, !c.proceed),
        Span::raw("   "),
        button(go, c.proceed),
    ])
}

/// The box over a write (but an account's own): what it does, to what, and what follows.
fn billing_lines(
    w: &crate::tui::ops::PendingWrite,
) -> (&'static str, &'static str, Vec<Line<'static>>) {
    use crate::tui::ops::WriteOp;
    let (title, go) = w.op.words();
    let what = safe(&w.label);
    let mut lines = vec![Line::raw(format!(" {title} {what}"))];
    let said = match &w.op {
        WriteOp::Pause(_) => " Billing stops until it is resumed.",
        WriteOp::Resume(_) => " Billing starts again.",
        WriteOp::Cancel(_) => {
            " It ends at the end of the current period. The API refuses if that would leave less capacity than is in use."
        }
        WriteOp::Quantities { .. } => " The next invoice changes as the preview showed.",
        WriteOp::MakeDefault(_) => " New invoices are charged to it.",
        WriteOp::Detach(_) => {
            " It is removed from the account. The API refuses the only one, or the default while subscriptions are active."
        }
        WriteOp::AddMember(_) => " They can see the workspace at once, as their role allows.",
        WriteOp::SetRole { .. } => {
            " An admin cannot make or change an owner, and the last owner stays one: the API says so if it refuses."
        }
        WriteOp::RemoveMember(_) => {
            " They lose access to the workspace. The last owner cannot be removed."
        }
        WriteOp::CreateWorkspace(_) => {
            " You become its owner. Its billing mode is permanent: no update changes it."
        }
        WriteOp::UpdateWorkspace { .. } => " Its name and description change; its mode stays.",
        WriteOp::ArchiveWorkspace(_) => {
            " It can no longer be changed, and the API has no un-archive. The API refuses while it has active subscriptions or usage."
        }
        WriteOp::CreateOrg { parent: None, .. } => {
            " A top-level organization: it draws on its billing account (or the pool)."
        }
        WriteOp::CreateOrg { .. } => " A child draws on its root's billing account.",
        WriteOp::UpdateOrg { .. } => {
            " Only what changed is sent; a limit left empty is removed (no limit)."
        }
        WriteOp::DeleteOrg(_) => {
            " It goes with every organization below it. The API refuses while any of them has usage."
        }
        WriteOp::CreateAccount { .. } => " A Stripe customer is made for it.",
        WriteOp::UpdateAccount { .. } => " Only the changed fields are sent.",
        WriteOp::DeleteAccount(_) => " Its Stripe customer goes too; the API has no undelete.",
    };
    // Wrapped here, each row indented as the box's other rows are.
    let text = said.trim_start();
    lines.extend(
        wrap(text, 60)
            .into_iter()
            .map(|row| Line::raw(format!(" {row}"))),
    );
    (title, go, lines)
}
