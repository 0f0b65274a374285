//! The billing tabs through the real key path: what each key sends (and
//! what it must not), answered from the demo data, and what is on screen.

use alto::api::ApiError;
use alto::api::model::{ProductType, Subscription};
use alto::tui::app::Screen;
use alto::tui::msg::{BillingCmd, BillingMsg, Cmd, Msg, Written};
use alto::tui::ops::WriteOp;
use alto::tui::testing;
use alto::tui::testing::Harness;

/// ACME's first account, on its subscriptions tab, loaded.
fn acme_subscriptions() -> Harness {
    let mut h = Harness::demo(110, 34);
    h.select("ACME Corporation");
    h.keys("<Enter>").answer_loads().keys("s").answer_loads();
    assert_eq!(h.app.screen(), Screen::Subscriptions);
    h
}

/// The billing requests and the writes the keys asked for.
fn billing_cmds(h: &mut Harness) -> Vec<Cmd> {
    h.take_cmds()
        .into_iter()
        .filter(|c| matches!(c, Cmd::Billing(_) | Cmd::SendWrite { .. }))
        .collect()
}

fn stripe(status: u16, code: &str, message: &str) -> ApiError {
    let body = serde_json::json!({"type": "conflict_error", "code": code, "message": message});
    ApiError::Status {
        status,
        body: Box::new(alto::api::ErrorBody::parse(body.to_string().as_bytes())),
    }
}

fn active(h: &Harness) -> Subscription {
    let b = h.app.billing().unwrap();
    b.subscriptions
        .items
        .iter()
        .find(|s| s.status == "active")
        .unwrap()
        .clone()
}

#[test]
fn tabs_cycle_and_esc_leaves_them_at_once() {
    let mut h = acme_subscriptions();
    let text = h.text();
    assert!(text.contains("[Subscriptions]"), "{text}");
    assert!(
        text.contains("● active") && text.contains("‖ paused"),
        "{text}"
    );
    h.keys("<Tab>").answer_loads();
    assert_eq!(h.app.screen(), Screen::PaymentMethods);
    let text = h.text();
    assert!(
        text.contains("★ default") && text.contains("✗ expired"),
        "{text}"
    );
    h.keys("<Tab>").answer_loads();
    assert_eq!(h.app.screen(), Screen::Invoices);
    assert!(
        h.text().contains("Charged per month (24 loaded)"),
        "{}",
        h.text()
    );
    h.take_cmds();
    h.keys("<S-Tab>");
    assert_eq!(h.app.screen(), Screen::PaymentMethods);
    let left = h.take_cmds();
    assert!(left.is_empty(), "a loaded tab is not asked again: {left:?}");
    h.keys("<Esc>");
    assert_eq!(h.app.screen(), Screen::Workspace, "one Esc leaves the tabs");
}

#[test]
fn a_quantity_change_is_previewed_then_sent_once() {
    let mut h = acme_subscriptions();
    h.keys("e<C-u>0<Tab><C-u><Tab><Enter>");
    assert!(
        billing_cmds(&mut h).is_empty(),
        "no product left: nothing asked"
    );
    assert!(
        h.text().contains("Keep at least one product"),
        "{}",
        h.text()
    );
    h.keys("<S-Tab><S-Tab><C-u>12<Tab>25<Enter>");
    let cmds = billing_cmds(&mut h);
    let [Cmd::Billing(BillingCmd::Preview { req, body, .. })] = cmds.as_slice() else {
        panic!("one preview, nothing else: {cmds:?}");
    };
    let items: Vec<_> = body
        .items
        .iter()
        .map(|i| (i.product_type, i.quantity))
        .collect();
    assert_eq!(
        items,
        [
            (ProductType::Locations, 12),
            (ProductType::Users, 25),
            (ProductType::Sso, 0)
        ]
    );
    let acc = h.app.session.detail.clone().unwrap();
    let invoice = alto::sandbox::billing::preview(&acc.id, "usd", body, "in_preview".into());
    h.send(Msg::Billing(BillingMsg::Previewed {
        req: *req,
        result: Ok(invoice),
    }));
    let text = h.text();
    assert!(
        text.contains("The next invoice would be") && text.contains("$308.00"),
        "{text}"
    );
    h.keys("<Enter>");
    let cmds = billing_cmds(&mut h);
    let [Cmd::SendWrite { req, op, .. }] = cmds.as_slice() else {
        panic!("one write: {cmds:?}");
    };
    let WriteOp::Quantities { quantities, .. } = op else {
        panic!("{op:?}")
    };
    assert_eq!(quantities.get(&ProductType::Locations), Some(&12));
    assert_eq!(quantities.get(&ProductType::Sso), None);
    h.keys("<Enter>");
    assert!(
        billing_cmds(&mut h).is_empty(),
        "the box is closed: no second send"
    );
    let mut sub = active(&h);
    sub.product_quantities
        .get_mut("locations")
        .unwrap()
        .quantity = 12;
    h.send(testing::written(
        *req,
        Ok(Written::Subscription(Box::new(sub))),
    ));
    assert!(h.text().contains("locations 12, users 25"), "{}", h.text());
}

