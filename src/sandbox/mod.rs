//! The embedded sandbox: an axum server that follows the contract, on
//! loopback only, for `alto --demo`, `alto sandbox` and the tests.
//!
//! It validates with the same rules table as the form and the CLI, answers
//! with the contract's status codes and error bodies, and keeps its data in
//! memory or in a JSON file saved atomically after every change.

pub mod billing;
mod faults;
mod idempotency;
pub mod orgs;
mod rate_limit;
mod routes;
pub mod seed;
pub mod store;
pub mod tls;
mod usage_pdf;

pub use faults::Fault;

/// The token the console sends to its embedded sandbox (which, started
/// without `--token`, takes any).
pub const DEMO_TOKEN: &str = "demo";
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use store::{Store, StoreError};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// What the sandbox starts with when it has no data file yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seed {
    /// The demo set (a few dozen workspaces).
    Demo,
    /// `n` generated workspaces without accounts, for large-list work.
    Generated(usize),
    /// The first `n` workspaces of the demo set with all they hold: a
    /// tenant small enough to index in a test at the index's pace.
    DemoFirst(usize),
    Empty,
}

#[derive(Clone, Debug)]
pub struct SandboxOptions {
    /// Must be a loopback address: the sandbox accepts any token.
    pub addr: SocketAddr,
    /// Accept only this token (any non-empty one otherwise).
    pub token: Option<String>,
    /// Persist here; in memory when `None`.
    pub data: Option<PathBuf>,
    pub seed: Seed,
    /// Lists longer than this are cut and answered with `has_more: true`,
    /// as the real API may do (it documents no paging).
    pub list_limit: usize,
    pub faults: Vec<Fault>,
    /// Answer 429 (with Retry-After) beyond this many requests a minute
    /// per bearer token, as the real API does (60); off when `None`.
    pub rate_limit: Option<usize>,
    /// Serve HTTPS with a throwaway certificate (`alto sandbox --tls`).
    pub tls: bool,
}

impl Default for SandboxOptions {
    fn default() -> Self {
        SandboxOptions {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            token: None,
            data: None,
            seed: Seed::Demo,
            list_limit: 500,
            faults: Vec::new(),
            rate_limit: None,
            tls: false,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error(
        "the sandbox listens on loopback only (it accepts any token); {0} is not a loopback address"
    )]
    NotLoopback(SocketAddr),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Tls(String),
}

/// One request the sandbox answered (tests count these).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Served {
    pub method: String,
    pub path: String,
    pub status: u16,
    /// When it arrived (tests check the pace of a client by it).
    pub at: std::time::Instant,
}

pub(crate) struct State {
    store: Mutex<Store>,
    data: Option<PathBuf>,
    token: Option<String>,
    list_limit: usize,
    faults: Vec<Fault>,
    rng: Mutex<fastrand::Rng>,
    served: Mutex<Vec<Served>>,
    /// Idempotency-Key → the first answer (or that it is still running).
    idempotency: Mutex<std::collections::HashMap<String, idempotency::Idempotent>>,
    list_429_done: std::sync::atomic::AtomicBool,
    /// `write-502-unsent-once` has answered its one write.
    unsent_502_done: std::sync::atomic::AtomicBool,
    rate_limit: Option<rate_limit::RateLimit>,
}

