//! Sync: brings the order cache up to date from Shippo.

use serde::{Deserialize, Serialize};
use station::sync::{sync_orders as run_sync, SyncOptions};
use tauri::{AppHandle, State};
use tauri_specta::Event;

use super::clamp;
use crate::state::AppState;
use crate::CommandError;

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

