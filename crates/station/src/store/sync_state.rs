//! Sync progress that must survive a restart: per scope (e.g. `orders`), a JSON value.

use rusqlite::{params, Connection, OptionalExtension};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::time;
use crate::error::Result;

/// The state of the order sync, persisted as pages commit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrderSyncState {
    /// Newest `placed_at` seen by a completed sync: incremental syncs list from here (minus an overlap).
    pub high_water: Option<String>,
    /// When the last sync completed.
    pub last_completed_at: Option<String>,
    /// Whether the last completed sync was full.
    pub last_was_full: bool,
    /// A sync in progress (or interrupted): where it resumes.
    pub in_progress: Option<SyncCursor>,
}

/// Where an interrupted sync resumes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SyncCursor {
    /// True for a full sync.
    pub full: bool,
    /// The `start_date` filter of this run, if any.
    pub start_date: Option<String>,
    /// The next page to fetch (1-based).
    pub next_page: u32,
    /// Page size of this run (a resume must keep it, or pages would shift).
    pub page_size: u32,
    /// Orders stored so far in this run.
    pub done: u64,
    /// Newest `placed_at` seen so far in this run.
    pub max_placed_at: Option<String>,
    /// When this run started.
    pub started_at: String,
    /// Which listing of the run `next_page` belongs to (a first sync lists orders awaiting
    /// shipment, then the rest).
    pub pass: SyncPass,
}

/// One listing of a sync run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SyncPass {
    /// Every order (an incremental sync; a cursor saved before passes existed).
    #[default]
    All,
    /// Orders that still need a label (UNKNOWN, AWAITPAY, PAID, PARTIALLY_FULFILLED).
    Awaiting,
    /// The rest of the history (SHIPPED, CANCELLED, REFUNDED).
    Rest,
}

/// The scope under which the order sync keeps its state.
pub const ORDERS: &str = "orders";

/// Reads a scope's state (`None` if never written).
pub fn get<T: DeserializeOwned>(conn: &Connection, scope: &str) -> Result<Option<T>> {
    let v: Option<String> = conn
        .prepare_cached("SELECT value FROM sync_state WHERE scope = ?1")?
        .query_row([scope], |r| r.get(0))
        .optional()?;
    match v {
        Some(v) => Ok(Some(serde_json::from_str(&v)?)),
        None => Ok(None),
    }
}

/// Writes a scope's state.
pub fn put<T: Serialize>(conn: &Connection, scope: &str, value: &T) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO sync_state (scope, value, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT(scope) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
    )?
    .execute(params![scope, serde_json::to_string(value)?, time::now()])?;
    Ok(())
}

/// The order sync's state (default when never synced).
pub fn orders(conn: &Connection) -> Result<OrderSyncState> {
    Ok(get(conn, ORDERS)?.unwrap_or_default())
}

/// Saves the order sync's state.
pub fn put_orders(conn: &Connection, s: &OrderSyncState) -> Result<()> {
    put(conn, ORDERS, s)
}
