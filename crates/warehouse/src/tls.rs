//! TLS to the warehouse server, as libpq reads it from the URL: `sslmode` (`disable`, `allow`,
//! `prefer`, `require`, `verify-ca`, `verify-full`) and `sslrootcert` (a PEM file with the CA that
//! signed the server's certificate, or `system` for the public web roots).
//!
//! * A LAN server with its own CA: `postgresql://ship@db.lan/wh?sslmode=verify-full&sslrootcert=/etc/shipbench/ca.pem`
//!   (or `verify-ca` when the certificate does not name the host the bench dials).
//! * With `sslrootcert`, `require` checks the chain like `verify-ca` (as libpq does).
//! * Without `sslrootcert`, the public web roots are trusted (as before), and `prefer`/`require`
//!   also check the host name; a self-signed server then needs its CA given, or `sslmode=disable`.
//!
//! Both parameters are taken out of the URL before tokio-postgres reads it (it knows neither
//! `verify-*` nor `sslrootcert`) and stay in the URL the bench stores and shows.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, RootCertStore, SignatureScheme};

use crate::error::{Result, WarehouseError};

/// libpq's `sslmode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SslMode {
    /// No TLS.
    Disable,
    /// TLS if the server insists (treated like `prefer`).
    Allow,
    /// TLS when the server offers it (the default).
    #[default]
    Prefer,
    /// TLS or nothing.
    Require,
    /// TLS, the server's certificate signed by a trusted CA (host name not checked).
    VerifyCa,
    /// TLS, the certificate signed by a trusted CA and naming the host dialled.
    VerifyFull,
}

impl SslMode {
    fn parse(v: &str) -> Result<SslMode> {
        Ok(match v {
            "disable" => SslMode::Disable,
            "allow" => SslMode::Allow,
            "prefer" => SslMode::Prefer,
            "require" => SslMode::Require,
            "verify-ca" => SslMode::VerifyCa,
            "verify-full" => SslMode::VerifyFull,
            other => {
                return Err(WarehouseError::BadUrl(format!(
                    "sslmode '{other}' is not one of disable, allow, prefer, require, verify-ca, verify-full"
                )))
            }
        })
    }

    /// The mode tokio-postgres knows (it verifies nothing itself; the verifier does).
    pub(crate) fn pg(self) -> tokio_postgres::config::SslMode {
        match self {
            SslMode::Disable => tokio_postgres::config::SslMode::Disable,
            SslMode::Allow | SslMode::Prefer => tokio_postgres::config::SslMode::Prefer,
            SslMode::Require | SslMode::VerifyCa | SslMode::VerifyFull => tokio_postgres::config::SslMode::Require,
        }
    }
}

/// Which certificates the bench trusts for the server.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum RootCert {
    /// The public web roots (`sslrootcert=system`, or none given).
    #[default]
    WebRoots,
    /// The CA certificates in this PEM file.
    File(PathBuf),
}

/// The TLS part of the URL.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TlsSettings {
    /// `sslmode`.
    pub mode: SslMode,
    /// `sslrootcert`.
    pub root: RootCert,
}

impl TlsSettings {
    /// Takes `sslmode` and `sslrootcert` out of the URL's query, and checks the CA file reads.
    pub(crate) fn take_from(url: &mut url::Url) -> Result<TlsSettings> {
        let mut s = TlsSettings::default();
        let mut rest = Vec::new();
        for (k, v) in url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())) {
            match (k.as_str(), v.as_str()) {
                ("sslmode", mode) => s.mode = SslMode::parse(mode)?,
                ("sslrootcert", "system") => s.root = RootCert::WebRoots,
                ("sslrootcert", path) => s.root = RootCert::File(PathBuf::from(path)),
                _ => rest.push((k.clone(), v.clone())),
            }
        }
        if rest.is_empty() {
            url.set_query(None);
        } else {
            url.query_pairs_mut().clear().extend_pairs(rest);
        }
        if let RootCert::File(p) = &s.root {
            read_roots(p)?;
        }
        Ok(s)
    }

    /// Whether the certificate must name the host dialled.
    fn checks_host(&self) -> bool {
        match (&self.root, self.mode) {
            (_, SslMode::VerifyFull) => true,
            (_, SslMode::VerifyCa) => false,
            // With a CA of its own, libpq checks the chain only below verify-full.
            (RootCert::File(_), _) => false,
            (RootCert::WebRoots, _) => true,
        }
    }

    /// The rustls connector for the pool.
    pub(crate) fn connector(&self) -> Result<tokio_postgres_rustls::MakeRustlsConnect> {
        let roots = match &self.root {
            RootCert::WebRoots => RootCertStore { roots: webpki_roots::TLS_SERVER_ROOTS.to_vec() },
            RootCert::File(p) => read_roots(p)?,
        };
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let inner = WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider.clone())
            .build()
            .map_err(|e| WarehouseError::BadUrl(format!("the trusted certificates cannot be used: {e}")))?;
        let verifier = Verifier { inner, check_host: self.checks_host() };
        let config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| WarehouseError::BadUrl(e.to_string()))?
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(verifier))
            .with_no_client_auth();
        Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
    }
}

/// The CA certificates of a PEM file.
fn read_roots(path: &Path) -> Result<RootCertStore> {
    let bad = |why: String| WarehouseError::BadUrl(format!("the CA file {} (sslrootcert) {why}", path.display()));
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(path)
        .map_err(|e| bad(format!("cannot be read: {e}")))?
        .collect::<std::result::Result<_, _>>()
        .map_err(|e| bad(format!("is not PEM: {e}")))?;
    let mut roots = RootCertStore::empty();
    let (added, _) = roots.add_parsable_certificates(certs);
    if added == 0 {
        return Err(bad("holds no usable certificate".into()));
    }
    Ok(roots)
}

/// The WebPKI chain check, with the host name check only when the mode asks for it.
#[derive(Debug)]
struct Verifier {
    inner: Arc<WebPkiServerVerifier>,
    check_host: bool,
}

impl ServerCertVerifier for Verifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        match self.inner.verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now) {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) if !self.check_host => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.inner.supported_verify_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn take(u: &str) -> (String, Result<TlsSettings>) {
        let mut url = url::Url::parse(u).unwrap();
        let s = TlsSettings::take_from(&mut url);
        (url.to_string(), s)
    }

    #[test]
    fn libpq_parameters_are_taken_out_and_read() {
        let (rest, s) = take("postgresql://a@h/db?sslmode=verify-full&application_name=x");
        assert_eq!(rest, "postgresql://a@h/db?application_name=x");
        let s = s.unwrap();
        assert_eq!((s.mode, s.root.clone()), (SslMode::VerifyFull, RootCert::WebRoots));
        assert!(s.checks_host());
        let (rest, s) = take("postgresql://a@h/db?sslmode=require&sslrootcert=system");
        assert_eq!(rest, "postgresql://a@h/db");
        assert_eq!(s.unwrap().mode.pg(), tokio_postgres::config::SslMode::Require);
    }

    #[test]
    fn a_bad_mode_or_a_missing_ca_file_gets_one_sentence() {
        let e = take("postgresql://a@h/db?sslmode=verify").1.unwrap_err().to_string();
        assert!(e.contains("verify-ca, verify-full"), "{e}");
        let e = take("postgresql://a@h/db?sslmode=verify-ca&sslrootcert=/nonexistent/ca.pem").1.unwrap_err().to_string();
        assert!(e.contains("/nonexistent/ca.pem") && e.contains("cannot be read"), "{e}");
    }
}
