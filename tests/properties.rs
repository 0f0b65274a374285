//! Properties over random input: the rules never panic and never let a
//! forbidden character or an over-long value into a request body; random
//! key sequences into the console never panic, never put two creates in
//! flight, and never send a forbidden character.

use alto::api::model::{BillingAccount, NewBillingAccount};
use alto::api::{ApiError, ErrorBody};
use alto::rules::{self, AccountInput, Field, is_forbidden_char};
use alto::sandbox::seed;
use alto::tui::app::{App, Context};
use alto::tui::msg::{Cmd, Msg};
use alto::tui::screens;
use alto::tui::update::{init, update};
use proptest::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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
    fn email_check_never_panics_and_agrees_with_check(s in nasty_text()) {
        let shape = rules::is_email(s.trim());
        let checked = rules::check(Field::Email, &s).is_ok();
        if checked {
            prop_assert!(shape);
        }
    }
}

fn ctx() -> Context {
    Context::fixed()
}

#[derive(Clone, Debug)]
enum Step {
    Key(KeyCode, KeyModifiers),
    Paste(String),
    /// Answer the oldest request in flight: 0 ok, 1 422, 2 timeout, 3 409.
    Answer(u8),
    Resize(u16, u16),
}

fn step() -> impl Strategy<Value = Step> {
    let code = prop_oneof![
        6 => any::<char>().prop_map(KeyCode::Char),
        3 => prop::sample::select(vec!['n', 'j', 'k', '/', 'g', 'r', 'q', '?', 'i', 'y', 'Y', ' ', 'd', 'e', 'a', '@']).prop_map(KeyCode::Char),
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
        12 => (code, mods).prop_map(|(c, m)| Step::Key(c, m)),
        2 => Just(Step::Key(KeyCode::Char('s'), KeyModifiers::CONTROL)),
        1 => nasty_text().prop_map(Step::Paste),
        2 => (0u8..4).prop_map(Step::Answer),
        1 => (0u16..200, 0u16..80).prop_map(|(w, h)| Step::Resize(w, h)),
    ]
}

fn account(ws: &str) -> BillingAccount {
    BillingAccount {
        id: "cus_PROP".into(),
        workspace_id: ws.into(),
        name: "n".into(),
        email: "e@x".into(),
        phone: None,
        description: None,
        currency: None,
        address: None,
        created_at: "2025-10-29T00:40:06.000000Z".into(),
        updated_at: "2025-10-29T00:40:06.000000Z".into(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(120))]

    #[test]
    fn random_keys_never_panic_or_double_submit(random in prop::collection::vec(step(), 1..200)) {
        // After the random part, a fill-and-submit-twice tail, so every case
        // also tries a double submit from whatever state it reached.
        let tail = [
            Step::Key(KeyCode::Esc, KeyModifiers::NONE),
            Step::Key(KeyCode::Esc, KeyModifiers::NONE),
            Step::Key(KeyCode::Esc, KeyModifiers::NONE),
            Step::Key(KeyCode::Char('n'), KeyModifiers::NONE),
            Step::Key(KeyCode::Char('u'), KeyModifiers::CONTROL),
            Step::Paste("Tail Ltd".into()),
            Step::Key(KeyCode::Tab, KeyModifiers::NONE),
            Step::Key(KeyCode::Char('u'), KeyModifiers::CONTROL),
            Step::Paste("tail@example.com".into()),
            Step::Key(KeyCode::Char('s'), KeyModifiers::CONTROL),
            Step::Key(KeyCode::Char('s'), KeyModifiers::CONTROL),
            Step::Key(KeyCode::Char('y'), KeyModifiers::NONE),
            Step::Key(KeyCode::Char('s'), KeyModifiers::CONTROL),
        ];
        let steps = random.into_iter().chain(tail);
        let mut app = App::new(ctx(), (80, 24), true);
        let mut queue: Vec<Cmd> = init(&mut app);
        let list = seed::demo_workspaces();
        // Answer the initial load so there is something to act on.
        if let Some(Cmd::LoadWorkspaces { req }) = queue.pop() {
            update(&mut app, Msg::WorkspacesLoaded { req, result: Ok(list) });
        }
        // Creates sent and not yet answered: (req, workspace).
        let mut in_flight: Vec<(u64, String)> = Vec::new();
        for s in steps {
            let msg = match s {
                Step::Key(code, mods) => screens::handle_key(&app, KeyEvent::new(code, mods)),
                Step::Paste(text) => Some(Msg::Paste(text)),
                Step::Resize(w, h) => Some(Msg::Resize(w, h)),
                Step::Answer(kind) => {
                    if in_flight.is_empty() {
                        None
                    } else {
                        let (req, ws) = in_flight.remove(0);
                        let result = match kind {
                            0 => Ok(account(&ws)),
                            1 => Err(ApiError::Status { status: 422, body: Box::new(ErrorBody::parse(br#"{"message":"x","errors":{"address.country":["bad"]}}"#)) }),
                            2 => Err(ApiError::Timeout { url: "u".into(), after: std::time::Duration::from_secs(1) }),
                            _ => Err(ApiError::Status { status: 409, body: Box::new(ErrorBody::parse(b"{}")) }),
                        };
                        Some(Msg::AccountCreated { req, workspace_id: ws, sent_at: jiff::Timestamp::UNIX_EPOCH, result })
                    }
                }
            };
            let Some(msg) = msg else { continue };
            if matches!(msg, Msg::Quit) {
                continue; // keep going: quitting ends nothing here
            }
            for cmd in update(&mut app, msg) {
                if let Cmd::CreateAccount { req, workspace_id, body, .. } = cmd {
                    prop_assert!(
                        !in_flight.iter().any(|(_, ws)| *ws == workspace_id),
                        "a second create for {workspace_id} while one is in flight"
                    );
                    for s in body_strings(&body) {
                        prop_assert!(!s.chars().any(is_forbidden_char), "forbidden character sent: {s:?}");
                    }
                    in_flight.push((req, workspace_id));
                }
            }
            // Rendering any reachable state never panics.
            let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(app.size.0.max(1), app.size.1.max(1))).unwrap();
            t.draw(|f| alto::tui::view::render(&app, f)).unwrap();
        }
    }
}
