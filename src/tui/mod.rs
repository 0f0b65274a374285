//! The interactive console.
//!
//! Data flows one way: a terminal event becomes a `Msg` (screens), `update`
//! changes `App` and returns `Cmd`s, `effects` runs them on tokio and sends
//! results back as `Msg`s, and the frame is drawn from `App` once the queue
//! is empty. Nothing redraws on a timer: a tick runs only while a request
//! is in flight, to animate the spinner.

pub mod app;
pub mod billing;
pub mod boxes;
pub mod budget;
pub mod clipboard;
pub mod demo;
pub mod drafts;
pub mod effects;
pub mod files;
pub mod find;
pub mod form;
pub mod import;
pub mod keymap;
pub mod keys;
pub mod layers;
pub mod layout;
pub mod list;
pub mod mouse;
pub mod msg;
pub mod ops;
pub mod orgs;
pub mod palette;
pub mod reads;
pub mod resources;
pub mod screens;
pub mod state;
pub mod status;
pub mod store;
pub mod terminal;
pub mod testing;
pub mod theme;
pub mod update;
pub mod view;
pub mod write;

use crate::api::{ApiClient, Token};
use crate::paths::Paths;
use app::{App, Context, StatusKind};
use msg::Msg;
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use std::time::Duration;
use tokio::sync::mpsc;

pub struct ConsoleOptions {
    pub api_url: String,
    /// The token and where it came from; `None` opens the prompt.
    pub token: Option<(Token, crate::token::Source)>,
    pub profile: String,
    pub demo: bool,
    pub paths: Paths,
    pub config: crate::config::Config,
    /// Why the config file could not be used (the demo runs on defaults).
    pub config_problem: Option<String>,
    /// The user's own token and where it came from, for profiles other
    /// than the demo's sandbox.
    pub user_token: Option<(Token, crate::token::Source)>,
}

/// The profiles to switch between: the demo's sandbox (with `--demo`), then
/// the config's. A colour that is not one is reported, and not used.
pub fn profile_infos(
    config: &crate::config::Config,
    demo_url: Option<&str>,
    locate: &dyn Fn(&[&str]) -> String,
) -> (Vec<app::ProfileInfo>, Vec<String>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    if let Some(url) = demo_url {
        out.push(app::ProfileInfo {
            name: "demo".into(),
            api_url: url.into(),
            color: None,
            confirm_writes: false,
            demo: true,
        });
    }
    for (name, p) in &config.profiles {
        if demo_url.is_some() && name == "demo" {
            continue;
        }
        let color = p
            .color
            .as_deref()
            .and_then(|c| match theme::parse_color(c) {
                Ok(c) => Some(c),
                Err(e) => {
                    problems.push(format!("{}: {e}", locate(&["profiles", name, "color"])));
                    None
                }
            });
        out.push(app::ProfileInfo {
            name: name.clone(),
            api_url: p.api_url.clone(),
            color,
            confirm_writes: p.confirm_writes,
            demo: false,
        });
    }
    (out, problems)
}

/// Esc and a key sent together (a fast typist, a script, a slow link)
/// reach the terminal as one Alt+key (two Escs as Alt+Esc). alto binds no
/// Alt keys of its own, so any Alt+key is read as the Esc and the key it
/// most likely was, unless the user bound that Alt key in the config.
pub fn split_alt(ev: Event, keymap: &keymap::Keymap) -> Vec<Event> {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    match ev {
        Event::Key(key)
            if key.modifiers.contains(KeyModifiers::ALT)
                && !key.modifiers.contains(KeyModifiers::CONTROL)
                && !matches!(key.code, KeyCode::Modifier(_))
                && !keymap.binds(&key) =>
        {
            let mut plain = key;
            plain.modifiers.remove(KeyModifiers::ALT);
            vec![Event::Key(KeyEvent::from(KeyCode::Esc)), Event::Key(plain)]
        }
        ev => vec![ev],
    }
}

