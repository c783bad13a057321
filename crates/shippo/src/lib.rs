//! # shippo — a typed async client for the Shippo REST API (version 2018-02-08)
//!
//! Every operation of Shippo's public API as a typed method (one handler per resource:
//! `client.orders()`, `client.shipments()`, `client.transactions()`, …), models that accept what the
//! real API sends (nulls, unknown enum values, Go timestamps, `tracking_status` as a string or an
//! object), pagination as a [`futures::Stream`], errors an operator can act on, retries with jitter
//! for safe calls only, pacing to Shippo's rate limits, polling helpers and checked label downloads.
//!
//! It never imports the station, the app shell, Tauri, printing or SQLite: any Rust program can use it.
//!
//! ## Rate, buy, download
//!
//! ```no_run
//! use shippo::{Client, ClientConfig, Token, LabelFileType};
//! use shippo::models::*;
//!
//! # async fn run() -> Result<(), shippo::Error> {
//! let config = ClientConfig::new(Token::new("shippo_test_…"));
//! let client = Client::new(config)?;
//!
//! // 1. Rate: create a shipment synchronously; its rates come back inline.
//! let from = AddressCreateRequest { name: Some("Bench".into()), street1: Some("215 Clayton St.".into()),
//!     city: Some("San Francisco".into()), state: Some("CA".into()), zip: Some("94117".into()),
//!     country: "US".into(), ..Default::default() };
//! let to = AddressCreateRequest { name: Some("Ada".into()), street1: Some("965 Mission St".into()),
//!     city: Some("San Francisco".into()), state: Some("CA".into()), zip: Some("94103".into()),
//!     country: "US".into(), ..Default::default() };
//! let parcel = ParcelCreateRequest { length: Some("10".into()), width: Some("8".into()),
//!     height: Some("4".into()), distance_unit: Some(DistanceUnit::In), weight: "2".into(),
//!     mass_unit: MassUnit::Lb, ..Default::default() };
//! let mut request = ShipmentCreateRequest::new(from, to, vec![parcel.into()]);
//! request.is_async = Some(false);
//! let shipment = client.shipments().create(&request).await?;
//! let rate = shipment.cheapest_rate().expect("at least one rate");
//!
//! // 2. Buy: sent exactly once (never retried); a 201 with status ERROR becomes an error here.
//! let label = client.transactions().create(&TransactionCreateRequest {
//!     rate: rate.object_id.clone().unwrap_or_default(),
//!     label_file_type: Some(LabelFileType::ZPLII),
//!     order: None,
//!     metadata: Some("Order #1001".into()),
//!     is_async: Some(false),
//! }).await?.ensure_success()?;
//!
//! // 3. Download: size-limited, content-type and magic checked.
//! let file = client.download_label(label.label_url.as_deref().unwrap_or_default(),
//!     Some(&LabelFileType::ZPLII)).await?;
//! assert_eq!(file.format, shippo::LabelFormat::Zpl);
//! # Ok(()) }
//! ```
//!
//! ## Configuration
//! [`ClientConfig`] takes the base URL (tests point it at `127.0.0.1`), the [`Token`] (it never
//! prints), an optional managed account id (`SHIPPO-ACCOUNT-ID`), timeouts, the user agent
//! (`Shipbench/<version>`), the retry policy and a switch for pacing. TLS is rustls with the ring
//! provider. Plain `http` is accepted only to this computer (the simulator, tests).
//!
//! ## Waiting, told
//! A safe call that meets a 429 waits the server's whole `Retry-After` and goes on; a slow
//! answer is waited for up to the read timeout (30 s), and a GET retried at most twice. While
//! that happens the client sends [`Notice`]s (`RateLimited { resume_in }`, `StillWaiting { waited }`
//! within 8 s, `Retrying`, `Pacing`) to a hook set with [`ClientConfig::with_notice`] or, for one
//! task, [`Client::with_notice`]; each notice's `Display` is the sentence to show.

pub mod api;
pub mod client;
pub mod config;
pub mod download;
pub mod error;
pub mod models;
pub mod notice;
pub mod pacer;
pub mod page;
pub mod poll;
pub mod token;

pub use client::Client;
pub use config::{ClientConfig, RetryPolicy, API_VERSION, DEFAULT_BASE_URL};
pub use download::{LabelFile, LabelFormat};
pub use error::{ApiErrorBody, DownloadProblem, Error};
pub use models::*;
pub use notice::{Notice, NoticeHook};
pub use pacer::RateClass;
pub use page::Page;
pub use poll::PollOptions;
pub use token::{Token, TokenError, TokenMode};
