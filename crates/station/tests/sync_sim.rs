//! Sync over real HTTP against the simulator, into real SQLite files.

mod sync_common;

use station::store::orders::OrderStatus;
use station::store::search::{self, LabelFilter, OrderQuery};
use station::store::sync_state;
use station::sync::{sync_orders, SyncKind, SyncOptions, SyncPhase};
use station::Store;

#[tokio::test]
async fn a_full_sync_fills_the_cache_and_review_works_with_shippo_down() {
    let sim = sync_common::sim(300).await;
    let client = sync_common::client(&sim.base_url());
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path().join("shipbench.db")).expect("open");

    let mut events = Vec::new();
    let report = sync_orders(&client, &store, &SyncOptions::default(), |p| events.push(p))
        .await
        .expect("sync");
    assert!(report.full);
    assert_eq!(report.orders_seen, 300);
    assert_eq!(report.new_orders, 300);
    assert_eq!(report.cached_orders, 300);
    assert!(report.transactions_fetched > 0, "shipped demo orders have labels: {report:?}");
    assert_eq!(report.transactions_failed, 0);
    let order_events: Vec<_> = events.iter().filter(|e| e.phase == SyncPhase::Orders).collect();
    let (awaiting, rest) = sync_common::awaiting_and_rest(&store);
    assert_eq!(
        order_events.len() as i64,
        (awaiting + 99) / 100 + (rest + 99) / 100,
        "one progress event per page of 100, orders awaiting shipment first, then the rest"
    );
    assert_eq!(order_events.last().map(|e| (e.done, e.total, e.total_is_exact)), Some((300, 300, true)));
    assert_eq!(events.last().map(|e| e.phase), Some(SyncPhase::Done));
    assert_eq!(sync_common::counts(&store), (300, 300, 600, sync_common::counts(&store).3));

    // Shippo goes away: the simulator stops and the client points at a closed port.
    let base = sim.base_url();
    sim.shutdown().await;
    let offline = sync_common::client(&base);
    let err = sync_orders(&offline, &store, &SyncOptions::default(), |_| {})
        .await
        .expect_err("no Shippo, no sync");
    assert!(err.to_string().contains("could not be reached"), "{err}");
    drop(store);
    let store = Store::open(dir.path().join("shipbench.db")).expect("reopen offline");

    // Search by order number (with '#'), by prefix, by name, by SKU and by tracking number.
    let all = store.read(|c| search::search(c, &OrderQuery { limit: Some(500), ..Default::default() })).expect("list");
    assert_eq!(all.total, 300);
    assert_eq!(all.orders.len(), 300);
    assert!(all.orders.windows(2).all(|w| w[0].placed_at >= w[1].placed_at), "newest first");
    let first = &all.orders[0];
    let number = first.order_number.clone().expect("number");
    let hit = store
        .read(|c| search::search(c, &OrderQuery { text: Some(number.clone()), ..Default::default() }))
        .expect("search by number");
    assert_eq!(hit.orders[0].order_number.as_deref(), Some(number.as_str()));
    let name = first.name.clone().expect("name");
    let prefix: String = name.split_whitespace().last().expect("last name").chars().take(3).collect();
    let by_name = store
        .read(|c| search::search(c, &OrderQuery { text: Some(prefix.clone()), limit: Some(500), ..Default::default() }))
        .expect("search by name prefix");
    assert!(by_name.orders.iter().any(|o| o.object_id == first.object_id), "'{prefix}' finds {name}");

    let shipped = store
        .read(|c| search::search(c, &OrderQuery { label: Some(LabelFilter::HasLabel), limit: Some(500), ..Default::default() }))
        .expect("has label");
    assert!(shipped.total > 0);
    let with_tracking = shipped.orders.iter().find(|o| o.tracking_number.is_some()).expect("a tracked order");
    let tracking = with_tracking.tracking_number.clone().expect("tracking");
    let by_tracking = store
        .read(|c| search::search(c, &OrderQuery { text: Some(tracking.clone()), ..Default::default() }))
        .expect("search by tracking");
    assert_eq!(by_tracking.orders.first().map(|o| o.object_id.as_str()), Some(with_tracking.object_id.as_str()));

    // Filters: status, country, awaiting shipment, date range; paging.
    let paid = store
        .read(|c| search::search(c, &OrderQuery { statuses: vec![OrderStatus::Paid], limit: Some(500), ..Default::default() }))
        .expect("paid");
    assert!(paid.total > 0 && paid.orders.iter().all(|o| o.status == OrderStatus::Paid));
    let awaiting = store
        .read(|c| search::search(c, &OrderQuery { label: Some(LabelFilter::AwaitingShipment), limit: Some(500), ..Default::default() }))
        .expect("awaiting");
    assert!(awaiting.orders.iter().all(|o| !o.has_label && o.status.awaits_shipment()));
    assert_eq!(awaiting.total + shipped.total + cancelled_or_refunded(&store), 300);
    let country = first.country.clone().expect("country");
    let same_country = store
        .read(|c| search::search(c, &OrderQuery { country: Some(country.to_lowercase()), limit: Some(500), ..Default::default() }))
        .expect("country");
    assert!(same_country.total > 0 && same_country.orders.iter().all(|o| o.country.as_deref() == Some(country.as_str())));
    let since = all.orders[49].placed_at.clone();
    let recent = store
        .read(|c| search::search(c, &OrderQuery { placed_from: Some(since), limit: Some(500), ..Default::default() }))
        .expect("date range");
    assert_eq!(recent.total, 50);
    let page2 = store
        .read(|c| search::search(c, &OrderQuery { limit: Some(10), offset: 10, ..Default::default() }))
        .expect("page 2");
    assert_eq!(page2.orders[0].object_id, all.orders[10].object_id);

    // Detail: items, addresses, weight, the label's transaction and tracking number.
    let detail = store
        .read(|c| search::detail(c, &with_tracking.object_id))
        .expect("detail")
        .expect("found");
    assert!(!detail.order.line_items.is_empty());
    assert!(detail.order.to_address.street1.is_some());
    assert!(detail.order.from_address.is_some());
    assert!(detail.total_weight.is_some());
    assert_eq!(detail.transactions.first().and_then(|t| t.tracking_number.clone()), Some(tracking));
    let by_number = store
        .read(|c| search::detail(c, &number))
        .expect("detail by number")
        .expect("found by number");
    assert_eq!(by_number.order.order_number.as_deref(), Some(number.as_str()));
}

