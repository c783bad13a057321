//! Progress events of buy & print, batches and the print queue: serde-serialisable, so the shell
//! can forward them to the window unchanged and the CLI can print them as JSON lines.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// Which step an event is about. Crosses to the window as a string union
/// (`"validating_address" | "rating" | …`) with the `specta` feature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Checking the destination address with Shippo.
    ValidatingAddress,
    /// Settling an earlier interrupted purchase.
    Reconciling,
    /// Asking Shippo for rates.
    Rating,
    /// Buying the label.
    Buying,
    /// Downloading the label file.
    Downloading,
    /// Sending the label to the printer.
    Printing,
    /// Finished.
    Done,
    /// Stopped.
    Failed,
}

/// One progress event: the step, the order it is about, and a sentence for the operator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// The step.
    pub step: Step,
    /// The order (number when known, else object id); empty for events not about one order.
    pub order: String,
    /// A sentence for the operator.
    pub message: String,
    /// In a batch: this is order `index` (1-based) of `total`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index: Option<usize>,
    /// In a batch: how many orders.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<usize>,
}

impl Progress {
    /// An event for one order.
    pub fn new(step: Step, order: impl Into<String>, message: impl Into<String>) -> Progress {
        Progress {
            step,
            order: order.into(),
            message: message.into(),
            index: None,
            total: None,
        }
    }

    /// The same event, numbered within a batch.
    pub fn nth(mut self, index: usize, total: usize) -> Progress {
        self.index = Some(index);
        self.total = Some(total);
        self
    }
}

/// Where progress events go: a callback, a tokio channel, or nowhere.
#[derive(Clone)]
pub struct ProgressSink(Option<Arc<dyn Fn(Progress) + Send + Sync>>);

impl std::fmt::Debug for ProgressSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() { "ProgressSink" } else { "ProgressSink(none)" })
    }
}

impl Default for ProgressSink {
    fn default() -> Self {
        ProgressSink::none()
    }
}

impl ProgressSink {
    /// Drops every event.
    pub fn none() -> ProgressSink {
        ProgressSink(None)
    }

    /// Calls `f` for every event.
    pub fn callback(f: impl Fn(Progress) + Send + Sync + 'static) -> ProgressSink {
        ProgressSink(Some(Arc::new(f)))
    }

    /// Sends every event into a tokio channel (events are dropped when the receiver is gone).
    pub fn channel(tx: tokio::sync::mpsc::UnboundedSender<Progress>) -> ProgressSink {
        ProgressSink::callback(move |p| {
            let _ = tx.send(p);
        })
    }

    /// Reports one event.
    pub fn emit(&self, p: Progress) {
        tracing::debug!(step = ?p.step, order = %p.order, "{}", p.message);
        if let Some(f) = &self.0 {
            f(p);
        }
    }

    /// Reports a step of one order.
    pub fn step(&self, step: Step, order: &str, message: impl Into<String>) {
        self.emit(Progress::new(step, order, message));
    }
}
