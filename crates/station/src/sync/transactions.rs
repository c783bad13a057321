//! Second sync step: fetch the transactions orders reference but the cache does not hold yet.

use futures::stream::{self, StreamExt};

use super::notices::NoticeRx;
use super::{convert, SyncPass, SyncPhase, SyncProgress};
use crate::error::Result;
use crate::store::{transactions, Store};

/// Transactions fetched per database write.
const CHUNK: u32 = 200;

/// Fetches missing transactions by id, `concurrency` at a time (the client paces them).
/// Returns (fetched, failed). A transaction Shippo no longer has (404) counts as failed and is
/// not retried in this run; any other error stops the step (what was fetched stays stored).
pub(super) async fn fetch_missing(
    client: &shippo::Client,
    store: &Store,
    concurrency: usize,
    notices: &mut NoticeRx,
    progress: &mut (impl FnMut(SyncProgress) + Send),
) -> Result<(u64, u64)> {
    let total = store
        .read_async(|c| {
            Ok(c.query_row(
                "SELECT COUNT(DISTINCT ot.transaction_id) FROM order_transactions ot
                 LEFT JOIN transactions t ON t.object_id = ot.transaction_id WHERE t.object_id IS NULL",
                [],
                |r| r.get::<_, i64>(0),
            )?)
        })
        .await?
        .max(0) as u64;
    if total == 0 {
        return Ok((0, 0));
    }
    let (mut fetched, mut failed) = (0u64, 0u64);
    let mut skip: Vec<String> = Vec::new();
    loop {
        let ids = store
            .read_async(move |c| transactions::missing_ids(c, CHUNK + 1000))
            .await?;
        let ids: Vec<String> = ids
            .into_iter()
            .filter(|id| !skip.contains(id))
            .take(CHUNK as usize)
            .collect();
        if ids.is_empty() {
            break;
        }
        let fetch = stream::iter(ids)
            .map(|id| async move {
                let r = client.transactions().get(&id).await;
                (id, r)
            })
            .buffer_unordered(concurrency.max(1))
            .collect::<Vec<(String, std::result::Result<shippo::Transaction, shippo::Error>)>>();
        let so_far = fetched + failed;
        let results = notices
            .drive(fetch, |n| {
                progress(SyncProgress {
                    phase: SyncPhase::Transactions,
                    done: so_far,
                    total,
                    total_is_exact: true,
                    pass: SyncPass::All,
                    notice: Some(n),
                })
            })
            .await;
        let mut records = Vec::with_capacity(results.len());
        let mut first_error = None;
        for (id, r) in results {
            match r {
                Ok(t) => match convert::transaction(&t, None) {
                    Some(rec) => records.push(rec),
                    None => {
                        failed += 1;
                        skip.push(id);
                    }
                },
                Err(shippo::Error::Api { status: 404, .. }) => {
                    tracing::warn!(transaction = %id, "an order names a transaction Shippo does not have");
                    failed += 1;
                    skip.push(id);
                }
                Err(e) => {
                    if first_error.is_none() {
                        first_error = Some(e);
                    }
                }
            }
        }
        fetched += records.len() as u64;
        store
            .write_async(move |tx| {
                for r in &records {
                    transactions::upsert(tx, r)?;
                }
                Ok(())
            })
            .await?;
        progress(SyncProgress {
            phase: SyncPhase::Transactions,
            done: fetched + failed,
            total,
            total_is_exact: true,
            pass: SyncPass::All,
            notice: None,
        });
        if let Some(e) = first_error {
            return Err(e.into());
        }
    }
    Ok((fetched, failed))
}
