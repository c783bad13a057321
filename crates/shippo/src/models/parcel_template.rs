//! Carrier parcel templates and user parcel templates.

use serde::{Deserialize, Serialize};

use super::common::{has_object_id, Measure, Timestamp};
use super::enums::{DistanceUnit, MassUnit};

/// A carrier's predefined box (`USPS_FlatRateEnvelope`, …).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CarrierParcelTemplate {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carrier: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub length: Option<Measure>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub width: Option<Measure>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub height: Option<Measure>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distance_unit: Option<DistanceUnit>,
    /// True if the box allows custom dimensions (USPS Softpack). The real API sends a JSON
    /// boolean (goshippo/shippo-python-sdk#60 shows `"is_variable_dimensions":false`); the 2024
    /// spec types it as the string `"true"`/`"false"`. Both are read; a boolean is written.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[serde(default, deserialize_with = "crate::models::common::opt_lenient_bool")]
    pub is_variable_dimensions: Option<bool>,
}

/// A box the account saved. Its timestamps use Go's format.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct UserParcelTemplate {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_owner: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_created: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_updated: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub length: Option<Measure>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub width: Option<Measure>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub height: Option<Measure>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distance_unit: Option<DistanceUnit>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<Measure>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight_unit: Option<MassUnit>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template: Option<CarrierParcelTemplate>,
}
has_object_id!(UserParcelTemplate);

/// Body of `POST /user-parcel-templates` and `PUT /user-parcel-templates/{id}`: custom dimensions,
/// or a carrier `template` token plus weight.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct UserParcelTemplateRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub length: Option<Measure>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub width: Option<Measure>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub height: Option<Measure>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distance_unit: Option<DistanceUnit>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<Measure>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight_unit: Option<MassUnit>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
}

/// Filters of `GET /parcel-templates`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CarrierParcelTemplateListParams {
    /// `all`, `user` or `enabled`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub include: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carrier: Option<String>,
}

/// The default parcel template used at checkout (`{"result": …}`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DefaultParcelTemplate {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result: Option<UserParcelTemplate>,
}
