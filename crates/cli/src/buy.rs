//! `shipbench buy ORDER`: buy & print one order (ORDER is what a scanner reads: "#1001", "1001",
//! or an order object id). Also the station opener the other workflow commands share.

use std::io::Write;
use std::time::Duration;

use anyhow::Context as _;
use clap::Args;
use station::sync::{sync_orders, SyncOptions};
use station::workflow::{AddressChoice, BuyOptions, Progress, ProgressSink, RatePick};
use station::{Station, StationError, StationOptions};

use crate::context::{self, StationContext};
use crate::{output, GlobalOpts};

/// Environment variable: the purchase journal's settle window in milliseconds (tests shorten it).
pub const SETTLE_ENV: &str = "SHIPBENCH_SETTLE_MS";

/// A station opened for one command, with what keeps it alive.
pub struct Opened {
    /// The station.
    pub station: Station,
    /// The context (store, client, embedded simulator).
    pub ctx: StationContext,
}

/// Opens the station for the global options (demo: embedded simulator + virtual printers).
pub async fn open_station(global: &GlobalOpts) -> anyhow::Result<Opened> {
    let ctx = context::open_online(global).await?;
    let client = ctx.client()?.clone();
    let data_dir = global.data_dir();
    let settle = std::env::var(SETTLE_ENV)
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .map(Duration::from_millis)
        .unwrap_or(station::station::DEFAULT_SETTLE_WINDOW);
    let opts = StationOptions {
        // No token means demo mode too (the app's default), not only --demo.
        demo: global.demo || ctx.profile.mode == station::account::Mode::Demo,
        printers_file: Some(ctx.profile.dir(&data_dir).join("printers.json")),
        virtual_printer_dir: Some(ctx.profile.virtual_printer_dir(&data_dir)),
        settle,
        ..StationOptions::default()
    };
    let (station, report) = Station::open(ctx.store.clone(), client, opts).await?;
    // Stderr in every mode: with --json, stdout stays one JSON document.
    {
        let r = &report.reconciled;
        if r.adopted + r.failed > 0 {
            eprintln!(
                "Settled interrupted purchases: {} label(s) found at Shippo and saved, {} not bought.",
                r.adopted, r.failed
            );
        }
        if !report.interrupted_jobs.is_empty() {
            eprintln!(
                "{} print job(s) were interrupted by a stop and were not resent; check the printer and reprint if needed (`shipbench reprint`).",
                report.interrupted_jobs.len()
            );
        }
    }
    Ok(Opened { station, ctx })
}

/// Progress for the terminal: sentences on stderr, or JSON lines on stderr with `--json`.
pub fn progress_printer(global: &GlobalOpts) -> ProgressSink {
    let json = global.json;
    ProgressSink::callback(move |p: Progress| {
        let mut err = std::io::stderr().lock();
        if json {
            if let Ok(s) = serde_json::to_string(&p) {
                let _ = writeln!(err, "{s}");
            }
        } else {
            let n = match (p.index, p.total) {
                (Some(i), Some(t)) => format!("[{i}/{t}] "),
                _ => String::new(),
            };
            let _ = writeln!(err, "{n}{}", p.message);
        }
    })
}

/// Runs `f`; when the order is not in the cache, syncs orders once and runs it again.
pub async fn with_sync_retry<T, F, Fut>(opened: &Opened, global: &GlobalOpts, f: F) -> anyhow::Result<T>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = station::Result<T>>,
{
    match f().await {
        Err(StationError::NotFound { what }) if what.starts_with("Order") => {
            if !global.json {
                eprintln!("{what} is not in the local order cache yet; syncing orders from Shippo.");
            }
            sync_orders(opened.station.client(), opened.station.store(), &SyncOptions::default(), |_| {})
                .await
                .context("syncing orders failed")?;
            Ok(f().await?)
        }
        other => Ok(other?),
    }
}

/// Options of `shipbench buy`.
#[derive(Debug, Clone, Args)]
pub struct BuyArgs {
    /// The order: its number as scanned ("#1001" or "1001") or its Shippo object id.
    pub order: String,
    /// Buy this rate (an object id from `shipbench rates`), overriding the rule.
    #[arg(long, value_name = "ID")]
    pub rate: Option<String>,
    /// Rate rule for this buy: cheapest, fastest, within:DAYS, carrier:NAME[,NAME], service:TOKEN,
    /// fixed:CARRIER_ACCOUNT:SERVICE (Instalabel).
    #[arg(long, value_name = "NAME", conflicts_with = "rate")]
    pub rule: Option<String>,
    /// Buy and save the label without printing it.
    #[arg(long)]
    pub no_print: bool,
    /// Buy another label although the order already has one.
    #[arg(long)]
    pub another: bool,
    /// Use Shippo's corrected address when it suggests one.
    #[arg(long, conflicts_with = "strict_address")]
    pub accept_address: bool,
    /// Stop when Shippo calls the address undeliverable.
    #[arg(long)]
    pub strict_address: bool,
    /// Skip the address check.
    #[arg(long, conflicts_with_all = ["accept_address", "strict_address"])]
    pub no_address_check: bool,
}

pub(crate) async fn run(global: &GlobalOpts, args: BuyArgs) -> anyhow::Result<()> {
    let rule = match &args.rule {
        Some(r) => Some(RatePick::parse(r).map_err(anyhow::Error::msg)?),
        None => None,
    };
    let opts = BuyOptions {
        rate_id: args.rate.clone(),
        rule,
        no_print: args.no_print,
        another: args.another,
        address: if args.no_address_check {
            AddressChoice::Skip
        } else if args.accept_address {
            AddressChoice::AcceptSuggestion
        } else if args.strict_address {
            AddressChoice::StopIfInvalid
        } else {
            AddressChoice::GoOn
        },
    };
    let opened = open_station(global).await?;
    let progress = progress_printer(global);
    let outcome = with_sync_retry(&opened, global, || opened.station.buy_and_print(&args.order, &opts, &progress)).await;
    let outcome = match outcome {
        Ok(o) => o,
        Err(e) => {
            opened.ctx.close().await;
            return Err(e);
        }
    };
    output::print(global, &outcome, |o| {
        let mut s = format!(
            "Order {}: label {} bought{} ({}{}).",
            o.order_number.clone().unwrap_or_else(|| o.order_id.clone()),
            o.tracking_number.clone().unwrap_or_else(|| o.transaction_id.clone()),
            if o.adopted { " (recovered from an interrupted purchase)" } else { "" },
            o.service.clone().unwrap_or_default(),
            o.price.as_ref().map(|p| format!(", {p}")).unwrap_or_default(),
        );
        for m in &o.address_messages {
            s.push_str(&format!("\nAddress check: {m}"));
        }
        match (o.print_job_id, o.label_id) {
            (Some(j), _) => s.push_str(&format!("\nPrint job {j} sent.")),
            (None, Some(l)) => s.push_str(&format!("\nLabel saved (label {l}); reprint it with `shipbench reprint {l}`.")),
            _ => {}
        }
        s
    });
    opened.ctx.close().await;
    Ok(())
}
