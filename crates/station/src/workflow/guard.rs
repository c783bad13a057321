//! The one "may this order be bought now?" guard, used by a single buy and by every order of a
//! batch: settle an interrupted purchase first, refuse an order that already has a live label
//! here, and look at the order at Shippo, where another bench may have shipped it.

use shippo::{OrderStatus as ApiOrderStatus, TransactionStatus};

use crate::error::{Result, StationError};
use crate::store::orders::{self, Order};
use crate::store::purchases::{self, PurchaseState};
use crate::store::transactions::{self, TransactionRecord};
use crate::sync::convert;

use super::context::Ctx;
use super::journal;
use super::label_file::store_bought;
use super::shipment::order_label;
use super::{ProgressSink, Step};

/// Finds an order in the cache by number ("#1001", "1001") or object id.
pub async fn find_order(cx: &Ctx<'_>, order_ref: &str) -> Result<Order> {
    let key = order_ref.to_owned();
    cx.store
        .read_async(move |c| orders::find(c, &key))
        .await?
        .ok_or_else(|| StationError::OrderNotFound { order: order_ref.to_owned() })
}

/// True for a transaction that is a live label (bought, not refunded).
pub fn is_live_label(t: &TransactionRecord) -> bool {
    matches!(t.status.as_str(), "SUCCESS" | "QUEUED" | "WAITING" | "REFUNDREJECTED")
}

/// True for a label at Shippo that is live (bought or being bought, not refunded).
pub fn is_live_at_shippo(t: &shippo::Transaction) -> bool {
    matches!(
        t.status,
        Some(TransactionStatus::Success | TransactionStatus::Queued | TransactionStatus::Waiting | TransactionStatus::RefundRejected)
    )
}

/// What the guard found.
#[derive(Debug)]
pub enum Guarded {
    /// Nothing stands in the way: the order may be bought.
    Clear,
    /// An interrupted purchase had gone through: its label is adopted instead of buying.
    Adopted(Box<TransactionRecord>),
}

/// The guard. Call with the order locked. With `another`, an existing label does not stop the
/// purchase (the operator chose to buy one more).
pub async fn check(cx: &Ctx<'_>, order: &Order, another: bool, progress: &ProgressSink) -> Result<Guarded> {
    let label = order_label(order);
    let id = order.object_id.clone();
    let has_pending = cx
        .store
        .read_async(move |c| purchases::list_for_order(c, &id))
        .await?
        .iter()
        .any(|p| p.state == PurchaseState::Pending);
    if has_pending {
        progress.step(Step::Reconciling, &label, "Checking with Shippo whether an interrupted purchase went through.");
        let adopted = journal::settle_order(cx.client, cx.store, &order.object_id, &label, cx.settle).await?;
        if let Some(t) = adopted.into_iter().last() {
            return Ok(Guarded::Adopted(Box::new(t)));
        }
    }
    if another {
        return Ok(Guarded::Clear);
    }
    let id = order.object_id.clone();
    let existing = cx.store.read_async(move |c| transactions::list_for_order(c, &id)).await?;
    if let Some(t) = existing.iter().find(|t| is_live_label(t)) {
        return Err(StationError::AlreadyLabelled {
            order: label,
            detail: format!("tracking {}", t.tracking_number.clone().unwrap_or_else(|| t.object_id.clone())),
        });
    }
    if let Some(detail) = shipped_elsewhere(cx, order).await? {
        return Err(StationError::ShippedElsewhere { order: label, detail });
    }
    Ok(Guarded::Clear)
}

/// The order's labels at Shippo, read in full (the order lists them by id or with few fields).
pub async fn labels_at_shippo(cx: &Ctx<'_>, order_id: &str) -> Result<Vec<shippo::Transaction>> {
    let remote = cx.client.orders().get(order_id).await?;
    let mut out = Vec::new();
    for t in &remote.transactions {
        let Some(id) = t.id().map(str::to_owned).or_else(|| t.object().and_then(|x| x.object_id.clone())) else {
            continue;
        };
        let full = match t.object() {
            Some(x) if x.status.is_some() && x.object_created.is_some() => x.clone(),
            _ => cx.client.transactions().get(&id).await?,
        };
        out.push(full);
    }
    Ok(out)
}

/// Looks at the order at Shippo: another bench may have shipped it. Labels found there that the
/// cache lacks are stored (info and file). Returns a sentence when the order is shipped elsewhere.
async fn shipped_elsewhere(cx: &Ctx<'_>, order: &Order) -> Result<Option<String>> {
    let remote = cx.client.orders().get(&order.object_id).await?;
    let known: Vec<String> = {
        let id = order.object_id.clone();
        cx.store
            .read_async(move |c| transactions::list_for_order(c, &id))
            .await?
            .into_iter()
            .map(|t| t.object_id)
            .collect()
    };
    let mut foreign = Vec::new();
    for t in &remote.transactions {
        let Some(id) = t.id().map(str::to_owned).or_else(|| t.object().and_then(|x| x.object_id.clone())) else {
            continue;
        };
        if known.contains(&id) {
            continue;
        }
        let full = match t.object() {
            Some(x) if x.status.is_some() => x.clone(),
            _ => cx.client.transactions().get(&id).await?,
        };
        if is_live_at_shippo(&full) {
            let (record, _) = store_bought(cx.client, cx.store, &order.object_id, &full).await.or_else(|e| {
                tracing::warn!("label of {id} not stored: {e}");
                convert::transaction(&full, Some(order.object_id.clone())).map(|r| (r, None)).ok_or(e)
            })?;
            foreign.push(record);
        }
    }
    if let Some(t) = foreign.first() {
        let oid = order.object_id.clone();
        cx.store
            .write_async(move |tx| orders::set_status(tx, &oid, orders::OrderStatus::Shipped).map(|_| ()))
            .await?;
        return Ok(Some(format!(
            "Shippo shows a label bought elsewhere, tracking {}",
            t.tracking_number.clone().unwrap_or_else(|| t.object_id.clone())
        )));
    }
    if remote.order_status == Some(ApiOrderStatus::Shipped) && known.is_empty() {
        return Ok(Some("the shop marks it as shipped".into()));
    }
    Ok(None)
}
