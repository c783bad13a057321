//! The exactly-once purchase journal and the per-order lock (see ARCHITECTURE "Exactly-once purchase").
//!
//! A `PENDING` row is committed *before* POST /transactions, its UUIDv7 key travels in the
//! transaction's metadata, and the outcome lands in the same row. A PENDING row found later must be
//! reconciled before the order may be bought again. One purchase per order at a time is enforced by
//! `order_locks` (owner + expiry), so a crashed holder cannot block an order forever.

use chrono::{Duration, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::time;
use crate::error::{Result, StationError};

/// Where a purchase stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PurchaseState {
    /// Committed; Shippo's answer not recorded yet.
    Pending,
    /// Shippo made the label; `transaction_id` is set.
    Succeeded,
    /// No label was made; `error` says why.
    Failed,
}

impl PurchaseState {
    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            PurchaseState::Pending => "PENDING",
            PurchaseState::Succeeded => "SUCCEEDED",
            PurchaseState::Failed => "FAILED",
        }
    }
}

/// What is being bought: a rate, or an Instalabel request (single call, no rate id).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PurchaseTarget {
    /// A rate id.
    Rate(String),
    /// The Instalabel request as JSON.
    Instalabel(serde_json::Value),
}

/// A purchase journal row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Purchase {
    /// UUIDv7 key, also in the transaction's metadata.
    pub key: String,
    /// The order bought for.
    pub order_id: String,
    /// What was bought.
    pub target: PurchaseTarget,
    /// Where it stands.
    pub state: PurchaseState,
    /// Shippo's transaction, once known.
    pub transaction_id: Option<String>,
    /// Why it failed.
    pub error: Option<String>,
    /// Created.
    pub created_at: String,
    /// Last change.
    pub updated_at: String,
}

const COLUMNS: &str =
    "key, order_id, rate_id, instalabel_spec, state, transaction_id, error, created_at, updated_at";

fn read_row(r: &Row<'_>) -> rusqlite::Result<Purchase> {
    let rate: Option<String> = r.get(2)?;
    let spec: Option<String> = r.get(3)?;
    let state: String = r.get(4)?;
    let target = match (rate, spec) {
        (Some(rate), _) => PurchaseTarget::Rate(rate),
        (None, Some(spec)) => PurchaseTarget::Instalabel(
            serde_json::from_str(&spec).unwrap_or(serde_json::Value::String(spec)),
        ),
        (None, None) => PurchaseTarget::Instalabel(serde_json::Value::Null),
    };
    Ok(Purchase {
        key: r.get(0)?,
        order_id: r.get(1)?,
        target,
        state: match state.as_str() {
            "SUCCEEDED" => PurchaseState::Succeeded,
            "FAILED" => PurchaseState::Failed,
            _ => PurchaseState::Pending,
        },
        transaction_id: r.get(5)?,
        error: r.get(6)?,
        created_at: r.get(7)?,
        updated_at: r.get(8)?,
    })
}

/// Commits a new PENDING purchase with a fresh UUIDv7 key and returns it.
pub fn begin(conn: &Connection, order_id: &str, target: &PurchaseTarget) -> Result<Purchase> {
    let key = uuid::Uuid::now_v7().to_string();
    let now = time::now();
    let (rate, spec) = match target {
        PurchaseTarget::Rate(r) => (Some(r.clone()), None),
        PurchaseTarget::Instalabel(v) => (None, Some(serde_json::to_string(v)?)),
    };
    conn.prepare_cached(
        "INSERT INTO purchases (key, order_id, rate_id, instalabel_spec, state, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, 'PENDING', ?5, ?5)",
    )?
    .execute(params![key, order_id, rate, spec, now])?;
    get(conn, &key)?.ok_or_else(|| StationError::NotFound {
        what: format!("Purchase {key}"),
    })
}

/// The purchase with this key.
pub fn get(conn: &Connection, key: &str) -> Result<Option<Purchase>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM purchases WHERE key = ?1"))?
        .query_row([key], read_row)
        .optional()?)
}

