//! `ApiError`: everything that can go wrong talking to the API, typed so the
//! CLI can pick an exit code and the console can put a 422's messages under
//! the right fields.

use crate::inert::{bounded, inert};
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

/// An error body in any of the shapes the contract names: `{message}`,
/// Stripe-style `{type, code, message, doc_url}`, or the framework's
/// `{message, errors: {field: [..]}}`. Fields of the wrong type are skipped,
/// not fatal; `raw` keeps the text for when nothing could be read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ErrorBody {
    /// Shared, so a huge message is held once however often it is shown.
    pub message: Option<Arc<String>>,
    pub kind: Option<String>,
    pub code: Option<String>,
    pub doc_url: Option<String>,
    /// Field errors keyed as the server keys them (`name`, `address.country`).
    pub errors: BTreeMap<String, Vec<String>>,
    /// The body as text (lossy UTF-8, at most [`RAW_KEEP`] bytes).
    pub raw: String,
}

/// How much of an unreadable body is kept for display.
pub const RAW_KEEP: usize = 2048;

/// Characters of a server's message that are shown; the rest is counted,
/// and kept for copying.
pub const SUMMARY_MAX: usize = 2000;

impl ErrorBody {
    pub fn parse(bytes: &[u8]) -> ErrorBody {
        let mut raw = String::from_utf8_lossy(&bytes[..bytes.len().min(RAW_KEEP)]).into_owned();
        if bytes.len() > RAW_KEEP {
            raw.push('…');
        }
        let mut body = ErrorBody {
            raw,
            ..ErrorBody::default()
        };
        let Ok(Value::Object(mut map)) = serde_json::from_slice::<Value>(bytes) else {
            return body;
        };
        // The message is moved out of the parsed tree, not copied: a huge
        // one then costs its size once more than the body, not twice.
        if let Some(Value::String(m)) = map.remove("message") {
            body.message = Some(Arc::new(m));
        }
        let text = |k: &str| map.get(k).and_then(Value::as_str).map(String::from);
        body.kind = text("type");
        body.code = text("code");
        body.doc_url = text("doc_url");
        // Some APIs nest Stripe-style errors as {"error": {...}}.
        if let Some(Value::Object(inner)) = map.get("error") {
            let inner_text = |k: &str| inner.get(k).and_then(Value::as_str).map(String::from);
            body.message = body.message.or_else(|| inner_text("message").map(Arc::new));
            body.kind = body.kind.or_else(|| inner_text("type"));
            body.code = body.code.or_else(|| inner_text("code"));
            body.doc_url = body.doc_url.or_else(|| inner_text("doc_url"));
        }
        if let Some(Value::Object(errors)) = map.get("errors") {
            for (key, msgs) in errors {
                let msgs: Vec<String> = match msgs {
                    Value::Array(items) => items
                        .iter()
                        .filter_map(|m| m.as_str().map(String::from))
                        .collect(),
                    Value::String(s) => vec![s.clone()],
                    _ => continue,
                };
                if !msgs.is_empty() {
                    body.errors.insert(key.clone(), msgs);
                }
            }
        }
        body
    }

    /// `code: …` and `see: …` lines for what the body carries, inert.
    pub fn details(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if let Some(code) = &self.code {
            lines.push(format!("code: {}", inert(code)));
        }
        if let Some(doc) = &self.doc_url {
            lines.push(format!("see: {}", inert(doc)));
        }
        lines
    }

    /// The message as the server sent it, else the raw text: what `y`
    /// copies. Not inert and not bounded: never draw it as it is.
    pub fn full_text(&self) -> &str {
        match &self.message {
            Some(m) if !m.trim().is_empty() => m,
            _ => self.raw.trim(),
        }
    }

