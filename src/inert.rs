//! Text from the server, config or drafts is data: before it reaches a
//! terminal, a log line or the clipboard, every control character (C0, DEL,
//! C1, hence every escape sequence), bidirectional override and zero-width
//! character is replaced by a visible escape such as `\u{1b}`.

use crate::rules::is_forbidden_char;
use std::borrow::Cow;

pub fn inert(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_forbidden_char) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_forbidden_char(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
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
}
