//! # Order sync: Shippo -> the local cache
//!
//! `GET /orders` lists orders **newest first by `placed_at`** and filters with `start_date`
//! (on `placed_at`, inclusive). The sync uses that:
//!
//! * **Full** (first run, or asked for) in two passes, so the bench is usable within seconds:
//!   first the orders that still need a label (`order_status[]` = UNKNOWN, AWAITPAY, PAID,
//!   PARTIALLY_FULFILLED), then the rest of the history (SHIPPED, CANCELLED, REFUNDED), each from
//!   page 1 until `next` is null. If Shippo ignores the status filter (the first pass lists an
//!   order in another status), the first pass already is the whole history and the second is
//!   skipped.
//! * **Incremental**: only orders placed since the last completed sync's high-water mark
//!   (newest `placed_at` seen) minus an overlap, widened to a refresh window (3 days by default) so
//!   status changes of recent orders (e.g. to SHIPPED by another bench) come in too. If the server
//!   ignores `start_date`, the sync stops at the first page that lies wholly before it.
//! * Every page is **upserted by object id in one transaction together with the cursor** (next
//!   page, page size, filter, high-water) in `sync_state`. A sync killed at any point (dropped
//!   future, crash, network fault) resumes at the next uncommitted page with the same filter and
//!   page size, and re-reading a page only rewrites the same rows: no duplicates. New orders
//!   arriving mid-sync push older ones to later pages, so pages overlap rather than skip.
//! * Then the orders' **transactions** that the cache does not hold yet are fetched by id
//!   (`GET /transactions/{id}`, a few at a time) so tracking numbers are searchable offline.
//! * Last, the **rates** of labels the cache holds without them (bought elsewhere: another bench,
//!   Shippo's web app) are fetched by the id the label names (`GET /rates/{id}`), so the history
//!   shows their carrier, service and price.
//!
//! Pacing comes from the client's rate limiter (`ClientConfig::pacing`: one list request every
//! window / N, so a sync never trips the limit); a 429 is waited out for its whole `Retry-After`
//! and the page asked again (the client's retry policy). SQLite work runs on the blocking pool; the
//! caller's progress callback gets [`SyncProgress`] after every committed page, and a progress
//! with a [`SyncNotice`] whenever the client waits ("Waiting for Shippo's rate limit, resuming in
//! 42 s.").

pub mod convert;
mod notices;
mod pages;
mod rates;
mod sentences;
mod transactions;

pub use crate::store::sync_state::SyncPass;
pub use notices::{SyncNotice, SyncNoticeKind};

use chrono::{Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::store::orders;
use crate::store::sync_state::{self, OrderSyncState, SyncCursor};
use pages::PageOutcome;
use crate::store::{time, Store};

/// Which kind of sync to run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SyncKind {
    /// Full if the cache never completed a sync, else incremental. An interrupted sync resumes.
    #[default]
    Auto,
    /// Every order (an interrupted full sync resumes where it stopped).
    Full,
    /// Orders placed since the last sync (and within the refresh window).
    Incremental,
}

/// How to sync.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncOptions {
    /// Which kind.
    pub kind: SyncKind,
    /// Orders per page (Shippo allows up to 100).
    pub page_size: u32,
    /// How far before the high-water mark an incremental sync starts (clock skew, late writes).
    pub overlap_minutes: i64,
    /// Incremental syncs re-read at least this many days, to catch status changes.
    pub refresh_days: i64,
    /// Fetch the transactions orders reference but the cache lacks, and the rates of cached
    /// labels whose rate the cache lacks.
    pub fetch_transactions: bool,
    /// How many transaction fetches run at once.
    pub transaction_concurrency: usize,
    /// A full sync lists the orders awaiting shipment first, then the rest (else one listing).
    pub awaiting_first: bool,
}

impl Default for SyncOptions {
    fn default() -> Self {
        SyncOptions {
            kind: SyncKind::Auto,
            page_size: 100,
            overlap_minutes: 60,
            refresh_days: 3,
            fetch_transactions: true,
            transaction_concurrency: 8,
            awaiting_first: true,
        }
    }
}

/// Which step a progress report is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SyncPhase {
    /// Listing orders.
    Orders,
    /// Fetching the orders' transactions.
    Transactions,
    /// Finished.
    Done,
}

/// Progress of a running sync, reported after every committed page, and whenever the client
/// has to wait (then `notice` says why and the counts repeat the last report).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncProgress {
    /// The step.
    pub phase: SyncPhase,
    /// Items stored so far in this step (for a resumed sync, including before the interruption).
    pub done: u64,
    /// Items expected in this step. Shippo's order list sends no count, so during the order step
    /// this is an estimate (the cache's size, or one more page than seen) until the last page.
    pub total: u64,
    /// True once `total` is exact.
    pub total_is_exact: bool,
    /// During the order step: which listing (awaiting shipment first, then the rest).
    pub pass: SyncPass,
    /// Set when the sync is waiting (a rate limit, a retry, a slow answer): the sentence to show.
    pub notice: Option<SyncNotice>,
}

