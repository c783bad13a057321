//! Carrier parcel templates and user parcel templates.

use serde::{Deserialize, Serialize};

use super::common::{has_object_id, Measure, Timestamp};
use super::enums::{DistanceUnit, MassUnit};

/// A carrier's predefined box (`USPS_FlatRateEnvelope`, …).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CarrierParcelTemplate {
    pub token: Option<String>,
    pub name: Option<String>,
    pub carrier: Option<String>,
    pub length: Option<Measure>,
    pub width: Option<Measure>,
    pub height: Option<Measure>,
    pub distance_unit: Option<DistanceUnit>,
    /// True if the box allows custom dimensions (USPS Softpack). The real API sends a JSON
    /// boolean (goshippo/shippo-python-sdk#60 shows `"is_variable_dimensions":false`); the 2024
    /// spec types it as the string `"true"`/`"false"`. Both are read; a boolean is written.
    #[serde(default, deserialize_with = "crate::models::common::opt_lenient_bool")]
    pub is_variable_dimensions: Option<bool>,
}

/// A box the account saved. Its timestamps use Go's format.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct UserParcelTemplate {
    pub object_id: Option<String>,
    pub object_owner: Option<String>,
    pub object_created: Option<Timestamp>,
    pub object_updated: Option<Timestamp>,
    pub name: Option<String>,
    pub length: Option<Measure>,
    pub width: Option<Measure>,
    pub height: Option<Measure>,
    pub distance_unit: Option<DistanceUnit>,
    pub weight: Option<Measure>,
    pub weight_unit: Option<MassUnit>,
    pub template: Option<CarrierParcelTemplate>,
}
has_object_id!(UserParcelTemplate);

/// Body of `POST /user-parcel-templates` and `PUT /user-parcel-templates/{id}`: custom dimensions,
/// or a carrier `template` token plus weight.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct UserParcelTemplateRequest {
    pub name: Option<String>,
    pub length: Option<Measure>,
    pub width: Option<Measure>,
    pub height: Option<Measure>,
    pub distance_unit: Option<DistanceUnit>,
    pub weight: Option<Measure>,
    pub weight_unit: Option<MassUnit>,
    pub template: Option<String>,
}

/// Filters of `GET /parcel-templates`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CarrierParcelTemplateListParams {
    /// `all`, `user` or `enabled`.
    pub include: Option<String>,
    pub carrier: Option<String>,
}

/// The default parcel template used at checkout (`{"result": …}`).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DefaultParcelTemplate {
    pub result: Option<UserParcelTemplate>,
}
