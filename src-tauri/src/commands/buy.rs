//! Buy & Print from the window.

use serde::{Deserialize, Serialize};
use station::workflow::{BuyOptions, Progress, ProgressSink, Step};
use station::StationError;
use tauri::{AppHandle, State};
use tauri_specta::Event;

use crate::state::AppState;
use crate::CommandError;

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

