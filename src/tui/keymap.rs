//! Key bindings from config: `[keys] new = "a"` makes `a` do what `n`
//! does. A binding adds a key; the default keys keep working, so the key
//! contract in the README holds for every config. Unknown actions, key
//! names that do not parse and keys already taken are reported at start
//! (file:line) and that binding is left out.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::HashMap;

/// A key as bindings compare them: Shift is part of the character.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct KeySpec {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl KeySpec {
    const fn plain(code: KeyCode) -> KeySpec {
        KeySpec {
            code,
            ctrl: false,
            alt: false,
        }
    }

    pub fn of(key: &KeyEvent) -> KeySpec {
        KeySpec {
            code: key.code,
            ctrl: key.modifiers.contains(KeyModifiers::CONTROL),
            alt: key.modifiers.contains(KeyModifiers::ALT),
        }
    }

    /// Parses "ctrl+s", "alt+x", "shift+tab", "f5", "esc", "pgdn", "N", ":".
    pub fn parse(text: &str) -> Result<KeySpec, String> {
        let bad = || {
            format!(
                "{} is not a key (e.g. a, N, ctrl+s, alt+x, f5, esc, pgdn)",
                crate::inert::quoted(text)
            )
        };
        let mut ctrl = false;
        let mut alt = false;
        let mut shift = false;
        let mut rest = text.trim();
        loop {
            let lower = rest.to_ascii_lowercase();
            if let Some(r) = ["ctrl+", "control+", "c-"]
                .iter()
                .find_map(|p| lower.starts_with(p).then(|| &rest[p.len()..]))
            {
                ctrl = true;
                rest = r;
            } else if let Some(r) = ["alt+", "meta+", "m-"]
                .iter()
                .find_map(|p| lower.starts_with(p).then(|| &rest[p.len()..]))
            {
                alt = true;
                rest = r;
            } else if let Some(r) = lower.starts_with("shift+").then(|| &rest[6..]) {
                shift = true;
                rest = r;
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_control() => {
                let c = if shift { c.to_ascii_uppercase() } else { c };
                // Ctrl+letter arrives in lower case.
                KeyCode::Char(if ctrl { c.to_ascii_lowercase() } else { c })
            }
            _ => match rest.to_ascii_lowercase().as_str() {
                "esc" | "escape" => KeyCode::Esc,
                "enter" | "return" => KeyCode::Enter,
                "tab" if shift => KeyCode::BackTab,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "space" => KeyCode::Char(' '),
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "insert" | "ins" => KeyCode::Insert,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pgup" | "pageup" => KeyCode::PageUp,
                "pgdn" | "pagedown" => KeyCode::PageDown,
                f if f.len() >= 2 && f.starts_with('f') => match f[1..].parse::<u8>() {
                    Ok(n @ 1..=24) => KeyCode::F(n),
                    _ => return Err(bad()),
                },
                _ => return Err(bad()),
            },
        };
        Ok(KeySpec { code, ctrl, alt })
    }
}

/// What a key means, once: every key the config's `[keys]` can bind, by
/// the name it is bound by (`[keys] new = "a"`, deserialised straight into
/// this enum). The screens and boxes match these, so a binding means the
/// same wherever its action does, and nothing else.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyAction {
    Quit,
    Help,
    Info,
    Back,
    Reload,
    Open,
    New,
    Filter,
    Goto,
    Palette,
    Profile,
    Log,
    Ledger,
    Mouse,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    NextField,
    PrevField,
    Submit,
    CopyId,
    CopyJson,
    Edit,
    Delete,
    Duplicate,
}

const fn ctrl(c: char) -> KeySpec {
    KeySpec {
        code: KeyCode::Char(c),
        ctrl: true,
        alt: false,
    }
}

/// Every action with its name, its default key and what it does.
pub const ACTIONS: &[(KeyAction, &str, KeySpec, &str)] = {
    use KeyAction::*;
    use KeyCode::{
        BackTab, Char, Down as D, End, Enter, Esc, Home, PageDown as PD, PageUp as PU, Tab, Up as U,
    };
    const fn key(code: KeyCode) -> KeySpec {
        KeySpec::plain(code)
    }
    &[
        (Quit, "quit", key(Char('q')), "quit"),
        (Help, "help", key(Char('?')), "help"),
        (Info, "info", key(Char('i')), "session info"),
        (Back, "back", key(Esc), "back / close"),
        (Reload, "reload", key(Char('r')), "reload"),
        (Open, "open", key(Enter), "open / choose"),
        (New, "new", key(Char('n')), "new billing account"),
        (Filter, "filter", key(Char('/')), "filter"),
        (Goto, "goto", key(Char('g')), "go to id or name"),
        (Palette, "palette", key(Char(':')), "command palette"),
        (Profile, "profile", key(Char('P')), "switch profile"),
        (Log, "log", key(Char('l')), "API log"),
        (Ledger, "ledger", key(Char('L')), "created this session"),
        (Mouse, "mouse", key(Char('m')), "mouse on/off"),
        (Up, "up", key(U), "move up"),
        (Down, "down", key(D), "move down"),
        (PageUp, "page_up", key(PU), "page up"),
        (PageDown, "page_down", key(PD), "page down"),
        (Top, "top", key(Home), "first row"),
        (Bottom, "bottom", key(End), "last row"),
        (NextField, "next_field", key(Tab), "next field"),
        (PrevField, "prev_field", key(BackTab), "previous field"),
        (Submit, "submit", ctrl('s'), "create / save"),
        (CopyId, "copy_id", key(Char('y')), "copy the id"),
        (CopyJson, "copy_json", key(Char('Y')), "copy the JSON"),
        (Edit, "edit", key(Char('e')), "edit the account"),
        (Delete, "delete", key(Char('d')), "delete the account"),
        (Duplicate, "duplicate", key(Char('N')), "duplicate as new"),
    ]
};

