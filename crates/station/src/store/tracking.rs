//! Tracking of bought labels: current status and history per carrier + tracking number.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::time;
use crate::error::Result;

/// What the cache knows about one tracking number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrackingRecord {
    /// Carrier token (e.g. `usps`, `shippo`).
    pub carrier: String,
    /// Tracking number.
    pub tracking_number: String,
    /// UNKNOWN, PRE_TRANSIT, TRANSIT, DELIVERED, RETURNED or FAILURE.
    pub status: String,
    /// The carrier's words for the current status.
    pub status_details: Option<String>,
    /// Events, oldest first, as Shippo sent them (JSON array).
    pub history: serde_json::Value,
    /// When the cache last heard about it.
    pub updated_at: String,
}

/// Inserts or updates a tracking record (`updated_at` is set to now).
pub fn upsert(conn: &Connection, t: &TrackingRecord) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO tracking (carrier, tracking_number, status, status_details, history, updated_at)
         VALUES (?1,?2,?3,?4,?5,?6)
         ON CONFLICT(carrier, tracking_number) DO UPDATE SET status = excluded.status,
            status_details = excluded.status_details, history = excluded.history,
            updated_at = excluded.updated_at",
    )?
    .execute(params![
        t.carrier,
        t.tracking_number,
        t.status,
        t.status_details,
        serde_json::to_string(&t.history)?,
        time::now()
    ])?;
    Ok(())
}

fn read_row(r: &Row<'_>) -> rusqlite::Result<TrackingRecord> {
    let history: String = r.get(4)?;
    Ok(TrackingRecord {
        carrier: r.get(0)?,
        tracking_number: r.get(1)?,
        status: r.get(2)?,
        status_details: r.get(3)?,
        history: serde_json::from_str(&history).unwrap_or(serde_json::Value::Array(Vec::new())),
        updated_at: r.get(5)?,
    })
}

const COLUMNS: &str = "carrier, tracking_number, status, status_details, history, updated_at";

/// Tracking for one carrier and number.
pub fn get(conn: &Connection, carrier: &str, number: &str) -> Result<Option<TrackingRecord>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM tracking WHERE carrier = ?1 AND tracking_number = ?2"
        ))?
        .query_row(params![carrier, number], read_row)
        .optional()?)
}

/// Tracking for a number under any carrier.
pub fn get_by_number(conn: &Connection, number: &str) -> Result<Vec<TrackingRecord>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM tracking WHERE tracking_number = ?1 ORDER BY carrier"
    ))?;
    let rows = st.query_map([number], read_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
