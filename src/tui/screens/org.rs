//! One organization: its fields (the declaration's), a gauge per product
//! of its subtree's use against its own limit ("no limit" and "disabled"
//! in words, the figures beside every bar, so colour is never the only
//! sign), and the capacity the API works out (`GET …/limits`): what is
//! free, the total that binds and where that limit comes from.

use crate::api::model::{Organization, OrganizationLimits, ProductType};
use crate::tui::app::{App, Load};
use crate::tui::resources::orgs::ORGS;
use crate::tui::resources::{action_key, detail_keys, detail_lines};
use crate::tui::theme::Theme;
use crate::tui::view::{safe, spinner};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub const SCREEN: super::Spec = super::Spec {
    help_title: |_| "Keys · Organization",
    render,
    key: |_, key| action_key(ORGS.detail_actions, key),
    keys: |_| detail_keys(ORGS.detail_actions),
    list: None,
    copy: |app, json| ORGS.copy(app, false, json),
    reload: Some(crate::tui::update::orgs::reload_limits),
};

fn render(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.ctx.theme;
    let Some(o) = (ORGS.shown)(app) else {
        return;
    };
    // The gauges first: they are what this screen is for, and they fit
    // above the fields on a 24-row terminal.
    let mut lines = vec![
        Line::from(vec![
            Span::styled(" Organization ", t.title()),
            Span::styled(safe(&o.name), t.title()),
        ]),
        Line::raw(""),
        Line::styled(
            " Limits and usage (itself and everything below it)",
            t.title(),
        ),
    ];
    let bar = usize::from(area.width).saturating_sub(60).clamp(10, 30);
    lines.extend(ProductType::ALL.iter().map(|p| gauge(t, o, *p, bar)));
    lines.push(Line::raw(""));
    lines.extend(capacity(app));
    lines.push(Line::raw(""));
    lines.extend(detail_lines(app, ORGS.fields, o));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

/// `Users  ███████░░░  50 of 66 · 75% · itself 8`; a product without a
/// limit or disabled says so instead of drawing a bar.
pub fn gauge(t: &Theme, o: &Organization, p: ProductType, width: usize) -> Line<'static> {
    let used = o.subtree_used(p.key());
    let own = o.own_used(p.key());
    let label = Span::styled(format!("   {:11}", p.label()), t.dim());
    let (bar, text, style) = match o.limit(p.key()) {
        None => (
            String::new(),
            format!("no limit · {used} in use"),
            Style::new(),
        ),
        Some(0) if used == 0 => (String::new(), "disabled".to_string(), t.dim()),
        Some(0) => (
            String::new(),
            format!("disabled, yet {used} in use"),
            t.error(),
        ),
        Some(limit) => {
            let filled =
                ((used.max(0) as u128 * width as u128) / limit as u128).min(width as u128) as usize;
            let pct = used.max(0) as u128 * 100 / limit as u128;
            let (word, style) = match pct {
                0..=79 => (format!("{pct}%"), t.success()),
                80..=99 => (format!("{pct}%, nearly full"), t.warning()),
                100 => ("full".to_string(), t.warning()),
                _ => ("over the limit".to_string(), t.error()),
            };
            let bar = format!("{}{}  ", "█".repeat(filled), "░".repeat(width - filled));
            (bar, format!("{used} of {limit} · {word}"), style)
        }
    };
    Line::from(vec![
        label,
        Span::styled(bar, style),
        Span::styled(text, style),
        Span::styled(format!(" · itself {own}"), t.dim()),
    ])
}

/// What `GET …/limits` said of the organization shown (the tree's selected
/// one, the scope its detail asked for), or where it stands.
fn capacity(app: &App) -> Vec<Line<'static>> {
    let t = &app.ctx.theme;
    let mut lines = vec![Line::styled(
        " Capacity (its own limit, its parents', its subscription's)",
        t.title(),
    )];
    use crate::tui::resources::orgs::{LIMITS, limits_scope};
    let scope = limits_scope(app).unwrap_or_default();
    let store = &app.session.store;
    let load = store.load(&LIMITS, &scope);
    match (load, store.get::<OrganizationLimits>(&LIMITS, &scope)) {
        (_, Some(l)) => lines.extend(capacity_lines(t, l)),
        (Load::Failed(e), None) => lines.push(Line::styled(
            format!("   ✗ Could not load it: {} (r retries)", safe(e)),
            t.error(),
        )),
        _ => {}
    }
    if load.is_loading() {
        lines.push(Line::raw(format!("   {} loading…", spinner(app))));
    }
    lines
}

fn capacity_lines(t: &Theme, l: &OrganizationLimits) -> Vec<Line<'static>> {
    let mut lines: Vec<Line<'static>> = l
        .limits
        .iter()
        .map(|x| {
            let label = ProductType::from_key(&x.product)
                .map_or_else(|| safe(&x.product), |p| p.label().to_string());
            let own = match x.org_limit {
                None => "no limit of its own".to_string(),
                Some(0) => "disabled".to_string(),
                Some(n) => format!("own limit {n}"),
            };
            Line::from(vec![
                Span::styled(format!("   {label:11}"), t.dim()),
                Span::raw(format!(
                    "{} used · {} free of {} · {own}",
                    x.used, x.free, x.total
                )),
            ])
        })
        .collect();
    if let Some(ctx) = &l.context {
        lines.push(Line::from(vec![
            Span::styled(format!("   {:11}", "Bound by"), t.dim()),
            Span::raw(format!("{} {}", safe(&ctx.kind), safe(&ctx.name))),
        ]));
    }
    lines
}
