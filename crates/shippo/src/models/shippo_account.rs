//! Shippo (managed/platform) accounts.

use serde::{Deserialize, Serialize};

use super::common::{has_object_id, Timestamp};

/// A managed account as Shippo returns it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ShippoAccount {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_created: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_updated: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub company_name: Option<String>,
}
has_object_id!(ShippoAccount);

/// Body of `POST /shippo-accounts` and `PUT /shippo-accounts/{id}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ShippoAccountRequest {
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub company_name: String,
}