fn cancelled_or_refunded(store: &Store) -> u64 {
    store
        .read(|c| {
            search::search(
                c,
                &OrderQuery {
                    statuses: vec![OrderStatus::Cancelled, OrderStatus::Refunded, OrderStatus::Shipped],
                    label: None,
                    limit: Some(500),
                    ..Default::default()
                },
            )
        })
        .map(|p| p.orders.iter().filter(|o| !o.has_label).count() as u64)
        .expect("closed orders")
}

#[tokio::test]
async fn an_incremental_sync_brings_only_what_is_new() {
    let sim = sync_common::sim(200).await;
    let client = sync_common::client(&sim.base_url());
    let store = Store::open_in_memory().expect("store");
    sync_orders(&client, &store, &SyncOptions::default(), |_| {}).await.expect("first sync");

    let again = sync_orders(&client, &store, &SyncOptions::default(), |_| {}).await.expect("second sync");
    assert!(!again.full, "the second sync is incremental");
    assert!(again.start_date.is_some());
    assert!(again.orders_seen < 200, "only the refresh window is re-read: {again:?}");
    assert_eq!(again.new_orders, 0);
    assert_eq!(again.cached_orders, 200);

    // A new order at Shippo shows up in the next incremental sync.
    let draft = station::import::OrderDraft {
        order_number: "NEW-1".into(),
        to_address: station::store::orders::Address {
            name: Some("Nia New".into()),
            street1: Some("1 New Rd".into()),
            city: Some("Austin".into()),
            state: Some("TX".into()),
            zip: Some("78701".into()),
            country: "US".into(),
            ..Default::default()
        },
        items: vec![station::import::ItemDraft { title: "Mug".into(), quantity: 1, weight: "1".into(), ..Default::default() }],
        ..Default::default()
    };
    let created = client.orders().create(&draft.to_request()).await.expect("created at Shippo only");
    let third = sync_orders(&client, &store, &SyncOptions { kind: SyncKind::Incremental, ..Default::default() }, |_| {})
        .await
        .expect("third sync");
    assert_eq!(third.new_orders, 1);
    let cached = store
        .read(|c| station::store::orders::get(c, created.object_id.as_deref().expect("id")))
        .expect("get");
    assert_eq!(cached.and_then(|o| o.order_number), Some("NEW-1".to_owned()));
}

