//! Deliberate misbehaviour, for tests and for seeing how alto copes:
//! `alto sandbox --faults create-500,delay=2000` or `alto --demo
//! --sandbox-faults …` (both hidden from `--help`).

use super::store::Store;
use axum::body::{Body, Bytes};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use std::time::Duration;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Creates that pass the rules get a 422 with field errors the client
    /// could not have predicted (nested `address.country`, and `email`).
    Create422,
    /// The account IS created, then the answer is a 500: an ambiguous
    /// failure, as when a server dies between the database and the reply.
    Create500,
    /// Creates are refused with 429 and `Retry-After: 2` (or the seconds
    /// given: `create-429=999999`).
    Create429(u64),
    /// Creates that pass the rules get a 422 whose `errors` name only keys
    /// the form does not have (`tax_id`, `address.region`), at length.
    Create422Unknown,
    /// Creates get a 422 whose message is this many MiB long.
    CreateHuge422(usize),
    /// The account is created and the 201 names an id that is not `cus_…`.
    CreateBadId,
    /// Every request is answered `302 Found` to another host.
    Redirect,
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
    /// A proxy that loses answers: every write (any method but GET) is
    /// done, then answered 502 Bad gateway.
    Write502,
    /// A proxy that fails a write before the server sees it: the first
    /// write is answered 502 and not done; later ones go through.
    Write502UnsentOnce,
    /// Workspace names and descriptions carry terminal escape sequences,
    /// bidi overrides and C1 controls.
    HostileNames,
}

pub const KNOWN: &str = "create-422, create-422-unknown, create-huge-422=MIB, create-500, create-429[=SECS], create-drop, create-malformed, create-bad-id, redirect, list-429-once, list-malformed, delay=MS, hostile-names, write-502, write-502-unsent-once";

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
        if let Some(secs) = s.strip_prefix("create-429=") {
            if secs.is_empty() || !secs.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!("create-429 takes seconds, not {secs:?}"));
            }
            return Ok(Fault::Create429(secs.parse().unwrap_or(u64::MAX)));
        }
        if let Some(mib) = s.strip_prefix("create-huge-422=") {
            let mib: usize = mib
                .parse()
                .ok()
                .filter(|n| (1..=512).contains(n))
                .ok_or_else(|| format!("create-huge-422 takes 1 to 512 MiB, not {mib:?}"))?;
            return Ok(Fault::CreateHuge422(mib));
        }
        Ok(match s {
            "create-422" => Fault::Create422,
            "create-422-unknown" => Fault::Create422Unknown,
            "create-bad-id" => Fault::CreateBadId,
            "redirect" => Fault::Redirect,
            "create-500" => Fault::Create500,
            "create-429" => Fault::Create429(2),
            "create-drop" => Fault::CreateDrop,
            "create-malformed" => Fault::CreateMalformed,
            "list-429-once" => Fault::List429Once,
            "list-malformed" => Fault::ListMalformed,
            "hostile-names" => Fault::HostileNames,
            "write-502" => Fault::Write502,
            "write-502-unsent-once" => Fault::Write502UnsentOnce,
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
        // Characters terminals measure at other widths than alto would.
        "Soft\u{ad}hyphen \u{3164}\u{115f}\u{1160}\u{ffa0} fillers",
        "Flags \u{1f1ff}\u{1f1e6}\u{1f1ec}\u{1f1e7} \u{2764}\u{fe0f} \u{1f469}\u{200d}\u{1f4bb} \u{1f44d}\u{1f3fd}",
        "Del\u{7f} and zero\u{200b}width",
    ];
    for (w, name) in store.workspaces.iter_mut().zip(nasty) {
        w.workspace.name = name.to_string();
        w.workspace.description = Some(format!("{name}\u{1b}[5m blink"));
    }
}

#[allow(clippy::result_large_err)] // axum's Response, as in routes.rs
/// The answer to a create that succeeded (`body` is the account), unless a
/// fault loses it on the way back: the account exists either way.
pub(super) fn after_create(faults: &[Fault], body: Vec<u8>) -> Result<Response, Response> {
    let json = |status, body: Vec<u8>| {
        (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
    };
    if faults.contains(&Fault::Create500) {
        let body = br#"{"message":"Server Error"}"#.to_vec();
        return Err(json(StatusCode::INTERNAL_SERVER_ERROR, body));
    }
    if faults.contains(&Fault::CreateMalformed) {
        return Ok(json(StatusCode::CREATED, b"{\"id\": \"cus_".to_vec()));
    }
    if faults.contains(&Fault::CreateDrop) {
        let broken = futures_util::stream::once(async {
            Err::<Bytes, _>(std::io::Error::other(
                "connection dropped by fault injection",
            ))
        });
        return Ok((StatusCode::CREATED, Body::from_stream(broken)).into_response());
    }
    if faults.contains(&Fault::CreateBadId) {
        let mut account: Value = serde_json::from_slice(&body).expect("just serialised");
        let id = account["id"]
            .as_str()
            .unwrap_or_default()
            .replacen("cus_", "acct_", 1);
        account["id"] = id.into();
        return Ok((StatusCode::CREATED, axum::Json(account)).into_response());
    }
    Ok(json(StatusCode::CREATED, body))
}
