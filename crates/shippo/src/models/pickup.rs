//! Pickups.

use serde::{Deserialize, Serialize};

use super::address::AddressCreateRequest;
use super::common::{has_object_id, nullable_vec, Timestamp};
use super::enums::PickupStatus;

/// A pickup as Shippo returns it.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Pickup {
    pub object_id: Option<String>,
    pub object_created: Option<Timestamp>,
    pub object_updated: Option<Timestamp>,
    pub carrier_account: Option<String>,
    pub location: Option<PickupLocation>,
    #[serde(deserialize_with = "nullable_vec")]
    pub transactions: Vec<String>,
    pub requested_start_time: Option<Timestamp>,
    pub requested_end_time: Option<Timestamp>,
    pub confirmed_start_time: Option<Timestamp>,
    pub confirmed_end_time: Option<Timestamp>,
    pub cancel_by_time: Option<Timestamp>,
    pub status: Option<PickupStatus>,
    pub confirmation_code: Option<String>,
    pub timezone: Option<String>,
    #[serde(deserialize_with = "nullable_vec")]
    pub messages: Vec<serde_json::Value>,
    pub metadata: Option<String>,
    pub is_test: Option<bool>,
}
has_object_id!(Pickup);

/// Where the carrier picks up.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PickupLocation {
    pub address: Option<AddressCreateRequest>,
    /// E.g. `Front Door`, `Mail Room`.
    pub building_location_type: Option<String>,
    pub building_type: Option<String>,
    pub instructions: Option<String>,
}

/// Body of `POST /pickups`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PickupCreateRequest {
    pub carrier_account: String,
    pub location: PickupLocation,
    pub transactions: Vec<String>,
    /// ISO-8601.
    pub requested_start_time: String,
    /// ISO-8601.
    pub requested_end_time: String,
    pub metadata: Option<String>,
}
