use super::*;
use serde_json::json;

fn lines(p: &[Problem]) -> Vec<String> {
    p.iter().map(|p| p.located("f.csv")).collect()
}

#[test]
fn every_broken_rule_of_every_row_is_placed_at_its_line_and_column() {
    let text = "\u{feff}email,name,country,phone\n\
        a@x.example,Acme,GB,\n\
        not-an-email,,UK,\n\
        \"b@x.example\",\"Quoted, with \"\"comma\"\"\",za,+27 82 555\n\
        c@x.example,ACME ,,\n\
        A@X.example,Other,,\n";
    let parsed = parse(text);
    assert_eq!(parsed.rows.len(), 5);
    assert_eq!(parsed.rows[2].input.name, "Quoted, with \"comma\"");
    assert_eq!(parsed.rows[2].input.country, "ZA", "normalised");
    let said = lines(&parsed.problems);
    assert!(
        said.iter().any(|l| l.starts_with("f.csv:3:1: email:")),
        "{said:?}"
    );
    assert!(
        said.iter().any(|l| l.starts_with("f.csv:3:2: name:")),
        "{said:?}"
    );
    assert!(
        said.iter()
            .any(|l| l.starts_with("f.csv:3:3: country:") && l.contains("GB")),
        "{said:?}"
    );
    assert!(
        said.contains(&"f.csv:5:2: the same name as line 2".to_string()),
        "{said:?}"
    );
    assert!(
        said.contains(&"f.csv:6:1: the same email as line 2".to_string()),
        "{said:?}"
    );
    assert_eq!(
        parsed.bad_lines().into_iter().collect::<Vec<_>>(),
        [3, 5, 6]
    );
    assert!(parsed.rows[0].body.is_some() && parsed.rows[2].body.is_some());
}

#[test]
fn a_bad_header_stops_before_the_rows() {
    let parsed = parse("name,mail,name\nA,a@x\n");
    let said = lines(&parsed.problems);
    assert!(
        said[0].starts_with("f.csv:1:2: unknown column \"mail\": the columns are name,email,"),
        "{said:?}"
    );
    assert!(
        said[1].starts_with("f.csv:1:3: the column \"name\" is given twice"),
        "{said:?}"
    );
    assert!(said[2].contains("no email column"), "{said:?}");
    assert!(parsed.rows.is_empty());
    let ragged = parse("name,email\nA,a@x.example,extra\n");
    assert_eq!(
        lines(&ragged.problems),
        ["f.csv:2: 3 fields where the header has 2"]
    );
}

#[test]
fn the_workspace_adds_its_duplicates_and_its_cap() {
    let parsed = parse("name,email\nA,a@x.example\nB,b@x.example\n");
    let ws: Workspace =
        serde_json::from_value(json!({"id": "ws_1", "name": "W", "billing_mode": "single"}))
            .unwrap();
    let existing: Vec<BillingAccount> = serde_json::from_value(json!([{
        "id": "cus_1", "workspace_id": "ws_1", "name": "Z", "email": "B@x.example",
        "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"
    }]))
    .unwrap();
    let said = lines(&against_workspace(&parsed, &ws, &existing, 1, &[2, 3]));
    assert_eq!(
        said[0],
        "f.csv:1: the workspace is in billing mode single and holds 1 account of at most 1: 2 more would make 3"
    );
    assert_eq!(
        said[1],
        "f.csv:3:2: the workspace already has cus_1 with the same email"
    );
    // Nothing left to send: nothing to say.
    assert_eq!(against_workspace(&parsed, &ws, &[], 1, &[]), []);
}
