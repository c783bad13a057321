//! Warehouse mode in the window: how the shared database is (for the banner), and the operator's
//! per-order choice to buy without the warehouse check while it is down (the bench view offers it
//! when a buy fails with kind `warehouse_down`, and buys again with `BuyRequest::without_warehouse`).
//! Settings > Warehouse connects the bench (URL, password to the OS keyring, bench name) and
//! chooses the settings profile it follows; the Labels view lists every bench's labels.

use serde::Serialize;
use station::warehouse::{link, LinkStatus, ProfileInfo};
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

/// Connects this bench to the warehouse's PostgreSQL at `url` as bench `bench` (the password, if
/// given, goes to the OS keyring; the URL is kept without it). Nothing is stored when the server
/// cannot be reached. The bench then works in the warehouse at once (a new session opens).
#[tauri::command]
#[specta::specta]
pub async fn warehouse_connect(
    state: State<'_, AppState>,
    url: String,
    password: Option<String>,
    bench: String,
) -> Result<LinkStatus, CommandError> {
    {
        let lazy = state.session().await;
        let session = lazy.get().await?;
        link::connect(session.store(), &url, password.filter(|p| !p.is_empty()), &bench).await?;
    }
    reopen(&state).await?;
    warehouse_status(state).await
}

/// A new session, so the station opens with (or without) the warehouse link; its print worker
/// runs as the first session's did.
async fn reopen(state: &State<'_, AppState>) -> Result<(), CommandError> {
    state.restart().await;
    let lazy = state.session().await;
    lazy.get().await?.start_print_worker().await?;
    Ok(())
}

/// Disconnects this bench from the warehouse: it works alone again, with its own settings.
#[tauri::command]
#[specta::specta]
pub async fn warehouse_disconnect(state: State<'_, AppState>) -> Result<LinkStatus, CommandError> {
    {
        let lazy = state.session().await;
        link::disconnect(lazy.get().await?.store()).await?;
    }
    reopen(&state).await?;
    warehouse_status(state).await
}

/// The warehouse's settings profiles, the one this bench follows marked.
#[tauri::command]
#[specta::specta]
pub async fn warehouse_profiles(state: State<'_, AppState>) -> Result<Vec<ProfileInfo>, CommandError> {
    let lazy = state.session().await;
    Ok(lazy.get().await?.station().await?.warehouse_profiles().await?)
}

/// Publishes this bench's senders, rate rule and parcel as profile `name`.
#[tauri::command]
#[specta::specta]
pub async fn warehouse_profile_save(state: State<'_, AppState>, name: String) -> Result<ProfileInfo, CommandError> {
    let lazy = state.session().await;
    Ok(lazy.get().await?.station().await?.warehouse_profile_save(&name).await?)
}

/// This bench follows profile `name`: it buys with its senders, rate rule and parcel.
#[tauri::command]
#[specta::specta]
pub async fn warehouse_profile_use(state: State<'_, AppState>, name: String) -> Result<ProfileInfo, CommandError> {
    let lazy = state.session().await;
    Ok(lazy.get().await?.station().await?.warehouse_profile_use(&name).await?)
}

/// This bench stops following its profile (its own settings again); the profile it followed.
#[tauri::command]
#[specta::specta]
pub async fn warehouse_profile_leave(state: State<'_, AppState>) -> Result<Option<ProfileInfo>, CommandError> {
    let lazy = state.session().await;
    Ok(lazy.get().await?.station().await?.warehouse_profile_leave().await?)
}

/// One label of any bench of the warehouse, as the Labels view lists it.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct WarehouseLabel {
    /// The Shippo transaction.
    pub transaction_id: String,
    /// The order number (else its id).
    pub order: String,
    /// The bench that bought it.
    pub bench: String,
    /// Tracking number.
    pub tracking_number: Option<String>,
    /// Carrier and service.
    pub service: Option<String>,
    /// Price.
    pub price: Option<String>,
    /// Shippo's status (SUCCESS, REFUNDED…).
    pub status: String,
    /// Bought without the warehouse check (the server was down).
    pub unchecked: bool,
    /// When (RFC 3339).
    pub bought_at: String,
}

/// The latest labels of every bench of the warehouse, newest first (empty for a single bench).
#[tauri::command]
#[specta::specta]
pub async fn warehouse_labels(state: State<'_, AppState>, limit: u32) -> Result<Vec<WarehouseLabel>, CommandError> {
    let lazy = state.session().await;
    let labels = lazy.get().await?.station().await?.warehouse_labels(i64::from(limit.clamp(1, 1000))).await?;
    Ok(labels
        .into_iter()
        .map(|l| WarehouseLabel {
            order: l.order_number.clone().unwrap_or_else(|| l.order_id.clone()),
            transaction_id: l.transaction_id,
            bench: l.bench,
            tracking_number: l.tracking_number,
            service: l.service,
            price: l.price,
            status: l.status,
            unchecked: l.unchecked,
            bought_at: l.bought_at.to_rfc3339(),
        })
        .collect())
}
