//! `shipbench rates ORDER [--weight 2.5lb] [--parcel TEMPLATE|10x8x4in] [--json]`: the rates Shippo
//! offers for one order and the rule's pick. Nothing is bought; buy one with
//! `shipbench buy ORDER --rate ID`.

use clap::Args;
use station::workflow::card::{parse_parcel, RateList};
use station::workflow::{BuyOptions, RatePick};

use crate::buy::with_sync_retry;
use crate::{open, output, GlobalOpts};

/// Options of `shipbench rates`.
#[derive(Debug, Clone, Args)]
pub struct RatesArgs {
    /// The order: its number as scanned ("#1001" or "1001") or its Shippo object id.
    pub order: String,
    /// The parcel's weight with its unit, e.g. 2.5lb, 40oz, 1.2kg (else the order's).
    #[arg(long, value_name = "WEIGHT")]
    pub weight: Option<String>,
    /// The parcel: a template name from the settings, or dimensions like 10x8x4in.
    #[arg(long, value_name = "TEMPLATE")]
    pub parcel: Option<String>,
    /// Rate rule to pick with (else the bench's rule): cheapest, fastest, within:DAYS, …
    #[arg(long, value_name = "NAME")]
    pub rule: Option<String>,
}

/// Reads `--weight`.
pub fn parse_weight(s: &str) -> anyhow::Result<scales::Weight> {
    let w: scales::Weight = s
        .parse()
        .map_err(|_| anyhow::anyhow!("'{s}' is not a weight: write the number and its unit, e.g. 2.5lb, 40oz, 1.2kg or 850g."))?;
    if !w.is_positive() {
        anyhow::bail!("The weight must be more than zero.");
    }
    Ok(w)
}

/// The weight, parcel and rule of the options, read against the bench's settings.
pub async fn options(
    session: &station::Session,
    weight: Option<&str>,
    parcel: Option<&str>,
    rule: Option<&str>,
) -> anyhow::Result<BuyOptions> {
    let weight = weight.map(parse_weight).transpose()?;
    let parcel = match parcel {
        Some(p) => {
            let settings = session.store().read_async(station::store::settings::effective).await?;
            Some(parse_parcel(p, &settings)?)
        }
        None => None,
    };
    let rule = rule.map(RatePick::parse).transpose().map_err(anyhow::Error::msg)?;
    Ok(BuyOptions { weight, parcel, rule, ..BuyOptions::default() })
}

pub(crate) async fn run(global: &GlobalOpts, args: RatesArgs) -> anyhow::Result<()> {
    let session = open::online(global).await?;
    let list = async {
        let opts = options(&session, args.weight.as_deref(), args.parcel.as_deref(), args.rule.as_deref()).await?;
        with_sync_retry(&session, global, || async { session.station().await?.rate_list(&args.order, &opts).await }).await
    }
    .await;
    session.close().await;
    let list = list?;
    output::print(global, &list, human);
    Ok(())
}

/// The rates as lines: the pick marked with `*`.
fn human(l: &RateList) -> String {
    let mut lines = vec![format!("Rates for order {} ({}, {}); the rule ({}) picks *:", l.order_number, l.weight, l.parcel, l.rule)];
    for r in &l.rates {
        lines.push(format!(
            "{} {:<36} {:>9} {:<8} {}  {}",
            if r.picked { "*" } else { " " },
            r.name,
            format!("{} {}", r.amount, r.currency),
            r.days.map(|d| format!("{d} day{}", if d == 1 { "" } else { "s" })).unwrap_or_else(|| "? days".into()),
            r.id,
            r.attributes.join(" "),
        ));
    }
    lines.push(format!("Buy one with `shipbench buy {} --rate ID`.", l.order_number));
    lines.join("\n")
}
