//! The billing screens rendered at 80×24 (insta snapshots) in each state:
//! loaded, empty, loading, failed, a partial page, the chart, the detail
//! with its bars, the quantity preview; every one drawn at every size; and
//! server text on them shown escaped, never acted on.

use alto::api::ApiError;
use alto::tui::msg::{BillingCmd, BillingMsg, Cmd, Msg};
use alto::tui::testing::{self, Harness};

/// Account `k` of `ws` with its `tab_keys` pressed, loads answered.
fn on(ws: &str, k: usize, tab_keys: &str) -> Harness {
    let mut h = Harness::demo(80, 24);
    h.select(ws);
    h.keys("<Enter>").answer_loads();
    for _ in 0..k {
        h.keys("j");
    }
    // A key at a time, each load answered before the next key.
    for key in testing::parse_keys(tab_keys) {
        if let Some(msg) = alto::tui::screens::handle_key(&h.app, key) {
            h.send(msg);
        }
        h.answer_loads();
    }
    h
}

#[test]
fn subscriptions_loaded() {
    insta::assert_snapshot!(on("ACME Corporation", 0, "s").text());
}

#[test]
fn subscriptions_empty() {
    insta::assert_snapshot!(on("ACME Corporation", 1, "s").text());
}

#[test]
fn subscriptions_in_every_status() {
    let mut h = Harness::demo(100, 30);
    h.select("Stark Industries");
    h.keys("<Enter>").answer_loads();
    let mut seen = Vec::new();
    for k in 0..7 {
        h.keys("s").answer_loads();
        seen.push(
            h.text()
                .lines()
                .nth(5)
                .unwrap_or_default()
                .trim()
                .to_string(),
        );
        h.keys("<Esc>j");
        let _ = k;
    }
    insta::assert_snapshot!(seen.join("\n"));
}

#[test]
fn subscription_detail_with_quantity_bars() {
    insta::assert_snapshot!(on("ACME Corporation", 0, "s<Enter>").text());
}

#[test]
fn quantity_preview() {
    let mut h = on("ACME Corporation", 0, "s");
    h.keys("e<C-u>12<Enter>");
    let cmd = h
        .take_cmds()
        .into_iter()
        .find_map(|c| match c {
            Cmd::Billing(BillingCmd::Preview { req, body, .. }) => Some((req, body)),
            _ => None,
        })
        .unwrap();
    let id = h.app.session.detail.clone().unwrap().id;
    let invoice = alto::sandbox::billing::preview(&id, "usd", &cmd.1, "in_preview0000".into());
    h.send(Msg::Billing(BillingMsg::Previewed {
        req: cmd.0,
        result: Ok(invoice),
    }));
    insta::assert_snapshot!(h.text());
}

#[test]
fn payment_methods_default_and_expired() {
    insta::assert_snapshot!(on("ACME Corporation", 0, "p").text());
}

#[test]
fn payment_methods_empty() {
    insta::assert_snapshot!(on("ACME Corporation", 1, "p").text());
}

#[test]
fn invoices_with_the_chart() {
    insta::assert_snapshot!(on("ACME Corporation", 0, "I").text());
}

#[test]
fn invoices_a_partial_page_of_five_thousand() {
    let h = on("ACME Corporation", 2, "I");
    let text = h.text();
    assert!(
        text.contains("Invoices 100+ (more as you scroll)"),
        "{text}"
    );
    insta::assert_snapshot!(text);
}

#[test]
fn invoice_detail() {
    insta::assert_snapshot!(on("ACME Corporation", 0, "Ij<Enter>").text());
}