impl KeyAction {
    /// The action a config names, as serde reads it.
    pub fn named(name: &str) -> Option<KeyAction> {
        use serde::Deserialize;
        use serde::de::value::{Error, StrDeserializer};
        KeyAction::deserialize(StrDeserializer::<Error>::new(name)).ok()
    }

    fn default_key(self) -> KeySpec {
        let row = ACTIONS.iter().find(|(a, ..)| *a == self);
        row.map(|(_, _, k, _)| *k)
            .expect("every action is in ACTIONS")
    }

    fn of_default(key: KeySpec) -> Option<KeyAction> {
        ACTIONS
            .iter()
            .find(|(_, _, k, _)| *k == key)
            .map(|(a, ..)| *a)
    }
}

/// A key as the screens and boxes read it: what was pressed, and the
/// action it stands for (its default or the user's binding), found once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
    pub action: Option<KeyAction>,
}

impl Key {
    /// The key stands for `action`.
    pub fn is(&self, action: KeyAction) -> bool {
        self.action == Some(action)
    }

    /// The key as crossterm gave it (for a text field).
    pub fn event(&self) -> KeyEvent {
        KeyEvent::new(self.code, self.modifiers)
    }

    pub fn ctrl(&self) -> bool {
        self.modifiers.contains(KeyModifiers::CONTROL)
    }

    /// The key as a one-line entry's edit, if it is one.
    pub fn edit(&self) -> Option<tui_input::InputRequest> {
        let event = ratatui::crossterm::event::Event::Key(self.event());
        tui_input::backend::crossterm::to_input_request(&event)
    }
}

/// Keys the defaults already use beyond the table (vim moves, Ctrl+C).
const RESERVED: &[KeySpec] = &[
    KeySpec::plain(KeyCode::Char('j')),
    KeySpec::plain(KeyCode::Char('k')),
    KeySpec::plain(KeyCode::Char(' ')),
    KeySpec::plain(KeyCode::Backspace),
    KeySpec::plain(KeyCode::Left),
    KeySpec::plain(KeyCode::Right),
    KeySpec {
        code: KeyCode::Char('c'),
        ctrl: true,
        alt: false,
    },
    // The last message in full, also while typing.
    KeySpec {
        code: KeyCode::Char('o'),
        ctrl: true,
        alt: false,
    },
];

#[derive(Clone, Debug, Default)]
pub struct Keymap {
    /// The user's keys and the actions they are bound to.
    bound: HashMap<KeySpec, KeyAction>,
    /// For the help overlay: (key as written, action).
    pub shown: Vec<(String, String)>,
}

