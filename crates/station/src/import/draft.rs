//! A new order as an operator enters it (by hand or from a CSV row group), validated before it
//! goes to Shippo.

use serde::{Deserialize, Serialize};

use crate::store::orders::Address;

/// Mass units Shippo accepts.
pub const MASS_UNITS: [&str; 4] = ["g", "kg", "lb", "oz"];

/// One item of a new order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ItemDraft {
    /// What it is (required).
    pub title: String,
    /// Stock keeping unit.
    pub sku: Option<String>,
    /// How many (required, > 0).
    pub quantity: i64,
    /// Weight of the whole line, decimal (required, > 0).
    pub weight: String,
    /// g, kg, lb or oz (default lb).
    pub weight_unit: Option<String>,
    /// Price of the whole line, decimal.
    pub price: Option<String>,
    /// Currency of `price` (default USD when a price is given).
    pub currency: Option<String>,
}

impl ItemDraft {
    /// Every problem with this item, as short reasons ("quantity must be a whole number above 0").
    pub fn problems(&self) -> Vec<String> {
        let mut p = Vec::new();
        if self.title.trim().is_empty() {
            p.push("title is missing".to_owned());
        }
        if self.quantity <= 0 {
            p.push("quantity must be a whole number above 0".to_owned());
        }
        if self.weight.trim().is_empty() {
            p.push("weight is missing".to_owned());
        } else if !positive_decimal(&self.weight) {
            p.push(format!("weight '{}' is not a number above 0", self.weight.trim()));
        }
        if let Some(u) = self.weight_unit.as_deref().filter(|u| !u.trim().is_empty()) {
            if !MASS_UNITS.contains(&u.trim().to_ascii_lowercase().as_str()) {
                p.push(format!("weight_unit '{u}' is not one of g, kg, lb, oz"));
            }
        }
        if let Some(price) = self.price.as_deref().filter(|s| !s.trim().is_empty()) {
            if price.trim().parse::<f64>().map(|v| v < 0.0 || !v.is_finite()).unwrap_or(true) {
                p.push(format!("price '{price}' is not an amount"));
            }
        }
        p
    }
}

/// A new order (manual entry or one CSV order).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrderDraft {
    /// The shop's order number (required).
    pub order_number: String,
    /// When it was placed (ISO-8601 date or date-time; default now).
    pub placed_at: Option<String>,
    /// Ship-to address: name, street1, city, zip and country (ISO-2) are required.
    pub to_address: Address,
    /// Items (at least one).
    pub items: Vec<ItemDraft>,
    /// Shipping method the buyer chose.
    pub shipping_method: Option<String>,
    /// Notes.
    pub notes: Option<String>,
}

fn blank(s: &Option<String>) -> bool {
    s.as_deref().is_none_or(|s| s.trim().is_empty())
}

fn positive_decimal(s: &str) -> bool {
    s.trim().parse::<f64>().is_ok_and(|v| v.is_finite() && v > 0.0)
}

impl OrderDraft {
    /// Every problem with the draft, as short reasons an operator can fix ("zip is missing").
    /// Empty when it may be sent.
    pub fn problems(&self) -> Vec<String> {
        let mut p = self.order_problems();
        if self.items.is_empty() {
            p.push("the order has no items".to_owned());
        }
        let numbered = self.items.len() > 1;
        for (i, it) in self.items.iter().enumerate() {
            let problems = it.problems();
            if numbered {
                p.extend(problems.into_iter().map(|q| format!("item {}: {q}", i + 1)));
            } else {
                p.extend(problems);
            }
        }
        p
    }

    /// The problems of the order itself (number, date, address), leaving its items aside.
    pub fn order_problems(&self) -> Vec<String> {
        let mut p = Vec::new();
        if self.order_number.trim().is_empty() {
            p.push("order_number is missing".to_owned());
        }
        if let Some(t) = &self.placed_at {
            if !t.trim().is_empty() && crate::store::time::parse(t).is_none() {
                p.push(format!("placed_at '{t}' is not a date (use 2026-11-22 or 2026-11-22T10:00:00Z)"));
            }
        }
        let a = &self.to_address;
        for (name, v) in [("name", &a.name), ("street1", &a.street1), ("city", &a.city), ("zip", &a.zip)] {
            if blank(v) {
                p.push(format!("{name} is missing"));
            }
        }
        let c = a.country.trim();
        if c.is_empty() {
            p.push("country is missing".to_owned());
        } else if c.len() != 2 || !c.chars().all(|ch| ch.is_ascii_alphabetic()) {
            p.push(format!("country '{c}' is not a two-letter ISO code (e.g. US, DE)"));
        }
        p
    }

    /// The `POST /orders` body. Call only on a draft without [`OrderDraft::problems`].
    pub fn to_request(&self) -> shippo::models::OrderCreateRequest {
        use shippo::models::{AddressCreateRequest, LineItemCreateRequest, MassUnit, Measure, OrderStatus};
        let placed_at = self
            .placed_at
            .as_deref()
            .and_then(crate::store::time::parse)
            .unwrap_or_else(chrono::Utc::now);
        let a = &self.to_address;
        let trim = |s: &Option<String>| s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
        let items: Vec<LineItemCreateRequest> = self
            .items
            .iter()
            .map(|it| {
                let unit = it
                    .weight_unit
                    .as_deref()
                    .map(|u| u.trim().to_ascii_lowercase())
                    .filter(|u| !u.is_empty())
                    .unwrap_or_else(|| "lb".to_owned());
                let price = it.price.as_deref().and_then(|p| p.trim().parse().ok());
                LineItemCreateRequest {
                    title: Some(it.title.trim().to_owned()),
                    sku: trim(&it.sku),
                    quantity: Some(it.quantity),
                    weight: Some(Measure(it.weight.trim().to_owned())),
                    weight_unit: Some(MassUnit::from(unit.as_str())),
                    currency: price.map(|_| trim(&it.currency).unwrap_or_else(|| "USD".to_owned())),
                    total_price: price,
                    ..LineItemCreateRequest::default()
                }
            })
            .collect();
        shippo::models::OrderCreateRequest {
            placed_at: crate::store::time::format(placed_at),
            to_address: AddressCreateRequest {
                name: trim(&a.name),
                company: trim(&a.company),
                street1: trim(&a.street1),
                street2: trim(&a.street2),
                city: trim(&a.city),
                state: trim(&a.state),
                zip: trim(&a.zip),
                country: a.country.trim().to_ascii_uppercase(),
                phone: trim(&a.phone),
                email: trim(&a.email),
                ..AddressCreateRequest::default()
            },
            order_number: Some(self.order_number.trim().to_owned()),
            order_status: Some(OrderStatus::Paid),
            line_items: Some(items),
            shipping_method: trim(&self.shipping_method),
            notes: trim(&self.notes),
            ..shippo::models::OrderCreateRequest::default()
        }
    }
}
