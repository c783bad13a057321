//! `shipbench void LABEL`: refunds a label and follows the refund until Shippo settles it.

use clap::Args;

use crate::{open, output, GlobalOpts};

/// Options of `shipbench void`.
#[derive(Debug, Clone, Args)]
pub struct VoidArgs {
    /// The label: tracking number, transaction id, label number, or the order ("#1001").
    pub label: String,
}

pub(crate) async fn run(global: &GlobalOpts, args: VoidArgs) -> anyhow::Result<()> {
    let session = open::online(global).await?;
    let result = session.station().await?.void(&args.label).await;
    session.close().await;
    let v = result?;
    output::print(global, &v, |v| v.message.clone());
    Ok(())
}