/// Turns a terminal event into a message for the current state.
pub fn event_to_msg(app: &App, ev: Event) -> Option<Msg> {
    match ev {
        // Only presses and repeats: some terminals also report releases.
        Event::Key(key) if key.kind != KeyEventKind::Release => screens::handle_key(app, key),
        Event::Paste(text) => Some(Msg::Paste(text)),
        Event::Resize(w, h) => Some(Msg::Resize(w, h)),
        Event::Mouse(m) if app.mouse => mouse::to_msg(app, m),
        _ => None,
    }
}

pub async fn run(opts: ConsoleOptions) -> Result<(), String> {
    let client = ApiClient::with_options(
        &opts.api_url,
        opts.token
            .as_ref()
            .map_or_else(|| Token::new(""), |(t, _)| t.clone()),
        effects::Effects::client_options(&opts.paths, opts.demo),
    )
    .map_err(|e| e.to_string())?;
    let api_host = {
        let u = client.base_url();
        let host = u.host_str().unwrap_or("?");
        match u.port() {
            Some(p) => format!("{host}:{p}"),
            None => host.to_string(),
        }
    };
    // Problems in the config are reported as file:line.
    // The file is read again only if there is a problem to place.
    let config_path = opts.paths.config_file();
    let config_text = std::cell::OnceCell::new();
    let locate = |keys: &[&str]| {
        let text =
            config_text.get_or_init(|| crate::paths::read_text(&config_path).unwrap_or_default());
        crate::config::locate(&config_path, text, keys)
    };
    let (profiles, mut problems) = profile_infos(
        &opts.config,
        opts.demo.then_some(opts.api_url.as_str()),
        &locate,
    );
    let (palette, theme_problems) = theme::palette_from_config(&opts.config, locate);
    problems.extend(theme_problems);
    let (keymap, key_problems) =
        keymap::Keymap::from_config(&opts.config.keys, |action| locate(&["keys", action]));
    problems.extend(key_problems);
    problems.extend(opts.config_problem.clone());
    let mut ctx = context(&opts, api_host, profiles);
    ctx.theme = theme::Theme {
        palette,
        no_color: theme::no_color_from_env(),
    };
    let (tx, mut results) = mpsc::unbounded_channel::<Msg>();
    let (etx, mut events) = mpsc::unbounded_channel::<Event>();
    let tx_for_zone = tx.clone();
    let mut effects = effects::Effects::new(
        opts.api_url.clone(),
        client,
        tx,
        opts.paths.clone(),
        opts.user_token.as_ref().map(|(t, _)| t.clone()),
        (opts.demo, opts.profile.clone()),
    );
    effects.clipboard =
        clipboard::resolve(opts.config.preferences.clipboard, |k| std::env::var(k).ok());
    if opts.token.is_some() {
        effects.settle_abandoned();
    }

    let size = ratatui::crossterm::terminal::size().unwrap_or((80, 24));
    let mut app = App::new(ctx, size, opts.token.is_some());
    app.user_token = opts.user_token.is_some();
    app.mouse = opts.config.preferences.mouse;
    app.keymap = keymap;
    load_saved(&mut app, &opts.paths, problems);

    // The first request leaves before the terminal is set up, so the two
    // overlap: the list often arrives in time for the first frame.
    for cmd in update::init(&mut app) {
        effects.run(cmd);
    }
    // Let the request task run up to its first wait (the request is then
    // on the wire) before this thread sets up the terminal.
    tokio::task::yield_now().await;
    let mut terminal = terminal::enter(opts.paths.clone(), effects.drafts.clone())
        .map_err(|e| format!("cannot open the terminal: {e}"))?;
    terminal::set_mouse(app.mouse);
    // crossterm's reader blocks, so it gets a thread of its own.
    let keymap = app.keymap.clone();
    std::thread::spawn(move || {
        while let Ok(ev) = event::read() {
            for ev in split_alt(ev, &keymap) {
                if etx.send(ev).is_err() {
                    return;
                }
            }
        }
    });
    let result = event_loop(
        tx_for_zone,
        &mut app,
        &mut terminal,
        &mut effects,
        &mut events,
        &mut results,
    )
    .await;
    // Whatever ended the loop (q, Ctrl+C, a signal, an error), what was
    // typed is on disk before the terminal is given back.
    effects.settle_files().await;
    effects.drafts.flush(&opts.paths);
    terminal::restore();
    result
}

