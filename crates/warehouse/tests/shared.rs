//! The shared schema against a real PostgreSQL server (a throwaway cluster).

use std::time::Duration;

use warehouse::testing::TestCluster;
use warehouse::{PurchaseState, SharedLabel, Warehouse, WarehouseConfig, WarehouseError};

async fn bench(c: &TestCluster, name: &str) -> Warehouse {
    Warehouse::connect(WarehouseConfig::new(&c.url(), None, name).unwrap()).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn claims_journal_labels_and_profiles() {
    let Some(pg) = TestCluster::start() else { return };
    // Five benches connect at the same instant: the schema is migrated once, by one of them.
    let benches: Vec<Warehouse> = futures_join(
        (1..=5).map(|i| {
            let url = pg.url();
            async move { Warehouse::connect(WarehouseConfig::new(&url, None, &format!("bench-{i}")).unwrap()).await.unwrap() }
        }),
    )
    .await;
    let names: Vec<String> = benches[0].benches().await.unwrap().into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["bench-1", "bench-2", "bench-3", "bench-4", "bench-5"]);

    // Fifty rounds: five benches claim the same order at the same instant; exactly one wins.
    for round in 0..50 {
        let order = format!("order-{round}");
        let tries = futures_join(benches.iter().map(|b| {
            let order = order.clone();
            async move { b.claim(&order, Duration::from_secs(30)).await }
        }))
        .await;
        let won: Vec<_> = tries.iter().filter(|t| t.is_ok()).collect();
        assert_eq!(won.len(), 1, "round {round}: {tries:?}");
        for t in &tries {
            if let Err(e) = t {
                assert!(matches!(e, WarehouseError::Claimed { .. }), "{e}");
                assert!(e.to_string().contains("is being bought on bench bench-"), "{e}");
            }
        }
        for t in tries.into_iter().flatten() {
            t.release().await.unwrap();
        }
        assert!(benches[0].claim_holder(&order).await.unwrap().is_none(), "released");
    }

    // The journal and the labels: one bench buys, every bench sees it.
    let claim = benches[1].claim("o-1", Duration::from_secs(30)).await.unwrap();
    claim.confirm().await.unwrap();
    benches[1].begin_purchase(&claim, Some("#1")).await.unwrap();
    let pending = benches[3].pending_purchases().await.unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].bench, "bench-2");
    benches[1].finish_purchase(claim.attempt(), PurchaseState::Succeeded, Some("t-1"), None).await.unwrap();
    benches[1]
        .record_label(&SharedLabel {
            transaction_id: "t-1".into(),
            order_id: "o-1".into(),
            order_number: Some("#1".into()),
            bench: "bench-2".into(),
            tracking_number: Some("9400".into()),
            service: Some("USPS Priority".into()),
            price: Some("7.58 USD".into()),
            status: "SUCCESS".into(),
            unchecked: false,
            bought_at: chrono::Utc::now(),
        })
        .await
        .unwrap();
    claim.release().await.unwrap();
    for b in &benches {
        let labels = b.labels(10).await.unwrap();
        assert_eq!(labels.len(), 1);
        assert_eq!((labels[0].bench.as_str(), labels[0].tracking_number.as_deref()), ("bench-2", Some("9400")));
        assert!(labels[0].is_live());
    }
    assert_eq!(benches[4].purchases_for_order("o-1").await.unwrap()[0].state, PurchaseState::Succeeded);

    // Settings profiles are the same everywhere.
    benches[0].put_profile("default", &serde_json::json!({"sender": "Warehouse 1"})).await.unwrap();
    let (body, by) = benches[4].profile("default").await.unwrap().unwrap();
    assert_eq!((body["sender"].as_str(), by.as_str()), (Some("Warehouse 1"), "bench-1"));
    assert_eq!(benches[2].profile_names().await.unwrap(), ["default"]);
    // A following bench asks "changed since my copy?": nothing comes back until it changed.
    let copy = benches[3].profile_entry("default").await.unwrap().unwrap();
    assert!(benches[3].profile_if_changed("default", copy.updated_at).await.unwrap().is_none());
    let saved = benches[1].put_profile("default", &serde_json::json!({"sender": "Warehouse 2"})).await.unwrap();
    assert_eq!(saved.updated_by, "bench-2");
    let changed = benches[3].profile_if_changed("default", copy.updated_at).await.unwrap().expect("changed");
    assert_eq!((changed.body["sender"].as_str(), changed.updated_at), (Some("Warehouse 2"), saved.updated_at));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lease_runs_out_only_when_not_renewed() {
    let Some(pg) = TestCluster::start() else { return };
    let (a, b) = (bench(&pg, "a").await, bench(&pg, "b").await);
    let ttl = Duration::from_millis(600);
    // Renewed in the background: it outlives its lease time many times over.
    let held = a.claim("o-renewed", ttl).await.unwrap();
    tokio::time::sleep(ttl * 3).await;
    assert!(matches!(b.claim("o-renewed", ttl).await, Err(WarehouseError::Claimed { .. })));
    held.confirm().await.unwrap();
    // A crashed holder: the claim row stays, nobody renews it, and it is taken once it ran out.
    let crashed = a.claim("o-crashed", ttl).await.unwrap();
    crashed.crash();
    assert!(b.claim("o-crashed", ttl).await.is_err());
    tokio::time::sleep(ttl + Duration::from_millis(300)).await;
    let taken = b.claim("o-crashed", ttl).await.unwrap();
    assert_eq!(a.claim_holder("o-crashed").await.unwrap().unwrap().0, "b");
    taken.release().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stopped_server_is_down_and_comes_back() {
    let Some(pg) = TestCluster::start() else { return };
    let w = bench(&pg, "bench-1").await;
    let held = w.claim("o-1", Duration::from_secs(30)).await.unwrap();
    pg.stop();
    let e = w.claim("o-2", Duration::from_secs(30)).await.unwrap_err();
    assert!(e.is_down(), "{e:?}");
    assert!(e.to_string().starts_with("The warehouse database is not reachable"), "{e}");
    assert!(held.confirm().await.unwrap_err().is_down());
    pg.restart();
    // The pool reconnects by itself; the claim held before the stop is still ours.
    held.confirm().await.unwrap();
    w.claim("o-2", Duration::from_secs(30)).await.unwrap().release().await.unwrap();
    held.release().await.unwrap();
}

#[tokio::test]
async fn nothing_listening_is_down_not_a_hang() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let w = Warehouse::new(WarehouseConfig::new(&format!("postgresql://x@127.0.0.1:{port}/db"), None, "b").unwrap()).unwrap();
    let t = std::time::Instant::now();
    let e = w.ping().await.unwrap_err();
    assert!(e.is_down(), "{e:?}");
    assert!(t.elapsed() < Duration::from_secs(10));
}

async fn futures_join<F: std::future::Future>(fs: impl Iterator<Item = F>) -> Vec<F::Output> {
    let handles: Vec<_> = fs.collect();
    let mut out = Vec::new();
    // Polled together on one task: they reach the server at the same instant.
    let joined = join_all(handles).await;
    out.extend(joined);
    out
}

async fn join_all<F: std::future::Future>(fs: Vec<F>) -> Vec<F::Output> {
    futures::future::join_all(fs).await
}
