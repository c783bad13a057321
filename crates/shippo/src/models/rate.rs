//! Rates: what a carrier service would cost for a shipment.

use serde::{Deserialize, Serialize};

use super::common::{has_object_id, nullable_vec, Money, ResponseMessage, Timestamp};
use super::enums::RateAttribute;

/// A rate as Shippo returns it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Rate {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_owner: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_created: Option<Timestamp>,
    /// The shipment this rate belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipment: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount_local: Option<Money>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency_local: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub included_insurance_price: Option<Money>,
    #[serde(deserialize_with = "nullable_vec")]
    pub attributes: Vec<RateAttribute>,
    /// Carrier name, e.g. `USPS`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider_image_75: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider_image_200: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub servicelevel: Option<ServiceLevel>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub estimated_days: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arrives_by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_terms: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carrier_account: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
    #[serde(deserialize_with = "nullable_vec")]
    pub messages: Vec<ResponseMessage>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub test: Option<bool>,
}
has_object_id!(Rate);

/// A carrier service level (`usps_priority`, …); `parent_servicelevel` is often null.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ServiceLevel {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub terms: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extended_token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_servicelevel: Option<Box<ServiceLevel>>,
}

/// The short rate object embedded in an Instalabel transaction.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CoreRate {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount_local: Option<Money>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency_local: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carrier_account: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub servicelevel_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub servicelevel_token: Option<String>,
}
has_object_id!(CoreRate);
