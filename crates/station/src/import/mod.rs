//! # Creating orders: manual entry and CSV import
//!
//! Both go the same way: validate locally, `POST /orders` to Shippo, and cache what Shippo
//! answers. An order is cached only after Shippo accepted it, so the cache never holds an order
//! Shippo does not know. One order failing (bad row, Shippo refusal, network) is reported and the
//! others carry on. A CSV file that is not well formed (a quote out of place, a line break or an
//! over-long value in a field) is refused whole before anything is sent. The CSV format is
//! described in [`csv`].

pub mod csv;
pub mod draft;
pub mod well_formed;

use std::path::Path;

use serde::{Deserialize, Serialize};

pub use self::csv::{ParsedCsv, RowError};
pub use draft::{ItemDraft, OrderDraft};

use crate::error::{Result, StationError};
use crate::store::orders::{self, Order};
use crate::store::Store;
use crate::sync::convert;

/// Sends one new order to Shippo and caches the order Shippo made.
///
/// Refuses a draft with problems (see [`OrderDraft::problems`]) before any network call.
pub async fn create_order(client: &shippo::Client, store: &Store, draft: &OrderDraft) -> Result<Order> {
    let problems = draft.problems();
    if !problems.is_empty() {
        return Err(StationError::InvalidOrder(problems.join("; ")));
    }
    let created = client.orders().create(&draft.to_request()).await?;
    let order = convert::order(&created).ok_or_else(|| {
        StationError::Corrupt("Shippo accepted the order but sent back no object_id".to_owned())
    })?;
    let o = order.clone();
    store.write_async(move |tx| orders::upsert(tx, &o)).await?;
    tracing::info!(order = %order.object_id, number = ?order.order_number, "order created at Shippo and cached");
    Ok(order)
}

/// One order the import created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportedOrder {
    /// The lines of the file it came from.
    pub lines: Vec<u64>,
    /// Its order number.
    pub order_number: String,
    /// Shippo's id.
    pub object_id: String,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    /// Orders created at Shippo and cached.
    pub imported: Vec<ImportedOrder>,
    /// Rows not imported, with the reason (bad data, or Shippo refused/was unreachable).
    pub errors: Vec<RowError>,
}

/// Progress of an import: orders sent so far out of all good ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProgress {
    /// Orders handled (created or failed).
    pub done: u64,
    /// Good orders in the file.
    pub total: u64,
}

/// Imports a CSV file: every good order is sent to Shippo and cached; bad rows and failed orders
/// are reported by line number. A file that is not well formed is refused with an error naming its
/// broken lines, and nothing from it is sent (see [`csv::parse`]). Orders whose number is already cached are skipped (an import run
/// twice does not create them twice at Shippo).
pub async fn import_csv(
    client: &shippo::Client,
    store: &Store,
    path: &Path,
    mut progress: impl FnMut(ImportProgress) + Send,
) -> Result<ImportReport> {
    let file = std::fs::File::open(path).map_err(|source| StationError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let parsed = tokio::task::spawn_blocking(move || self::csv::parse(std::io::BufReader::new(file)))
        .await
        .map_err(|e| StationError::Worker(e.to_string()))??;
    import_parsed(client, store, parsed, &mut progress).await
}

/// [`import_csv`] for an already parsed file.
pub async fn import_parsed(
    client: &shippo::Client,
    store: &Store,
    parsed: ParsedCsv,
    progress: &mut (impl FnMut(ImportProgress) + Send),
) -> Result<ImportReport> {
    let mut report = ImportReport {
        imported: Vec::new(),
        errors: parsed.errors,
    };
    let total = parsed.orders.len() as u64;
    for (i, o) in parsed.orders.into_iter().enumerate() {
        let number = o.draft.order_number.clone();
        let n = number.clone();
        let exists = store
            .read_async(move |c| {
                Ok(c.query_row(
                    "SELECT EXISTS(SELECT 1 FROM orders WHERE order_number = ?1 COLLATE NOCASE)",
                    [&n],
                    |r| r.get::<_, bool>(0),
                )?)
            })
            .await?;
        if exists {
            push_errors(&mut report, &o.lines, &number, format!(
                "order {number} is already in the order cache (imported before?); skipped so it is not created twice"
            ));
        } else {
            match create_order(client, store, &o.draft).await {
                Ok(order) => report.imported.push(ImportedOrder {
                    lines: o.lines.clone(),
                    order_number: number,
                    object_id: order.object_id,
                }),
                Err(e) => {
                    tracing::warn!(order = %number, error = %e, "order not imported");
                    push_errors(&mut report, &o.lines, &number, format!("Shippo did not take order {number}: {e}"));
                }
            }
        }
        progress(ImportProgress {
            done: i as u64 + 1,
            total,
        });
    }
    report.errors.sort_by_key(|e| e.line);
    Ok(report)
}

fn push_errors(report: &mut ImportReport, lines: &[u64], number: &str, reason: String) {
    for line in lines {
        report.errors.push(RowError {
            line: *line,
            order_number: Some(number.to_owned()),
            reason: reason.clone(),
        });
    }
}
