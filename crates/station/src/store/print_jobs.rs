//! Print jobs: one row per attempt to put a document on a printer. They survive restarts.
//!
//! States: `QUEUED -> SENDING -> SENT (-> COMPLETED where the system reports completion)`, or
//! `FAILED` with a reason. A failed send goes back to `QUEUED` with a later `next_attempt_at`
//! until the print queue gives up. A reprint is a new job with `reprint_of` set.
//!
//! A new job is first sent by the caller that queued it (`PrintQueue::print_now`): the background
//! worker ([`claim_retry_due`]) takes only jobs tried before, or left untried for [`CALLER_GRACE`]
//! (the caller crashed), so it never sends a fresh label ahead of the caller's order.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::time;
use crate::error::{Result, StationError};

/// How long a new job waits for the caller that queued it before the background worker may send it.
pub const CALLER_GRACE: chrono::Duration = chrono::Duration::minutes(5);

/// Where a print job stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PrintJobState {
    /// Waiting to be sent.
    Queued,
    /// Being sent to the printer.
    Sending,
    /// Handed to the printer or spooler.
    Sent,
    /// The system reports the job printed.
    Completed,
    /// Given up; `reason` says why.
    Failed,
}

impl PrintJobState {
    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            PrintJobState::Queued => "QUEUED",
            PrintJobState::Sending => "SENDING",
            PrintJobState::Sent => "SENT",
            PrintJobState::Completed => "COMPLETED",
            PrintJobState::Failed => "FAILED",
        }
    }

    fn parse(s: &str) -> Option<PrintJobState> {
        Some(match s {
            "QUEUED" => PrintJobState::Queued,
            "SENDING" => PrintJobState::Sending,
            "SENT" => PrintJobState::Sent,
            "COMPLETED" => PrintJobState::Completed,
            "FAILED" => PrintJobState::Failed,
            _ => return None,
        })
    }
}

/// A print job row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrintJob {
    /// Row id.
    pub id: i64,
    /// The label printed, when it is a label.
    pub label_id: Option<i64>,
    /// Content hash of the document bytes (in `label_blobs`).
    pub document_sha256: String,
    /// Document type (e.g. ZPLII, PDF_4x6, packing_slip): picks the printer mapping.
    pub document_type: String,
    /// Printer it goes to.
    pub printer_name: String,
    /// Where it stands.
    pub state: PrintJobState,
    /// Why it failed (or why the last attempt failed).
    pub reason: Option<String>,
    /// Send attempts so far.
    pub attempts: i64,
    /// When the next attempt is due (QUEUED jobs).
    pub next_attempt_at: Option<String>,
    /// The job this one reprints.
    pub reprint_of: Option<i64>,
    /// Created.
    pub created_at: String,
    /// Last change.
    pub updated_at: String,
    /// The id the driver gave the job when it took it: the system spooler's job number (CUPS,
    /// winspool), the file name of the virtual printer, a sequence number for raw TCP.
    pub spooler_job_id: Option<String>,
    /// When the current series of automatic retries began (queued, or retried by the operator).
    pub retry_from: Option<String>,
}

/// What a new job prints and where.
#[derive(Debug, Clone)]
pub struct NewPrintJob {
    /// The label printed, when it is a label.
    pub label_id: Option<i64>,
    /// Content hash of the document bytes (stored with [`super::labels::put_blob`]).
    pub document_sha256: String,
    /// Document type.
    pub document_type: String,
    /// Printer it goes to.
    pub printer_name: String,
    /// The job this one reprints.
    pub reprint_of: Option<i64>,
}

const COLUMNS: &str = "id, label_id, document_sha256, document_type, printer_name, state, reason,
    attempts, next_attempt_at, reprint_of, created_at, updated_at, spooler_job_id, retry_from";

fn read_row(r: &Row<'_>) -> rusqlite::Result<PrintJob> {
    let state: String = r.get(5)?;
    Ok(PrintJob {
        id: r.get(0)?,
        label_id: r.get(1)?,
        document_sha256: r.get(2)?,
        document_type: r.get(3)?,
        printer_name: r.get(4)?,
        state: PrintJobState::parse(&state).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(5, rusqlite::types::Type::Text, state.into())
        })?,
        reason: r.get(6)?,
        attempts: r.get(7)?,
        next_attempt_at: r.get(8)?,
        reprint_of: r.get(9)?,
        created_at: r.get(10)?,
        updated_at: r.get(11)?,
        spooler_job_id: r.get(12)?,
        retry_from: r.get(13)?,
    })
}

