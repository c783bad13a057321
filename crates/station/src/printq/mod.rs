//! # The print queue: jobs in SQLite, sent by a worker through the printing crate's drivers
//!
//! QUEUED -> SENDING -> SENT (-> COMPLETED where the system spooler reports it) or FAILED with a
//! sentence. A printer that is offline is retried with backoff (`attempts`, `next_attempt_at`).
//! Jobs survive restarts; a job caught in SENDING by a crash is **not** resent automatically (it
//! may have printed): it is marked FAILED for the operator, who can reprint. A reprint is a new job.
//! Documents are converted on the way (PDF -> ZPL `^GF` for a ZPL printer, 203 -> 300 dpi).

pub mod registry;

use std::collections::BTreeMap;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use printing::{DocType, Document, JobState, JobTicket, PrintError, PrinterConfig, PrinterKind, PrinterLanguage};

use crate::error::{Result, StationError};
use crate::store::print_jobs::{self, NewPrintJob, PrintJob, PrintJobState};
use crate::store::{labels, time, Store};

pub use registry::{doc_type_name, parse_doc_type};

/// Give up on an offline printer after this many attempts.
pub const MAX_ATTEMPTS: i64 = 30;

/// The reason written on jobs interrupted while sending.
pub const INTERRUPTED: &str = "Shipbench stopped while sending this job, so it may or may not have printed. Check the printer; reprint it if nothing came out.";

/// The print queue of one station. Cheap to clone.
#[derive(Clone)]
pub struct PrintQueue {
    store: Store,
    printers: Arc<RwLock<Vec<PrinterConfig>>>,
    mapping: Arc<RwLock<BTreeMap<String, String>>>,
    wake: Arc<tokio::sync::Notify>,
}

impl std::fmt::Debug for PrintQueue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PrintQueue").field("printers", &self.printers()).finish()
    }
}

fn is_offline(e: &PrintError) -> bool {
    matches!(
        e,
        PrintError::NotAnswering { .. }
            | PrintError::Refused { .. }
            | PrintError::UnknownHost { .. }
            | PrintError::SendFailed { .. }
            | PrintError::SpoolerRejected { .. }
            | PrintError::VirtualDir { .. }
    )
}

