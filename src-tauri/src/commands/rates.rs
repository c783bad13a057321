//! Rates before money: the rates for one order with the bench's weight and parcel, and the rule's
//! pick. Nothing is bought.

use station::workflow::card::{CardParcel, RateList};
use station::workflow::bench_scale::WeightInput;
use station::workflow::BuyOptions;
use tauri::State;

use crate::state::AppState;
use crate::CommandError;

/// The rates for one order (weight and parcel as on the card) and the rule's pick.
#[tauri::command]
#[specta::specta]
pub async fn get_rates(
    state: State<'_, AppState>,
    order: String,
    weight: Option<WeightInput>,
    parcel: Option<CardParcel>,
) -> Result<RateList, CommandError> {
    let opts = BuyOptions {
        weight: weight.as_ref().map(WeightInput::weight).transpose()?,
        parcel: parcel.as_ref().map(CardParcel::template),
        ..BuyOptions::default()
    };
    let lazy = state.session().await;
    let session = lazy.get().await?;
    let station = session.station().await?;
    let order = order.trim().to_owned();
    Ok(session.retry_after_sync(|| station.rate_list(&order, &opts), |_| {}).await?)
}