    /// For humans: [`ErrorBody::full_text`], inert, cut at [`SUMMARY_MAX`]
    /// characters with a note of how many more there were, so a huge message
    /// costs a screen, a log line or a terminal no more than this.
    pub fn summary(&self) -> String {
        inert(&bounded(self.full_text(), SUMMARY_MAX, "")).into_owned()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The URL would send the token in clear text to another machine.
    #[error(
        "refusing to send the API token over plain http to {host}: use https:// (plain http is allowed only for loopback addresses such as 127.0.0.1)"
    )]
    InsecureUrl { host: String },

    #[error("invalid API URL {url:?}: {reason}")]
    BadUrl { url: String, reason: String },

    /// No trust store to verify HTTPS servers with (no certificates found
    /// where the system keeps them, or in `SSL_CERT_FILE` / `SSL_CERT_DIR`).
    /// Nothing was sent: alto never talks HTTPS unverified.
    #[error(
        "cannot verify HTTPS servers, so nothing was sent: {reason} (alto reads the system's certificates, or SSL_CERT_FILE and SSL_CERT_DIR when set)"
    )]
    TrustStore { reason: String },

    /// An id that cannot name anything: empty, `.` or `..` (which a URL
    /// would resolve away, reaching another resource). Nothing was sent.
    #[error("{id:?} is not an id (nothing was sent)")]
    BadId { id: String },

    /// The token cannot be sent (a line break or another character an HTTP
    /// header cannot hold); it is never echoed.
    #[error(
        "the API token cannot be used: it holds {what}, which an HTTP header cannot carry (was it pasted with a line break?); nothing was sent"
    )]
    BadToken { what: String },

    /// A 3xx: redirects are never followed (they could carry the token to
    /// another host). `location` is inert and bounded.
    #[error(
        "the server answered HTTP {status}, a redirect to {location}; alto does not follow redirects (the token could go with them): check the API URL"
    )]
    Redirect { status: u16, location: String },

    /// The connection could not be made: nothing was sent.
    #[error("could not connect to {url}: {message}")]
    Connect { url: String, message: String },

    /// No answer in time. The request may have reached the server.
    #[error("no answer from {url} within {}s (the request may still have reached the server)", .after.as_secs())]
    Timeout { url: String, after: Duration },

    /// The connection broke after the request was (perhaps) sent.
    #[error("network error talking to {url}: {message}")]
    Network { url: String, message: String },

    /// HTTP 429: the documented budget is 60 requests a minute per token.
    #[error("rate limited (HTTP 429): {}{}", .body.summary(), retry_hint(.retry_after))]
    RateLimited {
        retry_after: Option<Duration>,
        body: Box<ErrorBody>,
    },

    /// Not sent: no turn was free and the caller would not wait
    /// (`--no-wait`).
    #[error("not sent: {} for another {} s (--no-wait does not wait)", if *.rate_limited { "the API asked alto to wait (HTTP 429)" } else { "the API's budget of requests for this minute is spent" }, .wait.as_secs().max(1))]
    Paced { wait: Duration, rate_limited: bool },

    /// Not sent: whoever asked no longer wanted the answer (a read whose
    /// screen was closed before its turn came).
    #[error("not sent: its screen was closed before its turn came (r asks again)")]
    Dropped,

    /// A write's answer was lost, and a lookup shows it did not happen;
    /// nothing was sent again.
    #[error("the answer was lost ({lost}); looked up: it was not done, and nothing was sent again")]
    NotDone { lost: String },

    /// A write's answer was lost, and no lookup could tell whether it
    /// happened: look before sending it again.
    #[error(
        "the answer was lost ({lost}), and whether it was done is unknown: {why}; look before sending it again"
    )]
    Unsettled { lost: String, why: String },

    /// Any other non-2xx answer, body decoded as far as it could be.
    #[error("HTTP {status}: {}", .body.summary())]
    Status { status: u16, body: Box<ErrorBody> },

    /// A 2xx whose body is not what the contract says.
    #[error("unreadable response (HTTP {status}): {reason}")]
    Decode { status: u16, reason: String },
}

/// The longest alto waits after a 429, whatever `Retry-After` says: a
/// server's `999999` must not lock a form for the session.
pub const MAX_WAIT: Duration = Duration::from_secs(600);

/// The wait when a 429 names no `Retry-After`.
pub const DEFAULT_WAIT: Duration = Duration::from_secs(30);

/// How long to wait after a 429: `Retry-After` (else 30 s), at most
/// [`MAX_WAIT`].
pub fn wait_after_429(retry_after: Option<Duration>) -> Duration {
    retry_after.unwrap_or(DEFAULT_WAIT).min(MAX_WAIT)
}

/// Reads a `Retry-After` in seconds; a number too large for any clock
/// counts as "very long" (and is then capped), not as absent.
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    let v = value.trim();
    if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(Duration::from_secs(v.parse::<u64>().unwrap_or(u64::MAX)))
}

fn retry_hint(after: &Option<Duration>) -> String {
    match after {
        Some(d) if *d > MAX_WAIT => format!(
            " (the server asks for a wait of {} s; alto waits at most {} minutes)",
            d.as_secs(),
            MAX_WAIT.as_secs() / 60
        ),
        Some(d) => format!(" (retry after {}s)", d.as_secs()),
        None => String::new(),
    }
}

