//! Orders with their addresses, line items and transaction links.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::{search_index, time};
use crate::error::Result;

/// Where an order stands, as Shippo names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum OrderStatus {
    /// Shippo does not know.
    Unknown,
    /// Waiting for payment.
    Awaitpay,
    /// Paid, ready to ship.
    Paid,
    /// Refunded.
    Refunded,
    /// Cancelled.
    Cancelled,
    /// Some items shipped.
    PartiallyFulfilled,
    /// Shipped.
    Shipped,
}

impl OrderStatus {
    /// Every status, in Shippo's order.
    pub const ALL: [OrderStatus; 7] = [
        OrderStatus::Unknown,
        OrderStatus::Awaitpay,
        OrderStatus::Paid,
        OrderStatus::Refunded,
        OrderStatus::Cancelled,
        OrderStatus::PartiallyFulfilled,
        OrderStatus::Shipped,
    ];

    /// Shippo's spelling, e.g. `PAID`.
    pub fn as_str(self) -> &'static str {
        match self {
            OrderStatus::Unknown => "UNKNOWN",
            OrderStatus::Awaitpay => "AWAITPAY",
            OrderStatus::Paid => "PAID",
            OrderStatus::Refunded => "REFUNDED",
            OrderStatus::Cancelled => "CANCELLED",
            OrderStatus::PartiallyFulfilled => "PARTIALLY_FULFILLED",
            OrderStatus::Shipped => "SHIPPED",
        }
    }

    /// Reads Shippo's spelling (any case); anything else is `Unknown`.
    pub fn parse(s: &str) -> OrderStatus {
        OrderStatus::ALL
            .into_iter()
            .find(|st| st.as_str().eq_ignore_ascii_case(s.trim()))
            .unwrap_or(OrderStatus::Unknown)
    }

    /// True when the order still waits for a label (not shipped, cancelled or refunded).
    pub fn awaits_shipment(self) -> bool {
        matches!(
            self,
            OrderStatus::Unknown | OrderStatus::Awaitpay | OrderStatus::Paid | OrderStatus::PartiallyFulfilled
        )
    }
}

impl std::fmt::Display for OrderStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A postal address as the cache keeps it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Address {
    /// Person's name.
    pub name: Option<String>,
    /// Company.
    pub company: Option<String>,
    /// First street line.
    pub street1: Option<String>,
    /// Second street line.
    pub street2: Option<String>,
    /// Third street line.
    pub street3: Option<String>,
    /// City.
    pub city: Option<String>,
    /// State or province.
    pub state: Option<String>,
    /// Postal code.
    pub zip: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    /// Phone number.
    pub phone: Option<String>,
    /// Email.
    pub email: Option<String>,
}

/// One line of an order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineItem {
    /// Shippo's id of the line item, when it has one.
    pub object_id: Option<String>,
    /// What it is.
    pub title: Option<String>,
    /// Stock keeping unit.
    pub sku: Option<String>,
    /// Variant, e.g. "size M".
    pub variant_title: Option<String>,
    /// How many.
    pub quantity: i64,
    /// Total weight of this line (decimal string).
    pub weight: Option<String>,
    /// Unit of `weight` (g, kg, lb, oz).
    pub weight_unit: Option<String>,
    /// Total price of this line (decimal string).
    pub total_price: Option<String>,
    /// Currency of `total_price`.
    pub currency: Option<String>,
    /// Country of manufacture (ISO-2).
    pub manufacture_country: Option<String>,
}

/// An order as the cache keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Order {
    /// Shippo's object id.
    pub object_id: String,
    /// The shop's order number, e.g. `#1068`; not necessarily unique.
    pub order_number: Option<String>,
    /// Where the order stands.
    pub status: OrderStatus,
    /// When it was placed (store time format).
    pub placed_at: String,
    /// Platform it came from ("Shippo", "Shopify", "CSV_Import", …).
    pub shop_app: Option<String>,
    /// Total weight (decimal string).
    pub weight: Option<String>,
    /// Unit of `weight`.
    pub weight_unit: Option<String>,
    /// Total paid.
    pub total_price: Option<String>,
    /// Subtotal.
    pub subtotal_price: Option<String>,
    /// Tax.
    pub total_tax: Option<String>,
    /// Currency of the prices.
    pub currency: Option<String>,
    /// Shipping paid by the buyer.
    pub shipping_cost: Option<String>,
    /// Currency of `shipping_cost`.
    pub shipping_cost_currency: Option<String>,
    /// Shipping method the buyer chose.
    pub shipping_method: Option<String>,
    /// Notes.
    pub notes: Option<String>,
    /// Ship-to address.
    pub to_address: Address,
    /// Ship-from address, if the order names one.
    pub from_address: Option<Address>,
    /// The items.
    pub line_items: Vec<LineItem>,
    /// Ids of the transactions (labels) Shippo lists for this order.
    pub transaction_ids: Vec<String>,
}

