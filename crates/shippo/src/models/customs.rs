//! Customs items and declarations.

use serde::{Deserialize, Serialize};

use super::address::AddressCreateRequest;
use super::common::{has_object_id, nullable_vec, IdOr, Measure, Money, Timestamp};
use super::enums::{MassUnit, ObjectState};

/// A customs item as Shippo returns it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CustomsItem {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_owner: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_state: Option<ObjectState>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_created: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_updated: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quantity: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub net_weight: Option<Measure>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mass_unit: Option<MassUnit>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_amount: Option<Money>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_currency: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin_country: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tariff_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hs_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sku_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eccn_ear99: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub test: Option<bool>,
}
has_object_id!(CustomsItem);

/// Body of `POST /customs/items`.
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tariff_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hs_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sku_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eccn_ear99: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<String>,
}

/// A customs declaration as Shippo returns it. Enum-like fields are kept as strings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CustomsDeclaration {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_owner: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_state: Option<ObjectState>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_created: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_updated: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certify: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certify_signer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contents_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contents_explanation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub non_delivery_option: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub incoterm: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eel_pfc: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub b13a_filing_option: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub b13a_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aes_itn: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certificate: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commercial_invoice: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disclaimer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exporter_identification: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exporter_reference: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub importer_reference: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_vat_collected: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invoice: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invoiced_charges: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address_importer: Option<serde_json::Value>,
    #[serde(deserialize_with = "nullable_vec")]
    pub items: Vec<IdOr<CustomsItem>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub test: Option<bool>,
}
has_object_id!(CustomsDeclaration);

/// Body of `POST /customs/declarations`.
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contents_explanation: Option<String>,
    /// `DDP`, `DDU`, `FCA`, `DAP`, `eDAP`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub incoterm: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eel_pfc: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub b13a_filing_option: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub b13a_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aes_itn: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certificate: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commercial_invoice: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disclaimer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exporter_identification: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exporter_reference: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub importer_reference: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_vat_collected: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invoice: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address_importer: Option<AddressCreateRequest>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duties_payor: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
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
