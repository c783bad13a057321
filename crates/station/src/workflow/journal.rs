//! Exactly-once purchase: the journal's PENDING rows and their reconciliation (the per-order lock
//! is [`super::lock`]).
//!
//! Shippo has no idempotency key. So: a PENDING journal row (UUIDv7 key) is committed before the
//! POST and its key travels in the transaction's `metadata`. A PENDING row found later (crash,
//! timeout, lost answer) is settled before anything else may buy for that order: Shippo is asked
//! for the rate's transactions and for recent transactions carrying the key. Found: adopted (the
//! transaction and its label are stored). Not found once the settle window has passed: FAILED.
//! Only then may a new purchase start.

use std::time::Duration;

use futures::StreamExt;
use shippo::api::transactions::TransactionListParams;
use shippo::TransactionStatus;

use crate::error::{Result, StationError};
use crate::store::purchases::{self, Purchase, PurchaseState, PurchaseTarget};
use crate::store::transactions::{self, TransactionRecord};
use crate::store::{time, Store};

use super::label_file::store_bought;
use super::lock::OrderLock;
use super::messages::messages_sentence;

/// The `metadata` value that carries a journal key.
pub fn metadata_for(key: &str) -> String {
    format!("shipbench:{key}")
}

/// How a PENDING purchase was settled.
#[derive(Debug, Clone, PartialEq)]
pub enum Settled {
    /// Shippo had made the label: it is now stored here.
    Adopted(Box<TransactionRecord>),
    /// Shippo made no label: the row is FAILED and a new purchase may start.
    Failed(String),
    /// Not settled yet (Shippo unreachable, or still inside the settle window).
    Unknown(String),
}

fn age_of(p: &Purchase) -> Duration {
    time::parse(&p.created_at)
        .map(|t| (chrono::Utc::now() - t).to_std().unwrap_or_default())
        .unwrap_or(Duration::MAX)
}

/// Looks for the purchase's transaction at Shippo: the rate's transactions, then recent ones by
/// metadata.
async fn find_at_shippo(client: &shippo::Client, p: &Purchase) -> Result<Option<shippo::Transaction>> {
    let meta = metadata_for(&p.key);
    if let PurchaseTarget::Rate(rate) = &p.target {
        let page = client
            .transactions()
            .list(&TransactionListParams {
                rate: Some(rate.clone()),
                results: Some(100),
                ..Default::default()
            })
            .await?;
        if let Some(t) = page.results.iter().find(|t| t.metadata.as_deref() == Some(meta.as_str())) {
            return Ok(Some(t.clone()));
        }
        // A label on our own rate without our key is still a label for this shipment.
        if let Some(t) = page.results.iter().find(|t| t.status != Some(TransactionStatus::Error)) {
            return Ok(Some(t.clone()));
        }
    }
    let stream = client.transactions().stream(&TransactionListParams {
        results: Some(100),
        ..Default::default()
    })?;
    let mut stream = std::pin::pin!(stream.take(200));
    while let Some(t) = stream.next().await {
        let t = t?;
        if t.metadata.as_deref() == Some(meta.as_str()) {
            return Ok(Some(t));
        }
    }
    Ok(None)
}

/// Settles one PENDING purchase. With `wait`, keeps asking until the settle window has passed;
/// without, answers [`Settled::Unknown`] for a row still inside it. Call with the order locked.
pub async fn settle(
    client: &shippo::Client,
    store: &Store,
    p: &Purchase,
    window: Duration,
    wait: bool,
) -> Result<Settled> {
    loop {
        match find_at_shippo(client, p).await {
            Ok(Some(t)) => return adopt(client, store, p, &t).await,
            Ok(None) => {
                let age = age_of(p);
                if age >= window {
                    let why = format!(
                        "Shippo has no label for this purchase {} s after it started: nothing was bought",
                        age.as_secs()
                    );
                    let (key, w) = (p.key.clone(), why.clone());
                    store.write_async(move |tx| purchases::fail(tx, &key, &w)).await?;
                    return Ok(Settled::Failed(why));
                }
                if !wait {
                    return Ok(Settled::Unknown("Shippo does not show it yet".into()));
                }
                tokio::time::sleep((window - age).min(Duration::from_millis(250))).await;
            }
            Err(e) => return Ok(Settled::Unknown(e.to_string())),
        }
    }
}

