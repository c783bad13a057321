//! # The print queue: jobs in SQLite, sent through the printing crate's drivers
//!
//! QUEUED -> SENDING -> SENT (-> COMPLETED where the system spooler reports it) or FAILED with a
//! sentence. The caller that queues a job sends it with [`PrintQueue::print_now`], which sends
//! **only that job**. A printer that is not taking jobs (refused, not answering, spooler busy)
//! leaves the job QUEUED; the worker ([`PrintQueue::start_worker`], run by the window and long CLI
//! commands) tries it again with backoff ([`RetryPolicy`]) until it gives up and marks it FAILED
//! with the reason, and asks system spoolers for COMPLETED. SENT is the honest end for raw TCP.
//! Jobs survive restarts; a job caught in SENDING by a stop is **not** resent automatically (it
//! may have printed): it is marked FAILED for the operator, who retries or reprints it. A reprint
//! is a new job. Documents are converted on the way (PDF -> ZPL `^GF` for a ZPL printer).

pub mod file;
pub mod registry;
pub mod retry;
mod send;
pub mod status;
mod worker;

use std::collections::BTreeMap;
use std::sync::{Arc, RwLock};

use printing::{DocType, PrinterConfig, PrinterLanguage};

use crate::error::{Result, StationError};
use crate::store::print_jobs::{self, NewPrintJob, PrintJob, PrintJobState};
use crate::store::{labels, Store};

pub use file::{read_printable, MAX_PRINT_FILE};
pub use registry::{doc_type_name, parse_doc_type};
pub use retry::RetryPolicy;
pub use status::{job_sentence, PrintOutcome, PrintStatus};
pub use worker::WorkerHandle;

/// The reason written on jobs interrupted while sending.
pub const INTERRUPTED: &str = "Shipbench stopped while sending this job, so it may or may not have printed. Check the printer; reprint it if nothing came out (`shipbench jobs retry ID` sends it again).";

/// The reason written on jobs the operator cancelled.
pub const CANCELLED: &str = "Cancelled by the operator; it was not printed.";

/// The print queue of one station. Cheap to clone.
#[derive(Clone)]
pub struct PrintQueue {
    store: Store,
    printers: Arc<RwLock<Vec<PrinterConfig>>>,
    mapping: Arc<RwLock<BTreeMap<String, String>>>,
    wake: Arc<tokio::sync::Notify>,
    retry: Arc<RwLock<RetryPolicy>>,
}

impl std::fmt::Debug for PrintQueue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PrintQueue").field("printers", &self.printers()).finish()
    }
}

impl PrintQueue {
    /// A queue over this store, with these printers and the settings' mapping (document type or
    /// label file type -> printer name).
    pub fn new(store: Store, printers: Vec<PrinterConfig>, mapping: BTreeMap<String, String>) -> PrintQueue {
        PrintQueue {
            store,
            printers: Arc::new(RwLock::new(printers)),
            mapping: Arc::new(RwLock::new(mapping)),
            wake: Arc::new(tokio::sync::Notify::new()),
            retry: Arc::new(RwLock::new(RetryPolicy::default())),
        }
    }

    /// The retry schedule.
    pub fn retry_policy(&self) -> RetryPolicy {
        self.retry.read().map(|p| *p).unwrap_or_default()
    }

    /// Replaces the retry schedule (tests shorten it).
    pub fn set_retry_policy(&self, policy: RetryPolicy) {
        if let Ok(mut p) = self.retry.write() {
            *p = policy;
        }
    }

    /// The configured printers.
    pub fn printers(&self) -> Vec<PrinterConfig> {
        self.printers.read().map(|p| p.clone()).unwrap_or_default()
    }

    /// Replaces the printers.
    pub fn set_printers(&self, printers: Vec<PrinterConfig>) {
        if let Ok(mut p) = self.printers.write() {
            *p = printers;
        }
    }

    /// Replaces the document type -> printer mapping (after the settings changed).
    pub fn set_mapping(&self, mapping: BTreeMap<String, String>) {
        if let Ok(mut m) = self.mapping.write() {
            *m = mapping;
        }
    }

    /// The printer called `name`.
    pub fn printer(&self, name: &str) -> Result<PrinterConfig> {
        let all = self.printers();
        all.iter().find(|p| p.name.eq_ignore_ascii_case(name)).cloned().ok_or_else(|| {
            let names: Vec<String> = all.iter().map(|p| format!("'{}'", p.name)).collect();
            StationError::NoPrinter(format!(
                "There is no printer called '{name}'. Configured printers: {}.",
                if names.is_empty() { "none".to_owned() } else { names.join(", ") }
            ))
        })
    }