#[test]
fn cancel_starts_on_cancel_and_a_refusal_is_shown_whole() {
    let mut h = acme_subscriptions();
    h.keys("c");
    assert!(h.text().contains("Cancel subscription?"), "{}", h.text());
    // Buttons named by their effect.
    assert!(
        h.text().contains("› Keep it ‹") && h.text().contains("Cancel subscription  "),
        "{}",
        h.text()
    );
    h.keys("<Enter>");
    assert!(
        billing_cmds(&mut h).is_empty(),
        "Enter alone cancels nothing"
    );
    h.keys("c<Tab><Enter>");
    let cmds = billing_cmds(&mut h);
    let [
        Cmd::SendWrite {
            req,
            op: WriteOp::Cancel(_),
            ..
        },
    ] = cmds.as_slice()
    else {
        panic!("{cmds:?}");
    };
    let message = "Cannot delete subscription. Deleting it would leave the account under-provisioned for 'locations'. Current usage: 8, remaining capacity after deletion: 0.";
    h.send(testing::written(
        *req,
        Err(stripe(409, "cancellation_would_underprovision", message)),
    ));
    let error = h.app.boxes.error().cloned().expect("an error box");
    assert!(error.text.contains(message), "whole: {}", error.text);
    assert!(error.text.contains("cancellation_would_underprovision"));
    assert!(error.text.contains("Nothing was changed."));
}

#[test]
fn an_unclear_answer_is_looked_up_before_anything_is_sent_again() {
    let mut h = acme_subscriptions();
    h.keys("p<Enter>");
    let cmds = billing_cmds(&mut h);
    let [Cmd::SendWrite { req, .. }] = cmds.as_slice() else {
        panic!("{cmds:?}")
    };
    let timeout = ApiError::Timeout {
        url: "http://x".into(),
        after: std::time::Duration::from_secs(30),
    };
    h.send(testing::written(*req, Err(timeout)));
    let cmds = billing_cmds(&mut h);
    let [Cmd::Billing(BillingCmd::LoadSubscriptions { req: lookup, .. })] = cmds.as_slice() else {
        panic!("the lookup, and no resend: {cmds:?}");
    };
    h.keys("p");
    assert!(
        h.app.boxes.confirm().is_none() && billing_cmds(&mut h).is_empty(),
        "waits for the lookup"
    );
    // The server shows it paused: done, and said so.
    let mut subs = h.app.billing().unwrap().subscriptions.items.clone();
    let id = active(&h).id;
    subs.iter_mut().find(|s| s.id == id).unwrap().status = "paused".into();
    h.send(Msg::Billing(BillingMsg::SubscriptionsLoaded {
        req: *lookup,
        account_id: h.app.session.detail.clone().unwrap().id,
        result: Ok(alto::api::model::List {
            data: subs,
            has_more: false,
        }),
    }));
    let status = h.app.status.clone().unwrap().text;
    assert!(status.contains("server shows it done"), "{status}");
    assert!(h.app.pending_write.is_none());
}

#[test]
fn invoices_page_as_the_cursor_nears_the_end_one_page_at_a_time() {
    let mut h = Harness::demo(110, 34);
    h.select("ACME Corporation");
    h.keys("<Enter>")
        .answer_loads()
        .keys("jj")
        .keys("I")
        .answer_loads();
    let n = |h: &Harness| h.app.billing().unwrap().invoices.list.items.len();
    assert_eq!(n(&h), 100, "the first page only");
    h.keys("<End>");
    let cmds = billing_cmds(&mut h);
    let [
        Cmd::Billing(BillingCmd::LoadInvoices {
            after: Some(after), ..
        }),
    ] = cmds.as_slice()
    else {
        panic!("the next page: {cmds:?}");
    };
    assert!(after.ends_with("004901"), "after the 100th: {after}");
    h.keys("<Up><End>");
    assert!(
        billing_cmds(&mut h).is_empty(),
        "one page in flight at a time"
    );
    h.cmds.push(cmds.into_iter().next().unwrap());
    h.answer_loads();
    assert_eq!(n(&h), 200);
    assert!(h.text().contains("Invoices 200+"), "{}", h.text());
    h.keys("<Home>");
    assert!(
        billing_cmds(&mut h).is_empty(),
        "nothing asked far from the end"
    );
}

