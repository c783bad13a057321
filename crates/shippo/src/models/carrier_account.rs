//! Carrier accounts and their registration.

use serde::{Deserialize, Serialize};

use super::common::{has_object_id, nullable_vec, Timestamp};
use super::rate::ServiceLevel;

/// A carrier account as Shippo returns it.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CarrierAccount {
    pub object_id: Option<String>,
    pub object_owner: Option<String>,
    /// Carrier token, e.g. `usps`.
    pub carrier: Option<String>,
    pub carrier_name: Option<String>,
    pub account_id: Option<String>,
    pub active: Option<bool>,
    pub is_shippo_account: Option<bool>,
    /// Carrier-specific parameters, as sent.
    pub parameters: Option<serde_json::Value>,
    pub metadata: Option<String>,
    /// Filled only when listing with `service_levels=true`.
    #[serde(deserialize_with = "nullable_vec")]
    pub service_levels: Vec<ServiceLevel>,
    pub object_info: Option<serde_json::Value>,
    pub test: Option<bool>,
}
has_object_id!(CarrierAccount);

/// Body of `POST /carrier_accounts`: connect an account you already have with a carrier.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CarrierAccountCreateRequest {
    pub carrier: String,
    pub account_id: String,
    pub parameters: serde_json::Value,
    pub active: Option<bool>,
    pub metadata: Option<String>,
    pub test: Option<bool>,
}

/// Body of `PUT /carrier_accounts/{id}`. `carrier` and `account_id` cannot change.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CarrierAccountUpdateRequest {
    pub carrier: Option<String>,
    pub account_id: Option<String>,
    pub active: Option<bool>,
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
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CarrierAccountRegistrationStatus {
    pub carrier_account: Option<String>,
    pub object_owner: Option<String>,
    pub object_created: Option<Timestamp>,
    pub object_updated: Option<Timestamp>,
    /// E.g. `PENDING_TERMS`.
    pub status: Option<String>,
}

/// Filters of `GET /carrier_accounts`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CarrierAccountListParams {
    pub service_levels: Option<bool>,
    pub carrier: Option<String>,
    pub account_id: Option<String>,
    pub page: Option<u32>,
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
