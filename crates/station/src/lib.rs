//! # station — the Shipbench domain core
//!
//! Its job: everything a packing bench does, with no user interface: the SQLite store, order sync,
//! the buy-and-print workflow with its exactly-once purchase journal, the print queue, secrets in the
//! OS keyring, settings. The CLI and the desktop shell both call it.
//!
//! It must never import: Tauri or anything of the window. Arrows point one way:
//! `shell -> station -> {shippo, labels, printing}`.

pub mod error;
pub mod store;

pub use error::{Result, StationError};
pub use store::Store;
