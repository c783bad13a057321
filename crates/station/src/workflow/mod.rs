//! # Buy & print: the station's workflow, exactly once
//!
//! One order in, one label out of the printer: address check, shipment and rates, the rate rule,
//! the purchase through the exactly-once journal ([`journal`]), the label download (stored once by
//! content hash) and the print job. Every step is reported as a [`Progress`] event.
//!
//! Batches ([`batch`]), reprint, void, tracking, manifests and packing slips ([`aftercare`]) live
//! beside it. Every workflow works on a [`Ctx`] (store, client, print queue, bench choices) that
//! the [`crate::station::Station`] facade lends out; callers use the facade.

pub mod address;
pub mod aftercare;
pub mod batch;
pub mod bench_scale;
pub mod buy;
pub mod card;
pub mod claim;
pub mod context;
pub mod duplicates;
pub mod guard;
pub mod history;
pub mod journal;
pub mod label_file;
pub mod lock;
pub mod messages;
pub mod outcome;
pub mod printer_check;
pub mod progress;
pub mod purchase;
pub mod rules;
pub mod shipment;
pub mod slip;

pub use context::Ctx;
pub use progress::{Progress, ProgressSink, Step};
pub use rules::RatePick;

use serde::{Deserialize, Serialize};

/// What the operator chose for one buy.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BuyOptions {
    /// Buy this rate (a rate object id from an earlier rating), overriding the rule.
    pub rate_id: Option<String>,
    /// Use this rule instead of the bench's rule.
    pub rule: Option<RatePick>,
    /// Do not print; the label is still downloaded and stored.
    pub no_print: bool,
    /// The operator's answer to "the label printer does not answer": buy anyway, the label waits
    /// in the print queue until the printer is back. Skips the check before the purchase only.
    #[serde(default)]
    pub print_when_back: bool,
    /// Buy another label although the order already has one.
    pub another: bool,
    /// What to do when the address check suggests a correction or finds problems.
    pub address: AddressChoice,
    /// The parcel's weight as weighed or typed (else the order's kept edit, its own weight, the
    /// bench's default weight).
    #[serde(default)]
    pub weight: Option<scales::Weight>,
    /// The box (else the order's kept edit, the default template).
    #[serde(default)]
    pub parcel: Option<crate::store::settings::ParcelTemplate>,
    /// The destination as the operator edited it (checked with Shippo again before buying).
    #[serde(default)]
    pub address_override: Option<crate::store::orders::Address>,
    /// Warehouse mode, server down: buy without the warehouse's claim (the operator's choice for
    /// this order; recorded here and reported to the warehouse when it is back).
    pub without_warehouse: bool,
}

/// The caller's answer to the address check.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum AddressChoice {
    /// Go on with the address as entered (messages are still reported).
    #[default]
    GoOn,
    /// Use Shippo's suggested correction when there is one.
    AcceptSuggestion,
    /// Stop when Shippo calls the address invalid.
    StopIfInvalid,
    /// Skip the check.
    Skip,
}

/// What one buy & print did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BuyOutcome {
    /// The order's object id.
    pub order_id: String,
    /// The order number, e.g. "#1001".
    pub order_number: Option<String>,
    /// The transaction bought (or adopted).
    pub transaction_id: String,
    /// Tracking number.
    pub tracking_number: Option<String>,
    /// Carrier and service, e.g. "USPS Priority Mail".
    pub service: Option<String>,
    /// Price, e.g. "7.58 USD".
    pub price: Option<String>,
    /// The stored label's row id (for reprint).
    pub label_id: Option<i64>,
    /// sha256 of the label bytes.
    pub label_sha256: Option<String>,
    /// The print job queued, if printing.
    pub print_job_id: Option<i64>,
    /// Where the label's print job stands after the buy: printed (the printer took it), queued
    /// (it prints when the printer is back) or failed. `None` when not printed (`no_print`).
    #[serde(default)]
    pub print: Option<crate::printq::PrintOutcome>,
    /// The packing slip printed with the label (the bench setting "Print a packing slip with
    /// each label"): printed, queued or failed with the reason. `None` when not asked for.
    #[serde(default)]
    pub slip: Option<slip::SlipOutcome>,
    /// True when an interrupted earlier purchase was found at Shippo and adopted instead of buying.
    pub adopted: bool,
    /// Address-check messages, in plain words.
    pub address_messages: Vec<String>,
    /// The purchase journal key.
    pub journal_key: String,
    /// The weight the parcel declared, e.g. "2.5 lb" (also kept on the journal row).
    #[serde(default)]
    pub weight: Option<String>,
}
