//! Text from the server, config or drafts is data. Three forms of it leave
//! alto, each made here:
//! - [`inert`] for logs, copies and plain CLI output: every control
//!   character (C0, DEL, C1, hence every escape sequence), bidirectional
//!   override and zero-width character is replaced by a visible escape such
//!   as `\u{1b}`;
//! - [`shown`] for anything drawn on a terminal where alignment matters (the
//!   console, CLI tables): also the characters that a terminal and alto may
//!   measure at different widths ([`is_width_confusing`]), which otherwise
//!   drop letters and leave stale cells;
//! - [`json`] for `--json` and copied JSON: exact, valid JSON with those
//!   same characters written as `\uXXXX`.
//!
//! [`bounded`] keeps what is displayed small whatever the server sent.

use crate::rules::is_forbidden_char;
use std::borrow::Cow;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Characters that terminals draw at widths that disagree with each other
/// and with `unicode-width` (so with ratatui): soft hyphen, Hangul fillers,
/// variation selectors, regional indicators (flags), emoji modifiers, tag
/// characters and the other default-ignorable code points. Shown escaped,
/// each is a fixed run of ASCII that every terminal measures alike.
pub fn is_width_confusing(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'                      // soft hyphen
            | '\u{034F}'                // combining grapheme joiner
            | '\u{115F}' | '\u{1160}'   // Hangul choseong/jungseong fillers
            | '\u{3164}' | '\u{FFA0}'   // Hangul filler, halfwidth filler
            | '\u{17B4}' | '\u{17B5}'   // Khmer inherent vowels
            | '\u{180B}'..='\u{180F}'   // Mongolian variation selectors
            | '\u{FE00}'..='\u{FE0F}'   // variation selectors
            | '\u{FFF0}'..='\u{FFF8}'
            | '\u{FDD0}'..='\u{FDEF}'   // noncharacters
            | '\u{FFFE}' | '\u{FFFF}'
            | '\u{1BCA0}'..='\u{1BCA3}' // shorthand format controls
            | '\u{1D173}'..='\u{1D17A}' // musical format controls
            | '\u{1F1E6}'..='\u{1F1FF}' // regional indicators
            | '\u{1F3FB}'..='\u{1F3FF}' // emoji skin-tone modifiers
            | '\u{E0000}'..='\u{E0FFF}' // tags, variation selectors supplement
    )
}

/// `s` with every character for which `pred` holds written by `escape`.
fn escape_with(
    s: &str,
    pred: impl Fn(char) -> bool,
    escape: impl Fn(char) -> String,
) -> Cow<'_, str> {
    if !s.chars().any(&pred) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if pred(c) {
            out.push_str(&escape(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The visible escape alto shows: `\u{1b}`.
fn rust_escape(c: char) -> String {
    format!("\\u{{{:x}}}", c as u32)
}

fn escape_where(s: &str, pred: impl Fn(char) -> bool) -> Cow<'_, str> {
    escape_with(s, pred, rust_escape)
}

/// Controls, bidi and zero-width characters escaped (`\u{1b}`).
pub fn inert(s: &str) -> Cow<'_, str> {
    escape_where(s, is_forbidden_char)
}

/// [`inert`], and the width-confusing characters escaped too: what may be
/// drawn in a terminal cell by cell.
pub fn shown(s: &str) -> Cow<'_, str> {
    escape_where(s, |c| is_forbidden_char(c) || is_width_confusing(c))
}

/// Characters of one string from outside that are shown at most (on
/// screen and in CLI output on a terminal): a huge name or message costs a
/// keystroke no more than this.
pub const DISPLAY_MAX: usize = 4000;

/// At most `max` characters of `s`; a longer text is cut there and ends in
/// `… (N more characters{more})`, so the end of a message is never lost
/// silently. Costs O(max) for a short text; the count of what was cut is
/// one fast pass.
pub fn bounded<'a>(s: &'a str, max: usize, more: &str) -> Cow<'a, str> {
    if s.len() <= max {
        return Cow::Borrowed(s);
    }
    match s.char_indices().nth(max) {
        None => Cow::Borrowed(s),
        Some((cut, _)) => {
            let rest = s[cut..].chars().count();
            Cow::Owned(format!("{}… ({rest} more characters{more})", &s[..cut]))
        }
    }
}

