//! Tracking: a parcel's current status and history.

use serde::{Deserialize, Serialize};

use super::common::{nullable_vec, Timestamp};
use super::enums::TrackingStatusCode;
use super::rate::ServiceLevel;

/// A tracked parcel as Shippo returns it.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Track {
    pub carrier: Option<String>,
    pub tracking_number: Option<String>,
    pub address_from: Option<TrackingLocation>,
    pub address_to: Option<TrackingLocation>,
    pub eta: Option<Timestamp>,
    pub original_eta: Option<Timestamp>,
    pub servicelevel: Option<ServiceLevel>,
    pub metadata: Option<String>,
    pub transaction: Option<String>,
    pub tracking_status: Option<TrackingStatus>,
    /// Events in the order Shippo sends them (authoritative, not the timestamps).
    #[serde(deserialize_with = "nullable_vec")]
    pub tracking_history: Vec<TrackingStatus>,
    #[serde(deserialize_with = "nullable_vec")]
    pub messages: Vec<serde_json::Value>,
    pub test: Option<bool>,
}

/// One tracking event.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TrackingStatus {
    pub object_id: Option<String>,
    pub object_created: Option<Timestamp>,
    pub object_updated: Option<Timestamp>,
    pub status: Option<TrackingStatusCode>,
    pub substatus: Option<TrackingSubstatus>,
    pub status_details: Option<String>,
    pub status_date: Option<Timestamp>,
    pub location: Option<TrackingLocation>,
}

/// Finer detail on a tracking event.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TrackingSubstatus {
    pub code: Option<String>,
    pub text: Option<String>,
    pub action_required: Option<bool>,
}

/// A place in tracking data.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TrackingLocation {
    pub city: Option<String>,
    pub state: Option<String>,
    pub zip: Option<String>,
    pub country: Option<String>,
}

/// Body of `POST /tracks`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TrackCreateRequest {
    /// Carrier token, e.g. `usps` (or `shippo` in test mode).
    pub carrier: String,
    pub tracking_number: String,
    pub metadata: Option<String>,
}
