//! The console as a whole, drawn: the panes, the profile's colour, a
//! terminal too small, every screen and box at every size, hostile and
//! huge server text made inert, dialogs that fit, NO_COLOR.

use alto::api::{ApiError, ErrorBody};
use alto::tui::app::{App, Context};
use alto::tui::msg::{ApiMsg, BoxMsg, FormMsg, NavMsg, PaletteMsg};
use alto::tui::msg::{Cmd, Msg};
use alto::tui::testing::{self, Harness};
use alto::tui::update::update;
use ratatui::buffer::Buffer;
use tui_input::InputRequest;

mod common;
use common::console::*;

#[test]
fn api_log_pane() {
    let mut app = loaded();
    let entry = |method: &str, path: &str, status: Option<u16>, ms: u64| alto::api::ApiLogEntry {
        at: sent(),
        method: method.into(),
        path: path.into(),
        status,
        latency: std::time::Duration::from_millis(ms),
        request_id: status.map(|_| format!("req_sandbox_{ms:06}")),
        failure: status.is_none().then(|| "could not connect".into()),
    };
    for e in [
        entry("GET", "/workspaces", Some(200), 4),
        entry(
            "GET",
            "/workspaces/ws_5m8yyexyxshplnih/billing-accounts",
            Some(200),
            2,
        ),
        entry(
            "POST",
            "/workspaces/ws_5m8yyexyxshplnih/billing-accounts",
            Some(422),
            9,
        ),
        entry(
            "DELETE",
            "/workspaces/ws_5m8yyexyxshplnih/billing-accounts/cus_1",
            None,
            3,
        ),
    ] {
        update(&mut app, Msg::ApiLogged(e));
    }
    update(&mut app, Msg::Nav(NavMsg::ShowApiLog));
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn ledger_pane() {
    let mut app = after_create();
    update(&mut app, Msg::Nav(NavMsg::ShowLedger));
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn profile_colour_frames_the_ui_and_the_palette_is_open() {
    let mut app = loaded();
    app.ctx.profile = "prod".into();
    app.ctx.color = Some(ratatui::style::Color::Red);
    app.ctx.demo = false;
    app.ctx.api_host = "api.altostrat.io".into();
    update(
        &mut app,
        Msg::Palette(PaletteMsg::PaletteOpen(String::new())),
    );
    for c in "acc".chars() {
        update(
            &mut app,
            Msg::Palette(PaletteMsg::PaletteEdit(InputRequest::InsertChar(c))),
        );
    }
    let backend = draw(&app);
    let frame_cell = &backend.buffer()[(0, 0)];
    assert_eq!(frame_cell.symbol(), "┌");
    assert_eq!(frame_cell.fg, ratatui::style::Color::Red);
    insta::assert_snapshot!(backend);
}

#[test]
fn terminal_too_small() {
    let app = loaded();
    insta::assert_snapshot!(alto::tui::testing::backend(&app, 50, 12));
}

/// Every screen and every box, reached by keys, named; each is checked
/// to be what its name says by a text only it shows.
fn every_state() -> Vec<(&'static str, App)> {
    let mut h = Harness::demo(100, 30);
    let mut states = vec![("workspaces", h.app.clone())];
    let steps = [
        ("filter", "/acm", "2 of 36 match"),
        ("go to id", "<Esc><Esc>gws_x", "go to id or name: ws_x"),
        ("workspace", "<Esc><Enter>", "Billing accounts"),
        ("workspace details", "v", "Billing mode"),
        ("account", "<Esc><Enter>", "Billing account cus_"),
        ("edit form", "e", "only changed fields are sent"),
        (
            "edit dropdown",
            "<S-Tab><S-Tab><S-Tab><S-Tab><S-Tab><S-Tab><S-Tab><Enter>",
            "filter:",
        ),
        ("delete confirm", "<Esc><Esc><Esc>d", "Cancel"),
        ("help", "<Esc>?", "Keys · Workspace"),
        ("session info", "?i", "Session"),
        ("palette", "i:led", "Command"),
        ("ledger", "<Enter>", "Created this session"),
        ("api log", "l", "API log"),
        ("new form", "<Esc><Esc>n", "New billing account"),
        ("message box", "<C-o>", "Last message"),
    ];
    for (name, keys, shows) in steps {
        h.keys(keys).answer_loads();
        let text = h.text();
        assert!(
            text.contains(shows),
            "{name}: {shows:?} not on screen:\n{text}"
        );
        states.push((name, h.app.clone()));
    }
    let mut no_token = Harness::new(80, 24);
    no_token.app = App::new(Context::fixed(), (80, 24), false);
    states.push(("token prompt", no_token.app));
    let (mut app, req, ws) = submitted();
    let e = ApiError::Timeout {
        url: "u".into(),
        after: std::time::Duration::from_secs(30),
    };
    let cmds = update(&mut app, testing::account_created(req, sent(), Err(e)));
    if let Some(Cmd::FindAccount { req, .. }) = cmds.first() {
        let (req, workspace_id) = (*req, ws.clone());
        let result = Ok(None);
        update(
            &mut app,
            Msg::Api(ApiMsg::AccountFound {
                req,
                workspace_id,
                result,
            }),
        );
    }
    update(&mut app, Msg::Form(FormMsg::Submit));
    let text = testing::lines(&draw_at(&app, 80, 24)).join("\n");
    assert!(text.contains("Send again?"), "{text}");
    states.push(("send again?", app));
    states
}

#[test]
fn every_screen_and_box_draws_at_every_size() {
    let states = every_state();
    let names: Vec<&str> = states.iter().map(|(n, _)| *n).collect();
    assert_eq!(states.len(), 18, "{names:?}");
    for (name, app) in &states {
        for (w, h) in [(80, 24), (60, 16), (120, 40), (200, 60)] {
            let mut app = app.clone();
            app.size = (w, h);
            let lines = testing::lines(&draw_at(&app, w, h));
            assert!(lines[0].contains(" alto "), "{name} at {w}x{h}: no header");
            assert!(
                !lines[h as usize - 1].trim().is_empty(),
                "{name} at {w}x{h}: no footer:\n{}",
                lines.join("\n")
            );
        }
        for (w, h) in [(59, 16), (80, 15), (1, 1), (0, 0)] {
            let text = testing::lines(&draw_at(app, w, h)).join("");
            if w > 20 {
                assert!(text.contains("Terminal too small"), "{name} at {w}x{h}");
            }
        }
    }
}

#[test]
fn hostile_server_text_never_reaches_a_cell() {
    let mut list = demo_list();
    list.data[0].name = "Evil\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{202e}gnp".into();
    list.data[0].id = "ws_\u{1b}[31mred".into();
    let mut app = loaded_with(list);
    let buf = draw_at(&app, 80, 24);
    for cell in buf.content() {
        assert!(
            !cell.symbol().chars().any(alto::rules::is_forbidden_char),
            "forbidden character in cell {:?}",
            cell.symbol()
        );
    }
    let text = screen_text(&buf);
    // The list's column cuts the name; the details (v) show it whole.
    for shown in [r"Evil\u{1b}]0;pwned\u{7}\u{1b}[2J", r"ws_\u{1b}[31mred"] {
        assert!(text.contains(shown), "{shown} not shown:\n{text}");
    }
    let mut details = on(app.clone());
    details.keys("v");
    let text = screen_text(&draw_at(&details.app, 80, 24));
    let whole = r"Evil\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{202e}gnp";
    assert!(text.contains(whole), "{whole} not shown:\n{text}");
    // The detail pane too.
    let mut a = created();
    a.name = "\u{1b}[1mbold\u{0}".into();
    app.session.detail = Some(a);
    app.session.screens.open(alto::tui::app::Screen::Detail);
    let buf = draw_at(&app, 80, 24);
    assert!(
        !buf.content()
            .iter()
            .any(|c| c.symbol().chars().any(alto::rules::is_forbidden_char))
    );
    let text = screen_text(&buf);
    assert!(
        text.contains(r"\u{1b}[1mbold\u{0}"),
        "shown escaped:\n{text}"
    );
}

#[test]
fn counters_change_colour_near_and_over_the_limit() {
    use ratatui::style::Color;
    let mut app = loaded();
    open(&mut app, "Soylent Foods", Msg::Nav(NavMsg::NewAccount));
    update(&mut app, Msg::Paste("x".repeat(95)));
    let buf = draw_at(&app, 80, 24);
    let row = (0..24).find(|&y| {
        let line: String = (0..80).map(|x| buf[(x, y)].symbol().to_string()).collect();
        line.contains("95/100")
    });
    let y = row.expect("the counter is drawn");
    let x = (0..80)
        .rev()
        .find(|&x| buf[(x, y)].symbol() == "9")
        .unwrap();
    assert_eq!(buf[(x, y)].fg, Color::Yellow, "near the limit");
}

#[test]
fn session_info_overlay() {
    let mut app = loaded();
    update(&mut app, Msg::Nav(NavMsg::ToggleInfo));
    insta::assert_snapshot!(draw(&app));
}

#[test]
fn hostile_error_text_never_reaches_a_cell() {
    let nasty = r#"{"message":"Bad\u001b]52;c;ZXZpbA==\u0007 \u001b[2J\u009b1m","code":"x\u001b[31m","doc_url":"https://e/\u202e","errors":{"email":["\u001b[5mblink"],"address.country":["\u0000nul"],"tax\u001b[0m":["odd key"]}}"#;
    for status in [422, 409, 500] {
        let (mut app, req, _) = submitted();
        let e = ApiError::Status {
            status,
            body: Box::new(ErrorBody::parse(nasty.as_bytes())),
        };
        update(&mut app, testing::account_created(req, sent(), Err(e)));
        let buf = draw_at(&app, 80, 24);
        for cell in buf.content() {
            assert!(
                !cell.symbol().chars().any(alto::rules::is_forbidden_char),
                "HTTP {status}: forbidden character in cell {:?}",
                cell.symbol()
            );
        }
        // Shown, escaped: what the server said is there to read.
        let text = screen_text(&buf);
        let shown = match status {
            500 => r"Bad\u{1b}]52;c;ZXZpbA==\u{7} \u{1b}[2J\u{9b}1m",
            _ => r"tax\u{1b}[0m: odd key",
        };
        assert!(
            text.contains(shown),
            "HTTP {status}: {shown} not shown:\n{text}"
        );
        if status == 422 {
            update(&mut app, Msg::Boxes(BoxMsg::DismissError));
            let text = screen_text(&draw_at(&app, 80, 24));
            assert!(
                text.contains(r"✗ \u{1b}[5mblink"),
                "under the email:\n{text}"
            );
        }
    }
}

fn screen_text(buf: &Buffer) -> String {
    testing::lines(buf).join("\n")
}

#[test]
fn width_confusing_server_text_is_shown_escaped() {
    let mut list = demo_list();
    list.data[0].name = "Co\u{ad}op \u{3164}\u{115f}\u{1160}\u{ffa0} Ltd".into();
    list.data[1].name =
        "Flags \u{1f1ff}\u{1f1e6} \u{2764}\u{fe0f} \u{1f469}\u{200d}\u{1f4bb}".into();
    let mut app = loaded_with(list);
    let buf = draw_at(&app, 100, 24);
    let text = screen_text(&buf);
    assert!(
        text.contains("Co\\u{ad}op \\u{3164}\\u{115f}\\u{1160}\\u{ffa0} Ltd"),
        "{text}"
    );
    // (A wide emoji's second cell reads as a space here.)
    assert!(
        text.contains("Flags \\u{1f1ff}\\u{1f1e6} ❤\\u{fe0f}"),
        "{text}"
    );
    assert!(text.contains("\\u{200d}"), "{text}");
    for cell in buf.content() {
        assert!(
            !cell.symbol().chars().any(alto::inert::is_width_confusing),
            "{:?} reached a cell",
            cell.symbol()
        );
    }
    // The detail pane, where the id and every field are drawn.
    let mut a = created();
    a.name = "Soft\u{ad}hyphen".into();
    a.description = Some("\u{1f1ec}\u{1f1e7} flag".into());
    app.session.detail = Some(a);
    app.session.screens.open(alto::tui::app::Screen::Detail);
    let text = screen_text(&draw_at(&app, 80, 24));
    assert!(
        text.contains("Soft\\u{ad}hyphen") && text.contains("\\u{1f1ec}\\u{1f1e7} flag"),
        "{text}"
    );
}

#[test]
fn a_huge_error_keeps_its_keys_and_scrolls_to_its_end() {
    let (mut app, req, _) = submitted();
    let message = format!("{}THE END", "word ".repeat(2 * 1024 * 1024));
    let body = serde_json::json!({ "message": message }).to_string();
    let e = ApiError::Status {
        status: 400,
        body: Box::new(ErrorBody::parse(body.as_bytes())),
    };
    update(&mut app, testing::account_created(req, sent(), Err(e)));
    let text = screen_text(&draw_at(&app, 80, 24));
    assert!(
        text.contains("y copy all") && text.contains("Enter/Esc close"),
        "{text}"
    );
    assert!(text.contains("↑/↓ scroll (1-"), "{text}");
    update(&mut app, Msg::Boxes(BoxMsg::ScrollBox(i16::MAX)));
    let text = screen_text(&draw_at(&app, 80, 24));
    assert!(text.contains("(10483767 more"), "the cut is said: {text}");
    assert!(text.contains("Nothing was created"), "{text}");
    assert!(text.contains("Enter/Esc close"), "{text}");
}

#[test]
fn dialogs_size_to_their_wrapped_text_and_always_show_their_keys() {
    let mut app = loaded();
    select(&mut app, "Soylent Foods");
    let ws = app.session.workspaces.items[app.session.workspaces.sel.current().unwrap()].clone();
    app.saved_drafts.insert(
        ws.id.clone(),
        alto::tui::drafts::Draft {
            scope: String::new(),
            workspace: ws.clone(),
            input: alto::rules::AccountInput {
                name: "A name long enough to wrap in a narrow terminal, as names may be".into(),
                email: "someone.with.a.long.address@a-long-domain.example".into(),
                ..Default::default()
            },
            idempotency_key: None,
            sent_at: Some("2025-10-29T00:40:30Z".into()),
            saved_at: "2025-10-29T00:41:00Z".into(),
        },
    );
    open(&mut app, "Soylent Foods", Msg::Nav(NavMsg::NewAccount));
    for (w, h) in [(60, 16), (80, 24)] {
        let text = screen_text(&draw_at(&app, w, h));
        assert!(
            text.contains("Enter restore") && text.contains("Esc decide later"),
            "{w}x{h}:\n{text}"
        );
        assert!(text.contains("restoring looks"), "{w}x{h}:\n{text}");
    }
    update(&mut app, Msg::Form(FormMsg::AskDiscardDraft));
    let text = screen_text(&draw_at(&app, 60, 16));
    assert!(
        text.contains("y discard it") && text.contains("n/Esc keep it"),
        "{text}"
    );
    assert!(text.contains("Discard this draft for good?"), "{text}");
    assert!(text.contains("the account may"), "{text}");
    assert!(
        !text.contains("scroll ("),
        "the question fits whole: {text}"
    );
}

#[test]
fn a_status_wider_than_its_line_says_how_to_see_it_whole() {
    let mut app = loaded();
    let long = format!(
        "{} the end of the message",
        "A long status message. ".repeat(8)
    );
    app.set_status(alto::tui::app::StatusKind::Error, long.clone());
    let text = screen_text(&draw_at(&app, 80, 24));
    let line = text.lines().nth(22).unwrap();
    assert!(line.trim_end().ends_with("… Ctrl+O shows all"), "{line}");
    update(&mut app, Msg::Boxes(BoxMsg::ShowStatus));
    assert_eq!(app.boxes.error().unwrap().text, long);
    let text = screen_text(&draw_at(&app, 80, 24));
    assert!(text.contains("the end of the message"), "{text}");
}

#[test]
fn a_draft_that_cannot_be_saved_is_said_on_the_form() {
    let mut app = filled_form();
    let ws = app.session.current.clone().unwrap().id;
    update(
        &mut app,
        Msg::Form(FormMsg::DraftWritten {
            workspace_id: ws,
            result: Err(
                "cannot write /state/drafts/x.json: Read-only file system (os error 30)".into(),
            ),
        }),
    );
    update(&mut app, Msg::Form(FormMsg::FocusNext)); // the status line moves on; the form keeps saying it
    let text = screen_text(&draw_at(&app, 80, 24));
    assert!(text.contains("The draft cannot be saved"), "{text}");
    assert!(
        text.contains("Read-only file system (os error 30)"),
        "wrapped, not cut: {text}"
    );
}

/// The cells of the row showing `text`.
fn row_of<'a>(buf: &'a Buffer, text: &str) -> &'a [ratatui::buffer::Cell] {
    let w = buf.area.width as usize;
    let y = testing::lines(buf)
        .iter()
        .position(|l| l.contains(text))
        .unwrap_or_else(|| panic!("{text} not on screen"));
    &buf.content[y * w..(y + 1) * w]
}

