//! The quantity box over a subscription: a number per product, then the
//! preview of the next invoice line by line, then Enter applies it.

use crate::api::model::ProductType;
use crate::api::model::{Invoice, Subscription};
use crate::money;
use crate::tui::app::App;
use crate::tui::boxes::{BoxSpec, Esc, active, no_scroll};
use crate::tui::keymap::{Key, KeyAction as A};
use crate::tui::msg::{BillingMsg, Msg};
use crate::tui::view::{Dialog, dialog, keys_line, safe, spinner};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use tui_input::Input;

/// `e` on a subscription: one input per product, then the preview, then
/// the user's yes.
#[derive(Clone, Debug)]
pub struct QuantityEdit {
    pub subscription: Subscription,
    /// The quantity typed for each product, in `ProductType::ALL` order.
    pub inputs: [Input; 3],
    pub focus: usize,
    /// Why the quantities cannot be previewed, if they cannot.
    pub problem: Option<String>,
    pub stage: QuantityStage,
}

#[derive(Clone, Debug)]
pub enum QuantityStage {
    Typing,
    /// The preview is being asked for.
    Previewing(crate::tui::msg::ReqId),
    /// What the next invoice would be: Enter applies, Esc goes back.
    Previewed(Box<Invoice>),
}

impl QuantityEdit {
    pub fn new(subscription: Subscription) -> QuantityEdit {
        let inputs = ProductType::ALL.map(|p| {
            let q = subscription.quantity(p);
            Input::new(if q > 0 { q.to_string() } else { String::new() })
        });
        QuantityEdit {
            subscription,
            inputs,
            focus: 0,
            problem: None,
            stage: QuantityStage::Typing,
        }
    }
}

pub static BOX: BoxSpec = BoxSpec {
    key,
    paste: |app, text| {
        let typing = typing(app);
        if let Some(q) = app.boxes.quantities_mut().filter(|_| typing) {
            crate::tui::update::type_into(&mut q.inputs[q.focus], text.trim());
            q.problem = None;
        }
    },
    esc: Esc::Run(crate::tui::update::esc::quantities),
    typing,
    footer: None,
    render: |app, frame, area| {
        if let Some(q) = app.boxes.quantities() {
            draw(app, q, frame, area);
        }
    },
    scroll: no_scroll,
    passive: active,
    mouse: None,
};

fn typing(app: &App) -> bool {
    app.boxes
        .quantities()
        .is_some_and(|q| matches!(q.stage, QuantityStage::Typing))
}

/// Numbers while typing, then Enter applies the preview.
fn key(app: &App, key: Key) -> Option<Msg> {
    let typing = typing(app);
    Some(match key.action {
        Some(A::Open) => Msg::Billing(BillingMsg::QtySubmit),
        Some(A::Back) => Msg::Back,
        Some(A::NextField) | Some(A::Down) if typing => Msg::Billing(BillingMsg::QtyFocus(true)),
        Some(A::PrevField) | Some(A::Up) if typing => Msg::Billing(BillingMsg::QtyFocus(false)),
        _ if typing => key
            .edit()
            .map(|r| Msg::Billing(BillingMsg::QtyEdit(r)))
            .unwrap_or(Msg::Expects(
                "Quantities: type numbers, Tab moves, Enter previews",
            )),
        _ => Msg::Expects("Preview: Enter applies the change, Esc goes back to the numbers"),
    })
}

fn draw(app: &App, q: &QuantityEdit, frame: &mut Frame, area: Rect) {
    let t = &app.ctx.theme;
    let mut body = vec![Line::raw(format!(
        " {} · now {}",
        safe(&q.subscription.id),
        safe(&crate::api::model::products_summary(&q.subscription))
    ))];
    body.push(Line::raw(""));
    let typing = matches!(q.stage, QuantityStage::Typing);
    for (i, (p, input)) in ProductType::ALL.iter().zip(&q.inputs).enumerate() {
        let focused = typing && i == q.focus;
        let marker = if focused { "›" } else { " " };
        body.push(Line::from(vec![
            Span::raw(format!(" {marker} {:10} ", p.label())),
            Span::styled(
                format!("{:>9}", safe(input.value())),
                if focused { t.focused() } else { t.input() },
            ),
            Span::styled("  (blank or 0 removes it)", t.dim()),
        ]));
    }
    if let Some(problem) = &q.problem {
        body.extend(crate::tui::view::hanging(
            " ✗ ",
            &safe(problem),
            crate::tui::view::text_width(70, area),
            t.error(),
        ));
    }
    body.push(Line::raw(""));
    let keys = match &q.stage {
        QuantityStage::Typing => {
            body.push(Line::styled(
                " Nothing is changed until you have seen the next invoice.",
                t.dim(),
            ));
            keys_line(
                t,
                &[("Tab", "next"), ("Enter", "preview"), ("Esc", "close")],
            )
        }
        QuantityStage::Previewing(_) => {
            body.push(Line::raw(format!(
                " {} asking for the preview…",
                spinner(app)
            )));
            keys_line(t, &[("Esc", "back")])
        }
        QuantityStage::Previewed(inv) => {
            body.extend(preview_lines(app, inv));
            keys_line(
                t,
                &[
                    ("Enter", "apply this change"),
                    ("Esc", "back to the numbers"),
                ],
            )
        }
    };
    let inner = dialog(
        t,
        frame,
        area,
        Dialog {
            width: 70,
            title: "Change quantities",
            body,
            keys,
            scroll: 0,
        },
    );
    if typing {
        let col = 2 + 1 + 10 + 1 + 9;
        let row = 2 + q.focus as u16;
        if row < inner.height {
            frame.set_cursor_position((inner.x + col, inner.y + row));
        }
    }
}

/// The previewed invoice, line by line, then its totals.
fn preview_lines(app: &App, inv: &crate::api::model::Invoice) -> Vec<Line<'static>> {
    let t = &app.ctx.theme;
    let m = |minor: i64| money::format(minor, &inv.currency);
    let row = |amount: String, what: String| Line::raw(format!("   {amount:>14}  {}", safe(&what)));
    let mut out = vec![Line::styled(" The next invoice would be:", t.title())];
    for l in &inv.lines {
        let what = l.description.clone().or_else(|| l.product_name.clone());
        out.push(row(m(l.amount), what.unwrap_or_default()));
    }
    out.push(row(m(inv.subtotal), "subtotal".into()));
    if let Some(d) = inv.discount_amount {
        out.push(row(
            format!("-{}", m(d)),
            format!("discount {}", inv.discount_names.join(", ")),
        ));
    }
    out.push(row(
        inv.tax.map(m).unwrap_or_else(|| "—".into()),
        "tax".into(),
    ));
    out.push(Line::styled(
        format!("   {:>14}  total", m(inv.total)),
        t.title(),
    ));
    out
}
