//! Warehouse mode in buy & print: the order's claim in the shared database, taken before rating
//! and buying, renewed while the purchase runs, released on every path; the shared journal row
//! around the POST; the label recorded for every bench to see; another bench's crashed purchase
//! reconciled from Shippo first. Without a warehouse every step here is a no-op.

use std::time::Duration;

use warehouse::{Claim, PurchaseState, SharedLabel, SharedPurchase, Warehouse, WarehouseError};

use crate::error::{Result, StationError};
use crate::store::orders::Order;
use crate::store::purchases::{self, PurchaseState as LocalState};
use crate::store::time;
use crate::warehouse::outbox::{self, Unreported};

use super::context::Ctx;
use super::guard::{is_live_at_shippo, labels_at_shippo};
use super::shipment::order_label;
use super::{BuyOptions, BuyOutcome, ProgressSink, Step};

/// This attempt's standing in the warehouse.
#[derive(Debug)]
pub enum Hold {
    /// No warehouse is set up: a single bench.
    Alone,
    /// The order is claimed; `begun` once the shared journal row is written.
    Claimed {
        /// The claim.
        claim: Claim,
        /// The shared journal row exists.
        begun: bool,
        /// When the attempt started.
        since: chrono::DateTime<chrono::Utc>,
    },
    /// The warehouse is down and the operator chose to buy without its check.
    Unchecked {
        /// The attempt's id.
        attempt: String,
        /// When the attempt started.
        since: chrono::DateTime<chrono::Utc>,
    },
}

fn down(order: &Order, e: &WarehouseError) -> StationError {
    StationError::WarehouseDown { order: order_label(order), detail: e.to_string() }
}

fn lost(order: &Order, e: WarehouseError) -> StationError {
    match e {
        WarehouseError::Claimed { bench, .. } => StationError::OrderLocked { order_id: order_label(order), owner: format!("bench {bench}") },
        WarehouseError::ClaimLost(_) => StationError::OrderLocked { order_id: order_label(order), owner: "another bench (this bench's claim ran out)".into() },
        e if e.is_down() => down(order, &e),
        e => e.into(),
    }
}

/// Claims the order in the warehouse (before rating and buying), and settles another bench's
/// crashed purchase of it first. Refuses with [`StationError::WarehouseDown`] when the server is
/// down, unless the operator chose to buy without the check (`opts.without_warehouse`).
pub async fn take(cx: &Ctx<'_>, order: &Order, opts: &BuyOptions, progress: &ProgressSink) -> Result<Hold> {
    let Some(link) = cx.warehouse else { return Ok(Hold::Alone) };
    let since = chrono::Utc::now();
    let w = &link.warehouse;
    match w.claim(&order.object_id, link.claim_ttl).await {
        Ok(claim) => {
            if let Err(e) = outbox::report(cx.store, w).await {
                tracing::warn!("purchases made without the warehouse check are not reported yet: {e}");
            }
            // The followed settings profile, as the warehouse has it now (rating and buying read
            // the copy this keeps; when the server is down the last copy stays in force).
            crate::warehouse::profile::refresh_quietly(cx.store, w).await;
            settle_orphans(cx, w, &claim, order, progress).await.map_err(|e| match e {
                StationError::Warehouse(e) => lost(order, e),
                e => e,
            })?;
            Ok(Hold::Claimed { claim, begun: false, since })
        }
        Err(e) if e.is_down() && opts.without_warehouse => {
            tracing::warn!(order = %order.object_id, "buying without the warehouse check, as the operator chose: {e}");
            progress.step(
                Step::Buying,
                &order_label(order),
                "The warehouse is down: buying without its check, as you chose. This purchase is reported to the warehouse when it is back.",
            );
            Ok(Hold::Unchecked { attempt: uuid::Uuid::now_v7().to_string(), since })
        }
        Err(e) => Err(lost(order, e)),
    }
}

