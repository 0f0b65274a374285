//! The organization screens as drawn: the tree collapsed, expanded and
//! filtered, the detail's gauges with the capacity, and the report's box,
//! at 80×24 and 120×40.

use alto::tui::testing::Harness;

fn tree_of(name: &str, w: u16, h: u16) -> Harness {
    let mut hs = Harness::demo(w, h);
    hs.select(name);
    hs.keys("O").answer_loads();
    hs
}

#[test]
fn tree_collapsed_at_scale() {
    insta::assert_snapshot!(tree_of("Black Mesa", 80, 24).text());
}

#[test]
fn tree_expanded() {
    let mut h = tree_of("Stark Industries", 120, 40);
    h.keys("+");
    insta::assert_snapshot!(h.text());
}

#[test]
fn tree_expanded_narrow() {
    let mut h = tree_of("ACME Corporation", 80, 24);
    h.keys("+");
    insta::assert_snapshot!(h.text());
}

#[test]
fn tree_filtered() {
    let mut h = tree_of("Black Mesa", 120, 40);
    h.keys("/shelf");
    insta::assert_snapshot!(h.text());
}

#[test]
fn gauges_and_capacity() {
    let mut h = tree_of("ACME Corporation", 100, 40);
    h.keys("+j<Enter>").answer_loads();
    insta::assert_snapshot!(h.text());
}

#[test]
fn gauges_nearly_full_and_disabled_narrow() {
    let mut h = tree_of("Stark Industries", 80, 24);
    h.keys("/building 3<Enter><End><Enter>").answer_loads();
    insta::assert_snapshot!(h.text());
}

#[test]
fn report_box() {
    let mut h = tree_of("Wayne Enterprises", 80, 24);
    h.keys("p");
    insta::assert_snapshot!(h.text());
}

#[test]
fn org_box_new_root_asking_for_an_account() {
    let mut h = tree_of("Wayne Enterprises", 80, 24);
    h.keys("n").answer_loads();
    h.keys("Arkham<Tab><Right><Tab>12");
    insta::assert_snapshot!(h.text());
}

#[test]
fn org_box_changing_limits() {
    let mut h = tree_of("ACME Corporation", 80, 24);
    h.keys("je");
    insta::assert_snapshot!(h.text());
}

#[test]
fn delete_confirm_with_cancel_focused() {
    let mut h = tree_of("ACME Corporation", 80, 24);
    h.keys("jd");
    insta::assert_snapshot!(h.text());
}