/// What a sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncReport {
    /// True for a full sync.
    pub full: bool,
    /// True when it continued an interrupted sync.
    pub resumed: bool,
    /// The `start_date` it listed from (incremental).
    pub start_date: Option<String>,
    /// Pages fetched by this call.
    pub pages: u32,
    /// Orders stored in the whole run (including before a resume).
    pub orders_seen: u64,
    /// Orders new to the cache (this call).
    pub new_orders: u64,
    /// Orders whose status changed (this call).
    pub status_changes: u64,
    /// Transactions fetched (this call).
    pub transactions_fetched: u64,
    /// Transactions that could not be fetched (reported, not fatal).
    pub transactions_failed: u64,
    /// Rates of labels bought elsewhere fetched (this call): their carrier, service and price.
    pub rates_fetched: u64,
    /// Rates that could not be fetched (reported, not fatal).
    pub rates_failed: u64,
    /// Orders in the cache afterwards.
    pub cached_orders: u64,
}

/// Runs one sync of orders (and their transactions) into the store.
///
/// Cancel-safe: drop the future at any point and the next call resumes without duplicates.
pub async fn sync_orders(
    client: &shippo::Client,
    store: &Store,
    opts: &SyncOptions,
    mut progress: impl FnMut(SyncProgress) + Send,
) -> Result<SyncReport> {
    let (client, mut notices) = notices::forward(client);
    let (mut state, cached_at_start) = store
        .read_async(|c| Ok((sync_state::orders(c)?, orders::count(c)?)))
        .await?;
    let mut report = SyncReport::default();
    let mut cursor = match state.in_progress.clone() {
        Some(c) if opts.kind != SyncKind::Full || c.full => {
            report.resumed = true;
            c
        }
        _ => new_cursor(&state, opts),
    };
    report.full = cursor.full;
    report.start_date = cursor.start_date.clone();
    if !report.resumed {
        state.in_progress = Some(cursor.clone());
        let s = state.clone();
        store.write_async(move |tx| sync_state::put_orders(tx, &s)).await?;
    }
    tracing::info!(full = cursor.full, resumed = report.resumed, page = cursor.next_page,
        pass = ?cursor.pass, start_date = ?cursor.start_date, "order sync starting");

    let mut last = SyncProgress {
        phase: SyncPhase::Orders,
        done: cursor.done,
        total: estimate_total(cursor.done, cursor.page_size, cached_at_start, cursor.full),
        total_is_exact: false,
        pass: cursor.pass,
        notice: None,
    };
    loop {
        let step = pages::list_one(&client, store, &mut state, &mut cursor);
        let tell = |n: SyncNotice| progress(SyncProgress { notice: Some(n), ..last.clone() });
        let outcome = notices.drive(step, tell).await?;
        let (new, changed, finished) = match outcome {
            PageOutcome::PastTheEnd => break,
            PageOutcome::Stored { new, changed, finished } => (new, changed, finished),
        };
        report.pages += 1;
        report.new_orders += new;
        report.status_changes += changed;
        last = SyncProgress {
            phase: SyncPhase::Orders,
            done: cursor.done,
            total: if finished {
                cursor.done
            } else {
                estimate_total(cursor.done, cursor.page_size, cached_at_start, cursor.full)
            },
            total_is_exact: finished,
            pass: last.pass,
            notice: None,
        };
        progress(last.clone());
        last.pass = cursor.pass;
        if finished {
            break;
        }
    }

    report.orders_seen = cursor.done;
    state.high_water = match (state.high_water.take(), cursor.max_placed_at.clone()) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
    state.last_completed_at = Some(time::now());
    state.last_was_full = cursor.full;
    state.in_progress = None;
    let s = state.clone();
    store.write_async(move |tx| sync_state::put_orders(tx, &s)).await?;

    if opts.fetch_transactions {
        let (fetched, failed) =
            transactions::fetch_missing(&client, store, opts.transaction_concurrency, &mut notices, &mut progress)
                .await?;
        report.transactions_fetched = fetched;
        report.transactions_failed = failed;
        let (fetched, failed) =
            rates::fetch_missing(&client, store, opts.transaction_concurrency, &mut notices, &mut progress).await?;
        report.rates_fetched = fetched;
        report.rates_failed = failed;
    }
    report.cached_orders = store.read_async(orders::count).await?;
    progress(SyncProgress {
        phase: SyncPhase::Done,
        done: report.orders_seen,
        total: report.orders_seen,
        total_is_exact: true,
        pass: SyncPass::All,
        notice: None,
    });
    tracing::info!(?report, "order sync finished");
    Ok(report)
}

fn new_cursor(state: &OrderSyncState, opts: &SyncOptions) -> SyncCursor {
    let full = match opts.kind {
        SyncKind::Full => true,
        SyncKind::Incremental => state.high_water.is_none(),
        SyncKind::Auto => state.high_water.is_none() || state.last_completed_at.is_none(),
    };
    let start_date = if full {
        None
    } else {
        let refresh = Utc::now() - Duration::days(opts.refresh_days.max(0));
        let from_mark = state
            .high_water
            .as_deref()
            .and_then(time::parse)
            .map(|t| t - Duration::minutes(opts.overlap_minutes.max(0)));
        let start = match from_mark {
            Some(m) if m < refresh => m,
            _ => refresh,
        };
        Some(time::format(start))
    };
    SyncCursor {
        full,
        start_date,
        next_page: 1,
        page_size: opts.page_size.clamp(1, 100),
        done: 0,
        max_placed_at: None,
        started_at: time::now(),
        pass: if full && opts.awaiting_first { SyncPass::Awaiting } else { SyncPass::All },
    }
}

fn estimate_total(done: u64, page_size: u32, cached: u64, full: bool) -> u64 {
    let one_more = done + u64::from(page_size);
    if full {
        cached.max(one_more)
    } else {
        one_more
    }
}
