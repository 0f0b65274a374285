//! Deliberate misbehaviour, for tests and for seeing how alto copes:
//! `alto sandbox --faults create-500,delay=2000` or `alto --demo
//! --sandbox-faults …` (both hidden from `--help`).

use super::store::Store;
use std::time::Duration;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Creates that pass the rules get a 422 with field errors the client
    /// could not have predicted (nested `address.country`, and `email`).
    Create422,
    /// The account IS created, then the answer is a 500: an ambiguous
    /// failure, as when a server dies between the database and the reply.
    Create500,
    /// Creates are refused with 429 and `Retry-After: 2`.
    Create429,
    /// The account is created and the connection is then cut mid-answer.
    CreateDrop,
    /// The account is created and the 201 body is not JSON.
    CreateMalformed,
    /// `GET /workspaces` answers 429 with `Retry-After: 1` the first time.
    List429Once,
    /// `GET /workspaces` answers truncated JSON.
    ListMalformed,
    /// Every request waits this long before it is handled.
    Delay(Duration),
    /// Workspace names and descriptions carry terminal escape sequences,
    /// bidi overrides and C1 controls.
    HostileNames,
}

pub const KNOWN: &str = "create-422, create-500, create-429, create-drop, create-malformed, list-429-once, list-malformed, delay=MS, hostile-names";

impl std::str::FromStr for Fault {
    type Err = String;
    fn from_str(s: &str) -> Result<Fault, String> {
        let s = s.trim();
        if let Some(ms) = s.strip_prefix("delay=") {
            let ms: u64 = ms
                .parse()
                .map_err(|_| format!("delay takes milliseconds, not {ms:?}"))?;
            return Ok(Fault::Delay(Duration::from_millis(ms)));
        }
        Ok(match s {
            "create-422" => Fault::Create422,
            "create-500" => Fault::Create500,
            "create-429" => Fault::Create429,
            "create-drop" => Fault::CreateDrop,
            "create-malformed" => Fault::CreateMalformed,
            "list-429-once" => Fault::List429Once,
            "list-malformed" => Fault::ListMalformed,
            "hostile-names" => Fault::HostileNames,
            other => return Err(format!("unknown fault {other:?} (known: {KNOWN})")),
        })
    }
}

/// Escape-laden names for the first few workspaces.
pub fn make_hostile(store: &mut Store) {
    let nasty = [
        "Evil\u{1b}]0;pwned\u{7}\u{1b}[2J Corp",
        "Bidi \u{202e}lanigiro\u{202c} Ltd",
        "C1 \u{9b}31m control",
        "Null\u{0}byte \u{1b}P+q\u{1b}\\ DCS",
    ];
    for (w, name) in store.workspaces.iter_mut().zip(nasty) {
        w.workspace.name = name.to_string();
        w.workspace.description = Some(format!("{name}\u{1b}[5m blink"));
    }
}
