//! Properties over random input. The rules: never a forbidden character or
//! an over-long value in a body; every valid form (made valid by
//! construction) passes whole and exactly; breaking one rule fails on that
//! field alone. The console: random keys and every kind of answer (201,
//! 422, 409, 429, 5xx, timeout, cut connection, unreadable 201, and the
//! lookup's found / not found / failed) never panic, never put two creates
//! in flight, and never resend a create whose outcome is unknown before the
//! lookup answered and the user said yes, and then only with the same key.
//! A run also counts what it reached, so the property cannot pass by never
//! getting to the risky paths.

use alto::api::model::{BillingAccount, NewBillingAccount};
use alto::api::{ApiError, ErrorBody};
use alto::rules::{self, AccountInput, Field, is_forbidden_char};
use alto::tui::msg::{ApiMsg, FormMsg};
use alto::tui::msg::{Cmd, Msg};
use alto::tui::ops::WriteOp;
use alto::tui::testing;
use alto::tui::testing::Harness;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::time::Duration;

fn body_strings(b: &NewBillingAccount) -> Vec<String> {
    let mut all = vec![b.name.clone(), b.email.clone()];
    all.extend(b.phone.clone());
    all.extend(b.description.clone());
    if let Some(a) = &b.address {
        all.extend(
            [
                &a.country,
                &a.line1,
                &a.line2,
                &a.city,
                &a.state,
                &a.postal_code,
            ]
            .into_iter()
            .flatten()
            .cloned(),
        );
    }
    all
}

/// Any text, with a good share of the characters that matter here.
fn nasty_text() -> impl Strategy<Value = String> {
    let c = prop_oneof![
        4 => any::<char>(),
        2 => prop::sample::select(vec!['\u{1b}', '\u{7}', '\u{0}', '\u{9b}', '\u{202e}', '\u{200b}', '\u{feff}', '\n', '\t', ' ', '@', '"', '.', '🦀', 'é']),
        4 => prop::char::range('a', 'z'),
    ];
    prop::collection::vec(c, 0..160).prop_map(|v| v.into_iter().collect())
}

/// Text of 1..=max characters anyone may type: no forbidden character, no
/// white space at either end.
fn fine_text(max: usize) -> impl Strategy<Value = String> {
    let c = prop_oneof![
        6 => prop::char::range('a', 'z'),
        2 => prop::char::range('A', 'Z'),
        1 => prop::sample::select(vec![' ', '-', '.', '&', '(', ')', '\'', 'é', 'ß', '🦀', '中']),
    ];
    (
        prop::char::range('a', 'z'),
        prop::collection::vec(c, 0..max),
    )
        .prop_map(|(first, rest)| std::iter::once(first).chain(rest).collect::<String>())
        .prop_map(|s| s.trim_end().to_string())
}

/// A valid address: local part, and a domain of one to three labels.
fn email() -> impl Strategy<Value = String> {
    (
        "[a-z0-9]{1,12}(\\.[a-z0-9]{1,8}){0,2}",
        "[a-z][a-z0-9]{0,9}(\\.[a-z][a-z0-9]{0,9}){0,2}",
        "[a-z]{2,6}",
    )
        .prop_map(|(local, domain, tld)| format!("{local}@{domain}.{tld}"))
}

/// Optional: empty, or fine text of at most `max`.
fn optional(max: usize) -> impl Strategy<Value = String> {
    prop_oneof![1 => Just(String::new()), 3 => fine_text(max)]
}

