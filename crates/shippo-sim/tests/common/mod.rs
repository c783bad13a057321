//! Shared helpers for the simulator's HTTP tests: a running simulator, a client with a token, and
//! barcode decoding of downloaded labels.
#![allow(dead_code)]

use image::GrayImage;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use shippo_sim::{SimConfig, Simulator};

/// A test token (40 hex).
pub const TOKEN: &str = "shippo_test_0123456789abcdef0123456789abcdef01234567";
/// Another test token (another account).
pub const OTHER: &str = "shippo_test_fedcba9876543210fedcba9876543210fedcba98";
/// A live token.
pub const LIVE: &str = "shippo_live_00112233445566778899aabbccddeeff00112233";

/// A simulator without rate limits (tests make many calls) and the default shop.
pub async fn sim() -> Simulator {
    sim_with(SimConfig {
        rate_limits: false,
        ..SimConfig::default()
    })
    .await
}

/// A simulator with a config.
pub async fn sim_with(cfg: SimConfig) -> Simulator {
    Simulator::start(cfg).await.expect("the simulator starts")
}

/// Installs rustls' ring provider (the workspace's reqwest has none built in); idempotent.
pub fn init_tls() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// A plain HTTP client.
pub fn http() -> reqwest::Client {
    init_tls();
    reqwest::Client::new()
}

/// An HTTP client speaking to one simulator with one token.
#[derive(Clone)]
pub struct Api {
    pub base: String,
    pub token: String,
    pub http: reqwest::Client,
}

impl Api {
    /// A client for `sim` with `token`.
    pub fn new(sim: &Simulator, token: &str) -> Api {
        Api {
            base: sim.base_url(),
            token: token.to_string(),
            http: http(),
        }
    }

    /// Sends a request; returns status and JSON (Null when the body is empty or not JSON).
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let url = if path.starts_with("http") {
            path.to_string()
        } else {
            format!("{}{path}", self.base)
        };
        let mut req = self
            .http
            .request(method, url)
            .header("Authorization", format!("ShippoToken {}", self.token));
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req.send().await.expect("the simulator answers");
        let status = resp.status();
        let bytes = resp.bytes().await.expect("a body");
        (
            status,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        )
    }

    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.send(Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.send(Method::POST, path, Some(body)).await
    }

    /// Raw bytes of a file URL (no auth, as Shippo's label URLs).
    pub async fn download(&self, url: &str) -> (StatusCode, String, Vec<u8>) {
        let resp = self
            .http
            .get(url)
            .send()
            .await
            .expect("the file URL answers");
        let status = resp.status();
        let ct = resp
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        (status, ct, resp.bytes().await.expect("bytes").to_vec())
    }

    /// Polls a GET until `done` holds (at most ~3 s).
    pub async fn poll(&self, path: &str, done: impl Fn(&Value) -> bool) -> Value {
        for _ in 0..60 {
            let (s, v) = self.get(path).await;
            assert_eq!(s, StatusCode::OK, "{path}: {v}");
            if done(&v) {
                return v;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("{path} never reached the expected state");
    }
}

/// A complete US sender.
pub fn from_address() -> Value {
    json!({ "name": "Shipbench Test Shop", "street1": "215 Clayton St", "city": "San Francisco", "state": "CA", "zip": "94117", "country": "US", "phone": "+1 555 341 9393", "email": "shop@example.com" })
}

/// A complete US recipient far away (New York).
pub fn to_address() -> Value {
    json!({ "name": "Mrs Hippo", "street1": "965 Mission St", "street2": "Suite 480", "city": "New York", "state": "NY", "zip": "10001", "country": "US" })
}

/// A 10x8x4 in, 2 lb parcel.
pub fn parcel() -> Value {
    json!({ "length": "10", "width": "8", "height": "4", "distance_unit": "in", "weight": "2", "mass_unit": "lb" })
}

/// A domestic shipment, created synchronously; returns its JSON.
pub async fn shipment(api: &Api) -> Value {
    let (s, v) = api.post("/shipments", json!({ "address_from": from_address(), "address_to": to_address(), "parcels": [parcel()], "async": false })).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    v
}

/// The rate of a service level in a shipment.
pub fn rate_for<'a>(shipment: &'a Value, token: &str) -> &'a Value {
    shipment["rates"]
        .as_array()
        .expect("rates")
        .iter()
        .find(|r| r["servicelevel"]["token"] == token)
        .unwrap_or_else(|| panic!("no {token} rate in {shipment}"))
}

/// Decodes the Code 128 barcode in a grayscale image.
pub fn decode(gray: &GrayImage) -> Option<String> {
    let (w, h) = gray.dimensions();
    rxing::helpers::detect_in_luma(
        gray.as_raw().clone(),
        w,
        h,
        Some(rxing::BarcodeFormat::CODE_128),
    )
    .ok()
    .map(|r| r.getText().to_string())
}