    /// The printer a document goes to: the mapping for its type (or label file type), else the
    /// first printer taking that type (for labels, one speaking the file's language first).
    pub fn printer_for(&self, doc: DocType, file_type: Option<&str>) -> Result<PrinterConfig> {
        let mapped = {
            let m = self.mapping.read().map(|m| m.clone()).unwrap_or_default();
            file_type.and_then(|f| m.get(f).cloned()).or_else(|| m.get(doc_type_name(doc)).cloned())
        };
        if let Some(name) = mapped {
            return self.printer(&name);
        }
        let all = self.printers();
        let pdf = file_type.is_some_and(|f| f.starts_with("PDF"));
        let want = if pdf { PrinterLanguage::Pdf } else { PrinterLanguage::Zpl };
        all.iter()
            .filter(|p| p.doc_types.accepts(doc))
            .find(|p| p.language == want)
            .or_else(|| all.iter().find(|p| p.doc_types.accepts(doc)))
            .cloned()
            .ok_or_else(|| {
                StationError::NoPrinter(format!(
                    "No printer is set up for {}s. Add one with `shipbench printers` (or in Settings > Printers); the document is saved and can be printed later.",
                    doc.noun()
                ))
            })
    }

    /// Queues bytes already stored under `sha256` for `printer`.
    pub async fn enqueue(&self, job: NewPrintJob) -> Result<PrintJob> {
        let j = self.store.write_async(move |tx| print_jobs::enqueue(tx, &job)).await?;
        self.wake.notify_one();
        Ok(j)
    }

    /// Stores a document and queues it for the printer its type maps to (or `printer`).
    pub async fn enqueue_bytes(
        &self,
        bytes: Vec<u8>,
        doc: DocType,
        file_type: Option<&str>,
        printer: Option<&str>,
        label_id: Option<i64>,
    ) -> Result<PrintJob> {
        let cfg = match printer {
            Some(name) => self.printer(name)?,
            None => self.printer_for(doc, file_type)?,
        };
        let sha = self.store.write_async(move |tx| labels::put_blob(tx, &bytes)).await?;
        self.enqueue(NewPrintJob {
            label_id,
            document_sha256: sha,
            document_type: doc_type_name(doc).to_owned(),
            printer_name: cfg.name,
            reprint_of: None,
        })
        .await
    }

    /// At start-up: jobs caught in SENDING are marked FAILED for the operator (never resent on
    /// their own). Returns them, so the caller can report them.
    pub async fn recover(&self) -> Result<Vec<PrintJob>> {
        self.store
            .write_async(|tx| {
                let stuck = print_jobs::list(tx, &[PrintJobState::Sending], 10_000)?;
                stuck
                    .iter()
                    .map(|j| print_jobs::set_state(tx, j.id, PrintJobState::Failed, Some(INTERRUPTED), None))
                    .collect()
            })
            .await
    }

    /// The job with this id.
    pub async fn job(&self, id: i64) -> Result<PrintJob> {
        self.store
            .read_async(move |c| print_jobs::get(c, id))
            .await?
            .ok_or_else(|| StationError::NotFound { what: format!("Print job {id}") })
    }

    /// The operator's retry: a QUEUED or FAILED job is sent now (only it), with a fresh retry
    /// series. Returns it as it stands afterwards.
    pub async fn retry_job(&self, id: i64) -> Result<PrintJob> {
        let retried = self.store.write_async(move |tx| print_jobs::retry(tx, id)).await?;
        if retried.is_none() {
            let j = self.job(id).await?;
            return Err(StationError::JobNotChangeable(format!(
                "Job {id} is {} and cannot be retried; only queued or failed jobs can (`shipbench reprint` prints a label again).",
                j.state.as_str().to_lowercase()
            )));
        }
        self.print_now(id).await
    }

    /// The operator's cancel: a QUEUED or FAILED job is marked FAILED ("cancelled") and never sent.
    pub async fn cancel_job(&self, id: i64) -> Result<PrintJob> {
        match self.store.write_async(move |tx| print_jobs::cancel(tx, id, CANCELLED)).await? {
            Some(j) => Ok(j),
            None => {
                let j = self.job(id).await?;
                Err(StationError::JobNotChangeable(format!(
                    "Job {id} is {} and can no longer be cancelled.",
                    j.state.as_str().to_lowercase()
                )))
            }
        }
    }

    /// A reprint of a job: a new job with the same document (optionally to another printer).
    pub async fn reprint_job(&self, id: i64, printer: Option<&str>) -> Result<PrintJob> {
        if let Some(p) = printer {
            self.printer(p)?;
        }
        let p = printer.map(str::to_owned);
        let j = self.store.write_async(move |tx| print_jobs::reprint(tx, id, p.as_deref())).await?;
        self.wake.notify_one();
        Ok(j)
    }

    /// Jobs, newest first.
    pub async fn jobs(&self, states: Vec<PrintJobState>, limit: u32) -> Result<Vec<PrintJob>> {
        self.store.read_async(move |c| print_jobs::list(c, &states, limit)).await
    }
}
