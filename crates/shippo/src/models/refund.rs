//! Refunds of purchased labels.

use serde::{Deserialize, Serialize};

use super::common::{has_object_id, Timestamp};
use super::enums::RefundStatus;

/// A refund as Shippo returns it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Refund {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_owner: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_created: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_updated: Option<Timestamp>,
    /// `QUEUED` → `PENDING` → `SUCCESS` or `ERROR`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<RefundStatus>,
    /// The refunded transaction's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transaction: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
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
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RefundCreateRequest {
    /// The transaction to refund (required).
    pub transaction: String,
    #[serde(rename = "async")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_async: Option<bool>,
}