/// Another bench's PENDING purchase of this order (its claim ran out: it crashed or lost the
/// server mid-purchase): Shippo says whether it bought. Found: the label is recorded for that
/// bench and the guard then finds it at Shippo. Not found once the settle window has passed:
/// the row is FAILED and this bench may buy.
async fn settle_orphans(cx: &Ctx<'_>, w: &Warehouse, claim: &Claim, order: &Order, progress: &ProgressSink) -> Result<()> {
    let label = order_label(order);
    for p in w.orphaned_purchases(claim).await? {
        progress.step(
            Step::Reconciling,
            &label,
            format!("Bench {} started buying this order and stopped; checking with Shippo whether that label was bought.", p.bench),
        );
        loop {
            let live: Vec<shippo::Transaction> =
                labels_at_shippo(cx, &order.object_id).await?.into_iter().filter(is_live_at_shippo).collect();
            if let Some(t) = live.first() {
                let tid = t.object_id.clone().unwrap_or_default();
                w.record_label(&shared_label_of(&p, t)).await?;
                let why = format!("label found at Shippo by bench {}", w.bench());
                w.finish_purchase(&p.attempt, PurchaseState::Succeeded, Some(&tid), Some(&why)).await?;
                tracing::info!(order = %order.object_id, bench = %p.bench, transaction = %tid, "another bench's interrupted purchase went through");
                break;
            }
            let age = (chrono::Utc::now() - p.started_at).to_std().unwrap_or_default();
            if age >= cx.settle {
                let why = format!("Shippo has no label {} s after bench {} started; nothing was bought (settled by bench {})", age.as_secs(), p.bench, w.bench());
                w.finish_purchase(&p.attempt, PurchaseState::Failed, None, Some(&why)).await?;
                tracing::info!(order = %order.object_id, bench = %p.bench, "another bench's interrupted purchase bought nothing");
                break;
            }
            claim.confirm().await?;
            tokio::time::sleep((cx.settle - age).min(Duration::from_millis(250))).await;
        }
    }
    Ok(())
}

fn shared_label_of(p: &SharedPurchase, t: &shippo::Transaction) -> SharedLabel {
    SharedLabel {
        transaction_id: t.object_id.clone().unwrap_or_default(),
        order_id: p.order_id.clone(),
        order_number: p.order_number.clone(),
        bench: p.bench.clone(),
        tracking_number: t.tracking_number.clone(),
        service: None,
        price: None,
        status: t.status.as_ref().map(|s| s.as_str().to_owned()).unwrap_or_else(|| "SUCCESS".into()),
        unchecked: false,
        bought_at: t.object_created.as_ref().map(|c| c.0).unwrap_or(p.started_at),
    }
}

impl Hold {
    /// Right before money is spent: the claim is still ours (renewed), and the shared journal
    /// row is written. Nothing was bought when this fails.
    pub async fn buying(&mut self, order: &Order) -> Result<()> {
        let Hold::Claimed { claim, begun, .. } = self else { return Ok(()) };
        claim.confirm().await.map_err(|e| lost(order, e))?;
        let w = claim.warehouse().clone();
        w.begin_purchase(claim, order.order_number.as_deref()).await.map_err(|e| lost(order, e))?;
        *begun = true;
        Ok(())
    }