/// `s` cut to `width` cells, ending in `…` when cut (a table's cell, in
/// the CLI and the console alike: a cut is never silent).
pub fn cut(s: &str, width: usize) -> Cow<'_, str> {
    if s.width() <= width {
        return s.into();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out.into()
}

/// A value from a file or the server quoted in a message: inert, at most
/// 60 characters (a 10 MB bad value costs a message no more than that).
pub fn quoted(value: &str) -> String {
    format!("\"{}\"", inert(&bounded(value, 60, "")))
}

/// `value` as pretty JSON, exact and valid, with the characters [`inert`]
/// escapes (DEL, C1, bidi, zero-width; serde already escapes C0) written as
/// `\uXXXX`. They can only stand inside strings (JSON's own syntax is
/// ASCII), where `\uXXXX` means the same character.
pub fn json(value: &impl serde::Serialize) -> String {
    let text = serde_json::to_string_pretty(value).expect("models always serialise");
    // serde escapes C0 inside strings, so a C0 character here is the
    // layout's own line break; the rest are inside strings.
    // Every forbidden character is in the BMP: one \u escape each.
    escape_with(
        &text,
        |c| c >= '\u{7f}' && is_forbidden_char(c),
        |c| format!("\\u{:04x}", c as u32),
    )
    .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_and_bidi() {
        assert_eq!(inert("plain"), "plain");
        assert_eq!(inert("\u{1b}[2J"), "\\u{1b}[2J");
        assert_eq!(inert("a\u{202e}b\u{9b}c"), "a\\u{202e}b\\u{9b}c");
        assert_eq!(inert("tab\there"), "tab\\u{9}here");
    }

    #[test]
    fn shown_escapes_what_terminals_measure_differently() {
        for (raw, escaped) in [
            ("co\u{ad}op", "co\\u{ad}op"),
            ("\u{3164}x", "\\u{3164}x"),
            ("\u{115f}\u{1160}", "\\u{115f}\\u{1160}"),
            ("\u{ffa0}", "\\u{ffa0}"),
            ("\u{1f1ff}\u{1f1e6}", "\\u{1f1ff}\\u{1f1e6}"),
            ("\u{2764}\u{fe0f}", "\u{2764}\\u{fe0f}"),
            ("\u{1f469}\u{200d}\u{1f4bb}", "\u{1f469}\\u{200d}\u{1f4bb}"),
            ("\u{1f44d}\u{1f3fd}", "\u{1f44d}\\u{1f3fd}"),
        ] {
            assert_eq!(shown(raw), escaped);
            // The copy form keeps them (only controls, bidi, zero-width go).
            assert!(!inert(raw).contains("\\u{ad}"));
        }
        assert!(matches!(shown("Zürich 東京 ☃"), Cow::Borrowed(_)));
    }

    #[test]
    fn bounded_says_how_much_was_cut() {
        assert_eq!(bounded("short", 10, ""), "short");
        assert_eq!(bounded("ééé", 3, ""), "ééé");
        let long = "x".repeat(10_005);
        let b = bounded(&long, 10_000, ", y copies all");
        assert!(b.ends_with("… (5 more characters, y copies all)"), "{b}");
        assert_eq!(b.chars().filter(|c| *c == 'x').count(), 10_000);
    }

    #[test]
    fn json_is_exact_and_inert() {
        let text = json(&serde_json::json!({"name": "a\u{9b}b\u{7f}\u{202e}\u{200b}\u{1b}é"}));
        assert!(
            !text.chars().any(|c| c != '\n' && is_forbidden_char(c)),
            "{text}"
        );
        assert!(
            text.contains(r"a\u009bb\u007f\u202e\u200b\u001bé"),
            "{text}"
        );
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["name"], "a\u{9b}b\u{7f}\u{202e}\u{200b}\u{1b}é");
    }
}
