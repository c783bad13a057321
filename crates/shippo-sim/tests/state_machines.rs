//! The asynchronous state machines: async purchases, refunds, batches, manifests.

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

#[tokio::test]
async fn an_async_purchase_is_queued_then_succeeds() {
    let sim = sim().await;
    let api = Api::new(&sim, TOKEN);
    let sh = shipment(&api).await;
    let (s, t) = api.post("/transactions", json!({ "rate": rate_for(&sh, "usps_priority")["object_id"], "label_file_type": "ZPLII" })).await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(
        t["status"], "QUEUED",
        "async is the default for rate purchases"
    );
    assert_eq!(t["label_url"], "");
    assert_eq!(t["tracking_number"], "");
    let id = t["object_id"].as_str().unwrap();
    let done = api
        .poll(&format!("/transactions/{id}"), |v| v["status"] == "SUCCESS")
        .await;
    assert!(done["label_url"].as_str().unwrap().ends_with(".zpl"));
    assert!(!done["tracking_number"].as_str().unwrap().is_empty());
    // The list filters by rate and status.
    let (_, by_rate) = api
        .get(&format!(
            "/transactions?rate={}",
            rate_for(&sh, "usps_priority")["object_id"]
                .as_str()
                .unwrap()
        ))
        .await;
    assert_eq!(by_rate["results"].as_array().unwrap().len(), 1);
    let (_, ok) = api
        .get("/transactions?object_status=SUCCESS&results=100")
        .await;
    assert!(ok["results"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["object_id"] == id));
    let (_, queued) = api.get("/transactions?object_status=QUEUED").await;
    assert!(queued["results"].as_array().unwrap().is_empty());
    let (_, pre) = api.get("/transactions?tracking_status=PRE_TRANSIT").await;
    assert!(pre["results"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["object_id"] == id));
    sim.shutdown().await;
}

