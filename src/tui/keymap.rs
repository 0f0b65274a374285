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

    fn event(self) -> KeyEvent {
        let mut m = KeyModifiers::NONE;
        if self.ctrl {
            m |= KeyModifiers::CONTROL;
        }
        if self.alt {
            m |= KeyModifiers::ALT;
        }
        if self.code == KeyCode::BackTab
            || matches!(self.code, KeyCode::Char(c) if c.is_ascii_uppercase())
        {
            m |= KeyModifiers::SHIFT;
        }
        KeyEvent::new(self.code, m)
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

/// Every action that can be bound, with its default key and what it does.
pub const ACTIONS: &[(&str, KeySpec, &str)] = &[
    ("quit", KeySpec::plain(KeyCode::Char('q')), "quit"),
    ("help", KeySpec::plain(KeyCode::Char('?')), "help"),
    ("info", KeySpec::plain(KeyCode::Char('i')), "session info"),
    ("back", KeySpec::plain(KeyCode::Esc), "back / close"),
    ("reload", KeySpec::plain(KeyCode::Char('r')), "reload"),
    ("open", KeySpec::plain(KeyCode::Enter), "open / choose"),
    (
        "new",
        KeySpec::plain(KeyCode::Char('n')),
        "new billing account",
    ),
    ("filter", KeySpec::plain(KeyCode::Char('/')), "filter"),
    (
        "goto",
        KeySpec::plain(KeyCode::Char('g')),
        "go to id or name",
    ),
    (
        "palette",
        KeySpec::plain(KeyCode::Char(':')),
        "command palette",
    ),
    (
        "profile",
        KeySpec::plain(KeyCode::Char('P')),
        "switch profile",
    ),
    ("log", KeySpec::plain(KeyCode::Char('l')), "API log"),
    (
        "ledger",
        KeySpec::plain(KeyCode::Char('L')),
        "created this session",
    ),
    ("mouse", KeySpec::plain(KeyCode::Char('m')), "mouse on/off"),
    ("up", KeySpec::plain(KeyCode::Up), "move up"),
    ("down", KeySpec::plain(KeyCode::Down), "move down"),
    ("page_up", KeySpec::plain(KeyCode::PageUp), "page up"),
    ("page_down", KeySpec::plain(KeyCode::PageDown), "page down"),
    ("top", KeySpec::plain(KeyCode::Home), "first row"),
    ("bottom", KeySpec::plain(KeyCode::End), "last row"),
    ("next_field", KeySpec::plain(KeyCode::Tab), "next field"),
    (
        "prev_field",
        KeySpec::plain(KeyCode::BackTab),
        "previous field",
    ),
    (
        "submit",
        KeySpec {
            code: KeyCode::Char('s'),
            ctrl: true,
            alt: false,
        },
        "create / save",
    ),
    ("copy_id", KeySpec::plain(KeyCode::Char('y')), "copy the id"),
    (
        "copy_json",
        KeySpec::plain(KeyCode::Char('Y')),
        "copy the JSON",
    ),
    (
        "edit",
        KeySpec::plain(KeyCode::Char('e')),
        "edit the account",
    ),
    (
        "delete",
        KeySpec::plain(KeyCode::Char('d')),
        "delete the account",
    ),
    (
        "duplicate",
        KeySpec::plain(KeyCode::Char('N')),
        "duplicate as new",
    ),
];

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
    /// A user's key → the default key of its action.
    aliases: HashMap<KeySpec, KeySpec>,
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
        for (name, default, _) in ACTIONS {
            taken_by.insert(*default, format!("{name} (default)"));
        }
        for k in RESERVED {
            taken_by.insert(*k, "a default key".into());
        }
        for (action, key_text) in keys {
            let at = locate(action);
            let Some((_, default, _)) = ACTIONS.iter().find(|(n, _, _)| n == action) else {
                let known: Vec<&str> = ACTIONS.iter().map(|(n, _, _)| *n).collect();
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
            if key == *default {
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
            map.aliases.insert(key, *default);
            map.shown.push((key_text.clone(), action.to_string()));
        }
        (map, problems)
    }

    /// The user bound this very key.
    pub fn binds(&self, key: &KeyEvent) -> bool {
        self.aliases.contains_key(&KeySpec::of(key))
    }

    /// The key as the screens know it. While text is being typed, plain
    /// characters are text and are never translated.
    pub fn translate(&self, key: KeyEvent, typing: bool) -> KeyEvent {
        let spec = KeySpec::of(&key);
        if typing && matches!(spec.code, KeyCode::Char(_)) && !spec.ctrl && !spec.alt {
            return key;
        }
        match self.aliases.get(&spec) {
            Some(default) => default.event(),
            None => key,
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
        // `a` now does what `n` does; `n` still works; typing is typing.
        let a = KeyEvent::from(KeyCode::Char('a'));
        let n = KeyEvent::from(KeyCode::Char('n'));
        assert_eq!(map.translate(a, false).code, KeyCode::Char('n'));
        assert_eq!(map.translate(n, false).code, KeyCode::Char('n'));
        assert_eq!(map.translate(a, true).code, KeyCode::Char('a'));
        let ctrl_q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL);
        let quit = map.translate(ctrl_q, true);
        assert_eq!(
            (quit.code, quit.modifiers),
            (KeyCode::Char('q'), KeyModifiers::NONE)
        );
    }
}
