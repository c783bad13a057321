//! Transactions: purchased shipping labels, including Instalabel.

use serde::{Deserialize, Serialize};

use super::common::{has_object_id, nullable_vec, IdOr, ResponseMessage, Timestamp};
use super::enums::{LabelFileType, ObjectState, TrackingStatusCode, TransactionStatus};
use super::rate::CoreRate;
use super::shipment::ShipmentCreateRequest;
use super::track::TrackingStatus;

/// A label purchase as Shippo returns it. A failed purchase is usually HTTP 201 with
/// `status: ERROR`; call [`Transaction::ensure_success`] before trusting `label_url`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Transaction {
    pub object_id: Option<String>,
    pub object_owner: Option<String>,
    pub object_state: Option<ObjectState>,
    pub object_created: Option<Timestamp>,
    pub object_updated: Option<Timestamp>,
    pub status: Option<TransactionStatus>,
    /// The rate id, or (Instalabel) the rate object.
    pub rate: Option<IdOr<CoreRate>>,
    pub label_url: Option<String>,
    /// Shippo does not echo this; the format shows in the `label_url` extension.
    pub label_file_type: Option<LabelFileType>,
    pub commercial_invoice_url: Option<String>,
    pub qr_code_url: Option<String>,
    pub tracking_number: Option<String>,
    pub tracking_status: Option<TransactionTrackingStatus>,
    pub tracking_url_provider: Option<String>,
    pub eta: Option<String>,
    pub metadata: Option<String>,
    pub created_by: Option<serde_json::Value>,
    #[serde(deserialize_with = "nullable_vec")]
    pub messages: Vec<ResponseMessage>,
    pub test: Option<bool>,
}
has_object_id!(Transaction);

impl Transaction {
    /// True while the purchase is still running (`QUEUED` or `WAITING`).
    pub fn is_pending(&self) -> bool {
        matches!(
            self.status,
            Some(TransactionStatus::Queued | TransactionStatus::Waiting)
        )
    }

    /// Turns a transaction with `status: ERROR` (Shippo's "error inside a 201") into
    /// [`crate::Error::Rejected`] carrying its messages; any other status passes through.
    pub fn ensure_success(self) -> Result<Transaction, crate::Error> {
        if self.status == Some(TransactionStatus::Error) {
            return Err(crate::Error::Rejected {
                what: "label purchase",
                object_id: self.object_id.clone(),
                messages: self.messages,
            });
        }
        Ok(self)
    }

    /// The tracking status code, whichever shape Shippo sent.
    pub fn tracking_code(&self) -> Option<&TrackingStatusCode> {
        match self.tracking_status.as_ref()? {
            TransactionTrackingStatus::Code(c) => Some(c),
            TransactionTrackingStatus::Detail(d) => d.status.as_ref(),
        }
    }

    /// The label format, read from `label_file_type` or else the `label_url` extension.
    pub fn label_format_hint(&self) -> Option<LabelFileType> {
        if let Some(t) = &self.label_file_type {
            return Some(t.clone());
        }
        let url = self.label_url.as_deref()?;
        let path = url
            .split(['?', '#'])
            .next()
            .unwrap_or(url)
            .to_ascii_lowercase();
        if path.ends_with(".zpl") || path.ends_with(".zplii") {
            Some(LabelFileType::ZPLII)
        } else if path.ends_with(".pdf") {
            Some(LabelFileType::PDF)
        } else if path.ends_with(".png") {
            Some(LabelFileType::PNG)
        } else {
            None
        }
    }
}

/// `tracking_status` on a transaction: the spec says a status string, live tokens send an object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum TransactionTrackingStatus {
    /// `"DELIVERED"` and the like.
    Code(TrackingStatusCode),
    /// The full tracking status object.
    Detail(Box<TrackingStatus>),
}

/// Body of `POST /transactions` for an existing rate.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TransactionCreateRequest {
    /// The rate's `object_id` (required).
    pub rate: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label_file_type: Option<LabelFileType>,
    /// The order this label ships (its `object_id`): links the label to the order, so every
    /// bench reading the order sees it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<String>,
    /// Free text kept with the label (the station puts its purchase journal key here).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<String>,
    /// `false` buys inline (the server default is `true`).
    #[serde(rename = "async")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_async: Option<bool>,
}

/// Body of `POST /transactions` for Instalabel: shipment and purchase in one call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InstantTransactionCreateRequest {
    pub shipment: ShipmentCreateRequest,
    pub carrier_account: String,
    pub servicelevel_token: String,
    #[serde(default)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label_file_type: Option<LabelFileType>,
    /// The order this label ships (its `object_id`).
    #[serde(default)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<String>,
    /// Free text kept with the label.
    #[serde(default)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<String>,
    #[serde(rename = "async", default)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_async: Option<bool>,
}
