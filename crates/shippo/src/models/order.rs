//! Orders (beta) and their packing slips.

use serde::{Deserialize, Serialize};

use super::address::{Address, AddressCreateRequest};
use super::common::{has_object_id, nullable_vec, IdOr, Measure, Money, Timestamp};
use super::enums::{MassUnit, OrderStatus};
use super::transaction::Transaction;

/// An order as Shippo returns it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Order {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_owner: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_status: Option<OrderStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub placed_at: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_address: Option<Address>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_address: Option<Address>,
    #[serde(deserialize_with = "nullable_vec")]
    pub line_items: Vec<LineItem>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipping_cost: Option<Money>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipping_cost_currency: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipping_method: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subtotal_price: Option<Money>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_price: Option<Money>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_tax: Option<Money>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<Measure>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight_unit: Option<MassUnit>,
    /// The shop the order came from (`Shippo`, `Shopify`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shop_app: Option<String>,
    /// Labels bought for this order: ids or objects.
    #[serde(deserialize_with = "nullable_vec")]
    pub transactions: Vec<IdOr<Transaction>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub test: Option<bool>,
}
has_object_id!(Order);

/// One line of an order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LineItem {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variant_title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quantity: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_price: Option<Money>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<Measure>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight_unit: Option<MassUnit>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manufacture_country: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_delivery_time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_ship_time: Option<String>,
}
has_object_id!(LineItem);

/// Body of `POST /orders`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrderCreateRequest {
    /// When the order was placed, ISO-8601 (required).
    pub placed_at: String,
    /// Where it goes (required).
    pub to_address: AddressCreateRequest,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_address: Option<AddressCreateRequest>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_status: Option<OrderStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line_items: Option<Vec<LineItemCreateRequest>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipping_cost: Option<Money>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipping_cost_currency: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipping_method: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subtotal_price: Option<Money>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_price: Option<Money>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_tax: Option<Money>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<Measure>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight_unit: Option<MassUnit>,
}

/// One line of an order in a request.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LineItemCreateRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variant_title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quantity: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_price: Option<Money>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<Measure>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight_unit: Option<MassUnit>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manufacture_country: Option<String>,
}

/// A packing slip: a short-lived URL of a PDF (`GET /orders/{id}/packingslip/`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PackingSlip {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slip_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created: Option<Timestamp>,
}
