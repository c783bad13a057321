//! `shipbench orders …`: offline review of the order cache, and creating orders from CSV.
//!
//! * `shipbench orders [QUERY] [--status S]… [--country CC] [--label has|awaiting] [--since D]
//!   [--until D] [--sort newest|oldest|number|name|relevance] [--limit N] [--offset N]`
//! * `shipbench orders show <ID-OR-NUMBER>`
//! * `shipbench orders import FILE.csv` (columns: see `station::import::csv`)

use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, Subcommand, ValueEnum};
use station::import::{import_csv, ImportReport};
use station::store::orders::OrderStatus;
use station::store::search::{self, LabelFilter, OrderDetail, OrderPage, OrderQuery, OrderSort};

use crate::{open, output, GlobalOpts};

/// `shipbench orders`: list/search, or a subcommand.
#[derive(Debug, Clone, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct OrdersArgs {
    /// `show` or `import`; without one, lists orders.
    #[command(subcommand)]
    pub action: Option<OrdersAction>,
    /// Search and filters for the list.
    #[command(flatten)]
    pub list: ListArgs,
}

/// Subcommands of `shipbench orders`.
#[derive(Debug, Clone, Subcommand)]
pub enum OrdersAction {
    /// Shows one order: items, addresses, weight, labels and tracking.
    Show {
        /// Shippo object id or order number (`#1068` or `1068`).
        id_or_number: String,
    },
    /// Creates orders at Shippo from a CSV file (one row per item) and caches them.
    ///
    /// Required columns: order_number, name, street1, city, zip, country (ISO-2), title,
    /// quantity, weight. Optional: placed_at, company, street2, state, phone, email,
    /// shipping_method, notes, sku, weight_unit (g|kg|lb|oz, default lb), price, currency.
    /// Rows with the same order_number form one order with several items.
    Import {
        /// The CSV file.
        file: PathBuf,
    },
}

/// Label filter on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LabelArg {
    /// Orders with a label.
    Has,
    /// Orders still to ship.
    Awaiting,
}

/// Sort order on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SortArg {
    /// Newest first.
    Newest,
    /// Oldest first.
    Oldest,
    /// By order number.
    Number,
    /// By recipient name.
    Name,
    /// Best text match first.
    Relevance,
}

/// Search and filters of `shipbench orders`.
#[derive(Debug, Clone, Args)]
pub struct ListArgs {
    /// Text to search (order number, name, email, city, postcode, SKU, item, tracking number).
    pub query: Option<String>,
    /// Only these statuses (PAID, SHIPPED, AWAITPAY, …); repeat for several.
    #[arg(long = "status", value_name = "STATUS")]
    pub statuses: Vec<String>,
    /// Only orders shipping to this country (ISO-2).
    #[arg(long)]
    pub country: Option<String>,
    /// Only orders with a label, or only those awaiting shipment.
    #[arg(long, value_enum)]
    pub label: Option<LabelArg>,
    /// Placed on or after this date (2026-11-01 or an ISO-8601 time).
    #[arg(long)]
    pub since: Option<String>,
    /// Placed before this date.
    #[arg(long)]
    pub until: Option<String>,
    /// Sort order.
    #[arg(long, value_enum, default_value = "newest")]
    pub sort: SortArg,
    /// How many orders to show.
    #[arg(long, default_value_t = 25)]
    pub limit: u32,
    /// How many to skip (paging).
    #[arg(long, default_value_t = 0)]
    pub offset: u32,
}

pub(crate) async fn run(global: &GlobalOpts, args: OrdersArgs) -> anyhow::Result<()> {
    match args.action {
        None => list(global, args.list).await,
        Some(OrdersAction::Show { id_or_number }) => show(global, &id_or_number).await,
        Some(OrdersAction::Import { file }) => import(global, &file).await,
    }
}

fn query_of(args: ListArgs) -> anyhow::Result<OrderQuery> {
    let mut statuses = Vec::new();
    for s in &args.statuses {
        let st = OrderStatus::parse(s);
        if st == OrderStatus::Unknown && !s.eq_ignore_ascii_case("unknown") {
            anyhow::bail!(
                "'{s}' is not an order status; use one of {}",
                OrderStatus::ALL.map(|s| s.as_str()).join(", ")
            );
        }
        statuses.push(st);
    }
    Ok(OrderQuery {
        text: args.query,
        statuses,
        country: args.country,
        placed_from: args.since,
        placed_to: args.until,
        label: args.label.map(|l| match l {
            LabelArg::Has => LabelFilter::HasLabel,
            LabelArg::Awaiting => LabelFilter::AwaitingShipment,
        }),
        sort: match args.sort {
            SortArg::Newest => OrderSort::Newest,
            SortArg::Oldest => OrderSort::Oldest,
            SortArg::Number => OrderSort::OrderNumber,
            SortArg::Name => OrderSort::Name,
            SortArg::Relevance => OrderSort::Relevance,
        },
        limit: Some(args.limit),
        offset: args.offset,
    })
}

