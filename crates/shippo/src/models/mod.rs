//! Typed models of Shippo's objects, one module per resource. Response types accept nulls and
//! missing fields everywhere and ignore unknown fields; request types skip unset optional fields.

pub mod address;
pub mod batch;
pub mod carrier_account;
pub mod checkout;
pub mod common;
pub mod customs;
pub mod enums;
pub mod manifest;
pub mod order;
pub mod parcel;
pub mod parcel_template;
pub mod pickup;
pub mod rate;
pub mod refund;
pub mod shipment;
pub mod shippo_account;
pub mod track;
pub mod transaction;
pub mod webhook;

pub use address::*;
pub use batch::*;
pub use carrier_account::*;
pub use checkout::*;
pub use common::{IdOr, Measure, Money, ResponseMessage, Timestamp};
pub use customs::*;
pub use enums::*;
pub use manifest::*;
pub use order::*;
pub use parcel::*;
pub use parcel_template::*;
pub use pickup::*;
pub use rate::*;
pub use refund::*;
pub use shipment::*;
pub use shippo_account::*;
pub use track::*;
pub use transaction::*;
pub use webhook::*;

/// Paging parameters shared by the list operations.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct ListParams {
    /// Page number, from 1.
    pub page: Option<u32>,
    /// Page size, at most 100.
    pub results: Option<u32>,
}

impl ListParams {
    /// The given page size, from the first page.
    pub fn per_page(results: u32) -> Self {
        ListParams {
            page: None,
            results: Some(results),
        }
    }
}
