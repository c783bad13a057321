//! Exactly-once purchase: the per-order lock, the journal's PENDING rows and their reconciliation.
//!
//! Shippo has no idempotency key. So: a PENDING journal row (UUIDv7 key) is committed before the
//! POST and its key travels in the transaction's `metadata`. A PENDING row found later (crash,
//! timeout, lost answer) is settled before anything else may buy for that order: Shippo is asked
//! for the rate's transactions and for recent transactions carrying the key. Found: adopted (the
//! transaction and its label are stored). Not found once the settle window has passed: FAILED.
//! Only then may a new purchase start.

use std::sync::OnceLock;
use std::time::Duration;

use futures::StreamExt;
use shippo::api::transactions::TransactionListParams;
use shippo::TransactionStatus;

use crate::error::{Result, StationError};
use crate::store::labels::{self, LabelInfo, NewLabel};
use crate::store::purchases::{self, Purchase, PurchaseState, PurchaseTarget};
use crate::store::transactions::{self, TransactionRecord};
use crate::store::{time, Store};
use crate::sync::convert;

/// How long an order lock lasts unless renewed (a crashed holder blocks at most this long; a
/// holder on this computer whose process is gone is taken over at once).
pub const LOCK_TTL: Duration = Duration::from_secs(120);

/// The `metadata` value that carries a journal key.
pub fn metadata_for(key: &str) -> String {
    format!("shipbench:{key}")
}

/// This process's lock owner name: "pid 1234 on bench-2 (uuid)".
pub fn owner_id() -> &'static str {
    static OWNER: OnceLock<String> = OnceLock::new();
    OWNER.get_or_init(|| {
        format!(
            "pid {} on {} ({})",
            std::process::id(),
            hostname(),
            uuid::Uuid::now_v7()
        )
    })
}

fn hostname() -> String {
    std::env::var("HOSTNAME")
        .ok()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "this computer".into())
}

/// True when `owner` names a process on this computer that no longer runs.
fn holder_is_gone(owner: &str) -> bool {
    let Some(rest) = owner.strip_prefix("pid ") else { return false };
    let Some((pid, rest)) = rest.split_once(" on ") else { return false };
    let Some((host, _)) = rest.rsplit_once(" (") else { return false };
    if host != hostname() {
        return false;
    }
    let Ok(pid) = pid.parse::<u32>() else { return false };
    if pid == std::process::id() {
        return false;
    }
    if cfg!(target_os = "linux") {
        // A zombie (killed, not yet reaped) still has a /proc entry: read its state.
        match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
            Ok(stat) => stat
                .rsplit_once(')')
                .map(|(_, rest)| rest.trim_start().starts_with(['Z', 'X']))
                .unwrap_or(false),
            Err(_) => true,
        }
    } else {
        false
    }
}

/// The per-order lock, held in SQLite. Released when dropped.
#[derive(Debug)]
pub struct OrderLock {
    store: Store,
    order_id: String,
}

impl OrderLock {
    /// Takes the order's lock (or fails with [`StationError::OrderLocked`]). A lock left by a
    /// process of this computer that is gone is taken over.
    pub async fn take(store: &Store, order_id: &str) -> Result<OrderLock> {
        let ttl = chrono::Duration::from_std(LOCK_TTL).unwrap_or(chrono::Duration::minutes(2));
        let id = order_id.to_owned();
        let taken = store
            .write_async(move |tx| {
                match purchases::lock_order(tx, &id, owner_id(), ttl) {
                    Err(StationError::OrderLocked { owner, .. }) if holder_is_gone(&owner) => {
                        tracing::info!(order = %id, %owner, "taking over the lock of a process that is gone");
                        purchases::unlock_order(tx, &id, &owner)?;
                        purchases::lock_order(tx, &id, owner_id(), ttl)
                    }
                    other => other,
                }
            })
            .await;
        taken?;
        Ok(OrderLock {
            store: store.clone(),
            order_id: order_id.to_owned(),
        })
    }
}

