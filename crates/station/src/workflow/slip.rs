//! "Print a packing slip with each label" (a bench setting): once the label has gone to its
//! printer, the order's packing slip goes to the packing-slips printer. The slip never changes
//! what happened to the label: a slip that cannot be fetched or printed is reported with its
//! reason beside a printed label, and nothing is bought again.

use serde::{Deserialize, Serialize};

use crate::printq::{job_sentence, PrintStatus};
use crate::store::orders::Order;
use crate::store::settings;

use super::aftercare;
use super::context::Ctx;
use super::shipment::order_label;
use super::{ProgressSink, Step};

/// What happened to the packing slip printed with a label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlipOutcome {
    /// Printed (the printer took it), queued (it prints when the printer is back) or failed.
    #[serde(flatten)]
    pub status: PrintStatus,
    /// The print job, when the slip got as far as the queue.
    pub job_id: Option<i64>,
    /// The printer it went (or goes) to, when one was found.
    pub printer: Option<String>,
    /// One sentence, e.g. "Packing slip: Printed on 'Office' (job 9): the printer took every byte."
    pub message: String,
}

/// True when the bench prints a packing slip with each label.
pub async fn wanted(cx: &Ctx<'_>) -> bool {
    match cx.store.read_async(settings::load).await {
        Ok(s) => s.bench.packing_slip_with_label,
        Err(e) => {
            tracing::warn!(error = %e, "settings unreadable; no packing slip with this label");
            false
        }
    }
}

/// Prints the order's packing slip after its label. Never fails: every problem becomes a
/// [`PrintStatus::Failed`] with the reason.
pub async fn print_with_label(cx: &Ctx<'_>, order: &Order, progress: &ProgressSink) -> SlipOutcome {
    let label = order_label(order);
    progress.step(Step::Printing, &label, "Printing the packing slip.");
    let outcome = match aftercare::packing_slip(cx, &order.object_id).await {
        Ok(job) => SlipOutcome {
            status: PrintStatus::of(&job),
            job_id: Some(job.id),
            printer: Some(job.printer_name.clone()),
            message: format!("Packing slip: {}", job_sentence(&job)),
        },
        Err(e) => {
            let reason = e.to_string();
            tracing::warn!(order = %label, error = %reason, "packing slip not printed");
            SlipOutcome {
                message: format!("Packing slip: not printed. {reason}"),
                status: PrintStatus::Failed { reason },
                job_id: None,
                printer: None,
            }
        }
    };
    if !matches!(outcome.status, PrintStatus::Printed) {
        progress.step(Step::Printing, &label, outcome.message.clone());
    }
    outcome
}
