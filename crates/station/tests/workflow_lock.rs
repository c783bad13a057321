//! The order lock: one owner per purchase attempt, renewed while a purchase runs.

mod workflow_support;

use std::time::Duration;

use shippo_sim::Faults;
use station::workflow::{BuyOptions, ProgressSink};
use station::{Station, StationError, StationOptions};
use workflow_support::*;

async fn station_with_lock_ttl(b: &Bench, ttl: Duration) -> Station {
    let (station, _) = Station::open(
        b.store.clone(),
        b.client.clone(),
        StationOptions {
            demo: true,
            printers_file: Some(printers_file(&b.dir)),
            settle: Duration::from_millis(200),
            lock_ttl: ttl,
            ..StationOptions::default()
        },
    )
    .await
    .expect("station");
    station
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_buys_of_one_order_in_one_process_buy_one_label() {
    let b = bench(40).await;
    let order = waiting_orders(&b.client, 1).await.remove(0);
    // Slow answers, so the two buys overlap for sure.
    b.sim.faults().set(Faults { latency_ms: Some(100), ..Faults::default() });
    let opts = BuyOptions { no_print: true, ..Default::default() };
    let none = ProgressSink::none();
    let (x, y) = tokio::join!(
        b.station.buy_and_print(&order, &opts, &none),
        b.station.buy_and_print(&order, &opts, &none)
    );
    b.sim.faults().reset();
    let (ok, busy) = match (x, y) {
        (Ok(o), Err(e)) | (Err(e), Ok(o)) => (o, e),
        other => panic!("expected one label and one refusal, got {other:?}"),
    };
    assert!(matches!(busy, StationError::OrderLocked { .. }), "{busy}");
    assert!(busy.to_string().contains("is already being bought"), "{busy}");
    assert_eq!(b.sim.inspect_transactions().len(), 1);
    assert!(ok.tracking_number.is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_purchase_slower_than_the_lock_time_keeps_its_lock() {
    let b = bench(40).await;
    let order = waiting_orders(&b.client, 1).await.remove(0);
    // Every answer takes 400 ms, so the first buy runs for seconds; its lock lasts 300 ms unless
    // renewed.
    let st = station_with_lock_ttl(&b, Duration::from_millis(300)).await;
    b.sim.faults().set(Faults { latency_ms: Some(400), ..Faults::default() });
    let opts = BuyOptions { no_print: true, ..Default::default() };
    let none = ProgressSink::none();
    let first = st.buy_and_print(&order, &opts, &none);
    let second = async {
        tokio::time::sleep(Duration::from_millis(900)).await;
        st.buy_and_print(&order, &opts, &none).await
    };
    let (first, second) = tokio::join!(first, second);
    b.sim.faults().reset();
    let first = first.expect("the slow purchase goes through");
    match second {
        Err(StationError::OrderLocked { .. }) => {}
        other => panic!("the second buy must find the order busy, got {other:?}"),
    }
    assert_eq!(b.sim.inspect_transactions().len(), 1, "no second label");
    assert!(first.tracking_number.is_some());
    // Released afterwards: a buy now meets the label guard, not the lock.
    match st.buy_and_print(&order, &opts, &ProgressSink::none()).await {
        Err(StationError::AlreadyLabelled { .. }) => {}
        other => panic!("expected the label guard after the lock was released, got {other:?}"),
    }
}
