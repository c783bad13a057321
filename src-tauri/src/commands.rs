//! Tauri commands: thin forwards to the station, one per thing the UI asks.

use serde::{Deserialize, Serialize};
use station::account::Mode;
use station::store::search::{self, LabelFilter, OrderQuery, OrderSummary};
use station::sync::{sync_orders as run_sync, SyncOptions};
use station::workflow::{BuyOptions, Progress, ProgressSink, Step};
use station::{OpenReport, StationError};
use tauri::{AppHandle, State};
use tauri_specta::Event;

use crate::state::AppState;
use crate::CommandError;

/// What the window shows in its header.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct AppInfo {
    /// "Shipbench".
    pub name: String,
    /// The app version.
    pub version: String,
    /// DEMO, TEST or LIVE.
    pub mode: Mode,
}

/// What the orders list asks for.
#[derive(Debug, Clone, Default, Deserialize, specta::Type)]
pub struct OrderSearch {
    /// Free text: order number, name, email, city, postcode, SKU, item, tracking number
    /// (every word matches as a prefix, for type-ahead and scanners).
    pub text: String,
    /// Only orders still to ship (no label, not shipped or cancelled).
    pub awaiting_only: bool,
}

/// One row of the orders list.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct OrderRow {
    /// Shippo's object id.
    pub id: String,
    /// The shop's order number (what a scanner reads).
    pub order_number: String,
    /// The recipient's name.
    pub recipient: String,
    /// City and country, e.g. "Portland, US".
    pub destination: String,
    /// Shippo's order status, e.g. PAID or SHIPPED.
    pub status: String,
    /// When the order was placed (ISO-8601).
    pub placed_at: String,
    /// The newest label's tracking number, when the order has a label.
    pub tracking_number: Option<String>,
    /// True when a label was bought.
    pub has_label: bool,
}

impl From<OrderSummary> for OrderRow {
    fn from(o: OrderSummary) -> OrderRow {
        let destination = [o.city, o.country].into_iter().flatten().collect::<Vec<_>>().join(", ");
        OrderRow {
            order_number: o.order_number.unwrap_or_else(|| o.object_id.clone()),
            id: o.object_id,
            recipient: o.name.unwrap_or_default(),
            destination,
            status: o.status.as_str().to_owned(),
            placed_at: o.placed_at,
            tracking_number: o.tracking_number,
            has_label: o.has_label,
        }
    }
}

/// A page of the orders list.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct OrderList {
    /// How many orders match (counted up to 1000).
    pub total: u32,
    /// False when there are at least `total`.
    pub total_is_exact: bool,
    /// The newest matches.
    pub orders: Vec<OrderRow>,
}

/// What a buy & print did, for the status line.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct BuyResult {
    /// The order number.
    pub order_number: String,
    /// The label's tracking number.
    pub tracking_number: Option<String>,
    /// One sentence: what was bought, for how much, and where it printed.
    pub message: String,
}

/// A buy & print step, sent to the window while the purchase runs.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct BuyProgress {
    /// The order (number when known).
    pub order: String,
    /// The step.
    pub step: Step,
    /// A sentence for the operator.
    pub message: String,
}

/// Sync progress, sent to the window while orders are read from Shippo.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct SyncProgress {
    /// The station's line for the status bar: how far the sync is, or why it waits ("Waiting for
    /// Shippo's rate limit, resuming in 42 s.").
    pub message: String,
    /// Items stored so far.
    pub done: u32,
    /// Items expected (an estimate until the last page of orders).
    pub total: u32,
}

