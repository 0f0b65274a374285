//! The API log: one entry per HTTP exchange, for the console's log pane
//! and the log file. An entry holds the method, the URL path (ids only),
//! the status, the latency and the server's request id: never a header
//! value or a body, so neither the token nor anything typed can leak
//! through it.

use std::sync::Arc;
use std::time::Duration;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiLogEntry {
    pub at: jiff::Timestamp,
    pub method: String,
    /// The URL's path; the client sends no query strings.
    pub path: String,
    /// `None` when no answer came (connection refused, timeout).
    pub status: Option<u16>,
    pub latency: Duration,
    /// `X-Request-Id` (or `Request-Id`) from the answer, when present.
    pub request_id: Option<String>,
    /// Why no answer came.
    pub failure: Option<String>,
}

/// Called once per exchange, from whichever task ran it.
pub type Observer = Arc<dyn Fn(ApiLogEntry) + Send + Sync>;

impl ApiLogEntry {
    /// `02:13:07  POST /workspaces/ws_1/billing-accounts  201  84 ms  req_12`
    pub fn line(&self) -> String {
        let status = match (self.status, &self.failure) {
            (Some(s), _) => s.to_string(),
            (None, Some(f)) => format!("— {f}"),
            (None, None) => "—".into(),
        };
        let mut line = format!(
            "{}  {} {}  {}  {} ms",
            self.at.strftime("%H:%M:%S"),
            self.method,
            self.path,
            status,
            self.latency.as_millis()
        );
        if let Some(id) = &self.request_id {
            line.push_str("  ");
            line.push_str(id);
        }
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_has_every_part() {
        let e = ApiLogEntry {
            at: "2026-11-25T02:13:07Z".parse().unwrap(),
            method: "POST".into(),
            path: "/workspaces/ws_1/billing-accounts".into(),
            status: Some(201),
            latency: Duration::from_millis(84),
            request_id: Some("req_12".into()),
            failure: None,
        };
        assert_eq!(
            e.line(),
            "02:13:07  POST /workspaces/ws_1/billing-accounts  201  84 ms  req_12"
        );
        let e = ApiLogEntry {
            status: None,
            request_id: None,
            failure: Some("could not connect".into()),
            ..e
        };
        assert!(
            e.line().ends_with("— could not connect  84 ms"),
            "{}",
            e.line()
        );
    }
}
