//! `ApiClient`: one method per operation in the contract.
//!
//! Safety rules kept here, in one place:
//! - the token goes only to https hosts, or plain http on loopback;
//! - redirects are not followed (they could carry the token elsewhere);
//! - GETs may be retried on 429/5xx with backoff; writes never are;
//! - a response body is read up to [`MAX_BODY`] and never trusted to parse.

use super::error::{ApiError, ErrorBody};
pub use super::http::install_tls_provider;
use super::http::{Exchange, MAX_BODY, ReadError, error_chain, read_capped};
pub use super::options::ClientOptions;
pub use super::token::Token;
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderValue, RETRY_AFTER};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use std::fmt;
use std::net::IpAddr;
use std::time::{Duration, Instant};
use url::Url;

/// What every answer but a file is asked to be.
const JSON: &str = "application/json";

#[derive(Clone)]
pub struct ApiClient {
    http: super::http::Http,
    base: Url,
    token: Token,
    pub(super) opts: ClientOptions,
    pub(super) scheduler: super::scheduler::Scheduler,
    /// Whose request this client sends: the user's, or background work.
    pub(super) priority: super::budget::Priority,
    pub(super) pacing: Option<super::scheduler::PacingNotice>,
    /// Cleared when whoever asked no longer wants the answer: the request
    /// is then dropped before it is sent.
    pub(super) interest: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>,
    /// Sent despite a 429's pause (the user asked to).
    pub(super) despite_pause: bool,
    /// Where writes are recorded (see `write.rs`).
    pub(super) journaling: Option<std::sync::Arc<super::journal::Journaling>>,
    pub(super) observer: Option<super::Observer>,
    pub(super) witness: Option<super::Witness>,
}

impl fmt::Debug for ApiClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiClient")
            .field("base", &self.base.as_str())
            .field("token", &self.token)
            .finish()
    }
}

/// Parses an API base URL and refuses one that would leak the token.
pub fn check_base_url(raw: &str) -> Result<Url, ApiError> {
    let bad = |reason: &str| ApiError::BadUrl {
        url: raw.to_string(),
        reason: reason.to_string(),
    };
    let url = Url::parse(raw.trim()).map_err(|e| bad(&e.to_string()))?;
    let host = url.host_str().ok_or_else(|| bad("no host"))?.to_string();
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&host) => {}
        "http" => return Err(ApiError::InsecureUrl { host }),
        other => return Err(bad(&format!("scheme {other:?} is not http or https"))),
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(bad("a base URL takes no query or fragment"));
    }
    Ok(url)
}

