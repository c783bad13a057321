//! Customs items and declarations.

use serde::{Deserialize, Serialize};

use super::address::AddressCreateRequest;
use super::common::{has_object_id, nullable_vec, IdOr, Measure, Money, Timestamp};
use super::enums::{MassUnit, ObjectState};

/// A customs item as Shippo returns it.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CustomsItem {
    pub object_id: Option<String>,
    pub object_owner: Option<String>,
    pub object_state: Option<ObjectState>,
    pub object_created: Option<Timestamp>,
    pub object_updated: Option<Timestamp>,
    pub description: Option<String>,
    pub quantity: Option<i64>,
    pub net_weight: Option<Measure>,
    pub mass_unit: Option<MassUnit>,
    #[serde(default, deserialize_with = "crate::models::common::opt_money")]
    pub value_amount: Option<Money>,
    pub value_currency: Option<String>,
    pub origin_country: Option<String>,
    pub tariff_number: Option<String>,
    pub hs_code: Option<String>,
    pub sku_code: Option<String>,
    pub eccn_ear99: Option<String>,
    pub metadata: Option<String>,
    pub test: Option<bool>,
}
has_object_id!(CustomsItem);

/// Body of `POST /customs/items`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CustomsItemCreateRequest {
    pub description: String,
    pub quantity: i64,
    pub net_weight: Measure,
    pub mass_unit: MassUnit,
    pub value_amount: Money,
    pub value_currency: String,
    pub origin_country: String,
    pub tariff_number: Option<String>,
    pub hs_code: Option<String>,
    pub sku_code: Option<String>,
    pub eccn_ear99: Option<String>,
    pub metadata: Option<String>,
}

/// A customs declaration as Shippo returns it. Enum-like fields are kept as strings.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CustomsDeclaration {
    pub object_id: Option<String>,
    pub object_owner: Option<String>,
    pub object_state: Option<ObjectState>,
    pub object_created: Option<Timestamp>,
    pub object_updated: Option<Timestamp>,
    pub certify: Option<bool>,
    pub certify_signer: Option<String>,
    pub contents_type: Option<String>,
    pub contents_explanation: Option<String>,
    pub non_delivery_option: Option<String>,
    pub incoterm: Option<String>,
    pub eel_pfc: Option<String>,
    pub b13a_filing_option: Option<String>,
    pub b13a_number: Option<String>,
    pub aes_itn: Option<String>,
    pub certificate: Option<String>,
    pub commercial_invoice: Option<bool>,
    pub disclaimer: Option<String>,
    pub exporter_identification: Option<serde_json::Value>,
    pub exporter_reference: Option<String>,
    pub importer_reference: Option<String>,
    pub is_vat_collected: Option<bool>,
    pub invoice: Option<String>,
    pub invoiced_charges: Option<serde_json::Value>,
    pub license: Option<String>,
    pub notes: Option<String>,
    pub address_importer: Option<serde_json::Value>,
    #[serde(deserialize_with = "nullable_vec")]
    pub items: Vec<IdOr<CustomsItem>>,
    pub metadata: Option<String>,
    pub test: Option<bool>,
}
has_object_id!(CustomsDeclaration);

/// Body of `POST /customs/declarations`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CustomsDeclarationCreateRequest {
    pub certify: bool,
    pub certify_signer: String,
    /// `DOCUMENTS`, `GIFT`, `SAMPLE`, `MERCHANDISE`, `HUMANITARIAN_DONATION`, `RETURN_MERCHANDISE`, `OTHER`.
    pub contents_type: String,
    /// `ABANDON` or `RETURN`.
    pub non_delivery_option: String,
    /// Item ids or new items.
    pub items: Vec<CustomsItemInput>,
    pub contents_explanation: Option<String>,
    /// `DDP`, `DDU`, `FCA`, `DAP`, `eDAP`.
    pub incoterm: Option<String>,
    pub eel_pfc: Option<String>,
    pub b13a_filing_option: Option<String>,
    pub b13a_number: Option<String>,
    pub aes_itn: Option<String>,
    pub certificate: Option<String>,
    pub commercial_invoice: Option<bool>,
    pub disclaimer: Option<String>,
    pub exporter_identification: Option<serde_json::Value>,
    pub exporter_reference: Option<String>,
    pub importer_reference: Option<String>,
    pub is_vat_collected: Option<bool>,
    pub invoice: Option<String>,
    pub license: Option<String>,
    pub notes: Option<String>,
    pub address_importer: Option<AddressCreateRequest>,
    pub duties_payor: Option<serde_json::Value>,
    pub metadata: Option<String>,
    pub test: Option<bool>,
}

/// A customs item in a request: an existing id or a new item inline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum CustomsItemInput {
    /// The `object_id` of an item created earlier.
    Id(String),
    /// A new item.
    New(Box<CustomsItemCreateRequest>),
}
