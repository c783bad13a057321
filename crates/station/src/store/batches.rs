//! Batches bought from the window, kept with each order's result as it comes (see
//! `workflow::batch::run_recorded`): a batch outlives the window that started it.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::time;
use crate::error::Result;
use crate::workflow::batch::BatchItem;

/// A batch as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredBatch {
    /// Its number.
    pub id: i64,
    /// When it started.
    pub created_at: String,
    /// When its last order was settled; None while it runs, or when it was interrupted.
    pub finished_at: Option<String>,
    /// Every order in list order, with its result so far (neither transaction nor error: not settled).
    pub items: Vec<BatchItem>,
}

impl StoredBatch {
    /// Orders neither bought nor failed: a batch interrupted before it got to them.
    pub fn unsettled(&self) -> impl Iterator<Item = &BatchItem> {
        self.items.iter().filter(|i| i.transaction_id.is_none() && i.error.is_none())
    }
}

/// Starts a batch of `orders` (in list order); returns its number.
pub fn create(conn: &Connection, orders: &[String]) -> Result<i64> {
    conn.execute("INSERT INTO batches (created_at) VALUES (?1)", params![time::now()])?;
    let id = conn.last_insert_rowid();
    let items: Vec<BatchItem> = orders.iter().map(|o| BatchItem { order: o.clone(), ..BatchItem::default() }).collect();
    replace_items(conn, id, &items)?;
    Ok(id)
}

/// Replaces a batch's orders (once they are resolved: repeats removed, unknown ones reported).
pub fn replace_items(conn: &Connection, id: i64, items: &[BatchItem]) -> Result<()> {
    conn.execute("DELETE FROM batch_items WHERE batch_id = ?1", params![id])?;
    let mut st = conn.prepare_cached(
        "INSERT INTO batch_items (batch_id, position, order_ref, transaction_id, tracking_number, print_job_id, error)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (i, it) in items.iter().enumerate() {
        st.execute(params![id, i as i64, it.order, it.transaction_id, it.tracking_number, it.print_job_id, it.error])?;
    }
    Ok(())
}

/// Records one order's result (matched by the order as given).
pub fn record(conn: &Connection, id: i64, item: &BatchItem) -> Result<()> {
    conn.execute(
        "UPDATE batch_items SET transaction_id = ?3, tracking_number = ?4, print_job_id = ?5, error = ?6
         WHERE batch_id = ?1 AND order_ref = ?2",
        params![id, item.order, item.transaction_id, item.tracking_number, item.print_job_id, item.error],
    )?;
    Ok(())
}

/// Marks orders as started again (a retry): their old error is cleared.
pub fn reopen(conn: &Connection, id: i64, orders: &[String]) -> Result<()> {
    conn.execute("UPDATE batches SET finished_at = NULL WHERE id = ?1", params![id])?;
    let mut st = conn.prepare_cached(
        "UPDATE batch_items SET error = NULL WHERE batch_id = ?1 AND order_ref = ?2 AND transaction_id IS NULL",
    )?;
    for o in orders {
        st.execute(params![id, o])?;
    }
    Ok(())
}

/// Marks a batch finished.
pub fn finish(conn: &Connection, id: i64) -> Result<()> {
    conn.execute("UPDATE batches SET finished_at = ?2 WHERE id = ?1", params![id, time::now()])?;
    Ok(())
}

/// A batch by number.
pub fn get(conn: &Connection, id: i64) -> Result<Option<StoredBatch>> {
    let head = conn
        .query_row("SELECT id, created_at, finished_at FROM batches WHERE id = ?1", params![id], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?))
        })
        .optional()?;
    let Some((id, created_at, finished_at)) = head else { return Ok(None) };
    let mut st = conn.prepare_cached(
        "SELECT order_ref, transaction_id, tracking_number, print_job_id, error FROM batch_items
         WHERE batch_id = ?1 ORDER BY position",
    )?;
    let items = st
        .query_map(params![id], |r| {
            Ok(BatchItem {
                order: r.get(0)?,
                transaction_id: r.get(1)?,
                tracking_number: r.get(2)?,
                print_job_id: r.get(3)?,
                error: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Some(StoredBatch { id, created_at, finished_at, items }))
}

/// The newest batch, if any.
pub fn latest(conn: &Connection) -> Result<Option<StoredBatch>> {
    let id: Option<i64> = conn.query_row("SELECT MAX(id) FROM batches", [], |r| r.get(0))?;
    match id {
        Some(id) => get(conn, id),
        None => Ok(None),
    }
}
