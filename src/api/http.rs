//! The HTTP client under `ApiClient`, and when it is built.
//!
//! For HTTPS, building it loads the trust store (the system's certificates
//! and `SSL_CERT_FILE` / `SSL_CERT_DIR`): a few ms of reading and parsing
//! hundreds of certificates. That happens on a thread of its own, started
//! when the client is made, so the console sets up the terminal and draws
//! its first frame meanwhile; the first request waits for it.
//! Verification itself is unchanged: the same store, the same webpki checks.
//!
//! Plain http (loopback only) uses no TLS, so it loads no store and is
//! ready at once.

use super::options::ClientOptions;
use reqwest::StatusCode;
use std::time::Duration;
use tokio::sync::watch;
use url::Url;

/// Responses larger than this are refused rather than buffered. A list of
/// 100,000 workspaces is about 20 MiB; 64 MiB leaves room for that and
/// still stops a server that streams without end.
pub const MAX_BODY: usize = 64 * 1024 * 1024;

/// Makes ring the process's TLS crypto, which reqwest takes (see Cargo.toml
/// for why not aws-lc). Any `reqwest::Client` needs it first; installing it
/// again is a no-op.
pub fn install_tls_provider() {
    let _ = tokio_rustls::rustls::crypto::ring::default_provider().install_default();
}

/// The built client, or why it could not be built (shared by every clone).
type Built = Result<reqwest::Client, String>;

/// A handle on the one HTTP client (and so the one connection pool) of an
/// `ApiClient` and its clones.
#[derive(Clone)]
pub(super) struct Http {
    ready: watch::Receiver<Option<Built>>,
}

impl Http {
    /// Starts building the client for `base`: at once for plain http, on a
    /// thread for HTTPS.
    pub fn start(base: &Url, opts: &ClientOptions) -> Http {
        install_tls_provider();
        let (connect, timeout) = (opts.connect_timeout, opts.timeout);
        if base.scheme() == "http" {
            let (_, ready) = watch::channel(Some(build(connect, timeout, false)));
            return Http { ready };
        }
        let (tx, ready) = watch::channel(None);
        let tx = std::sync::Arc::new(tx);
        let on_thread = tx.clone();
        let spawned = std::thread::Builder::new()
            .name("alto-tls".into())
            .spawn(move || on_thread.send_replace(Some(build(connect, timeout, true))));
        if let Err(e) = spawned {
            // No thread to be had (a process limit): build it here.
            tracing::warn!("loading the certificate store in place: {e}");
            tx.send_replace(Some(build(connect, timeout, true)));
        }
        Http { ready }
    }

    /// The client, once built (a clone: it shares the connection pool).
    pub async fn client(&self) -> Built {
        let mut ready = self.ready.clone();
        match ready.wait_for(Option::is_some).await {
            Ok(built) => built.clone().unwrap_or_else(|| Err("not built".into())),
            // The thread ended without a word: it panicked.
            Err(_) => Err("the certificate store could not be loaded".into()),
        }
    }
}

fn build(connect: Duration, timeout: Duration, tls: bool) -> Built {
    let mut builder = reqwest::Client::builder()
        .connect_timeout(connect)
        .timeout(timeout)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("alto/", env!("CARGO_PKG_VERSION")));
    if !tls {
        // Plain http is only ever loopback (check_base_url) and redirects
        // are not followed, so TLS is never used: no certificate store.
        builder = builder.tls_certs_only(std::iter::empty());
    }
    #[cfg(all(unix, not(target_vendor = "apple")))]
    if tls {
        let provider = std::sync::Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
        let sources = super::trust::Sources::from_env(|k| std::env::var_os(k));
        let config = super::trust::client_config(sources, provider).map_err(|e| cause(&e))?;
        builder = builder.tls_backend_preconfigured(config);
    }
    builder.build().map_err(|e| cause(&e))
}

/// Why the client could not be built, in words a user can act on:
/// reqwest's own ("builder error") say nothing, the cause (no certificates
/// found, a bad file) is the last source, and rustls words its General
/// errors "unexpected error: …".
pub(super) fn cause(e: &dyn std::error::Error) -> String {
    let mut cause = e;
    while let Some(next) = cause.source() {
        cause = next;
    }
    let text = cause.to_string();
    text.trim_start_matches("unexpected error: ").to_string()
}

/// What went wrong, once: the deepest cause (reqwest, hyper and the OS
/// each say the same failure again in their words: "error sending
/// request for url (…): client error (Connect): tcp connect error:
/// Connection refused (os error 111)" is "connection refused"), without
/// the OS's error number.
pub(super) fn error_chain(e: &dyn std::error::Error) -> String {
    let text = cause(e);
    let text = match text.rfind(" (os error ") {
        Some(i) if text.ends_with(')') => &text[..i],
        _ => &text,
    };
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => e.to_string(),
    }
}

/// Status, body, request id, Retry-After and Location of one answer.
pub(super) type Exchange = (
    StatusCode,
    Vec<u8>,
    Option<String>,
    Option<Duration>,
    String,
);

pub(super) enum ReadError {
    TooLarge,
    Transport(reqwest::Error),
}

pub(super) async fn read_capped(mut resp: reqwest::Response) -> Result<Vec<u8>, ReadError> {
    if resp.content_length().is_some_and(|n| n as usize > MAX_BODY) {
        return Err(ReadError::TooLarge);
    }
    // Sized from Content-Length when given: a big body is then held once,
    // not grown by doubling (which briefly holds it twice).
    let mut out = Vec::with_capacity(resp.content_length().map_or(0, |n| n as usize));
    while let Some(chunk) = resp.chunk().await.map_err(ReadError::Transport)? {
        if out.len() + chunk.len() > MAX_BODY {
            return Err(ReadError::TooLarge);
        }
        out.extend_from_slice(&chunk);
    }
    Ok(out)
}
