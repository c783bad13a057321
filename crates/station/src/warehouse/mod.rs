//! # Warehouse mode, as this bench sees it
//!
//! Opt-in: `shipbench warehouse connect URL --bench NAME` (or Settings) stores the URL without its
//! password and the bench's name in the local SQLite ([`link`]); the password goes to the OS
//! keyring ([`crate::secrets::WarehousePassword`]). A station opened with a link claims every
//! order in the shared database before rating and buying it ([`crate::workflow::claim`]).
//!
//! A bench may follow a settings profile of the warehouse (senders, rate rule, parcel), kept
//! here as a copy and picked up again at each buy ([`profile`]).
//!
//! Purchases made while the server was down (the operator's per-order choice "buy without the
//! warehouse check") wait in a local outbox ([`outbox`]) and are reported when it is back.

mod facade;
pub mod link;
pub mod outbox;
pub mod profile;

use std::time::Duration;

pub use link::{Link, LinkStatus};
pub use profile::ProfileInfo;
pub use warehouse::{SharedLabel, Warehouse, WarehouseConfig, WarehouseError};

/// The environment variable that sets how long a claim lasts between renewals, in milliseconds
/// (tests shorten it so a killed bench's claim runs out quickly).
pub const CLAIM_TTL_ENV: &str = "SHIPBENCH_CLAIM_TTL_MS";

/// How long a claim lasts unless renewed: a bench that crashes mid-purchase blocks its order in
/// the warehouse at most this long.
pub const DEFAULT_CLAIM_TTL: Duration = Duration::from_secs(60);

/// The claim time in force ([`CLAIM_TTL_ENV`] or [`DEFAULT_CLAIM_TTL`]).
pub fn claim_ttl() -> Duration {
    std::env::var(CLAIM_TTL_ENV)
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .map(Duration::from_millis)
        .unwrap_or(DEFAULT_CLAIM_TTL)
}

/// A connected (or connectable) warehouse with the bench's claim time.
#[derive(Debug, Clone)]
pub struct WarehouseLink {
    /// The shared database.
    pub warehouse: Warehouse,
    /// How long a claim lasts between renewals.
    pub claim_ttl: Duration,
}
