//! Webhooks.

use serde::{Deserialize, Serialize};

use super::common::{has_object_id, Timestamp};
use super::enums::WebhookEvent;

/// A webhook as Shippo returns it.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Webhook {
    pub object_id: Option<String>,
    pub object_owner: Option<String>,
    pub object_created: Option<Timestamp>,
    pub object_updated: Option<Timestamp>,
    pub event: Option<WebhookEvent>,
    pub url: Option<String>,
    pub active: Option<bool>,
    pub is_test: Option<bool>,
}
has_object_id!(Webhook);

/// Body of `POST /webhooks` and `PUT /webhooks/{id}`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WebhookRequest {
    pub event: WebhookEvent,
    pub url: String,
    #[serde(default)]
    pub active: Option<bool>,
    #[serde(default)]
    pub is_test: Option<bool>,
}

/// The body Shippo POSTs to a webhook URL: `{event, test, data}`. `data` is a transaction, a
/// track, or (batch events) a string such as `"batch <id> created"`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct WebhookPayload {
    pub event: Option<WebhookEvent>,
    pub test: Option<bool>,
    pub data: Option<serde_json::Value>,
}

impl WebhookPayload {
    /// `data` as a transaction (`transaction_created`/`transaction_updated`).
    pub fn transaction(&self) -> Option<super::transaction::Transaction> {
        self.data
            .as_ref()
            .filter(|d| d.is_object())
            .and_then(|d| serde_json::from_value(d.clone()).ok())
    }

    /// `data` as a track (`track_updated`).
    pub fn track(&self) -> Option<super::track::Track> {
        self.data
            .as_ref()
            .filter(|d| d.is_object())
            .and_then(|d| serde_json::from_value(d.clone()).ok())
    }
}
