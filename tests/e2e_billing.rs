//! The billing tabs in a real terminal (a pseudo-terminal) against the
//! demo sandbox: an account's invoices paged to the end, one opened and its
//! URL copied; a quantity changed through the preview; a payment method
//! whose detach the API refuses with the documented 422.

mod common;

use common::pty::Term;

/// Opens the first account of the workspace whose name starts with
/// `name` (found with the `/` filter), on the account list.
fn open_workspace(t: &Term, name: &str) {
    t.wait_for("Workspaces 36");
    t.keys(&["/"]);
    t.type_text(name);
    t.wait_for("of 36 match");
    t.keys(&["Enter", "Enter"]);
    // Loaded: the title counts the accounts (the index's filler may be
    // sending meanwhile, so the list can take a moment).
    t.wait_until("the accounts loaded", || {
        let screen = t.screen();
        screen
            .split("Billing accounts ")
            .nth(1)
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
            .then_some(())
    });
}

#[test]
fn invoices_page_to_the_end_and_one_is_opened_and_its_url_copied() {
    let t = Term::demo("");
    open_workspace(&t, "Kruger");
    t.wait_for("Kruger Networks Billing 001");
    t.keys(&["I"]);
    t.wait_all(&["[Invoices]", "Charged per month", "Invoices 100+"]);
    // End loads the next page as it nears the end; keep going until the
    // count has no "+": every page asked for and nothing more.
    t.wait_until("all 250 invoices", || {
        t.keys(&["End"]);
        std::thread::sleep(std::time::Duration::from_millis(100));
        let s = t.screen();
        (s.contains("Invoices 250") && !s.contains("Invoices 250+")).then_some(())
    });
    // The oldest, number 1, is the last row, in rand.
    t.keys(&["End"]);
    let screen = t.wait_for("-0001 ");
    assert!(screen.contains("R "), "rand amounts: {screen}");
    t.keys(&["Enter"]);
    t.wait_all(&["-0001  R ", "Subtotal", "Tax", "Total"]);
    t.keys(&["y"]);
    let url = t.wait_clipboard(|c| c.starts_with("https://invoice.stripe.com/"));
    assert!(url.ends_with("000001"), "{url}");
    t.wait_for("Copied the invoice URL");
}

#[test]
fn a_quantity_change_goes_through_the_preview() {
    let t = Term::demo("");
    open_workspace(&t, "ACME Corp");
    t.keys(&["s"]);
    t.wait_all(&["[Subscriptions]", "locations 10, users 25"]);
    t.keys(&["e"]);
    t.wait_for("Change quantities");
    t.keys(&["C-u"]);
    t.type_text("12");
    t.wait_for("Locations         12");
    t.keys(&["Enter"]);
    t.wait_all(&[
        "The next invoice would be",
        "$308.00",
        "Enter apply this change",
    ]);
    // ACME's first account's active subscription, as the server holds it.
    let locations = || {
        let d = t.data();
        let ws = d["workspaces"]
            .as_array()
            .unwrap()
            .iter()
            .find(|w| w["name"] == "ACME Corporation")
            .unwrap()["id"]
            .clone();
        let acc = d["accounts"][ws.as_str().unwrap()][0]["id"].clone();
        let subs = d["billing"][acc.as_str().unwrap()]["subscriptions"].clone();
        let active = subs
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["status"] == "active")
            .unwrap()
            .clone();
        active["product_quantities"]["locations"]["quantity"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(locations(), 10, "the preview changes nothing");
    t.keys(&["Enter"]);
    t.wait_for("locations 12, users 25");
    assert_eq!(locations(), 12, "saved on the server");
}

#[test]
fn detaching_the_only_payment_method_is_refused_with_the_documented_422() {
    let t = Term::demo("");
    open_workspace(&t, "Hooli");
    t.wait_for("Hooli Billing 001");
    t.keys(&["p"]);
    t.wait_all(&["[Payment methods]", "visa •••• 4242"]);
    t.keys(&["d"]);
    t.wait_for("Detach payment method?");
    t.keys(&["Tab", "Enter"]);
    t.wait_all(&[
        "Refused (422)",
        "You cannot detach the only payment method",
        "cannot_detach_only_payment_method",
    ]);
    t.keys(&["Enter"]);
    t.wait_for("visa •••• 4242");
}
