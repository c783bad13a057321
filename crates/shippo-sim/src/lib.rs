//! # shippo-sim — a Shippo-compatible simulator
//!
//! Its job: serve the Shippo REST API (the official spec's paths and shapes, with the real API's
//! quirks) on 127.0.0.1, with deterministic demo data, real label files and fault injection. The app
//! embeds it for demo mode; every test of the client and the station runs against it.
//!
//! It must never import: the `shippo` client (the two sides of the contract stay independent, so a
//! shared mistake cannot hide), the station, or Tauri. It may use `labels` to draw label files.
//!
//! ## What tests can switch and read
//!
//! Control endpoints (no token; also reachable from Rust on [`Simulator`]):
//!
//! | endpoint | Rust | what it does |
//! |---|---|---|
//! | `POST/GET/DELETE /__sim/faults` | [`Simulator::faults`] | the fault switches ([`Faults`]) |
//! | `GET /__sim/transactions` | [`Simulator::inspect_transactions`] | every label sold, across tokens |
//! | `GET /__sim/transactions?order=ID` | [`Simulator::transactions_for_order`] | the labels bought for one order (count duplicates) |
//! | `GET/POST /__sim/limits` `{"window_ms": N}` | [`Simulator::set_rate_window`] | rate limits on or off, and the window length |
//! | `POST /__sim/clock` `{"advance_secs": N}` | [`Simulator::advance_clock`] | move the simulated clock forward |
//! | `GET /__sim/health` | | `{status, orders, base_url}` |
//!
//! Faults ([`Faults`], all off by default):
//! * `latency_ms`: every API answer is that much slower.
//! * `purchase_latency_ms`: only purchases (`POST /transactions`, by rate or Instalabel) are slower;
//!   the delay comes before the label is bought, and the purchase is carried out even when the
//!   client has hung up meanwhile (a purchase slower than a lock's lifetime, or a client timeout).
//! * `drop_response_after_commit` ([`DropAfterCommit`]): the purchase is committed, then the
//!   connection is closed without an answer (the client cannot know whether it bought).
//! * `fail_nth` ([`FailNth`]), `status_429_nth`: one request fails, or is throttled.
//! * `slow_labels_ms`: label downloads are slower. `rate_limits`: override the configured switch.
//!
//! Rate limits ([`SimConfig::rate_limits`], on by default) are Shippo's documented figures per
//! token and per minute (e.g. 10 list GETs in test mode, 50 live), counted in fixed windows aligned
//! on the clock. Over the limit: 429 with `Retry-After` (whole seconds to the window's end, rounded
//! up). A test may shorten the window ("a minute" of 600 ms) with [`Simulator::set_rate_window`].
//!
//! `GET /orders` filters as Shippo does: `order_status[]` (repeatable, e.g.
//! `order_status[]=PAID&order_status[]=AWAITPAY`; `order_status` works too), `start_date` and
//! `end_date` on `placed_at`, `results` (1..=100, 25 by default) and `page`; newest first.
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
mod crud;
mod customs;
mod documents;
mod error;
mod faults;
mod files;
mod http;
mod limits;
mod live_rates;
mod manifests;
mod orders;
mod parcels;
mod pickups;
mod rating;
mod refunds;
mod routes;
mod seed;
mod server;
mod service_groups;
mod shippo_accounts;
mod shipments;
mod templates;
mod tracking;
mod transactions;
mod webhooks;
mod world;

pub use config::SimConfig;
pub use error::SimError;
pub use faults::{DropAfterCommit, FailNth, FaultControl, Faults};
pub use server::Simulator;
pub use world::SoldTransaction;

/// A well-formed test token the app uses in demo mode. The simulator accepts it whenever it accepts
/// any well-formed token (that is, unless `--token` restricts the list).
pub const DEMO_TOKEN: &str = "shippo_test_de305d5475b4431badb2eb6b9e546014de305d54";
