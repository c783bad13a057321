//! Where the warehouse database is, and the bench's name there.

use std::str::FromStr;

use crate::error::{Result, WarehouseError};
use crate::tls::TlsSettings;

/// How a bench reaches the warehouse database.
#[derive(Clone)]
pub struct WarehouseConfig {
    url: String,
    /// The URL tokio-postgres reads: without the password and the TLS parameters.
    pg_url: String,
    password: Option<String>,
    bench: String,
    tls: TlsSettings,
}

impl std::fmt::Debug for WarehouseConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WarehouseConfig")
            .field("url", &self.url)
            .field("password", &self.password.as_ref().map(|_| "…"))
            .field("bench", &self.bench)
            .field("tls", &self.tls)
            .finish()
    }
}

impl WarehouseConfig {
    /// A configuration from a PostgreSQL URL (`postgresql://user[:password]@host[:port]/db[?…]`;
    /// a unix socket directory goes in `?host=/path`). A password in the URL is taken out of it
    /// (see [`WarehouseConfig::password`]); `password` given here wins over it. TLS is read as
    /// libpq reads it (`sslmode`, `sslrootcert`: see [`crate::tls`]).
    pub fn new(url: &str, password: Option<String>, bench: &str) -> Result<Self> {
        let bench = bench.trim();
        if bench.is_empty() {
            return Err(WarehouseError::BadUrl("the bench needs a name".into()));
        }
        let mut parsed = url::Url::parse(url.trim()).map_err(|e| WarehouseError::BadUrl(e.to_string()))?;
        if !matches!(parsed.scheme(), "postgres" | "postgresql") {
            return Err(WarehouseError::BadUrl(format!("'{}' is not a postgresql:// URL", parsed.scheme())));
        }
        let from_url = parsed.password().map(|p| {
            url::form_urlencoded::parse(format!("p={p}").as_bytes())
                .next()
                .map(|(_, v)| v.into_owned())
                .unwrap_or_default()
        });
        parsed.set_password(None).map_err(|_| WarehouseError::BadUrl("cannot take the password out".into()))?;
        let url = parsed.to_string();
        let tls = TlsSettings::take_from(&mut parsed)?;
        let pg_url = parsed.to_string();
        tokio_postgres::Config::from_str(&pg_url).map_err(|e| WarehouseError::BadUrl(e.to_string()))?;
        Ok(WarehouseConfig {
            url,
            pg_url,
            password: password.or(from_url).filter(|p| !p.is_empty()),
            bench: bench.to_owned(),
            tls,
        })
    }

    /// The URL without the password: safe to store and show.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The password (for the OS keyring), if any.
    pub fn password(&self) -> Option<&str> {
        self.password.as_deref()
    }

    /// This bench's name in the warehouse.
    pub fn bench(&self) -> &str {
        &self.bench
    }

    /// How the bench talks TLS to the server.
    pub fn tls(&self) -> &TlsSettings {
        &self.tls
    }

    /// The tokio-postgres configuration (password included).
    pub(crate) fn pg(&self) -> Result<tokio_postgres::Config> {
        let mut c = tokio_postgres::Config::from_str(&self.pg_url).map_err(|e| WarehouseError::BadUrl(e.to_string()))?;
        c.ssl_mode(self.tls.mode.pg());
        if let Some(p) = &self.password {
            c.password(p);
        }
        if c.get_connect_timeout().is_none() {
            c.connect_timeout(std::time::Duration::from_secs(3));
        }
        c.application_name(format!("shipbench {}", self.bench));
        Ok(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_is_taken_out_of_the_url() {
        let c = WarehouseConfig::new("postgresql://ship:s%40cret@db.local:5433/wh", None, "bench-1").unwrap();
        assert_eq!(c.url(), "postgresql://ship@db.local:5433/wh");
        assert_eq!(c.password(), Some("s@cret"));
        assert!(!format!("{c:?}").contains("cret"));
    }

    #[test]
    fn bad_urls_get_one_sentence() {
        let e = WarehouseConfig::new("mysql://x@y/z", None, "b").unwrap_err();
        assert!(e.to_string().contains("postgresql://"), "{e}");
        assert!(WarehouseConfig::new("postgresql://x@y/z", None, " ").is_err());
    }
}
