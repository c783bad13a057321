//! Batch buy & print: many orders, one service, each label printed as soon as it (and every one
//! before it) is ready, in the order given, with "n of N" progress and a summary.
//!
//! A batch is many single buys sharing one service: repeated orders are removed first, and every
//! order goes through the same guard, lock, journal, order link and two-bench check as a single
//! buy ([`super::buy`]). Labels are bought with Instalabel (`POST /transactions` with the order
//! link), a few at a time, rather than through Shippo's batch object: a batch shipment cannot
//! carry its order, and a label without its order is invisible to another bench.

use std::collections::HashSet;
use std::time::Instant;

use futures::StreamExt;
use serde::{Deserialize, Serialize};

use crate::error::{Result, StationError};
use crate::store::{batches, labels};
use crate::store::orders::Order;
use crate::store::settings;

use super::buy::{self, find_order, rate_order};
use super::context::Ctx;
use super::rules::RatePick;
use super::shipment::order_label;
use super::{AddressChoice, BuyOptions, BuyOutcome, Progress, ProgressSink, Step};

mod resume;

/// How many purchases of one batch run at once.
const IN_FLIGHT: usize = 4;

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
    /// Buy even though the label printer does not answer now: the labels wait in the print queue
    /// (the operator's "Buy anyway, print later"). Without it a batch whose printer is not ready is
    /// refused before anything is bought.
    pub print_when_back: bool,
}

/// One order's result.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
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
    /// Shippo's batch id (none: a batch buys each label with its order link, see the module).
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

/// Runs a batch.
pub async fn run(cx: &Ctx<'_>, given: &[String], opts: &BatchOptions, progress: &ProgressSink) -> Result<BatchSummary> {
    printer_ready(cx, opts).await?;
    run_with(cx, given, opts, progress, None, &|_| {}).await
}

/// What a recorded batch tells its caller as it goes (the window's progress bar and result rows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BatchEvent {
    /// The orders are resolved (repeats removed, unknown ones failed): the batch's list.
    Resolved(Vec<BatchItem>),
    /// One order is settled (bought, and printed unless asked not to; or failed), in list order.
    Settled(BatchItem),
}

/// Runs a batch kept in the store (see [`crate::store::batches`]): each order's result is written
/// as it comes, so a window closed mid-batch finds it again. Returns the batch number and summary.
pub async fn run_recorded(
    cx: &Ctx<'_>,
    given: &[String],
    opts: &BatchOptions,
    progress: &ProgressSink,
    on_event: &(dyn Fn(BatchEvent) + Send + Sync),
) -> Result<(i64, BatchSummary)> {
    printer_ready(cx, opts).await?;
    let list = given.to_vec();
    let id = cx.store.write_async(move |tx| batches::create(tx, &list)).await?;
    let summary = run_with(cx, given, opts, progress, Some(id), on_event).await?;
    cx.store.write_async(move |tx| batches::finish(tx, id)).await?;
    Ok((id, summary))
}

/// Tries again the orders of batch `id` that failed or were never settled (an interrupted batch).
/// Bought ones are never bought again: they are not retried, and every order still passes the buy
/// guard (an order that got its label meanwhile is reported as already labelled).
pub async fn retry_recorded(
    cx: &Ctx<'_>,
    id: i64,
    opts: &BatchOptions,
    progress: &ProgressSink,
    on_event: &(dyn Fn(BatchEvent) + Send + Sync),
) -> Result<(i64, BatchSummary)> {
    let stored = cx
        .store
        .read_async(move |c| batches::get(c, id))
        .await?
        .ok_or_else(|| StationError::InvalidOrder(format!("There is no batch {id}.")))?;
    let again: Vec<String> =
        stored.items.iter().filter(|i| i.transaction_id.is_none()).map(|i| i.order.clone()).collect();
    printer_ready(cx, opts).await?;
    let reopen = again.clone();
    cx.store.write_async(move |tx| batches::reopen(tx, id, &reopen)).await?;
    let again = resume::take_bought(cx, id, &stored.created_at, again, opts).await?;
    let summary = run_with(cx, &again, opts, progress, Some(id), on_event).await?;
    cx.store.write_async(move |tx| batches::finish(tx, id)).await?;
    Ok((id, summary))
}

