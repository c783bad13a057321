//! Parcels: dimensions and weight, all as strings.

use serde::{Deserialize, Serialize};

use super::common::{has_object_id, Measure, Timestamp};
use super::enums::{DistanceUnit, MassUnit, ObjectState};

/// A parcel as Shippo returns it.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Parcel {
    pub object_id: Option<String>,
    pub object_owner: Option<String>,
    pub object_state: Option<ObjectState>,
    pub object_created: Option<Timestamp>,
    pub object_updated: Option<Timestamp>,
    pub length: Option<Measure>,
    pub width: Option<Measure>,
    pub height: Option<Measure>,
    pub distance_unit: Option<DistanceUnit>,
    pub weight: Option<Measure>,
    pub mass_unit: Option<MassUnit>,
    /// The carrier template token, or null.
    pub template: Option<String>,
    pub metadata: Option<String>,
    /// Carrier-specific extras (COD, insurance, references…), kept as sent.
    pub extra: Option<serde_json::Value>,
    pub test: Option<bool>,
}
has_object_id!(Parcel);

/// Body of `POST /parcels`: explicit dimensions, or a carrier `template` plus weight.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ParcelCreateRequest {
    pub length: Option<Measure>,
    pub width: Option<Measure>,
    pub height: Option<Measure>,
    pub distance_unit: Option<DistanceUnit>,
    /// Weight (required).
    pub weight: Measure,
    /// Unit of the weight (required).
    pub mass_unit: MassUnit,
    /// A carrier parcel template token such as `USPS_FlatRateEnvelope` instead of dimensions.
    pub template: Option<String>,
    pub metadata: Option<String>,
    pub extra: Option<serde_json::Value>,
}

// The enum is declared by a macro that does not derive Default.
#[allow(clippy::derivable_impls)]
impl Default for MassUnit {
    fn default() -> Self {
        MassUnit::Lb
    }
}

/// A parcel in a request: an existing parcel id, or a new parcel inline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ParcelInput {
    /// The `object_id` of a parcel created earlier.
    Id(String),
    /// A new parcel.
    New(Box<ParcelCreateRequest>),
}

impl From<ParcelCreateRequest> for ParcelInput {
    fn from(p: ParcelCreateRequest) -> Self {
        ParcelInput::New(Box::new(p))
    }
}
