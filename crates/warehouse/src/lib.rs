//! # Warehouse mode: several benches, one shared PostgreSQL
//!
//! Each bench keeps its own SQLite file (the default, and the offline cache). In warehouse mode
//! the benches of one warehouse also share a PostgreSQL database, so that no order is bought
//! twice and every label is seen everywhere:
//!
//! * [`claims`]: a bench claims an order before rating and buying it (one row per order, unique;
//!   a lease renewed while the purchase runs, released on every path).
//! * [`journal`]: the shared purchase journal; a PENDING row whose claim expired is another
//!   bench's crash, which any bench reconciles from Shippo.
//! * [`labels`]: every label bought by any bench (who bought what, and when).
//! * [`profiles`]: bench settings profiles the warehouse wants the same everywhere.
//!
//! The schema is migrated with `refinery` by the first bench that connects ([`Warehouse::connect`]);
//! the client is `tokio-postgres` behind a small `deadpool` pool, with TLS (rustls) as libpq
//! reads it from the URL (`sslmode`, `sslrootcert`: see [`tls`]). The password never leaves
//! [`WarehouseConfig`]: [`WarehouseConfig::url`] is the URL without it.

pub mod claims;
pub mod config;
pub mod error;
pub mod journal;
pub mod labels;
pub mod profiles;
mod pool;
pub mod tls;
#[cfg(feature = "testing")]
pub mod testing;

pub use claims::Claim;
pub use config::WarehouseConfig;
pub use error::{Result, WarehouseError};
pub use journal::{PurchaseState, SharedPurchase};
pub use labels::SharedLabel;
pub use profiles::SharedProfile;
pub use pool::Warehouse;