/// Queues a job, due now, for its caller to send with `PrintQueue::print_now` (the background
/// worker takes it only after [`CALLER_GRACE`]).
pub fn enqueue(conn: &Connection, job: &NewPrintJob) -> Result<PrintJob> {
    let now = time::now();
    conn.prepare_cached(
        "INSERT INTO print_jobs (label_id, document_sha256, document_type, printer_name, state,
            attempts, next_attempt_at, reprint_of, created_at, updated_at, retry_from)
         VALUES (?1, ?2, ?3, ?4, 'QUEUED', 0, ?5, ?6, ?5, ?5, ?5)",
    )?
    .execute(params![
        job.label_id,
        job.document_sha256,
        job.document_type,
        job.printer_name,
        now,
        job.reprint_of
    ])?;
    let id = conn.last_insert_rowid();
    get(conn, id)?.ok_or_else(|| StationError::NotFound {
        what: format!("Print job {id}"),
    })
}

/// The job with this id.
pub fn get(conn: &Connection, id: i64) -> Result<Option<PrintJob>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM print_jobs WHERE id = ?1"))?
        .query_row([id], read_row)
        .optional()?)
}

/// The first print job of a label (its first printing), if it was ever sent to a printer.
pub fn first_for_label(conn: &Connection, label_id: i64) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM print_jobs WHERE label_id = ?1 ORDER BY id LIMIT 1")?
        .query_row([label_id], |r| r.get(0))
        .optional()?)
}

/// Takes the oldest job that is due (QUEUED and `next_attempt_at <= now`), marks it SENDING and
/// counts the attempt. Run it inside [`super::Store::write`] so two workers never take one job.
pub fn claim_due(conn: &Connection, now: &str) -> Result<Option<PrintJob>> {
    let id: Option<i64> = conn
        .prepare_cached(
            "SELECT id FROM print_jobs WHERE state = 'QUEUED'
               AND (next_attempt_at IS NULL OR next_attempt_at <= ?1)
             ORDER BY next_attempt_at, id LIMIT 1",
        )?
        .query_row([now], |r| r.get(0))
        .optional()?;
    let Some(id) = id else { return Ok(None) };
    conn.prepare_cached(
        "UPDATE print_jobs SET state = 'SENDING', attempts = attempts + 1, updated_at = ?2 WHERE id = ?1",
    )?
    .execute(params![id, time::now()])?;
    get(conn, id)
}

/// The background worker's claim: like [`claim_due`], but only jobs already tried (retries, or
/// retried by the operator) or untried since before `untried_before` (their caller never sent
/// them). Oldest due first; but a printer that is back prints what waits for it in the order it
/// was queued, so an older job for the same printer not yet tried in this pass (not updated since
/// `pass_start`) goes first.
pub fn claim_retry_due(conn: &Connection, now: &str, untried_before: &str, pass_start: &str) -> Result<Option<PrintJob>> {
    let id: Option<i64> = conn
        .prepare_cached(
            "SELECT id FROM print_jobs WHERE state = 'QUEUED'
               AND (next_attempt_at IS NULL OR next_attempt_at <= ?1)
               AND (attempts > 0 OR retry_from > created_at OR created_at <= ?2)
             ORDER BY next_attempt_at, id LIMIT 1",
        )?
        .query_row([now, untried_before], |r| r.get(0))
        .optional()?;
    let Some(id) = id else { return Ok(None) };
    let oldest: i64 = conn
        .prepare_cached(
            "SELECT MIN(o.id) FROM print_jobs o JOIN print_jobs d ON d.id = ?1
             WHERE o.state = 'QUEUED' AND o.printer_name = d.printer_name AND o.id < d.id AND o.attempts > 0
               AND o.updated_at < ?2",
        )?
        .query_row(params![id, pass_start], |r| r.get::<_, Option<i64>>(0))?
        .unwrap_or(id);
    claim(conn, oldest)
}

/// Takes this one job if it is QUEUED (due or not): marks it SENDING and counts the attempt.
/// `None` when it is in another state (another worker is sending it, or it is done).
pub fn claim(conn: &Connection, id: i64) -> Result<Option<PrintJob>> {
    let n = conn
        .prepare_cached(
            "UPDATE print_jobs SET state = 'SENDING', attempts = attempts + 1, updated_at = ?2
             WHERE id = ?1 AND state = 'QUEUED'",
        )?
        .execute(params![id, time::now()])?;
    if n == 0 {
        return Ok(None);
    }
    get(conn, id)
}

/// Records the driver's id for the job (set when the driver took it).
pub fn set_spooler_job_id(conn: &Connection, id: i64, spooler_job_id: &str) -> Result<()> {
    conn.prepare_cached("UPDATE print_jobs SET spooler_job_id = ?2 WHERE id = ?1")?
        .execute(params![id, spooler_job_id])?;
    Ok(())
}