/// A running sandbox. Dropping it stops the server.
pub struct RunningSandbox {
    addr: SocketAddr,
    /// With TLS, the throwaway CA's certificate (PEM) that the client must
    /// trust (`SSL_CERT_FILE`).
    ca_pem: Option<String>,
    state: Arc<State>,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl RunningSandbox {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The base URL to give the client, e.g. `http://127.0.0.1:40123`
    /// (`https://` with TLS).
    pub fn url(&self) -> String {
        let scheme = if self.ca_pem.is_some() {
            "https"
        } else {
            "http"
        };
        format!("{scheme}://{}", self.addr)
    }

    /// The CA to trust when serving HTTPS.
    pub fn ca_pem(&self) -> Option<&str> {
        self.ca_pem.as_deref()
    }

    /// Every request answered so far, oldest first.
    pub fn served(&self) -> Vec<Served> {
        self.state.served.lock().expect("not poisoned").clone()
    }

    /// How many requests with this method were answered.
    pub fn count(&self, method: &str) -> usize {
        self.served().iter().filter(|s| s.method == method).count()
    }

    /// A copy of the current data.
    pub fn snapshot(&self) -> Store {
        self.state.store.lock().expect("not poisoned").clone()
    }

    /// Stops accepting connections and waits for the server to finish.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }

    /// Runs until Ctrl+C (for `alto sandbox`).
    pub async fn run_until_ctrl_c(self) {
        let _ = tokio::signal::ctrl_c().await;
        self.stop().await;
    }
}

impl Drop for RunningSandbox {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// Starts the server on a tokio runtime that must already be running.
pub async fn start(opts: SandboxOptions) -> Result<RunningSandbox, SandboxError> {
    if !opts.addr.ip().is_loopback() {
        return Err(SandboxError::NotLoopback(opts.addr));
    }
    let seeded = || match opts.seed {
        Seed::Demo => seed::demo(),
        Seed::Generated(n) => seed::generated(n),
        Seed::DemoFirst(n) => seed::demo_first(n),
        Seed::Empty => Store::default(),
    };
    let hostile = opts.faults.contains(&Fault::HostileNames);
    let seeded = || {
        let mut store = seeded();
        if hostile {
            faults::make_hostile(&mut store);
        }
        store
    };
    let store = match &opts.data {
        Some(path) => match Store::load(path)? {
            Some(store) => store,
            None => {
                let store = seeded();
                store.save(path)?;
                store
            }
        },
        None => seeded(),
    };
    let listener = tokio::net::TcpListener::bind(opts.addr)
        .await
        .map_err(|source| SandboxError::Bind {
            addr: opts.addr,
            source,
        })?;
    let addr = listener.local_addr().map_err(|source| SandboxError::Bind {
        addr: opts.addr,
        source,
    })?;
    let state = Arc::new(State {
        store: Mutex::new(store),
        data: opts.data,
        token: opts.token,
        list_limit: opts.list_limit,
        faults: opts.faults,
        rng: Mutex::new(fastrand::Rng::new()),
        served: Mutex::new(Vec::new()),
        idempotency: Mutex::new(Default::default()),
        list_429_done: Default::default(),
        unsent_502_done: Default::default(),
        rate_limit: opts.rate_limit.map(rate_limit::RateLimit::new),
    });
    let app = routes::router(state.clone());
    let (tx, rx) = oneshot::channel::<()>();
    let stopped = async {
        let _ = rx.await;
    };
    let (task, ca_pem) = match opts.tls {
        false => (tokio::spawn(serve(listener, app, stopped)), None),
        true => {
            let tls = tls::Tls::throwaway().map_err(SandboxError::Tls)?;
            let listener = tls.listen(listener).map_err(|source| SandboxError::Bind {
                addr: opts.addr,
                source,
            })?;
            (
                tokio::spawn(serve(listener, app, stopped)),
                Some(tls.ca_pem),
            )
        }
    };
    tracing::info!(%addr, tls = ca_pem.is_some(), "sandbox listening");
    Ok(RunningSandbox {
        addr,
        ca_pem,
        state,
        shutdown: Some(tx),
        task: Some(task),
    })
}

async fn serve<L>(
    listener: L,
    app: axum::Router,
    stopped: impl std::future::Future<Output = ()> + Send + 'static,
) where
    L: axum::serve::Listener,
    L::Addr: std::fmt::Debug,
{
    let served = axum::serve(listener, app).with_graceful_shutdown(stopped);
    if let Err(e) = served.await {
        tracing::error!("sandbox server stopped: {e}");
    }
}
