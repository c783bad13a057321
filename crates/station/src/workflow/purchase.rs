//! The purchase itself, exactly once: the journal row first, its key and the order link in the
//! request, one POST through the client (never retried), and the answer sorted into bought,
//! refused (nothing was bought) or lost (settled by looking at Shippo).

use std::time::Duration;

use shippo::{InstantTransactionCreateRequest, TransactionCreateRequest, TransactionStatus};

use crate::error::{Result, StationError};
use crate::store::orders::Order;
use crate::store::purchases::{self, Purchase, PurchaseTarget};
use crate::store::transactions::TransactionRecord;
use crate::sync::convert;

use super::context::Ctx;
use super::journal::{self, Settled};
use super::label_file::store_bought;
use super::lock::OrderLock;
use super::messages::messages_sentence;
use super::shipment::order_label;
use super::{ProgressSink, Step};

/// What is sent: a rate purchase or an Instalabel.
#[derive(Debug, Clone)]
pub enum PurchaseRequest {
    /// A rate bought by id.
    Rate(TransactionCreateRequest),
    /// Shipment and label in one call.
    Instalabel(Box<InstantTransactionCreateRequest>),
}

impl PurchaseRequest {
    /// What the journal row records.
    pub fn target(&self) -> Result<PurchaseTarget> {
        Ok(match self {
            PurchaseRequest::Rate(r) => PurchaseTarget::Rate(r.rate.clone()),
            PurchaseRequest::Instalabel(r) => PurchaseTarget::Instalabel(serde_json::to_value(r)?),
        })
    }

    /// Links the label to its order and puts the journal key in its metadata.
    fn link(&mut self, order_id: &str, key: &str) {
        let (order, metadata) = (Some(order_id.to_owned()), Some(journal::metadata_for(key)));
        match self {
            PurchaseRequest::Rate(r) => (r.order, r.metadata) = (order, metadata),
            PurchaseRequest::Instalabel(r) => (r.order, r.metadata) = (order, metadata),
        }
    }
}

/// Buys once: journal row, ownership check, POST, outcome. Returns the stored transaction.
pub async fn buy_once(
    cx: &Ctx<'_>,
    order: &Order,
    mut request: PurchaseRequest,
    lock: &OrderLock,
    progress: &ProgressSink,
) -> Result<TransactionRecord> {
    let label = order_label(order);
    let (oid, target) = (order.object_id.clone(), request.target()?);
    // The last check before money is spent: this attempt still holds the order.
    lock.confirm().await?;
    let p = cx.store.write_async(move |tx| purchases::begin(tx, &oid, &target)).await?;
    request.link(&order.object_id, &p.key);
    let sent = match &request {
        PurchaseRequest::Rate(r) => cx.client.transactions().purchase(r).await,
        PurchaseRequest::Instalabel(r) => cx.client.transactions().purchase_instalabel(r).await,
    };
    match sent {
        Ok(t) => answered(cx, order, &p, t).await,
        Err(e) if e.may_have_committed() => {
            progress.step(Step::Reconciling, &label, format!("Shippo's answer was lost ({e}); checking whether the label was bought."));
            match journal::settle(cx.client, cx.store, &p, cx.settle, true).await? {
                Settled::Adopted(r) => Ok(*r),
                Settled::Failed(w) => Err(StationError::PurchaseRefused(format!("The label for order {label} was not bought: {w}. Try again."))),
                Settled::Unknown(detail) => Err(StationError::PurchaseUnresolved { order: label, detail }),
            }
        }
        Err(e) => {
            let (key, w) = (p.key.clone(), e.to_string());
            cx.store.write_async(move |tx| purchases::fail(tx, &key, &w)).await?;
            Err(StationError::PurchaseRefused(format!("The label for order {label} was not bought: {e}")))
        }
    }
}

/// Shippo answered with a transaction: wait while it is queued, then record success or failure.
async fn answered(cx: &Ctx<'_>, order: &Order, p: &Purchase, mut t: shippo::Transaction) -> Result<TransactionRecord> {
    let label = order_label(order);
    if t.is_pending() {
        if let Some(id) = t.object_id.clone() {
            let wait = shippo::PollOptions::with_deadline(Duration::from_secs(60));
            t = cx
                .client
                .transactions()
                .wait(&id, wait, |_| {})
                .await
                .map_err(|e| StationError::PurchaseUnresolved { order: label.clone(), detail: e.to_string() })?;
        }
    }
    if t.status == Some(TransactionStatus::Error) {
        let why = messages_sentence(&t.messages);
        let (key, w) = (p.key.clone(), why.clone());
        cx.store.write_async(move |tx| purchases::fail(tx, &key, &w)).await?;
        return Err(StationError::PurchaseRefused(format!(
            "Shippo could not buy the label for order {label}: {why}. Nothing was charged; fix the cause and buy again."
        )));
    }
    let tid = t.object_id.clone().unwrap_or_default();
    let record = match store_bought(cx.client, cx.store, &order.object_id, &t).await {
        Ok((r, _)) => r,
        Err(e) => convert::transaction(&t, Some(order.object_id.clone())).ok_or(e)?,
    };
    let key = p.key.clone();
    cx.store.write_async(move |tx| purchases::succeed(tx, &key, &tid)).await?;
    Ok(record)
}