impl ApiError {
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::RateLimited { .. } => Some(429),
            ApiError::Status { status, .. }
            | ApiError::Decode { status, .. }
            | ApiError::Redirect { status, .. } => Some(*status),
            _ => None,
        }
    }

    pub fn body(&self) -> Option<&ErrorBody> {
        match self {
            ApiError::RateLimited { body, .. } | ApiError::Status { body, .. } => Some(body),
            _ => None,
        }
    }

    /// The 422 field errors, keyed as the server keys them.
    pub fn field_errors(&self) -> Option<&BTreeMap<String, Vec<String>>> {
        self.body()
            .map(|b| &b.errors)
            .filter(|errors| !errors.is_empty())
    }

    /// True when a write may or may not have happened on the server: no
    /// answer in time, a connection cut after sending, a 5xx, or a 2xx whose
    /// body could not be read. Before resending, look for the result.
    pub fn outcome_unknown(&self) -> bool {
        match self {
            ApiError::Timeout { .. } | ApiError::Network { .. } | ApiError::Unsettled { .. } => {
                true
            }
            ApiError::Decode { status, .. } => (200..300).contains(status),
            _ => self.status().is_some_and(|s| s >= 500),
        }
    }

    /// True when the request certainly never left this machine, so resending
    /// it cannot create anything twice.
    pub fn nothing_sent(&self) -> bool {
        matches!(
            self,
            ApiError::Connect { .. }
                | ApiError::InsecureUrl { .. }
                | ApiError::BadUrl { .. }
                | ApiError::TrustStore { .. }
                | ApiError::BadToken { .. }
                | ApiError::Paced { .. }
                | ApiError::Dropped
        )
    }

    /// The CLI's exit code: 2 usage, 3 the API refused, 4 network or
    /// timeout, 5 rate-limited (a 429, or no turn and `--no-wait`).
    pub fn exit_code(&self) -> u8 {
        match self {
            ApiError::InsecureUrl { .. }
            | ApiError::BadUrl { .. }
            | ApiError::BadToken { .. }
            | ApiError::TrustStore { .. }
            | ApiError::BadId { .. }
            | ApiError::Dropped => 2,
            ApiError::RateLimited { .. } | ApiError::Paced { .. } => 5,
            ApiError::Status { .. } | ApiError::Decode { .. } | ApiError::Redirect { .. } => 3,
            ApiError::Connect { .. }
            | ApiError::Timeout { .. }
            | ApiError::Network { .. }
            | ApiError::NotDone { .. }
            | ApiError::Unsettled { .. } => 4,
        }
    }
}