/// The session's context: profile, API, colour, token sources and paths.
fn context(opts: &ConsoleOptions, api_host: String, profiles: Vec<app::ProfileInfo>) -> Context {
    let current = profiles.iter().find(|p| p.name == opts.profile);
    Context {
        confirm_writes: current.is_some_and(|p| p.confirm_writes),
        profile: opts.profile.clone(),
        api_host,
        demo: opts.demo,
        // Finding the system zone's name walks the zoneinfo tree (ms):
        // UTC until the answer arrives, off the start-up path.
        tz: jiff::tz::TimeZone::UTC,
        token: opts
            .token
            .as_ref()
            .map(|(t, source)| format!("{} from {source}", t.masked())),
        user_token: opts
            .user_token
            .as_ref()
            .map(|(t, source)| format!("{} from {source}", t.masked())),
        paths: vec![
            ("config", opts.paths.config_file().display().to_string()),
            ("state", opts.paths.state_dir.display().to_string()),
            ("log", opts.paths.log_file().display().to_string()),
            ("cache", opts.paths.cache_dir.display().to_string()),
        ],
        api_url: opts.api_url.clone(),
        color: current.and_then(|p| p.color),
        profiles,
        // The one random input of the session: update makes every
        // Idempotency-Key from it, so update itself stays deterministic.
        key_seed: uuid::Uuid::new_v4().as_u128(),
        theme: theme::Theme::default(),
        today: crate::api::model::this_month(),
        downloads: None,
        index: find::IndexSettings {
            enabled: opts.config.cache.enabled,
            cache_dir: Some(opts.paths.cache_dir.clone()),
            pace: opts.config.cache.pace(),
        },
        me: match opts.demo {
            true => Some(demo::CALLER.into()),
            false => opts
                .token
                .as_ref()
                .and_then(|(t, _)| crate::token::subject(t)),
        },
    }
}

/// What the last runs left: the last workspace, saved drafts, and every
/// problem found at start, shown in one box.
fn load_saved(app: &mut App, paths: &crate::paths::Paths, mut problems: Vec<String>) {
    match state::load(paths) {
        Ok(s) => {
            app.recent.extend(s.last_workspace.clone());
            app.session.workspaces.preselect = s.last_workspace;
        }
        Err(e) => app.set_status(StatusKind::Error, e),
    }
    let (saved, draft_problems) = drafts::load_all(paths);
    app.saved_drafts = saved;
    problems.extend(draft_problems);
    if !problems.is_empty() {
        // Shown in full, copyable (y); nothing was changed on disk.
        app.set_status(
            StatusKind::Error,
            format!(
                "{} at start: see the box",
                crate::money::count(problems.len(), "problem", "problems")
            ),
        );
        app.boxes.set_error(Some(app::ErrorPopup::new(
            "Problems at start",
            format!(
                "{}\n\nDefaults are used where these apply; no file was changed.",
                problems.join("\n")
            ),
        )));
    }
}

