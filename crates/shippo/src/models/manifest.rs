//! Manifests (SCAN forms).

use serde::{Deserialize, Serialize};

use super::address::{Address, AddressInput};
use super::common::{has_object_id, nullable_vec, IdOr, Timestamp};
use super::enums::ManifestStatus;

/// A manifest as Shippo returns it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Manifest {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_owner: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_created: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_updated: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<ManifestStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carrier_account: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipment_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address_from: Option<IdOr<Address>>,
    #[serde(deserialize_with = "nullable_vec")]
    pub transactions: Vec<String>,
    /// URLs of the manifest documents (PDF).
    #[serde(deserialize_with = "nullable_vec")]
    pub documents: Vec<String>,
    #[serde(deserialize_with = "nullable_vec")]
    pub errors: Vec<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub test: Option<bool>,
}
has_object_id!(Manifest);

/// Body of `POST /manifests`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManifestCreateRequest {
    pub carrier_account: String,
    /// ISO-8601 date of the labels to include.
    pub shipment_date: String,
    pub address_from: AddressInput,
    /// Labels to include; all eligible labels when omitted.
    #[serde(default)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transactions: Option<Vec<String>>,
    #[serde(rename = "async", default)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_async: Option<bool>,
}
