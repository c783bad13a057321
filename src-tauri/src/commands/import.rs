//! Import orders from a CSV file chosen in the native file dialog.

use serde::Serialize;
use tauri::State;

use crate::state::AppState;
use crate::CommandError;

/// A line of the file that was not imported, and why.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ImportLineError {
    /// The line in the file (the header is line 1).
    pub line: u32,
    /// The order number on that line, if it had one.
    pub order_number: Option<String>,
    /// Why, in words the operator can act on.
    pub reason: String,
}

/// What an import did.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ImportResult {
    /// Order numbers created at Shippo and cached.
    pub imported: Vec<String>,
    /// Lines not imported (an order with a bad line is not imported at all).
    pub errors: Vec<ImportLineError>,
    /// One sentence for the operator.
    pub message: String,
}

/// Imports the orders in the CSV file at `path`: each good order is created at Shippo and cached;
/// an order with a bad line is not imported at all, and a file that is not well formed is refused
/// whole before anything is sent.
#[tauri::command]
#[specta::specta]
pub async fn import_orders_csv(state: State<'_, AppState>, path: String) -> Result<ImportResult, CommandError> {
    let lazy = state.session().await;
    let station = lazy.get().await?.station().await?;
    let report = station::import::import_csv(station.client(), station.store(), std::path::Path::new(&path), |_| {}).await?;
    let imported: Vec<String> = report.imported.iter().map(|o| o.order_number.clone()).collect();
    let errors: Vec<ImportLineError> = report
        .errors
        .iter()
        .map(|e| ImportLineError {
            line: u32::try_from(e.line).unwrap_or(u32::MAX),
            order_number: e.order_number.clone(),
            reason: e.reason.clone(),
        })
        .collect();
    let message = match (imported.len(), errors.len()) {
        (n, 0) => format!("{n} orders imported."),
        (n, e) => format!("{n} orders imported; {e} lines not imported (see below)."),
    };
    Ok(ImportResult { imported, errors, message })
}
