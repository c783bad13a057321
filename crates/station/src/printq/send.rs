//! Sending jobs: one job now for its caller, due retries for the worker, and asking system
//! spoolers whether sent jobs are done.

use std::time::{Duration, Instant};

use printing::{Document, JobState, JobTicket, PrinterKind};

use super::retry::is_transient;
use super::{parse_doc_type, PrintQueue};
use crate::error::{Result, StationError};
use crate::store::print_jobs::{self, PrintJob, PrintJobState, CALLER_GRACE};
use crate::store::{labels, time};

/// How long `print_now` waits for another sender (the worker, another process) that holds the job.
const WAIT_FOR_OTHER_SENDER: Duration = Duration::from_secs(60);

/// Why a send did not go through.
struct Failure {
    message: String,
    transient: bool,
}

impl PrintQueue {
    /// Sends this job — and only this one — now, if it is QUEUED (due or not), and returns it as
    /// it stands: SENT, QUEUED again (the printer is not taking jobs; the worker retries it) or
    /// FAILED. A job another sender holds is waited for; a job already done is returned as is.
    pub async fn print_now(&self, id: i64) -> Result<PrintJob> {
        let started = Instant::now();
        loop {
            if let Some(job) = self.store.write_async(move |tx| print_jobs::claim(tx, id)).await? {
                return self.send_claimed(job).await;
            }
            let job = self.job(id).await?;
            if job.state != PrintJobState::Sending || started.elapsed() > WAIT_FOR_OTHER_SENDER {
                return Ok(job);
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The worker's round: sends every retry that is due (and any job its caller left untried for
    /// [`CALLER_GRACE`]), oldest first. Returns the jobs handled.
    pub async fn send_due_retries(&self) -> Result<Vec<PrintJob>> {
        let mut done = Vec::new();
        let pass_start = time::now();
        loop {
            let now = time::now();
            let untried_before = time::format(chrono::Utc::now() - CALLER_GRACE);
            let pass = pass_start.clone();
            let claimed = self
                .store
                .write_async(move |tx| print_jobs::claim_retry_due(tx, &now, &untried_before, &pass))
                .await?;
            let Some(job) = claimed else { return Ok(done) };
            done.push(self.send_claimed(job).await?);
        }
    }

    /// Sends one claimed (SENDING) job and records the outcome.
    async fn send_claimed(&self, job: PrintJob) -> Result<PrintJob> {
        let outcome = self.send_bytes_of(&job).await;
        let policy = self.retry_policy();
        let (id, attempts) = (job.id, job.attempts);
        let series_start = job.retry_from.as_deref().or(Some(job.created_at.as_str())).and_then(time::parse);
        let out_of_time = series_start.is_none_or(|t| {
            let elapsed = (chrono::Utc::now() - t).to_std().unwrap_or_default();
            elapsed + policy.delay_after(attempts) > policy.give_up_after
        });
        let next = time::format(
            chrono::Utc::now() + chrono::Duration::from_std(policy.delay_after(attempts)).unwrap_or_default(),
        );
        let given_up = format!(
            "Shipbench tried {attempts} time(s) over {} and stopped; `shipbench jobs retry {id}` tries again.",
            minutes(policy.give_up_after)
        );
        let result = self
            .store
            .write_async(move |tx| match outcome {
                Ok(ticket) => {
                    print_jobs::set_spooler_job_id(tx, id, &ticket.id)?;
                    print_jobs::set_state(tx, id, PrintJobState::Sent, None, None)
                }
                Err(f) if f.transient && !out_of_time => {
                    let why = format!("{} The job will be sent again automatically while Shipbench runs.", f.message);
                    print_jobs::set_state(tx, id, PrintJobState::Queued, Some(&why), Some(&next))
                }
                Err(f) if f.transient => {
                    let why = format!("{} {given_up}", f.message);
                    print_jobs::set_state(tx, id, PrintJobState::Failed, Some(&why), None)
                }
                Err(f) => print_jobs::set_state(tx, id, PrintJobState::Failed, Some(&f.message), None),
            })
            .await?;
        tracing::info!(job = id, attempts, state = result.state.as_str(), "print job attempt");
        Ok(result)
    }

    async fn send_bytes_of(&self, job: &PrintJob) -> std::result::Result<JobTicket, Failure> {
        let permanent = |message: String| Failure { message, transient: false };
        let cfg = self.printer(&job.printer_name).map_err(|e| permanent(e.to_string()))?;
        let sha = job.document_sha256.clone();
        let bytes = self
            .store
            .read_async(move |c| labels::bytes(c, &sha))
            .await
            .map_err(|e| Failure { message: e.to_string(), transient: true })?
            .ok_or_else(|| permanent("The document of this job is missing from the label cache.".to_owned()))?;
        let doc = Document::new(bytes, parse_doc_type(&job.document_type), format!("Shipbench job {}", job.id));
        tokio::task::spawn_blocking(move || {
            let ready = printing::prepare(&doc, &cfg).map_err(|e| permanent(e.to_string()))?;
            printing::driver_for(&cfg)
                .send(&ready)
                .map_err(|e| Failure { transient: is_transient(&e), message: e.to_string() })
        })
        .await
        .map_err(|e| Failure { message: format!("The print worker stopped: {e}"), transient: true })?
    }

    /// Asks system spoolers about SENT jobs: those they report done become COMPLETED, those they
    /// cancelled or aborted become FAILED. Raw TCP and virtual jobs stay SENT (their honest end).
    /// Returns how many jobs changed.
    pub async fn refresh_completed(&self) -> Result<usize> {
        let system: Vec<String> = self
            .printers()
            .into_iter()
            .filter(|p| matches!(p.kind, PrinterKind::System { .. }))
            .map(|p| p.name)
            .collect();
        if system.is_empty() {
            return Ok(0);
        }
        let sent = self.store.read_async(move |c| print_jobs::sent_on(c, &system, 200)).await?;
        let mut changed = 0;
        for job in sent {
            let Ok(cfg) = self.printer(&job.printer_name) else { continue };
            let Some(spooler_id) = job.spooler_job_id.clone() else { continue };
            let ticket = JobTicket { printer: cfg.name.clone(), id: spooler_id, bytes: 0 };
            let state = tokio::task::spawn_blocking(move || printing::driver_for(&cfg).job_state(&ticket))
                .await
                .map_err(|e| StationError::Worker(e.to_string()))?;
            let jid = job.id;
            let update = match state {
                Ok(JobState::Completed) => Some((PrintJobState::Completed, None)),
                Ok(JobState::Failed(why)) => Some((
                    PrintJobState::Failed,
                    Some(format!(
                        "The system spooler gave up on the job: {why}. Reprint it when the printer is ready."
                    )),
                )),
                Ok(_) => None,
                Err(e) => {
                    tracing::debug!(job = jid, "spooler job state: {e}");
                    None
                }
            };
            if let Some((state, why)) = update {
                self.store
                    .write_async(move |tx| print_jobs::set_state(tx, jid, state, why.as_deref(), None))
                    .await?;
                changed += 1;
            }
        }
        Ok(changed)
    }
}

fn minutes(d: Duration) -> String {
    let s = d.as_secs();
    if s >= 120 {
        format!("{} minutes", s / 60)
    } else {
        format!("{s} seconds")
    }
}
