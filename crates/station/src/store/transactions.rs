//! Transactions: Shippo's name for a bought label (its status, tracking number and label URL).

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::{orders, search_index, time};
use crate::error::Result;

/// A transaction as the cache keeps it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransactionRecord {
    /// Shippo object id.
    pub object_id: String,
    /// The order it was bought for, when known.
    pub order_id: Option<String>,
    /// The rate bought.
    pub rate_id: Option<String>,
    /// WAITING, QUEUED, SUCCESS, ERROR, REFUNDED, REFUNDPENDING or REFUNDREJECTED.
    pub status: String,
    /// Tracking number.
    pub tracking_number: Option<String>,
    /// Tracking status (UNKNOWN, PRE_TRANSIT, TRANSIT, DELIVERED, RETURNED, FAILURE).
    pub tracking_status: Option<String>,
    /// Carrier's tracking page.
    pub tracking_url: Option<String>,
    /// Carrier token (e.g. `usps`, `shippo`).
    pub carrier: Option<String>,
    /// Where the label file is served.
    pub label_url: Option<String>,
    /// Label format (ZPLII, PDF_4x6, …), when known.
    pub label_file_type: Option<String>,
    /// The transaction's metadata (carries the purchase journal key).
    pub metadata: Option<String>,
    /// Shippo's messages, as JSON text.
    pub messages: Option<String>,
    /// When Shippo created it (store time format).
    pub created_at: String,
}

/// Inserts or updates a transaction by object id. When it names a cached order, the order is
/// linked and re-indexed so its tracking number becomes searchable.
pub fn upsert(conn: &Connection, t: &TransactionRecord) -> Result<()> {
    let created = if t.created_at.is_empty() {
        time::now()
    } else {
        time::normalize(&t.created_at)
    };
    conn.prepare_cached(
        "INSERT INTO transactions (object_id, order_id, rate_id, status, tracking_number,
            tracking_status, tracking_url, carrier, label_url, label_file_type, metadata, messages,
            created_at, updated_at)
         VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14)
         ON CONFLICT(object_id) DO UPDATE SET
            order_id = COALESCE(excluded.order_id, transactions.order_id),
            rate_id = COALESCE(excluded.rate_id, transactions.rate_id),
            status = excluded.status,
            tracking_number = COALESCE(excluded.tracking_number, transactions.tracking_number),
            tracking_status = COALESCE(excluded.tracking_status, transactions.tracking_status),
            tracking_url = COALESCE(excluded.tracking_url, transactions.tracking_url),
            carrier = COALESCE(excluded.carrier, transactions.carrier),
            label_url = COALESCE(excluded.label_url, transactions.label_url),
            label_file_type = COALESCE(excluded.label_file_type, transactions.label_file_type),
            metadata = COALESCE(excluded.metadata, transactions.metadata),
            messages = COALESCE(excluded.messages, transactions.messages),
            updated_at = excluded.updated_at",
    )?
    .execute(params![
        t.object_id,
        t.order_id,
        t.rate_id,
        t.status,
        t.tracking_number,
        t.tracking_status,
        t.tracking_url,
        t.carrier,
        t.label_url,
        t.label_file_type,
        t.metadata,
        t.messages,
        created,
        time::now()
    ])?;
    let order_id: Option<String> = match &t.order_id {
        Some(id) => Some(id.clone()),
        None => conn
            .prepare_cached("SELECT order_id FROM order_transactions WHERE transaction_id = ?1 LIMIT 1")?
            .query_row([&t.object_id], |r| r.get(0))
            .optional()?,
    };
    if let Some(order_id) = order_id {
        let known: bool = conn
            .prepare_cached("SELECT EXISTS(SELECT 1 FROM orders WHERE object_id = ?1)")?
            .query_row([&order_id], |r| r.get(0))?;
        if known {
            orders::link_transaction(conn, &order_id, &t.object_id)?;
            search_index::reindex(conn, &order_id)?;
        }
    }
    Ok(())
}

const COLUMNS: &str = "object_id, order_id, rate_id, status, tracking_number, tracking_status,
    tracking_url, carrier, label_url, label_file_type, metadata, messages, created_at";

fn read_row(r: &Row<'_>) -> rusqlite::Result<TransactionRecord> {
    Ok(TransactionRecord {
        object_id: r.get(0)?,
        order_id: r.get(1)?,
        rate_id: r.get(2)?,
        status: r.get(3)?,
        tracking_number: r.get(4)?,
        tracking_status: r.get(5)?,
        tracking_url: r.get(6)?,
        carrier: r.get(7)?,
        label_url: r.get(8)?,
        label_file_type: r.get(9)?,
        metadata: r.get(10)?,
        messages: r.get(11)?,
        created_at: r.get(12)?,
    })
}

/// The transaction with this id.
pub fn get(conn: &Connection, object_id: &str) -> Result<Option<TransactionRecord>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM transactions WHERE object_id = ?1"))?
        .query_row([object_id], read_row)
        .optional()?)
}

/// Transactions bought for a rate (newest first).
pub fn list_for_rate(conn: &Connection, rate_id: &str) -> Result<Vec<TransactionRecord>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM transactions WHERE rate_id = ?1 ORDER BY created_at DESC"
    ))?;
    let rows = st.query_map([rate_id], read_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// An order's transactions (oldest first), whether linked by Shippo's order or by our purchase.
pub fn list_for_order(conn: &Connection, order_id: &str) -> Result<Vec<TransactionRecord>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM transactions WHERE order_id = ?1 OR object_id IN
            (SELECT transaction_id FROM order_transactions WHERE order_id = ?1)
         ORDER BY created_at"
    ))?;
    let rows = st.query_map([order_id], read_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Ids of transactions that orders reference but the cache has no row for yet.
pub fn missing_ids(conn: &Connection, limit: u32) -> Result<Vec<String>> {
    let mut st = conn.prepare_cached(
        "SELECT DISTINCT ot.transaction_id FROM order_transactions ot
         LEFT JOIN transactions t ON t.object_id = ot.transaction_id
         WHERE t.object_id IS NULL LIMIT ?1",
    )?;
    let rows = st.query_map([limit], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
