//! Rates at checkout: service groups and live rates.

use serde::{Deserialize, Serialize};

use super::address::AddressInput;
use super::common::{nullable_vec, Money};
use super::enums::ServiceGroupType;
use super::order::LineItemCreateRequest;
use super::parcel::ParcelInput;
use super::rate::ServiceLevel;

/// A service group: what the checkout offers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ServiceGroup {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(rename = "type")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<ServiceGroupType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_active: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flat_rate: Option<Money>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flat_rate_currency: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub free_shipping_threshold_min: Option<Money>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub free_shipping_threshold_currency: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
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
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ServiceGroupRequest {
    /// Required on update; the id goes in the body, not the path.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_id: Option<String>,
    pub name: String,
    pub description: String,
    #[serde(rename = "type")]
    pub kind: ServiceGroupType,
    pub service_levels: Vec<ServiceGroupServiceLevel>,
    /// Required on update.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_active: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flat_rate: Option<Money>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flat_rate_currency: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub free_shipping_threshold_min: Option<Money>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub free_shipping_threshold_currency: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
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
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LiveRate {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount_local: Option<Money>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency_local: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub estimated_days: Option<i64>,
}

/// Body of `POST /live-rates`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LiveRateCreateRequest {
    pub address_to: AddressInput,
    pub line_items: Vec<LineItemCreateRequest>,
    #[serde(default)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address_from: Option<AddressInput>,
    #[serde(default)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parcel: Option<ParcelInput>,
}

/// Body of `PUT /live-rates/settings/parcel-template`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DefaultParcelTemplateUpdateRequest {
    /// A user parcel template's id.
    pub object_id: String,
}