#[test]
fn selection_and_errors_are_styled_and_stay_marked_under_no_color() {
    use ratatui::style::{Color, Modifier};
    let mut h = Harness::demo(80, 24);
    h.select("Globex EU").keys("n<C-s>");
    let form = h.app.clone();
    let mut list = Harness::demo(80, 24);
    list.select("Globex EU");

    // Colour: the selection is white on blue and bold; other rows are not.
    let buf = list.buffer();
    let cell = &row_of(&buf, "Globex EU")[1];
    assert_eq!((cell.fg, cell.bg), (Color::White, Color::Blue));
    assert!(cell.modifier.contains(Modifier::BOLD));
    assert_eq!(row_of(&buf, "Initech Legacy")[1].bg, Color::Reset);
    // An error under a field is red and says ✗.
    let buf = testing::draw(&form, 80, 24);
    let error = row_of(&buf, "✗ The email field is required");
    let mark = error.iter().find(|c| c.symbol() == "✗").unwrap();
    assert_eq!(mark.fg, Color::Red);

    // NO_COLOR: not one colour anywhere, and both are still marked.
    for app in [&list.app, &form] {
        let mut app = app.clone();
        app.ctx.theme.no_color = true;
        let buf = testing::draw(&app, 80, 24);
        let coloured = buf
            .content
            .iter()
            .find(|c| c.fg != Color::Reset || c.bg != Color::Reset);
        assert!(coloured.is_none(), "a colour under NO_COLOR: {coloured:?}");
        if app.screen() == alto::tui::app::Screen::Workspaces {
            let cell = &row_of(&buf, "Globex EU")[1];
            assert!(cell.modifier.contains(Modifier::REVERSED | Modifier::BOLD));
        } else {
            let error = row_of(&buf, "✗ The email field is required");
            let mark = error.iter().find(|c| c.symbol() == "✗").unwrap();
            assert!(mark.modifier.contains(Modifier::BOLD));
        }
    }
}
