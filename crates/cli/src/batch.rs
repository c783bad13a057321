//! `shipbench batch ORDER…`: batch buy & print, labels printed in the order given.

use clap::Args;
use station::workflow::batch::BatchOptions;
use station::workflow::RatePick;

use crate::buy::progress_printer;
use crate::{open, output, GlobalOpts};

/// Options of `shipbench batch`.
#[derive(Debug, Clone, Args)]
pub struct BatchArgs {
    /// The orders, as scanned ("#1001", "1001") or object ids; labels print in this order.
    #[arg(required = true)]
    pub orders: Vec<String>,
    /// Rate rule choosing the batch's carrier and service (see `shipbench buy --help`).
    #[arg(long, value_name = "NAME")]
    pub rule: Option<String>,
    /// Buy and save the labels without printing them.
    #[arg(long)]
    pub no_print: bool,
    /// Buy for orders that already have a label too.
    #[arg(long)]
    pub another: bool,
    /// Stop when Shippo finds invalid shipments instead of removing them and buying the rest.
    #[arg(long)]
    pub stop_on_invalid: bool,
    /// Buy even if the label printer does not answer now; the labels print when it is back.
    #[arg(long)]
    pub print_later: bool,
}

pub(crate) async fn run(global: &GlobalOpts, args: BatchArgs) -> anyhow::Result<()> {
    let rule = match &args.rule {
        Some(r) => Some(RatePick::parse(r).map_err(anyhow::Error::msg)?),
        None => None,
    };
    let opts = BatchOptions {
        rule,
        no_print: args.no_print,
        another: args.another,
        stop_on_invalid: args.stop_on_invalid,
        print_when_back: args.print_later,
    };
    let session = open::online(global).await?;
    // A long command: labels a printer did not take are retried while the batch runs.
    session.start_print_worker().await?;
    let station = session.station().await?;
    // Make sure every order is cached (a batch of scans may name orders placed minutes ago).
    if let Err(e) = station::sync::sync_orders(station.client(), station.store(), &Default::default(), |_| {}).await {
        tracing::warn!("sync before batch: {e}");
    }
    let progress = progress_printer(global);
    let result = station.batch(&args.orders, &opts, &progress).await;
    session.close().await;
    let summary = result?;
    output::print(global, &summary, |s| {
        let mut out = format!("Batch: {} of {} label(s) bought, {} failed.", s.bought, s.items.len(), s.failed);
        for i in s.items.iter().filter(|i| i.error.is_some()) {
            out.push_str(&format!("\n  {}: {}", i.order, i.error.clone().unwrap_or_default()));
        }
        out
    });
    Ok(())
}
