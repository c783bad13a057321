//! The bench's order card: what the operator sees for one order, the address check before money,
//! and the weight/parcel edits kept for the order.

use station::workflow::bench_scale::WeightInput;
use station::workflow::card::{AddressReport, CardAddress, CardParcel, OrderCard};
use station::store::settings::{self, BenchPrefs};
use station::StationError;
use tauri::State;

use crate::state::AppState;
use crate::CommandError;

/// The card of one order (its number as scanned, or its object id). Reads only the cache; an
/// order not cached yet is synced once.
#[tauri::command]
#[specta::specta]
pub async fn order_card(state: State<'_, AppState>, order: String) -> Result<OrderCard, CommandError> {
    let order = order.trim().to_owned();
    if order.is_empty() {
        return Err(StationError::NoOrderGiven.into());
    }
    let lazy = state.session().await;
    let session = lazy.get().await?;
    let station = session.station().await?;
    Ok(session.retry_after_sync(|| station.order_card(&order), |_| {}).await?)
}

/// Shippo's check of the order's address (or the operator's edit of it), before buying.
#[tauri::command]
#[specta::specta]
pub async fn check_address(state: State<'_, AppState>, order: String, edited: Option<CardAddress>) -> Result<AddressReport, CommandError> {
    let lazy = state.session().await;
    let session = lazy.get().await?;
    let station = session.station().await?;
    let edited = edited.as_ref().map(station::store::orders::Address::from);
    Ok(station.check_address(order.trim(), edited.as_ref()).await?)
}

/// Keeps the operator's weight and/or parcel for an order.
#[tauri::command]
#[specta::specta]
pub async fn save_order_edits(
    state: State<'_, AppState>,
    order: String,
    weight: Option<WeightInput>,
    parcel: Option<CardParcel>,
) -> Result<(), CommandError> {
    let weight = weight.as_ref().map(WeightInput::weight).transpose()?;
    let lazy = state.session().await;
    let session = lazy.get().await?;
    let station = session.station().await?;
    Ok(station.save_order_edits(order.trim(), weight, parcel.as_ref().map(CardParcel::template)).await?)
}

/// How the bench behaves (sounds, auto mode, default weight), for the bench view.
#[tauri::command]
#[specta::specta]
pub async fn bench_prefs(state: State<'_, AppState>) -> Result<BenchPrefs, CommandError> {
    let lazy = state.session().await;
    let session = lazy.get().await?;
    Ok(session.store().read_async(settings::load).await?.bench)
}

/// Turns auto mode on or off (a scan buys at once with the rule's pick, on a stable weight).
#[tauri::command]
#[specta::specta]
pub async fn set_auto_buy(state: State<'_, AppState>, on: bool) -> Result<BenchPrefs, CommandError> {
    let lazy = state.session().await;
    let session = lazy.get().await?;
    Ok(session
        .store()
        .write_async(move |tx| {
            let mut prefs = settings::load(tx)?.bench;
            prefs.auto_buy = on;
            settings::put(tx, settings::BENCH, &prefs)?;
            Ok(prefs)
        })
        .await?)
}
