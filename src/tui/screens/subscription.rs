//! One subscription: its fields (the declaration's) and a bar per product
//! for its quantity, the number beside each bar (readable without colour).

use crate::api::model::{ProductType, Subscription};
use crate::tui::app::App;
use crate::tui::resources::subscriptions::SUBSCRIPTIONS;
use crate::tui::resources::{action_key, detail_keys, detail_lines};
use crate::tui::view::safe;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub const SCREEN: super::Spec = super::Spec {
    help_title: |_| "Keys · Subscription",
    render,
    key: |_, key| action_key(SUBSCRIPTIONS.detail_actions, key),
    keys: |_| detail_keys(SUBSCRIPTIONS.detail_actions),
    list: None,
    copy: |app, json| SUBSCRIPTIONS.copy(app, false, json),
    reload: None,
};

fn render(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.ctx.theme;
    let Some(s) = (SUBSCRIPTIONS.shown)(app) else {
        return;
    };
    let mut lines = vec![
        Line::from(vec![
            Span::styled(" Subscription ", t.title()),
            Span::styled(safe(&s.id), t.title()),
        ]),
        Line::raw(""),
    ];
    lines.extend(detail_lines(app, SUBSCRIPTIONS.fields, s));
    lines.push(Line::raw(""));
    lines.push(Line::styled(" Quantities", t.title()));
    lines.extend(bars(app, s, area.width));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

/// A bar per product, scaled to the largest quantity: `Users  ████▌  25`.
pub fn bars(app: &App, s: &Subscription, width: u16) -> Vec<Line<'static>> {
    let t = &app.ctx.theme;
    let rows: Vec<(String, u64, String)> = s
        .product_quantities
        .iter()
        .map(|(k, q)| {
            let label = ProductType::from_key(k).map_or_else(|| safe(k), |p| p.label().to_string());
            (
                label,
                q.quantity,
                format!("{} / {}", q.quantity, safe(&q.interval)),
            )
        })
        .collect();
    let max = rows.iter().map(|r| r.1).max().unwrap_or(1).max(1);
    // Label 18, gap, bar, gap, number.
    let room = usize::from(width).saturating_sub(18 + 2 + 2 + 16).max(4);
    rows.into_iter()
        .map(|(label, q, text)| {
            let eighths = (q as u128 * room as u128 * 8 / max as u128) as usize;
            let mut bar = "█".repeat(eighths / 8);
            if !eighths.is_multiple_of(8) {
                bar.push([' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'][eighths % 8]);
            }
            Line::from(vec![
                Span::styled(format!("   {label:15}  "), t.dim()),
                Span::styled(bar, t.success()),
                Span::raw(format!("  {text}")),
            ])
        })
        .collect()
}
