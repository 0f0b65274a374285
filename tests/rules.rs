//! Every rule at its boundary, as the form, the CLI and the sandbox see it.

use alto::api::model::Currency;
use alto::rules::{AccountInput, Field, char_len, check, is_email, validate_patch};

fn input(name: &str, email: &str) -> AccountInput {
    AccountInput {
        name: name.into(),
        email: email.into(),
        ..Default::default()
    }
}

#[test]
fn name_limit_counts_code_points_not_bytes() {
    assert!(check(Field::Name, &"a".repeat(100)).is_ok());
    let err = check(Field::Name, &"a".repeat(101)).unwrap_err();
    assert_eq!(
        err,
        "The name field must not be greater than 100 characters."
    );
    // 4-byte code points: 100 emoji are 400 bytes but 100 characters.
    assert!(check(Field::Name, &"🦀".repeat(100)).is_ok());
    assert!(check(Field::Name, &"🦀".repeat(101)).is_err());
    assert!(check(Field::Name, &"ü".repeat(100)).is_ok());
    // A combining accent is its own code point, as the server counts.
    assert_eq!(char_len("e\u{301}"), 2);
    assert!(check(Field::Name, &"e\u{301}".repeat(51)).is_err());
}

#[test]
fn lengths_are_measured_after_trimming() {
    let padded = format!("   {}  ", "a".repeat(100));
    assert!(check(Field::Name, &padded).is_ok());
    assert_eq!(
        check(Field::Name, "    ").unwrap_err(),
        "The name field is required."
    );
    // A tab or a newline is a control character wherever it stands (the
    // contract's pattern): refused, not trimmed away.
    let tabbed = format!("{}\t", "a".repeat(10));
    assert!(check(Field::Name, &tabbed).unwrap_err().contains("U+0009"));
    assert_eq!(
        check(Field::Email, "").unwrap_err(),
        "The email field is required."
    );
}

#[test]
fn every_limit_at_its_boundary() {
    let cases = [
        (Field::Phone, 50),
        (Field::Description, 200),
        (Field::Line1, 200),
        (Field::Line2, 200),
        (Field::City, 100),
        (Field::State, 100),
        (Field::PostalCode, 20),
    ];
    for (field, max) in cases {
        assert_eq!(field.max_len(), Some(max));
        assert!(check(field, &"7".repeat(max)).is_ok(), "{field:?} at {max}");
        let err = check(field, &"7".repeat(max + 1)).unwrap_err();
        assert!(
            err.contains(&format!("greater than {max} characters")),
            "{err}"
        );
        assert!(check(field, "").is_ok(), "{field:?} is optional");
    }
}

#[test]
fn email_limit_is_150() {
    let at_limit = format!("{}@example.com", "a".repeat(150 - 12));
    assert_eq!(at_limit.chars().count(), 150);
    assert!(check(Field::Email, &at_limit).is_ok());
    let over = format!("a{at_limit}");
    assert_eq!(
        check(Field::Email, &over).unwrap_err(),
        "The email field must not be greater than 150 characters."
    );
}

#[test]
fn emails_the_server_accepts() {
    for ok in [
        "billing@acme.com",
        "a@b",
        "\"a b\"@example.com",
        "\"a@b\"@example.com",
        "first.last+tag@sub.example.co.za",
        "üser@exämple.com",
        "x@[127.0.0.1]",
        "x@[IPv6:2001:db8::1]",
        "o'brien@example.ie",
        "a@xn--bcher-kva.example",
        "a@my-host.example",
    ] {
        assert!(is_email(ok), "{ok} should be accepted");
        assert!(check(Field::Email, ok).is_ok());
    }
}

