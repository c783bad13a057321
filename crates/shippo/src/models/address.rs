//! Addresses and their validation results.

use serde::{Deserialize, Serialize};

use super::common::{has_object_id, nullable_vec, ResponseMessage, Timestamp};

/// An address as Shippo returns it.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Address {
    pub object_id: Option<String>,
    pub object_owner: Option<String>,
    pub object_created: Option<Timestamp>,
    pub object_updated: Option<Timestamp>,
    pub is_complete: Option<bool>,
    pub name: Option<String>,
    pub company: Option<String>,
    pub street1: Option<String>,
    pub street2: Option<String>,
    pub street3: Option<String>,
    pub street_no: Option<String>,
    pub city: Option<String>,
    pub state: Option<String>,
    pub zip: Option<String>,
    pub country: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub is_residential: Option<bool>,
    pub metadata: Option<String>,
    /// Latitude; Shippo sends a number, a string or null.
    pub latitude: Option<serde_json::Value>,
    /// Longitude; Shippo sends a number, a string or null.
    pub longitude: Option<serde_json::Value>,
    pub validation_results: Option<AddressValidationResults>,
    pub test: Option<bool>,
}
has_object_id!(Address);

/// The outcome of validating an address.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AddressValidationResults {
    pub is_valid: Option<bool>,
    #[serde(deserialize_with = "nullable_vec")]
    pub messages: Vec<ResponseMessage>,
}

/// Body of `POST /addresses`. Only `country` is required.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AddressCreateRequest {
    pub name: Option<String>,
    pub company: Option<String>,
    pub street1: Option<String>,
    pub street2: Option<String>,
    pub street3: Option<String>,
    pub street_no: Option<String>,
    pub city: Option<String>,
    pub state: Option<String>,
    pub zip: Option<String>,
    /// ISO 3166-1 alpha-2 country code (required).
    pub country: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub is_residential: Option<bool>,
    pub metadata: Option<String>,
    /// Validate (and correct) the address as it is created.
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