#[tokio::test]
async fn a_refund_goes_queued_pending_success_and_cannot_repeat() {
    let sim = sim().await;
    let api = Api::new(&sim, TOKEN);
    let sh = shipment(&api).await;
    let (_, t) = api
        .post(
            "/transactions",
            json!({ "rate": rate_for(&sh, "usps_priority")["object_id"], "async": false }),
        )
        .await;
    let tid = t["object_id"].as_str().unwrap();
    let (s, r) = api.post("/refunds", json!({ "transaction": tid })).await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(r["status"], "QUEUED");
    assert_eq!(
        api.get(&format!("/transactions/{tid}")).await.1["status"],
        "REFUNDPENDING"
    );
    let rid = r["object_id"].as_str().unwrap();
    let mut seen = vec!["QUEUED".to_string()];
    let done = api
        .poll(&format!("/refunds/{rid}"), |v| {
            let st = v["status"].as_str().unwrap_or_default().to_string();
            st == "SUCCESS" || st == "PENDING"
        })
        .await;
    seen.push(done["status"].as_str().unwrap().to_string());
    let done = api
        .poll(&format!("/refunds/{rid}"), |v| v["status"] == "SUCCESS")
        .await;
    seen.push(done["status"].as_str().unwrap().to_string());
    seen.dedup();
    assert!(
        seen == ["QUEUED", "PENDING", "SUCCESS"] || seen == ["QUEUED", "SUCCESS"],
        "{seen:?}"
    );
    assert_eq!(
        api.get(&format!("/transactions/{tid}")).await.1["status"],
        "REFUNDED"
    );
    let (s, e) = api.post("/refunds", json!({ "transaction": tid })).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(e["transaction"][0].as_str().unwrap().contains("already"));
    let (s, list) = api.get("/refunds/").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(list["results"][0]["object_id"], rid);
    assert_eq!(
        api.get("/refunds").await.0,
        StatusCode::OK,
        "with or without the trailing slash"
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn refund_states_are_seen_in_order() {
    let sim = sim().await;
    let api = Api::new(&sim, TOKEN);
    let sh = shipment(&api).await;
    let (_, t) = api
        .post(
            "/transactions",
            json!({ "rate": rate_for(&sh, "usps_priority")["object_id"], "async": false }),
        )
        .await;
    let (_, r) = api
        .post("/refunds", json!({ "transaction": t["object_id"] }))
        .await;
    let rid = r["object_id"].as_str().unwrap();
    sim.advance_clock(std::time::Duration::from_millis(150));
    assert_eq!(
        api.get(&format!("/refunds/{rid}")).await.1["status"],
        "PENDING"
    );
    sim.advance_clock(std::time::Duration::from_millis(200));
    assert_eq!(
        api.get(&format!("/refunds/{rid}")).await.1["status"],
        "SUCCESS"
    );
    sim.shutdown().await;
}

fn batch_shipment(to: Value) -> Value {
    json!({ "shipment": { "address_from": from_address(), "address_to": to, "parcels": [parcel()] }, "metadata": "bs" })
}

async fn usps(api: &Api) -> String {
    api.get("/carrier_accounts?carrier=usps").await.1["results"][0]["object_id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn a_batch_validates_then_purchases_with_a_transaction_per_shipment() {
    let sim = sim().await;
    let api = Api::new(&sim, TOKEN);
    let usps = usps(&api).await;
    let body = json!({ "default_carrier_account": usps, "default_servicelevel_token": "usps_priority", "label_filetype": "ZPLII", "metadata": "BATCH #1",
        "batch_shipments": [batch_shipment(to_address()), batch_shipment(to_address()), batch_shipment(to_address())] });
    let (s, b) = api.post("/batches", body).await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    assert_eq!(b["status"], "VALIDATING");
    assert_eq!(
        b["batch_shipments"]["results"].as_array().unwrap().len(),
        0,
        "not filled in while validating"
    );
    let id = b["object_id"].as_str().unwrap().to_string();
    let b = api
        .poll(&format!("/batches/{id}"), |v| v["status"] != "VALIDATING")
        .await;
    assert_eq!(b["status"], "VALID");
    assert_eq!(b["object_results"]["creation_succeeded"], 3);
    let shipments = b["batch_shipments"]["results"].as_array().unwrap();
    assert!(shipments.iter().all(|s| s["status"] == "VALID"));

    // Remove one, add one back.
    let first = shipments[0]["object_id"].as_str().unwrap();
    let (s, b) = api
        .post(&format!("/batches/{id}/remove_shipments"), json!([first]))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(b["batch_shipments"]["results"].as_array().unwrap().len(), 2);
    let (s, b) = api
        .post(
            &format!("/batches/{id}/add_shipments"),
            json!([batch_shipment(to_address())]),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(b["status"], "VALIDATING");
    api.poll(&format!("/batches/{id}"), |v| v["status"] == "VALID")
        .await;

    let (s, b) = api
        .post(&format!("/batches/{id}/purchase"), json!({}))
        .await;
    assert_eq!(s, StatusCode::ACCEPTED);
    assert_eq!(b["status"], "PURCHASING");
    let b = api
        .poll(&format!("/batches/{id}"), |v| v["status"] == "PURCHASED")
        .await;
    assert_eq!(b["object_results"]["purchase_succeeded"], 3);
    for bs in b["batch_shipments"]["results"].as_array().unwrap() {
        let tid = bs["transaction"]
            .as_str()
            .expect("each shipment has a transaction");
        let (_, t) = api.get(&format!("/transactions/{tid}")).await;
        assert_eq!(t["status"], "SUCCESS");
        assert!(t["label_url"].as_str().unwrap().ends_with(".zpl"));
    }
    let urls = b["label_url"].as_array().unwrap();
    assert_eq!(urls.len(), 1);
    let (s, _, merged) = api.download(urls[0].as_str().unwrap()).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        String::from_utf8_lossy(&merged).matches("^XA").count(),
        3,
        "three labels merged"
    );
    let (s, _) = api
        .post(
            &format!("/batches/{id}/add_shipments"),
            json!([batch_shipment(to_address())]),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "no changes after purchase");
    let (_, ok) = api
        .get(&format!("/batches/{id}?object_results=purchase_succeeded"))
        .await;
    assert_eq!(
        ok["batch_shipments"]["results"].as_array().unwrap().len(),
        3
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn a_batch_with_a_bad_shipment_is_invalid_with_messages() {
    let sim = sim().await;
    let api = Api::new(&sim, TOKEN);
    let usps = usps(&api).await;
    let abroad = json!({ "name": "Jo", "street1": "1 George St", "city": "Sydney", "state": "NSW", "zip": "2000", "country": "AU" });
    let body = json!({ "default_carrier_account": usps, "default_servicelevel_token": "usps_priority", "batch_shipments": [batch_shipment(to_address()), batch_shipment(abroad)] });
    let (_, b) = api.post("/batches", body).await;
    let id = b["object_id"].as_str().unwrap();
    let b = api
        .poll(&format!("/batches/{id}"), |v| v["status"] != "VALIDATING")
        .await;
    assert_eq!(b["status"], "INVALID");
    let bad: Vec<&Value> = b["batch_shipments"]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["status"] == "INVALID")
        .collect();
    assert_eq!(bad.len(), 1);
    assert!(!bad[0]["messages"].as_array().unwrap().is_empty());
    let (s, e) = api
        .post(&format!("/batches/{id}/purchase"), json!({}))
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{e}");
    let (_, b) = api
        .post(
            &format!("/batches/{id}/remove_shipments"),
            json!([bad[0]["object_id"]]),
        )
        .await;
    assert_eq!(b["status"], "VALID");
    sim.shutdown().await;
}

#[tokio::test]
async fn a_manifest_lists_the_days_labels_in_a_real_pdf() {
    let sim = sim().await;
    let api = Api::new(&sim, TOKEN);
    let sh = shipment(&api).await;
    let (_, t) = api
        .post(
            "/transactions",
            json!({ "rate": rate_for(&sh, "usps_priority")["object_id"], "async": false }),
        )
        .await;
    let usps = usps(&api).await;
    let (s, m) = api.post("/manifests", json!({ "carrier_account": usps, "shipment_date": "2026-11-22T00:00:00Z", "address_from": from_address() })).await;
    assert_eq!(s, StatusCode::CREATED, "{m}");
    assert_eq!(m["status"], "SUCCESS");
    assert!(m["transactions"]
        .as_array()
        .unwrap()
        .contains(&t["object_id"]));
    let (s, ct, pdf) = api.download(m["documents"][0].as_str().unwrap()).await;
    assert_eq!((s, ct.as_str()), (StatusCode::OK, "application/pdf"));
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(String::from_utf8_lossy(&pdf).contains(t["tracking_number"].as_str().unwrap()));
    sim.shutdown().await;
}

#[tokio::test]
async fn a_packing_slip_is_a_pdf_at_slip_url() {
    let sim = sim().await;
    let api = Api::new(&sim, TOKEN);
    let (_, orders) = api.get("/orders?results=1").await;
    let o = &orders["results"][0];
    let (s, slip) = api
        .get(&format!(
            "/orders/{}/packingslip/",
            o["object_id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(s, StatusCode::OK, "{slip}");
    assert!(slip["expires"].is_string() && slip["created"].is_string());
    let (s, ct, pdf) = api.download(slip["slip_url"].as_str().unwrap()).await;
    assert_eq!((s, ct.as_str()), (StatusCode::OK, "application/pdf"));
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(String::from_utf8_lossy(&pdf).contains(o["order_number"].as_str().unwrap()));
    sim.shutdown().await;
}
