//! "Show logs": the folder of the rotating log file, opened with the OS file manager.

use tauri::{AppHandle, Manager};
use tauri_plugin_opener::OpenerExt;

use station::ErrorKind;

use crate::CommandError;

/// Opens the log folder in the OS file manager and returns its path (the window shows it, so the
/// operator can find the folder when no file manager opens).
#[tauri::command]
#[specta::specta]
pub fn show_logs(app: AppHandle) -> Result<String, CommandError> {
    let dir = app
        .path()
        .app_log_dir()
        .map_err(|e| CommandError { kind: ErrorKind::Internal, message: format!("The log folder is unknown on this system: {e}.") })?;
    let shown = dir.display().to_string();
    if let Err(e) = std::fs::create_dir_all(&dir) {
        return Err(CommandError { kind: ErrorKind::Io, message: format!("The log folder {shown} could not be created: {e}.") });
    }
    if let Err(e) = app.opener().open_path(shown.clone(), None::<&str>) {
        tracing::warn!("could not open the log folder {shown}: {e}");
    }
    Ok(shown)
}
