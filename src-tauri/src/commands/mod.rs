//! Tauri commands: thin forwards to the station, one file per part of the window. Each command
//! is registered in `crate::specta_builder`.

pub mod batch;
pub mod buy;
pub mod card;
pub mod day;
pub mod import;
pub mod jobs;
pub mod labels;
pub mod logs;
pub mod orders;
pub mod preview;
pub mod printers;
pub mod rates;
pub mod ready;
pub mod scale;
pub mod settings;
pub mod startup;
pub mod sync;
pub mod warehouse;

use serde::Serialize;
use station::account::Mode;
use tauri::State;

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

pub(crate) fn clamp(n: u64) -> u32 {
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

