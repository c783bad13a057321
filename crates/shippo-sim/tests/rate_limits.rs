//! Shippo's rate limits over HTTP with a short window (600 ms for Shippo's minute), so a test can
//! see several windows in seconds; and the order-list filters a first sync relies on.

mod common;

use std::time::{Duration, Instant};

use common::*;
use reqwest::StatusCode;
use serde_json::{json, Value};
use shippo_sim::SimConfig;

const WINDOW: Duration = Duration::from_millis(600);

/// A GET that also returns the `Retry-After` header.
async fn get_with_retry_after(api: &Api, path: &str) -> (StatusCode, Option<String>) {
    let resp = api
        .http
        .get(format!("{}{path}", api.base))
        .header("Authorization", format!("ShippoToken {}", api.token))
        .send()
        .await
        .unwrap();
    let retry = resp
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap().to_string());
    (resp.status(), retry)
}

/// Waits until the next window begins (windows are aligned on the clock).
async fn start_of_window() {
    let ms = WINDOW.as_millis();
    let now = || {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis()
    };
    let index = now() / ms;
    while now() / ms == index {
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
}

#[tokio::test]
async fn list_gets_are_counted_in_fixed_windows_with_retry_after() {
    let sim = sim_with(SimConfig::default()).await;
    sim.set_rate_window(WINDOW);
    let api = Api::new(&sim, TOKEN);
    start_of_window().await;
    let t0 = Instant::now();
    for i in 0..10 {
        assert_eq!(api.get("/orders?results=1").await.0, StatusCode::OK, "GET {i}");
    }
    let (s, retry) = get_with_retry_after(&api, "/orders?results=1").await;
    assert!(t0.elapsed() < WINDOW, "the burst fits in one window");
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS, "11th list GET in a window");
    // Whole seconds, rounded up: less than a second is left of a 600 ms window.
    assert_eq!(retry.as_deref(), Some("1"));
    // A fixed window: the next one starts with a full budget of 10, whatever came before.
    start_of_window().await;
    for i in 0..10 {
        assert_eq!(api.get("/orders?results=1").await.0, StatusCode::OK, "next window, GET {i}");
    }
    assert_eq!(api.get("/orders?results=1").await.0, StatusCode::TOO_MANY_REQUESTS);
    sim.shutdown().await;
}

#[tokio::test]
async fn retry_after_counts_whole_seconds_to_the_end_of_a_minute() {
    let sim = sim_with(SimConfig::default()).await;
    let api = Api::new(&sim, TOKEN);
    for _ in 0..10 {
        assert_eq!(api.get("/orders?results=1").await.0, StatusCode::OK);
    }
    let (s, retry) = get_with_retry_after(&api, "/orders?results=1").await;
    assert_eq!(s, StatusCode::TOO_MANY_REQUESTS);
    let secs: u64 = retry.expect("Retry-After is sent").parse().expect("whole seconds");
    assert!((1..=60).contains(&secs), "Retry-After {secs}");
    sim.shutdown().await;
}

#[tokio::test]
async fn the_window_is_set_over_http_too() {
    let sim = sim_with(SimConfig::default()).await;
    let http = http();
    let resp = http
        .post(format!("{}/__sim/limits", sim.base_url()))
        .json(&json!({ "window_ms": 600 }))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let v: Value = resp.json().await.unwrap();
    assert_eq!(v, json!({ "on": true, "window_ms": 600 }));
    let bad = http
        .post(format!("{}/__sim/limits", sim.base_url()))
        .json(&json!({ "window_ms": 0 }))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    sim.shutdown().await;
}

#[tokio::test]
async fn a_paced_sync_of_many_pages_takes_pages_over_the_limit_windows() {
    // 60 list GETs at the test limit (10 a window) need 6 windows: paced at the limit, with no 429.
    let sim = sim_with(SimConfig { orders: 600, ..SimConfig::default() }).await;
    sim.set_rate_window(WINDOW);
    let api = Api::new(&sim, TOKEN);
    start_of_window().await;
    let t0 = Instant::now();
    let mut seen = 0;
    for page in 1..=60 {
        if page > 1 && (page - 1) % 10 == 0 {
            start_of_window().await;
        }
        let (s, v) = api.get(&format!("/orders?results=10&page={page}")).await;
        assert_eq!(s, StatusCode::OK, "page {page}");
        seen += v["results"].as_array().unwrap().len();
    }
    assert_eq!(seen, 600);
    let took = t0.elapsed();
    assert!(took >= WINDOW * 5 && took < WINDOW * 7, "{took:?}");
    sim.shutdown().await;
}

#[tokio::test]
async fn orders_awaiting_shipment_come_first_with_repeated_status_filters() {
    let sim = sim().await;
    let api = Api::new(&sim, TOKEN);
    let (_, shipped) = api.get("/orders?order_status[]=SHIPPED&results=1").await;
    let statuses = |v: &Value| -> Vec<String> {
        v["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["order_status"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(statuses(&shipped), ["SHIPPED"], "the shop has shipped orders");
    // `order_status[]` repeated: PAID or AWAITPAY, nothing else, across every page.
    let mut page = 1;
    let mut waiting = Vec::new();
    loop {
        let (s, v) = api
            .get(&format!("/orders?order_status[]=PAID&order_status[]=AWAITPAY&results=50&page={page}"))
            .await;
        assert_eq!(s, StatusCode::OK);
        waiting.extend(statuses(&v));
        if v["next"].is_null() {
            break;
        }
        assert!(v["next"].as_str().unwrap().contains("order_status%5B%5D=AWAITPAY"), "next keeps the filter: {}", v["next"]);
        page += 1;
    }
    assert!(waiting.iter().any(|s| s == "PAID") && waiting.iter().any(|s| s == "AWAITPAY"));
    assert!(waiting.iter().all(|s| s == "PAID" || s == "AWAITPAY"), "{waiting:?}");
    // The same filter percent-encoded, as clients send it.
    let (_, enc) = api.get("/orders?order_status%5B%5D=PAID&results=100").await;
    assert!(statuses(&enc).iter().all(|s| s == "PAID"));
    // With dates: placed within a range, newest first.
    let (_, one) = api.get("/orders?results=1").await;
    let newest = one["results"][0]["placed_at"].as_str().unwrap().to_string();
    let day = &newest[..10];
    let (_, ranged) = api
        .get(&format!("/orders?order_status[]=PAID&order_status[]=AWAITPAY&order_status[]=SHIPPED&start_date={day}T00:00:00Z&end_date={newest}&results=100"))
        .await;
    let got = ranged["results"].as_array().unwrap();
    assert!(!got.is_empty());
    assert!(got.iter().all(|o| {
        let t = o["placed_at"].as_str().unwrap();
        t >= day && t <= newest.as_str()
    }));
    // A page past the end: 404, as Shippo answers.
    let (s, _) = api.get("/orders?order_status[]=PAID&results=100&page=999").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    sim.shutdown().await;
}
