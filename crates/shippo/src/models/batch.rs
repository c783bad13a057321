//! Batches: many labels bought in one asynchronous purchase.

use serde::{Deserialize, Serialize};

use super::common::{has_object_id, nullable_vec, Timestamp};
use super::enums::{BatchShipmentStatus, BatchStatus, LabelFileType};
use super::shipment::ShipmentCreateRequest;

/// A batch as Shippo returns it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Batch {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_owner: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_created: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_updated: Option<Timestamp>,
    /// `VALIDATING` → `VALID`/`INVALID`; after purchase `PURCHASING` → `PURCHASED`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<BatchStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_carrier_account: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_servicelevel_token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label_filetype: Option<LabelFileType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<String>,
    /// One page of the batch's shipments.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub batch_shipments: Option<BatchShipmentPage>,
    /// Merged label files (PDFs of up to 100 labels each).
    #[serde(deserialize_with = "nullable_vec")]
    pub label_url: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_results: Option<BatchObjectResults>,
    #[serde(skip_serializing_if = "Option::is_none")]
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
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BatchObjectResults {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub creation_succeeded: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub creation_failed: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub purchase_succeeded: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub purchase_failed: Option<i64>,
}

/// The page of shipments inside a batch.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BatchShipmentPage {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
    #[serde(deserialize_with = "nullable_vec")]
    pub results: Vec<BatchShipment>,
}

/// One shipment inside a batch.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BatchShipment {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<BatchShipmentStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipment: Option<String>,
    /// The bought label's transaction id, once purchased.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transaction: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carrier_account: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub servicelevel_token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<String>,
    /// Problems found while validating or buying, as sent.
    #[serde(deserialize_with = "nullable_vec")]
    pub messages: Vec<serde_json::Value>,
}
has_object_id!(BatchShipment);

/// Body of `POST /batches`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BatchCreateRequest {
    pub default_carrier_account: String,
    pub default_servicelevel_token: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label_filetype: Option<LabelFileType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<String>,
    pub batch_shipments: Vec<BatchShipmentCreateRequest>,
}

/// One shipment to add to a batch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchShipmentCreateRequest {
    pub shipment: ShipmentCreateRequest,
    #[serde(default)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carrier_account: Option<String>,
    #[serde(default)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub servicelevel_token: Option<String>,
    #[serde(default)]
    #[serde(skip_serializing_if = "Option::is_none")]
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