async fn adopt(
    client: &shippo::Client,
    store: &Store,
    p: &Purchase,
    t: &shippo::Transaction,
) -> Result<Settled> {
    let mut t = t.clone();
    if t.is_pending() {
        if let Some(id) = t.object_id.clone() {
            match client
                .transactions()
                .wait(&id, shippo::PollOptions::with_deadline(Duration::from_secs(30)), |_| {})
                .await
            {
                Ok(done) => t = done,
                Err(e) => return Ok(Settled::Unknown(e.to_string())),
            }
        }
    }
    if t.status == Some(TransactionStatus::Error) {
        let why = messages_sentence(&t.messages);
        let (key, w) = (p.key.clone(), why.clone());
        store.write_async(move |tx| purchases::fail(tx, &key, &w)).await?;
        return Ok(Settled::Failed(why));
    }
    let (record, label) = match store_bought(client, store, &p.order_id, &t).await {
        Ok(x) => x,
        Err(e) => {
            // The transaction row may be stored; keep the journal row PENDING only if not.
            tracing::warn!("adopting {} : {e}", p.key);
            let id = t.object_id.clone().unwrap_or_default();
            let known = store.read_async(move |c| transactions::get(c, &id)).await?;
            match known {
                Some(r) => (r, None),
                None => return Ok(Settled::Unknown(e.to_string())),
            }
        }
    };
    let _ = label;
    let (key, id) = (p.key.clone(), record.object_id.clone());
    store.write_async(move |tx| purchases::succeed(tx, &key, &id)).await?;
    tracing::info!(key = %p.key, transaction = %record.object_id, "adopted a purchase found at Shippo");
    Ok(Settled::Adopted(Box::new(record)))
}

/// Settles every PENDING purchase of one order (call with the order locked). Returns what was
/// adopted; fails with [`StationError::PurchaseUnresolved`] when one cannot be settled.
pub async fn settle_order(
    client: &shippo::Client,
    store: &Store,
    order_id: &str,
    order_label: &str,
    window: Duration,
) -> Result<Vec<TransactionRecord>> {
    let id = order_id.to_owned();
    let rows = store
        .read_async(move |c| purchases::list_for_order(c, &id))
        .await?;
    let mut adopted = Vec::new();
    for p in rows.into_iter().filter(|p| p.state == PurchaseState::Pending) {
        match settle(client, store, &p, window, true).await? {
            Settled::Adopted(r) => adopted.push(*r),
            Settled::Failed(_) => {}
            Settled::Unknown(detail) => {
                return Err(StationError::PurchaseUnresolved {
                    order: order_label.to_owned(),
                    detail,
                })
            }
        }
    }
    Ok(adopted)
}

/// What reconciling the whole journal did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ReconcileReport {
    /// Purchases found at Shippo and adopted.
    pub adopted: usize,
    /// Purchases marked failed (Shippo has no label for them).
    pub failed: usize,
    /// Purchases still unsettled (locked by a running purchase, Shippo unreachable, or too recent).
    pub unsettled: usize,
}

/// Settles every PENDING purchase (start-up). Orders locked by a running purchase are skipped.
pub async fn reconcile_all(
    client: &shippo::Client,
    store: &Store,
    window: Duration,
    lock_ttl: Duration,
    wait: bool,
) -> Result<ReconcileReport> {
    let rows = store.read_async(purchases::pending).await?;
    let mut report = ReconcileReport::default();
    for p in rows {
        let Ok(_lock) = OrderLock::take(store, &p.order_id, lock_ttl).await else {
            report.unsettled += 1;
            continue;
        };
        let key = p.key.clone();
        let fresh = store.read_async(move |c| purchases::get(c, &key)).await?;
        if fresh.map(|f| f.state) != Some(PurchaseState::Pending) {
            continue;
        }
        match settle(client, store, &p, window, wait).await? {
            Settled::Adopted(_) => report.adopted += 1,
            Settled::Failed(_) => report.failed += 1,
            Settled::Unknown(_) => report.unsettled += 1,
        }
    }
    Ok(report)
}

