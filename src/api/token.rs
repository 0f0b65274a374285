//! The API token: a secret that no `Debug`, log line or message shows.

use std::fmt;

/// The API token. Its `Debug` and `Display` never show it.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    pub fn new(secret: impl Into<String>) -> Token {
        Token(secret.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
    pub fn is_empty(&self) -> bool {
        self.0.trim().is_empty()
    }
    /// What in the token an HTTP header cannot carry, named without
    /// echoing the token ("a line break", "a control character").
    pub fn unsendable(&self) -> String {
        let bad: Vec<char> = self
            .0
            .chars()
            .filter(|c| !(' '..='~').contains(c) && *c != '\t')
            .collect();
        if bad.iter().any(|c| matches!(c, '\n' | '\r')) {
            "a line break".into()
        } else if bad.iter().any(|c| c.is_control()) {
            "a control character".into()
        } else {
            "a character outside ASCII".into()
        }
    }

    /// For status lines: the first few characters at most, never the whole.
    pub fn masked(&self) -> String {
        let n = self.0.chars().count();
        if n <= 12 {
            "••••••".to_string()
        } else {
            let head: String = self.0.chars().take(4).collect();
            format!("{head}••••••")
        }
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}
