//! `shipbench sync`: brings the order cache up to date from Shippo.

use std::io::Write;

use clap::Args;
use station::sync::{sync_orders, SyncKind, SyncOptions, SyncPhase, SyncReport};

use crate::{open, output, GlobalOpts};

/// Options of `shipbench sync`.
#[derive(Debug, Clone, Args)]
pub struct SyncArgs {
    /// Re-read every order (default: only what changed since the last sync; the first sync is full).
    #[arg(long)]
    pub full: bool,
}

pub(crate) async fn run(global: &GlobalOpts, args: SyncArgs) -> anyhow::Result<()> {
    let session = open::online(global).await?;
    let station = session.station().await?;
    let opts = SyncOptions {
        kind: if args.full { SyncKind::Full } else { SyncKind::Auto },
        ..SyncOptions::default()
    };
    let human = !global.json;
    let result = sync_orders(station.client(), station.store(), &opts, |p| {
        if human {
            let what = match p.phase {
                SyncPhase::Orders => "orders",
                SyncPhase::Transactions => "labels",
                SyncPhase::Done => return,
            };
            let approx = if p.total_is_exact { "" } else { "~" };
            eprint!("\rsyncing {what}: {} / {approx}{}   ", p.done, p.total);
            let _ = std::io::stderr().flush();
        }
    })
    .await;
    if human {
        eprintln!();
    }
    session.close().await;
    let report = result?;
    output::print(global, &report, human_report);
    Ok(())
}

fn human_report(r: &SyncReport) -> String {
    format!(
        "{} sync{}: {} orders read, {} new, {} changed status, {} labels fetched{}; {} orders cached.",
        if r.full { "Full" } else { "Incremental" },
        if r.resumed { " (resumed)" } else { "" },
        r.orders_seen,
        r.new_orders,
        r.status_changes,
        r.transactions_fetched,
        if r.transactions_failed > 0 { format!(" ({} could not be fetched)", r.transactions_failed) } else { String::new() },
        r.cached_orders
    )
}
