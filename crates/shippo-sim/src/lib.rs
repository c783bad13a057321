//! # shippo-sim — a Shippo-compatible simulator
//!
//! Its job: serve the Shippo REST API (the official spec's paths and shapes, with the real API's
//! quirks) on 127.0.0.1, with deterministic demo data, real label files and fault injection. The app
//! embeds it for demo mode; every test of the client and the station runs against it.
//!
//! It must never import: the `shippo` client (the two sides of the contract stay independent, so a
//! shared mistake cannot hide), the station, or Tauri. It may use `labels` to draw label files.
