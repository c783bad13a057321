//! `shipbench reprint LABEL`: prints a label again from the local label cache (works offline).

use clap::Args;
use station::printq::job_sentence;

use crate::{open, output, GlobalOpts};

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
    let session = open::online(global).await?;
    let result = session.station().await?.reprint(&args.label, args.printer.as_deref()).await;
    session.close().await;
    let job = result?;
    output::print(global, &job, job_sentence);
    Ok(())
}