/// Why an answer could not be read, in the shape that was expected and
/// never in the server's words: serde's message quotes the value it could
/// not read (`invalid type: string "seti_…_secret_…"`), and that value can
/// be a secret, so it never reaches an error box, a copy or stderr. What
/// follows the last ", expected " is our own type's description; what
/// precedes it is the server's value, of which only its kind is kept.
pub fn shape_error(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let place = format!("line {} column {}", e.line(), e.column());
    match e.classify() {
        Category::Io => "the answer could not be read".into(),
        Category::Eof => format!("the answer ended early ({place})"),
        Category::Syntax => format!("the answer is not valid JSON ({place})"),
        Category::Data => {
            let text = e.to_string();
            let text = text.strip_suffix(&format!(" at {place}")).unwrap_or(&text);
            if let Some(field) = text.strip_prefix("missing ") {
                // The field's name is ours (a type's), not the server's.
                return format!("the answer lacks {field} ({place})");
            }
            let expected = text.rsplit_once(", expected ").map(|(_, exp)| exp);
            // Of the value, only its kind: "string" of `string "…"`.
            let kind = ["invalid type: ", "invalid value: "]
                .iter()
                .find_map(|p| text.strip_prefix(p))
                .and_then(|rest| rest.split(['"', '`', ',']).next())
                .map(str::trim)
                .filter(|k| !k.is_empty());
            let what = if let Some(k) = kind {
                let vowel = k.starts_with(['a', 'e', 'i', 'o', 'u']);
                format!("{} {k}", if vowel { "an" } else { "a" })
            } else if text.starts_with("unknown variant") {
                "a value it does not know".to_string()
            } else if text.starts_with("invalid length") {
                text.split(", expected").next().unwrap_or(text).to_string()
            } else {
                "a value".to_string()
            };
            match expected {
                Some(exp) => format!("the answer has {what} where {exp} was expected ({place})"),
                None => format!("the answer has {what} alto cannot read ({place})"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_message_only() {
        let b = ErrorBody::parse(br#"{"message":"Unauthorized or invalid token provided."}"#);
        assert_eq!(
            b.message.as_deref().map(String::as_str),
            Some("Unauthorized or invalid token provided.")
        );
        assert!(b.errors.is_empty());
    }

    #[test]
    fn reads_stripe_shape() {
        let b = ErrorBody::parse(
            br#"{"type":"unprocessable_entity","code":"active_subscriptions_exist","message":"Has subscriptions","doc_url":"https://docs.example/e"}"#,
        );
        assert_eq!(b.kind.as_deref(), Some("unprocessable_entity"));
        assert_eq!(b.code.as_deref(), Some("active_subscriptions_exist"));
        assert_eq!(b.doc_url.as_deref(), Some("https://docs.example/e"));
        assert_eq!(b.summary(), "Has subscriptions");
    }

    #[test]
    fn reads_field_errors_with_nested_keys() {
        let b = ErrorBody::parse(
            br#"{"message":"Invalid.","errors":{"name":["Too long."],"address.country":["Bad code.","Second."],"weird":5,"single":"one"}}"#,
        );
        assert_eq!(b.errors["name"], vec!["Too long."]);
        assert_eq!(b.errors["address.country"].len(), 2);
        assert_eq!(b.errors["single"], vec!["one"]);
        assert!(!b.errors.contains_key("weird"));
    }

    #[test]
    fn wrong_types_and_garbage_fall_back_to_raw() {
        let b = ErrorBody::parse(br#"{"message": 42, "errors": []}"#);
        assert_eq!(b.message, None);
        assert_eq!(b.summary(), r#"{"message": 42, "errors": []}"#);
        let b = ErrorBody::parse(b"<html>502 Bad Gateway</html>");
        assert_eq!(b.summary(), "<html>502 Bad Gateway</html>");
        let huge = vec![b'x'; 10_000];
        assert!(ErrorBody::parse(&huge).raw.chars().count() <= RAW_KEEP + 1);
    }

    #[test]
    fn a_huge_message_is_summarised_and_kept_whole() {
        let message = "m".repeat(3 * 1024 * 1024);
        let b = ErrorBody::parse(format!("{{\"message\":\"{message}\"}}").as_bytes());
        let s = b.summary();
        assert!(s.chars().count() < SUMMARY_MAX + 100);
        assert!(
            s.ends_with(&format!(
                "… ({} more characters)",
                message.len() - SUMMARY_MAX
            )),
            "{}",
            &s[s.len() - 60..]
        );
        assert_eq!(b.full_text().len(), message.len());
        let e = ApiError::Status {
            status: 400,
            body: Box::new(b),
        };
        assert!(e.to_string().len() < SUMMARY_MAX + 100);
    }

    #[test]
    fn retry_after_is_read_and_capped() {
        assert_eq!(parse_retry_after("2"), Some(Duration::from_secs(2)));
        assert_eq!(parse_retry_after(" x"), None);
        let huge = parse_retry_after("99999999999999999999999999").unwrap();
        assert_eq!(wait_after_429(Some(huge)), MAX_WAIT);
        assert_eq!(
            wait_after_429(parse_retry_after("999999")),
            Duration::from_secs(600)
        );
        assert_eq!(wait_after_429(None), Duration::from_secs(30));
    }

    #[test]
    fn summary_is_inert() {
        let b = ErrorBody::parse(b"{\"message\":\"a\\u001b[31mred\"}");
        assert!(!b.summary().contains('\u{1b}'));
    }

    #[test]
    fn a_decode_error_says_the_shape_never_the_value() {
        use crate::api::model::SetupIntent;
        let secret = "seti_1Abc_secret_DoNotShowMe";
        for body in [
            format!(r#"{{"client_secret": 12, "id": "{secret}"}}"#),
            format!(r#"{{"client_secret": ["{secret}"]}}"#),
            format!(r#"["{secret}", expected x"]"#),
            format!(r#"{{"client_secret": "{secret}", "url": {{"{secret}": 1}}"#),
        ] {
            let e = serde_json::from_str::<SetupIntent>(&body).unwrap_err();
            let said = shape_error(&e);
            assert!(!said.contains("DoNotShowMe"), "{said}");
            assert!(said.starts_with("the answer "), "{said}");
        }
        let e = serde_json::from_str::<u32>(r#""a, expected u64 pwned""#).unwrap_err();
        assert_eq!(
            shape_error(&e),
            "the answer has a string where u32 was expected (line 1 column 23)"
        );
    }
}
