//! What HTTPS servers are verified against: the certificates the system
//! keeps, or `SSL_CERT_FILE` / `SSL_CERT_DIR` when set, found exactly as
//! `rustls-native-certs` finds them (and read by it), checked by webpki.
//!
//! Only when they are read differs. A bundle file (one file, ~1 ms) is read
//! when the client is built; a certificate directory (hundreds of files and
//! links, ~4 ms here) only when a server's chain does not verify against the
//! file alone, as OpenSSL reads its CApath on demand. A chain that verifies
//! against the file verifies against file and directory together (more
//! anchors only add paths), and any other chain is decided against both:
//! the answer is always the one the whole store would give.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use tokio_rustls::rustls::client::WebPkiServerVerifier;
use tokio_rustls::rustls::client::danger::{
    HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier,
};
use tokio_rustls::rustls::crypto::CryptoProvider;
use tokio_rustls::rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use tokio_rustls::rustls::{self, DigitallySignedStruct, RootCertStore, SignatureScheme};

/// Where the certificates are: a bundle file and directories.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sources {
    pub file: Option<PathBuf>,
    pub dirs: Vec<PathBuf>,
}

impl Sources {
    /// rustls-native-certs' rule: `SSL_CERT_FILE` and `SSL_CERT_DIR` (a
    /// `:`-separated list) when either is set, and then nothing else;
    /// otherwise where OpenSSL keeps them on this system.
    pub fn from_env(var: impl Fn(&str) -> Option<std::ffi::OsString>) -> Sources {
        let file = var("SSL_CERT_FILE").map(PathBuf::from);
        let dirs: Vec<PathBuf> = var("SSL_CERT_DIR")
            .map(|d| {
                std::env::split_paths(&d)
                    .filter(|p| !p.as_os_str().is_empty())
                    .collect()
            })
            .unwrap_or_default();
        if file.is_some() || !dirs.is_empty() {
            return Sources { file, dirs };
        }
        let found = openssl_probe::probe();
        Sources {
            file: found.cert_file,
            dirs: found.cert_dir,
        }
    }
}

/// A TLS client config whose verifier reads `sources` as described above.
pub fn client_config(
    sources: Sources,
    provider: Arc<CryptoProvider>,
) -> Result<rustls::ClientConfig, rustls::Error> {
    let verifier = LazyDirs::new(sources, provider.clone())?;
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(config)
}

/// Every certificate in `file` and `dirs` (unparsable ones left out, as
/// rustls-native-certs leaves them), each once.
pub fn certificates(file: Option<&Path>, dirs: &[PathBuf]) -> Vec<CertificateDer<'static>> {
    let mut certs = Vec::new();
    if file.is_some() {
        certs.extend(rustls_native_certs::load_certs_from_paths(file, None).certs);
    }
    for dir in dirs {
        certs.extend(rustls_native_certs::load_certs_from_paths(None, Some(dir)).certs);
    }
    certs.sort_unstable_by(|a, b| a.as_ref().cmp(b.as_ref()));
    certs.dedup();
    certs
}

fn verifier(
    roots: RootCertStore,
    provider: &Arc<CryptoProvider>,
) -> Result<Arc<WebPkiServerVerifier>, rustls::Error> {
    WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider.clone())
        .build()
        .map_err(|e| rustls::Error::General(e.to_string()))
}

/// The file's anchors now, the directories' on the first chain they could
/// change the answer for.
#[derive(Debug)]
struct LazyDirs {
    provider: Arc<CryptoProvider>,
    file_roots: RootCertStore,
    /// `None` when the file has no certificate: the directories decide.
    from_file: Option<Arc<WebPkiServerVerifier>>,
    dirs: Vec<PathBuf>,
    with_dirs: OnceLock<Result<Arc<WebPkiServerVerifier>, rustls::Error>>,
}

impl LazyDirs {
    fn new(sources: Sources, provider: Arc<CryptoProvider>) -> Result<LazyDirs, rustls::Error> {
        let mut file_roots = RootCertStore::empty();
        file_roots.add_parsable_certificates(certificates(sources.file.as_deref(), &[]));
        let from_file = match file_roots.is_empty() {
            true => None,
            false => Some(verifier(file_roots.clone(), &provider)?),
        };
        let lazy = LazyDirs {
            provider,
            file_roots,
            from_file,
            dirs: sources.dirs,
            with_dirs: OnceLock::new(),
        };
        if lazy.from_file.is_none() {
            // Nothing to verify with until the directories are read.
            lazy.with_dirs()?;
        }
        Ok(lazy)
    }

    fn with_dirs(&self) -> Result<&Arc<WebPkiServerVerifier>, rustls::Error> {
        self.with_dirs
            .get_or_init(|| {
                let mut roots = self.file_roots.clone();
                roots.add_parsable_certificates(certificates(None, &self.dirs));
                if roots.is_empty() {
                    return Err(rustls::Error::General(
                        "No CA certificates were loaded from the system".into(),
                    ));
                }
                tracing::info!(anchors = roots.len(), "certificate directories read");
                verifier(roots, &self.provider)
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Any verifier: for what does not depend on the anchors.
    fn any(&self) -> Result<&Arc<WebPkiServerVerifier>, rustls::Error> {
        match &self.from_file {
            Some(v) => Ok(v),
            None => self.with_dirs(),
        }
    }
}

impl ServerCertVerifier for LazyDirs {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        if let Some(file) = &self.from_file {
            let verified =
                file.verify_server_cert(end_entity, intermediates, server_name, ocsp, now);
            if verified.is_ok() || self.dirs.is_empty() {
                return verified;
            }
        }
        self.with_dirs()?
            .verify_server_cert(end_entity, intermediates, server_name, ocsp, now)
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.any()?.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.any()?.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsString;

    #[test]
    fn the_environment_replaces_the_system_locations() {
        fn env(
            file: Option<&'static str>,
            dir: Option<&'static str>,
        ) -> impl Fn(&str) -> Option<OsString> {
            move |k: &str| match k {
                "SSL_CERT_FILE" => file.map(OsString::from),
                "SSL_CERT_DIR" => dir.map(OsString::from),
                _ => None,
            }
        }
        assert_eq!(
            Sources::from_env(env(Some("/a.pem"), None)),
            Sources {
                file: Some("/a.pem".into()),
                dirs: vec![]
            }
        );
        assert_eq!(
            Sources::from_env(env(None, Some("/d1::/d2"))),
            Sources {
                file: None,
                dirs: vec!["/d1".into(), "/d2".into()]
            }
        );
        // Neither: OpenSSL's places on this system, as rustls-native-certs.
        let probed = openssl_probe::probe();
        assert_eq!(
            Sources::from_env(env(None, None)),
            Sources {
                file: probed.cert_file,
                dirs: probed.cert_dir
            }
        );
    }

    #[test]
    fn the_same_certificates_as_rustls_native_certs() {
        // This machine's own store, found and read both ways.
        let sources = Sources::from_env(|k| std::env::var_os(k));
        let ours = certificates(sources.file.as_deref(), &sources.dirs);
        let mut theirs = rustls_native_certs::load_native_certs().certs;
        theirs.sort_unstable_by(|a, b| a.as_ref().cmp(b.as_ref()));
        theirs.dedup();
        assert_eq!(ours.len(), theirs.len());
        assert!(ours == theirs, "the same certificates");
    }
}