#[test]
fn o_opens_only_web_pages_and_y_copies_the_url() {
    let mut h = acme_subscriptions();
    h.keys("<Tab><Tab>").answer_loads();
    h.keys("o");
    assert!(billing_cmds(&mut h).is_empty(), "a draft has no page");
    h.keys("j<Enter>");
    assert_eq!(h.app.screen(), Screen::Invoice);
    let text = h.text();
    assert!(
        text.contains("Subtotal") && text.contains("Tax") && text.contains("Due"),
        "{text}"
    );
    h.keys("oy");
    let cmds = h.take_cmds();
    assert!(
        matches!(&cmds[0], Cmd::Billing(BillingCmd::OpenUrl(u)) if u.starts_with("https://invoice.stripe.com/")),
        "{cmds:?}"
    );
    assert!(
        matches!(&cmds[1], Cmd::Copy { what: "the invoice URL", text } if text.starts_with("https://")),
        "{cmds:?}"
    );
    // A page that is not on the web is never handed to the opener.
    let b = h.app.billing_mut().unwrap();
    let sel = b.invoices.list.sel.current().unwrap();
    b.invoices.list.items[sel].hosted_invoice_url = Some("file:///etc/passwd".into());
    h.keys("o");
    assert!(billing_cmds(&mut h).is_empty());
    assert!(
        h.app
            .status
            .clone()
            .unwrap()
            .text
            .contains("Not a web page")
    );
    // The opener gets the URL as checked, never the raw text (which
    // parsing cleans of tabs, newlines and leading blanks).
    for (raw, opened) in [
        (
            " \thttps://pay.example/i\n/x",
            Some("https://pay.example/i/x"),
        ),
        (
            "http://127.0.0.2:8787/page",
            Some("http://127.0.0.2:8787/page"),
        ),
        ("http://pay.example/page", None),
    ] {
        let b = h.app.billing_mut().unwrap();
        b.invoices.list.items[sel].hosted_invoice_url = Some(raw.into());
        h.keys("o");
        let cmds = billing_cmds(&mut h);
        let got = cmds.iter().find_map(|c| match c {
            Cmd::Billing(BillingCmd::OpenUrl(u)) => Some(u.as_str()),
            _ => None,
        });
        assert_eq!(got, opened, "{raw:?}");
    }
}

#[test]
fn detaching_starts_on_cancel_and_the_documented_refusal_is_shown() {
    let mut h = acme_subscriptions();
    h.keys("<Tab>").answer_loads();
    h.keys("d<Tab><Enter>");
    let cmds = billing_cmds(&mut h);
    let [
        Cmd::SendWrite {
            req,
            op: WriteOp::Detach(_),
            ..
        },
    ] = cmds.as_slice()
    else {
        panic!("{cmds:?}");
    };
    let message = "You cannot detach the default payment method while the billing account has active subscriptions.";
    h.send(testing::written(
        *req,
        Err(stripe(
            422,
            "cannot_detach_default_with_subscriptions",
            message,
        )),
    ));
    let e = h.app.boxes.error().cloned().unwrap();
    assert!(e.title.contains("422") && e.text.contains(message), "{e:?}");
    // D on the default says so, and sends nothing.
    h.keys("<Enter>D");
    assert!(h.app.boxes.confirm().is_none() && billing_cmds(&mut h).is_empty());
    h.keys("jD<Enter>");
    assert!(matches!(
        billing_cmds(&mut h).as_slice(),
        [Cmd::SendWrite {
            op: WriteOp::MakeDefault(_),
            ..
        }]
    ));
}