/// Backoff before attempt `attempts + 1`: 2 s, 4 s, 8 s … up to 5 minutes.
pub fn backoff(attempts: i64) -> Duration {
    let secs = 2u64.saturating_pow(attempts.clamp(1, 9) as u32);
    Duration::from_secs(secs.min(300))
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
    /// their own). Returns them.
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

    /// Sends every job that is due, oldest first. Returns the jobs handled.
    pub async fn run_due(&self) -> Result<Vec<PrintJob>> {
        let mut done = Vec::new();
        loop {
            let now = time::now();
            let Some(job) = self.store.write_async(move |tx| print_jobs::claim_due(tx, &now)).await? else {
                return Ok(done);
            };
            done.push(self.send_claimed(job).await?);
        }
    }

    /// Sends one claimed (SENDING) job and records the outcome.
    async fn send_claimed(&self, job: PrintJob) -> Result<PrintJob> {
        let outcome = self.send_bytes_of(&job).await;
        let id = job.id;
        let attempts = job.attempts;
        self.store
            .write_async(move |tx| match outcome {
                Ok(ticket) => {
                    let note = format!("spooler job {}", ticket.id);
                    print_jobs::set_state(tx, id, PrintJobState::Sent, Some(&note), None)
                }
                Err((e, retry)) if retry && attempts < MAX_ATTEMPTS => {
                    let next = time::format(
                        chrono::Utc::now()
                            + chrono::Duration::from_std(backoff(attempts)).unwrap_or_default(),
                    );
                    let why = format!("{e} The job will be sent again automatically.");
                    print_jobs::set_state(tx, id, PrintJobState::Queued, Some(&why), Some(&next))
                }
                Err((e, _)) => print_jobs::set_state(tx, id, PrintJobState::Failed, Some(&e), None),
            })
            .await
    }

    async fn send_bytes_of(&self, job: &PrintJob) -> std::result::Result<JobTicket, (String, bool)> {
        let cfg = self.printer(&job.printer_name).map_err(|e| (e.to_string(), false))?;
        let sha = job.document_sha256.clone();
        let bytes = self
            .store
            .read_async(move |c| labels::bytes(c, &sha))
            .await
            .map_err(|e| (e.to_string(), true))?
            .ok_or_else(|| ("The document of this job is missing from the label cache.".to_owned(), false))?;
        let doc = Document::new(bytes, parse_doc_type(&job.document_type), format!("Shipbench job {}", job.id));
        tokio::task::spawn_blocking(move || {
            let ready = printing::prepare(&doc, &cfg).map_err(|e| (e.to_string(), false))?;
            printing::driver_for(&cfg).send(&ready).map_err(|e| {
                let retry = is_offline(&e);
                (e.to_string(), retry)
            })
        })
        .await
        .map_err(|e| (format!("The print worker stopped: {e}"), true))?
    }

    /// Asks system spoolers about SENT jobs and marks those they report done as COMPLETED.
    pub async fn refresh_completed(&self) -> Result<usize> {
        let sent = self
            .store
            .read_async(|c| print_jobs::list(c, &[PrintJobState::Sent], 500))
            .await?;
        let mut n = 0;
        for job in sent {
            let Ok(cfg) = self.printer(&job.printer_name) else { continue };
            if !matches!(cfg.kind, PrinterKind::System { .. }) {
                continue;
            }
            let Some(id) = job.reason.as_deref().and_then(|r| r.strip_prefix("spooler job ")) else { continue };
            let ticket = JobTicket { printer: cfg.name.clone(), id: id.to_owned(), bytes: 0 };
            let state = tokio::task::spawn_blocking(move || printing::driver_for(&cfg).job_state(&ticket))
                .await
                .map_err(|e| StationError::Worker(e.to_string()))?;
            let (jid, reason) = (job.id, job.reason.clone());
            match state {
                Ok(JobState::Completed) => {
                    self.store
                        .write_async(move |tx| print_jobs::set_state(tx, jid, PrintJobState::Completed, reason.as_deref(), None))
                        .await?;
                    n += 1;
                }
                Ok(JobState::Failed(why)) => {
                    let why = format!("The system spooler gave up on the job: {why}. Reprint it when the printer is ready.");
                    self.store
                        .write_async(move |tx| print_jobs::set_state(tx, jid, PrintJobState::Failed, Some(&why), None))
                        .await?;
                }
                _ => {}
            }
        }
        Ok(n)
    }

    /// Runs the worker until the returned handle is aborted: sends due jobs whenever one is queued
    /// and at least once a second (for retries).
    pub fn spawn_worker(&self) -> tokio::task::JoinHandle<()> {
        let q = self.clone();
        tokio::spawn(async move {
            loop {
                if let Err(e) = q.run_due().await {
                    tracing::warn!("print worker: {e}");
                }
                let _ = tokio::time::timeout(Duration::from_secs(1), q.wake.notified()).await;
            }
        })
    }

    /// Sends the due jobs now, then returns the job with this id as it stands.
    pub async fn print_now(&self, id: i64) -> Result<PrintJob> {
        self.run_due().await?;
        self.store
            .read_async(move |c| print_jobs::get(c, id))
            .await?
            .ok_or_else(|| StationError::NotFound { what: format!("Print job {id}") })
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

/// One sentence on where a job stands, for the operator.
pub fn job_sentence(j: &PrintJob) -> String {
    match j.state {
        PrintJobState::Sent | PrintJobState::Completed => format!("Sent to '{}' (job {}).", j.printer_name, j.id),
        PrintJobState::Queued => format!(
            "Waiting for '{}' (job {}): {}",
            j.printer_name,
            j.id,
            j.reason.clone().unwrap_or_else(|| "queued.".into())
        ),
        PrintJobState::Sending => format!("Sending to '{}' (job {}).", j.printer_name, j.id),
        PrintJobState::Failed => format!(
            "Printing on '{}' failed (job {}): {}",
            j.printer_name,
            j.id,
            j.reason.clone().unwrap_or_default()
        ),
    }
}
