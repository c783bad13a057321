//! Last sync step: the rates of labels the cache holds without them (labels bought elsewhere: at
//! another bench, in Shippo's web app, by the shop before this bench existed). A label names its
//! rate by id; `GET /rates/{id}` gives its carrier, service and price, which the history shows.
//!
//! Labels bought at this bench already have their rate (it was rated here). Rates are fetched
//! through the same paced client as everything else, a few at a time.

use futures::stream::{self, StreamExt};
use rusqlite::Connection;

use super::notices::NoticeRx;
use super::{convert, SyncPass, SyncPhase, SyncProgress};
use crate::error::Result;
use crate::store::{shipments, Store};

/// Rates fetched per database write.
const CHUNK: usize = 200;

/// (rate id, the order of a label bought at it) for labels whose rate the cache lacks.
fn missing(conn: &Connection, limit: usize) -> Result<Vec<(String, Option<String>)>> {
    let mut st = conn.prepare_cached(
        "SELECT t.rate_id, MAX(COALESCE(t.order_id, (SELECT ot.order_id FROM order_transactions ot
                WHERE ot.transaction_id = t.object_id LIMIT 1)))
         FROM transactions t LEFT JOIN rates r ON r.object_id = t.rate_id
         WHERE t.rate_id IS NOT NULL AND t.rate_id <> '' AND r.object_id IS NULL
         GROUP BY t.rate_id LIMIT ?1",
    )?;
    let rows = st.query_map([limit as i64], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn count_missing(conn: &Connection) -> Result<u64> {
    let n: i64 = conn.query_row(
        "SELECT COUNT(DISTINCT t.rate_id) FROM transactions t LEFT JOIN rates r ON r.object_id = t.rate_id
         WHERE t.rate_id IS NOT NULL AND t.rate_id <> '' AND r.object_id IS NULL",
        [],
        |r| r.get(0),
    )?;
    Ok(n.max(0) as u64)
}

/// Fetches the missing rates, `concurrency` at a time. Returns (fetched, failed). A rate Shippo
/// does not have (404) or that says no carrier or price counts as failed and is not asked again
/// in this run; any other error stops the step (what was fetched stays stored).
pub(super) async fn fetch_missing(
    client: &shippo::Client,
    store: &Store,
    concurrency: usize,
    notices: &mut NoticeRx,
    progress: &mut (impl FnMut(SyncProgress) + Send),
) -> Result<(u64, u64)> {
    let total = store.read_async(count_missing).await?;
    if total == 0 {
        return Ok((0, 0));
    }
    let (mut fetched, mut failed) = (0u64, 0u64);
    let mut skip: Vec<String> = Vec::new();
    loop {
        let wanted = skip.len() + CHUNK;
        let all = store.read_async(move |c| missing(c, wanted)).await?;
        let ids: Vec<(String, Option<String>)> =
            all.into_iter().filter(|(id, _)| !skip.contains(id)).take(CHUNK).collect();
        if ids.is_empty() {
            break;
        }
        let fetch = stream::iter(ids)
            .map(|(id, order)| async move {
                let r = client.rates().get(&id).await;
                (id, order, r)
            })
            .buffer_unordered(concurrency.max(1))
            .collect::<Vec<_>>();
        let so_far = fetched + failed;
        let results = notices
            .drive(fetch, |n| {
                progress(SyncProgress {
                    phase: SyncPhase::Transactions,
                    done: so_far,
                    total: total.max(so_far),
                    total_is_exact: true,
                    pass: SyncPass::All,
                    notice: Some(n),
                })
            })
            .await;
        let mut records = Vec::with_capacity(results.len());
        let mut first_error = None;
        for (id, order, r) in results {
            match r {
                Ok(rate) => match convert::bought_rate(&rate, &id, order) {
                    Some(rec) => records.push(rec),
                    None => {
                        tracing::warn!(rate = %id, "Shippo's rate of a label names no carrier or price");
                        failed += 1;
                        skip.push(id);
                    }
                },
                Err(shippo::Error::Api { status: 404, .. }) => {
                    tracing::warn!(rate = %id, "a label names a rate Shippo does not have");
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
                for (shipment, rate) in &records {
                    if shipments::get_shipment(tx, &shipment.object_id)?.is_none() {
                        shipments::upsert_shipment(tx, shipment)?;
                    }
                    shipments::upsert_rates(tx, std::slice::from_ref(rate))?;
                }
                Ok(())
            })
            .await?;
        progress(SyncProgress {
            phase: SyncPhase::Transactions,
            done: fetched + failed,
            total: total.max(fetched + failed),
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