#[test]
fn a_cursor_handed_out_twice_ends_the_paging() {
    let mut h = Harness::demo(110, 34);
    h.select("ACME Corporation");
    h.keys("<Enter>")
        .answer_loads()
        .keys("jj")
        .keys("I")
        .answer_loads();
    h.keys("<End>");
    let cmds = billing_cmds(&mut h);
    let [
        Cmd::Billing(BillingCmd::LoadInvoices {
            req,
            after: Some(after),
            ..
        }),
    ] = cmds.as_slice()
    else {
        panic!("{cmds:?}");
    };
    // A broken server answers with the cursor it was just given.
    let page = alto::api::model::InvoicePage {
        data: Vec::new(),
        has_more: true,
        next_cursor: Some(after.clone()),
        previous_cursor: None,
    };
    let id = h.app.session.detail.clone().unwrap().id;
    h.send(Msg::Billing(BillingMsg::InvoicesLoaded {
        req: *req,
        account_id: id,
        result: Ok(page),
    }));
    h.keys("<Up><End>");
    assert!(billing_cmds(&mut h).is_empty(), "not asked again");
    assert!(
        h.text().contains("a cursor it had given before"),
        "{}",
        h.text()
    );
}

/// The invoices tab of ACME's third account with its next page asked for;
/// `answer` gives each page after the first (by the `after` it was asked
/// with), until paging stops. The `after`s asked, in order.
fn page_through(
    answer: impl Fn(&str, usize) -> alto::api::model::InvoicePage,
) -> (Harness, Vec<String>) {
    let mut h = Harness::demo(110, 34);
    h.select("ACME Corporation");
    h.keys("<Enter>")
        .answer_loads()
        .keys("jj")
        .keys("I")
        .answer_loads();
    let id = h.app.session.detail.clone().unwrap().id;
    let mut asked = Vec::new();
    for n in 0..20 {
        h.keys("<End>");
        let cmds = billing_cmds(&mut h);
        let Some((req, after)) = cmds.iter().find_map(|c| match c {
            Cmd::Billing(BillingCmd::LoadInvoices {
                req,
                after: Some(a),
                ..
            }) => Some((*req, a.clone())),
            _ => None,
        }) else {
            break;
        };
        asked.push(after.clone());
        h.send(Msg::Billing(BillingMsg::InvoicesLoaded {
            req,
            account_id: id.clone(),
            result: Ok(answer(&after, n)),
        }));
        h.keys("<Up>");
    }
    (h, asked)
}

#[test]
fn a_cursor_cycle_or_a_run_of_empty_pages_ends_the_paging_and_says_so() {
    use alto::api::model::InvoicePage;
    let loaded = |h: &Harness| h.app.billing().unwrap().invoices.list.items.len();
    // A → B → A: the invoices of A are not listed again.
    let (h, asked) = page_through(|after, _| {
        let mut i = alto::sandbox::billing::invoice("cus_cycle", "usd", 2, 0);
        i.id = format!("in_after_{after}");
        InvoicePage {
            data: vec![i],
            has_more: true,
            next_cursor: Some(if after == "B" { "A".into() } else { "B".into() }),
            previous_cursor: None,
        }
    });
    assert!(asked.len() <= 3, "{asked:?}");
    let ids: Vec<String> = h
        .app
        .billing()
        .unwrap()
        .invoices
        .list
        .items
        .iter()
        .map(|i| i.id.clone())
        .collect();
    let unique: std::collections::HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "nothing listed twice: {ids:?}");
    assert!(
        h.text().contains("a cursor it had given before"),
        "{}",
        h.text()
    );
    let _ = loaded(&h);
    // Empty pages, each with a new cursor and has_more: three, then stop.
    let (h, asked) = page_through(|_, n| InvoicePage {
        data: Vec::new(),
        has_more: true,
        next_cursor: Some(format!("c{n}")),
        previous_cursor: None,
    });
    assert_eq!(asked.len(), 3, "{asked:?}");
    assert!(h.text().contains("3 empty pages in a row"), "{}", h.text());
}

#[test]
fn a_profile_that_confirms_writes_wants_the_workspace_name_for_billing_too() {
    let mut h = acme_subscriptions();
    h.app.ctx.confirm_writes = true;
    h.keys("p");
    assert!(h.text().contains("type the workspace name"), "{}", h.text());
    h.keys("ACME<Enter>");
    assert!(
        billing_cmds(&mut h).is_empty(),
        "a wrong name sends nothing"
    );
    h.keys(" Corporation<Enter>");
    let cmds = billing_cmds(&mut h);
    assert!(
        matches!(
            cmds.as_slice(),
            [Cmd::SendWrite {
                op: WriteOp::Pause(_),
                ..
            }]
        ),
        "{cmds:?}"
    );
}
