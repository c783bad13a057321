//! # station — the Shipbench domain core
//!
//! Its job: everything a packing bench does, with no user interface: the SQLite store, order sync,
//! the buy-and-print workflow with its exactly-once purchase journal, the print queue, secrets in the
//! OS keyring, settings. The CLI and the desktop shell both call it, and both open the bench
//! through [`session::Session`].
//!
//! Cargo features: `demo` embeds the Shippo simulator for DEMO mode (the session starts it);
//! `specta` derives `specta::Type` on the types that cross to the window ([`account::Mode`],
//! [`workflow::Step`], [`ErrorKind`], [`session::OpenReport`]).
//!
//! It must never import: Tauri or anything of the window. Arrows point one way:
//! `shell -> station -> {shippo, labels, printing}`.

pub mod account;
pub mod error;
pub mod secrets;
pub mod session;
pub mod store;
pub mod sync;
pub mod import;

pub mod printq;
pub mod station;
pub mod warehouse;
pub mod workflow;

pub use error::{ErrorKind, Result, StationError};
pub use session::{OpenReport, Session, SessionOptions};
pub use station::{Station, StationOptions};
pub use store::Store;