/// The operator asks for another try: a QUEUED or FAILED job is due now with a fresh retry
/// series (attempt count and time bound start again). `None` when the job is in another state.
pub fn retry(conn: &Connection, id: i64) -> Result<Option<PrintJob>> {
    let now = time::now();
    let n = conn
        .prepare_cached(
            "UPDATE print_jobs SET state = 'QUEUED', attempts = 0, next_attempt_at = ?2,
                retry_from = ?2, updated_at = ?2
             WHERE id = ?1 AND state IN ('QUEUED', 'FAILED')",
        )?
        .execute(params![id, now])?;
    if n == 0 {
        return Ok(None);
    }
    get(conn, id)
}

/// The operator cancels a job that has not printed: it becomes FAILED with `reason`. `None` when
/// the job is SENDING, SENT or COMPLETED (too late to cancel).
pub fn cancel(conn: &Connection, id: i64, reason: &str) -> Result<Option<PrintJob>> {
    let n = conn
        .prepare_cached(
            "UPDATE print_jobs SET state = 'FAILED', reason = ?2, next_attempt_at = NULL, updated_at = ?3
             WHERE id = ?1 AND state IN ('QUEUED', 'FAILED')",
        )?
        .execute(params![id, reason, time::now()])?;
    if n == 0 {
        return Ok(None);
    }
    get(conn, id)
}

/// Moves a job to `state`, with a reason and (for QUEUED) when to try again.
pub fn set_state(
    conn: &Connection,
    id: i64,
    state: PrintJobState,
    reason: Option<&str>,
    next_attempt_at: Option<&str>,
) -> Result<PrintJob> {
    let n = conn
        .prepare_cached(
            "UPDATE print_jobs SET state = ?2, reason = ?3, next_attempt_at = ?4, updated_at = ?5
             WHERE id = ?1",
        )?
        .execute(params![id, state.as_str(), reason, next_attempt_at, time::now()])?;
    if n == 0 {
        return Err(StationError::NotFound {
            what: format!("Print job {id}"),
        });
    }
    get(conn, id)?.ok_or_else(|| StationError::NotFound {
        what: format!("Print job {id}"),
    })
}

/// Jobs caught in SENDING go back to QUEUED (the printer may or may not have the job). The
/// print queue does **not** call this at start-up (it marks such jobs FAILED for the operator);
/// it is for a deliberate operator decision. Returns how many were requeued.
pub fn requeue_interrupted(conn: &Connection) -> Result<usize> {
    Ok(conn
        .prepare_cached(
            "UPDATE print_jobs SET state = 'QUEUED', reason = 'interrupted while sending',
                updated_at = ?1 WHERE state = 'SENDING'",
        )?
        .execute([time::now()])?)
}

/// Queues a reprint of a job (same document, optionally another printer).
pub fn reprint(conn: &Connection, id: i64, printer_name: Option<&str>) -> Result<PrintJob> {
    let old = get(conn, id)?.ok_or_else(|| StationError::NotFound {
        what: format!("Print job {id}"),
    })?;
    enqueue(
        conn,
        &NewPrintJob {
            label_id: old.label_id,
            document_sha256: old.document_sha256,
            document_type: old.document_type,
            printer_name: printer_name.map(str::to_owned).unwrap_or(old.printer_name),
            reprint_of: Some(id),
        },
    )
}

/// SENT jobs on these printers that carry a driver job id, oldest first: the ones to ask a system
/// spooler about.
pub fn sent_on(conn: &Connection, printers: &[String], limit: u32) -> Result<Vec<PrintJob>> {
    let mut out = Vec::new();
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM print_jobs WHERE state = 'SENT' AND printer_name = ?1
           AND spooler_job_id IS NOT NULL ORDER BY id LIMIT ?2"
    ))?;
    for p in printers {
        let rows = st.query_map(params![p, limit], read_row)?;
        out.extend(rows.collect::<rusqlite::Result<Vec<_>>>()?);
    }
    Ok(out)
}

/// Jobs, newest first; only the given states when `states` is not empty.
pub fn list(conn: &Connection, states: &[PrintJobState], limit: u32) -> Result<Vec<PrintJob>> {
    let filter = if states.is_empty() {
        String::new()
    } else {
        let s: Vec<String> = states.iter().map(|s| format!("'{}'", s.as_str())).collect();
        format!("WHERE state IN ({})", s.join(","))
    };
    let mut st = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM print_jobs {filter} ORDER BY id DESC LIMIT ?1"
    ))?;
    let rows = st.query_map([limit], read_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