#[test]
fn invoices_loading_and_failed() {
    let mut h = Harness::demo(80, 24);
    h.select("ACME Corporation");
    h.keys("<Enter>").answer_loads().keys("I");
    let loading = h.text();
    assert!(loading.contains("loading…"), "{loading}");
    let req = h.req_of(|c| matches!(c, Cmd::Billing(BillingCmd::LoadInvoices { .. })));
    let e = ApiError::Status {
        status: 500,
        body: Box::new(alto::api::ErrorBody::parse(b"{\"message\":\"boom\"}")),
    };
    let id = h.app.session.detail.clone().unwrap().id;
    h.send(Msg::Billing(BillingMsg::InvoicesLoaded {
        req,
        account_id: id,
        result: Err(e),
    }));
    insta::assert_snapshot!(format!("{loading}\n----\n{}", h.text()));
}

#[test]
fn every_billing_screen_draws_at_every_size() {
    let states = [
        on("ACME Corporation", 0, "s"),
        on("ACME Corporation", 0, "s<Enter>"),
        {
            let mut h = on("ACME Corporation", 0, "s");
            h.keys("e");
            h
        },
        on("ACME Corporation", 0, "p"),
        on("ACME Corporation", 0, "I"),
        on("ACME Corporation", 0, "I<Enter>"),
        {
            let mut h = on("ACME Corporation", 0, "p");
            h.keys("d");
            h
        },
    ];
    for h in &states {
        for (w, ht) in [(80, 24), (60, 16), (120, 40), (200, 60)] {
            let mut app = h.app.clone();
            app.size = (w, ht);
            let lines = testing::lines(&testing::draw(&app, w, ht));
            assert!(lines[0].contains(" alto "), "{w}x{ht}: no header");
            assert!(
                !lines[ht as usize - 1].trim().is_empty(),
                "{w}x{ht}: no footer:\n{}",
                lines.join("\n")
            );
        }
    }
}

#[test]
fn hostile_billing_text_is_shown_escaped() {
    let mut h = on("ACME Corporation", 0, "I");
    let b = h.app.billing_mut().unwrap();
    b.invoices.list.items[1].lines[0].description = Some("Evil\u{1b}[2J\u{202e}gnp".into());
    b.invoices.list.items[1].number = Some("N\u{9b}31m".into());
    h.keys("j<Enter>");
    let text = h.text();
    assert!(text.contains(r"Evil\u{1b}[2J\u{202e}gnp"), "{text}");
    h.keys("<Esc>");
    assert!(h.text().contains(r"N\u{9b}31m"), "{}", h.text());
}

/// Under NO_COLOR the billing screens use no colour at all and still say
/// everything: the chart's bars and amounts, statuses as words, the tab
/// and the selection marked.
#[test]
fn billing_screens_are_readable_under_no_color() {
    use ratatui::style::{Color, Modifier};
    for keys in ["I", "s", "p", "s<Enter>"] {
        let mut h = on("ACME Corporation", 0, keys);
        h.app.ctx.theme.no_color = true;
        let buf = h.buffer();
        let coloured = buf
            .content
            .iter()
            .find(|c| c.fg != Color::Reset || c.bg != Color::Reset);
        assert!(
            coloured.is_none(),
            "{keys}: a colour under NO_COLOR: {coloured:?}"
        );
        let text = h.text();
        match keys {
            "I" => assert!(
                text.contains("█") && text.contains("$290") && text.contains("✓ paid"),
                "{text}"
            ),
            "s" => assert!(
                text.contains("● active") && text.contains("‖ paused"),
                "{text}"
            ),
            "p" => assert!(
                text.contains("★ default") && text.contains("✗ expired"),
                "{text}"
            ),
            _ => assert!(
                text.contains("████") && text.contains("25 / month"),
                "{text}"
            ),
        }
        if keys.len() == 1 {
            let lines = testing::lines(&buf);
            let row = lines.iter().position(|l| l.contains("[")).unwrap();
            let marked = (0..buf.area.width)
                .any(|x| buf[(x, row as u16)].modifier.contains(Modifier::REVERSED));
            assert!(marked, "{keys}: the tab is marked without colour");
        }
    }
}
