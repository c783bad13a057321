//! Batch buy & print: many orders -> one Shippo batch (create, VALIDATING -> VALID, invalid
//! shipments reported with their messages and removed, purchase, PURCHASING -> PURCHASED). Each
//! label prints as soon as it is ready, in the order given, with "n of N" progress and a summary.
//!
//! Exactly-once holds here too: every order gets a PENDING journal row (its key in the batch
//! shipment's metadata) and its lock before the batch is created; a crash is settled by the
//! journal's metadata search like any other purchase.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use printing::DocType;
use serde::{Deserialize, Serialize};
use shippo::api::batches::BatchGetParams;
use shippo::{BatchCreateRequest, BatchShipmentCreateRequest, BatchShipmentStatus, BatchStatus};

use crate::error::{Result, StationError};
use crate::station::Station;
use crate::store::orders::Order;
use crate::store::print_jobs::NewPrintJob;
use crate::store::purchases::{self, PurchaseTarget};
use crate::store::settings;
use crate::store::transactions;

use super::buy::{file_type, find_order, is_live_label, rate_order};
use super::journal::{self, OrderLock};
use super::rules::RatePick;
use super::shipment::{self, order_label};
use super::{Progress, ProgressSink, Step};

/// How to run a batch.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BatchOptions {
    /// Use this rule instead of the bench's rule (picks the batch's carrier account and service).
    pub rule: Option<RatePick>,
    /// Do not print.
    pub no_print: bool,
    /// Buy for orders that already have a label too.
    pub another: bool,
    /// Stop when Shippo finds invalid shipments, instead of removing them and buying the rest.
    pub stop_on_invalid: bool,
}

/// One order's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchItem {
    /// The order as given.
    pub order: String,
    /// Transaction bought.
    pub transaction_id: Option<String>,
    /// Tracking number.
    pub tracking_number: Option<String>,
    /// Print job.
    pub print_job_id: Option<i64>,
    /// Why it failed.
    pub error: Option<String>,
}

/// What a batch did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchSummary {
    /// Shippo's batch id.
    pub batch_id: Option<String>,
    /// Every order, in the order given.
    pub items: Vec<BatchItem>,
    /// How many labels were bought.
    pub bought: usize,
    /// How many orders failed.
    pub failed: usize,
    /// Milliseconds from the purchase call to the first label handed to the printer.
    pub first_label_ms: Option<u64>,
}

struct Entry {
    given: String,
    order: Option<Order>,
    key: Option<String>,
    item: BatchItem,
    done: bool,
    _lock: Option<OrderLock>,
}

fn fail(e: &mut Entry, why: String) {
    e.item.error = Some(why);
    e.done = true;
}

