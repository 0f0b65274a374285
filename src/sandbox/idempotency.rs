//! `Idempotency-Key` on POSTs: a repeat of a request (same key, same body)
//! answers the first answer again instead of creating a second thing; the
//! same key with another body is refused; a repeat while the first is
//! still running gets 409. Refusals are not remembered, so a key whose
//! request was refused may be used again. Every POST of the sandbox goes
//! through [`once`].

#![allow(clippy::result_large_err)]

use super::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// What the sandbox remembers of a request sent with a key.
pub(super) enum Idempotent {
    InFlight {
        fingerprint: String,
    },
    Done {
        fingerprint: String,
        status: StatusCode,
        body: Vec<u8>,
    },
}

/// The request's key, if it sent a usable one (1–255 characters).
fn key(headers: &HeaderMap) -> Option<String> {
    headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|k| !k.is_empty() && k.len() <= 255)
        .map(String::from)
}

/// Runs `act` at most once per key and body (`fingerprint`): its answer is
/// `(status, JSON body)`. A repeat gets the remembered answer.
pub(super) fn once(
    state: &State,
    headers: &HeaderMap,
    fingerprint: String,
    act: impl FnOnce() -> (StatusCode, Vec<u8>),
) -> Result<(StatusCode, Vec<u8>), Response> {
    let Some(key) = key(headers) else {
        return Ok(act());
    };
    if let Some(earlier) = begin(state, &key, &fingerprint) {
        return earlier;
    }
    let (status, body) = act();
    let mut seen = state.idempotency.lock().expect("not poisoned");
    if status.is_success() {
        let done = Idempotent::Done {
            fingerprint,
            status,
            body: body.clone(),
        };
        seen.insert(key, done);
    } else {
        seen.remove(&key);
    }
    Ok((status, body))
}

/// The answer for a key seen before, or `None` after marking it in flight.
fn begin(
    state: &State,
    key: &str,
    fingerprint: &str,
) -> Option<Result<(StatusCode, Vec<u8>), Response>> {
    let mut seen = state.idempotency.lock().expect("not poisoned");
    let refusal =
        |status, body: serde_json::Value| Some(Err((status, axum::Json(body)).into_response()));
    match seen.get(key) {
        Some(Idempotent::Done {
            fingerprint: f,
            status,
            body,
        }) if f == fingerprint => Some(Ok((*status, body.clone()))),
        Some(Idempotent::InFlight { fingerprint: f }) if f == fingerprint => refusal(
            StatusCode::CONFLICT,
            json!({
                "type": "conflict",
                "code": "idempotency_key_in_use",
                "message": "A request with this Idempotency-Key is still being processed; try again shortly.",
                "doc_url": super::routes::DOC_URL,
            }),
        ),
        // As the API's other 422s: a message and (here empty) field errors.
        Some(_) => refusal(
            StatusCode::UNPROCESSABLE_ENTITY,
            json!({
                "message": "This Idempotency-Key was already used with a different request body.",
                "errors": {},
            }),
        ),
        None => {
            let fingerprint = fingerprint.to_string();
            seen.insert(key.to_string(), Idempotent::InFlight { fingerprint });
            None
        }
    }
}

/// A remembered or fresh answer as a response.
pub(super) fn reply(status: StatusCode, body: Vec<u8>) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}
