//! Buy & Print from the window: the bench's choices (rate, weight, parcel, address decision) in,
//! what really happened out (printed, queued or failed, tracking, price, weight).

use serde::{Deserialize, Serialize};
use station::printq::PrintStatus;
use station::workflow::bench_scale::WeightInput;
use station::workflow::card::{CardAddress, CardParcel};
use station::workflow::{AddressChoice, BuyOptions, BuyOutcome, Progress, ProgressSink, Step};
use station::StationError;
use tauri::{AppHandle, State};
use tauri_specta::Event;

use crate::state::AppState;
use crate::CommandError;

/// What a buy & print did, for the status line and the result panel.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct BuyResult {
    /// The order number.
    pub order_number: String,
    /// The label's tracking number.
    pub tracking_number: Option<String>,
    /// One sentence: what was bought, for how much, and where it printed.
    pub message: String,
    /// printed (the printer took it), queued (it prints when the printer is back), failed, or
    /// not_printed.
    pub print: String,
    /// Carrier and service.
    pub service: Option<String>,
    /// Price, e.g. "7.58 USD".
    pub price: Option<String>,
    /// The weight declared, e.g. "2.5 lb".
    pub weight: Option<String>,
    /// The stored label (for reprint).
    pub label_id: Option<u32>,
}

impl From<BuyOutcome> for BuyResult {
    fn from(o: BuyOutcome) -> BuyResult {
        let print = match o.print.as_ref().map(|p| &p.status) {
            Some(PrintStatus::Printed) => "printed",
            Some(PrintStatus::Queued) => "queued",
            Some(PrintStatus::Failed { .. }) => "failed",
            None => "not_printed",
        };
        BuyResult {
            order_number: o.order_label().to_owned(),
            message: o.sentence(),
            print: print.into(),
            service: o.service.clone(),
            price: o.price.clone(),
            weight: o.weight.clone(),
            label_id: o.label_id.and_then(|i| u32::try_from(i).ok()),
            tracking_number: o.tracking_number,
        }
    }
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

/// What the bench asks to buy.
#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct BuyRequest {
    /// The order (number as scanned, or object id).
    pub order: String,
    /// Buy one more label for an order that has one.
    pub another: bool,
    /// The operator's yes to the first LIVE purchase since start-up.
    pub confirm_live: bool,
    /// The rate picked on the card (none: the rule's pick).
    pub rate_id: Option<String>,
    /// The weight on the card (none: the order's kept edit or its own weight).
    pub weight: Option<WeightInput>,
    /// The parcel on the card.
    pub parcel: Option<CardParcel>,
    /// The operator's address decision. Without one the purchase stops on an address Shippo
    /// calls undeliverable: a refused address never reaches a purchase silently.
    pub address: Option<AddressChoice>,
    /// The address as the operator edited it.
    pub edited_address: Option<CardAddress>,
    /// The operator's "buy anyway" when the label printer did not answer before the purchase:
    /// the label waits in the print queue until the printer is back.
    #[serde(default)]
    pub print_when_back: bool,
    /// Warehouse mode, database down: the operator's "buy without the warehouse check" for this
    /// order (reported to the warehouse when it is back).
    #[serde(default)]
    pub without_warehouse: bool,
}

async fn run(app: AppHandle, state: State<'_, AppState>, req: BuyRequest) -> Result<BuyResult, CommandError> {
    let order = req.order.trim().to_owned();
    if order.is_empty() {
        return Err(StationError::NoOrderGiven.into());
    }
    let opts = BuyOptions {
        another: req.another,
        rate_id: req.rate_id.filter(|r| !r.trim().is_empty()),
        weight: req.weight.as_ref().map(WeightInput::weight).transpose()?,
        parcel: req.parcel.as_ref().map(CardParcel::template),
        address: req.address.unwrap_or(AddressChoice::StopIfInvalid),
        address_override: req.edited_address.as_ref().map(station::store::orders::Address::from),
        print_when_back: req.print_when_back,
        without_warehouse: req.without_warehouse,
        ..BuyOptions::default()
    };
    let lazy = state.session().await;
    let session = lazy.get().await?;
    session.confirm_live(req.confirm_live)?;
    let station = session.station().await?;
    let sink = ProgressSink::callback(move |p: Progress| {
        let _ = BuyProgress { order: p.order, step: p.step, message: p.message }.emit(&app);
    });
    let outcome = session.retry_after_sync(|| station.buy_and_print(&order, &opts, &sink), |_| {}).await?;
    Ok(outcome.into())
}

/// Buys the label for one order with the bench's rule and prints it (the orders list's button),
/// sending [`BuyProgress`] events. The purchase stops on an address Shippo calls undeliverable.
#[tauri::command]
#[specta::specta]
pub async fn buy_and_print(
    app: AppHandle,
    state: State<'_, AppState>,
    order: String,
    another: bool,
    confirm_live: bool,
) -> Result<BuyResult, CommandError> {
    let req = BuyRequest {
        order,
        another,
        confirm_live,
        rate_id: None,
        weight: None,
        parcel: None,
        address: None,
        edited_address: None,
        print_when_back: false,
        without_warehouse: false,
    };
    run(app, state, req).await
}

/// Buys what the bench chose on the order card (rate, weight, parcel, address decision) and
/// prints it, sending [`BuyProgress`] events.
#[tauri::command]
#[specta::specta]
pub async fn buy_order(app: AppHandle, state: State<'_, AppState>, request: BuyRequest) -> Result<BuyResult, CommandError> {
    run(app, state, request).await
}
