//! `shipbench print FILE [--printer NAME]`: prints a ZPL, PDF or PNG file through the print queue.

use std::path::PathBuf;

use clap::Args;
use station::printq::job_sentence;

use crate::{open, output, GlobalOpts};

/// Options of `shipbench print`.
#[derive(Debug, Clone, Args)]
pub struct PrintArgs {
    /// The file: ZPL, PDF or PNG.
    pub file: PathBuf,
    /// The printer (default: the label printer).
    #[arg(long, value_name = "NAME")]
    pub printer: Option<String>,
}

pub(crate) async fn run(global: &GlobalOpts, args: PrintArgs) -> anyhow::Result<()> {
    let session = open::online(global).await?;
    let result = session.station().await?.print_file(&args.file, args.printer.as_deref()).await;
    session.close().await;
    let job = result?;
    output::print(global, &job, job_sentence);
    Ok(())
}
