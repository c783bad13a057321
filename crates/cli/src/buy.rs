//! `shipbench buy ORDER`: buy & print one order. Exit codes: 0 bought and printed (or bought with
//! `--no-print`), 3 bought and queued for a printer that did not take it yet, 1 not bought or not
//! printed.
//! (ORDER is what a scanner reads: "#1001", "1001",
//! or an order object id). Also the progress printer and the sync-and-retry the other workflow
//! commands share.

use std::io::Write;

use clap::Args;
use station::workflow::{AddressChoice, BuyOptions, Progress, ProgressSink, RatePick};
use station::Session;

use crate::{open, output, GlobalOpts};

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

/// Runs `f`; when the order is not in the cache, syncs orders once and runs it again (see
/// [`Session::retry_after_sync`]), saying so on stderr.
pub async fn with_sync_retry<T, F, Fut>(session: &Session, global: &GlobalOpts, f: F) -> anyhow::Result<T>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = station::Result<T>>,
{
    let json = global.json;
    Ok(session
        .retry_after_sync(f, |order| {
            if !json {
                eprintln!("Order {order} is not in the local order cache yet; syncing orders from Shippo.");
            }
        })
        .await?)
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
    /// Buy although the label printer does not answer now: the label waits in the print queue
    /// and prints when the printer is back.
    #[arg(long, conflicts_with = "no_print")]
    pub print_later: bool,
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
    /// The parcel's weight with its unit, e.g. 2.5lb, 40oz, 1.2kg (else the order's).
    #[arg(long, value_name = "WEIGHT")]
    pub weight: Option<String>,
    /// The parcel: a template name from the settings, or dimensions like 10x8x4in.
    #[arg(long, value_name = "TEMPLATE")]
    pub parcel: Option<String>,
    /// Warehouse mode, server down: buy this order without the warehouse check (reported to the
    /// warehouse when it is back). Only when you are sure no other bench has it.
    #[arg(long)]
    pub without_warehouse: bool,
}

pub(crate) async fn run(global: &GlobalOpts, args: BuyArgs) -> anyhow::Result<()> {
    let weight = args.weight.as_deref().map(crate::rates::parse_weight).transpose()?;
    let rule = match &args.rule {
        Some(r) => Some(RatePick::parse(r).map_err(anyhow::Error::msg)?),
        None => None,
    };
    let session = open::online(global).await?;
    let parcel = match args.parcel.as_deref() {
        Some(p) => {
            let settings = session.store().read_async(station::store::settings::effective).await?;
            match station::workflow::card::parse_parcel(p, &settings) {
                Ok(t) => Some(t),
                Err(e) => {
                    session.close().await;
                    return Err(e.into());
                }
            }
        }
        None => None,
    };
    let opts = BuyOptions {
        rate_id: args.rate.clone(),
        rule,
        weight,
        parcel,
        address_override: None,
        no_print: args.no_print,
        print_when_back: args.print_later,
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
        without_warehouse: args.without_warehouse,
    };
    let progress = progress_printer(global);
    let outcome = with_sync_retry(&session, global, || async {
        session.station().await?.buy_and_print(&args.order, &opts, &progress).await
    })
    .await;
    session.close().await;
    let outcome = outcome?;
    output::print(global, &outcome, |o| {
        let mut lines = vec![o.sentence()];
        if let Some(w) = &o.weight {
            lines.push(format!("Declared weight: {w}."));
        }
        lines.extend(o.address_lines());
        if let (None, Some(l)) = (o.print_job_id, o.label_id) {
            lines.push(format!("Reprint it with `shipbench reprint {l}`."));
        }
        lines.join("\n")
    });
    // The label is bought either way; the exit code says whether it printed (0), waits for the
    // printer (3) or failed to print (1), like `shipbench print`.
    crate::print::finish(outcome.print.as_ref().map_or(0, |p| crate::print::exit_code(&p.status)))
}
