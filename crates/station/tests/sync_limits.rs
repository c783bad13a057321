//! Sync under Shippo's real rate limits: the simulator's limits ON (10 list GETs per window in
//! test mode, counted in fixed windows), a shortened window so the test takes seconds, the
//! production pacer with the same window. Real HTTP on 127.0.0.1, a real SQLite file.

mod sync_common;

use std::time::{Duration, Instant};

use station::sync::{sync_orders, SyncNoticeKind, SyncOptions, SyncPass, SyncPhase, SyncProgress};
use station::Store;

/// Shippo's list limit in test mode: 10 per window.
const LIST_LIMIT: u32 = 10;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_first_sync_of_2000_orders_under_the_limits_is_paced_and_never_throttled() {
    let window = Duration::from_millis(2000);
    let sim = sync_common::sim_limited(2000, window).await;
    let client = sync_common::client_paced(&sim.base_url(), window);
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path().join("shipbench.db")).expect("open");

    let started = Instant::now();
    let mut events: Vec<(Duration, SyncProgress)> = Vec::new();
    // What the cache held when the last page of orders awaiting shipment was reported.
    let mut after_awaiting: Option<(i64, i64)> = None;
    let report = sync_orders(&client, &store, &SyncOptions::default(), |p| {
        if p.phase == SyncPhase::Orders && p.notice.is_none() && p.pass == SyncPass::Awaiting {
            after_awaiting = Some(sync_common::awaiting_and_rest(&store));
        }
        events.push((started.elapsed(), p));
    })
    .await
    .expect("the sync completes under the limits");
    let total = started.elapsed();

    assert!(report.full);
    assert_eq!(report.orders_seen, 2000);
    assert_eq!(report.cached_orders, 2000);
    assert_eq!(report.transactions_failed, 0);
    let (orders, search_rows, addresses, _) = sync_common::counts(&store);
    assert_eq!((orders, search_rows, addresses), (2000, 2000, 4000), "no duplicates");

    // No 429 reached the caller, and the pacer kept the simulator from sending any.
    let throttled = sim.throttled_count();
    let rate_notices = events
        .iter()
        .filter(|(_, p)| p.notice.as_ref().is_some_and(|n| n.kind == SyncNoticeKind::RateLimited))
        .count();
    assert_eq!(throttled, 0, "the simulator answered 429 {throttled} times");
    assert_eq!(rate_notices, 0);

    // Orders awaiting shipment first: when their last page was stored the cache held every one
    // of them and none of the older history.
    let (awaiting, rest) = sync_common::awaiting_and_rest(&store);
    assert!(awaiting > 0 && rest > 0, "the demo shop has both: {awaiting} / {rest}");
    assert_eq!(after_awaiting, Some((awaiting, 0)), "all {awaiting} awaiting orders, nothing else, before the history");

    // The listing took pages ÷ limit windows, within 10 %.
    let list_end = events
        .iter()
        .filter(|(_, p)| p.phase == SyncPhase::Orders && p.notice.is_none())
        .map(|(t, _)| *t)
        .max()
        .expect("order pages");
    let pages = report.pages;
    let expected = window.mul_f64(f64::from(pages) / f64::from(LIST_LIMIT));
    eprintln!(
        "2000 orders, {pages} list pages, window {window:?}, limit {LIST_LIMIT}/window: expected {:.2} s, listing took {:.2} s, whole sync {:.2} s; 429s sent by the simulator: {throttled}; transactions fetched: {}",
        expected.as_secs_f64(),
        list_end.as_secs_f64(),
        total.as_secs_f64(),
        report.transactions_fetched
    );
    assert!(
        list_end >= expected.mul_f64(0.9) && list_end <= expected.mul_f64(1.1),
        "listing {pages} pages took {list_end:?}, expected {expected:?} ± 10 %"
    );
}

#[tokio::test]
async fn a_429_is_waited_out_in_full_and_the_sync_says_so_and_goes_on() {
    let sim = sync_common::sim(250).await;
    let client = sync_common::client(&sim.base_url());
    let store = Store::open_in_memory().expect("store");
    sim.faults().set(shippo_sim::Faults { status_429_nth: Some(2), ..Default::default() });
    let opts = SyncOptions { page_size: 50, fetch_transactions: false, ..SyncOptions::default() };

    let mut events = Vec::new();
    let started = Instant::now();
    let report = sync_orders(&client, &store, &opts, |p| events.push(p)).await.expect("the sync goes on after a 429");
    let took = started.elapsed();
    assert_eq!(report.cached_orders, 250);
    let waits: Vec<_> = events.iter().filter_map(|p| p.notice.as_ref()).collect();
    assert!(
        waits.iter().any(|n| n.kind == SyncNoticeKind::RateLimited
            && n.message == "Waiting for Shippo's rate limit, resuming in 1 s."),
        "{waits:?}"
    );
    assert!(took >= Duration::from_millis(950), "Retry-After: 1 was waited in full, took {took:?}");
    // The notice repeats the counts of the last stored page (the first page, 50 orders).
    let notice = events.iter().find(|p| p.notice.is_some()).expect("a notice");
    assert_eq!((notice.phase, notice.done), (SyncPhase::Orders, 50));
}

#[tokio::test]
async fn a_first_sync_dropped_in_the_awaiting_pass_resumes_there_then_lists_the_rest() {
    let sim = sync_common::sim(600).await;
    let client = sync_common::client(&sim.base_url());
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("shipbench.db");
    let store = Store::open(&path).expect("open");
    let opts = SyncOptions { page_size: 50, fetch_transactions: false, ..SyncOptions::default() };

    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let mut tx = Some(tx);
    let sync = sync_orders(&client, &store, &opts, move |p| {
        if p.phase == SyncPhase::Orders && p.done == 100 {
            if let Some(tx) = tx.take() {
                let _ = tx.send(());
            }
        }
    });
    tokio::select! {
        biased;
        _ = rx => {}
        r = sync => panic!("the sync should have been dropped, it ended with {r:?}"),
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    drop(store);
    let store = Store::open(&path).expect("reopen");
    let cursor = store
        .read(station::store::sync_state::orders)
        .expect("state")
        .in_progress
        .expect("a cursor");
    assert_eq!((cursor.pass, cursor.next_page, cursor.done), (SyncPass::Awaiting, 3, 100));
    assert_eq!(sync_common::awaiting_and_rest(&store), (100, 0), "only awaiting orders so far");

    let mut passes = Vec::new();
    let report = sync_orders(&client, &store, &opts, |p| {
        if p.phase == SyncPhase::Orders {
            passes.push(p.pass);
        }
    })
    .await
    .expect("resumed");
    assert!(report.resumed);
    assert_eq!(report.orders_seen, 600);
    let first_rest = passes.iter().position(|p| *p == SyncPass::Rest).expect("a second pass");
    assert!(passes[..first_rest].iter().all(|p| *p == SyncPass::Awaiting), "{passes:?}");
    let (orders, search_rows, addresses, _) = sync_common::counts(&store);
    assert_eq!((orders, search_rows, addresses), (600, 600, 1200));
    assert!(store.read(station::store::sync_state::orders).expect("state").in_progress.is_none());
}
