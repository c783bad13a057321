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
    /// The order asked for (by number or object id) is not in the local cache; a sync may bring it.
    #[error("Order {order} was not found in the local order cache.")]
    OrderNotFound {
        /// The order as given, e.g. "#1068".
        order: String,
    },
    /// A new order has problems and was not sent to Shippo.
    #[error("The order cannot be sent to Shippo: {0}.")]
    InvalidOrder(String),
    /// A CSV file could not be read at all (as opposed to single bad rows, which are reported per line).
    #[error("The CSV file could not be read: {0}.")]
    Csv(String),
    /// A Shippo call failed; the message is the client's operator sentence. Transparent, so an
    /// error chain (`{err:#}`) names the cause once.
    #[error(transparent)]
    Shippo(#[from] shippo::Error),
    /// The background worker running database work stopped unexpectedly.
    #[error("The database worker stopped unexpectedly: {0}.")]
    Worker(String),
    /// Another holder has the order locked (for example a purchase in flight on another bench window).
    #[error("Order {order_id} is already being bought ({owner} is working on it). Nothing more was bought; try again in a moment if that purchase fails.")]
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
    /// Shippo offered no rate (or no priced rate the rule could pick) for the shipment.
    #[error("{0}")]
    NoRates(String),
    /// Shippo refused the purchase (or an interrupted one turned out not bought): nothing was charged.
    #[error("{0}")]
    PurchaseRefused(String),
    /// No printer is set up for the document, or the one named does not exist.
    #[error("{0}")]
    NoPrinter(String),
    /// A printer took the job but failed it, or could not be reached.
    #[error("{0}")]
    PrinterFailed(String),
    /// A file to print is larger than anything Shipbench prints.
    #[error("{0}")]
    TooLarge(String),
    /// A print job is in a state that does not allow what was asked (retry a printed job, say).
    #[error("{0}")]
    JobNotChangeable(String),
    /// The first LIVE purchase of a run needs the operator's confirmation (see
    /// [`crate::account::LiveConfirmation`]).
    #[error("This is the first LIVE purchase since Shipbench started: it costs real money. Confirm to buy.")]
    ConfirmLive,
    /// No order was given (an empty scan).
    #[error("Scan or type an order number first.")]
    NoOrderGiven,
    /// The token or the keyring failed (see [`crate::secrets::SecretsError`]).
    #[error(transparent)]
    Secrets(#[from] crate::secrets::SecretsError),
    /// A buy-and-print step cannot go on; the sentence says what to fix.
    #[error("{0}")]
    Workflow(String),
    /// A setting was given a value it does not take; the sentence names what is allowed.
    #[error("{0}")]
    BadSetting(String),
    /// Warehouse mode: the shared database cannot be reached, so the order cannot be claimed.
    /// Nothing was bought; the operator may choose "buy without the warehouse check" per order.
    #[error("The warehouse database is not reachable, so Shipbench cannot make sure no other bench is buying order {order}. Nothing was bought. Try again when it is back, or choose \"Buy without the warehouse check\" for this order if you are sure no other bench has it (that purchase is reported to the warehouse when it is back). ({detail})")]
    WarehouseDown {
        /// The order.
        order: String,
        /// What the connection said.
        detail: String,
    },
    /// Warehouse mode: the shared database failed otherwise (see [`warehouse::WarehouseError`]).
    #[error(transparent)]
    Warehouse(#[from] warehouse::WarehouseError),
}

/// What kind of failure a [`StationError`] is: a stable code the window and the CLI branch on
/// (serialised in snake_case: `"already_labelled"`, `"confirm_live"`, …). The sentence to show is
/// the error's `Display`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The order (or label, job…) is not in the local cache.
    NotFound,
    /// The order already has a label; "buy another" is the explicit choice.
    AlreadyLabelled,
    /// Another bench or the shop shipped the order already.
    ShippedElsewhere,
    /// Another holder is working on the order.
    Busy,
    /// An earlier purchase is still unresolved.
    Unresolved,
    /// The first LIVE purchase of the run waits for the operator's yes.
    ConfirmLive,
    /// Shippo offered no rate for the shipment.
    NoRates,
    /// Shippo refused the purchase; nothing was charged.
    PurchaseRefused,
    /// No printer is set up for the document.
    NoPrinter,
    /// The printer failed the job or could not be reached.
    Printer,
    /// Any other Shippo failure (unreachable, refused token, rate limit…).
    Shippo,
    /// A buy & print step cannot go on for another reason; the sentence says what to fix.
    Workflow,
    /// The order database failed.
    Storage,
    /// What was given (an order, a file, a setting) is not usable.
    InvalidInput,
    /// A file could not be read or written.
    Io,
    /// The Shippo token is missing its shape, refused, or could not be checked.
    Token,
    /// The OS keyring failed.
    Keyring,
    /// A fault of Shipbench itself (a worker stopped, JSON could not be written).
    Internal,
    /// Warehouse mode: the shared database is down; buying waits for the operator's choice
    /// ("buy without the warehouse check", `BuyOptions::without_warehouse`).
    WarehouseDown,
    /// Warehouse mode: the shared database failed otherwise (address, password, schema).
    Warehouse,
}

impl StationError {
    /// The kind of this error, for callers that branch (the window, the CLI's retry).
    pub fn kind(&self) -> ErrorKind {
        use crate::secrets::SecretsError as S;
        match self {
            StationError::StoreOpen { .. }
            | StationError::Migration(_)
            | StationError::Sqlite(_)
            | StationError::Corrupt(_) => ErrorKind::Storage,
            StationError::Io { .. } => ErrorKind::Io,
            StationError::Json(_) | StationError::Worker(_) => ErrorKind::Internal,
            StationError::InvalidSettings(_)
            | StationError::InvalidOrder(_)
            | StationError::Csv(_)
            | StationError::NoOrderGiven
            | StationError::TooLarge(_)
            | StationError::JobNotChangeable(_) => ErrorKind::InvalidInput,
            StationError::NotFound { .. } | StationError::OrderNotFound { .. } => ErrorKind::NotFound,
            StationError::Shippo(_) => ErrorKind::Shippo,
            StationError::OrderLocked { .. } => ErrorKind::Busy,
            StationError::AlreadyLabelled { .. } => ErrorKind::AlreadyLabelled,
            StationError::ShippedElsewhere { .. } => ErrorKind::ShippedElsewhere,
            StationError::PurchaseUnresolved { .. } => ErrorKind::Unresolved,
            StationError::NoRates(_) => ErrorKind::NoRates,
            StationError::PurchaseRefused(_) => ErrorKind::PurchaseRefused,
            StationError::NoPrinter(_) => ErrorKind::NoPrinter,
            StationError::PrinterFailed(_) => ErrorKind::Printer,
            StationError::ConfirmLive => ErrorKind::ConfirmLive,
            StationError::Workflow(_) => ErrorKind::Workflow,
            StationError::BadSetting(_) => ErrorKind::InvalidInput,
            StationError::WarehouseDown { .. } => ErrorKind::WarehouseDown,
            StationError::Warehouse(e) if e.is_down() => ErrorKind::WarehouseDown,
            StationError::Warehouse(_) => ErrorKind::Warehouse,
            StationError::Secrets(e) => match e {
                S::EmptyToken
                | S::BadToken(_)
                | S::NotAShippoToken
                | S::TokenRefused { .. }
                | S::Unreachable { .. }
                | S::UnexpectedAnswer { .. } => ErrorKind::Token,
                S::NoKeyring { .. }
                | S::ForcedBackendUnavailable { .. }
                | S::UnknownBackend(_)
                | S::Keyring { .. }
                | S::BadEntry => ErrorKind::Keyring,
                S::Io { .. } => ErrorKind::Io,
            },
        }
    }
}

/// The station's result type.
pub type Result<T, E = StationError> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secrets::SecretsError;

    fn kind_name(e: &StationError) -> String {
        serde_json::to_value(e.kind()).expect("serialises").as_str().expect("a string").to_owned()
    }

    #[test]
    fn every_failure_the_window_branches_on_has_its_own_kind() {
        let cases: Vec<(StationError, &str)> = vec![
            (StationError::NotFound { what: "Print job 3".into() }, "not_found"),
            (StationError::OrderNotFound { order: "#1068".into() }, "not_found"),
            (StationError::AlreadyLabelled { order: "#1".into(), detail: "X".into() }, "already_labelled"),
            (StationError::ShippedElsewhere { order: "#1".into(), detail: "X".into() }, "shipped_elsewhere"),
            (StationError::OrderLocked { order_id: "o".into(), owner: "bench-a".into() }, "busy"),
            (StationError::PurchaseUnresolved { order: "#1".into(), detail: "d".into() }, "unresolved"),
            (StationError::ConfirmLive, "confirm_live"),
            (StationError::NoRates("none".into()), "no_rates"),
            (StationError::PurchaseRefused("no".into()), "purchase_refused"),
            (StationError::NoPrinter("none".into()), "no_printer"),
            (StationError::PrinterFailed("jam".into()), "printer"),
            (StationError::Workflow("w".into()), "workflow"),
            (StationError::Shippo(shippo::Error::Config("c".into())), "shippo"),
            (StationError::Sqlite(rusqlite::Error::InvalidQuery), "storage"),
            (StationError::Corrupt("c".into()), "storage"),
            (StationError::Io { path: "/x".into(), source: std::io::Error::other("e") }, "io"),
            (StationError::Json(serde_json::from_str::<u8>("x").unwrap_err()), "internal"),
            (StationError::Worker("stopped".into()), "internal"),
            (StationError::Csv("bad".into()), "invalid_input"),
            (StationError::InvalidOrder("bad".into()), "invalid_input"),
            (StationError::InvalidSettings("bad".into()), "invalid_input"),
            (StationError::NoOrderGiven, "invalid_input"),
            (StationError::TooLarge("big".into()), "invalid_input"),
            (StationError::JobNotChangeable("printed".into()), "invalid_input"),
            (SecretsError::EmptyToken.into(), "token"),
            (SecretsError::NotAShippoToken.into(), "token"),
            (SecretsError::TokenRefused { masked: "m".into(), status: 401 }.into(), "token"),
            (SecretsError::BadEntry.into(), "keyring"),
            (SecretsError::NoKeyring { tried: "t".into() }.into(), "keyring"),
            (StationError::WarehouseDown { order: "#1".into(), detail: "refused".into() }, "warehouse_down"),
            (warehouse::WarehouseError::Down("refused".into()).into(), "warehouse_down"),
            (warehouse::WarehouseError::Refused("password".into()).into(), "warehouse"),
        ];
        for (err, want) in cases {
            assert_eq!(kind_name(&err), want, "{err:?}");
        }
    }

    #[test]
    fn split_variants_keep_their_sentences() {
        let s = "Shippo returned no priced rate for order #1001.";
        assert_eq!(StationError::NoRates(s.into()).to_string(), s);
        assert_eq!(
            StationError::OrderNotFound { order: "#1068".into() }.to_string(),
            StationError::NotFound { what: "Order #1068".into() }.to_string()
        );
    }
}