fn is_loopback(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

impl ApiClient {
    pub fn new(base_url: &str, token: Token) -> Result<ApiClient, ApiError> {
        ApiClient::with_options(base_url, token, ClientOptions::default())
    }

    pub fn with_options(
        base_url: &str,
        token: Token,
        opts: ClientOptions,
    ) -> Result<ApiClient, ApiError> {
        let base = check_base_url(base_url)?;
        let http = super::http::Http::start(&base, &opts);
        let scheduler = super::scheduler::Scheduler::new(
            base.as_str(),
            token.expose(),
            opts.per_minute,
            opts.budget_dir.as_deref(),
        );
        Ok(ApiClient {
            http,
            base,
            token,
            scheduler,
            priority: super::budget::Priority::User,
            pacing: None,
            journaling: None,
            interest: None,
            despite_pause: false,
            opts,
            observer: None,
            witness: None,
        })
    }

    pub fn base_url(&self) -> &Url {
        &self.base
    }

    /// A POST sent once: resent automatically only after a failure proven
    /// to happen before anything was sent (connection refused, DNS, TLS
    /// handshake), with the same `Idempotency-Key`.
    pub(super) async fn post_once<B: serde::Serialize, T: DeserializeOwned>(
        &self,
        path: &[&str],
        body: &B,
        idempotency_key: &str,
    ) -> Result<T, ApiError> {
        let mut attempt = 0;
        loop {
            let sent = self
                .send(Method::POST, path, Some(body), Some(idempotency_key))
                .await;
            match sent {
                Err(e @ ApiError::Connect { .. }) if attempt < self.opts.get_retries => {
                    tracing::info!(attempt, "POST not sent ({e}); trying again");
                    tokio::time::sleep(self.opts.backoff * 2u32.pow(attempt)).await;
                    attempt += 1;
                }
                Err(e) => return Err(e),
                Ok((status, bytes)) => return decode(status, &bytes),
            }
        }
    }

    /// The base URL and `segments`, each segment percent-encoded but for
    /// the unreserved characters: an id such as `auth0|64f5…` (a member)
    /// goes out as `auth0%7C64f5…`, as the contract says, and no id can
    /// add a segment, a query or a fragment.
    pub(super) fn url(&self, segments: &[&str]) -> Result<Url, ApiError> {
        use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
        const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
            .remove(b'-')
            .remove(b'.')
            .remove(b'_')
            .remove(b'~');
        let mut url = self.base.clone();
        let mut path = url.path().trim_end_matches('/').to_string();
        for s in segments {
            // A URL resolves `.` and `..` away (encoded too): such an "id"
            // would reach another resource, so it is never sent.
            if s.is_empty() || *s == "." || *s == ".." {
                return Err(ApiError::BadId { id: s.to_string() });
            }
            path.push('/');
            path.extend(utf8_percent_encode(s, SEGMENT));
        }
        url.set_path(&path);
        Ok(url)
    }

    pub(super) async fn get<T: DeserializeOwned>(&self, segments: &[&str]) -> Result<T, ApiError> {
        self.get_url(self.url(segments)?).await
    }

    /// A GET, retried on 429 (after Retry-After, which the scheduler
    /// keeps), 5xx and refused connections with backoff, within
    /// `max_retry_wait`.
    pub(super) async fn get_url<T: DeserializeOwned>(&self, url: Url) -> Result<T, ApiError> {
        let (status, bytes) = self.get_raw(url, JSON).await?;
        decode(status, &bytes)
    }

    /// A GET whose answer is kept as bytes (`accept` names what is
    /// wanted), retried as [`ApiClient::get_url`] says.
    pub(super) async fn get_raw(
        &self,
        url: Url,
        accept: &'static str,
    ) -> Result<(StatusCode, Vec<u8>), ApiError> {
        let mut attempt = 0;
        loop {
            match self
                .send_to::<()>(Method::GET, url.clone(), None, None, accept)
                .await
            {
                Ok(answer) => return Ok(answer),
                Err(err) if attempt < self.opts.get_retries => {
                    let wait = match &err {
                        // The scheduler holds the next turn until then
                        // (and says so): no sleep of our own.
                        ApiError::RateLimited { retry_after, .. } => {
                            if super::error::wait_after_429(*retry_after) > self.opts.max_retry_wait
                            {
                                return Err(err);
                            }
                            Duration::ZERO
                        }
                        ApiError::Status { status, .. } if *status >= 500 => {
                            self.opts.backoff * 2u32.pow(attempt)
                        }
                        ApiError::Connect { .. } => self.opts.backoff * 2u32.pow(attempt),
                        _ => return Err(err),
                    };
                    if wait > self.opts.max_retry_wait {
                        return Err(err);
                    }
                    tracing::info!(attempt, ?wait, "retrying GET after: {err}");
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                }
                Err(err) => return Err(err),
            }
        }
    }

    /// One HTTP exchange. Non-2xx answers become `ApiError`s.
    pub(super) async fn send<B: serde::Serialize>(
        &self,
        method: Method,
        segments: &[&str],
        body: Option<&B>,
        idempotency_key: Option<&str>,
    ) -> Result<(StatusCode, Vec<u8>), ApiError> {
        self.send_to(method, self.url(segments)?, body, idempotency_key, JSON)
            .await
    }

    async fn send_to<B: serde::Serialize>(
        &self,
        method: Method,
        url: Url,
        body: Option<&B>,
        idempotency_key: Option<&str>,
        accept: &'static str,
    ) -> Result<(StatusCode, Vec<u8>), ApiError> {
        let wanted = || {
            self.interest
                .as_ref()
                .is_none_or(|i| i.load(std::sync::atomic::Ordering::Relaxed))
        };
        let turn = self
            .scheduler
            .turn(
                (self.priority, self.despite_pause),
                self.opts.no_wait,
                self.pacing.as_ref(),
                &wanted,
            )
            .await;
        match turn {
            Err(super::scheduler::NoTurn::Wait(wait, rate_limited)) => {
                return Err(ApiError::Paced { wait, rate_limited });
            }
            Err(super::scheduler::NoTurn::Unwanted) => return Err(ApiError::Dropped),
            Ok(()) if !wanted() => return Err(ApiError::Dropped),
            Ok(()) => {}
        }
        let mut auth =
            HeaderValue::from_str(&format!("Bearer {}", self.token.expose())).map_err(|_| {
                ApiError::BadToken {
                    what: self.token.unsendable(),
                }
            })?;
        auth.set_sensitive(true);
        let mut headers = HeaderMap::new();
        headers.insert(AUTHORIZATION, auth);
        headers.insert(ACCEPT, HeaderValue::from_static(accept));
        if let Some(key) = idempotency_key.and_then(|k| HeaderValue::from_str(k).ok()) {
            headers.insert("idempotency-key", key);
        }
        let http = self
            .http
            .client()
            .await
            .map_err(|reason| ApiError::TrustStore { reason })?;
        let mut req = http.request(method.clone(), url.clone()).headers(headers);
        if let Some(body) = body {
            let json = serde_json::to_vec(body).expect("request bodies always serialise");
            req = req.header(CONTENT_TYPE, "application/json").body(json);
        }
        let started = Instant::now();
        let at = jiff::Timestamp::now();
        let result = self.exchange(req, &url).await;
        let (status, request_id, failure) = match &result {
            Ok((status, _, id, _, _)) => (Some(status.as_u16()), id.clone(), None),
            Err(e) => (e.status(), None, Some(e.to_string())),
        };
        let latency = started.elapsed();
        tracing::info!(
            method = %method,
            path = url.path(),
            status,
            ms = latency.as_millis() as u64,
            request_id,
            failure,
            "api request"
        );
        if let Some(observe) = &self.observer {
            observe(super::ApiLogEntry {
                at,
                method: method.to_string(),
                path: url.path().to_string(),
                status,
                latency,
                request_id,
                failure: failure.map(|_| match &result {
                    Err(ApiError::Timeout { .. }) => "no answer in time".to_string(),
                    Err(ApiError::Connect { .. }) => "could not connect".to_string(),
                    _ => "network error".to_string(),
                }),
            });
        }
        let (status, bytes, _, retry_after, location) = result?;
        if status.is_success() {
            return Ok((status, bytes));
        }
        if status.is_redirection() {
            return Err(ApiError::Redirect {
                status: status.as_u16(),
                location,
            });
        }
        let body = Box::new(ErrorBody::parse(&bytes));
        Err(if status == StatusCode::TOO_MANY_REQUESTS {
            let wait = super::error::wait_after_429(retry_after);
            self.scheduler.pause(wait, self.pacing.as_ref()).await;
            ApiError::RateLimited { retry_after, body }
        } else {
            ApiError::Status {
                status: status.as_u16(),
                body,
            }
        })
    }

    /// Sends `req` and reads the answer: status, body, request id and
    /// Retry-After. A transport failure or an oversized body is an error.
    async fn exchange(
        &self,
        req: reqwest::RequestBuilder,
        url: &Url,
    ) -> Result<Exchange, ApiError> {
        let shown_url = url.as_str().to_string();
        let resp = req
            .send()
            .await
            .map_err(|e| self.transport_error(&shown_url, e))?;
        let status = resp.status();
        let request_id = ["x-request-id", "request-id"]
            .iter()
            .find_map(|h| resp.headers().get(*h))
            .and_then(|v| v.to_str().ok())
            .map(|v| crate::inert::inert(v).chars().take(100).collect());
        let retry_after = resp
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(super::error::parse_retry_after);
        let location = resp
            .headers()
            .get(reqwest::header::LOCATION)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
            .map_or_else(
                || "nowhere (no Location header)".to_string(),
                |l| crate::inert::inert(&crate::inert::bounded(&l, 200, "")).into_owned(),
            );
        let bytes = read_capped(resp).await.map_err(|e| match e {
            ReadError::TooLarge => ApiError::Decode {
                status: status.as_u16(),
                reason: format!("the response is larger than {} MiB", MAX_BODY >> 20),
            },
            ReadError::Transport(e) => self.transport_error(&shown_url, e),
        })?;
        Ok((status, bytes, request_id, retry_after, location))
    }

    fn transport_error(&self, url: &str, e: reqwest::Error) -> ApiError {
        let url = url.to_string();
        // reqwest's messages name the URL but never the headers.
        let mut message = error_chain(&e);
        if message.contains("invalid peer certificate") {
            // rustls's words name the check; say where the trust comes from.
            message.push_str(
                " (the server's certificate does not verify against the trust store: the system's certificates, or SSL_CERT_FILE / SSL_CERT_DIR when set; nothing was sent)",
            );
        }
        if e.is_timeout() {
            ApiError::Timeout {
                url,
                after: self.opts.timeout,
            }
        } else if e.is_connect() {
            ApiError::Connect { url, message }
        } else {
            ApiError::Network { url, message }
        }
    }
}

pub(super) fn decode<T: DeserializeOwned>(status: StatusCode, bytes: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(bytes).map_err(|e| ApiError::Decode {
        status: status.as_u16(),
        reason: super::error::shape_error(&e),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_429_without_retry_after_waits_30_seconds_and_never_more_than_10_minutes() {
        use super::super::error::wait_after_429;
        assert_eq!(wait_after_429(None), Duration::from_secs(30));
        assert_eq!(
            wait_after_429(Some(Duration::from_secs(2))),
            Duration::from_secs(2)
        );
        assert_eq!(
            wait_after_429(Some(Duration::from_secs(999_999))),
            Duration::from_secs(600)
        );
    }

    #[test]
    fn token_never_in_debug() {
        let t = Token::new("sk_live_supersecret_123456");
        assert!(!format!("{t:?}").contains("supersecret"));
        assert!(!t.masked().contains("supersecret"));
        let c = ApiClient::new("https://api.altostrat.io", t).unwrap();
        assert!(!format!("{c:?}").contains("supersecret"));
    }

    #[test]
    fn plain_http_only_on_loopback() {
        assert!(check_base_url("https://api.altostrat.io").is_ok());
        assert!(check_base_url("http://127.0.0.1:8787").is_ok());
        assert!(check_base_url("http://localhost:8787").is_ok());
        assert!(check_base_url("http://[::1]:8787").is_ok());
        assert!(matches!(
            check_base_url("http://api.altostrat.io"),
            Err(ApiError::InsecureUrl { .. })
        ));
        assert!(matches!(
            check_base_url("http://10.0.0.1"),
            Err(ApiError::InsecureUrl { .. })
        ));
        assert!(matches!(
            check_base_url("ftp://x"),
            Err(ApiError::BadUrl { .. })
        ));
        assert!(matches!(
            check_base_url("not a url"),
            Err(ApiError::BadUrl { .. })
        ));
    }

    #[test]
    fn ids_are_escaped_into_the_path_and_dot_ids_never_sent() {
        let c = ApiClient::new("https://api.example/v1/", Token::new("t")).unwrap();
        let url = c.url(&[
            "workspaces",
            "ws_1",
            "members",
            "auth0|64f5",
            "a/b?c#d",
            "é",
        ]);
        assert_eq!(
            url.unwrap().as_str(),
            "https://api.example/v1/workspaces/ws_1/members/auth0%7C64f5/a%2Fb%3Fc%23d/%C3%A9"
        );
        for bad in ["", ".", ".."] {
            let e = c
                .url(&["workspaces", "ws_1", "billing-accounts", bad])
                .unwrap_err();
            assert!(matches!(e, ApiError::BadId { .. }), "{bad:?}: {e}");
            assert_eq!(e.exit_code(), 2);
        }
    }
}
