//! Shipments: the rating call. Creating one returns its rates.

use serde::{Deserialize, Serialize};

use super::address::{Address, AddressInput};
use super::common::{has_object_id, nullable_vec, IdOr, ResponseMessage, Timestamp};
use super::customs::{CustomsDeclaration, CustomsDeclarationCreateRequest};
use super::enums::ShipmentStatus;
use super::parcel::{Parcel, ParcelInput};
use super::rate::Rate;

/// A shipment as Shippo returns it.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Shipment {
    pub object_id: Option<String>,
    pub object_owner: Option<String>,
    pub object_created: Option<Timestamp>,
    pub object_updated: Option<Timestamp>,
    /// `QUEUED`/`WAITING` while rating runs, then `SUCCESS` (or `ERROR`).
    pub status: Option<ShipmentStatus>,
    pub address_from: Option<IdOr<Address>>,
    pub address_to: Option<IdOr<Address>>,
    pub address_return: Option<IdOr<Address>>,
    #[serde(deserialize_with = "nullable_vec")]
    pub parcels: Vec<IdOr<Parcel>>,
    pub customs_declaration: Option<IdOr<CustomsDeclaration>>,
    #[serde(deserialize_with = "nullable_vec")]
    pub carrier_accounts: Vec<String>,
    pub shipment_date: Option<String>,
    pub extra: Option<ShipmentExtra>,
    pub metadata: Option<String>,
    #[serde(deserialize_with = "nullable_vec")]
    pub rates: Vec<Rate>,
    #[serde(deserialize_with = "nullable_vec")]
    pub messages: Vec<ResponseMessage>,
    pub test: Option<bool>,
}
has_object_id!(Shipment);

impl Shipment {
    /// True while Shippo is still rating (`QUEUED` or `WAITING`).
    pub fn is_pending(&self) -> bool {
        matches!(
            self.status,
            Some(ShipmentStatus::Queued | ShipmentStatus::Waiting)
        )
    }

    /// The cheapest rate, by `amount`.
    pub fn cheapest_rate(&self) -> Option<&Rate> {
        self.rates
            .iter()
            .filter(|r| r.amount.is_some())
            .min_by_key(|r| r.amount)
    }
}

/// Shipment extras. The common ones are typed; all others are kept in `other`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ShipmentExtra {
    pub reference_1: Option<String>,
    pub reference_2: Option<String>,
    /// `STANDARD`, `ADULT`, `CERTIFIED`, `INDIRECT`, `CARRIER_CONFIRMATION`.
    pub signature_confirmation: Option<String>,
    pub is_return: Option<bool>,
    pub saturday_delivery: Option<bool>,
    pub bypass_address_validation: Option<bool>,
    pub qr_code_requested: Option<bool>,
    /// `{amount, currency, content, provider}`.
    pub insurance: Option<serde_json::Value>,
    /// Every other extra, as sent.
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}

/// Body of `POST /shipments`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShipmentCreateRequest {
    pub address_from: AddressInput,
    pub address_to: AddressInput,
    #[serde(default)]
    pub address_return: Option<AddressInput>,
    pub parcels: Vec<ParcelInput>,
    #[serde(default)]
    pub customs_declaration: Option<CustomsDeclarationInput>,
    /// Restrict rating to these carrier accounts.
    #[serde(default)]
    pub carrier_accounts: Option<Vec<String>>,
    /// ISO-8601 date the parcel is handed over.
    #[serde(default)]
    pub shipment_date: Option<String>,
    #[serde(default)]
    pub extra: Option<ShipmentExtra>,
    #[serde(default)]
    pub metadata: Option<String>,
    /// `false` makes Shippo rate inline (the default on the server is `true`).
    #[serde(rename = "async", default)]
    pub is_async: Option<bool>,
}

impl ShipmentCreateRequest {
    /// A request from one address to another with the given parcels; everything else unset.
    pub fn new(
        from: impl Into<AddressInput>,
        to: impl Into<AddressInput>,
        parcels: Vec<ParcelInput>,
    ) -> Self {
        ShipmentCreateRequest {
            address_from: from.into(),
            address_to: to.into(),
            address_return: None,
            parcels,
            customs_declaration: None,
            carrier_accounts: None,
            shipment_date: None,
            extra: None,
            metadata: None,
            is_async: None,
        }
    }
}

/// A customs declaration in a request: an existing id or a new declaration inline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum CustomsDeclarationInput {
    /// The `object_id` of a declaration created earlier.
    Id(String),
    /// A new declaration.
    New(Box<CustomsDeclarationCreateRequest>),
}
