//! The one error type of the warehouse crate.

/// What went wrong with the shared database.
#[derive(Debug, thiserror::Error)]
pub enum WarehouseError {
    /// The URL cannot be used.
    #[error("The warehouse address is not usable: {0}. Use a PostgreSQL URL like postgresql://shipbench@db.local/shipbench.")]
    BadUrl(String),
    /// The server cannot be reached (down, network, timeout).
    #[error("The warehouse database is not reachable: {0}")]
    Down(String),
    /// The server refused us (password, permissions, missing database).
    #[error("The warehouse database refused this bench: {0}")]
    Refused(String),
    /// TLS with the server failed: its certificate is not trusted, or it offers no TLS.
    #[error("The warehouse server's TLS was not accepted ({0}). For a server with its own certificate authority, add sslrootcert=/path/ca.pem and sslmode=verify-full (or verify-ca) to the URL.")]
    Untrusted(String),
    /// The shared schema could not be migrated.
    #[error("The warehouse schema could not be brought up to date: {0}")]
    Migration(String),
    /// Another bench holds the order's claim.
    #[error("Order {order_id} is being bought on bench {bench} right now (claim held until {until}).")]
    Claimed {
        /// The order.
        order_id: String,
        /// The bench holding it.
        bench: String,
        /// When the claim runs out unless renewed (RFC 3339).
        until: String,
    },
    /// This attempt's claim ran out and may have been taken by another bench.
    #[error("This bench's claim on order {0} ran out before the purchase; nothing was bought.")]
    ClaimLost(String),
    /// Any other database error.
    #[error("The warehouse database reported an error: {0}")]
    Db(String),
}

/// Result with [`WarehouseError`].
pub type Result<T, E = WarehouseError> = std::result::Result<T, E>;

impl WarehouseError {
    /// True when the server could not be reached (the bench should say "warehouse down").
    pub fn is_down(&self) -> bool {
        matches!(self, WarehouseError::Down(_))
    }
}

impl From<tokio_postgres::Error> for WarehouseError {
    fn from(e: tokio_postgres::Error) -> Self {
        if let Some(db) = e.as_db_error() {
            let code = db.code().code();
            // 28xxx: authentication; 3D000: no such database; 42501: permission.
            if code.starts_with("28") || code == "3D000" || code == "42501" {
                return WarehouseError::Refused(db.message().to_owned());
            }
            // 57P01..57P03: the server shuts down or is starting.
            if code.starts_with("57P") {
                return WarehouseError::Down(db.message().to_owned());
            }
            return WarehouseError::Db(db.message().to_owned());
        }
        let text = e.to_string();
        if text.contains("TLS handshake") {
            let detail = std::error::Error::source(&e).map(|s| s.to_string()).unwrap_or(text);
            return WarehouseError::Untrusted(detail);
        }
        if e.is_closed() || std::error::Error::source(&e).is_some_and(|s| s.is::<std::io::Error>()) {
            return WarehouseError::Down(text);
        }
        if text.contains("timed out") || text.contains("connection") || text.contains("closed") {
            return WarehouseError::Down(text);
        }
        WarehouseError::Db(text)
    }
}

impl From<deadpool_postgres::PoolError> for WarehouseError {
    fn from(e: deadpool_postgres::PoolError) -> Self {
        match e {
            deadpool_postgres::PoolError::Backend(e) => e.into(),
            other => WarehouseError::Down(other.to_string()),
        }
    }
}
