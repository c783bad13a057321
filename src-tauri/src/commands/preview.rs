//! The demo's virtual printer: the newest label as a picture.

use serde::Serialize;
use tauri::State;

use crate::state::AppState;
use crate::CommandError;

/// A label the demo's virtual printer "printed".
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct PrintedLabel {
    /// The job's file name (its UTC time stamp).
    pub job: String,
    /// The picture of what a real printer would have printed, as a `data:image/png` URL.
    pub png_data_url: String,
}

/// The newest label the virtual printer printed (demo mode), for the preview beside the list;
/// `None` when nothing was printed yet or the bench prints on real printers.
#[tauri::command]
#[specta::specta]
pub async fn last_printed_label(state: State<'_, AppState>) -> Result<Option<PrintedLabel>, CommandError> {
    use base64::Engine as _;
    let lazy = state.session().await;
    let dir = lazy.get().await?.virtual_printer_dir();
    let newest = tokio::task::spawn_blocking(move || {
        let entries = std::fs::read_dir(&dir).ok()?;
        let newest = entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            // The demo label printer takes ZPL; the document printer's PDFs are not labels.
            .filter(|p| p.to_string_lossy().ends_with(".zpl.preview.png"))
            .max()?;
        let png = std::fs::read(&newest).ok()?;
        Some((newest, png))
    })
    .await
    .ok()
    .flatten();
    Ok(newest.map(|(path, png)| PrintedLabel {
        job: path.file_name().map(|n| n.to_string_lossy().trim_end_matches(".preview.png").to_owned()).unwrap_or_default(),
        png_data_url: format!("data:image/png;base64,{}", base64::engine::general_purpose::STANDARD.encode(png)),
    }))
}