#[tokio::test]
async fn a_sync_dropped_half_way_resumes_without_duplicates() {
    let sim = sync_common::sim(300).await;
    let client = sync_common::client(&sim.base_url());
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("shipbench.db");
    let store = Store::open(&path).expect("open");
    let opts = SyncOptions { page_size: 50, ..SyncOptions::default() };

    // Drop the sync future right after its third page committed.
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let mut tx = Some(tx);
    let mut pages = 0;
    let sync = sync_orders(&client, &store, &opts, move |p| {
        if p.phase == SyncPhase::Orders {
            pages += 1;
            if pages == 3 {
                if let Some(tx) = tx.take() {
                    let _ = tx.send(());
                }
            }
        }
    });
    tokio::select! {
        biased;
        _ = rx => {}
        r = sync => panic!("the sync should have been dropped, it ended with {r:?}"),
    }
    // Let a blocking write that may still run finish, then look at what is on disk.
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    drop(store);
    let store = Store::open(&path).expect("reopen");
    let state = store.read(sync_state::orders).expect("state");
    let cursor = state.in_progress.expect("an interrupted sync leaves its cursor");
    assert_eq!(cursor.next_page, 4);
    assert_eq!(cursor.done, 150);
    assert_eq!(sync_common::counts(&store).0, 150);

    let report = sync_orders(&client, &store, &opts, |_| {}).await.expect("resumed sync");
    assert!(report.resumed && report.full);
    let (awaiting, rest) = sync_common::awaiting_and_rest(&store);
    let pages = (awaiting + 49) / 50 + (rest + 49) / 50;
    assert_eq!(i64::from(report.pages), pages - 3, "only the pages after the third");
    assert_eq!(report.orders_seen, 300);
    let (orders, search_rows, addresses, _) = sync_common::counts(&store);
    assert_eq!((orders, search_rows, addresses), (300, 300, 600));
    assert!(store.read(sync_state::orders).expect("state").in_progress.is_none());
}

#[tokio::test]
async fn a_sync_failing_on_a_page_resumes_where_it_stopped() {
    let sim = sync_common::sim(250).await;
    let client = sync_common::client_no_retry(&sim.base_url());
    let store = Store::open_in_memory().expect("store");
    let opts = SyncOptions { page_size: 50, fetch_transactions: false, ..SyncOptions::default() };
    sim.faults().set(shippo_sim::Faults {
        fail_nth: Some(shippo_sim::FailNth { n: 3, status: 503, path: Some("/orders".into()) }),
        ..Default::default()
    });
    let err = sync_orders(&client, &store, &opts, |_| {}).await.expect_err("page 3 fails");
    assert!(err.to_string().contains("503"), "{err}");
    assert_eq!(sync_common::counts(&store).0, 100);

    let report = sync_orders(&client, &store, &opts, |_| {}).await.expect("resume");
    assert!(report.resumed);
    let (awaiting, rest) = sync_common::awaiting_and_rest(&store);
    assert_eq!(i64::from(report.pages), (awaiting + 49) / 50 + (rest + 49) / 50 - 2, "from the failed page on");
    assert_eq!(report.new_orders, 150);
    let (orders, search_rows, addresses, _) = sync_common::counts(&store);
    assert_eq!((orders, search_rows, addresses), (250, 250, 500));
}
