//! `shipbench print FILE [--printer NAME]`: prints a ZPL, PDF or PNG file through the print queue.
//!
//! Exit codes, here and for `shipbench jobs retry`: 0 printed (the printer took the job, or the
//! system spooler accepted it), [`EXIT_QUEUED`] (3) queued — not printed yet, it waits for the
//! printer — and 1 failed (the reason is printed) or any other error.

use std::path::PathBuf;

use clap::Args;
use station::printq::{PrintOutcome, PrintStatus};
use station::store::print_jobs::PrintJob;

use crate::{open, output, GlobalOpts};

/// Exit code of a job that was queued, not printed: it prints when the printer is back.
pub const EXIT_QUEUED: u8 = 3;
/// Exit code of a job that failed.
pub const EXIT_FAILED: u8 = 1;

/// Options of `shipbench print`.
#[derive(Debug, Clone, Args)]
#[command(after_help = "Exit codes: 0 printed, 3 queued (not printed yet: it waits for the printer), 1 failed.")]
pub struct PrintArgs {
    /// The file: ZPL, PDF or PNG (at most 16 MiB).
    pub file: PathBuf,
    /// The printer (default: the label printer).
    #[arg(long, value_name = "NAME")]
    pub printer: Option<String>,
}

/// The outcome of a command was printed already; the process exits with this code.
#[derive(Debug, thiserror::Error)]
#[error("exit code {0}")]
pub struct ExitWith(pub u8);

/// The exit code for a print status.
pub fn exit_code(status: &PrintStatus) -> u8 {
    match status {
        PrintStatus::Printed => 0,
        PrintStatus::Queued => EXIT_QUEUED,
        PrintStatus::Failed { .. } => EXIT_FAILED,
    }
}

/// A job and its outcome, as `--json` prints them.
#[derive(Debug, serde::Serialize)]
pub struct JobReport<'a> {
    /// Printed, queued or failed, with the sentence.
    #[serde(flatten)]
    pub outcome: PrintOutcome,
    /// The job row.
    pub job: &'a PrintJob,
}

/// Prints a job's outcome (a failure's sentence on stderr, the rest on stdout; JSON on stdout with
/// `--json`) and returns its exit code.
pub fn report(global: &GlobalOpts, job: &PrintJob) -> u8 {
    let outcome = PrintOutcome::of(job);
    let code = exit_code(&outcome.status);
    if !global.json && code == EXIT_FAILED {
        eprintln!("{}", outcome.sentence());
    } else {
        output::print(global, &JobReport { outcome, job }, |r| r.outcome.sentence().to_owned());
    }
    code
}

/// Turns an exit code into the command's result.
pub fn finish(code: u8) -> anyhow::Result<()> {
    if code == 0 {
        Ok(())
    } else {
        Err(ExitWith(code).into())
    }
}

pub(crate) async fn run(global: &GlobalOpts, args: PrintArgs) -> anyhow::Result<()> {
    let session = open::online(global).await?;
    let result = session.station().await?.print_file(&args.file, args.printer.as_deref()).await;
    session.close().await;
    let job = result?;
    finish(report(global, &job))
}
