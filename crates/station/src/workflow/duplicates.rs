//! Two benches, one order: the duplicate caught before it prints.
//!
//! Shippo has no lock and no idempotency key, so two stations that cannot know of each other can
//! both buy a label for one order at the same instant. Every label carries its order link, so
//! after a purchase the station reads the order at Shippo. When it shows more than one live label,
//! one deterministic rule (the same at every bench) decides which stays: the label with the
//! smallest `(object_created, object_id)`. A bench whose own label loses voids it at once
//! (refund requested, never printed) and says so in one sentence naming both tracking numbers.

use shippo::RefundCreateRequest;

use crate::error::{Result, StationError};
use crate::store::orders::{self, Order};
use crate::store::transactions::{self, TransactionRecord};
use crate::sync::convert;

use super::context::Ctx;
use super::guard::{is_live_at_shippo, labels_at_shippo};
use super::shipment::order_label;

/// What the look at the order found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Ours is the order's only live label (or the order could not be read: see the log).
    Alone,
    /// Another live label exists, but ours is the one that stays; the other bench voids its own.
    Stays {
        /// The other label's tracking number (or id).
        other: String,
    },
}

/// The rule both benches apply: the earliest label stays, ties broken by object id.
fn stays<'t>(live: &[&'t shippo::Transaction]) -> Option<&'t shippo::Transaction> {
    live.iter()
        .min_by(|a, b| {
            let key = |t: &shippo::Transaction| (t.object_created.as_ref().map(|c| c.0), t.object_id.clone());
            key(a).cmp(&key(b))
        })
        .copied()
}

fn name(t: &shippo::Transaction) -> String {
    t.tracking_number.clone().or_else(|| t.object_id.clone()).unwrap_or_default()
}

/// Reads the order at Shippo after buying `ours` for it. Returns the verdict, or an error when
/// ours lost to another bench's label (voided, not printed; the sentence says so).
pub async fn keep_one(cx: &Ctx<'_>, order: &Order, ours: &TransactionRecord) -> Result<Verdict> {
    let mut labels = match labels_at_shippo(cx, &order.object_id).await {
        Ok(l) => l,
        Err(e) => {
            tracing::warn!(order = %order.object_id, "could not look for a second label at Shippo: {e}");
            return Ok(Verdict::Alone);
        }
    };
    if !labels.iter().any(|t| t.object_id.as_deref() == Some(ours.object_id.as_str())) {
        labels.push(cx.client.transactions().get(&ours.object_id).await?);
    }
    let live: Vec<&shippo::Transaction> = labels.iter().filter(|t| is_live_at_shippo(t)).collect();
    if live.len() < 2 {
        return Ok(Verdict::Alone);
    }
    let Some(winner) = stays(&live) else { return Ok(Verdict::Alone) };
    if winner.object_id.as_deref() == Some(ours.object_id.as_str()) {
        let other = live.iter().find(|t| t.object_id != winner.object_id).map(|t| name(t)).unwrap_or_default();
        tracing::warn!(order = %order.object_id, %other, "another bench bought this order at the same moment; its label is voided there");
        return Ok(Verdict::Stays { other });
    }
    Err(void_ours(cx, order, ours, winner).await)
}

/// Voids our label (the loser) and returns the one sentence for the operator.
async fn void_ours(cx: &Ctx<'_>, order: &Order, ours: &TransactionRecord, winner: &shippo::Transaction) -> StationError {
    let label = order_label(order);
    let mine = ours.tracking_number.clone().unwrap_or_else(|| ours.object_id.clone());
    let theirs = name(winner);
    // Keep the label that stays known here, so this bench shows the order as shipped.
    if let Some(w) = convert::transaction(winner, Some(order.object_id.clone())) {
        let oid = order.object_id.clone();
        let stored = cx
            .store
            .write_async(move |tx| {
                transactions::upsert(tx, &w)?;
                orders::set_status(tx, &oid, orders::OrderStatus::Shipped).map(|_| ())
            })
            .await;
        if let Err(e) = stored {
            tracing::warn!("the label that stays was not stored: {e}");
        }
    }
    let refund = cx
        .client
        .refunds()
        .create(&RefundCreateRequest { transaction: ours.object_id.clone(), is_async: Some(false) })
        .await;
    if let Ok(t) = cx.client.transactions().get(&ours.object_id).await {
        if let Some(mut r) = convert::transaction(&t, Some(order.object_id.clone())) {
            r.carrier = r.carrier.or(ours.carrier.clone());
            let _ = cx.store.write_async(move |tx| transactions::upsert(tx, &r)).await;
        }
    }
    match refund {
        Ok(_) => StationError::Workflow(format!(
            "Order {label} was bought at the same moment on another bench, whose label {theirs} stays; this bench's label {mine} was voided at once (refund requested) and not printed."
        )),
        Err(e) => StationError::Workflow(format!(
            "Order {label} was bought at the same moment on another bench, whose label {theirs} stays; this bench's label {mine} was not printed, but voiding it failed ({e}): void it with `shipbench void {mine}`."
        )),
    }
}
