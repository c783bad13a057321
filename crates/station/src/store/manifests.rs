//! End-of-day manifests made at this bench: which carrier account, which local day, what Shippo
//! said and which print jobs carried the documents.

use rusqlite::{params, Connection, Row};
use serde::{Deserialize, Serialize};

use super::time;
use crate::error::Result;

/// A manifest as the cache keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestRecord {
    /// Shippo object id.
    pub object_id: String,
    /// The carrier account it covers.
    pub carrier_account: String,
    /// The bench's local day (YYYY-MM-DD).
    pub local_day: String,
    /// QUEUED, SUCCESS or ERROR.
    pub status: String,
    /// Document URLs.
    pub documents: Vec<String>,
    /// Print jobs that carried the documents.
    pub print_jobs: Vec<i64>,
    /// When it was made (store time format).
    pub created_at: String,
}

/// Inserts or replaces a manifest (by object id).
pub fn upsert(conn: &Connection, m: &ManifestRecord) -> Result<()> {
    let created = if m.created_at.is_empty() { time::now() } else { m.created_at.clone() };
    conn.prepare_cached(
        "INSERT INTO manifests (object_id, carrier_account, local_day, status, documents, print_jobs, created_at)
         VALUES (?1,?2,?3,?4,?5,?6,?7)
         ON CONFLICT(object_id) DO UPDATE SET status = excluded.status, documents = excluded.documents,
            print_jobs = excluded.print_jobs",
    )?
    .execute(params![
        m.object_id,
        m.carrier_account,
        m.local_day,
        m.status,
        serde_json::to_string(&m.documents)?,
        serde_json::to_string(&m.print_jobs)?,
        created
    ])?;
    Ok(())
}

fn read_row(r: &Row<'_>) -> rusqlite::Result<ManifestRecord> {
    let documents: String = r.get(4)?;
    let jobs: String = r.get(5)?;
    Ok(ManifestRecord {
        object_id: r.get(0)?,
        carrier_account: r.get(1)?,
        local_day: r.get(2)?,
        status: r.get(3)?,
        documents: serde_json::from_str(&documents).unwrap_or_default(),
        print_jobs: serde_json::from_str(&jobs).unwrap_or_default(),
        created_at: r.get(6)?,
    })
}

/// The newest manifests first, at most `limit`.
pub fn list(conn: &Connection, limit: u32) -> Result<Vec<ManifestRecord>> {
    let mut st = conn.prepare_cached(
        "SELECT object_id, carrier_account, local_day, status, documents, print_jobs, created_at
         FROM manifests ORDER BY created_at DESC, rowid DESC LIMIT ?1",
    )?;
    let rows = st.query_map([limit], read_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
