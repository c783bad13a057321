//! Orders (beta) and their packing slips.

use serde::{Deserialize, Serialize};

use super::address::{Address, AddressCreateRequest};
use super::common::{has_object_id, nullable_vec, IdOr, Measure, Money, Timestamp};
use super::enums::{MassUnit, OrderStatus};
use super::transaction::Transaction;

/// An order as Shippo returns it.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Order {
    pub object_id: Option<String>,
    pub object_owner: Option<String>,
    pub order_number: Option<String>,
    pub order_status: Option<OrderStatus>,
    pub placed_at: Option<Timestamp>,
    pub from_address: Option<Address>,
    pub to_address: Option<Address>,
    #[serde(deserialize_with = "nullable_vec")]
    pub line_items: Vec<LineItem>,
    pub currency: Option<String>,
    pub notes: Option<String>,
    #[serde(default, deserialize_with = "crate::models::common::opt_money")]
    pub shipping_cost: Option<Money>,
    pub shipping_cost_currency: Option<String>,
    pub shipping_method: Option<String>,
    #[serde(default, deserialize_with = "crate::models::common::opt_money")]
    pub subtotal_price: Option<Money>,
    #[serde(default, deserialize_with = "crate::models::common::opt_money")]
    pub total_price: Option<Money>,
    #[serde(default, deserialize_with = "crate::models::common::opt_money")]
    pub total_tax: Option<Money>,
    pub weight: Option<Measure>,
    pub weight_unit: Option<MassUnit>,
    /// The shop the order came from (`Shippo`, `Shopify`, …).
    pub shop_app: Option<String>,
    /// Labels bought for this order: ids or objects.
    #[serde(deserialize_with = "nullable_vec")]
    pub transactions: Vec<IdOr<Transaction>>,
    pub test: Option<bool>,
}
has_object_id!(Order);

/// One line of an order.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LineItem {
    pub object_id: Option<String>,
    pub title: Option<String>,
    pub variant_title: Option<String>,
    pub sku: Option<String>,
    pub quantity: Option<i64>,
    #[serde(default, deserialize_with = "crate::models::common::opt_money")]
    pub total_price: Option<Money>,
    pub currency: Option<String>,
    pub weight: Option<Measure>,
    pub weight_unit: Option<MassUnit>,
    pub manufacture_country: Option<String>,
    pub max_delivery_time: Option<String>,
    pub max_ship_time: Option<String>,
}
has_object_id!(LineItem);

/// Body of `POST /orders`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrderCreateRequest {
    /// When the order was placed, ISO-8601 (required).
    pub placed_at: String,
    /// Where it goes (required).
    pub to_address: AddressCreateRequest,
    pub from_address: Option<AddressCreateRequest>,
    pub order_number: Option<String>,
    pub order_status: Option<OrderStatus>,
    pub line_items: Option<Vec<LineItemCreateRequest>>,
    pub currency: Option<String>,
    pub notes: Option<String>,
    #[serde(default, deserialize_with = "crate::models::common::opt_money")]
    pub shipping_cost: Option<Money>,
    pub shipping_cost_currency: Option<String>,
    pub shipping_method: Option<String>,
    #[serde(default, deserialize_with = "crate::models::common::opt_money")]
    pub subtotal_price: Option<Money>,
    #[serde(default, deserialize_with = "crate::models::common::opt_money")]
    pub total_price: Option<Money>,
    #[serde(default, deserialize_with = "crate::models::common::opt_money")]
    pub total_tax: Option<Money>,
    pub weight: Option<Measure>,
    pub weight_unit: Option<MassUnit>,
}

/// One line of an order in a request.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LineItemCreateRequest {
    pub title: Option<String>,
    pub variant_title: Option<String>,
    pub sku: Option<String>,
    pub quantity: Option<i64>,
    #[serde(default, deserialize_with = "crate::models::common::opt_money")]
    pub total_price: Option<Money>,
    pub currency: Option<String>,
    pub weight: Option<Measure>,
    pub weight_unit: Option<MassUnit>,
    pub manufacture_country: Option<String>,
}

/// A packing slip: a short-lived URL of a PDF (`GET /orders/{id}/packingslip/`).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PackingSlip {
    pub slip_url: Option<String>,
    pub expires: Option<Timestamp>,
    pub created: Option<Timestamp>,
}
