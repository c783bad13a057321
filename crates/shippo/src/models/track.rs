//! Tracking: a parcel's current status and history.

use serde::{Deserialize, Serialize};

use super::common::{nullable_vec, Timestamp};
use super::enums::TrackingStatusCode;
use super::rate::ServiceLevel;

/// A tracked parcel as Shippo returns it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Track {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carrier: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tracking_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address_from: Option<TrackingLocation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address_to: Option<TrackingLocation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eta: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub original_eta: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub servicelevel: Option<ServiceLevel>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transaction: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tracking_status: Option<TrackingStatus>,
    /// Events in the order Shippo sends them (authoritative, not the timestamps).
    #[serde(deserialize_with = "nullable_vec")]
    pub tracking_history: Vec<TrackingStatus>,
    #[serde(deserialize_with = "nullable_vec")]
    pub messages: Vec<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub test: Option<bool>,
}

/// One tracking event.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TrackingStatus {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_created: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_updated: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<TrackingStatusCode>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub substatus: Option<TrackingSubstatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_details: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_date: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<TrackingLocation>,
}

/// Finer detail on a tracking event.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TrackingSubstatus {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action_required: Option<bool>,
}

/// A place in tracking data.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TrackingLocation {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zip: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// Body of `POST /tracks`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TrackCreateRequest {
    /// Carrier token, e.g. `usps` (or `shippo` in test mode).
    pub carrier: String,
    pub tracking_number: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<String>,
}
