//! A batch kept in the store: results recorded as they come, an interrupted batch resumed without
//! buying any order twice.

mod workflow_support;

use std::sync::Mutex;

use station::store::batches;
use station::workflow::batch::{self, BatchEvent, BatchItem, BatchOptions};
use station::workflow::{BuyOptions, ProgressSink};
use workflow_support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recorded_batch_keeps_each_result_in_list_order() {
    let b = bench(40).await;
    let orders = waiting_orders(&b.client, 3).await;
    let seen = Mutex::new(Vec::new());
    let on_event = |e: BatchEvent| {
        if let BatchEvent::Settled(item) = e {
            seen.lock().unwrap().push(item.order);
        }
    };
    let (id, summary) = batch::run_recorded(&b.station.ctx(), &orders, &BatchOptions::default(), &ProgressSink::none(), &on_event)
        .await
        .expect("batch");
    assert_eq!(summary.bought, 3, "{summary:?}");
    assert_eq!(*seen.lock().unwrap(), orders, "results come in list order");
    let stored = b.store.read(move |c| batches::get(c, id)).expect("read").expect("batch");
    assert!(stored.finished_at.is_some());
    assert_eq!(stored.items.iter().map(|i| i.order.clone()).collect::<Vec<_>>(), orders);
    assert!(stored.items.iter().all(|i| i.tracking_number.is_some() && i.print_job_id.is_some()), "{stored:?}");
    let jobs = b.printer.wait_for(3);
    for (item, job) in stored.items.iter().zip(&jobs) {
        assert!(String::from_utf8_lossy(job).contains(item.tracking_number.as_deref().unwrap()), "printed out of order");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_interrupted_batch_resumes_and_never_buys_twice() {
    let b = bench(40).await;
    let orders = waiting_orders(&b.client, 4).await;
    // The window closed mid-batch: order 0 was bought and recorded, order 1 was bought but the
    // window closed before its result was written, orders 2 and 3 were not reached.
    let list = orders.clone();
    let id = b.store.write(move |tx| batches::create(tx, &list)).expect("create");
    let no_print = BuyOptions { no_print: true, ..BuyOptions::default() };
    let first = b.station.buy_and_print(&orders[0], &no_print, &ProgressSink::none()).await.expect("buy 0");
    let item = BatchItem { order: orders[0].clone(), transaction_id: Some(first.transaction_id.clone()), tracking_number: first.tracking_number.clone(), ..BatchItem::default() };
    b.store.write(move |tx| batches::record(tx, id, &item)).expect("record");
    b.station.buy_and_print(&orders[1], &no_print, &ProgressSink::none()).await.expect("buy 1");
    assert_eq!(b.sim.inspect_transactions().len(), 2);

    let stored = b.store.read(batches::latest).expect("read").expect("batch");
    assert_eq!(stored.id, id);
    assert!(stored.finished_at.is_none());
    assert_eq!(stored.unsettled().count(), 3);

    let (_, summary) = batch::retry_recorded(&b.station.ctx(), id, &BatchOptions::default(), &ProgressSink::none(), &|_| {})
        .await
        .expect("resume");
    assert_eq!(summary.bought, 2, "only the two never reached are bought: {summary:?}");
    assert_eq!(b.sim.inspect_transactions().len(), 4, "no order bought twice");
    let stored = b.store.read(move |c| batches::get(c, id)).expect("read").expect("batch");
    assert!(stored.finished_at.is_some());
    assert_eq!(stored.items[0].transaction_id.as_deref(), Some(first.transaction_id.as_str()));
    // The order bought before the close (its result never recorded) is not bought again: its
    // label is recorded for the batch and, never printed, printed now, once.
    let one = &stored.items[1];
    assert_eq!((one.error.as_deref(), one.transaction_id.is_some()), (None, true), "{one:?}");
    assert!(one.print_job_id.is_some(), "{one:?}");
    assert!(stored.items[2].tracking_number.is_some() && stored.items[3].tracking_number.is_some(), "{stored:?}");
    let jobs = b.printer.wait_for(3);
    assert_eq!(jobs.len(), 3, "orders 1, 2 and 3 printed once each (order 0 was bought without printing)");
    let tracking = one.tracking_number.clone().expect("tracking");
    assert_eq!(jobs.iter().filter(|j| String::from_utf8_lossy(j).contains(&tracking)).count(), 1, "order 1's label printed once");
}