async fn list(global: &GlobalOpts, args: ListArgs) -> anyhow::Result<()> {
    let query = query_of(args)?;
    let session = open::offline(global).await?;
    let page = session.store().read_async(move |c| search::search(c, &query)).await?;
    output::print(global, &page, human_page);
    Ok(())
}

fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn human_page(p: &OrderPage) -> String {
    if p.orders.is_empty() {
        return "No orders match. (Run `shipbench sync` to fill the cache.)".to_owned();
    }
    let mut out = format!(
        "{:<12} {:<10} {:<19} {:<22} {:<16} {:<2} {:>5} {}\n",
        "NUMBER", "STATUS", "PLACED", "NAME", "CITY", "CC", "ITEMS", "TRACKING"
    );
    for o in &p.orders {
        out.push_str(&format!(
            "{:<12} {:<10} {:<19} {:<22} {:<16} {:<2} {:>5} {}\n",
            cut(o.order_number.as_deref().unwrap_or("-"), 12),
            cut(o.status.as_str(), 10),
            o.placed_at.get(..16).unwrap_or(&o.placed_at).replace('T', " "),
            cut(o.name.as_deref().unwrap_or("-"), 22),
            cut(o.city.as_deref().unwrap_or("-"), 16),
            o.country.as_deref().unwrap_or("-"),
            o.items,
            o.tracking_number.as_deref().unwrap_or(if o.has_label { "(label)" } else { "" }),
        ));
    }
    out.push_str(&format!("{} of {} orders", p.orders.len(), p.total));
    out
}

async fn show(global: &GlobalOpts, id: &str) -> anyhow::Result<()> {
    let session = open::offline(global).await?;
    let key = id.to_owned();
    let detail = session
        .store()
        .read_async(move |c| search::detail(c, &key))
        .await?
        .with_context(|| format!("no order '{id}' in the local cache (run `shipbench sync`?)"))?;
    output::print(global, &detail, human_detail);
    Ok(())
}

fn human_detail(d: &OrderDetail) -> String {
    let o = &d.order;
    let a = &o.to_address;
    let mut out = format!(
        "Order {}  [{}]  placed {}\nShippo id: {}\n",
        o.order_number.as_deref().unwrap_or("-"),
        o.status,
        o.placed_at,
        o.object_id
    );
    let line = |v: &[&Option<String>]| v.iter().filter_map(|s| s.as_deref()).collect::<Vec<_>>().join(" ");
    out.push_str(&format!(
        "Ship to:   {}\n           {}\n           {} {}\n",
        line(&[&a.name, &a.company]),
        line(&[&a.street1, &a.street2, &a.street3]),
        line(&[&a.zip, &a.city, &a.state]),
        a.country
    ));
    if let Some(e) = &a.email {
        out.push_str(&format!("           {e}\n"));
    }
    out.push_str("Items:\n");
    for it in &o.line_items {
        out.push_str(&format!(
            "  {:>3} x {:<30} {:<12} {} {}\n",
            it.quantity,
            cut(it.title.as_deref().unwrap_or("-"), 30),
            it.sku.as_deref().unwrap_or(""),
            it.weight.as_deref().unwrap_or(""),
            it.weight_unit.as_deref().unwrap_or("")
        ));
    }
    if let Some((w, u)) = &d.total_weight {
        out.push_str(&format!("Weight:    {w} {u}\n"));
    }
    if d.transactions.is_empty() {
        out.push_str("Labels:    none");
    } else {
        out.push_str("Labels:\n");
        for t in &d.transactions {
            out.push_str(&format!(
                "  {} {} {} {}\n",
                t.status,
                t.tracking_number.as_deref().unwrap_or("-"),
                t.tracking_status.as_deref().unwrap_or(""),
                t.label_file_type.as_deref().unwrap_or("")
            ));
        }
        out.truncate(out.trim_end().len());
    }
    out
}

async fn import(global: &GlobalOpts, file: &std::path::Path) -> anyhow::Result<()> {
    let session = open::online(global).await?;
    let result = import_csv(session.client().await?, session.store(), file, |_| {}).await;
    session.close().await;
    let report = result?;
    output::print(global, &report, human_import);
    if report.imported.is_empty() && !report.errors.is_empty() {
        anyhow::bail!("no order was imported");
    }
    Ok(())
}

fn human_import(r: &ImportReport) -> String {
    let mut out = format!("Imported {} order(s).", r.imported.len());
    for o in &r.imported {
        out.push_str(&format!("\n  {} -> {}", o.order_number, o.object_id));
    }
    if !r.errors.is_empty() {
        out.push_str(&format!("\n{} row(s) not imported:", r.errors.len()));
        for e in &r.errors {
            out.push_str(&format!("\n  line {}: {}", e.line, e.reason));
        }
    }
    out
}
