//! Printer queues of the operating system through the `printers` crate: CUPS on Linux and macOS, the
//! spooler (winspool) on Windows.
//!
//! ZPL always goes *raw*: on CUPS with `document-format=application/vnd.cups-raw`, so a queue that has
//! a driver (e.g. the Zebra PPD) passes the bytes untouched instead of rasterising the ZPL text; on
//! Windows with the `RAW` datatype (the crate's default). PDF and PNG go to CUPS typed by content, so a
//! driver queue renders them for its printer.
//!
//! A job id only means "queued": [`SystemDriver::job_state`] asks the spooler where the job is.

use printers::common::base::job::{PrinterJobOptions, PrinterJobState};
use printers::common::base::printer::Printer;
use printers::common::converters::Converter;

use crate::driver::{Document, JobState, JobTicket, PrinterDriver};
use crate::error::PrintError;
use labels::zpl::DocFormat;

/// A printer queue as the system lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SystemPrinter {
    /// The queue name to configure.
    pub queue: String,
    /// The display name.
    pub name: String,
    /// The driver ("make and model"); empty or "Local Raw Printer" for raw queues.
    pub driver: String,
    /// Device URI (CUPS) or port.
    pub uri: String,
    /// Whether it is the system default.
    pub is_default: bool,
}

/// The system's printer queues.
pub fn list_printers() -> Vec<SystemPrinter> {
    printers::get_printers()
        .into_iter()
        .map(|p| SystemPrinter {
            queue: p.system_name,
            name: p.name,
            driver: p.driver_name,
            uri: if p.uri.is_empty() { p.port_name } else { p.uri },
            is_default: p.is_default,
        })
        .collect()
}

/// A system printer queue.
#[derive(Debug, Clone)]
pub struct SystemDriver {
    name: String,
    queue: String,
}

impl SystemDriver {
    /// A driver for `queue`, named `name` in messages.
    pub fn new(name: String, queue: String) -> SystemDriver {
        SystemDriver { name, queue }
    }

    fn printer(&self) -> Result<Printer, PrintError> {
        printers::get_printer_by_name(&self.queue).ok_or_else(|| {
            let names: Vec<String> = list_printers().into_iter().map(|p| p.queue).collect();
            PrintError::QueueNotFound {
                queue: self.queue.clone(),
                available: if names.is_empty() { "none installed".into() } else { names.join(", ") },
            }
        })
    }

    fn job_id(&self, ticket: &JobTicket) -> Option<u64> {
        ticket.id.parse().ok()
    }
}

/// The CUPS option that makes a job raw.
#[cfg(unix)]
const RAW_OPTIONS: &[(&str, &str)] = &[("document-format", "application/vnd.cups-raw")];

impl PrinterDriver for SystemDriver {
    fn send(&self, doc: &Document) -> Result<JobTicket, PrintError> {
        let printer = self.printer()?;
        let rejected = |reason: String| PrintError::SpoolerRejected { queue: self.queue.clone(), reason };
        let id = submit(&printer, doc).map_err(rejected)?;
        tracing::info!(printer = %self.name, queue = %self.queue, job = id, bytes = doc.bytes.len(), "job queued");
        Ok(JobTicket { printer: self.name.clone(), id: id.to_string(), bytes: doc.bytes.len() })
    }

    fn job_state(&self, ticket: &JobTicket) -> Result<JobState, PrintError> {
        let Some(id) = self.job_id(ticket) else {
            return Ok(JobState::Unknown);
        };
        let printer = self.printer()?;
        // The history (all jobs) includes the active ones on CUPS; winspool lists active jobs only.
        let job = printer
            .get_job_history()
            .into_iter()
            .chain(printer.get_active_jobs())
            .find(|j| j.id == id);
        Ok(match job.map(|j| j.state) {
            None => JobState::Unknown,
            Some(PrinterJobState::PENDING) | Some(PrinterJobState::PAUSED) => JobState::Queued,
            Some(PrinterJobState::PROCESSING) => JobState::Printing,
            Some(PrinterJobState::COMPLETED) => JobState::Completed,
            Some(PrinterJobState::CANCELLED) => {
                JobState::Failed("the spooler cancelled or aborted the job".into())
            }
            Some(PrinterJobState::UNKNOWN) => JobState::Unknown,
        })
    }
}

/// CUPS: the bytes go through our own temporary file (deleted when this returns; CUPS has copied it
/// into its spool by then), raw for ZPL.
#[cfg(unix)]
fn submit(printer: &Printer, doc: &Document) -> Result<u64, String> {
    use std::io::Write;
    let mut file = tempfile::Builder::new()
        .prefix("shipbench-job-")
        .suffix(&format!(".{}", doc.format.extension()))
        .tempfile()
        .map_err(|e| format!("cannot write a temporary file: {e}"))?;
    file.write_all(&doc.bytes)
        .and_then(|_| file.flush())
        .map_err(|e| format!("cannot write a temporary file: {e}"))?;
    let path = file.path().to_string_lossy().into_owned();
    let options = PrinterJobOptions {
        name: Some(&doc.title),
        raw_properties: if doc.format == DocFormat::Zpl { RAW_OPTIONS } else { &[] },
        converter: Converter::None,
    };
    let result = printer.print_file(&path, options).map_err(|e| e.message);
    drop(file);
    result
}

/// Windows: winspool writes the buffer itself (no temporary file) with the `RAW` datatype.
#[cfg(windows)]
fn submit(printer: &Printer, doc: &Document) -> Result<u64, String> {
    let options = PrinterJobOptions {
        name: Some(&doc.title),
        raw_properties: &[("document-format", "RAW")],
        converter: Converter::None,
    };
    printer.print(&doc.bytes, options).map_err(|e| e.message)
}