/// A form valid by construction, every field within its documented rule.
fn valid_form() -> impl Strategy<Value = AccountInput> {
    let codes: Vec<String> = alto::countries::all()
        .iter()
        .map(|c| c.code.to_string())
        .collect();
    let currencies = vec!["", "usd", "zar", "eur", "gbp", "aud"];
    (
        (fine_text(100), email(), "(\\+?[0-9]{3,20})?", optional(200)),
        (
            prop::sample::select(currencies),
            prop_oneof![Just(String::new()), prop::sample::select(codes)],
        ),
        (
            optional(200),
            optional(200),
            optional(100),
            optional(100),
            "[A-Z0-9]{0,10}",
        ),
    )
        .prop_map(
            |((name, email, phone, description), (currency, country), address)| AccountInput {
                name,
                email,
                phone,
                description,
                currency: currency.to_string(),
                country,
                line1: address.0,
                line2: address.1,
                city: address.2,
                state: address.3,
                postal_code: address.4,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn rules_never_let_bad_text_into_a_body(values in prop::collection::vec(nasty_text(), 11)) {
        let mut input = AccountInput::default();
        for (field, v) in Field::ALL.into_iter().zip(values) {
            *input.get_mut(field) = v;
        }
        for field in Field::ALL {
            let _ = rules::check(field, input.get(field));
        }
        if let Ok(body) = input.validate() {
            for s in body_strings(&body) {
                prop_assert!(!s.chars().any(is_forbidden_char), "{s:?}");
                prop_assert_eq!(s.trim(), s.as_str());
                prop_assert!(!s.is_empty());
            }
            prop_assert!(body.name.chars().count() <= 100);
            prop_assert!(body.email.chars().count() <= 150);
            prop_assert!(rules::is_email(&body.email));
        }
    }

    #[test]
    fn every_valid_form_passes_whole_and_exactly(input in valid_form()) {
        let body = input.validate();
        prop_assert!(body.is_ok(), "{input:?} refused: {:?}", body.err());
        let body = body.unwrap();
        prop_assert_eq!(&body.name, &input.name);
        prop_assert_eq!(&body.email, &input.email);
        prop_assert_eq!(body.phone.unwrap_or_default(), input.phone.clone());
        prop_assert_eq!(body.description.unwrap_or_default(), input.description.clone());
        prop_assert_eq!(body.currency.map(|c| c.code().to_string()).unwrap_or_default(), input.currency.clone());
        let address = body.address.unwrap_or_default();
        prop_assert_eq!(address.country.unwrap_or_default(), input.country.clone());
        prop_assert_eq!(address.postal_code.unwrap_or_default(), input.postal_code.clone());
        prop_assert_eq!(address.line1.unwrap_or_default(), input.line1.clone());
    }

    #[test]
    fn breaking_one_rule_fails_on_that_field_alone(
        input in valid_form(),
        field in prop::sample::select(Field::ALL.to_vec()),
        how in 0u8..3,
    ) {
        let mut broken = input.clone();
        let value = broken.get_mut(field);
        match (how, field.max_len()) {
            // One character past the limit (the country's 2 is its code).
            (0, Some(max)) if field != Field::Country => *value = "x".repeat(max + 1),
            // A control character inside.
            (1, _) => value.insert_str(0, "a\u{1b}[31m"),
            // Required and blank.
            _ if field.required() => *value = "   ".into(),
            _ => value.insert(0, '\u{202e}'),
        }
        let violations = broken.validate().expect_err("a broken rule is refused");
        let fields: HashSet<Field> = violations.iter().map(|v| v.field).collect();
        prop_assert_eq!(fields, HashSet::from([field]), "{:?}", violations);
    }

    #[test]
    fn made_up_addresses_pass_and_broken_ones_do_not(good in email(), cut in 0usize..4) {
        prop_assert!(rules::is_email(&good), "{good}");
        let (local, domain) = good.split_once('@').unwrap();
        let broken = match cut {
            0 => format!("{local}{domain}"),          // no @
            1 => format!("@{domain}"),                // no local part
            2 => format!("{local}@"),                 // no domain
            _ => format!("{local}@-{domain}"),        // a label starting with -
        };
        prop_assert!(!rules::is_email(&broken), "{broken}");
        prop_assert!(rules::check(Field::Email, &broken).is_err());
    }
}

#[derive(Clone, Debug)]
enum Step {
    Key(KeyCode, KeyModifiers),
    Paste(String),
    /// Answers the oldest request in flight with answer kind `n` (see
    /// `create_answer` and `lookup_answer`).
    Answer(u8),
    Resize(u16, u16),
    /// A second passes (the 429 countdown).
    Second,
    /// Back to a list and fill a valid form there (random keys alone
    /// rarely type a valid email, and the risky paths start at a send).
    Fill,
}

/// The keys of [`Step::Fill`]: leave whatever is open, `n`, a name, an email.
fn fill() -> Vec<Step> {
    let key = |c| Step::Key(c, KeyModifiers::NONE);
    let ctrl_u = Step::Key(KeyCode::Char('u'), KeyModifiers::CONTROL);
    vec![
        key(KeyCode::Esc),
        key(KeyCode::Esc),
        key(KeyCode::Esc),
        key(KeyCode::Char('n')),
        ctrl_u.clone(),
        Step::Paste("Prop Ltd".into()),
        key(KeyCode::Tab),
        ctrl_u,
        Step::Paste("prop@example.com".into()),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    let code = prop_oneof![
        4 => any::<char>().prop_map(KeyCode::Char),
        4 => prop::sample::select(vec!['n', 'j', 'k', '/', 'g', 'r', 'q', '?', 'i', 'y', 'Y', ' ', 'd', 'e', 'a', '@', 'N', 'v']).prop_map(KeyCode::Char),
        4 => prop::sample::select(vec![
            KeyCode::Enter, KeyCode::Esc, KeyCode::Tab, KeyCode::BackTab, KeyCode::Up,
            KeyCode::Down, KeyCode::PageUp, KeyCode::PageDown, KeyCode::Home, KeyCode::End,
            KeyCode::Backspace, KeyCode::Delete, KeyCode::Left, KeyCode::Right,
        ]),
    ];
    let mods = prop::sample::select(vec![
        KeyModifiers::NONE,
        KeyModifiers::NONE,
        KeyModifiers::SHIFT,
        KeyModifiers::CONTROL,
        KeyModifiers::ALT,
    ]);
    prop_oneof![
        10 => (code, mods).prop_map(|(c, m)| Step::Key(c, m)),
        3 => Just(Step::Key(KeyCode::Char('s'), KeyModifiers::CONTROL)),
        2 => Just(Step::Key(KeyCode::Char('y'), KeyModifiers::NONE)),
        1 => nasty_text().prop_map(Step::Paste),
        4 => (0u8..12).prop_map(Step::Answer),
        1 => (0u16..200, 0u16..80).prop_map(|(w, h)| Step::Resize(w, h)),
        1 => Just(Step::Second),
        2 => Just(Step::Fill),
    ]
}

fn account(ws: &str, name: &str, email: &str) -> BillingAccount {
    BillingAccount {
        id: "cus_PROP".into(),
        workspace_id: ws.into(),
        name: name.into(),
        email: email.into(),
        phone: None,
        description: None,
        currency: None,
        address: None,
        created_at: "2025-10-29T00:40:06.000000Z".into(),
        updated_at: "2025-10-29T00:40:06.000000Z".into(),
    }
}

fn status(code: u16, body: &[u8]) -> ApiError {
    ApiError::Status {
        status: code,
        body: Box::new(ErrorBody::parse(body)),
    }
}

/// Every kind of answer a create can get; 3, 4, 5 and 6 leave its outcome
/// unknown.
fn create_answer(kind: u8, ws: &str, body: &NewBillingAccount) -> Result<BillingAccount, ApiError> {
    let url = "http://127.0.0.1/x".to_string();
    match kind % 8 {
        0 => Ok(account(ws, &body.name, &body.email)),
        1 => Err(status(
            422,
            br#"{"message":"x","errors":{"address.country":["bad"]}}"#,
        )),
        2 => Err(status(409, b"{}")),
        3 => Err(ApiError::Timeout {
            url,
            after: Duration::from_secs(30),
        }),
        4 => Err(status(500, br#"{"message":"Server Error"}"#)),
        5 => Err(ApiError::Network {
            url,
            message: "connection reset".into(),
        }),
        6 => Err(ApiError::Decode {
            status: 201,
            reason: "cut".into(),
        }),
        _ => Err(ApiError::RateLimited {
            retry_after: Some(Duration::from_secs(2)),
            body: Box::new(ErrorBody::default()),
        }),
    }
}

/// The lookup after an unknown outcome: found, not found, or failed.
fn lookup_answer(
    kind: u8,
    ws: &str,
    name: &str,
    email: &str,
) -> Result<Option<BillingAccount>, ApiError> {
    match kind % 3 {
        0 => Ok(Some(account(ws, name, email))),
        1 => Ok(None),
        _ => Err(ApiError::Timeout {
            url: "u".into(),
            after: Duration::from_secs(30),
        }),
    }
}

/// What the console property saw over all its cases.
#[derive(Default, Debug)]
struct Reached {
    creates: usize,
    unknown: usize,
    lookups: usize,
    found: usize,
    resent: usize,
}

/// A request in flight, to be answered by a later step.
enum Pending {
    Create {
        req: u64,
        ws: String,
        body: Box<NewBillingAccount>,
        key: String,
    },
    Lookup {
        req: u64,
        ws: String,
        name: String,
        email: String,
    },
}

/// Per workspace: the key and body whose outcome is unknown, whether the
/// lookup has answered, and whether the user has said "send again".
#[derive(Default)]
struct Unknown {
    key: String,
    body: Option<NewBillingAccount>,
    looked_up: bool,
    confirmed: bool,
}

fn run_case(base: &Harness, steps: Vec<Step>, reached: &mut Reached) -> Result<(), TestCaseError> {
    // The tail fills a form and submits twice from whatever state the
    // random part reached, so every case also tries a double submit.
    let tail = [
        Step::Fill,
        Step::Key(KeyCode::Char('s'), KeyModifiers::CONTROL),
        Step::Key(KeyCode::Char('s'), KeyModifiers::CONTROL),
        Step::Key(KeyCode::Char('y'), KeyModifiers::NONE),
        Step::Key(KeyCode::Char('s'), KeyModifiers::CONTROL),
    ];
    let mut h = base.fork();
    let mut term: Option<((u16, u16), Terminal<TestBackend>)> = None;
    let mut drawn = 0usize;
    let mut pending: Vec<Pending> = Vec::new();
    let mut unknown: HashMap<String, Unknown> = HashMap::new();
    let steps = steps.into_iter().chain(tail).flat_map(|s| match s {
        Step::Fill => fill(),
        other => vec![other],
    });
    for s in steps {
        let msg = match s {
            Step::Key(code, mods) => {
                alto::tui::screens::handle_key(&h.app, KeyEvent::new(code, mods))
            }
            Step::Paste(text) => Some(Msg::Paste(text)),
            Step::Resize(w, h) => Some(Msg::Resize(w, h)),
            Step::Second => Some(Msg::Second),
            Step::Answer(kind) if !pending.is_empty() => Some(match pending.remove(0) {
                Pending::Create { req, ws, body, key } => {
                    let result = create_answer(kind, &ws, &body);
                    if result.as_ref().is_err_and(ApiError::outcome_unknown) {
                        reached.unknown += 1;
                        let u = Unknown {
                            key,
                            body: Some(*body),
                            ..Unknown::default()
                        };
                        unknown.insert(ws.clone(), u);
                    }
                    testing::account_created(req, jiff::Timestamp::UNIX_EPOCH, result)
                }
                Pending::Lookup {
                    req,
                    ws,
                    name,
                    email,
                } => {
                    let result = lookup_answer(kind, &ws, &name, &email);
                    reached.lookups += 1;
                    if matches!(result, Ok(Some(_))) {
                        // It was created once: settled, nothing to resend.
                        reached.found += 1;
                        unknown.remove(&ws);
                    } else if let Some(u) = unknown.get_mut(&ws) {
                        u.looked_up = true;
                    }
                    Msg::Api(ApiMsg::AccountFound {
                        req,
                        workspace_id: ws,
                        result,
                    })
                }
            }),
            Step::Answer(_) | Step::Fill => None,
        };
        let Some(msg) = msg else { continue };
        if matches!(msg, Msg::Quit) {
            continue; // keep going: quitting ends nothing here
        }
        if matches!(msg, Msg::Form(FormMsg::ConfirmResend))
            && let Some(u) = h.app.form().and_then(|f| unknown.get_mut(&f.workspace.id))
        {
            u.confirmed = u.looked_up;
        }
        h.send(msg);
        for cmd in h.take_cmds() {
            match cmd {
                Cmd::SendWrite {
                    req,
                    at,
                    key,
                    op: WriteOp::CreateAccount { body, .. },
                    ..
                } => {
                    let ws = at.workspace_id;
                    prop_assert!(
                        !pending
                            .iter()
                            .any(|p| matches!(p, Pending::Create { ws: w, .. } if *w == ws)),
                        "a second create for {ws} while one is in flight"
                    );
                    for s in body_strings(&body) {
                        prop_assert!(
                            !s.chars().any(is_forbidden_char),
                            "forbidden character sent: {s:?}"
                        );
                    }
                    if let Some(u) = unknown.remove(&ws) {
                        prop_assert!(u.looked_up, "resent before the lookup answered");
                        prop_assert!(u.confirmed, "resent without the user's yes");
                        if u.body.as_ref() == Some(&*body) {
                            prop_assert_eq!(&key, &u.key, "the same body resent with a new key");
                        }
                        reached.resent += 1;
                    }
                    reached.creates += 1;
                    pending.push(Pending::Create { req, ws, body, key });
                }
                Cmd::FindAccount {
                    req,
                    workspace_id: ws,
                    name,
                    email,
                    ..
                } => {
                    prop_assert!(
                        unknown.contains_key(&ws) || h.app.session.forms.contains_key(&ws)
                    );
                    pending.push(Pending::Lookup {
                        req,
                        ws,
                        name,
                        email,
                    });
                }
                _ => {}
            }
        }
        // Rendering reachable states never panics: every new size, and
        // every third step otherwise (drawing is most of this test's time).
        drawn += 1;
        let size = (h.app.size.0.max(1), h.app.size.1.max(1));
        if term.as_ref().is_none_or(|(s, _)| *s != size) {
            let backend = TestBackend::new(size.0, size.1);
            term = Some((size, Terminal::new(backend).unwrap()));
            drawn = 0;
        }
        if let Some((_, t)) = term.as_mut().filter(|_| drawn.is_multiple_of(3)) {
            t.draw(|f| alto::tui::view::render(&h.app, f)).unwrap();
        }
    }
    Ok(())
}

#[test]
fn random_keys_and_every_answer_never_double_send() {
    let reached = RefCell::new(Reached::default());
    let base = Harness::demo(80, 24);
    let mut runner = TestRunner::new(Config {
        cases: 150,
        failure_persistence: None,
        ..Config::default()
    });
    let steps = prop::collection::vec(step(), 1..200);
    runner
        .run(&steps, |steps| {
            run_case(&base, steps, &mut reached.borrow_mut())
        })
        .unwrap();
    // The risky paths were reached, not merely allowed.
    let r = reached.into_inner();
    assert!(r.creates > 50, "{r:?}");
    assert!(r.unknown > 5, "{r:?}");
    assert!(r.lookups > 5, "{r:?}");
    assert!(r.found > 0, "{r:?}");
    assert!(r.resent > 0, "{r:?}");
}
