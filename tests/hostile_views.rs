//! No view panics on any server string: every string the demo data holds
//! (names, emails, addresses, statuses, dates, roles, descriptions) is
//! replaced with arbitrary text, and every screen is walked and drawn at
//! several sizes; the invoices get arbitrary dates and amounts up to
//! i64::MAX (a date sliced at a byte that is not a char boundary, or two
//! huge totals summed, once crashed the invoices tab).

use alto::api::model::InvoicePage;
use alto::tui::msg::{BillingCmd, BillingMsg, Cmd, Msg};
use alto::tui::testing::Harness;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::Value;

/// Text a server might send: anything, and the known troublemakers.
fn server_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[\\PC]{0,40}",
        Just("٢٠٢٥-١١-٠١T00:00:00Z".to_string()),
        Just("2025-1\u{301}1-01".to_string()),
        Just("\u{202e}evil\u{1b}[2J\u{7}".to_string()),
        Just("👩‍👩‍👧‍👦".repeat(30)),
        Just("x".repeat(5_000)),
        Just(String::new()),
    ]
}

/// Replaces every string in `v` but ids (which tie the data together)
/// with the next of `texts`.
fn mutate(v: &mut Value, key: &str, texts: &mut impl Iterator<Item = String>) {
    match v {
        Value::String(s) if !(key == "id" || key.ends_with("_id")) => {
            if let Some(t) = texts.next() {
                *s = t;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| mutate(i, key, texts)),
        Value::Object(map) => map.iter_mut().for_each(|(k, i)| mutate(i, k, texts)),
        _ => {}
    }
}

/// Every screen of the first account's workspace, drawn at every size.
fn walk(h: &mut Harness) {
    let sizes = [(120, 40), (40, 10), (20, 6)];
    let draw = |h: &Harness| {
        for (w, hh) in sizes {
            let _ = alto::tui::testing::draw(&h.app, w, hh);
        }
    };
    draw(h);
    for keys in [
        "<Enter>",
        "v",
        "<Esc><Enter>",
        "s",
        "<Enter>",
        "<Esc>",
        "<Tab>",
        "<Tab>",
    ] {
        h.keys(keys).answer_loads();
        draw(h);
    }
    for keys in [
        "<Esc><Esc>M",
        "<Esc>O",
        "+",
        "<Enter>",
        "<Esc><Esc>L",
        "<Esc>l",
        "<Esc>F",
    ] {
        h.keys(keys).answer_loads();
        draw(h);
    }
}

#[test]
fn no_view_panics_on_any_server_string() {
    let mut runner = TestRunner::new(Config {
        cases: 24,
        ..Config::default()
    });
    let texts = prop::collection::vec(server_text(), 64);
    runner
        .run(&(texts, 0usize..6), |(texts, pick)| {
            let mut h = Harness::new(120, 40);
            let mut store = serde_json::to_value(&h.store).unwrap();
            let mut it = texts.into_iter().cycle();
            mutate(&mut store, "", &mut it);
            // Fields an enum must read (a mode, a role) may now fail to
            // decode: those stores are not what a client would show.
            if let Ok(s) = serde_json::from_value(store) {
                h.store = s;
            }
            h.answer_loads();
            let names: Vec<String> = h
                .app
                .session
                .workspaces
                .items
                .iter()
                .map(|w| w.name.clone())
                .collect();
            if let Some(name) = names.get(pick) {
                h.select(name);
            }
            walk(&mut h);
            Ok(())
        })
        .unwrap();
}

#[test]
fn the_invoices_tab_takes_any_date_and_amount() {
    let mut runner = TestRunner::new(Config {
        cases: 48,
        ..Config::default()
    });
    let invoice = (server_text(), prop_oneof![any::<i64>(), Just(i64::MAX)]);
    runner
        .run(&prop::collection::vec(invoice, 1..12), |invoices| {
            let mut h = Harness::demo(120, 40);
            h.select("ACME Corporation");
            h.keys("<Enter>")
                .answer_loads()
                .keys("<Enter>")
                .answer_loads();
            h.keys("I");
            // The invoices as a hostile server sends them.
            let cmds = h.take_cmds();
            for c in cmds {
                let Cmd::Billing(BillingCmd::LoadInvoices { req, at, .. }) = c else {
                    continue;
                };
                let template = alto::sandbox::billing::invoice(&at.account_id, "usd", 2, 0);
                let data = invoices
                    .iter()
                    .enumerate()
                    .map(|(k, (created, total))| {
                        let mut i = template.clone();
                        i.id = format!("in_{k}");
                        i.status = "paid".into();
                        i.created_at = created.clone();
                        i.total = *total;
                        i.amount_due = *total;
                        i
                    })
                    .collect();
                h.send(Msg::Billing(BillingMsg::InvoicesLoaded {
                    req,
                    account_id: at.account_id.clone(),
                    result: Ok(InvoicePage {
                        data,
                        has_more: false,
                        next_cursor: None,
                        previous_cursor: None,
                    }),
                }));
            }
            for (w, hh) in [(120, 40), (60, 12), (9, 4)] {
                let _ = alto::tui::testing::draw(&h.app, w, hh);
            }
            h.keys("<Enter>");
            let _ = h.text();
            Ok(())
        })
        .unwrap();
    // Two totals near i64::MAX in one month: said too large, not a
    // smaller (or negative) number.
    let near = i64::MAX - 5;
    let inv = |total| {
        let mut i = alto::sandbox::billing::invoice("cus_x", "usd", 2, 1);
        i.status = "paid".into();
        i.created_at = "2025-11-03T00:00:00Z".into();
        i.total = total;
        i
    };
    let months = alto::tui::screens::invoices::per_month(&[inv(near), inv(near)], 3);
    assert_eq!(months.last(), Some(&((2025, 11), None)), "{months:?}");
    // A month with no charge is there with 0.
    let mut oct = inv(500);
    oct.created_at = "2025-09-10T00:00:00Z".into();
    let months = alto::tui::screens::invoices::per_month(&[inv(100), oct], 3);
    assert_eq!(
        months,
        [
            ((2025, 9), Some(500)),
            ((2025, 10), Some(0)),
            ((2025, 11), Some(100))
        ]
    );
}
