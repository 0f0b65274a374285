//! What the three billing tabs of an account share: the account line, the
//! tab bar, the list's title (count, loading, failure) and its table, all
//! from the resource's declaration.

use crate::tui::app::App;
use crate::tui::billing::{AccountBilling, Tab};
use crate::tui::keys::{self, KeyHelp};
use crate::tui::list::Selection;
use crate::tui::resources::{self, MOVE_HELP, Resource, help};
use crate::tui::view::safe;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Rows above the first list row: account, tabs, title, table header.
pub const CHROME: usize = 4;

/// The account line and the tab bar, `tab` marked (by reverse video and
/// brackets, so it shows without colour too).
pub fn header(app: &App, frame: &mut Frame, area: Rect, tab: Tab) {
    let t = &app.ctx.theme;
    let Some(a) = &app.session.detail else {
        return;
    };
    let account = Line::from(vec![
        Span::styled(format!(" {}", safe(&a.name)), t.title()),
        Span::styled(
            format!(
                "  {} · {}",
                safe(&a.id),
                safe(a.currency.as_deref().unwrap_or("?"))
            ),
            t.dim(),
        ),
    ]);
    let mut tabs = vec![Span::raw(" ")];
    for (i, each) in Tab::ALL.into_iter().enumerate() {
        if i > 0 {
            tabs.push(Span::styled(" │ ", t.dim()));
        }
        tabs.push(if each == tab {
            Span::styled(format!("[{}]", each.title()), t.selected())
        } else {
            Span::styled(format!(" {} ", each.title()), t.dim())
        });
    }
    tabs.push(Span::styled("   Tab switches", t.dim()));
    frame.render_widget(
        Paragraph::new(vec![account, Line::from(tabs)]),
        Rect {
            height: area.height.min(2),
            ..area
        },
    );
}

/// The list's title and its table (or why there is none) in `area`.
pub fn list<T>(app: &App, frame: &mut Frame, area: Rect, r: &Resource<T>, empty: &str) {
    list_with_note(app, frame, area, r, empty, None);
}

/// [`list`] with a note of trouble in its title (a page that did not load).
pub fn list_with_note<T>(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    r: &Resource<T>,
    empty: &str,
    note: Option<&str>,
) {
    let t = &app.ctx.theme;
    let texts = resources::ListTexts {
        empty,
        failed: "them",
        partial: Span::styled("+ (more as you scroll)", t.dim()),
        busy: paging(app) && r.title == "Invoices",
        note,
    };
    resources::titled_list(app, frame, area, r, texts);
}

fn paging(app: &App) -> bool {
    app.billing().is_some_and(|b| b.invoices.paging.is_some())
}

/// The keys of a billing tab: movement, its actions, the global keys.
pub fn keys<T>(r: &Resource<T>) -> Vec<KeyHelp> {
    let mut keys = MOVE_HELP.to_vec();
    keys.extend(help(r.list_actions));
    keys.extend_from_slice(keys::GLOBALS);
    keys
}

/// The cursor of one of the account's lists, for moves and clicks (the
/// workspace's account cursor when no account is open: nothing to move).
pub fn sel_mut(app: &mut App, pick: fn(&mut AccountBilling) -> &mut Selection) -> &mut Selection {
    if app.session.detail.is_some() {
        return pick(app.billing_mut().expect("an account is open"));
    }
    &mut app.session.account_sel
}
