//! Pickups.

use serde::{Deserialize, Serialize};

use super::address::AddressCreateRequest;
use super::common::{has_object_id, nullable_vec, Timestamp};
use super::enums::PickupStatus;

/// A pickup as Shippo returns it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Pickup {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_created: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_updated: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carrier_account: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<PickupLocation>,
    #[serde(deserialize_with = "nullable_vec")]
    pub transactions: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requested_start_time: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requested_end_time: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confirmed_start_time: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confirmed_end_time: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancel_by_time: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<PickupStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confirmation_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    #[serde(deserialize_with = "nullable_vec")]
    pub messages: Vec<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_test: Option<bool>,
}
has_object_id!(Pickup);

/// Where the carrier picks up.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PickupLocation {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<AddressCreateRequest>,
    /// E.g. `Front Door`, `Mail Room`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub building_location_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub building_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instructions: Option<String>,
}

/// Body of `POST /pickups`.
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<String>,
}
