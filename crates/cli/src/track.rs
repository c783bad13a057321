//! `shipbench track [ORDER]`: refreshes tracking and raises exception alerts (FAILURE, RETURNED).

use clap::Args;

use crate::buy::with_sync_retry;
use crate::{open, output, GlobalOpts};

/// Options of `shipbench track`.
#[derive(Debug, Clone, Args)]
pub struct TrackArgs {
    /// One order ("#1001"); without it, every label still on its way.
    pub order: Option<String>,
}

pub(crate) async fn run(global: &GlobalOpts, args: TrackArgs) -> anyhow::Result<()> {
    let session = open::online(global).await?;
    let result = with_sync_retry(&session, global, || async { session.station().await?.track(args.order.as_deref()).await }).await;
    session.close().await;
    let reports = result?;
    output::print(global, &reports, |r| {
        if r.is_empty() {
            return "No labels to track.".to_owned();
        }
        let mut out = Vec::new();
        for t in r {
            out.push(format!(
                "{} {} {}: {}{}",
                t.order.clone().unwrap_or_default(),
                t.carrier,
                t.tracking_number,
                t.status,
                t.details.as_ref().map(|d| format!(" ({d})")).unwrap_or_default()
            ));
        }
        let alerts: Vec<String> = r.iter().filter_map(|t| t.alert.clone()).collect();
        if !alerts.is_empty() {
            out.push(format!("{} alert(s):", alerts.len()));
            out.extend(alerts.into_iter().map(|a| format!("  ! {a}")));
        }
        out.join("\n")
    });
    Ok(())
}