/// Before any money is spent: the label printer is there and answers (unless the batch does not
/// print, or the operator chose to print later). A refused batch buys nothing and records nothing.
async fn printer_ready(cx: &Ctx<'_>, opts: &BatchOptions) -> Result<()> {
    if opts.no_print || opts.print_when_back {
        return Ok(());
    }
    let settings = cx.store.read_async(settings::load).await?;
    super::printer_check::label_printer_ready(cx.printq, &settings).await.map(|_| ())
}

async fn run_with(
    cx: &Ctx<'_>,
    given: &[String],
    opts: &BatchOptions,
    progress: &ProgressSink,
    record_in: Option<i64>,
    on_event: &(dyn Fn(BatchEvent) + Send + Sync),
) -> Result<BatchSummary> {
    let (mut items, orders) = resolve(cx, given).await;
    let total = items.len();
    if let Some(id) = record_in {
        let settled: Vec<BatchItem> = items.iter().filter(|i| i.error.is_some()).cloned().collect();
        cx.store
            .write_async(move |tx| settled.iter().try_for_each(|it| batches::record(tx, id, it)))
            .await?;
    }
    on_event(BatchEvent::Resolved(items.clone()));
    let settle = |item: BatchItem| async move {
        if let Some(id) = record_in {
            let it = item.clone();
            if let Err(e) = cx.store.write_async(move |tx| batches::record(tx, id, &it)).await {
                tracing::warn!(batch = id, error = %e, "could not record a batch result");
            }
        }
        on_event(BatchEvent::Settled(item));
    };
    let rule = match batch_service(cx, &orders, opts, progress).await {
        Ok(Some(rule)) => rule,
        Ok(None) => return Ok(summary(items, None)),
        Err(e) => {
            // No service for the batch (no rates, Shippo unreachable): every order fails with it.
            for (item, o) in items.iter_mut().zip(&orders) {
                if o.is_some() && item.error.is_none() {
                    item.error = Some(e.to_string());
                    settle(item.clone()).await;
                }
            }
            return Ok(summary(items, None));
        }
    };
    let buy_opts = BuyOptions { rule: Some(rule), no_print: true, another: opts.another, address: AddressChoice::Skip, rate_id: None, ..Default::default() };
    let in_flight = if opts.stop_on_invalid { 1 } else { IN_FLIGHT };
    let started = Instant::now();
    let mut first_label_ms = None;
    let mut stopped = false;
    // Indices, not `orders.iter()`: a stream closure over borrowed items is not `Send` for every
    // lifetime, and the window's commands need a `Send` future.
    let orders_ref = &orders;
    let mut results = futures::stream::iter(0..orders.len())
        .map(|i| {
            let sink = nth_sink(progress, i, total);
            let buy_opts = &buy_opts;
            async move {
                match &orders_ref[i] {
                    Some(o) => Some(buy::buy_locked(cx, o, buy_opts, &sink).await),
                    None => None,
                }
            }
        })
        .buffered(in_flight)
        .enumerate();
    while let Some((i, result)) = results.next().await {
        let label = orders[i].as_ref().map(order_label).unwrap_or_else(|| items[i].order.clone());
        let emit = |step, msg: String| progress.emit(Progress::new(step, &label, msg).nth(i + 1, total));
        match result {
            None => {}
            Some(Ok(out)) => {
                record(&mut items[i], &out);
                if !opts.no_print {
                    print_item(cx, &mut items[i], &out, &label, &emit).await;
                    first_label_ms.get_or_insert(started.elapsed().as_millis() as u64);
                }
            }
            Some(Err(e)) => {
                if items[i].error.is_none() {
                    items[i].error = Some(e.to_string());
                }
                stopped |= opts.stop_on_invalid;
            }
        }
        match (&items[i].error, &items[i].tracking_number) {
            (Some(err), _) => emit(Step::Failed, err.clone()),
            (None, t) => emit(Step::Done, format!("Label {} bought.", t.clone().unwrap_or_default())),
        }
        if orders[i].is_some() {
            settle(items[i].clone()).await;
        }
        if stopped {
            // Orders not started yet are not bought; the one in flight (at most one) finishes.
            for item in items.iter_mut().skip(i + 1).filter(|it| it.error.is_none()) {
                item.error = Some("Not bought: the batch was stopped because an earlier order failed.".into());
                settle(item.clone()).await;
            }
            break;
        }
    }
    Ok(summary(items, first_label_ms))
}

