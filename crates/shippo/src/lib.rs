//! # shippo — a typed async client for the Shippo REST API (version 2018-02-08)
//!
//! Its job: every operation of Shippo's public API as a typed method, models that accept what the
//! real API sends, pagination, errors an operator can act on, retries for safe calls only, and pacing.
//!
//! It must never import: the station, the app shell, Tauri, or anything that knows about printing or
//! SQLite. It is usable on its own by any Rust program.

pub mod token;

pub use token::Token;
