//! `shipbench reprint LABEL`: prints a label again from the local label cache (works offline).

use clap::Args;
use station::printq::job_sentence;

use crate::buy::open_station;
use crate::{output, GlobalOpts};

/// Options of `shipbench reprint`.
#[derive(Debug, Clone, Args)]
pub struct ReprintArgs {
    /// The label: tracking number, transaction id, label number, or the order ("#1001").
    pub label: String,
    /// Print on this printer instead of the label printer.
    #[arg(long, value_name = "NAME")]
    pub printer: Option<String>,
}

pub(crate) async fn run(global: &GlobalOpts, args: ReprintArgs) -> anyhow::Result<()> {
    let opened = open_station(global).await?;
    let result = opened.station.reprint(&args.label, args.printer.as_deref()).await;
    opened.ctx.close().await;
    let job = result?;
    output::print(global, &job, job_sentence);
    Ok(())
}