/// The guard's first step for a batch: each order found in the cache, repeats removed (the same
/// spelling twice, or "#1264" and "1264", are one order, bought once).
async fn resolve(cx: &Ctx<'_>, given: &[String]) -> (Vec<BatchItem>, Vec<Option<Order>>) {
    let given = unique(given);
    let mut items: Vec<BatchItem> = given.iter().map(|g| BatchItem { order: g.clone(), ..BatchItem::default() }).collect();
    let mut orders: Vec<Option<Order>> = Vec::with_capacity(given.len());
    for (i, g) in given.iter().enumerate() {
        match find_order(cx, g).await {
            Ok(o) => orders.push(Some(o)),
            Err(e) => {
                items[i].error = Some(e.to_string());
                orders.push(None);
            }
        }
    }
    // The same order named twice ("#1264" and "1264") is bought once: later mentions are removed.
    let mut seen = HashSet::new();
    let keep: Vec<bool> = orders.iter().map(|o| o.as_ref().is_none_or(|o| seen.insert(o.object_id.clone()))).collect();
    let mut k = keep.iter();
    items.retain(|_| *k.next().expect("same length"));
    let mut k = keep.iter();
    orders.retain(|_| *k.next().expect("same length"));
    (items, orders)
}

/// The orders as given, without exact repeats (the same spelling twice).
fn unique(given: &[String]) -> Vec<String> {
    let mut seen = HashSet::new();
    given.iter().map(|g| g.trim().to_owned()).filter(|g| seen.insert(g.clone())).collect()
}

fn nth_sink(outer: &ProgressSink, i: usize, total: usize) -> ProgressSink {
    let outer = outer.clone();
    ProgressSink::callback(move |p| outer.emit(p.nth(i + 1, total)))
}

/// The batch's carrier account and service level: the rule's fixed service, or the rule's pick
/// for the first order. None when no order is left to buy.
async fn batch_service(cx: &Ctx<'_>, orders: &[Option<Order>], opts: &BatchOptions, progress: &ProgressSink) -> Result<Option<RatePick>> {
    let settings = cx.store.read_async(settings::effective).await?;
    let pick = cx.rate_pick(opts.rule.as_ref(), &settings);
    if let RatePick::Fixed { .. } = pick {
        return Ok(Some(pick));
    }
    let Some(first) = orders.iter().flatten().next() else { return Ok(None) };
    progress.emit(Progress::new(Step::Rating, order_label(first), "Rating the first order to choose the batch's service.").nth(1, orders.len()));
    let rates = rate_order(cx, first, &first.to_address, &settings, &Default::default()).await?;
    let r = pick.pick(&rates).ok_or_else(|| StationError::NoRates("Shippo returned no priced rate for the batch.".into()))?;
    Ok(Some(RatePick::Fixed {
        carrier_account: r.carrier_account.clone().unwrap_or_default(),
        servicelevel: r.servicelevel.as_ref().and_then(|l| l.token.clone()).unwrap_or_default(),
    }))
}

fn record(item: &mut BatchItem, out: &BuyOutcome) {
    item.transaction_id = Some(out.transaction_id.clone());
    item.tracking_number = out.tracking_number.clone();
}

/// Prints one bought label; a printing failure is reported but the label stays bought.
async fn print_item(cx: &Ctx<'_>, item: &mut BatchItem, out: &BuyOutcome, label: &str, emit: &impl Fn(Step, String)) {
    let Some(label_id) = out.label_id else { return };
    let info = match cx.store.read_async(move |c| labels::get(c, label_id)).await {
        Ok(Some(info)) => info,
        Ok(None) => return emit(Step::Printing, "The label was bought but its file is not stored; reprint it later.".into()),
        Err(e) => return emit(Step::Printing, format!("The label was bought but not printed: {e}")),
    };
    match buy::print_label(cx, label, &info, &ProgressSink::none()).await {
        Ok(job) => {
            item.print_job_id = Some(job.id);
            emit(Step::Printing, crate::printq::job_sentence(&job));
        }
        Err(e) => emit(Step::Printing, format!("The label was bought but not printed: {e}")),
    }
}

fn summary(items: Vec<BatchItem>, first_label_ms: Option<u64>) -> BatchSummary {
    BatchSummary {
        batch_id: None,
        bought: items.iter().filter(|i| i.transaction_id.is_some()).count(),
        failed: items.iter().filter(|i| i.error.is_some()).count(),
        items,
        first_label_ms,
    }
}