async fn event_loop(
    zone_tx: mpsc::UnboundedSender<Msg>,
    app: &mut App,
    terminal: &mut terminal::Term,
    effects: &mut effects::Effects,
    events: &mut mpsc::UnboundedReceiver<Event>,
    results: &mut mpsc::UnboundedReceiver<Msg>,
) -> Result<(), String> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut sigterm = signal(SignalKind::terminate()).map_err(|e| e.to_string())?;
    let mut sighup = signal(SignalKind::hangup()).map_err(|e| e.to_string())?;
    let mut sigint = signal(SignalKind::interrupt()).map_err(|e| e.to_string())?;
    // Spinner frames only: the first tick is one period away, not now.
    let period = Duration::from_millis(100);
    let mut tick = tokio::time::interval_at(tokio::time::Instant::now() + period, period);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut second = tokio::time::interval(Duration::from_secs(1));
    second.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);

    // For the tests that prove a panic gives the terminal back: with
    // ALTO_TEST_PANIC set, F12 panics. Checked for every event, the first
    // of a batch and those drained after it alike (CI once typed text and
    // F12 so fast that the F12 came in a batch and was ignored).
    let panic_key = std::env::var_os("ALTO_TEST_PANIC").is_some();
    let from_terminal = |app: &App, ev: Event| {
        if panic_key
            && matches!(&ev, Event::Key(k) if k.code == ratatui::crossterm::event::KeyCode::F(12))
        {
            panic!("panic requested with F12 (ALTO_TEST_PANIC)");
        }
        event_to_msg(app, ev)
    };
    let mut dirty = true;
    let mut zone_tx = Some(zone_tx);
    let mut drawn_screen = app.screen();
    loop {
        if dirty {
            // A new screen is drawn whole, not as a diff of the last one:
            // should the terminal ever have drawn a character at another
            // width than alto measured, no stale cell survives the change.
            // (Terminal::clear would ask the terminal for the cursor
            // position, whose answer the input thread reads first.)
            if app.screen() != drawn_screen {
                use ratatui::backend::Backend;
                terminal
                    .backend_mut()
                    .clear_region(ratatui::backend::ClearType::All)
                    .map_err(|e| format!("cannot draw: {e}"))?;
                // Both buffers blank: the next draw sends every cell.
                terminal.swap_buffers();
                drawn_screen = app.screen();
            }
            terminal
                .draw(|f| view::render(app, f))
                .map_err(|e| format!("cannot draw: {e}"))?;
            dirty = false;
        }
        // The local time zone is needed only by the detail pane, and
        // finding its name walks the zoneinfo tree: look it up once the
        // first useful frame is on screen, off this thread (and the
        // download directory with it).
        if !app.session.workspaces.load.is_loading()
            && let Some(tx) = zone_tx.take()
        {
            tokio::task::spawn_blocking(move || {
                let _ = tx.send(Msg::LocalTimeZone(jiff::tz::TimeZone::system()));
                // Where reports go by default: reading user-dirs.dirs is
                // not worth a moment of the first frame either.
                let downloads = directories::UserDirs::new()
                    .and_then(|u| u.download_dir().map(std::path::Path::to_path_buf));
                let _ = tx.send(Msg::Downloads(downloads));
            });
        }
        if app.quit {
            return Ok(());
        }
        let busy = app.busy();
        let counting = app.counting_down();
        let mut next = tokio::select! {
            Some(ev) = events.recv() => from_terminal(app, ev),
            Some(msg) = results.recv() => Some(msg),
            _ = tick.tick(), if busy => Some(Msg::Tick),
            _ = second.tick(), if counting => Some(Msg::Second),
            _ = sigterm.recv() => Some(Msg::Quit),
            _ = sighup.recv() => Some(Msg::Quit),
            _ = sigint.recv() => Some(Msg::Quit),
        };
        // Apply this message and everything already queued, then draw once.
        loop {
            if let Some(msg) = next.take() {
                for cmd in update::update(app, msg) {
                    effects.run(cmd);
                }
                dirty = true;
            }
            if let Ok(ev) = events.try_recv() {
                next = from_terminal(app, ev);
            } else if let Ok(msg) = results.try_recv() {
                next = Some(msg);
            } else {
                break;
            }
        }
    }
}
