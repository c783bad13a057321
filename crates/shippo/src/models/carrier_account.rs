//! Carrier accounts and their registration.

use serde::{Deserialize, Serialize};

use super::common::{has_object_id, nullable_vec, Timestamp};
use super::rate::ServiceLevel;

/// A carrier account as Shippo returns it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CarrierAccount {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_owner: Option<String>,
    /// Carrier token, e.g. `usps`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carrier: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carrier_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_shippo_account: Option<bool>,
    /// Carrier-specific parameters, as sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameters: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<String>,
    /// Filled only when listing with `service_levels=true`.
    #[serde(deserialize_with = "nullable_vec")]
    pub service_levels: Vec<ServiceLevel>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_info: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub test: Option<bool>,
}
has_object_id!(CarrierAccount);

/// Body of `POST /carrier_accounts`: connect an account you already have with a carrier.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CarrierAccountCreateRequest {
    pub carrier: String,
    pub account_id: String,
    pub parameters: serde_json::Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub test: Option<bool>,
}

/// Body of `PUT /carrier_accounts/{id}`. `carrier` and `account_id` cannot change.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CarrierAccountUpdateRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carrier: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameters: Option<serde_json::Value>,
}

/// Body of `POST /carrier_accounts/register/new`: one of the 14 carrier-specific requests, each
/// `{carrier, parameters}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CarrierAccountRegisterRequest {
    pub carrier: String,
    pub parameters: serde_json::Value,
}

/// Result of `GET /carrier_accounts/reg-status/`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CarrierAccountRegistrationStatus {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carrier_account: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_owner: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_created: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_updated: Option<Timestamp>,
    /// E.g. `PENDING_TERMS`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}

/// Filters of `GET /carrier_accounts`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CarrierAccountListParams {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_levels: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carrier: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub results: Option<u32>,
}

/// The answer of `GET /carrier_accounts/{id}/signin/initiate`: a redirect to the carrier's login.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OauthRedirect {
    /// The HTTP status (302 normally).
    pub status: u16,
    /// The `Location` the operator's browser should open.
    pub location: Option<String>,
}
