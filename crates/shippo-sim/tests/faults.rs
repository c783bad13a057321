//! Every fault switch, through the control endpoints and the Rust accessor.

mod common;

use std::time::{Duration, Instant};

use common::*;
use reqwest::StatusCode;
use serde_json::json;
use shippo_sim::{DropAfterCommit, FailNth, Faults};

async fn set(api: &Api, faults: serde_json::Value) {
    let resp = api
        .http
        .post(format!("{}/__sim/faults", api.base))
        .json(&faults)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK, "faults accepted");
}

async fn reset(api: &Api) {
    let resp = api
        .http
        .delete(format!("{}/__sim/faults", api.base))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn latency_delays_every_api_response() {
    let sim = sim().await;
    let api = Api::new(&sim, TOKEN);
    set(&api, json!({ "latency_ms": 300 })).await;
    let t0 = Instant::now();
    assert_eq!(api.get("/carrier_accounts").await.0, StatusCode::OK);
    assert!(t0.elapsed() >= Duration::from_millis(300));
    reset(&api).await;
    let t0 = Instant::now();
    api.get("/carrier_accounts").await;
    assert!(t0.elapsed() < Duration::from_millis(300));
    sim.shutdown().await;
}

#[tokio::test]
async fn fail_nth_fails_exactly_the_nth_request() {
    let sim = sim().await;
    let api = Api::new(&sim, TOKEN);
    set(&api, json!({ "fail_nth": { "n": 3, "status": 503 } })).await;
    let mut statuses = Vec::new();
    for _ in 0..4 {
        statuses.push(api.get("/parcel-templates").await.0.as_u16());
    }
    assert_eq!(statuses, [200, 200, 503, 200]);
    // With a path filter, only matching requests count.
    sim.faults().set(Faults {
        fail_nth: Some(FailNth {
            n: 1,
            status: 500,
            path: Some("/transactions".into()),
        }),
        ..Faults::default()
    });
    assert_eq!(api.get("/parcel-templates").await.0, StatusCode::OK);
    assert_eq!(
        api.get("/transactions").await.0,
        StatusCode::INTERNAL_SERVER_ERROR
    );
    assert_eq!(api.get("/transactions").await.0, StatusCode::OK);
    sim.shutdown().await;
}

#[tokio::test]
async fn status_429_nth_throttles_one_request() {
    let sim = sim().await;
    let api = Api::new(&sim, TOKEN);
    set(&api, json!({ "status_429_nth": 2 })).await;
    assert_eq!(api.get("/parcel-templates").await.0, StatusCode::OK);
    let (s, v) = api.get("/parcel-templates").await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS);
    assert!(v["detail"].as_str().unwrap().contains("throttled"));
    assert_eq!(api.get("/parcel-templates").await.0, StatusCode::OK);
    set(&api, json!({ "status_429_nth": { "n": 1 } })).await;
    assert_eq!(
        api.get("/parcel-templates").await.0,
        StatusCode::TOO_MANY_REQUESTS
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn a_dropped_purchase_is_committed_but_the_client_sees_a_broken_connection() {
    let sim = sim().await;
    let api = Api::new(&sim, TOKEN);
    let (_, orders) = api.get("/orders?results=50").await;
    let order = orders["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["order_status"] == "PAID")
        .unwrap()["object_id"]
        .as_str()
        .unwrap()
        .to_string();
    let sh = shipment(&api).await;
    let rate = rate_for(&sh, "usps_priority")["object_id"]
        .as_str()
        .unwrap()
        .to_string();
    set(
        &api,
        json!({ "drop_response_after_commit": { "path": "/transactions", "count": 1 } }),
    )
    .await;
    let body = json!({ "rate": rate, "async": false, "metadata": "journal-7f3a", "order": order });
    let result = async {
        let resp = api
            .http
            .post(format!("{}/transactions", api.base))
            .header("Authorization", format!("ShippoToken {TOKEN}"))
            .json(&body)
            .send()
            .await?;
        resp.bytes().await
    }
    .await;
    assert!(
        result.is_err(),
        "the client sees a connection error, got {result:?}"
    );
    // The purchase was committed: it is listed, linked to the order and found by metadata.
    let sold = sim.inspect_transactions();
    assert_eq!(sold.len(), 1);
    assert_eq!(sold[0].metadata, "journal-7f3a");
    assert_eq!(sold[0].order.as_deref(), Some(order.as_str()));
    assert_eq!(sold[0].rate, rate);
    assert_eq!(sold[0].status, "SUCCESS");
    let (_, by_rate) = api.get(&format!("/transactions?rate={rate}")).await;
    assert_eq!(by_rate["results"][0]["metadata"], "journal-7f3a");
    let (_, o) = api.get(&format!("/orders/{order}")).await;
    assert_eq!(o["order_status"], "SHIPPED");
    let over_http: Vec<serde_json::Value> = api
        .http
        .get(format!("{}/__sim/transactions", api.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        over_http[0]["object_id"].as_str(),
        Some(sold[0].object_id.as_str())
    );
    // Only `count` responses are dropped.
    let (s, t) = api
        .post("/transactions", json!({ "rate": rate, "async": false }))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{t}");
    sim.faults().set(Faults {
        drop_response_after_commit: Some(DropAfterCommit {
            path: "/transactions".into(),
            count: 1,
        }),
        ..Faults::default()
    });
    assert_eq!(
        sim.faults()
            .current()
            .drop_response_after_commit
            .map(|d| d.count),
        Some(1)
    );
    sim.faults().reset();
    assert_eq!(sim.faults().current(), Faults::default());
    sim.shutdown().await;
}

#[tokio::test]
async fn slow_labels_delay_label_downloads_only() {
    let sim = sim().await;
    let api = Api::new(&sim, TOKEN);
    let sh = shipment(&api).await;
    let (_, t) = api.post("/transactions", json!({ "rate": rate_for(&sh, "usps_priority")["object_id"], "async": false, "label_file_type": "ZPLII" })).await;
    set(&api, json!({ "slow_labels_ms": 400 })).await;
    let t0 = Instant::now();
    api.get("/carrier_accounts").await;
    assert!(t0.elapsed() < Duration::from_millis(400));
    let t0 = Instant::now();
    let (s, _, _) = api.download(t["label_url"].as_str().unwrap()).await;
    assert_eq!(s, StatusCode::OK);
    assert!(t0.elapsed() >= Duration::from_millis(400));
    sim.shutdown().await;
}

#[tokio::test]
async fn rate_limits_follow_test_mode_figures_and_can_be_switched() {
    let sim = sim_with(shippo_sim::SimConfig::default()).await;
    let api = Api::new(&sim, TOKEN);
    for _ in 0..10 {
        assert_eq!(api.get("/orders").await.0, StatusCode::OK);
    }
    let (s, v) = api.get("/orders").await;
    assert_eq!(
        s,
        StatusCode::TOO_MANY_REQUESTS,
        "11th list GET in a minute"
    );
    assert!(v["detail"].is_string());
    // Single GETs have their own, larger budget; other tokens their own windows.
    assert_eq!(
        api.get("/parcel-templates/USPS_FlatRateEnvelope").await.0,
        StatusCode::OK
    );
    assert_eq!(Api::new(&sim, OTHER).get("/orders").await.0, StatusCode::OK);
    // Live tokens get live figures (50 list GETs).
    let live = Api::new(&sim, LIVE);
    for _ in 0..11 {
        assert_eq!(live.get("/orders").await.0, StatusCode::OK);
    }
    set(&api, json!({ "rate_limits": false })).await;
    assert_eq!(api.get("/orders").await.0, StatusCode::OK);
    reset(&api).await;
    assert_eq!(api.get("/orders").await.0, StatusCode::TOO_MANY_REQUESTS);
    // The window is a minute.
    sim.advance_clock(Duration::from_secs(61));
    assert_eq!(api.get("/orders").await.0, StatusCode::OK);
    sim.shutdown().await;
}

#[tokio::test]
async fn malformed_faults_are_refused() {
    let sim = sim().await;
    let api = Api::new(&sim, TOKEN);
    let resp = api
        .http
        .post(format!("{}/__sim/faults", api.base))
        .json(&json!({ "latency_ms": "slow" }))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    let health: serde_json::Value = api
        .http
        .get(format!("{}/__sim/health", api.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(health["status"], "ok");
    assert_eq!(health["orders"], 300);
    sim.shutdown().await;
}

/// The id of a PAID seeded order.
async fn paid_order(api: &Api, nth: usize) -> String {
    let (_, orders) = api.get("/orders?order_status[]=PAID&results=50").await;
    orders["results"][nth]["object_id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn purchase_latency_delays_purchases_only_and_commits_after_the_client_gave_up() {
    let sim = sim().await;
    let api = Api::new(&sim, TOKEN);
    let order = paid_order(&api, 0).await;
    let sh = shipment(&api).await;
    let rate = rate_for(&sh, "usps_priority")["object_id"].clone();
    set(&api, json!({ "purchase_latency_ms": 700 })).await;
    // Other requests are not slowed.
    let t0 = Instant::now();
    assert_eq!(api.get("/transactions").await.0, StatusCode::OK);
    shipment(&api).await;
    assert!(t0.elapsed() < Duration::from_millis(700));
    // A rate purchase is.
    let t0 = Instant::now();
    let (s, t) = api
        .post("/transactions", json!({ "rate": rate, "async": false, "order": order }))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{t}");
    assert!(t0.elapsed() >= Duration::from_millis(700));
    // So is an Instalabel; a client that gives up first still gets the label bought.
    let impatient = reqwest::Client::builder()
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let body = json!({ "shipment": { "address_from": from_address(), "address_to": to_address(), "parcels": [parcel()] }, "carrier_account": rate_for(&sh, "usps_priority")["carrier_account"], "servicelevel_token": "usps_priority", "order": order, "metadata": "slow-2" });
    let gave_up = impatient
        .post(format!("{}/transactions", api.base))
        .header("Authorization", format!("ShippoToken {TOKEN}"))
        .json(&body)
        .send()
        .await;
    assert!(gave_up.is_err(), "the client timed out");
    assert_eq!(sim.transactions_for_order(&order).len(), 1, "not bought yet");
    tokio::time::sleep(Duration::from_millis(800)).await;
    let bought = sim.transactions_for_order(&order);
    assert_eq!(bought.len(), 2, "{bought:?}");
    assert_eq!(bought[1].metadata, "slow-2");
    sim.shutdown().await;
}

#[tokio::test]
async fn labels_per_order_are_counted_over_http() {
    let sim = sim().await;
    let api = Api::new(&sim, TOKEN);
    let other = Api::new(&sim, OTHER);
    let (a, b) = (paid_order(&api, 0).await, paid_order(&api, 1).await);
    // Two accounts (two benches) buy for order a, one for order b.
    for (who, order) in [(&api, &a), (&other, &a), (&api, &b)] {
        let sh = shipment(who).await;
        let rate = rate_for(&sh, "usps_priority")["object_id"].clone();
        let (s, t) = who
            .post("/transactions", json!({ "rate": rate, "async": false, "order": order }))
            .await;
        assert_eq!(s, StatusCode::CREATED, "{t}");
    }
    let count = |order: String| {
        let http = api.http.clone();
        let base = api.base.clone();
        async move {
            let v: Vec<serde_json::Value> = http
                .get(format!("{base}/__sim/transactions?order={order}"))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            assert!(v.iter().all(|t| t["order"] == order.as_str()));
            v.len()
        }
    };
    assert_eq!(count(a.clone()).await, 2);
    assert_eq!(count(b.clone()).await, 1);
    assert_eq!(count("0".repeat(32)).await, 0);
    assert_eq!(sim.transactions_for_order(&a).len(), 2);
    sim.shutdown().await;
}