/// Runs a batch.
pub async fn run(st: &Station, given: &[String], opts: &BatchOptions, progress: &ProgressSink) -> Result<BatchSummary> {
    let total = given.len();
    let emit = |i: usize, step: Step, order: &str, msg: String| progress.emit(Progress::new(step, order, msg).nth(i + 1, total));
    let settings = st.store.read_async(settings::load).await?;
    let mut entries: Vec<Entry> = Vec::with_capacity(total);
    for g in given {
        let mut e = Entry {
            given: g.clone(),
            order: None,
            key: None,
            item: BatchItem { order: g.clone(), transaction_id: None, tracking_number: None, print_job_id: None, error: None },
            done: false,
            _lock: None,
        };
        match find_order(st, g).await {
            Ok(o) => e.order = Some(o),
            Err(err) => fail(&mut e, err.to_string()),
        }
        entries.push(e);
    }

    // Locks, interrupted purchases, the label guard.
    for (i, e) in entries.iter_mut().enumerate() {
        let Some(o) = e.order.clone() else { continue };
        let label = order_label(&o);
        match OrderLock::take(&st.store, &o.object_id).await {
            Ok(l) => e._lock = Some(l),
            Err(err) => {
                fail(e, err.to_string());
                continue;
            }
        }
        if let Err(err) = journal::settle_order(&st.client, &st.store, &o.object_id, &label, st.settle).await {
            fail(e, err.to_string());
            continue;
        }
        let id = o.object_id.clone();
        let live: Vec<_> = st
            .store
            .read_async(move |c| transactions::list_for_order(c, &id))
            .await?
            .into_iter()
            .filter(is_live_label)
            .collect();
        if let (Some(t), false) = (live.first(), opts.another) {
            let err = StationError::AlreadyLabelled {
                order: label.clone(),
                detail: format!("tracking {}", t.tracking_number.clone().unwrap_or_else(|| t.object_id.clone())),
            };
            emit(i, Step::Failed, &label, err.to_string());
            fail(e, err.to_string());
        }
    }

    // The batch's carrier account and service level: the rule's pick for the first order.
    let pick = opts.rule.clone().or_else(|| st.fixed_service.clone()).unwrap_or_else(|| RatePick::from(&settings.rate_rule));
    let (account, level) = match &pick {
        RatePick::Fixed { carrier_account, servicelevel } => (carrier_account.clone(), servicelevel.clone()),
        _ => {
            let Some(first) = entries.iter().find(|e| !e.done).and_then(|e| e.order.clone()) else {
                return Ok(summary(None, entries, None));
            };
            emit(0, Step::Rating, &order_label(&first), "Rating the first order to choose the batch's service.".into());
            let rates = rate_order(st, &first, &first.to_address, &settings).await?;
            let r = pick.pick(&rates).ok_or_else(|| StationError::NoRates("Shippo returned no priced rate for the batch.".into()))?;
            (
                r.carrier_account.clone().unwrap_or_default(),
                r.servicelevel.as_ref().and_then(|l| l.token.clone()).unwrap_or_default(),
            )
        }
    };

    // Journal rows, then the batch.
    let mut shipments = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for (i, e) in entries.iter_mut().enumerate() {
        if e.done {
            continue;
        }
        let Some(o) = e.order.clone() else { continue };
        let req = match shipment::build(&o, &settings, st.demo, &o.to_address) {
            Ok(r) => r,
            Err(err) => {
                emit(i, Step::Failed, &order_label(&o), err.to_string());
                fail(e, err.to_string());
                continue;
            }
        };
        let spec = serde_json::json!({ "batch": true, "carrier_account": account, "servicelevel_token": level });
        let oid = o.object_id.clone();
        let p = st.store.write_async(move |tx| purchases::begin(tx, &oid, &PurchaseTarget::Instalabel(spec))).await?;
        shipments.push(BatchShipmentCreateRequest {
            shipment: req,
            carrier_account: None,
            servicelevel_token: None,
            metadata: Some(journal::metadata_for(&p.key)),
        });
        by_key.insert(journal::metadata_for(&p.key), i);
        e.key = Some(p.key);
    }
    if shipments.is_empty() {
        return Ok(summary(None, entries, None));
    }
    let fail_pending = |entries: &mut Vec<Entry>, why: &str| {
        for e in entries.iter_mut().filter(|e| !e.done && e.key.is_some()) {
            e.item.error = Some(why.to_owned());
            e.done = true;
        }
    };
    let created = st
        .client
        .batches()
        .create(&BatchCreateRequest {
            default_carrier_account: account.clone(),
            default_servicelevel_token: level.clone(),
            label_filetype: Some(file_type(&settings)),
            metadata: Some(format!("shipbench batch of {}", shipments.len())),
            batch_shipments: shipments,
        })
        .await;
    let created = match created {
        Ok(b) => b,
        Err(err) => {
            // Nothing can have been bought: a batch only buys on its purchase call.
            for e in entries.iter().filter(|e| !e.done) {
                if let Some(k) = e.key.clone() {
                    let w = err.to_string();
                    st.store.write_async(move |tx| purchases::fail(tx, &k, &w)).await?;
                }
            }
            return Err(err.into());
        }
    };
    let batch_id = created.object_id.clone().unwrap_or_default();
    let fast = shippo::PollOptions { deadline: Duration::from_secs(300), interval: Duration::from_millis(50), max_interval: Duration::from_millis(250) };
    let validated = st.client.batches().wait(&batch_id, fast, |_| {}).await?;
    let all = batch_shipments(st, &batch_id).await?;
    let invalid: Vec<&shippo::BatchShipment> = all.iter().filter(|s| s.status.as_ref().is_some_and(|x| *x != BatchShipmentStatus::Valid)).collect();
    if validated.status == Some(BatchStatus::Invalid) || !invalid.is_empty() {
        let mut remove = Vec::new();
        for s in &invalid {
            let Some(&i) = s.metadata.as_ref().and_then(|m| by_key.get(m)) else { continue };
            let msgs: Vec<String> = s.messages.iter().map(|m| m.get("text").and_then(|t| t.as_str()).map(str::to_owned).unwrap_or_else(|| m.to_string())).collect();
            let why = format!("Shippo found the shipment invalid: {}. Fix the order or remove it, then buy it again.", msgs.join("; "));
            let label = entries[i].order.as_ref().map(order_label).unwrap_or_else(|| entries[i].given.clone());
            emit(i, Step::Failed, &label, why.clone());
            if let Some(k) = entries[i].key.clone() {
                let w = why.clone();
                st.store.write_async(move |tx| purchases::fail(tx, &k, &w)).await?;
            }
            fail(&mut entries[i], why);
            if let Some(id) = s.object_id.clone() {
                remove.push(id);
            }
        }
        if opts.stop_on_invalid {
            fail_pending(&mut entries, "Not bought: the batch was stopped because other shipments were invalid.");
            for e in entries.iter().filter(|e| e.item.transaction_id.is_none()) {
                if let Some(k) = e.key.clone() {
                    st.store.write_async(move |tx| {
                        if purchases::get(tx, &k)?.is_some_and(|p| p.state == purchases::PurchaseState::Pending) {
                            purchases::fail(tx, &k, "batch stopped before purchase")?;
                        }
                        Ok(())
                    }).await?;
                }
            }
            return Ok(summary(Some(batch_id), entries, None));
        }
        if !remove.is_empty() {
            st.client.batches().remove_shipments(&batch_id, &remove).await?;
        }
        if entries.iter().all(|e| e.done) {
            return Ok(summary(Some(batch_id), entries, None));
        }
    }

    // Purchase, then print each label as soon as it (and every one before it) is ready.
    let started = Instant::now();
    st.client.batches().purchase(&batch_id).await?;
    let mut first_label_ms = None;
    let mut cursor = 0usize;
    let deadline = Instant::now() + Duration::from_secs(600);
    loop {
        let b = st.client.batches().get(&batch_id, &BatchGetParams::default()).await?;
        let finished = !b.is_pending();
        let shipments = if finished { batch_shipments(st, &batch_id).await? } else { b.batch_shipments.clone().map(|p| p.results).unwrap_or_default() };
        for s in shipments {
            let (Some(tid), Some(&i)) = (s.transaction.clone(), s.metadata.as_ref().and_then(|m| by_key.get(m))) else { continue };
            if entries[i].done {
                continue;
            }
            let t = st.client.transactions().get(&tid).await?;
            let oid = entries[i].order.as_ref().map(|o| o.object_id.clone()).unwrap_or_default();
            let key = entries[i].key.clone().unwrap_or_default();
            if t.status == Some(shippo::TransactionStatus::Success) {
                let (record, label) = journal::store_bought(&st.client, &st.store, &oid, &t).await?;
                let tid2 = record.object_id.clone();
                st.store.write_async(move |tx| purchases::succeed(tx, &key, &tid2)).await?;
                entries[i].item.transaction_id = Some(record.object_id.clone());
                entries[i].item.tracking_number = record.tracking_number.clone();
                if let (Some(l), false) = (label, opts.no_print) {
                    let cfg = st.printq.printer_for(DocType::Label, Some(&l.file_type))?;
                    let job = st.printq.enqueue(NewPrintJob { label_id: Some(l.id), document_sha256: l.sha256, document_type: "label".into(), printer_name: cfg.name, reprint_of: None }).await?;
                    entries[i].item.print_job_id = Some(job.id);
                }
                entries[i].done = true;
            } else if !t.is_pending() {
                let why = journal::messages_sentence(&t.messages);
                let w = why.clone();
                st.store.write_async(move |tx| purchases::fail(tx, &key, &w)).await?;
                fail(&mut entries[i], format!("Shippo could not buy this label: {why}."));
            }
            // Each label goes to the printer as soon as it and every one before it are ready,
            // not after the whole page of the batch was read.
            print_ready(st, &entries, &mut cursor, &mut first_label_ms, started, &emit).await?;
        }
        print_ready(st, &entries, &mut cursor, &mut first_label_ms, started, &emit).await?;
        if finished || cursor >= entries.len() || Instant::now() > deadline {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // Anything still open was not in the purchased batch: settle its journal row later.
    for (i, e) in entries.iter_mut().enumerate().skip(cursor) {
        if !e.done {
            let why = "Shippo's batch finished without a label for this order; it will be checked again before any new purchase.".to_owned();
            emit(i, Step::Failed, &e.given, why.clone());
            fail(e, why);
        }
    }
    Ok(summary(Some(batch_id), entries, first_label_ms))
}

/// Prints, in the order given, every entry that is ready up to the first one still waiting, and
/// reports each as done or failed.
async fn print_ready(
    st: &Station,
    entries: &[Entry],
    cursor: &mut usize,
    first_label_ms: &mut Option<u64>,
    started: Instant,
    emit: &impl Fn(usize, Step, &str, String),
) -> Result<()> {
    while *cursor < entries.len() && entries[*cursor].done {
        let e = &entries[*cursor];
        let label = e.order.as_ref().map(order_label).unwrap_or_else(|| e.given.clone());
        if let Some(job) = e.item.print_job_id {
            let j = st.printq.print_now(job).await?;
            if first_label_ms.is_none() {
                *first_label_ms = Some(started.elapsed().as_millis() as u64);
            }
            emit(*cursor, Step::Printing, &label, crate::printq::job_sentence(&j));
        }
        match (&e.item.tracking_number, &e.item.error) {
            (_, Some(err)) => emit(*cursor, Step::Failed, &label, err.clone()),
            (t, None) => emit(*cursor, Step::Done, &label, format!("Label {} bought.", t.clone().unwrap_or_default())),
        }
        *cursor += 1;
    }
    Ok(())
}

async fn batch_shipments(st: &Station, id: &str) -> Result<Vec<shippo::BatchShipment>> {
    let mut out = Vec::new();
    for page in 1..=100u32 {
        let b = st
            .client
            .batches()
            .get(id, &BatchGetParams { page: Some(page), results: Some(100), ..Default::default() })
            .await?;
        let p = b.batch_shipments.unwrap_or_default();
        let n = p.results.len();
        out.extend(p.results);
        if p.next.is_none() || n == 0 {
            break;
        }
    }
    Ok(out)
}

fn summary(batch_id: Option<String>, entries: Vec<Entry>, first_label_ms: Option<u64>) -> BatchSummary {
    let items: Vec<BatchItem> = entries.into_iter().map(|e| e.item).collect();
    BatchSummary {
        batch_id,
        bought: items.iter().filter(|i| i.transaction_id.is_some()).count(),
        failed: items.iter().filter(|i| i.error.is_some()).count(),
        items,
        first_label_ms,
    }
}
