//! `alto subscriptions`, `payment-methods` and `invoices` as a user runs
//! them: tables, the documented refusals with exit 3, rules broken before
//! anything is sent with exit 2 (and the server shown to get nothing).

mod common;

use common::cli::*;

/// `["--workspace", ws, "--account", id]` of account `k` of `name`.
fn target(sb: &alto::sandbox::RunningSandbox, name: &str, k: usize) -> [String; 4] {
    let ws = workspace_named(sb, name);
    let id = sb.snapshot().accounts[&ws][k].account.id.clone();
    ["--workspace".into(), ws, "--account".into(), id]
}

async fn run_at(sb: &alto::sandbox::RunningSandbox, args: &[&str], at: &[String; 4]) -> Run {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(at.iter().map(String::as_str));
    run(sb, &all).await
}

#[tokio::test]
async fn subscriptions_list_shows_status_as_words_and_a_refused_cancel_exits_3_in_full() {
    let sb = demo().await;
    let at = target(&sb, "ACME Corporation", 0);
    let r = run_at(&sb, &["subscriptions", "list"], &at).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("● active") && r.stdout.contains("‖ paused"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("locations 10, users 25"), "{}", r.stdout);
    let active = r.stdout.lines().find(|l| l.contains("active")).unwrap();
    let id = active.split_whitespace().next().unwrap();
    let r = run_at(&sb, &["subscriptions", "cancel", id, "--yes"], &at).await;
    assert_eq!(r.code, 3);
    assert!(r.stderr.contains("409"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("Current usage: 8, remaining capacity after deletion: 0."),
        "the refusal whole: {}",
        r.stderr
    );
    assert!(r.stderr.contains("cancellation_would_underprovision"));
    let r = run_at(&sb, &["subscriptions", "cancel", id], &at).await;
    assert_eq!(r.code, 2, "not at a terminal: --yes needed");
}

#[tokio::test]
async fn broken_rules_exit_2_and_nothing_is_sent() {
    let sb = demo().await;
    let at = target(&sb, "ACME Corporation", 0);
    let before = sb.served().len();
    let r = run_at(
        &sb,
        &["subscriptions", "create", "--products", "users=0,robots=2"],
        &at,
    )
    .await;
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains(
            "product_quantities.users: The product quantities.users field must be at least 1."
        ),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("product_quantities.robots"),
        "{}",
        r.stderr
    );
    let r = run_at(
        &sb,
        &[
            "subscriptions",
            "update",
            "sub_x",
            "--action",
            "pause",
            "--add",
            "sso=1",
        ],
        &at,
    )
    .await;
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("one change at a time"), "{}", r.stderr);
    let r = run_at(&sb, &["invoices", "list", "--limit", "201"], &at).await;
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("between 1 and 200"), "{}", r.stderr);
    let long_key = format!("{}=v", "k".repeat(41));
    let r = run_at(
        &sb,
        &["subscriptions", "update", "sub_x", "--metadata", &long_key],
        &at,
    )
    .await;
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(sb.served().len(), before, "no request left");
}

#[tokio::test]
async fn payment_methods_mark_default_and_expired_and_refusals_exit_3() {
    let sb = demo().await;
    let at = target(&sb, "ACME Corporation", 0);
    let r = run_at(&sb, &["payment-methods", "list"], &at).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("visa •••• 4242"), "{}", r.stdout);
    assert!(r.stdout.contains("03/2024 expired"), "{}", r.stdout);
    assert!(r.stdout.contains("★ default"), "{}", r.stdout);
    assert!(
        r.stdout.contains("STRIPE TEST BANK •••• 6789"),
        "{}",
        r.stdout
    );
    let default = r.stdout.lines().find(|l| l.contains("default")).unwrap();
    let id = default.split_whitespace().next().unwrap();
    let r = run_at(&sb, &["payment-methods", "detach", id, "--yes"], &at).await;
    assert_eq!(r.code, 3);
    assert!(
        r.stderr
            .contains("cannot_detach_default_with_subscriptions"),
        "{}",
        r.stderr
    );
    let r = run_at(&sb, &["payment-methods", "add"], &at).await;
    assert_eq!(r.code, 3, "five is the most: {}", r.stderr);
    // Room for a card: the secret is never printed, the dashboard is named.
    let at = target(&sb, "ACME Corporation", 1);
    let r = run_at(&sb, &["payment-methods", "add"], &at).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("dashboard"), "{}", r.stdout);
    assert!(!r.stdout.contains("secret") && !r.stderr.contains("secret"));
}

