//! An account's invoices (a billing tab): an amount-per-month chart of the
//! invoices loaded so far over the list, which loads the next page as the
//! cursor nears its end.

use super::billing_tabs::{self, CHROME};
use crate::api::model::Invoice;
use crate::tui::app::App;
use crate::tui::billing::Tab;
use crate::tui::resources::invoices::INVOICES;
use crate::tui::resources::{NO_SELECTION, list_key};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, BarGroup, Paragraph};

/// Rows of the chart: its title, four rows of bars, values and labels.
pub const CHART: usize = 7;

pub const SCREEN: super::Spec = super::Spec {
    help_title: |_| "Keys · Invoices",
    render,
    key: |_, key| list_key(INVOICES.list_actions, key),
    keys: |_| billing_tabs::keys(&INVOICES),
    list: Some(super::ListGeometry {
        sel: |app| (INVOICES.listed)(app).map_or(&NO_SELECTION, |l| l.sel),
        sel_mut: |app| billing_tabs::sel_mut(app, |b| &mut b.invoices.list.sel),
        chrome: CHROME + CHART,
        first_row: (CHROME + CHART) as u16,
        more: Some(crate::tui::update::billing::more_invoices),
    }),
    copy: |app, json| INVOICES.copy(app, true, json),
    reload: Some(INVOICES.list),
};

fn render(app: &App, frame: &mut Frame, area: Rect) {
    billing_tabs::header(app, frame, area, Tab::Invoices);
    let chart = Rect {
        y: area.y + 2,
        height: (CHART as u16).min(area.height.saturating_sub(2)),
        ..area
    };
    if let Some(b) = app.billing() {
        draw_chart(app, frame, chart, &b.invoices.list.items);
    }
    let rest = Rect {
        y: chart.y + chart.height,
        height: area.height.saturating_sub(2 + chart.height),
        ..area
    };
    let note = app
        .billing()
        .and_then(|b| b.invoices.page_failed.as_deref());
    billing_tabs::list_with_note(app, frame, rest, &INVOICES, "No invoices yet.", note);
}

/// Totals per month (newest last), of the invoices that charge: drafts
/// and voided ones do not. `(label, minor units)`.
pub fn per_month(invoices: &[Invoice], months: usize) -> Vec<(String, i64)> {
    let mut out: Vec<(String, i64)> = Vec::new();
    for i in invoices
        .iter()
        .filter(|i| !matches!(i.status.as_str(), "draft" | "void"))
    {
        let Some(month) = i.created_at.get(..7) else {
            continue;
        };
        match out.last_mut() {
            Some((m, total)) if m == month => {
                *total += i.total;
                continue;
            }
            _ => {}
        }
        if out.len() == months {
            break;
        }
        out.push((month.to_string(), i.total));
    }
    out.reverse();
    out
}

fn draw_chart(app: &App, frame: &mut Frame, area: Rect, invoices: &[Invoice]) {
    let t = &app.ctx.theme;
    let currency = invoices.first().map_or("usd", |i| i.currency.as_str());
    let months = (usize::from(area.width) / 9).clamp(1, 12);
    let data = per_month(invoices, months);
    let title = format!(" Charged per month ({} loaded)", invoices.len());
    frame.render_widget(
        Paragraph::new(Line::styled(title, t.dim())),
        Rect { height: 1, ..area },
    );
    if data.is_empty() || area.height < 3 {
        return;
    }
    let bars: Vec<Bar> = data
        .iter()
        .map(|(month, minor)| {
            // "2025-11" as "11/25"; the value in whole units.
            let label = format!("{}/{}", &month[5..7], &month[2..4]);
            let whole = crate::money::format(*minor, currency);
            let whole = whole.split('.').next().unwrap_or(&whole).to_string();
            Bar::default()
                .value((*minor).max(0) as u64)
                .label(Line::from(label))
                .text_value(whole)
        })
        .collect();
    let chart = BarChart::default()
        .data(BarGroup::default().bars(&bars))
        .bar_width(8)
        .bar_gap(1)
        .bar_style(t.success())
        .value_style(t.selected());
    frame.render_widget(
        chart,
        Rect {
            y: area.y + 1,
            height: area.height - 1,
            ..area
        },
    );
}
