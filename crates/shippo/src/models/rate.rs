//! Rates: what a carrier service would cost for a shipment.

use serde::{Deserialize, Serialize};

use super::common::{has_object_id, nullable_vec, Money, ResponseMessage, Timestamp};
use super::enums::RateAttribute;

/// A rate as Shippo returns it.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Rate {
    pub object_id: Option<String>,
    pub object_owner: Option<String>,
    pub object_created: Option<Timestamp>,
    /// The shipment this rate belongs to.
    pub shipment: Option<String>,
    #[serde(default, deserialize_with = "crate::models::common::opt_money")]
    pub amount: Option<Money>,
    pub currency: Option<String>,
    #[serde(default, deserialize_with = "crate::models::common::opt_money")]
    pub amount_local: Option<Money>,
    pub currency_local: Option<String>,
    #[serde(default, deserialize_with = "crate::models::common::opt_money")]
    pub included_insurance_price: Option<Money>,
    #[serde(deserialize_with = "nullable_vec")]
    pub attributes: Vec<RateAttribute>,
    /// Carrier name, e.g. `USPS`.
    pub provider: Option<String>,
    pub provider_image_75: Option<String>,
    pub provider_image_200: Option<String>,
    pub servicelevel: Option<ServiceLevel>,
    pub estimated_days: Option<i64>,
    pub arrives_by: Option<String>,
    pub duration_terms: Option<String>,
    pub carrier_account: Option<String>,
    pub zone: Option<String>,
    #[serde(deserialize_with = "nullable_vec")]
    pub messages: Vec<ResponseMessage>,
    pub test: Option<bool>,
}
has_object_id!(Rate);

/// A carrier service level (`usps_priority`, …); `parent_servicelevel` is often null.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ServiceLevel {
    pub name: Option<String>,
    pub token: Option<String>,
    pub terms: Option<String>,
    pub extended_token: Option<String>,
    pub display_name: Option<String>,
    pub parent_servicelevel: Option<Box<ServiceLevel>>,
}

/// The short rate object embedded in an Instalabel transaction.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CoreRate {
    pub object_id: Option<String>,
    #[serde(default, deserialize_with = "crate::models::common::opt_money")]
    pub amount: Option<Money>,
    pub currency: Option<String>,
    #[serde(default, deserialize_with = "crate::models::common::opt_money")]
    pub amount_local: Option<Money>,
    pub currency_local: Option<String>,
    pub provider: Option<String>,
    pub carrier_account: Option<String>,
    pub servicelevel_name: Option<String>,
    pub servicelevel_token: Option<String>,
}
has_object_id!(CoreRate);