impl Keymap {
    /// The bindings in `keys` (action → key as written); problems come back
    /// as text, each placed by `locate(action)`.
    pub fn from_config<'a>(
        keys: impl IntoIterator<Item = (&'a String, &'a String)>,
        locate: impl Fn(&str) -> String,
    ) -> (Keymap, Vec<String>) {
        let mut map = Keymap::default();
        let mut problems = Vec::new();
        let mut taken_by: HashMap<KeySpec, String> = HashMap::new();
        for (_, name, default, _) in ACTIONS {
            taken_by.insert(*default, format!("{name} (default)"));
        }
        for k in RESERVED {
            taken_by.insert(*k, "a default key".into());
        }
        for (action, key_text) in keys {
            let at = locate(action);
            let Some(bound) = KeyAction::named(action) else {
                let known: Vec<&str> = ACTIONS.iter().map(|(_, n, ..)| *n).collect();
                problems.push(format!(
                    "{at}: unknown action {} (known: {})",
                    crate::inert::quoted(action),
                    known.join(", ")
                ));
                continue;
            };
            let key = match KeySpec::parse(key_text) {
                Ok(k) => k,
                Err(e) => {
                    problems.push(format!("{at}: {action}: {e}"));
                    continue;
                }
            };
            if key == bound.default_key() {
                continue; // binding an action to its own default: nothing to do
            }
            if let Some(other) = taken_by.get(&key) {
                problems.push(format!(
                    "{at}: {action} = {} conflicts with {other}; kept the defaults",
                    crate::inert::quoted(key_text)
                ));
                continue;
            }
            taken_by.insert(key, action.to_string());
            map.bound.insert(key, bound);
            map.shown.push((key_text.clone(), action.to_string()));
        }
        (map, problems)
    }

    /// The user bound this very key.
    pub fn binds(&self, key: &KeyEvent) -> bool {
        self.bound.contains_key(&KeySpec::of(key))
    }

    /// `key` with the action it stands for: the user's binding, else the
    /// action whose default it is. While text is being typed, plain
    /// characters are text and stand for nothing.
    pub fn read(&self, key: KeyEvent, typing: bool) -> Key {
        let spec = KeySpec::of(&key);
        let text = typing && matches!(spec.code, KeyCode::Char(_)) && !spec.ctrl && !spec.alt;
        let action = match text {
            true => None,
            false => (self.bound.get(&spec).copied()).or_else(|| KeyAction::of_default(spec)),
        };
        Key {
            code: key.code,
            modifiers: key.modifiers,
            action,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn keys(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(a, k)| (a.to_string(), k.to_string()))
            .collect()
    }

    #[test]
    fn esc_and_a_key_sent_together_are_split_unless_bound() {
        use crate::tui::split_alt;
        use ratatui::crossterm::event::Event;
        let alt_colon = KeyEvent::new(KeyCode::Char(':'), KeyModifiers::ALT);
        let none = Keymap::default();
        let split = split_alt(Event::Key(alt_colon), &none);
        assert_eq!(
            split,
            vec![
                Event::Key(KeyEvent::from(KeyCode::Esc)),
                Event::Key(KeyEvent::from(KeyCode::Char(':')))
            ]
        );
        let (bound, problems) =
            Keymap::from_config(&keys(&[("palette", "alt+:")]), |a| a.to_string());
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(split_alt(Event::Key(alt_colon), &bound).len(), 1);
        // Two Escs sent together: both arrive.
        let alt_esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::ALT);
        let esc = Event::Key(KeyEvent::from(KeyCode::Esc));
        assert_eq!(
            split_alt(Event::Key(alt_esc), &none),
            vec![esc.clone(), esc]
        );
        let ctrl_s = Event::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
        assert_eq!(split_alt(ctrl_s.clone(), &none), vec![ctrl_s]);
    }

    #[test]
    fn parses_key_names() {
        let ctrl_s = KeySpec::parse("ctrl+s").unwrap();
        assert_eq!((ctrl_s.code, ctrl_s.ctrl), (KeyCode::Char('s'), true));
        assert_eq!(KeySpec::parse("Ctrl+S").unwrap(), ctrl_s);
        assert_eq!(KeySpec::parse("f5").unwrap().code, KeyCode::F(5));
        assert_eq!(KeySpec::parse("shift+tab").unwrap().code, KeyCode::BackTab);
        assert_eq!(KeySpec::parse("N").unwrap().code, KeyCode::Char('N'));
        assert_eq!(KeySpec::parse("pgdn").unwrap().code, KeyCode::PageDown);
        assert!(KeySpec::parse("alt+x").unwrap().alt);
        for bad in ["", "ctrl+", "f99", "hyper+x", "enterr"] {
            assert!(KeySpec::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn bindings_add_keys_and_problems_are_placed() {
        let config = keys(&[
            ("new", "a"),
            ("quit", "ctrl+q"),
            ("frobnicate", "x"),
            ("reload", "hyper+r"),
            ("edit", "d"),
            ("top", "a"),
        ]);
        let (map, problems) =
            Keymap::from_config(&config, |action| format!("config.toml:{action}"));
        assert_eq!(problems.len(), 4, "{problems:?}");
        let text = problems.join("\n");
        assert!(text.contains("config.toml:frobnicate: unknown action \"frobnicate\""));
        assert!(text.contains("config.toml:reload: reload: \"hyper+r\" is not a key"));
        assert!(text.contains("config.toml:edit: edit = \"d\" conflicts with delete (default)"));
        // Bindings are read in name order: `new` took `a` first.
        assert!(text.contains("config.toml:top: top = \"a\" conflicts with new"));
        // `a` now means what `n` does; `n` still does; typing is typing.
        let a = KeyEvent::from(KeyCode::Char('a'));
        let n = KeyEvent::from(KeyCode::Char('n'));
        assert_eq!(map.read(a, false).action, Some(KeyAction::New));
        assert_eq!(map.read(n, false).action, Some(KeyAction::New));
        assert_eq!(map.read(a, true).action, None);
        assert_eq!(map.read(a, true).code, KeyCode::Char('a'));
        let ctrl_q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL);
        assert_eq!(map.read(ctrl_q, true).action, Some(KeyAction::Quit));
        // Every action's name deserialises into it, and nothing else does.
        for (action, name, ..) in ACTIONS {
            assert_eq!(KeyAction::named(name), Some(*action));
        }
        assert_eq!(KeyAction::named("read_only"), None);
    }
}
