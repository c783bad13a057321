//! `shipbench jobs`: the print queue. Lists jobs with their state and reason; `jobs retry ID` (or
//! `--failed`) sends queued or failed jobs again now; `jobs cancel ID` stops a job that has not
//! printed. Works offline: no Shippo call, only the printers of this bench.
//!
//! Exit codes of `jobs retry` follow `shipbench print`: 0 all printed, 3 some still queued, 1 some
//! failed.

use anyhow::Context as _;
use clap::{Args, Subcommand};
use station::printq::{self, PrintOutcome, PrintQueue};
use station::store::print_jobs::{PrintJob, PrintJobState};

use crate::print::{finish, report, EXIT_FAILED, EXIT_QUEUED};
use crate::{open, output, GlobalOpts};

/// Options of `shipbench jobs`.
#[derive(Debug, Clone, Args)]
#[command(after_help = "Exit codes of `jobs retry`: 0 printed, 3 still queued, 1 failed.")]
pub struct JobsArgs {
    /// What to do; none lists the jobs.
    #[command(subcommand)]
    pub action: Option<JobsCommand>,
    /// How many jobs to list, newest first.
    #[arg(long, default_value_t = 50)]
    pub limit: u32,
}

/// `shipbench jobs …`.
#[derive(Debug, Clone, Subcommand)]
pub enum JobsCommand {
    /// Sends a queued or failed job again now (a fresh series of automatic retries follows).
    Retry {
        /// The job number (see `shipbench jobs`).
        #[arg(required_unless_present = "failed", conflicts_with = "failed")]
        id: Option<i64>,
        /// Every failed job instead of one.
        #[arg(long)]
        failed: bool,
    },
    /// Cancels a queued or failed job: it is never sent.
    Cancel {
        /// The job number (see `shipbench jobs`).
        id: i64,
    },
}

/// One line of the list: the job row, `outcome` (printed, queued or failed) and its sentence.
#[derive(Debug, serde::Serialize)]
struct Listed<'a> {
    #[serde(flatten)]
    job: &'a PrintJob,
    outcome: &'static str,
    message: String,
}

pub(crate) async fn run(global: &GlobalOpts, args: JobsArgs) -> anyhow::Result<()> {
    let session = open::offline(global).await?;
    let queue = session.offline_print_queue().await?;
    let result = match args.action {
        None => list(global, &queue, args.limit).await,
        Some(JobsCommand::Retry { id: Some(id), .. }) => retry(global, &queue, vec![id]).await,
        Some(JobsCommand::Retry { id: None, .. }) => {
            let mut failed = queue.jobs(vec![PrintJobState::Failed], 10_000).await?;
            // A job the operator cancelled stays cancelled; `jobs retry ID` sends it if wanted.
            failed.retain(|j| j.reason.as_deref() != Some(printq::CANCELLED));
            if failed.is_empty() && !global.json {
                println!("No failed print jobs.");
            }
            // Oldest first, so labels come out in the order they were bought.
            retry(global, &queue, failed.iter().rev().map(|j| j.id).collect()).await
        }
        Some(JobsCommand::Cancel { id }) => {
            let job = queue.cancel_job(id).await?;
            output::print(global, &job, |j| format!("Job {} on '{}' is cancelled; it was not printed.", j.id, j.printer_name));
            Ok(())
        }
    };
    session.close().await;
    result
}

async fn list(global: &GlobalOpts, queue: &PrintQueue, limit: u32) -> anyhow::Result<()> {
    let jobs = queue.jobs(Vec::new(), limit).await.context("the print jobs could not be read")?;
    let listed: Vec<Listed<'_>> = jobs
        .iter()
        .map(|job| {
            let o = PrintOutcome::of(job);
            Listed { job, outcome: o.status.word(), message: o.message }
        })
        .collect();
    output::print(global, &listed, |all| {
        if all.is_empty() {
            return "No print jobs.".to_owned();
        }
        all.iter()
            .map(|l| {
                let j = l.job;
                let reason = j.reason.as_deref().map(|r| format!("  {r}")).unwrap_or_default();
                format!("{:>5}  {:<9}  {:<20}  {}{reason}", j.id, j.state.as_str(), j.printer_name, j.updated_at)
            })
            .collect::<Vec<_>>()
            .join("\n")
    });
    Ok(())
}

async fn retry(global: &GlobalOpts, queue: &PrintQueue, ids: Vec<i64>) -> anyhow::Result<()> {
    let mut worst = 0;
    for id in ids {
        let job = queue.retry_job(id).await?;
        let code = report(global, &job);
        worst = match (worst, code) {
            (EXIT_FAILED, _) | (_, EXIT_FAILED) => EXIT_FAILED,
            (EXIT_QUEUED, _) | (_, EXIT_QUEUED) => EXIT_QUEUED,
            _ => 0,
        };
    }
    finish(worst)
}
