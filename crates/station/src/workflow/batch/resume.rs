//! Resuming a batch the window left mid-way: an order whose label this batch had bought when the
//! window closed, but whose result never reached the batch (the purchase was in flight and was
//! adopted from Shippo at the next start-up, or the window closed between the purchase and the
//! record), is recorded as bought with its tracking number and printed if it never was. It is
//! never bought again; without this it would fail as "already has a label", unprinted.

use crate::error::Result;
use crate::store::purchases::{self, PurchaseState};
use crate::store::{batches, labels, transactions};

use super::super::buy::print_label;
use super::super::context::Ctx;
use super::super::guard::find_order;
use super::super::shipment::order_label;
use super::super::ProgressSink;
use super::{BatchItem, BatchOptions};

/// Of `again` (batch `id`'s orders without a recorded label), records those with a label bought
/// since the batch started (`since`) and prints each that has no print job yet. Returns the
/// orders still to buy, in the same order.
pub(super) async fn take_bought(cx: &Ctx<'_>, id: i64, since: &str, again: Vec<String>, opts: &BatchOptions) -> Result<Vec<String>> {
    let mut rest = Vec::with_capacity(again.len());
    for given in again {
        let Ok(order) = find_order(cx, &given).await else {
            rest.push(given);
            continue;
        };
        let (oid, since) = (order.object_id.clone(), since.to_owned());
        let bought = cx
            .store
            .read_async(move |c| {
                let p = purchases::list_for_order(c, &oid)?
                    .into_iter()
                    .filter(|p| p.state == PurchaseState::Succeeded && p.created_at.as_str() >= since.as_str())
                    .filter_map(|p| p.transaction_id)
                    .next_back();
                let Some(tid) = p else { return Ok(None) };
                let record = transactions::get(c, &tid)?;
                let label = labels::list_for_transaction(c, &tid)?.pop();
                let printed = match &label {
                    Some(l) => crate::store::print_jobs::first_for_label(c, l.id)?,
                    None => None,
                };
                Ok(Some((tid, record.and_then(|r| r.tracking_number), label, printed)))
            })
            .await?;
        let Some((transaction_id, tracking_number, label, printed)) = bought else {
            rest.push(given);
            continue;
        };
        let mut item = BatchItem { order: given, transaction_id: Some(transaction_id), tracking_number, print_job_id: printed, error: None };
        if item.print_job_id.is_none() && !opts.no_print {
            if let Some(info) = &label {
                match print_label(cx, &order_label(&order), info, &ProgressSink::none()).await {
                    Ok(job) => item.print_job_id = Some(job.id),
                    Err(e) => tracing::warn!(order = %item.order, error = %e, "a label bought before the window closed was not printed"),
                }
            }
        }
        tracing::info!(batch = id, order = %item.order, transaction = ?item.transaction_id, "batch resumed: label bought before the window closed, recorded");
        let it = item.clone();
        cx.store.write_async(move |tx| batches::record(tx, id, &it)).await?;
    }
    Ok(rest)
}
