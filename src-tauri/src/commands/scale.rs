//! The bench scale as the window reads it: one reading now (the window polls while the card is
//! open, so the weight follows the scale live).

use station::workflow::bench_scale::{self, ScaleReading};
use station::StationError;
use tauri::State;

use crate::state::AppState;
use crate::CommandError;

/// Reads the bench's scale once.
#[tauri::command]
#[specta::specta]
pub async fn read_scale(state: State<'_, AppState>) -> Result<ScaleReading, CommandError> {
    let lazy = state.session().await;
    let session = lazy.get().await?;
    let Some(config) = session.bench_scale().await? else {
        return Ok(ScaleReading::none());
    };
    let dir = session.profile_dir();
    tokio::task::spawn_blocking(move || bench_scale::read_once(&config, &dir))
        .await
        .map_err(|e| StationError::Worker(e.to_string()).into())
}