#[tokio::test]
async fn invoices_page_by_cursor_and_all_follows_it_to_the_end() {
    let sb = demo().await;
    let at = target(&sb, "ACME Corporation", 2);
    let r = run_at(&sb, &["invoices", "list", "--limit", "3"], &at).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout.lines().count(), 4, "{}", r.stdout);
    assert!(
        r.stdout.contains("… draft") && r.stdout.contains("○ open"),
        "{}",
        r.stdout
    );
    let next = r
        .stderr
        .split("--after ")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap();
    let r2 = run_at(
        &sb,
        &["invoices", "list", "--limit", "3", "--after", next],
        &at,
    )
    .await;
    assert!(
        !r2.stdout.lines().skip(1).any(|l| r.stdout.contains(l)),
        "a new page"
    );
    let r = run_at(&sb, &["invoices", "list", "--all", "--json"], &at).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(page["data"].as_array().unwrap().len(), 5_000);
    assert_eq!(page["has_more"], false);
    let lists = sb
        .served()
        .iter()
        .filter(|s| s.path.ends_with("/invoices"))
        .count();
    assert_eq!(lists, 2 + 25, "5,000 at 200 a page: 25 requests");
}

#[tokio::test]
async fn a_preview_prints_each_line_and_the_totals_in_the_currency() {
    let sb = demo().await;
    let at = target(&sb, "Kruger Networks", 0);
    let r = run_at(&sb, &["subscriptions", "list"], &at).await;
    let id = r
        .stdout
        .lines()
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    let r = run_at(
        &sb,
        &[
            "invoices",
            "preview",
            "--subscription",
            &id,
            "--items",
            "locations=12,users=60",
        ],
        &at,
    )
    .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("R 180.00  12 × Locations (at R 15.00 / month)"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("subtotal    R 420.00"), "{}", r.stdout);
    assert!(
        r.stdout.contains("tax         R 63.00"),
        "15% VAT: {}",
        r.stdout
    );
    assert!(r.stdout.contains("total       R 483.00"), "{}", r.stdout);
    let r = run_at(
        &sb,
        &["invoices", "preview", "--subscription", &id, "--cancel"],
        &at,
    )
    .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("total       R 0.00"), "{}", r.stdout);
}

/// The total line of a printed preview (`total       $1,234.00`).
fn total_line(stdout: &str) -> String {
    let line = stdout.lines().find(|l| l.starts_with("total")).unwrap();
    line.trim_start_matches("total").trim().to_string()
}

/// The console's preview of `typed` (one input per product, in order) on
/// account `k` of Stark Industries' first subscription: the body it asks
/// the server with.
fn console_preview(k: usize, typed: &str) -> alto::api::model::PreviewRequest {
    use alto::tui::msg::{BillingCmd, Cmd};
    let mut h = alto::tui::testing::Harness::demo(110, 34);
    h.select("Stark Industries");
    h.keys("<Enter>").answer_loads();
    let ws = h.app.session.current.clone().unwrap().id;
    let ids: Vec<String> = h.app.session.accounts[&ws]
        .items
        .iter()
        .map(|a| a.id.clone())
        .collect();
    let id = &h.accounts_named("Stark Industries")[k].id;
    let at = ids.iter().position(|i| i == id).unwrap();
    h.keys(&"j".repeat(at)).keys("<Enter>").answer_loads();
    h.keys("s")
        .answer_loads()
        .keys("e")
        .keys(typed)
        .keys("<Enter>");
    h.take_cmds()
        .into_iter()
        .find_map(|c| match c {
            Cmd::Billing(BillingCmd::Preview { body, .. }) => Some(body),
            _ => None,
        })
        .expect("a preview asked")
}

