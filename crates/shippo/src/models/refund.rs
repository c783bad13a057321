//! Refunds of purchased labels.

use serde::{Deserialize, Serialize};

use super::common::{has_object_id, Timestamp};
use super::enums::RefundStatus;

/// A refund as Shippo returns it.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Refund {
    pub object_id: Option<String>,
    pub object_owner: Option<String>,
    pub object_created: Option<Timestamp>,
    pub object_updated: Option<Timestamp>,
    /// `QUEUED` → `PENDING` → `SUCCESS` or `ERROR`.
    pub status: Option<RefundStatus>,
    /// The refunded transaction's id.
    pub transaction: Option<String>,
    pub test: Option<bool>,
}
has_object_id!(Refund);

impl Refund {
    /// True while the refund is not settled (`QUEUED` or `PENDING`).
    pub fn is_pending(&self) -> bool {
        matches!(
            self.status,
            Some(RefundStatus::Queued | RefundStatus::Pending)
        )
    }
}

/// Body of `POST /refunds`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RefundCreateRequest {
    /// The transaction to refund (required).
    pub transaction: String,
    #[serde(rename = "async")]
    pub is_async: Option<bool>,
}
