//! The documented limits and checks, in one table, used by the form, the CLI
//! and the sandbox server alike.
//!
//! Lengths count Unicode code points after trimming surrounding white space,
//! as the server's framework does. Messages follow the framework's wording so
//! a message from the sandbox, the CLI and the form read the same.
//!
//! This file holds the checks every text field shares (length, forbidden
//! characters, email); each body's table lives in its own file (`account`, `billing`).

mod account;
pub mod billing;
pub mod body;
pub mod duplicate;
pub mod organization;
pub mod workspace;

pub use account::*;
pub use body::{Problem, Problems};

/// Length as the server counts it: code points after trimming.
pub fn char_len(value: &str) -> usize {
    value.trim().chars().count()
}

/// Characters refused in every field: controls (C0, DEL, C1), bidirectional
/// overrides and isolates, and invisible zero-width characters. They make a
/// customer record display differently from what was typed.
pub fn is_forbidden_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{2069}'
                | '\u{180E}'
                | '\u{FEFF}'
        )
}

/// The first forbidden character and its 1-based position.
pub fn forbidden_char(value: &str) -> Option<(usize, char)> {
    value
        .chars()
        .enumerate()
        .find(|(_, c)| is_forbidden_char(*c))
        .map(|(i, c)| (i + 1, c))
}

/// The checks every text field shares, in the framework's words: no
/// forbidden character anywhere in what was given, present (once
/// trimmed) when required. The trimmed value, or
/// `None` when an optional field is left empty.
pub fn present<'a>(label: &str, raw: &'a str, required: bool) -> Result<Option<&'a str>, String> {
    let value = raw.trim();
    // The contract's pattern holds for the string as sent: a tab or a
    // newline at either end is refused too, not trimmed away.
    if let Some((pos, c)) = forbidden_char(raw) {
        return Err(format!(
            "The {label} field must not contain control, bidirectional or zero-width characters (U+{:04X} at character {pos}).",
            c as u32
        ));
    }
    if value.is_empty() {
        return match required {
            true => Err(format!("The {label} field is required.")),
            false => Ok(None),
        };
    }
    Ok(Some(value))
}

/// At most `max` characters, as the server counts them.
pub fn at_most(label: &str, value: &str, max: usize) -> Result<(), String> {
    if char_len(value) > max {
        return Err(format!(
            "The {label} field must not be greater than {max} characters."
        ));
    }
    Ok(())
}

/// [`present`] and [`at_most`]: a plain text field.
pub fn text(label: &str, raw: &str, max: usize, required: bool) -> Result<Option<String>, String> {
    let value = present(label, raw, required)?;
    if let Some(v) = value {
        at_most(label, v, max)?;
    }
    Ok(value.map(String::from))
}

/// An email shape no stricter than the server's (RFC-style) check: one
/// address part after the last `@`, a non-empty local part (quoted local
/// parts such as `"a b"@example.com` may hold spaces; unquoted ones have no
/// white space and no empty dot-separated parts), and a domain that is a
/// host name ([`is_host_name`]) or an address literal (`[127.0.0.1]`,
/// `[IPv6:::1]`).
pub fn is_email(value: &str) -> bool {
    let Some(at) = value.rfind('@') else {
        return false;
    };
    let (local, domain) = (&value[..at], &value[at + 1..]);
    if local.is_empty() || domain.is_empty() || value.chars().any(is_forbidden_char) {
        return false;
    }
    let dot_atom_ok = |s: &str| {
        !s.chars().any(|c| c.is_whitespace() || c == '@' || c == '"')
            && !s.split('.').any(str::is_empty)
    };
    let local_ok = if local.len() >= 2 && local.starts_with('"') && local.ends_with('"') {
        quoted_ok(&local[1..local.len() - 1])
    } else {
        dot_atom_ok(local)
    };
    let domain_ok = match domain.strip_prefix('[').and_then(|d| d.strip_suffix(']')) {
        Some(literal) => is_address_literal(literal),
        None => is_host_name(domain),
    };
    local_ok && domain_ok
}

/// A host name: dot-separated labels of 1 to 63 letters, digits and hyphens
/// (letters and digits of any script, so internationalised names pass as
/// typed), no label starting or ending with a hyphen, 253 characters at most.
/// `example.com*`, `b..c` and `-x.com` are not host names.
pub fn is_host_name(domain: &str) -> bool {
    let label_ok = |l: &str| {
        (1..=63).contains(&l.chars().count())
            && l.chars().all(|c| c.is_alphanumeric() || c == '-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    domain.chars().count() <= 253 && domain.split('.').all(label_ok)
}

/// The inside of `[...]`: an IPv4 address, or `IPv6:` and an IPv6 address.
fn is_address_literal(inner: &str) -> bool {
    match inner.strip_prefix("IPv6:") {
        Some(v6) => v6.parse::<std::net::Ipv6Addr>().is_ok(),
        None => inner.parse::<std::net::Ipv4Addr>().is_ok(),
    }
}

/// Inside a quoted local part every `"` and `\` must be escaped.
fn quoted_ok(inner: &str) -> bool {
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.next().is_none() => return false,
            '"' => return false,
            _ => {}
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_control_character_at_either_end_is_refused_not_trimmed() {
        // Schemathesis sent `"line1": "j\t"`: the contract's pattern
        // refuses the tab wherever it stands.
        let e = present("line 1", "j\t", false).unwrap_err();
        assert!(e.contains("U+0009 at character 2"), "{e}");
        assert!(present("name", "\nACME", true).is_err());
        assert_eq!(present("name", "  ACME  ", true), Ok(Some("ACME")));
    }

    #[test]
    fn table_order_matches_enum() {
        for (i, r) in RULES.iter().enumerate() {
            assert_eq!(r.field as usize, i);
            assert_eq!(Field::from_key(r.key), Some(r.field));
        }
    }
}
