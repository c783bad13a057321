//! The bench's history for the window: the labels it bought with their status, one label's
//! preview, the local day's figures and earlier manifests.

use crate::error::{Result, StationError};
use crate::store::history::{self, DaySummary, LabelEntry, LocalDay};
use crate::store::manifests::{self, ManifestRecord};
use crate::store::labels;
use crate::Station;

impl Station {
    /// Every cached label, newest first (at most `limit`), with its tracking exception if any.
    pub async fn label_history(&self, limit: u32) -> Result<Vec<LabelEntry>> {
        self.store.read_async(move |c| history::labels(c, limit)).await
    }

    /// One label of the history by transaction id (as it stands after a void or a track).
    pub async fn label_entry(&self, transaction_id: &str) -> Result<LabelEntry> {
        let id = transaction_id.to_owned();
        self.store.read_async(move |c| history::label(c, &id)).await?.ok_or_else(|| StationError::NotFound {
            what: format!("Label {transaction_id}"),
        })
    }

    /// A cached label file as a PNG picture (what a 203 dpi 4x6 printer prints). Works offline.
    pub async fn label_preview_png(&self, label_id: i64) -> Result<Vec<u8>> {
        let bytes = self
            .store
            .read_async(move |c| match labels::get(c, label_id)? {
                Some(l) => labels::bytes(c, &l.sha256),
                None => Ok(None),
            })
            .await?
            .ok_or_else(|| StationError::NotFound { what: format!("Label file {label_id}") })?;
        tokio::task::spawn_blocking(move || {
            ::labels::preview::preview_png(&bytes, printing::Dpi::D203, printing::LabelSize::default())
        })
        .await
        .map_err(|e| StationError::Workflow(format!("The label preview stopped: {e}.")))?
        .map_err(|e| StationError::Workflow(format!("This label cannot be shown: {e}.")))
    }

    /// The figures of a local day (labels bought, voided, cost per carrier).
    pub async fn day_summary(&self, day: &LocalDay) -> Result<DaySummary> {
        let day = day.clone();
        self.store.read_async(move |c| history::day_summary(c, &day)).await
    }

    /// The manifest of a local day (see [`crate::workflow::aftercare::manifest_for_day`]).
    pub async fn manifest_for_day(
        &self,
        day: &LocalDay,
        carrier_account: Option<&str>,
        no_print: bool,
    ) -> Result<crate::workflow::aftercare::ManifestOutcome> {
        crate::workflow::aftercare::manifest_for_day(&self.ctx(), day, carrier_account, no_print).await
    }

    /// Manifests made at this bench, newest first.
    pub async fn manifests(&self, limit: u32) -> Result<Vec<ManifestRecord>> {
        self.store.read_async(move |c| manifests::list(c, limit)).await
    }
}
