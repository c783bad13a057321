//! Label files, kept once per content: the bytes live in `label_blobs` under their sha256, and a
//! `labels` row says which transaction/order and format they belong to.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::time;
use crate::error::Result;

/// A cached label file (without its bytes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelInfo {
    /// Row id.
    pub id: i64,
    /// The transaction that bought it.
    pub transaction_id: Option<String>,
    /// The order it ships.
    pub order_id: Option<String>,
    /// Hex sha256 of the bytes: the key of the file.
    pub sha256: String,
    /// Format: ZPLII, PDF_4x6, …
    pub file_type: String,
    /// Where it was downloaded from.
    pub source_url: Option<String>,
    /// Size in bytes.
    pub size: i64,
    /// When cached.
    pub created_at: String,
}

/// What to record for a new label.
#[derive(Debug, Clone, Default)]
pub struct NewLabel<'a> {
    /// The transaction that bought it.
    pub transaction_id: Option<&'a str>,
    /// The order it ships.
    pub order_id: Option<&'a str>,
    /// Format: ZPLII, PDF_4x6, …
    pub file_type: &'a str,
    /// Where it was downloaded from.
    pub source_url: Option<&'a str>,
}

/// The hex sha256 of some bytes.
pub fn content_hash(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Stores bytes once (by content hash) and returns the hash.
pub fn put_blob(conn: &Connection, bytes: &[u8]) -> Result<String> {
    let sha = content_hash(bytes);
    conn.prepare_cached(
        "INSERT OR IGNORE INTO label_blobs (sha256, bytes, size, created_at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![sha, bytes, bytes.len() as i64, time::now()])?;
    Ok(sha)
}

/// Stores a label file. The same transaction and format stored twice gives the same row back.
pub fn put(conn: &Connection, label: &NewLabel<'_>, bytes: &[u8]) -> Result<LabelInfo> {
    let sha = put_blob(conn, bytes)?;
    if let Some(tx) = label.transaction_id {
        if let Some(existing) = conn
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM labels l JOIN label_blobs b ON b.sha256 = l.sha256
                 WHERE l.transaction_id = ?1 AND l.file_type = ?2"
            ))?
            .query_row(params![tx, label.file_type], read_row)
            .optional()?
        {
            if existing.sha256 == sha {
                return Ok(existing);
            }
            conn.prepare_cached("UPDATE labels SET sha256 = ?2, source_url = ?3 WHERE id = ?1")?
                .execute(params![existing.id, sha, label.source_url])?;
            return get(conn, existing.id)?.ok_or_else(|| crate::error::StationError::NotFound {
                what: format!("Label {}", existing.id),
            });
        }
    }
    conn.prepare_cached(
        "INSERT INTO labels (transaction_id, order_id, sha256, file_type, source_url, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        label.transaction_id,
        label.order_id,
        sha,
        label.file_type,
        label.source_url,
        time::now()
    ])?;
    let id = conn.last_insert_rowid();
    get(conn, id)?.ok_or_else(|| crate::error::StationError::NotFound {
        what: format!("Label {id}"),
    })
}

const COLUMNS: &str =
    "l.id, l.transaction_id, l.order_id, l.sha256, l.file_type, l.source_url, b.size, l.created_at";

fn read_row(r: &Row<'_>) -> rusqlite::Result<LabelInfo> {
    Ok(LabelInfo {
        id: r.get(0)?,
        transaction_id: r.get(1)?,
        order_id: r.get(2)?,
        sha256: r.get(3)?,
        file_type: r.get(4)?,
        source_url: r.get(5)?,
        size: r.get(6)?,
        created_at: r.get(7)?,
    })
}

/// The label with this row id.
pub fn get(conn: &Connection, id: i64) -> Result<Option<LabelInfo>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM labels l JOIN label_blobs b ON b.sha256 = l.sha256 WHERE l.id = ?1"
        ))?
        .query_row([id], read_row)
        .optional()?)
}

/// The bytes stored under a content hash.
pub fn bytes(conn: &Connection, sha256: &str) -> Result<Option<Vec<u8>>> {
    Ok(conn
        .prepare_cached("SELECT bytes FROM label_blobs WHERE sha256 = ?1")?
        .query_row([sha256], |r| r.get(0))
        .optional()?)
}

/// An order's labels, oldest first.
pub fn list_for_order(conn: &Connection, order_id: &str) -> Result<Vec<LabelInfo>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM labels l JOIN label_blobs b ON b.sha256 = l.sha256
         WHERE l.order_id = ?1 ORDER BY l.id"
    ))?;
    let rows = st.query_map([order_id], read_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A transaction's labels (one per format).
pub fn list_for_transaction(conn: &Connection, transaction_id: &str) -> Result<Vec<LabelInfo>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM labels l JOIN label_blobs b ON b.sha256 = l.sha256
         WHERE l.transaction_id = ?1 ORDER BY l.id"
    ))?;
    let rows = st.query_map([transaction_id], read_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
