//! What opening the bench found.

use serde::Serialize;
use station::OpenReport;
use tauri::State;

use crate::state::AppState;
use crate::CommandError;

/// What opening the bench found: purchases settled and print jobs interrupted at start-up (and
/// notes such as an unreadable keyring). Opens the station when it is not open yet; the window
/// asks once at start and shows the report as a banner when it is not empty.
#[tauri::command]
#[specta::specta]
pub async fn open_report(state: State<'_, AppState>) -> Result<StartupReport, CommandError> {
    let lazy = state.session().await;
    let session = lazy.get().await?;
    let report = session.open_report().await?;
    // While the window is open, labels a printer did not take are retried and spooler jobs
    // followed to completion.
    session.start_print_worker().await?;
    Ok(StartupReport { sentences: report.sentences(), report })
}

/// What opening the bench found, with the station's sentences for it (empty: nothing to tell).
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct StartupReport {
    /// The figures.
    pub report: OpenReport,
    /// One sentence per finding, as the CLI prints them.
    pub sentences: Vec<String>,
}

