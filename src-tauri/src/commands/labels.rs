//! The labels history: every label bought here (or found at Shippo for cached orders), with
//! reprint (offline, from the cache), void (followed until Shippo settles it), tracking refresh
//! and the label's picture.

use serde::Serialize;
use station::printq::job_sentence;
use station::store::history::LabelEntry;
use tauri::State;

use super::clamp;
use crate::state::AppState;
use crate::CommandError;

/// One label of the history.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct LabelRow {
    /// The transaction (Shippo's bought label): what reprint, void and track name.
    pub transaction_id: String,
    /// The order's number ("#1001"), or its object id when the order is not cached.
    pub order: Option<String>,
    /// When it was bought (ISO-8601 UTC).
    pub bought_at: String,
    /// The carrier.
    pub carrier: Option<String>,
    /// The service level.
    pub service: Option<String>,
    /// Price paid ("7.50").
    pub amount: Option<String>,
    /// Its currency.
    pub currency: Option<String>,
    /// Tracking number.
    pub tracking_number: Option<String>,
    /// The carrier's tracking page (for the customer).
    pub tracking_url: Option<String>,
    /// The label's status at Shippo: SUCCESS, REFUNDPENDING, REFUNDED, REFUNDREJECTED, …
    pub status: String,
    /// Tracking status: UNKNOWN, PRE_TRANSIT, TRANSIT, DELIVERED, RETURNED, FAILURE.
    pub tracking_status: Option<String>,
    /// The carrier's words for it.
    pub tracking_details: Option<String>,
    /// The cached label file (for reprint and the picture); none when not downloaded.
    pub label_id: Option<u32>,
    /// A tracking exception to show: FAILURE, RETURNED or STUCK (in transit, no news for days).
    pub exception: Option<String>,
}

impl From<LabelEntry> for LabelRow {
    fn from(e: LabelEntry) -> LabelRow {
        LabelRow {
            transaction_id: e.transaction_id,
            order: e.order_number.or(e.order_id),
            bought_at: e.created_at,
            carrier: e.carrier,
            service: e.service,
            amount: e.amount,
            currency: e.currency,
            tracking_number: e.tracking_number,
            tracking_url: e.tracking_url,
            status: e.status,
            tracking_status: e.tracking_status,
            tracking_details: e.tracking_details,
            label_id: e.label_id.map(|id| clamp(id.max(0) as u64)),
            exception: e.exception,
        }
    }
}

/// What an action on a label did: the label as it stands now and one sentence.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct LabelAction {
    /// The label after the action.
    pub label: LabelRow,
    /// One sentence for the operator.
    pub message: String,
}

/// The labels, newest first (at most `limit`). Reads the cache only (works offline).
#[tauri::command]
#[specta::specta]
pub async fn list_labels(state: State<'_, AppState>, limit: u32) -> Result<Vec<LabelRow>, CommandError> {
    let lazy = state.session().await;
    let station = lazy.get().await?.station().await?;
    Ok(station.label_history(limit.clamp(1, 5000)).await?.into_iter().map(LabelRow::from).collect())
}

/// Prints a label again from the label cache (offline); says whether the printer took it.
#[tauri::command]
#[specta::specta]
pub async fn reprint_label(state: State<'_, AppState>, transaction_id: String) -> Result<LabelAction, CommandError> {
    let lazy = state.session().await;
    let station = lazy.get().await?.station().await?;
    let job = station.reprint(&transaction_id, None).await?;
    let label = station.label_entry(&transaction_id).await?.into();
    Ok(LabelAction { label, message: job_sentence(&job) })
}

/// Voids (refunds) a label and follows the refund until Shippo says REFUNDED or rejected.
#[tauri::command]
#[specta::specta]
pub async fn void_label(state: State<'_, AppState>, transaction_id: String) -> Result<LabelAction, CommandError> {
    let lazy = state.session().await;
    let station = lazy.get().await?.station().await?;
    let v = station.void(&transaction_id).await?;
    let label = station.label_entry(&transaction_id).await?.into();
    Ok(LabelAction { label, message: v.message })
}

/// Refreshes a label's tracking from the carrier (through Shippo).
#[tauri::command]
#[specta::specta]
pub async fn track_label(state: State<'_, AppState>, transaction_id: String) -> Result<LabelAction, CommandError> {
    let lazy = state.session().await;
    let station = lazy.get().await?.station().await?;
    let entry = station.label_entry(&transaction_id).await?;
    let key = entry.order_id.clone().unwrap_or_else(|| transaction_id.clone());
    let reports = station.track(Some(&key)).await?;
    let mine = reports.iter().find(|r| Some(&r.tracking_number) == entry.tracking_number.as_ref());
    let message = match mine {
        Some(r) => r.alert.clone().unwrap_or_else(|| {
            format!(
                "{} is {}{}.",
                r.tracking_number,
                r.status,
                r.details.as_ref().map(|d| format!(" ({d})")).unwrap_or_default()
            )
        }),
        None => "This label has no tracking number to follow.".to_owned(),
    };
    let label = station.label_entry(&transaction_id).await?.into();
    Ok(LabelAction { label, message })
}

/// A cached label file as a picture (`data:image/png` URL), from the cache (offline).
#[tauri::command]
#[specta::specta]
pub async fn label_picture(state: State<'_, AppState>, label_id: u32) -> Result<String, CommandError> {
    use base64::Engine as _;
    let lazy = state.session().await;
    let station = lazy.get().await?.station().await?;
    let png = station.label_preview_png(i64::from(label_id)).await?;
    Ok(format!("data:image/png;base64,{}", base64::engine::general_purpose::STANDARD.encode(png)))
}
