//! Offline review: search, filter, sort and page the cached orders, and an order's full detail.
//! Everything here reads only SQLite; it works with Shippo unreachable.

use rusqlite::types::Value;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::labels::{self, LabelInfo};
use super::orders::{self, Order, OrderStatus};
use super::search_index::fts_query;
use super::tracking::{self, TrackingRecord};
use super::transactions::{self, TransactionRecord};
use crate::error::Result;

/// The largest page a search returns.
pub const MAX_LIMIT: u32 = 500;

/// Label filter of a search.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LabelFilter {
    /// Orders with at least one purchased label.
    HasLabel,
    /// Orders still to ship: not shipped/cancelled/refunded and without a label.
    AwaitingShipment,
}

/// Sort order of a search.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderSort {
    /// Newest placed first (the default).
    #[default]
    Newest,
    /// Oldest placed first.
    Oldest,
    /// By order number.
    OrderNumber,
    /// By recipient name.
    Name,
    /// Best text match first (newest first without search text).
    Relevance,
}

/// A search over the cached orders. All filters combine with AND; empty means "any".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrderQuery {
    /// Free text (type-ahead: every word matches as a prefix).
    pub text: Option<String>,
    /// Any of these statuses.
    pub statuses: Vec<OrderStatus>,
    /// Ship-to country (ISO-2).
    pub country: Option<String>,
    /// Placed at or after this time (ISO-8601).
    pub placed_from: Option<String>,
    /// Placed before this time (ISO-8601).
    pub placed_to: Option<String>,
    /// Label state.
    pub label: Option<LabelFilter>,
    /// Sort order.
    pub sort: OrderSort,
    /// Page size (default 50, at most [`MAX_LIMIT`]).
    pub limit: Option<u32>,
    /// Rows to skip.
    pub offset: u32,
}

/// One row of the order list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderSummary {
    /// Shippo object id.
    pub object_id: String,
    /// Order number.
    pub order_number: Option<String>,
    /// Status.
    pub status: OrderStatus,
    /// When placed.
    pub placed_at: String,
    /// Recipient.
    pub name: Option<String>,
    /// Recipient's city.
    pub city: Option<String>,
    /// Recipient's country.
    pub country: Option<String>,
    /// Number of line items.
    pub items: u32,
    /// True when a label was bought.
    pub has_label: bool,
    /// Tracking number of the newest label, if any.
    pub tracking_number: Option<String>,
}

/// Matches are counted up to this many; beyond it the total is "at least".
pub const COUNT_CAP: u64 = 1000;

/// A page of search results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderPage {
    /// All matches (not only this page), counted up to [`COUNT_CAP`] beyond the page.
    pub total: u64,
    /// False when `total` hit the cap: there are at least that many.
    pub total_is_exact: bool,
    /// This page.
    pub orders: Vec<OrderSummary>,
}

/// An order with everything the review screen shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderDetail {
    /// The order with items and addresses.
    pub order: Order,
    /// Total weight as (value, unit), when known.
    pub total_weight: Option<(f64, String)>,
    /// The order's transactions (labels bought).
    pub transactions: Vec<TransactionRecord>,
    /// Label files cached for the order.
    pub labels: Vec<LabelInfo>,
    /// Tracking of the order's labels.
    pub tracking: Vec<TrackingRecord>,
}

const HAS_LABEL: &str = "(EXISTS (SELECT 1 FROM order_transactions ot
        LEFT JOIN transactions t ON t.object_id = ot.transaction_id
        WHERE ot.order_id = o.object_id AND (t.status IS NULL OR t.status = 'SUCCESS'))
    OR EXISTS (SELECT 1 FROM labels l WHERE l.order_id = o.object_id))";

/// Runs a search. Text is sanitised (see [`fts_query`]); text with nothing searchable in it
/// matches nothing.
pub fn search(conn: &Connection, q: &OrderQuery) -> Result<OrderPage> {
    search_counted(conn, q, false)
}

/// How many cached orders match `q`, counted in full (no [`COUNT_CAP`]): for a list that sizes
/// its scroll bar to every match. Its cost grows with the matches (some ms per 100k).
pub fn count(conn: &Connection, q: &OrderQuery) -> Result<u64> {
    let one = OrderQuery { limit: Some(1), offset: 0, ..q.clone() };
    Ok(search_counted(conn, &one, true)?.total)
}

