//! Batch buy & print from the orders view: each order's result as it comes, kept in the store so
//! a batch survives the window closing (reopened, it is reported and the rest can be resumed).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};
use station::store::batches::{self, StoredBatch};
use station::workflow::batch::{self, BatchEvent, BatchItem, BatchOptions};
use station::workflow::{Progress, ProgressSink};
use tauri::{AppHandle, State};
use tauri_specta::Event;

use crate::state::AppState;
use crate::CommandError;

/// One order of a batch, as the window shows it.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct BatchRow {
    /// The order as selected (its number).
    pub order: String,
    /// The tracking number once its label is bought.
    pub tracking_number: Option<String>,
    /// True once its label went to the print queue.
    pub queued_for_print: bool,
    /// Why it failed, in the operator's words.
    pub error: Option<String>,
    /// True once bought or failed (false: not reached yet, or the window closed before).
    pub settled: bool,
}

impl From<&BatchItem> for BatchRow {
    fn from(i: &BatchItem) -> BatchRow {
        BatchRow {
            order: i.order.clone(),
            tracking_number: i.tracking_number.clone(),
            queued_for_print: i.print_job_id.is_some(),
            error: i.error.clone(),
            settled: i.transaction_id.is_some() || i.error.is_some(),
        }
    }
}

/// A batch and where it stands.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct BatchReport {
    /// Its number.
    pub id: u32,
    /// When it started (ISO-8601).
    pub created_at: String,
    /// True when every order is settled.
    pub finished: bool,
    /// True when it was cut short (the window closed mid-batch) and no batch runs now.
    pub interrupted: bool,
    /// Every order in list order.
    pub rows: Vec<BatchRow>,
    /// Labels bought.
    pub bought: u32,
    /// Labels handed to the print queue.
    pub queued: u32,
    /// Orders failed.
    pub failed: u32,
}

/// Batch progress, sent while a batch runs.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct BatchProgress {
    /// Orders in the batch.
    pub total: u32,
    /// Orders settled so far.
    pub settled: u32,
    /// Labels bought so far.
    pub bought: u32,
    /// Labels handed to the print queue so far.
    pub queued: u32,
    /// The order just settled, when this report is about one.
    pub row: Option<BatchRow>,
    /// The station's sentence for the current step.
    pub message: String,
}

static RUNNING: AtomicBool = AtomicBool::new(false);

fn report(b: &StoredBatch) -> BatchReport {
    let rows: Vec<BatchRow> = b.items.iter().map(BatchRow::from).collect();
    let count = |f: &dyn Fn(&BatchRow) -> bool| rows.iter().filter(|r| f(r)).count() as u32;
    let finished = rows.iter().all(|r| r.settled);
    BatchReport {
        id: u32::try_from(b.id).unwrap_or(u32::MAX),
        created_at: b.created_at.clone(),
        finished,
        interrupted: !finished && !RUNNING.load(Ordering::SeqCst),
        bought: count(&|r| r.tracking_number.is_some()),
        queued: count(&|r| r.queued_for_print),
        failed: count(&|r| r.error.is_some()),
        rows,
    }
}

/// Runs the batch (`orders` in list order, or the failed/unsettled ones of batch `retry`).
async fn go(app: AppHandle, state: State<'_, AppState>, orders: Vec<String>, retry: Option<u32>, confirm_live: bool) -> Result<BatchReport, CommandError> {
    let lazy = state.session().await;
    let session = lazy.get().await?;
    session.confirm_live(confirm_live)?;
    let station = session.station().await?;
    if RUNNING.swap(true, Ordering::SeqCst) {
        return Err(station::StationError::InvalidOrder("A batch is already running; wait for it to finish.".into()).into());
    }
    let tally = Arc::new(Mutex::new(BatchProgress { total: 0, settled: 0, bought: 0, queued: 0, row: None, message: String::new() }));
    let (t2, app2) = (tally.clone(), app.clone());
    let on_event = move |e: BatchEvent| {
        let mut t = t2.lock().expect("batch tally");
        match e {
            BatchEvent::Resolved(items) => {
                t.total = items.len() as u32;
                t.settled = items.iter().filter(|i| i.error.is_some()).count() as u32;
                t.row = None;
                t.message = format!("Batch of {} orders: rating by the bench's rule…", t.total);
            }
            BatchEvent::Settled(item) => {
                t.settled += 1;
                t.bought += u32::from(item.transaction_id.is_some());
                t.queued += u32::from(item.print_job_id.is_some());
                t.message = match (&item.error, &item.tracking_number) {
                    (Some(e), _) => format!("{}: {e}", item.order),
                    (None, tn) => format!("{}: label {} bought.", item.order, tn.clone().unwrap_or_default()),
                };
                t.row = Some(BatchRow::from(&item));
            }
        }
        let _ = t.emit(&app2);
    };
    // The station's step sentences ("Rating…", "Buying…") go into the same progress report.
    let sink = ProgressSink::callback(move |p: Progress| {
        let mut t = tally.lock().expect("batch tally");
        t.message = p.message;
        t.row = None;
        let _ = t.emit(&app);
    });
    let opts = BatchOptions::default();
    let cx = station.ctx();
    let result = match retry {
        Some(id) => batch::retry_recorded(&cx, i64::from(id), &opts, &sink, &on_event).await,
        None => batch::run_recorded(&cx, &orders, &opts, &sink, &on_event).await,
    };
    RUNNING.store(false, Ordering::SeqCst);
    let (id, _) = result?;
    let stored = station.store().read_async(move |c| batches::get(c, id)).await?;
    Ok(report(&stored.expect("the batch just recorded")))
}

/// Buys and prints labels for `orders` (in list order) with the bench's rule, sending
/// [`BatchProgress`]; labels print in list order as they come.
#[tauri::command]
#[specta::specta]
pub async fn run_batch(app: AppHandle, state: State<'_, AppState>, orders: Vec<String>, confirm_live: bool) -> Result<BatchReport, CommandError> {
    go(app, state, orders, None, confirm_live).await
}

/// Tries again the orders of batch `id` that failed or were not reached (never one that was bought).
#[tauri::command]
#[specta::specta]
pub async fn retry_batch(app: AppHandle, state: State<'_, AppState>, id: u32, confirm_live: bool) -> Result<BatchReport, CommandError> {
    go(app, state, Vec::new(), Some(id), confirm_live).await
}

/// The newest batch (after a restart: what it did before the window closed), if any.
#[tauri::command]
#[specta::specta]
pub async fn last_batch(state: State<'_, AppState>) -> Result<Option<BatchReport>, CommandError> {
    let lazy = state.session().await;
    let session = lazy.get().await?;
    let b = session.store().read_async(batches::latest).await?;
    Ok(b.as_ref().map(report))
}
