//! What a print job's outcome means for the operator: printed, queued or failed, in one sentence.

use serde::{Deserialize, Serialize};

use crate::store::print_jobs::{PrintJob, PrintJobState};

/// Where a job stands for the operator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum PrintStatus {
    /// The printer took the job: every byte sent (raw TCP, the virtual printer), or the system
    /// spooler accepted it (and, once COMPLETED, reports it done).
    Printed,
    /// Not printed yet: it waits for the printer and is sent again automatically (or by the
    /// operator, `shipbench jobs retry`).
    Queued,
    /// Not printed and not retried on its own; `reason` says why.
    Failed {
        /// Why, for the operator.
        reason: String,
    },
}

impl PrintStatus {
    /// The status of a job.
    pub fn of(job: &PrintJob) -> PrintStatus {
        match job.state {
            PrintJobState::Sent | PrintJobState::Completed => PrintStatus::Printed,
            PrintJobState::Queued | PrintJobState::Sending => PrintStatus::Queued,
            PrintJobState::Failed => PrintStatus::Failed {
                reason: job.reason.clone().unwrap_or_else(|| "no reason was recorded.".into()),
            },
        }
    }

    /// One word: `printed`, `queued` or `failed`.
    pub fn word(&self) -> &'static str {
        match self {
            PrintStatus::Printed => "printed",
            PrintStatus::Queued => "queued",
            PrintStatus::Failed { .. } => "failed",
        }
    }
}

/// A job's outcome as the window, the CLI and a buy outcome carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrintOutcome {
    /// The print job.
    pub job_id: i64,
    /// The printer it went (or goes) to.
    pub printer: String,
    /// Printed, queued or failed.
    #[serde(flatten)]
    pub status: PrintStatus,
    /// One sentence for the operator ([`PrintOutcome::sentence`]).
    pub message: String,
}

impl PrintOutcome {
    /// The outcome of a job as it stands.
    pub fn of(job: &PrintJob) -> PrintOutcome {
        PrintOutcome {
            job_id: job.id,
            printer: job.printer_name.clone(),
            status: PrintStatus::of(job),
            message: job_sentence(job),
        }
    }

    /// One sentence on where the job stands.
    pub fn sentence(&self) -> &str {
        &self.message
    }
}

/// One sentence on where a job stands, saying only what happened: printed (the printer or its
/// spooler took the job), queued (not yet) or failed (with the reason).
pub fn job_sentence(j: &PrintJob) -> String {
    let (p, id) = (&j.printer_name, j.id);
    match j.state {
        PrintJobState::Completed => {
            format!("Printed on '{p}' (job {id}): the system spooler reports the job done.")
        }
        PrintJobState::Sent => match &j.spooler_job_id {
            Some(s) if s.parse::<u64>().is_ok() => {
                format!("Printed on '{p}' (job {id}): the system spooler accepted it as its job {s}.")
            }
            _ => format!("Printed on '{p}' (job {id}): the printer took every byte."),
        },
        PrintJobState::Queued => format!(
            "Not printed yet: job {id} waits for '{p}'. {}",
            j.reason.as_deref().unwrap_or("It will be sent while Shipbench runs.")
        ),
        PrintJobState::Sending => format!("Not printed yet: job {id} is being sent to '{p}'."),
        PrintJobState::Failed => format!(
            "Not printed: job {id} on '{p}' failed. {}",
            j.reason.as_deref().unwrap_or("No reason was recorded.")
        ),
    }
}
