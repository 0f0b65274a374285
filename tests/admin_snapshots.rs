//! The workspace administration screens and boxes at 80×24: the member
//! list, the member box (add, change role), the workspace box (new,
//! rename), and the archive confirm asking for the name.

use alto::tui::testing::{self, Harness};

fn members_of(name: &str) -> Harness {
    let mut h = Harness::demo(80, 24);
    h.select(name);
    h.keys("M").answer_loads();
    h
}

#[test]
fn member_list() {
    insta::assert_snapshot!(members_of("Initech Legacy").text());
}

#[test]
fn member_box_adding_with_a_rule_broken() {
    let mut h = members_of("Globex EU");
    h.keys("a<Enter>");
    insta::assert_snapshot!(h.text());
}

#[test]
fn member_box_changing_a_role() {
    let mut h = members_of("Initech Legacy");
    h.keys("jR<Left>");
    insta::assert_snapshot!(h.text());
}

#[test]
fn workspace_box_new() {
    let mut h = Harness::demo(80, 24);
    h.keys("NLab One<Tab><Right><Tab>testing");
    insta::assert_snapshot!(h.text());
}

#[test]
fn workspace_box_rename() {
    let mut h = Harness::demo(80, 24);
    h.select("Pied Piper");
    h.keys("e");
    insta::assert_snapshot!(h.text());
}

#[test]
fn archive_asks_for_the_name_with_cancel_focused() {
    let mut h = Harness::demo(80, 24);
    h.select("Pied Piper");
    h.keys("A");
    let text = h.text();
    assert!(text.contains("› Cancel ‹"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn every_admin_screen_and_box_draws_at_every_size() {
    let mut states = vec![members_of("Initech Legacy")];
    for keys in ["a", "R"] {
        let mut h = members_of("Initech Legacy");
        h.keys(keys);
        states.push(h);
    }
    for keys in ["N", "e", "A"] {
        let mut h = Harness::demo(80, 24);
        h.select("Pied Piper");
        h.keys(keys);
        states.push(h);
    }
    for h in &states {
        for (w, ht) in [(80, 24), (60, 16), (120, 40), (200, 60)] {
            let mut app = h.app.clone();
            app.size = (w, ht);
            let lines = testing::lines(&testing::draw(&app, w, ht));
            assert!(lines[0].contains(" alto "), "{w}x{ht}: no header");
            assert!(
                !lines[ht as usize - 1].trim().is_empty(),
                "{w}x{ht}: no footer"
            );
        }
    }
}
