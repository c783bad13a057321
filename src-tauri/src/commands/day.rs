//! End of day: the local day's figures, the manifest (SCAN form) printed on the document printer,
//! earlier manifests, and packing slips.

use serde::Serialize;
use station::printq::job_sentence;
use station::store::history::{DaySummary, LocalDay};
use tauri::State;

use super::clamp;
use crate::state::AppState;
use crate::CommandError;

/// One carrier's figures for the day.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct CarrierFigures {
    /// The carrier.
    pub carrier: String,
    /// Labels bought.
    pub bought: u32,
    /// Of those, voided.
    pub voided: u32,
    /// What the kept labels cost ("23.40").
    pub cost: String,
    /// The currency.
    pub currency: String,
}

/// The day summary.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct DayFigures {
    /// The bench's local date (YYYY-MM-DD).
    pub date: String,
    /// Labels bought that day.
    pub bought: u32,
    /// Of those, voided.
    pub voided: u32,
    /// Per carrier.
    pub carriers: Vec<CarrierFigures>,
    /// Carrier accounts the manifest covers.
    pub carrier_accounts: Vec<String>,
}

impl From<DaySummary> for DayFigures {
    fn from(s: DaySummary) -> DayFigures {
        DayFigures {
            date: s.date,
            bought: s.bought,
            voided: s.voided,
            carriers: s
                .carriers
                .into_iter()
                .map(|c| CarrierFigures { carrier: c.carrier, bought: c.bought, voided: c.voided, cost: c.cost, currency: c.currency })
                .collect(),
            carrier_accounts: s.carrier_accounts,
        }
    }
}

/// A manifest made at this bench.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ManifestRow {
    /// Shippo's object id.
    pub id: String,
    /// The carrier account.
    pub carrier_account: String,
    /// The local day it covers.
    pub day: String,
    /// SUCCESS, QUEUED or ERROR.
    pub status: String,
    /// Print jobs of its documents.
    pub print_jobs: Vec<u32>,
    /// When it was made (ISO-8601 UTC).
    pub created_at: String,
}

/// What printing the manifest did.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ManifestResult {
    /// One sentence for the operator.
    pub message: String,
    /// The manifests made.
    pub manifests: Vec<String>,
}

/// Today's figures (the bench's local day).
#[tauri::command]
#[specta::specta]
pub async fn day_summary(state: State<'_, AppState>) -> Result<DayFigures, CommandError> {
    let lazy = state.session().await;
    let station = lazy.get().await?.station().await?;
    Ok(station.day_summary(&LocalDay::today()).await?.into())
}

/// Makes today's manifest for each carrier account used today (or the one named) and prints it
/// on the document printer.
#[tauri::command]
#[specta::specta]
pub async fn print_manifest(state: State<'_, AppState>, carrier_account: Option<String>) -> Result<ManifestResult, CommandError> {
    let lazy = state.session().await;
    let station = lazy.get().await?.station().await?;
    let out = station.manifest_for_day(&LocalDay::today(), carrier_account.as_deref(), false).await?;
    Ok(ManifestResult { message: out.message, manifests: out.manifests })
}

/// Manifests made here, newest first.
#[tauri::command]
#[specta::specta]
pub async fn list_manifests(state: State<'_, AppState>, limit: u32) -> Result<Vec<ManifestRow>, CommandError> {
    let lazy = state.session().await;
    let station = lazy.get().await?.station().await?;
    Ok(station
        .manifests(limit.clamp(1, 1000))
        .await?
        .into_iter()
        .map(|m| ManifestRow {
            id: m.object_id,
            carrier_account: m.carrier_account,
            day: m.local_day,
            status: m.status,
            print_jobs: m.print_jobs.into_iter().map(|j| clamp(j.max(0) as u64)).collect(),
            created_at: m.created_at,
        })
        .collect())
}

/// Prints an order's packing slip on the document printer (the order card's button).
#[tauri::command]
#[specta::specta]
pub async fn print_packing_slip(state: State<'_, AppState>, order: String) -> Result<String, CommandError> {
    let lazy = state.session().await;
    let session = lazy.get().await?;
    let station = session.station().await?;
    let job = session.retry_after_sync(|| station.packing_slip(&order), |_| {}).await?;
    Ok(job_sentence(&job))
}
