//! Sync: brings the order cache up to date from Shippo; cancel, full resync, last sync time and
//! whether Shippo can be reached.

use std::sync::Mutex;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use station::store::{orders, sync_state};
use station::sync::{sync_orders as run_sync, SyncKind, SyncOptions};
use tauri::{AppHandle, State};
use tauri_specta::Event;
use tokio::sync::oneshot;

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

/// What the header shows about the cache and the sync.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct SyncInfo {
    /// When the last sync finished (ISO-8601), None before the first one.
    pub last_sync_at: Option<String>,
    /// Orders in the cache.
    pub cached_orders: u32,
    /// True while a sync runs in this window.
    pub running: bool,
}

/// The running sync's stop button: sending on it drops the sync (which resumes next time).
static CANCEL: Mutex<Option<oneshot::Sender<()>>> = Mutex::new(None);

/// Brings the order cache up to date from Shippo (the first time in full, then what changed),
/// sending [`SyncProgress`] events. Returns one sentence for the status line.
#[tauri::command]
#[specta::specta]
pub async fn sync_orders(app: AppHandle, state: State<'_, AppState>) -> Result<String, CommandError> {
    run(app, state, SyncKind::Auto).await
}

/// Like [`sync_orders`]; `full` reads every order again (a full resync). Cancellable with
/// [`cancel_sync`].
#[tauri::command]
#[specta::specta]
pub async fn start_sync(app: AppHandle, state: State<'_, AppState>, full: bool) -> Result<String, CommandError> {
    run(app, state, if full { SyncKind::Full } else { SyncKind::Auto }).await
}

async fn run(app: AppHandle, state: State<'_, AppState>, kind: SyncKind) -> Result<String, CommandError> {
    let lazy = state.session().await;
    let station = lazy.get().await?.station().await?;
    let (tx, rx) = oneshot::channel();
    if let Some(old) = CANCEL.lock().expect("sync cancel lock").replace(tx) {
        let _ = old.send(()); // one sync at a time: a new one replaces the old (which resumes in it)
    }
    let opts = SyncOptions { kind, ..SyncOptions::default() };
    let sync = run_sync(station.client(), station.store(), &opts, move |p| {
        if let Some(message) = p.sentence() {
            let _ = SyncProgress { message, done: clamp(p.done), total: clamp(p.total) }.emit(&app);
        }
    });
    let result = tokio::select! {
        r = sync => Some(r),
        _ = rx => None,
    };
    CANCEL.lock().expect("sync cancel lock").take();
    match result {
        Some(r) => Ok(r?.sentence()),
        None => Ok("Sync cancelled; the next sync goes on where this one stopped.".to_owned()),
    }
}

/// Stops the running sync (what it stored stays; the next sync resumes). False when none ran.
#[tauri::command]
#[specta::specta]
pub async fn cancel_sync() -> Result<bool, CommandError> {
    let tx = CANCEL.lock().expect("sync cancel lock").take();
    Ok(tx.map(|tx| tx.send(()).is_ok()).unwrap_or(false))
}

/// The last successful sync time and the cache's size (local only: works offline).
#[tauri::command]
#[specta::specta]
pub async fn sync_info(state: State<'_, AppState>) -> Result<SyncInfo, CommandError> {
    let lazy = state.session().await;
    let session = lazy.get().await?;
    let (s, n) = session.store().read_async(|c| Ok((sync_state::orders(c)?, orders::count(c)?))).await?;
    let running = CANCEL.lock().expect("sync cancel lock").is_some();
    Ok(SyncInfo { last_sync_at: s.last_completed_at, cached_orders: clamp(n), running })
}

/// Whether Shippo answers now: one small request (a page of one order) with a short timeout.
/// False when it cannot be reached; other errors (a refused token) count as reached.
#[tauri::command]
#[specta::specta]
pub async fn probe_shippo(state: State<'_, AppState>) -> Result<bool, CommandError> {
    let lazy = state.session().await;
    let station = match lazy.get().await?.station().await {
        Ok(s) => s,
        Err(_) => return Ok(false),
    };
    let params = shippo::api::orders::OrderListParams { results: Some(1), ..Default::default() };
    let orders_api = station.client().orders();
    let call = orders_api.list(&params);
    match tokio::time::timeout(Duration::from_secs(4), call).await {
        Ok(Ok(_)) => Ok(true),
        Ok(Err(e)) => Ok(!matches!(
            e,
            shippo::error::Error::Unreachable { .. } | shippo::error::Error::AnswerLost { .. } | shippo::error::Error::Timeout { .. }
        )),
        Err(_) => Ok(false),
    }
}