    /// After the attempt, whatever its end: the labels it bought are recorded for every bench
    /// (or kept for reporting when unchecked), the journal row settled, the claim released.
    pub async fn finish(self, cx: &Ctx<'_>, order: &Order, result: &Result<BuyOutcome>) {
        if let Hold::Alone = self {
            return;
        }
        let since = match &self {
            Hold::Claimed { since, .. } | Hold::Unchecked { since, .. } => *since,
            Hold::Alone => return,
        };
        let bought = match bought_in_attempt(cx, order, result, since).await {
            Ok(b) => b,
            Err(e) => {
                tracing::warn!(order = %order.object_id, "could not read what this attempt bought: {e}");
                (Vec::new(), true)
            }
        };
        let (labels, pending) = bought;
        match self {
            Hold::Alone => {}
            Hold::Unchecked { attempt, .. } => {
                let rows: Vec<Unreported> = labels
                    .into_iter()
                    .enumerate()
                    .map(|(i, l)| Unreported {
                        attempt: if i == 0 { attempt.clone() } else { format!("{attempt}-{i}") },
                        order_id: order.object_id.clone(),
                        order_number: order.order_number.clone(),
                        transaction_id: Some(l.transaction_id),
                        tracking_number: l.tracking_number,
                        service: l.service,
                        price: l.price,
                        status: l.status,
                        bought_at: time::now(),
                    })
                    .collect();
                if let Err(e) = cx.store.write_async(move |tx| rows.iter().try_for_each(|r| outbox::add(tx, r))).await {
                    tracing::warn!(order = %order.object_id, "a purchase made without the warehouse check was not kept for reporting: {e}");
                }
            }
            Hold::Claimed { claim, begun, .. } => {
                let w = claim.warehouse().clone();
                let finished = async {
                    for l in &labels {
                        w.record_label(&SharedLabel { bench: w.bench().to_owned(), order_number: order.order_number.clone(), ..l.clone() })
                            .await?;
                    }
                    if begun {
                        match (labels.first(), pending) {
                            (Some(l), _) => w.finish_purchase(claim.attempt(), PurchaseState::Succeeded, Some(&l.transaction_id), None).await?,
                            // Money may have been spent and it is not known yet: the row stays
                            // PENDING, to be settled from Shippo by whichever bench claims next.
                            (None, true) => {}
                            (None, false) => {
                                let why = result.as_ref().err().map(|e| e.to_string());
                                w.finish_purchase(claim.attempt(), PurchaseState::Failed, None, why.as_deref()).await?
                            }
                        }
                    }
                    Ok::<(), WarehouseError>(())
                };
                if let Err(e) = finished.await {
                    tracing::warn!(order = %order.object_id, "the warehouse did not get this purchase's outcome: {e}");
                }
                if let Err(e) = claim.release().await {
                    tracing::warn!(order = %order.object_id, "the warehouse claim was not released (it runs out by itself): {e}");
                }
            }
        }
    }
}

/// The labels this attempt bought (from the outcome, else from the local journal rows started
/// since the attempt began), and whether a purchase of it is still unsettled.
async fn bought_in_attempt(
    cx: &Ctx<'_>,
    order: &Order,
    result: &Result<BuyOutcome>,
    since: chrono::DateTime<chrono::Utc>,
) -> Result<(Vec<SharedLabel>, bool)> {
    let id = order.object_id.clone();
    let rows = cx.store.read_async(move |c| purchases::list_for_order(c, &id)).await?;
    let recent: Vec<_> = rows
        .into_iter()
        .filter(|p| time::parse(&p.created_at).is_some_and(|t| t >= since - chrono::Duration::seconds(1)))
        .collect();
    let pending = recent.iter().any(|p| p.state == LocalState::Pending);
    let mut out = Vec::new();
    let base = |tid: String| SharedLabel {
        transaction_id: tid,
        order_id: order.object_id.clone(),
        order_number: order.order_number.clone(),
        bench: String::new(),
        tracking_number: None,
        service: None,
        price: None,
        status: "SUCCESS".into(),
        unchecked: false,
        bought_at: chrono::Utc::now(),
    };
    if let Ok(o) = result {
        out.push(SharedLabel {
            tracking_number: o.tracking_number.clone(),
            service: o.service.clone(),
            price: o.price.clone(),
            ..base(o.transaction_id.clone())
        });
    }
    for p in recent.iter().filter(|p| p.state == LocalState::Succeeded) {
        let Some(tid) = p.transaction_id.clone() else { continue };
        if out.iter().any(|l| l.transaction_id == tid) {
            continue;
        }
        let t = tid.clone();
        let rec = cx.store.read_async(move |c| crate::store::transactions::get(c, &t)).await?;
        let mut l = base(tid);
        if let Some(r) = rec {
            l.tracking_number = r.tracking_number;
            l.status = r.status;
        }
        out.push(l);
    }
    Ok((out, pending))
}
