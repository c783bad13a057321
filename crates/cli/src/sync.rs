//! `shipbench sync`: brings the order cache up to date from Shippo.

use std::io::Write;

use clap::Args;
use station::sync::{sync_orders, SyncKind, SyncNoticeKind, SyncOptions, SyncPass, SyncPhase, SyncProgress, SyncReport};

use crate::{open, output, GlobalOpts};

/// Options of `shipbench sync`.
#[derive(Debug, Clone, Args)]
pub struct SyncArgs {
    /// Re-read every order (default: only what changed since the last sync; the first sync is full).
    #[arg(long)]
    pub full: bool,
}

/// Runs the sync. Progress and the waiting sentences ("Waiting for Shippo's rate limit, resuming
/// in 42 s.") go to stderr; stdout holds only the result. An error is one sentence with its causes,
/// each said once.
pub(crate) async fn run(global: &GlobalOpts, args: SyncArgs) -> anyhow::Result<()> {
    run_sync(global, args).await.map_err(|e| anyhow::anyhow!(causes_once(&e)))
}

async fn run_sync(global: &GlobalOpts, args: SyncArgs) -> anyhow::Result<()> {
    let session = open::online(global).await?;
    let station = session.station().await?;
    let opts = SyncOptions {
        kind: if args.full { SyncKind::Full } else { SyncKind::Auto },
        ..SyncOptions::default()
    };
    let human = !global.json;
    let mut line_open = false;
    let result = sync_orders(station.client(), station.store(), &opts, |p| show_progress(&p, human, &mut line_open)).await;
    if line_open {
        eprintln!();
    }
    session.close().await;
    let report = result?;
    output::print(global, &report, human_report);
    Ok(())
}

/// One progress report on stderr: counts on a line that rewrites itself (not with `--json`), a
/// wait for a rate limit, a retry or a slow answer on a line of its own (always).
fn show_progress(p: &SyncProgress, human: bool, line_open: &mut bool) {
    let mut err = std::io::stderr().lock();
    if let Some(n) = &p.notice {
        if n.kind != SyncNoticeKind::Pacing || !human {
            let _ = writeln!(err, "{}{}", if *line_open { "\n" } else { "" }, n.message);
            *line_open = false;
            return;
        }
    }
    if !human {
        return;
    }
    let what = match (p.phase, p.pass) {
        (SyncPhase::Orders, SyncPass::Awaiting) => "orders awaiting shipment",
        (SyncPhase::Orders, SyncPass::Rest) => "order history",
        (SyncPhase::Orders, SyncPass::All) => "orders",
        (SyncPhase::Transactions, _) => "labels",
        (SyncPhase::Done, _) => return,
    };
    let approx = if p.total_is_exact { "" } else { "~" };
    let pacing = match &p.notice {
        Some(n) => format!(" ({})", n.message.trim_end_matches('.')),
        None => String::new(),
    };
    let _ = write!(err, "\rsyncing {what}: {} / {approx}{}{pacing}   ", p.done, p.total);
    let _ = err.flush();
    *line_open = true;
}

/// The error and its causes joined with ": ", a cause whose text is already said left out (an
/// error that repeats its source would otherwise be shown twice).
fn causes_once(err: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        let text = text.trim();
        if text.is_empty() || out.contains(text) {
            continue;
        }
        if !out.is_empty() {
            out = format!("{}: {text}", out.trim_end_matches('.'));
        } else {
            out.push_str(text);
        }
    }
    out
}

fn human_report(r: &SyncReport) -> String {
    r.sentence()
}
