//! The station's one error type: every failure an operator can meet, as a sentence they can act on.

use std::path::PathBuf;

/// Everything that can go wrong in the station.
///
/// Display strings are whole sentences meant for the operator; the source error (if any) is kept
/// for logs. The Shippo token never appears in any variant.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StationError {
    /// The database file could not be opened or created.
    #[error("Shipbench could not open its order database at {path}: {source}. Check that the folder exists and is writable.")]
    StoreOpen {
        /// The database file.
        path: PathBuf,
        /// What SQLite said.
        #[source]
        source: rusqlite::Error,
    },
    /// Migrating the database to the current schema failed.
    #[error("Shipbench could not update its order database to the current version: {0}. The file may come from a newer Shipbench.")]
    Migration(String),
    /// Any other SQLite failure.
    #[error("The order database reported an error: {0}.")]
    Sqlite(#[from] rusqlite::Error),
    /// A value stored in the database could not be read back (corrupt or from a newer version).
    #[error("A stored value could not be read: {0}.")]
    Corrupt(String),
    /// Reading or writing a file failed.
    #[error("Shipbench could not read or write {path}: {source}.")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// JSON could not be written or read.
    #[error("Invalid JSON: {0}.")]
    Json(#[from] serde_json::Error),
    /// A settings file to import is not a Shipbench settings file.
    #[error("The settings file is not valid: {0}.")]
    InvalidSettings(String),
    /// Something the caller asked for does not exist in the store.
    #[error("{what} was not found in the local order cache.")]
    NotFound {
        /// What was looked for, e.g. "Order #1068".
        what: String,
    },
    /// A new order has problems and was not sent to Shippo.
    #[error("The order cannot be sent to Shippo: {0}.")]
    InvalidOrder(String),
    /// A CSV file could not be read at all (as opposed to single bad rows, which are reported per line).
    #[error("The CSV file could not be read: {0}.")]
    Csv(String),
    /// A Shippo call failed; the message is the client's operator sentence.
    #[error("{0}")]
    Shippo(#[from] shippo::Error),
    /// The background worker running database work stopped unexpectedly.
    #[error("The database worker stopped unexpectedly: {0}.")]
    Worker(String),
    /// Another holder has the order locked (for example a purchase in flight on another bench window).
    #[error("Order {order_id} is busy: {owner} is working on it. Try again in a moment.")]
    OrderLocked {
        /// The locked order.
        order_id: String,
        /// Who holds the lock.
        owner: String,
    },
    // ---- buy & print workflow and print queue (engineer "workflow") ----
    /// The order already has a label; buying another needs the explicit "buy another label" choice.
    #[error("Order {order} already has a label ({detail}). To buy one more on purpose, choose \"Buy another label\" (--another).")]
    AlreadyLabelled {
        /// Order number or id.
        order: String,
        /// Tracking number or transaction of the existing label.
        detail: String,
    },
    /// Another bench (or the shop) shipped the order already.
    #[error("Order {order} was already shipped elsewhere ({detail}); its label information is now saved here. Nothing was bought. To buy one more on purpose, use \"Buy another label\" (--another).")]
    ShippedElsewhere {
        /// Order number or id.
        order: String,
        /// What Shippo shows.
        detail: String,
    },
    /// A purchase for the order is unresolved and Shippo could not be asked about it.
    #[error("An earlier purchase for order {order} is still unresolved ({detail}). Shipbench will not buy again until it knows whether that one went through; try again in a moment.")]
    PurchaseUnresolved {
        /// Order number or id.
        order: String,
        /// Why it could not be settled.
        detail: String,
    },
    /// A buy-and-print step cannot go on; the sentence says what to fix.
    #[error("{0}")]
    Workflow(String),
    /// A printer problem, as the printing crate words it.
    #[error("{0}")]
    Print(String),
}

/// The station's result type.
pub type Result<T, E = StationError> = std::result::Result<T, E>;