impl Drop for OrderLock {
    fn drop(&mut self) {
        let id = self.order_id.clone();
        if let Err(e) = self.store.write(move |tx| purchases::unlock_order(tx, &id, owner_id())) {
            tracing::warn!(order = %self.order_id, "could not release the order lock: {e}");
        }
    }
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

/// Stores a transaction bought (or found) for an order, and its label file when it has one.
/// A label that cannot be downloaded now is fetched again on reprint.
pub async fn store_bought(
    client: &shippo::Client,
    store: &Store,
    order_id: &str,
    t: &shippo::Transaction,
) -> Result<(TransactionRecord, Option<LabelInfo>)> {
    let mut record = convert::transaction(t, Some(order_id.to_owned())).ok_or_else(|| {
        StationError::Workflow("Shippo answered the purchase without a transaction id.".into())
    })?;
    if record.carrier.is_none() {
        // A purchase names its rate by id only; the carrier (needed to track the label) comes from
        // the rate stored when the shipment was rated.
        if let Some(rate_id) = record.rate_id.clone() {
            let rate = store.read_async(move |c| crate::store::shipments::get_rate(c, &rate_id)).await?;
            record.carrier = rate.map(|r| carrier_token(&r.provider));
        }
    }
    let r2 = record.clone();
    store.write_async(move |tx| transactions::upsert(tx, &r2)).await?;
    if t.status != Some(TransactionStatus::Success) {
        return Ok((record, None));
    }
    let label = fetch_label(client, store, &record).await?;
    Ok((record, label))
}

/// Downloads and stores the label of a stored transaction (once per content), unless stored.
pub async fn fetch_label(
    client: &shippo::Client,
    store: &Store,
    record: &TransactionRecord,
) -> Result<Option<LabelInfo>> {
    let id = record.object_id.clone();
    let existing = store
        .read_async(move |c| labels::list_for_transaction(c, &id))
        .await?;
    if let Some(l) = existing.into_iter().next() {
        return Ok(Some(l));
    }
    let Some(url) = record.label_url.clone() else { return Ok(None) };
    let expected = record.label_file_type.as_deref().map(shippo::LabelFileType::from);
    let file = match client.download_label(&url, expected.as_ref()).await {
        Ok(f) => f,
        Err(e) => {
            tracing::warn!(transaction = %record.object_id, "label download failed: {e}");
            return Err(e.into());
        }
    };
    let file_type = record
        .label_file_type
        .clone()
        .unwrap_or_else(|| file.format.name().to_owned());
    let (tx_id, order_id) = (record.object_id.clone(), record.order_id.clone());
    let info = store
        .write_async(move |tx| {
            labels::put(
                tx,
                &NewLabel {
                    transaction_id: Some(&tx_id),
                    order_id: order_id.as_deref(),
                    file_type: &file_type,
                    source_url: Some(&url),
                },
                &file.bytes,
            )
        })
        .await?;
    Ok(Some(info))
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

/// Shippo's messages as one sentence.
pub fn messages_sentence(m: &[shippo::ResponseMessage]) -> String {
    if m.is_empty() {
        "Shippo gave no reason".into()
    } else {
        m.iter().map(|x| x.to_string()).collect::<Vec<_>>().join("; ")
    }
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
    wait: bool,
) -> Result<ReconcileReport> {
    let rows = store.read_async(purchases::pending).await?;
    let mut report = ReconcileReport::default();
    for p in rows {
        let Ok(_lock) = OrderLock::take(store, &p.order_id).await else {
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

/// Shippo's tracking token for a carrier named by a rate's provider: "USPS" -> `usps`,
/// "DHL Express" -> `dhl_express`.
pub fn carrier_token(provider: &str) -> String {
    provider.trim().to_ascii_lowercase().replace([' ', '-'], "_")
}
