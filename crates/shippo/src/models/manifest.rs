//! Manifests (SCAN forms).

use serde::{Deserialize, Serialize};

use super::address::{Address, AddressInput};
use super::common::{has_object_id, nullable_vec, IdOr, Timestamp};
use super::enums::ManifestStatus;

/// A manifest as Shippo returns it.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Manifest {
    pub object_id: Option<String>,
    pub object_owner: Option<String>,
    pub object_created: Option<Timestamp>,
    pub object_updated: Option<Timestamp>,
    pub status: Option<ManifestStatus>,
    pub carrier_account: Option<String>,
    pub shipment_date: Option<String>,
    pub address_from: Option<IdOr<Address>>,
    #[serde(deserialize_with = "nullable_vec")]
    pub transactions: Vec<String>,
    /// URLs of the manifest documents (PDF).
    #[serde(deserialize_with = "nullable_vec")]
    pub documents: Vec<String>,
    #[serde(deserialize_with = "nullable_vec")]
    pub errors: Vec<serde_json::Value>,
    pub test: Option<bool>,
}
has_object_id!(Manifest);

/// Body of `POST /manifests`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManifestCreateRequest {
    pub carrier_account: String,
    /// ISO-8601 date of the labels to include.
    pub shipment_date: String,
    pub address_from: AddressInput,
    /// Labels to include; all eligible labels when omitted.
    #[serde(default)]
    pub transactions: Option<Vec<String>>,
    #[serde(rename = "async", default)]
    pub is_async: Option<bool>,
}
