//! Addresses and their validation results.

use serde::{Deserialize, Serialize};

use super::common::{has_object_id, nullable_vec, ResponseMessage, Timestamp};

/// An address as Shippo returns it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Address {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_owner: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_created: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_updated: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_complete: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub street1: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub street2: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub street3: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub street_no: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zip: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_residential: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<String>,
    /// Latitude; Shippo sends a number, a string or null.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latitude: Option<serde_json::Value>,
    /// Longitude; Shippo sends a number, a string or null.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub longitude: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub validation_results: Option<AddressValidationResults>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub test: Option<bool>,
}
has_object_id!(Address);

/// The outcome of validating an address.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AddressValidationResults {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_valid: Option<bool>,
    #[serde(deserialize_with = "nullable_vec")]
    pub messages: Vec<ResponseMessage>,
}

/// Body of `POST /addresses`. Only `country` is required.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AddressCreateRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub street1: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub street2: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub street3: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub street_no: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zip: Option<String>,
    /// ISO 3166-1 alpha-2 country code (required).
    pub country: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_residential: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<String>,
    /// Validate (and correct) the address as it is created.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub validate: Option<bool>,
}

/// An address in a request: an existing address id, or a new address inline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AddressInput {
    /// The `object_id` of an address created earlier.
    Id(String),
    /// A new address.
    New(Box<AddressCreateRequest>),
}

impl From<AddressCreateRequest> for AddressInput {
    fn from(a: AddressCreateRequest) -> Self {
        AddressInput::New(Box::new(a))
    }
}
