//! Batches: many labels bought in one asynchronous purchase.

use serde::{Deserialize, Serialize};

use super::common::{has_object_id, nullable_vec, Timestamp};
use super::enums::{BatchShipmentStatus, BatchStatus, LabelFileType};
use super::shipment::ShipmentCreateRequest;

/// A batch as Shippo returns it.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Batch {
    pub object_id: Option<String>,
    pub object_owner: Option<String>,
    pub object_created: Option<Timestamp>,
    pub object_updated: Option<Timestamp>,
    /// `VALIDATING` → `VALID`/`INVALID`; after purchase `PURCHASING` → `PURCHASED`.
    pub status: Option<BatchStatus>,
    pub default_carrier_account: Option<String>,
    pub default_servicelevel_token: Option<String>,
    pub label_filetype: Option<LabelFileType>,
    pub metadata: Option<String>,
    /// One page of the batch's shipments.
    pub batch_shipments: Option<BatchShipmentPage>,
    /// Merged label files (PDFs of up to 100 labels each).
    #[serde(deserialize_with = "nullable_vec")]
    pub label_url: Vec<String>,
    pub object_results: Option<BatchObjectResults>,
    pub test: Option<bool>,
}
has_object_id!(Batch);

impl Batch {
    /// True while Shippo works on the batch (`VALIDATING` or `PURCHASING`).
    pub fn is_pending(&self) -> bool {
        matches!(
            self.status,
            Some(BatchStatus::Validating | BatchStatus::Purchasing)
        )
    }
}

/// Counts of shipments per outcome.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BatchObjectResults {
    pub creation_succeeded: Option<i64>,
    pub creation_failed: Option<i64>,
    pub purchase_succeeded: Option<i64>,
    pub purchase_failed: Option<i64>,
}

/// The page of shipments inside a batch.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BatchShipmentPage {
    pub count: Option<i64>,
    pub next: Option<String>,
    pub previous: Option<String>,
    #[serde(deserialize_with = "nullable_vec")]
    pub results: Vec<BatchShipment>,
}

/// One shipment inside a batch.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BatchShipment {
    pub object_id: Option<String>,
    pub status: Option<BatchShipmentStatus>,
    pub shipment: Option<String>,
    /// The bought label's transaction id, once purchased.
    pub transaction: Option<String>,
    pub carrier_account: Option<String>,
    pub servicelevel_token: Option<String>,
    pub metadata: Option<String>,
    /// Problems found while validating or buying, as sent.
    #[serde(deserialize_with = "nullable_vec")]
    pub messages: Vec<serde_json::Value>,
}
has_object_id!(BatchShipment);

/// Body of `POST /batches`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BatchCreateRequest {
    pub default_carrier_account: String,
    pub default_servicelevel_token: String,
    pub label_filetype: Option<LabelFileType>,
    pub metadata: Option<String>,
    pub batch_shipments: Vec<BatchShipmentCreateRequest>,
}

/// One shipment to add to a batch.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchShipmentCreateRequest {
    pub shipment: ShipmentCreateRequest,
    #[serde(default)]
    pub carrier_account: Option<String>,
    #[serde(default)]
    pub servicelevel_token: Option<String>,
    #[serde(default)]
    pub metadata: Option<String>,
}

/// Which shipments of a batch `GET /batches/{id}` should list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchObjectResultsFilter {
    /// `creation_failed`
    CreationFailed,
    /// `creation_succeeded`
    CreationSucceeded,
    /// `purchase_failed`
    PurchaseFailed,
    /// `purchase_succeeded`
    PurchaseSucceeded,
}

impl BatchObjectResultsFilter {
    /// The query value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::CreationFailed => "creation_failed",
            Self::CreationSucceeded => "creation_succeeded",
            Self::PurchaseFailed => "purchase_failed",
            Self::PurchaseSucceeded => "purchase_succeeded",
        }
    }
}