impl Order {
    /// The order's total weight: the order's own weight, else the sum of its items' weights,
    /// as (value, unit). `None` when no weight is known or the items mix units.
    pub fn total_weight(&self) -> Option<(f64, String)> {
        if let (Some(w), Some(u)) = (&self.weight, &self.weight_unit) {
            if let Ok(v) = w.trim().parse::<f64>() {
                return Some((v, u.clone()));
            }
        }
        let mut unit: Option<&String> = None;
        let mut sum = 0.0;
        for item in &self.line_items {
            let v = item.weight.as_deref()?.trim().parse::<f64>().ok()?;
            let u = item.weight_unit.as_ref()?;
            if unit.is_some_and(|x| x != u) {
                return None;
            }
            unit = Some(u);
            sum += v;
        }
        unit.map(|u| (sum, u.clone()))
    }
}

/// Inserts or replaces an order (by `object_id`) with its addresses and items, and re-indexes it
/// for search. Transaction links are only added, never removed: a label bought here may not be
/// listed by Shippo yet. Returns the status the order had before (`None` when it is new).
pub fn upsert(conn: &Connection, o: &Order) -> Result<Option<OrderStatus>> {
    let previous: Option<String> = conn
        .prepare_cached("SELECT order_status FROM orders WHERE object_id = ?1")?
        .query_row([&o.object_id], |r| r.get(0))
        .optional()?;
    let now = time::now();
    let placed = time::normalize(&o.placed_at);
    let id: i64 = conn
        .prepare_cached(
            "INSERT INTO orders (object_id, order_number, order_status, placed_at, shop_app, weight,
                weight_unit, total_price, subtotal_price, total_tax, currency, shipping_cost,
                shipping_cost_currency, shipping_method, notes, to_name, to_country, synced_at)
             VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18)
             ON CONFLICT(object_id) DO UPDATE SET order_number=excluded.order_number,
                order_status=excluded.order_status, placed_at=excluded.placed_at,
                shop_app=excluded.shop_app, weight=excluded.weight, weight_unit=excluded.weight_unit,
                total_price=excluded.total_price, subtotal_price=excluded.subtotal_price,
                total_tax=excluded.total_tax, currency=excluded.currency,
                shipping_cost=excluded.shipping_cost,
                shipping_cost_currency=excluded.shipping_cost_currency,
                shipping_method=excluded.shipping_method, notes=excluded.notes,
                to_name=excluded.to_name, to_country=excluded.to_country, synced_at=excluded.synced_at
             RETURNING id",
        )?
        .query_row(
            params![
                o.object_id,
                o.order_number,
                o.status.as_str(),
                placed,
                o.shop_app,
                o.weight,
                o.weight_unit,
                o.total_price,
                o.subtotal_price,
                o.total_tax,
                o.currency,
                o.shipping_cost,
                o.shipping_cost_currency,
                o.shipping_method,
                o.notes,
                o.to_address.name,
                o.to_address.country.to_ascii_uppercase(),
                now
            ],
            |r| r.get(0),
        )?;
    conn.prepare_cached("DELETE FROM order_addresses WHERE order_id = ?1")?
        .execute([&o.object_id])?;
    put_address(conn, &o.object_id, "to", &o.to_address)?;
    if let Some(from) = &o.from_address {
        put_address(conn, &o.object_id, "from", from)?;
    }
    conn.prepare_cached("DELETE FROM order_line_items WHERE order_id = ?1")?
        .execute([&o.object_id])?;
    let mut ins = conn.prepare_cached(
        "INSERT INTO order_line_items (order_id, position, object_id, title, sku, variant_title,
            quantity, weight, weight_unit, total_price, currency, manufacture_country)
         VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)",
    )?;
    for (i, it) in o.line_items.iter().enumerate() {
        ins.execute(params![
            o.object_id,
            i as i64,
            it.object_id,
            it.title,
            it.sku,
            it.variant_title,
            it.quantity,
            it.weight,
            it.weight_unit,
            it.total_price,
            it.currency,
            it.manufacture_country
        ])?;
    }
    for tx in &o.transaction_ids {
        link_transaction(conn, &o.object_id, tx)?;
    }
    search_index::index_order(conn, id, o)?;
    Ok(previous.map(|p| OrderStatus::parse(&p)))
}

fn put_address(conn: &Connection, order_id: &str, role: &str, a: &Address) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO order_addresses (order_id, role, name, company, street1, street2, street3, city,
            state, zip, country, phone, email) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)",
    )?
    .execute(params![
        order_id, role, a.name, a.company, a.street1, a.street2, a.street3, a.city, a.state, a.zip,
        a.country, a.phone, a.email
    ])?;
    Ok(())
}

/// Records that a transaction belongs to an order (idempotent).
pub fn link_transaction(conn: &Connection, order_id: &str, transaction_id: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO order_transactions (order_id, transaction_id) VALUES (?1, ?2)",
    )?
    .execute(params![order_id, transaction_id])?;
    Ok(())
}

/// Changes an order's status (e.g. to SHIPPED after a label was bought here).
pub fn set_status(conn: &Connection, order_id: &str, status: OrderStatus) -> Result<bool> {
    let n = conn
        .prepare_cached("UPDATE orders SET order_status = ?2 WHERE object_id = ?1")?
        .execute(params![order_id, status.as_str()])?;
    Ok(n > 0)
}