fn search_counted(conn: &Connection, q: &OrderQuery, exact: bool) -> Result<OrderPage> {
    let mut wh: Vec<String> = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    let mut from = "orders o".to_owned();
    let text = q.text.as_deref().map(str::trim).filter(|t| !t.is_empty());
    if let Some(text) = text {
        match fts_query(text) {
            // The full-text rowid is the recency key: newest/oldest-first walks the doclists in
            // order and stops after one page, however many orders match.
            Some(m) => {
                from = "order_search s JOIN orders o ON o.search_key = s.rowid".to_owned();
                wh.push("order_search MATCH ?".to_owned());
                args.push(Value::Text(m));
            }
            None => {
                return Ok(OrderPage {
                    total: 0,
                    total_is_exact: true,
                    orders: Vec::new(),
                })
            }
        }
    }
    if !q.statuses.is_empty() {
        let marks = vec!["?"; q.statuses.len()].join(",");
        wh.push(format!("o.order_status IN ({marks})"));
        args.extend(q.statuses.iter().map(|s| Value::Text(s.as_str().to_owned())));
    }
    if let Some(c) = q.country.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        wh.push("o.to_country = ?".to_owned());
        args.push(Value::Text(c.to_ascii_uppercase()));
    }
    if let Some(t) = &q.placed_from {
        wh.push("o.placed_at >= ?".to_owned());
        args.push(Value::Text(super::time::normalize(t)));
    }
    if let Some(t) = &q.placed_to {
        wh.push("o.placed_at < ?".to_owned());
        args.push(Value::Text(super::time::normalize(t)));
    }
    match q.label {
        Some(LabelFilter::HasLabel) => wh.push(HAS_LABEL.to_owned()),
        Some(LabelFilter::AwaitingShipment) => {
            let open: Vec<String> = OrderStatus::ALL
                .into_iter()
                .filter(|s| s.awaits_shipment())
                .map(|s| format!("'{}'", s.as_str()))
                .collect();
            wh.push(format!("o.order_status IN ({}) AND NOT {HAS_LABEL}", open.join(",")));
        }
        None => {}
    }
    let where_sql = if wh.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", wh.join(" AND "))
    };
    let order_sql = match (q.sort, text.is_some()) {
        (OrderSort::Relevance, true) => "s.rank, o.search_key DESC",
        (OrderSort::Newest, true) => "s.rowid DESC",
        (OrderSort::Oldest, true) => "s.rowid ASC",
        (OrderSort::Newest | OrderSort::Relevance, false) => "o.search_key DESC",
        (OrderSort::Oldest, false) => "o.search_key ASC",
        (OrderSort::OrderNumber, _) => "o.order_number COLLATE NOCASE, o.search_key DESC",
        (OrderSort::Name, _) => "o.to_name COLLATE NOCASE, o.search_key DESC",
    };
    let limit = q.limit.unwrap_or(50).clamp(1, MAX_LIMIT);
    // Count only as far as the cap beyond this page: an exact count of 100k matches costs more
    // than the page itself, and "1000+" is all a list header needs.
    let cap = if exact { u64::MAX } else { u64::from(q.offset) + u64::from(limit) + COUNT_CAP };
    let cap_sql = if exact { "-1".to_owned() } else { cap.to_string() };
    let total: i64 = conn
        .prepare_cached(&format!(
            "SELECT COUNT(*) FROM (SELECT 1 FROM {from} {where_sql} LIMIT {cap_sql})"
        ))?
        .query_row(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?;
    let total = total.max(0) as u64;
    let sql = format!(
        "SELECT o.object_id, o.order_number, o.order_status, o.placed_at, o.to_name,
            (SELECT city FROM order_addresses a WHERE a.order_id = o.object_id AND a.role = 'to'),
            o.to_country,
            (SELECT COUNT(*) FROM order_line_items li WHERE li.order_id = o.object_id),
            {HAS_LABEL},
            (SELECT t.tracking_number FROM transactions t
               WHERE t.tracking_number IS NOT NULL AND (t.order_id = o.object_id OR t.object_id IN
                 (SELECT transaction_id FROM order_transactions WHERE order_id = o.object_id))
               ORDER BY t.created_at DESC LIMIT 1)
         FROM {from} {where_sql} ORDER BY {order_sql} LIMIT {limit} OFFSET {}",
        q.offset
    );
    let mut st = conn.prepare_cached(&sql)?;
    let orders = st
        .query_map(rusqlite::params_from_iter(args.iter()), |r| {
            let status: String = r.get(2)?;
            Ok(OrderSummary {
                object_id: r.get(0)?,
                order_number: r.get(1)?,
                status: OrderStatus::parse(&status),
                placed_at: r.get(3)?,
                name: r.get(4)?,
                city: r.get(5)?,
                country: r.get(6)?,
                items: r.get::<_, i64>(7)?.max(0) as u32,
                has_label: r.get(8)?,
                tracking_number: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(OrderPage {
        total,
        total_is_exact: total < cap,
        orders,
    })
}

/// The full detail of an order found by object id or order number.
pub fn detail(conn: &Connection, id_or_number: &str) -> Result<Option<OrderDetail>> {
    let Some(order) = orders::find(conn, id_or_number)? else {
        return Ok(None);
    };
    let transactions = transactions::list_for_order(conn, &order.object_id)?;
    let labels = labels::list_for_order(conn, &order.object_id)?;
    let mut tracking = Vec::new();
    for t in &transactions {
        if let Some(number) = &t.tracking_number {
            tracking.extend(tracking::get_by_number(conn, number)?);
        }
    }
    Ok(Some(OrderDetail {
        total_weight: order.total_weight(),
        order,
        transactions,
        labels,
        tracking,
    }))
}
