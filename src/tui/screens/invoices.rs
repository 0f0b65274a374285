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

/// A month's total in minor units; `None` when the sum does not fit (it is
/// never shown as another number).
pub type MonthTotal = ((i16, i8), Option<i64>);

/// Totals per month, the newest `months` months up to the newest invoice's
/// (newest last), of the invoices that charge: drafts and voided ones do
/// not. A month with no charge is there with 0. A date the server wrote
/// in a form that is not a timestamp is left out, never sliced.
pub fn per_month(invoices: &[Invoice], months: usize) -> Vec<MonthTotal> {
    let month_of = |i: &Invoice| {
        let t: jiff::Timestamp = i.created_at.parse().ok()?;
        let d = t.to_zoned(jiff::tz::TimeZone::UTC).date();
        Some((d.year(), d.month()))
    };
    let charged: Vec<((i16, i8), i64)> = invoices
        .iter()
        .filter(|i| !matches!(i.status.as_str(), "draft" | "void"))
        .filter_map(|i| Some((month_of(i)?, i.total)))
        .collect();
    let Some(&(newest, _)) = charged.iter().max_by_key(|(m, _)| *m) else {
        return Vec::new();
    };
    let mut out: Vec<MonthTotal> = Vec::new();
    let (mut year, mut month) = newest;
    for _ in 0..months.max(1) {
        out.push(((year, month), Some(0)));
        (year, month) = if month == 1 {
            (year - 1, 12)
        } else {
            (year, month - 1)
        };
    }
    for (m, total) in charged {
        if let Some((_, sum)) = out.iter_mut().find(|(k, _)| *k == m) {
            *sum = sum.and_then(|s| s.checked_add(total));
        }
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
    // Bar heights on a scale of their own (the largest is 1,000,000, one
    // too large to sum is drawn full), so the chart's arithmetic never
    // meets an amount near i64::MAX; the text on each bar is the amount.
    let top = data
        .iter()
        .map(|(_, m)| m.map_or(u64::MAX, |m| m.max(0).unsigned_abs()))
        .max()
        .unwrap_or(0)
        .max(1);
    let height = |minor: Option<i64>| match minor {
        None => 1_000_000,
        Some(m) => (u128::from(m.max(0).unsigned_abs()) * 1_000_000 / u128::from(top)) as u64,
    };
    let bars: Vec<Bar> = data
        .iter()
        .map(|&((year, month), minor)| {
            // November 2025 as "11/25"; the value in whole units.
            let label = format!("{month:02}/{:02}", year.rem_euclid(100));
            let whole = match minor {
                Some(minor) => {
                    let text = crate::money::format(minor, currency);
                    text.split('.').next().unwrap_or(&text).to_string()
                }
                None => "too large".into(),
            };
            Bar::default()
                .value(height(minor))
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
