//! One page of the order listing: fetch it with the pass's filters, store its orders together
//! with the cursor in one transaction, and move the cursor on (to the next page, the next pass,
//! or the end).

use shippo::api::orders::OrderListParams;
use shippo::OrderStatus;

use super::convert;
use crate::error::Result;
use crate::store::orders;
use crate::store::sync_state::{self, OrderSyncState, SyncCursor, SyncPass};
use crate::store::Store;

/// Statuses of orders that still need a label.
pub(super) const AWAITING: [OrderStatus; 4] =
    [OrderStatus::Unknown, OrderStatus::AwaitPay, OrderStatus::Paid, OrderStatus::PartiallyFulfilled];
/// Statuses of the rest of the history.
pub(super) const REST: [OrderStatus; 3] = [OrderStatus::Shipped, OrderStatus::Cancelled, OrderStatus::Refunded];

impl SyncPass {
    /// The `order_status[]` filter of this pass (empty: every order).
    pub fn statuses(self) -> &'static [OrderStatus] {
        match self {
            SyncPass::All => &[],
            SyncPass::Awaiting => &AWAITING,
            SyncPass::Rest => &REST,
        }
    }
}

/// What one page did.
pub(super) enum PageOutcome {
    /// The page was past the end (orders vanished between a kill and the resume): the run is done.
    PastTheEnd,
    /// The page's orders are stored.
    Stored {
        /// Orders new to the cache.
        new: u64,
        /// Orders whose status changed.
        changed: u64,
        /// True when this was the last page of the last pass.
        finished: bool,
    },
}

/// Fetches and stores the page `cursor` points at, and advances `cursor` (saved with the page).
pub(super) async fn list_one(
    client: &shippo::Client,
    store: &Store,
    state: &mut OrderSyncState,
    cursor: &mut SyncCursor,
) -> Result<PageOutcome> {
    let params = OrderListParams {
        page: Some(cursor.next_page),
        results: Some(cursor.page_size),
        start_date: cursor.start_date.clone(),
        order_status: cursor.pass.statuses().to_vec(),
        ..OrderListParams::default()
    };
    let page = match client.orders().list(&params).await {
        Ok(p) => p,
        Err(shippo::Error::Api { status: 404, .. }) if cursor.next_page > 1 => {
            if cursor.pass != SyncPass::Awaiting {
                return Ok(PageOutcome::PastTheEnd);
            }
            cursor.pass = SyncPass::Rest;
            cursor.next_page = 1;
            state.in_progress = Some(cursor.clone());
            let s = state.clone();
            store.write_async(move |tx| sync_state::put_orders(tx, &s)).await?;
            return Ok(PageOutcome::Stored { new: 0, changed: 0, finished: false });
        }
        Err(e) => return Err(e.into()),
    };
    let has_next = page.next.is_some();
    let mut batch = Vec::with_capacity(page.results.len());
    let mut embedded = Vec::new();
    let mut all_before_start = !page.results.is_empty();
    let mut filter_ignored = false;
    for o in &page.results {
        let Some(order) = convert::order(o) else {
            tracing::warn!("Shippo listed an order without an object_id; skipped");
            continue;
        };
        match &cursor.start_date {
            Some(start) if order.placed_at.as_str() < start.as_str() => {}
            _ => all_before_start = false,
        }
        let wanted = cursor.pass.statuses();
        if !wanted.is_empty() && o.order_status.as_ref().is_some_and(|s| !wanted.contains(s)) {
            filter_ignored = true;
        }
        embedded.extend(convert::embedded_transactions(o));
        batch.push(order);
    }
    cursor.next_page += 1;
    cursor.done += batch.len() as u64;
    for o in &batch {
        if cursor.max_placed_at.as_deref().is_none_or(|m| o.placed_at.as_str() > m) {
            cursor.max_placed_at = Some(o.placed_at.clone());
        }
    }
    if filter_ignored && cursor.pass != SyncPass::All {
        // Shippo listed every order: this listing is the whole history, no second pass.
        tracing::warn!(pass = ?cursor.pass, "Shippo ignored the order_status filter; listing every order in one pass");
        cursor.pass = SyncPass::All;
    }
    let pass_over = !has_next || all_before_start;
    let finished = pass_over && cursor.pass != SyncPass::Awaiting;
    if pass_over && !finished {
        tracing::info!(orders = cursor.done, "orders awaiting shipment synced; fetching the rest of the history");
        cursor.pass = SyncPass::Rest;
        cursor.next_page = 1;
    }
    state.in_progress = Some(cursor.clone());
    let s = state.clone();
    let (new, changed) = store
        .write_async(move |tx| {
            let (mut new, mut changed) = (0u64, 0u64);
            for o in &batch {
                match orders::upsert(tx, o)? {
                    None => new += 1,
                    Some(prev) if prev != o.status => changed += 1,
                    Some(_) => {}
                }
            }
            for t in &embedded {
                crate::store::transactions::upsert(tx, t)?;
            }
            sync_state::put_orders(tx, &s)?;
            Ok((new, changed))
        })
        .await?;
    Ok(PageOutcome::Stored { new, changed, finished })
}
