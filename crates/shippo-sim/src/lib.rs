//! # shippo-sim — a Shippo-compatible simulator
//!
//! Its job: serve the Shippo REST API (the official spec's paths and shapes, with the real API's
//! quirks) on 127.0.0.1, with deterministic demo data, real label files and fault injection. The app
//! embeds it for demo mode; every test of the client and the station runs against it.
//!
//! It must never import: the `shippo` client (the two sides of the contract stay independent, so a
//! shared mistake cannot hide), the station, or Tauri. It may use `labels` to draw label files.
//!
//! ```no_run
//! # async fn demo() -> Result<(), shippo_sim::SimError> {
//! let sim = shippo_sim::Simulator::start(shippo_sim::SimConfig::default()).await?;
//! println!("Shippo simulator at {}", sim.base_url());
//! sim.shutdown().await;
//! # Ok(()) }
//! ```

mod addresses;
mod auth;
mod batches;
mod carriers;
mod config;
mod control;
mod customs;
mod documents;
mod error;
mod faults;
mod files;
mod http;
mod misc;
mod orders;
mod parcels;
mod rating;
mod refunds;
mod routes;
mod seed;
mod server;
mod shipments;
mod templates;
mod tracking;
mod transactions;
mod world;

pub use config::SimConfig;
pub use error::SimError;
pub use faults::{DropAfterCommit, FailNth, FaultControl, Faults};
pub use server::Simulator;
pub use world::SoldTransaction;

/// A well-formed test token the app uses in demo mode. The simulator accepts it whenever it accepts
/// any well-formed token (that is, unless `--token` restricts the list).
pub const DEMO_TOKEN: &str = "shippo_test_de305d5475b4431badb2eb6b9e546014de305d54";
