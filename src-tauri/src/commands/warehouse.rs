//! Warehouse mode in the window: how the shared database is (for the banner), and the operator's
//! per-order choice to buy without the warehouse check while it is down (the bench view offers it
//! when a buy fails with kind `warehouse_down`, and buys again with `BuyRequest::without_warehouse`).

use station::warehouse::LinkStatus;
use tauri::State;

use crate::state::AppState;
use crate::CommandError;

/// Whether this bench is in a warehouse and whether its database answers now (purchases made
/// without its check are reported when it does).
#[tauri::command]
#[specta::specta]
pub async fn warehouse_status(state: State<'_, AppState>) -> Result<LinkStatus, CommandError> {
    let lazy = state.session().await;
    let session = lazy.get().await?;
    let station = session.station().await?;
    Ok(station.warehouse_status().await?)
}
