//! Batch buy & print, void and tracking against the simulator.

mod workflow_support;

use station::workflow::batch::BatchOptions;
use station::workflow::{BuyOptions, ProgressSink};
use workflow_support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_batch_prints_every_label_in_the_order_given() {
    let b = bench(60).await;
    let orders = waiting_orders(&b.client, 6).await;
    let summary = b.station.batch(&orders, &BatchOptions::default(), &ProgressSink::none()).await.expect("batch");
    assert_eq!(summary.bought, 6, "{summary:?}");
    assert_eq!(summary.failed, 0, "{summary:?}");
    let jobs = b.printer.wait_for(6);
    assert_eq!(jobs.len(), 6);
    for (item, job) in summary.items.iter().zip(&jobs) {
        let t = item.tracking_number.clone().expect("tracking");
        assert!(String::from_utf8_lossy(job).contains(&t), "label of {} out of order", item.order);
    }
    assert_eq!(b.sim.inspect_transactions().len(), 6);
    // The batch respects the label guard like a single buy.
    let again = b.station.batch(&orders[..2], &BatchOptions::default(), &ProgressSink::none()).await.expect("batch");
    assert_eq!(again.bought, 0);
    assert!(again.items.iter().all(|i| i.error.clone().unwrap_or_default().contains("already has a label")));
    assert_eq!(b.sim.inspect_transactions().len(), 6);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn void_refunds_the_label_and_track_refreshes_it() {
    let b = bench(40).await;
    let order = waiting_orders(&b.client, 1).await.remove(0);
    let out = b
        .station
        .buy_and_print(&order, &BuyOptions { no_print: true, ..Default::default() }, &ProgressSink::none())
        .await
        .expect("bought");
    let reports = b.station.track(Some(&order)).await.expect("track");
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].tracking_number, out.tracking_number.clone().expect("tracking"));
    let v = b.station.void(&out.transaction_id).await.expect("void");
    assert!(matches!(v.status.as_str(), "REFUNDED" | "REFUNDPENDING"), "{v:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_batch_with_a_repeated_order_buys_one_label_linked_to_its_order() {
    let b = bench(40).await;
    let ids = waiting_orders(&b.client, 2).await;
    let id = ids[0].clone();
    let number = {
        let id = id.clone();
        b.store.read(move |c| station::store::orders::get(c, &id)).expect("read").expect("order").order_number.expect("number")
    };
    // The same order three ways ("#1264", "1264", its id), and once more as typed.
    let bare = number.trim_start_matches('#').to_owned();
    let given = vec![number.clone(), bare, id.clone(), number.clone(), ids[1].clone()];
    let summary = b
        .station
        .batch(&given, &BatchOptions { no_print: true, ..Default::default() }, &ProgressSink::none())
        .await
        .expect("batch");
    assert_eq!(summary.bought, 2, "{summary:?}");
    assert_eq!(summary.failed, 0, "{summary:?}");
    let sold = b.sim.inspect_transactions();
    assert_eq!(sold.len(), 2, "one label per order: {sold:?}");
    let mut linked: Vec<String> = sold.iter().map(|t| t.order.clone().expect("label linked to its order")).collect();
    linked.sort();
    let mut want = ids.clone();
    want.sort();
    assert_eq!(linked, want);
}
