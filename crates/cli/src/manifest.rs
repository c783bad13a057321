//! `shipbench manifest [--carrier-account ID]`: the end-of-day manifest, printed on the document
//! printer. Also `shipbench packing-slip ORDER`.

use clap::Args;
use station::printq::job_sentence;

use crate::buy::with_sync_retry;
use crate::{open, output, GlobalOpts};

/// Options of `shipbench manifest`.
#[derive(Debug, Clone, Args)]
pub struct ManifestArgs {
    /// The carrier account (object id); by default every account used for today's labels.
    #[arg(long, value_name = "ID")]
    pub carrier_account: Option<String>,
    /// Make the manifest without printing it.
    #[arg(long)]
    pub no_print: bool,
}

pub(crate) async fn run(global: &GlobalOpts, args: ManifestArgs) -> anyhow::Result<()> {
    let session = open::online(global).await?;
    let result = session.station().await?.manifest(args.carrier_account.as_deref(), args.no_print).await;
    session.close().await;
    let m = result?;
    output::print(global, &m, |m| m.message.clone());
    Ok(())
}

/// Options of `shipbench packing-slip`.
#[derive(Debug, Clone, Args)]
pub struct PackingSlipArgs {
    /// The order ("#1001", "1001" or its object id).
    pub order: String,
}

pub(crate) async fn run_packing_slip(global: &GlobalOpts, args: PackingSlipArgs) -> anyhow::Result<()> {
    let session = open::online(global).await?;
    let result = with_sync_retry(&session, global, || async { session.station().await?.packing_slip(&args.order).await }).await;
    session.close().await;
    let job = result?;
    output::print(global, &job, job_sentence);
    Ok(())
}