#[tokio::test]
async fn a_quantity_change_keeps_each_products_interval_and_applies_what_was_previewed() {
    let sb = demo().await;
    // Account 5 subscribes yearly, account 6 monthly (with one product, so
    // the change adds one: it takes the subscription's interval).
    let cases = [
        (
            5,
            "year",
            "locations=125,users=300,sso=1",
            "<C-u>125<Tab><C-u>300<Tab><C-u>1",
        ),
        (6, "month", "locations=2,users=9", "<C-u>2<Tab><C-u>9"),
    ];
    for (k, interval, items, typed) in cases {
        let at = target(&sb, "Stark Industries", k);
        let sub = sb.snapshot().billing[&at[3]].subscriptions[0].clone();
        let r = run_at(
            &sb,
            &[
                "invoices",
                "preview",
                "--subscription",
                &sub.id,
                "--items",
                items,
            ],
            &at,
        )
        .await;
        assert_eq!(r.code, 0, "{}", r.stderr);
        let other = if interval == "year" {
            "/ month"
        } else {
            "/ year"
        };
        assert!(
            r.stdout.contains(&format!("/ {interval})")) && !r.stdout.contains(other),
            "the subscription's interval: {}",
            r.stdout
        );
        // The console asks for the same lines, so shows the same total.
        let body = console_preview(k, typed);
        assert!(
            body.items.iter().all(|i| i.interval.key() == interval),
            "{body:?}"
        );
        let inv = alto::sandbox::billing::preview(&at[3], &sub.currency, &body, "in_p".into());
        assert_eq!(
            total_line(&r.stdout),
            alto::money::format(inv.total, &sub.currency),
            "console and CLI preview alike"
        );
        // What was previewed is what is applied.
        let r = run_at(
            &sb,
            &["subscriptions", "update", &sub.id, "--quantities", items],
            &at,
        )
        .await;
        assert_eq!(r.code, 0, "{}", r.stderr);
        let after = sb.snapshot().billing[&at[3]].subscriptions[0].clone();
        assert_eq!(after.product_quantities.len(), items.split(',').count());
        for (p, q) in &after.product_quantities {
            assert_eq!(q.interval, interval, "{p}: {after:?}");
            assert!(q.price_id.ends_with(interval), "{p}: {}", q.price_id);
        }
    }
    // Without --subscription a preview is of a new subscription: monthly.
    let at = target(&sb, "Stark Industries", 5);
    let r = run_at(&sb, &["invoices", "preview", "--items", "users=3"], &at).await;
    assert!(r.stdout.contains("/ month)"), "{}", r.stdout);
}

#[tokio::test]
async fn a_quantity_of_0_removes_the_product_as_in_the_console() {
    let sb = demo().await;
    let at = target(&sb, "Stark Industries", 5);
    let sub = sb.snapshot().billing[&at[3]].subscriptions[0].clone();
    let args = [
        "subscriptions",
        "update",
        &sub.id,
        "--quantities",
        "locations=0,users=300,sso=1",
    ];
    let r = run_at(&sb, &args, &at).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let after = sb.snapshot().billing[&at[3]].subscriptions[0].clone();
    assert!(
        !after.product_quantities.contains_key("locations"),
        "{after:?}"
    );
    let args = [
        "subscriptions",
        "update",
        &sub.id,
        "--quantities",
        "users=0,sso=0",
    ];
    let r = run_at(&sb, &args, &at).await;
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("keep at least one product"),
        "{}",
        r.stderr
    );
}
