//! Rates at checkout: service groups and live rates.

use serde::{Deserialize, Serialize};

use super::address::AddressInput;
use super::common::{nullable_vec, Money};
use super::enums::ServiceGroupType;
use super::order::LineItemCreateRequest;
use super::parcel::ParcelInput;
use super::rate::ServiceLevel;

/// A service group: what the checkout offers.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ServiceGroup {
    pub object_id: Option<String>,
    pub name: Option<String>,
    pub description: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<ServiceGroupType>,
    pub is_active: Option<bool>,
    #[serde(default, deserialize_with = "crate::models::common::opt_money")]
    pub flat_rate: Option<Money>,
    pub flat_rate_currency: Option<String>,
    #[serde(default, deserialize_with = "crate::models::common::opt_money")]
    pub free_shipping_threshold_min: Option<Money>,
    pub free_shipping_threshold_currency: Option<String>,
    pub rate_adjustment: Option<i64>,
    #[serde(deserialize_with = "nullable_vec")]
    pub service_levels: Vec<ServiceLevel>,
}
super::common::has_object_id!(ServiceGroup);

/// A carrier account and service level to put in a service group.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ServiceGroupServiceLevel {
    pub account_object_id: String,
    pub service_level_token: String,
}

/// Body of `POST /service-groups` and (with `object_id`) `PUT /service-groups`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ServiceGroupRequest {
    /// Required on update; the id goes in the body, not the path.
    pub object_id: Option<String>,
    pub name: String,
    pub description: String,
    #[serde(rename = "type")]
    pub kind: ServiceGroupType,
    pub service_levels: Vec<ServiceGroupServiceLevel>,
    /// Required on update.
    pub is_active: Option<bool>,
    #[serde(default, deserialize_with = "crate::models::common::opt_money")]
    pub flat_rate: Option<Money>,
    pub flat_rate_currency: Option<String>,
    #[serde(default, deserialize_with = "crate::models::common::opt_money")]
    pub free_shipping_threshold_min: Option<Money>,
    pub free_shipping_threshold_currency: Option<String>,
    pub rate_adjustment: Option<i64>,
}

// The enum is declared by a macro that does not derive Default.
#[allow(clippy::derivable_impls)]
impl Default for ServiceGroupType {
    fn default() -> Self {
        ServiceGroupType::LiveRate
    }
}

/// One checkout rate.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LiveRate {
    pub title: Option<String>,
    #[serde(default, deserialize_with = "crate::models::common::opt_money")]
    pub amount: Option<Money>,
    pub currency: Option<String>,
    #[serde(default, deserialize_with = "crate::models::common::opt_money")]
    pub amount_local: Option<Money>,
    pub currency_local: Option<String>,
    pub estimated_days: Option<i64>,
}

/// Body of `POST /live-rates`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LiveRateCreateRequest {
    pub address_to: AddressInput,
    pub line_items: Vec<LineItemCreateRequest>,
    #[serde(default)]
    pub address_from: Option<AddressInput>,
    #[serde(default)]
    pub parcel: Option<ParcelInput>,
}

/// Body of `PUT /live-rates/settings/parcel-template`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DefaultParcelTemplateUpdateRequest {
    /// A user parcel template's id.
    pub object_id: String,
}
