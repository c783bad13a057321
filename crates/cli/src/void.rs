//! `shipbench void LABEL`: refunds a label and follows the refund until Shippo settles it.

use clap::Args;

use crate::buy::open_station;
use crate::{output, GlobalOpts};

/// Options of `shipbench void`.
#[derive(Debug, Clone, Args)]
pub struct VoidArgs {
    /// The label: tracking number, transaction id, label number, or the order ("#1001").
    pub label: String,
}

pub(crate) async fn run(global: &GlobalOpts, args: VoidArgs) -> anyhow::Result<()> {
    let opened = open_station(global).await?;
    let result = opened.station.void(&args.label).await;
    opened.ctx.close().await;
    let v = result?;
    output::print(global, &v, |v| v.message.clone());
    Ok(())
}
