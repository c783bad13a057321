//! The print queue: every job with its state and reason; retry and cancel. Works offline (only
//! this bench's printers). Jobs a stop interrupted are shown, never resent without the operator.

use serde::Serialize;
use station::printq::{self, job_sentence, PrintQueue};
use station::store::print_jobs::PrintJob;
use tauri::State;

use super::clamp;
use crate::state::AppState;
use crate::CommandError;

/// One print job.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct JobRow {
    /// The job number.
    pub id: u32,
    /// label, packing_slip or manifest.
    pub document: String,
    /// The printer.
    pub printer: String,
    /// QUEUED, SENDING, SENT, COMPLETED or FAILED.
    pub state: String,
    /// Why it failed or waits.
    pub reason: Option<String>,
    /// True when a stop interrupted it while sending (it may or may not have printed).
    pub interrupted: bool,
    /// True when the operator cancelled it.
    pub cancelled: bool,
    /// Tries so far.
    pub attempts: u32,
    /// When it was queued (ISO-8601 UTC).
    pub created_at: String,
    /// When its state last changed.
    pub updated_at: String,
    /// The job it reprints, if any.
    pub reprint_of: Option<u32>,
}

impl From<PrintJob> for JobRow {
    fn from(j: PrintJob) -> JobRow {
        let id = |n: i64| clamp(n.max(0) as u64);
        JobRow {
            id: id(j.id),
            document: j.document_type.clone(),
            printer: j.printer_name.clone(),
            state: j.state.as_str().to_owned(),
            interrupted: j.reason.as_deref() == Some(printq::INTERRUPTED),
            cancelled: j.reason.as_deref() == Some(printq::CANCELLED),
            reason: j.reason,
            attempts: id(j.attempts),
            created_at: j.created_at,
            updated_at: j.updated_at,
            reprint_of: j.reprint_of.map(id),
        }
    }
}

/// What retry or cancel did: the job now and one sentence.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct JobAction {
    /// The job after the action.
    pub job: JobRow,
    /// One sentence for the operator.
    pub message: String,
}

async fn queue(state: &State<'_, AppState>) -> Result<PrintQueue, CommandError> {
    let lazy = state.session().await;
    Ok(lazy.get().await?.offline_print_queue().await?)
}

/// The print jobs, newest first (at most `limit`).
#[tauri::command]
#[specta::specta]
pub async fn list_print_jobs(state: State<'_, AppState>, limit: u32) -> Result<Vec<JobRow>, CommandError> {
    let q = queue(&state).await?;
    Ok(q.jobs(Vec::new(), limit.clamp(1, 5000)).await?.into_iter().map(JobRow::from).collect())
}

/// Sends a queued, failed or interrupted job again now (the operator's choice).
#[tauri::command]
#[specta::specta]
pub async fn retry_print_job(state: State<'_, AppState>, id: u32) -> Result<JobAction, CommandError> {
    let q = queue(&state).await?;
    let job = q.retry_job(i64::from(id)).await?;
    Ok(JobAction { message: job_sentence(&job), job: job.into() })
}

/// Cancels a job that has not printed: it is never sent.
#[tauri::command]
#[specta::specta]
pub async fn cancel_print_job(state: State<'_, AppState>, id: u32) -> Result<JobAction, CommandError> {
    let q = queue(&state).await?;
    let job = q.cancel_job(i64::from(id)).await?;
    let message = format!("Job {} on '{}' is cancelled; it was not printed.", job.id, job.printer_name);
    Ok(JobAction { message, job: job.into() })
}