fn clamp(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The app's name, version and mode.
#[tauri::command]
#[specta::specta]
pub async fn app_info(state: State<'_, AppState>) -> Result<AppInfo, CommandError> {
    let lazy = state.session().await;
    let session = lazy.get().await?;
    Ok(AppInfo { name: "Shipbench".into(), version: env!("CARGO_PKG_VERSION").into(), mode: session.mode() })
}

/// The cached orders matching `search`, newest first. Reads only the local cache: works offline.
#[tauri::command]
#[specta::specta]
pub async fn list_orders(state: State<'_, AppState>, search: OrderSearch) -> Result<OrderList, CommandError> {
    let lazy = state.session().await;
    let session = lazy.get().await?;
    let text = search.text.trim();
    let query = OrderQuery {
        text: (!text.is_empty()).then(|| text.to_owned()),
        label: search.awaiting_only.then_some(LabelFilter::AwaitingShipment),
        limit: Some(200),
        ..OrderQuery::default()
    };
    let page = session.store().read_async(move |c| search::search(c, &query)).await?;
    Ok(OrderList {
        total: clamp(page.total),
        total_is_exact: page.total_is_exact,
        orders: page.orders.into_iter().map(OrderRow::from).collect(),
    })
}

/// Brings the order cache up to date from Shippo (the first time in full, then what changed),
/// sending [`SyncProgress`] events. Returns one sentence for the status line.
#[tauri::command]
#[specta::specta]
pub async fn sync_orders(app: AppHandle, state: State<'_, AppState>) -> Result<String, CommandError> {
    let lazy = state.session().await;
    let station = lazy.get().await?.station().await?;
    let report = run_sync(station.client(), station.store(), &SyncOptions::default(), move |p| {
        if let Some(message) = p.sentence() {
            let _ = SyncProgress { message, done: clamp(p.done), total: clamp(p.total) }.emit(&app);
        }
    })
    .await?;
    Ok(report.sentence())
}

/// Buys the label for one order (its number as scanned, or its object id) with the bench's rule and
/// prints it, sending [`BuyProgress`] events. `another` buys one more label for an order that has
/// one; `confirm_live` is the operator's yes to the first LIVE purchase since start-up.
#[tauri::command]
#[specta::specta]
pub async fn buy_and_print(
    app: AppHandle,
    state: State<'_, AppState>,
    order: String,
    another: bool,
    confirm_live: bool,
) -> Result<BuyResult, CommandError> {
    let order = order.trim().to_owned();
    if order.is_empty() {
        return Err(StationError::NoOrderGiven.into());
    }
    let lazy = state.session().await;
    let session = lazy.get().await?;
    session.confirm_live(confirm_live)?;
    let station = session.station().await?;
    let sink = ProgressSink::callback(move |p: Progress| {
        let _ = BuyProgress { order: p.order, step: p.step, message: p.message }.emit(&app);
    });
    let opts = BuyOptions { another, ..BuyOptions::default() };
    let outcome = session.retry_after_sync(|| station.buy_and_print(&order, &opts, &sink), |_| {}).await?;
    Ok(BuyResult {
        order_number: outcome.order_label().to_owned(),
        message: outcome.sentence(),
        tracking_number: outcome.tracking_number,
    })
}

/// What opening the bench found: purchases settled and print jobs interrupted at start-up (and
/// notes such as an unreadable keyring). Opens the station when it is not open yet; the window
/// asks once at start and shows the report as a banner when it is not empty.
#[tauri::command]
#[specta::specta]
pub async fn open_report(state: State<'_, AppState>) -> Result<StartupReport, CommandError> {
    let lazy = state.session().await;
    let session = lazy.get().await?;
    let report = session.open_report().await?;
    // While the window is open, labels a printer did not take are retried and spooler jobs
    // followed to completion.
    session.start_print_worker().await?;
    Ok(StartupReport { sentences: report.sentences(), report })
}

/// What opening the bench found, with the station's sentences for it (empty: nothing to tell).
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct StartupReport {
    /// The figures.
    pub report: OpenReport,
    /// One sentence per finding, as the CLI prints them.
    pub sentences: Vec<String>,
}

/// A label the demo's virtual printer "printed".
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct PrintedLabel {
    /// The job's file name (its UTC time stamp).
    pub job: String,
    /// The picture of what a real printer would have printed, as a `data:image/png` URL.
    pub png_data_url: String,
}

/// The newest label the virtual printer printed (demo mode), for the preview beside the list;
/// `None` when nothing was printed yet or the bench prints on real printers.
#[tauri::command]
#[specta::specta]
pub async fn last_printed_label(state: State<'_, AppState>) -> Result<Option<PrintedLabel>, CommandError> {
    use base64::Engine as _;
    let lazy = state.session().await;
    let dir = lazy.get().await?.virtual_printer_dir();
    let newest = tokio::task::spawn_blocking(move || {
        let entries = std::fs::read_dir(&dir).ok()?;
        let newest = entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            // The demo label printer takes ZPL; the document printer's PDFs are not labels.
            .filter(|p| p.to_string_lossy().ends_with(".zpl.preview.png"))
            .max()?;
        let png = std::fs::read(&newest).ok()?;
        Some((newest, png))
    })
    .await
    .ok()
    .flatten();
    Ok(newest.map(|(path, png)| PrintedLabel {
        job: path.file_name().map(|n| n.to_string_lossy().trim_end_matches(".preview.png").to_owned()).unwrap_or_default(),
        png_data_url: format!("data:image/png;base64,{}", base64::engine::general_purpose::STANDARD.encode(png)),
    }))
}
