//! Token checks as Shippo does them, per-token isolation, pagination with full URLs, order filters,
//! the seeded shop, and the binary's first line.

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::{json, Value};
use shippo_sim::SimConfig;

async fn raw(sim: &shippo_sim::Simulator, auth: Option<&str>) -> (StatusCode, Value) {
    let mut req = http().get(format!("{}/orders", sim.base_url()));
    if let Some(a) = auth {
        req = req.header("Authorization", a);
    }
    let resp = req.send().await.unwrap();
    (resp.status(), resp.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn tokens_are_checked_as_shippo_checks_them() {
    let sim = sim().await;
    assert_eq!(
        raw(&sim, None).await,
        (
            StatusCode::UNAUTHORIZED,
            json!({ "detail": "Authentication credentials were not provided." })
        )
    );
    assert_eq!(
        raw(&sim, Some("ShippoToken shippo_test_nothex")).await,
        (
            StatusCode::UNAUTHORIZED,
            json!({ "detail": "Token does not exist" })
        )
    );
    assert_eq!(
        raw(&sim, Some(&format!("Bearer {TOKEN}"))).await,
        (
            StatusCode::UNAUTHORIZED,
            json!({ "detail": "Invalid access token." })
        )
    );
    assert_eq!(
        raw(&sim, Some(&format!("ShippoToken {TOKEN}"))).await.0,
        StatusCode::OK
    );
    assert_eq!(
        raw(&sim, Some(&format!("ShippoToken {LIVE}"))).await.0,
        StatusCode::OK
    );
    assert_eq!(
        raw(
            &sim,
            Some(&format!("ShippoToken {}", shippo_sim::DEMO_TOKEN))
        )
        .await
        .0,
        StatusCode::OK
    );
    // File URLs and control endpoints need no token.
    assert_eq!(
        http()
            .get(format!("{}/__sim/health", sim.base_url()))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    sim.shutdown().await;

    let only = sim_with(SimConfig {
        tokens: vec![TOKEN.to_string()],
        rate_limits: false,
        ..SimConfig::default()
    })
    .await;
    assert_eq!(
        raw(&only, Some(&format!("ShippoToken {TOKEN}"))).await.0,
        StatusCode::OK
    );
    assert_eq!(
        raw(&only, Some(&format!("ShippoToken {OTHER}"))).await,
        (
            StatusCode::UNAUTHORIZED,
            json!({ "detail": "Token does not exist" })
        )
    );
    only.shutdown().await;
}

#[tokio::test]
async fn objects_carry_the_tokens_mode_and_stay_with_their_token() {
    let sim = sim().await;
    let (test, other, live) = (
        Api::new(&sim, TOKEN),
        Api::new(&sim, OTHER),
        Api::new(&sim, LIVE),
    );
    let (_, p) = test.post("/parcels", parcel()).await;
    assert_eq!(p["test"], true);
    assert_eq!(p["weight"], "2.0000");
    let (_, lp) = live.post("/parcels", parcel()).await;
    assert_eq!(lp["test"], false);
    let id = p["object_id"].as_str().unwrap();
    assert_eq!(test.get(&format!("/parcels/{id}")).await.0, StatusCode::OK);
    assert_eq!(
        other.get(&format!("/parcels/{id}")).await,
        (StatusCode::NOT_FOUND, json!({ "detail": "Not found." }))
    );
    assert_eq!(other.get("/parcels").await.1["results"], json!([]));
    // Every token sees the same seeded shop.
    let ids = |v: Value| {
        v["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["object_id"].clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        ids(test.get("/orders?results=5").await.1),
        ids(other.get("/orders?results=5").await.1)
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn pagination_uses_full_urls_and_nulls_at_the_ends() {
    let sim = sim().await;
    let api = Api::new(&sim, TOKEN);
    let base = sim.base_url();
    let (_, p1) = api.get("/orders").await;
    assert_eq!(p1["results"].as_array().unwrap().len(), 25);
    assert_eq!(p1["previous"], Value::Null);
    assert_eq!(
        p1["next"],
        json!(format!("{base}/orders/?page=2&results=25"))
    );
    let (_, p2) = api.get(p1["next"].as_str().unwrap()).await;
    assert_eq!(
        p2["previous"],
        json!(format!("{base}/orders/?page=1&results=25"))
    );
    let (_, last) = api.get("/orders?page=3&results=100").await;
    assert_eq!(last["results"].as_array().unwrap().len(), 100);
    assert_eq!(last["next"], Value::Null);
    assert_eq!(
        api.get("/orders?page=4&results=100").await,
        (StatusCode::NOT_FOUND, json!({ "detail": "Invalid page." }))
    );
    // results is capped at 100; every order appears exactly once across the pages.
    let mut seen = std::collections::HashSet::new();
    let mut url = format!("{base}/orders?results=500");
    loop {
        let (_, page) = api.get(&url).await;
        let items = page["results"].as_array().unwrap();
        assert!(items.len() <= 100);
        for o in items {
            assert!(seen.insert(o["object_id"].as_str().unwrap().to_string()));
        }
        match page["next"].as_str() {
            Some(n) => url = n.to_string(),
            None => break,
        }
    }
    assert_eq!(seen.len(), 300);
    // An empty list is one page with nulls.
    assert_eq!(
        api.get("/parcels").await.1,
        json!({ "next": null, "previous": null, "results": [] })
    );
    // Filters survive into next/previous.
    let (_, f) = api.get("/orders?order_status=PAID&results=10").await;
    assert!(f["next"].as_str().unwrap().contains("order_status=PAID"));
    sim.shutdown().await;
}

#[tokio::test]
async fn the_seeded_shop_is_realistic_and_filterable() {
    let sim = sim().await;
    let api = Api::new(&sim, TOKEN);
    let mut all = Vec::new();
    for page in 1..=3 {
        all.extend(
            api.get(&format!("/orders?page={page}&results=100")).await.1["results"]
                .as_array()
                .unwrap()
                .clone(),
        );
    }
    let count = |f: &dyn Fn(&Value) -> bool| all.iter().filter(|o| f(o)).count();
    assert!(count(&|o| o["order_status"] == "PAID") > 200);
    assert!(count(&|o| o["order_status"] == "SHIPPED") > 10);
    assert!(count(&|o| o["order_status"] == "AWAITPAY" || o["order_status"] == "CANCELLED") > 0);
    for c in ["US", "CA", "GB", "DE", "AU"] {
        assert!(
            count(&|o| o["to_address"]["country"] == c) > 0,
            "orders to {c}"
        );
    }
    assert!(count(&|o| o["to_address"]["country"] == "US") > 200);
    let o = &all[0];
    assert!(o["order_number"].as_str().unwrap().starts_with('#'));
    let li = &o["line_items"][0];
    for k in [
        "title",
        "sku",
        "total_price",
        "currency",
        "weight",
        "weight_unit",
    ] {
        assert!(li[k].is_string(), "{k}");
    }
    assert!(li["quantity"].as_i64().unwrap() >= 1);
    // Newest first, within the last ~60 days.
    let dates: Vec<&str> = all
        .iter()
        .map(|o| o["placed_at"].as_str().unwrap())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]));
    // Shipped seeded orders have real transactions with labels.
    let shipped = all.iter().find(|o| o["order_status"] == "SHIPPED").unwrap();
    // Expanded with a limited set of fields, as the real API sends them (not bare ids).
    let listed = &shipped["transactions"][0];
    assert_eq!(listed["object_status"], "SUCCESS");
    let tid = listed["object_id"].as_str().unwrap();
    let (s, t) = api.get(&format!("/transactions/{tid}")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(listed["tracking_number"], t["tracking_number"]);
    assert_eq!(listed["label_url"], t["label_url"]);
    assert_eq!(
        api.download(t["label_url"].as_str().unwrap()).await.0,
        StatusCode::OK
    );
    // Filters: status and dates.
    let (_, paid) = api.get("/orders?order_status=AWAITPAY&results=100").await;
    assert!(paid["results"]
        .as_array()
        .unwrap()
        .iter()
        .all(|o| o["order_status"] == "AWAITPAY"));
    let cut = dates[50];
    let (_, recent) = api
        .get(&format!("/orders?start_date={cut}&results=100"))
        .await;
    assert_eq!(recent["results"].as_array().unwrap().len(), 51);
    let (_, older) = api
        .get(&format!("/orders?end_date={cut}&results=100&page=3"))
        .await;
    assert!(older["results"]
        .as_array()
        .unwrap()
        .iter()
        .all(|o| o["placed_at"].as_str().unwrap() <= cut));
    // The same seed gives the same shop; another seed another one.
    let again = sim_with(SimConfig {
        rate_limits: false,
        ..SimConfig::default()
    })
    .await;
    let (_, a2) = Api::new(&again, TOKEN).get("/orders?results=3").await;
    assert_eq!(a2["results"][0]["object_id"], all[0]["object_id"]);
    let other = sim_with(SimConfig {
        seed: 7,
        rate_limits: false,
        ..SimConfig::default()
    })
    .await;
    let (_, b) = Api::new(&other, TOKEN).get("/orders?results=3").await;
    assert_ne!(b["results"][0]["object_id"], all[0]["object_id"]);
    // Creating an order adds it for this token only.
    let (s, created) = api.post("/orders", json!({ "placed_at": "2026-11-01T10:00:00Z", "to_address": to_address(), "order_number": "#X1", "line_items": [{ "title": "Mug", "quantity": 1, "total_price": "10.00", "currency": "USD", "weight": "1", "weight_unit": "lb" }] })).await;
    assert_eq!(s, StatusCode::CREATED, "{created}");
    assert_eq!(created["order_status"], "PAID");
    assert_eq!(
        api.get(&format!(
            "/orders/{}",
            created["object_id"].as_str().unwrap()
        ))
        .await
        .0,
        StatusCode::OK
    );
    assert_eq!(
        Api::new(&sim, OTHER)
            .get(&format!(
                "/orders/{}",
                created["object_id"].as_str().unwrap()
            ))
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    for s in [sim, again, other] {
        s.shutdown().await;
    }
}

#[tokio::test]
async fn too_many_orders_is_refused_and_100k_start() {
    assert!(matches!(
        shippo_sim::Simulator::start(SimConfig {
            orders: 100_001,
            ..SimConfig::default()
        })
        .await,
        Err(shippo_sim::SimError::TooManyOrders(100_001))
    ));
    let big = sim_with(SimConfig {
        orders: 100_000,
        rate_limits: false,
        ..SimConfig::default()
    })
    .await;
    let (_, last) = Api::new(&big, TOKEN)
        .get("/orders?page=1000&results=100")
        .await;
    assert_eq!(last["results"].as_array().unwrap().len(), 100);
    assert_eq!(last["next"], Value::Null);
    assert_eq!(last["results"][99]["order_number"], "#1001");
    big.shutdown().await;
}

#[tokio::test]
async fn the_binary_prints_its_base_url_first() {
    use tokio::io::AsyncBufReadExt;
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_shippo-sim"))
        .args([
            "--port",
            "0",
            "--orders",
            "10",
            "--seed",
            "3",
            "--token",
            TOKEN,
            "--no-rate-limits",
        ])
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("shippo-sim runs");
    let stdout = child.stdout.take().unwrap();
    let mut lines = tokio::io::BufReader::new(stdout).lines();
    let first = tokio::time::timeout(std::time::Duration::from_secs(20), lines.next_line())
        .await
        .expect("a first line")
        .unwrap()
        .unwrap();
    assert!(
        first.starts_with("http://127.0.0.1:") && !first.ends_with('/'),
        "{first}"
    );
    let resp = http()
        .get(format!("{first}/orders"))
        .header("Authorization", format!("ShippoToken {TOKEN}"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let v: Value = resp.json().await.unwrap();
    assert_eq!(v["results"].as_array().unwrap().len(), 10);
    let denied = http()
        .get(format!("{first}/orders"))
        .header("Authorization", format!("ShippoToken {OTHER}"))
        .send()
        .await
        .unwrap();
    assert_eq!(denied.status(), StatusCode::UNAUTHORIZED);
    child.kill().await.unwrap();
}
