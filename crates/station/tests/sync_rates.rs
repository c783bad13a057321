//! Labels bought elsewhere (by the shop before this bench existed, or at another bench) come in
//! with the sync, over real HTTP from the simulator, with their carrier, service and price:
//! the sync asks Shippo for the rate each label names (`GET /rates/{id}`).

mod workflow_support;

use station::store::history;
use station::sync::{sync_orders, SyncOptions};
use station::workflow::{BuyOptions, ProgressSink};
use station::Store;
use workflow_support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_label_bought_elsewhere_shows_its_carrier_service_and_price_after_sync() {
    // Bench A buys a label for one order; bench B (its own SQLite file) never rated that order.
    let a = bench(60).await;
    let order = waiting_orders(&a.client, 1).await.remove(0);
    let bought = a.station.buy_and_print(&order, &BuyOptions::default(), &ProgressSink::none()).await.expect("bought");
    let at_a = a.station.label_entry(&bought.transaction_id).await.expect("A's entry");
    assert!(at_a.amount.is_some() && at_a.service.is_some(), "bench A rated it itself: {at_a:?}");

    let dir_b = tempfile::tempdir().expect("tempdir");
    let store_b = Store::open(dir_b.path().join("shipbench.db")).expect("store B");
    let client_b = client_for(&a.sim.base_url());
    let report = sync_orders(&client_b, &store_b, &SyncOptions::default(), |_| {}).await.expect("sync B");
    assert!(report.transactions_fetched > 1, "{report:?}");
    assert_eq!(report.rates_failed, 0, "{report:?}");
    assert_eq!(report.rates_fetched, report.transactions_fetched, "one rate per label bought elsewhere: {report:?}");

    // The row B shows for A's label: the same carrier, service and price A paid.
    let at_b = store_b
        .read(|c| history::label(c, &bought.transaction_id))
        .expect("read")
        .expect("B lists the label A bought");
    assert_eq!(at_b.order_id.as_deref(), Some(order.as_str()));
    assert_eq!(at_b.carrier, at_a.carrier);
    assert_eq!(at_b.service, at_a.service);
    assert_eq!((at_b.amount.clone(), at_b.currency.clone()), (at_a.amount.clone(), at_a.currency.clone()));
    assert_eq!(at_b.carrier_account, at_a.carrier_account);

    // Every label the shop bought before either bench existed has them too, and a US label is USPS.
    let all = store_b.read(|c| history::labels(c, 500)).expect("history");
    assert_eq!(all.len() as u64, report.transactions_fetched);
    for l in &all {
        assert!(l.carrier.is_some() && l.service.is_some(), "no carrier/service: {l:?}");
        let price: f64 = l.amount.as_deref().expect("a price").parse().expect("a number");
        assert!(price > 0.0, "{l:?}");
        assert_eq!(l.currency.as_deref(), Some("USD"), "{l:?}");
    }
    assert!(
        all.iter().any(|l| l.carrier.as_deref() == Some("USPS") && l.service.as_deref() == Some("Ground Advantage")),
        "{all:?}"
    );

    // The next sync asks for no rate again.
    let again = sync_orders(&client_b, &store_b, &SyncOptions::default(), |_| {}).await.expect("sync B again");
    assert_eq!((again.rates_fetched, again.rates_failed), (0, 0), "{again:?}");

    // Offline, the history still shows them (they are in the SQLite file).
    let path = dir_b.path().join("shipbench.db");
    drop(store_b);
    let reopened = Store::open(&path).expect("reopen");
    let row = reopened.read(|c| history::label(c, &bought.transaction_id)).expect("read").expect("kept");
    assert_eq!(row.amount, at_a.amount);
}
