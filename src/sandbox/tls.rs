//! `alto sandbox --tls`: HTTPS on loopback with a throwaway certificate, so
//! the path real users take (the trust store, the handshake) can be tried
//! and measured without the internet.
//!
//! A fresh CA and a certificate it signs for `localhost`, `127.0.0.1` and
//! `::1` are made at every start and never kept; the CA (certificate only,
//! no key) is written where the user asks, for `SSL_CERT_FILE`. The client
//! is not told anything else: it verifies the sandbox exactly as it
//! verifies the real API.

use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose,
};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::{self, pki_types};

/// The names the sandbox's certificate is valid for.
const NAMES: [&str; 3] = ["localhost", "127.0.0.1", "::1"];

/// A handshake that takes longer is dropped: a client that connects and
/// says nothing holds one task, never the listener.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// The server's side of a throwaway certificate authority.
pub struct Tls {
    /// The CA's certificate, PEM: what a client needs to trust the sandbox.
    pub ca_pem: String,
    config: Arc<rustls::ServerConfig>,
}

impl Tls {
    /// A new CA and a server certificate signed by it.
    pub fn throwaway() -> Result<Tls, String> {
        let fail = |e: rcgen::Error| format!("cannot make the sandbox's certificate: {e}");
        let ca_key = KeyPair::generate().map_err(fail)?;
        let mut ca = CertificateParams::new(Vec::<String>::new()).map_err(fail)?;
        ca.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
        ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        ca.distinguished_name
            .push(DnType::CommonName, "alto sandbox CA (throwaway)");
        let ca_cert = ca.self_signed(&ca_key).map_err(fail)?;

        let key = KeyPair::generate().map_err(fail)?;
        let names: Vec<String> = NAMES.iter().map(|s| s.to_string()).collect();
        let mut leaf = CertificateParams::new(names).map_err(fail)?;
        leaf.is_ca = IsCa::ExplicitNoCa;
        leaf.distinguished_name
            .push(DnType::CommonName, "localhost");
        leaf.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        leaf.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        let leaf_cert = leaf
            .signed_by(&key, &Issuer::new(ca, &ca_key))
            .map_err(fail)?;

        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let chain = vec![leaf_cert.der().clone(), ca_cert.der().clone()];
        let private = pki_types::PrivateKeyDer::Pkcs8(key.serialize_der().into());
        let mut config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .and_then(|b| b.with_no_client_auth().with_single_cert(chain, private))
            .map_err(|e| format!("cannot set up the sandbox's TLS: {e}"))?;
        // The sandbox speaks HTTP/1.1 only (axum's http1).
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(Tls {
            ca_pem: ca_cert.pem(),
            config: Arc::new(config),
        })
    }

    /// Listens on `tcp`: each connection's handshake runs in a task of its
    /// own, and only finished ones are handed to the server.
    pub fn listen(&self, tcp: TcpListener) -> std::io::Result<TlsListener> {
        let addr = tcp.local_addr()?;
        let acceptor = TlsAcceptor::from(self.config.clone());
        let (tx, rx) = mpsc::channel(64);
        let task = tokio::spawn(accept_loop(tcp, acceptor, tx));
        Ok(TlsListener {
            addr,
            ready: rx,
            _accepting: AbortOnDrop(task),
        })
    }
}

type Stream = tokio_rustls::server::TlsStream<TcpStream>;

async fn accept_loop(
    tcp: TcpListener,
    acceptor: TlsAcceptor,
    tx: mpsc::Sender<(Stream, SocketAddr)>,
) {
    loop {
        let (stream, peer) = match tcp.accept().await {
            Ok(accepted) => accepted,
            Err(e) => {
                // Out of file descriptors and the like: wait, do not spin.
                tracing::warn!("sandbox accept: {e}");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let acceptor = acceptor.clone();
        let tx = tx.clone();
        tokio::spawn(async move {
            match tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(stream)).await {
                Ok(Ok(tls)) => {
                    let _ = tx.send((tls, peer)).await;
                }
                Ok(Err(e)) => tracing::info!(%peer, "sandbox TLS handshake failed: {e}"),
                Err(_) => tracing::info!(%peer, "sandbox TLS handshake timed out"),
            }
        });
    }
}

/// Stops accepting when the server lets go of its listener.
struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Connections that have finished their TLS handshake, for `axum::serve`.
pub struct TlsListener {
    addr: SocketAddr,
    ready: mpsc::Receiver<(Stream, SocketAddr)>,
    _accepting: AbortOnDrop,
}

impl axum::serve::Listener for TlsListener {
    type Io = Stream;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        match self.ready.recv().await {
            Some(ready) => ready,
            // The accept loop holds a sender until it is aborted with this
            // listener, so this is never reached while serving.
            None => std::future::pending().await,
        }
    }

    fn local_addr(&self) -> std::io::Result<Self::Addr> {
        Ok(self.addr)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ca_is_a_certificate_and_no_key() {
        let tls = Tls::throwaway().unwrap();
        assert!(tls.ca_pem.starts_with("-----BEGIN CERTIFICATE-----"));
        assert!(!tls.ca_pem.contains("PRIVATE KEY"));
        // A new CA every time: nothing to steal from an old run.
        assert_ne!(tls.ca_pem, Tls::throwaway().unwrap().ca_pem);
    }
}