#[test]
fn emails_the_server_refuses() {
    for bad in [
        "plainaddress",
        "@example.com",
        "user@",
        "a b@example.com",
        "a@exa mple.com",
        "a@@example.com",
        "a..b@example.com",
        ".a@example.com",
        "a.@example.com",
        "a@example..com",
        "a@.example.com",
        "\"unclosed@example.com",
        "a\u{0}@example.com",
        // Domains that are not host names (they broke `format: email`).
        "x@example.com*",
        "a@b..c",
        "a@-b.com",
        "a@b-.com",
        "a@exa_mple.com",
        "a@example.com.",
        "a@[999.1.1.1]",
        "a@[not an ip]",
    ] {
        assert!(!is_email(bad), "{bad:?} should be refused");
    }
    assert_eq!(
        check(Field::Email, "not-an-email").unwrap_err(),
        "The email field must be a valid email address."
    );
}

#[test]
fn control_bidi_and_zero_width_are_refused_everywhere() {
    for bad in [
        "a\u{7}b",
        "\u{1b}[31mred",
        "evil\u{202E}gnp.exe",
        "zero\u{200B}width",
        "bom\u{FEFF}",
        "c1\u{9b}x",
        "iso\u{2066}late",
        "line\nbreak",
    ] {
        for field in Field::ALL {
            let err = check(field, bad).unwrap_err();
            assert!(err.contains("must not contain"), "{field:?}: {err}");
        }
    }
    let err = check(Field::Name, "ab\u{202E}c").unwrap_err();
    assert!(err.contains("U+202E at character 3"), "{err}");
}

#[test]
fn country_must_be_an_iso_code_with_a_hint() {
    assert!(check(Field::Country, "GB").is_ok());
    assert!(check(Field::Country, "ZA").is_ok());
    let err = check(Field::Country, "UK").unwrap_err();
    assert!(err.contains("Did you mean GB (United Kingdom)?"), "{err}");
    let err = check(Field::Country, "us").unwrap_err();
    assert!(err.contains("Did you mean US"), "{err}");
    assert!(check(Field::Country, "ZZ").is_err());
    assert!(check(Field::Country, "USA").is_err());
}

#[test]
fn currency_is_one_of_five_lower_case_codes_or_empty() {
    for c in Currency::ALL {
        assert!(check(Field::Currency, c.code()).is_ok());
    }
    assert!(
        check(Field::Currency, "").is_ok(),
        "empty = workspace default"
    );
    assert!(check(Field::Currency, "EUR").is_err());
    assert!(check(Field::Currency, "jpy").is_err());
}

#[test]
fn validate_trims_and_omits_empty_optionals() {
    let mut i = input("  ACME  ", " billing@acme.com ");
    i.phone = "   ".into();
    let body = i.validate().unwrap();
    assert_eq!(
        serde_json::to_string(&body).unwrap(),
        r#"{"name":"ACME","email":"billing@acme.com"}"#
    );
    i.currency = "eur".into();
    i.country = "GB".into();
    i.city = "London".into();
    let json = serde_json::to_value(i.validate().unwrap()).unwrap();
    assert_eq!(json["currency"], "eur");
    assert_eq!(
        json["address"],
        serde_json::json!({"country":"GB","city":"London"})
    );
}

#[test]
fn validate_reports_every_violation_at_once() {
    let mut i = input(&"n".repeat(101), "nope");
    i.phone = "p".repeat(51);
    i.country = "UK".into();
    i.currency = "btc".into();
    let v = i.validate().unwrap_err();
    let fields: Vec<Field> = v.iter().map(|v| v.field).collect();
    assert_eq!(
        fields,
        vec![
            Field::Name,
            Field::Email,
            Field::Phone,
            Field::Currency,
            Field::Country
        ]
    );
    assert_eq!(v[4].to_string().split(':').next(), Some("address.country"));
}

#[test]
fn patch_clears_optionals_and_refuses_the_rest() {
    let body = validate_patch(&[(Field::Phone, "".into()), (Field::City, "".into())]).unwrap();
    assert_eq!(
        serde_json::to_string(&body).unwrap(),
        r#"{"phone":null,"address":{"city":null}}"#
    );
    let v = validate_patch(&[
        (Field::Name, " ".into()),
        (Field::Currency, "eur".into()),
        (Field::Country, "".into()),
    ])
    .unwrap_err();
    assert_eq!(v.len(), 3);
    assert!(v[1].message.contains("cannot be changed"));
}
