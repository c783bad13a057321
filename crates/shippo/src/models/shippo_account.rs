//! Shippo (managed/platform) accounts.

use serde::{Deserialize, Serialize};

use super::common::{has_object_id, Timestamp};

/// A managed account as Shippo returns it.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ShippoAccount {
    pub object_id: Option<String>,
    pub object_created: Option<Timestamp>,
    pub object_updated: Option<Timestamp>,
    pub email: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
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