/// Records success: the transaction Shippo made.
pub fn succeed(conn: &Connection, key: &str, transaction_id: &str) -> Result<()> {
    finish(conn, key, PurchaseState::Succeeded, Some(transaction_id), None)
}

/// Records failure with the operator-facing reason.
pub fn fail(conn: &Connection, key: &str, error: &str) -> Result<()> {
    finish(conn, key, PurchaseState::Failed, None, Some(error))
}

fn finish(
    conn: &Connection,
    key: &str,
    state: PurchaseState,
    transaction_id: Option<&str>,
    error: Option<&str>,
) -> Result<()> {
    let n = conn
        .prepare_cached(
            "UPDATE purchases SET state = ?2, transaction_id = COALESCE(?3, transaction_id),
                error = ?4, updated_at = ?5 WHERE key = ?1",
        )?
        .execute(params![key, state.as_str(), transaction_id, error, time::now()])?;
    if n == 0 {
        return Err(StationError::NotFound {
            what: format!("Purchase {key}"),
        });
    }
    Ok(())
}

/// PENDING purchases (oldest first): to reconcile before anything else may buy.
pub fn pending(conn: &Connection) -> Result<Vec<Purchase>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM purchases WHERE state = 'PENDING' ORDER BY created_at, key"
    ))?;
    let rows = st.query_map([], read_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// An order's purchases, oldest first.
pub fn list_for_order(conn: &Connection, order_id: &str) -> Result<Vec<Purchase>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM purchases WHERE order_id = ?1 ORDER BY created_at, key"
    ))?;
    let rows = st.query_map([order_id], read_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Takes the per-order lock for `ttl`, or renews it if `owner` already holds it. An expired
/// lock is taken over. Fails with [`StationError::OrderLocked`] when someone else holds it.
pub fn lock_order(conn: &Connection, order_id: &str, owner: &str, ttl: Duration) -> Result<()> {
    let now = time::now();
    let expires = time::format(Utc::now() + ttl);
    let n = conn
        .prepare_cached(
            "INSERT INTO order_locks (order_id, owner, expires_at) VALUES (?1, ?2, ?3)
             ON CONFLICT(order_id) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
             WHERE order_locks.owner = excluded.owner OR order_locks.expires_at <= ?4",
        )?
        .execute(params![order_id, owner, expires, now])?;
    if n == 0 {
        let holder: String = conn
            .prepare_cached("SELECT owner FROM order_locks WHERE order_id = ?1")?
            .query_row([order_id], |r| r.get(0))
            .optional()?
            .unwrap_or_default();
        return Err(StationError::OrderLocked {
            order_id: order_id.to_owned(),
            owner: holder,
        });
    }
    Ok(())
}

/// Releases the lock if `owner` holds it. Returns whether a lock was released.
pub fn unlock_order(conn: &Connection, order_id: &str, owner: &str) -> Result<bool> {
    let n = conn
        .prepare_cached("DELETE FROM order_locks WHERE order_id = ?1 AND owner = ?2")?
        .execute(params![order_id, owner])?;
    Ok(n > 0)
}

/// Who holds the order's lock, if anyone holds an unexpired one.
pub fn lock_holder(conn: &Connection, order_id: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT owner FROM order_locks WHERE order_id = ?1 AND expires_at > ?2")?
        .query_row(params![order_id, time::now()], |r| r.get(0))
        .optional()?)
}

/// Extends the lock `owner` holds by `ttl`. False when `owner` no longer holds it (it expired and
/// someone else took it, or it was released).
pub fn renew_lock(conn: &Connection, order_id: &str, owner: &str, ttl: Duration) -> Result<bool> {
    let expires = time::format(Utc::now() + ttl);
    let n = conn
        .prepare_cached("UPDATE order_locks SET expires_at = ?3 WHERE order_id = ?1 AND owner = ?2")?
        .execute(params![order_id, owner, expires])?;
    Ok(n > 0)
}