/// The order with this Shippo object id.
pub fn get(conn: &Connection, object_id: &str) -> Result<Option<Order>> {
    let row = conn
        .prepare_cached(&format!("SELECT {ORDER_COLUMNS} FROM orders WHERE object_id = ?1"))?
        .query_row([object_id], read_order_row)
        .optional()?;
    match row {
        Some(mut o) => {
            fill_children(conn, &mut o)?;
            Ok(Some(o))
        }
        None => Ok(None),
    }
}

/// Finds an order by object id or by order number (with or without a leading `#`, any case).
/// With several orders sharing a number, the most recently placed one wins.
pub fn find(conn: &Connection, id_or_number: &str) -> Result<Option<Order>> {
    let key = id_or_number.trim();
    if key.is_empty() {
        return Ok(None);
    }
    if let Some(o) = get(conn, key)? {
        return Ok(Some(o));
    }
    let bare = key.trim_start_matches('#');
    let id: Option<String> = conn
        .prepare_cached(
            // MATERIALIZED keeps SQLite on the order-number index instead of walking all orders
            // by date to satisfy the ORDER BY.
            "WITH m AS MATERIALIZED (SELECT object_id, placed_at FROM orders
                WHERE order_number COLLATE NOCASE IN (?1, ?2, ?3))
             SELECT object_id FROM m ORDER BY placed_at DESC LIMIT 1",
        )?
        .query_row(params![key, bare, format!("#{bare}")], |r| r.get(0))
        .optional()?;
    match id {
        Some(id) => get(conn, &id),
        None => Ok(None),
    }
}

/// How many orders the cache holds.
pub fn count(conn: &Connection) -> Result<u64> {
    let n: i64 = conn.query_row("SELECT COUNT(*) FROM orders", [], |r| r.get(0))?;
    Ok(n.max(0) as u64)
}

/// The latest `placed_at` in the cache, if any order is cached.
pub fn latest_placed_at(conn: &Connection) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT MAX(placed_at) FROM orders", [], |r| r.get(0))?)
}

const ORDER_COLUMNS: &str = "object_id, order_number, order_status, placed_at, shop_app, weight,
    weight_unit, total_price, subtotal_price, total_tax, currency, shipping_cost,
    shipping_cost_currency, shipping_method, notes";

fn read_order_row(r: &Row<'_>) -> rusqlite::Result<Order> {
    let status: String = r.get(2)?;
    Ok(Order {
        object_id: r.get(0)?,
        order_number: r.get(1)?,
        status: OrderStatus::parse(&status),
        placed_at: r.get(3)?,
        shop_app: r.get(4)?,
        weight: r.get(5)?,
        weight_unit: r.get(6)?,
        total_price: r.get(7)?,
        subtotal_price: r.get(8)?,
        total_tax: r.get(9)?,
        currency: r.get(10)?,
        shipping_cost: r.get(11)?,
        shipping_cost_currency: r.get(12)?,
        shipping_method: r.get(13)?,
        notes: r.get(14)?,
        to_address: Address::default(),
        from_address: None,
        line_items: Vec::new(),
        transaction_ids: Vec::new(),
    })
}

fn fill_children(conn: &Connection, o: &mut Order) -> Result<()> {
    let mut st = conn.prepare_cached(
        "SELECT role, name, company, street1, street2, street3, city, state, zip, country, phone, email
         FROM order_addresses WHERE order_id = ?1",
    )?;
    let rows = st.query_map([&o.object_id], |r| {
        let role: String = r.get(0)?;
        let a = Address {
            name: r.get(1)?,
            company: r.get(2)?,
            street1: r.get(3)?,
            street2: r.get(4)?,
            street3: r.get(5)?,
            city: r.get(6)?,
            state: r.get(7)?,
            zip: r.get(8)?,
            country: r.get::<_, Option<String>>(9)?.unwrap_or_default(),
            phone: r.get(10)?,
            email: r.get(11)?,
        };
        Ok((role, a))
    })?;
    for row in rows {
        let (role, a) = row?;
        if role == "to" {
            o.to_address = a;
        } else {
            o.from_address = Some(a);
        }
    }
    let mut st = conn.prepare_cached(
        "SELECT object_id, title, sku, variant_title, quantity, weight, weight_unit, total_price,
            currency, manufacture_country
         FROM order_line_items WHERE order_id = ?1 ORDER BY position",
    )?;
    o.line_items = st
        .query_map([&o.object_id], |r| {
            Ok(LineItem {
                object_id: r.get(0)?,
                title: r.get(1)?,
                sku: r.get(2)?,
                variant_title: r.get(3)?,
                quantity: r.get(4)?,
                weight: r.get(5)?,
                weight_unit: r.get(6)?,
                total_price: r.get(7)?,
                currency: r.get(8)?,
                manufacture_country: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut st = conn.prepare_cached(
        "SELECT transaction_id FROM order_transactions WHERE order_id = ?1 ORDER BY transaction_id",
    )?;
    o.transaction_ids = st
        .query_map([&o.object_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(())
}
