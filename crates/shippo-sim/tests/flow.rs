//! The buy-and-print flow over real HTTP: rate a shipment, buy ZPL II, PDF 4x6 and PNG labels,
//! download them from `label_url` and scan the barcode back to the tracking number.

mod common;

use common::*;
use labels::raster::pdf_to_gray;
use labels::{Dpi, LabelSize, RasterOptions};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn a_shipment_has_rates_from_four_carriers_with_attributes() {
    let sim = sim().await;
    let api = Api::new(&sim, TOKEN);
    let sh = shipment(&api).await;
    assert_eq!(sh["status"], "SUCCESS");
    let rates = sh["rates"].as_array().unwrap();
    for provider in ["USPS", "UPS", "FedEx"] {
        assert!(
            rates.iter().any(|r| r["provider"] == provider),
            "{provider} rates"
        );
    }
    for r in rates {
        assert!(r["amount"].as_str().unwrap().parse::<f64>().unwrap() > 0.0);
        assert_eq!(r["currency"], "USD");
        assert_eq!(r["shipment"], sh["object_id"]);
        assert_eq!(r["object_id"].as_str().unwrap().len(), 32);
        assert!(r["estimated_days"].as_u64().unwrap() >= 1);
        assert!(r["servicelevel"]["token"]
            .as_str()
            .unwrap()
            .starts_with(&r["provider"].as_str().unwrap().to_lowercase()));
    }
    for attr in ["CHEAPEST", "FASTEST", "BESTVALUE"] {
        assert_eq!(
            rates
                .iter()
                .filter(|r| r["attributes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|a| a == attr))
                .count(),
            1,
            "{attr}"
        );
    }
    let cheapest = rates
        .iter()
        .find(|r| {
            r["attributes"]
                .as_array()
                .unwrap()
                .contains(&json!("CHEAPEST"))
        })
        .unwrap();
    let min = rates
        .iter()
        .map(|r| r["amount"].as_str().unwrap().parse::<f64>().unwrap())
        .fold(f64::MAX, f64::min);
    assert_eq!(
        cheapest["amount"].as_str().unwrap().parse::<f64>().unwrap(),
        min
    );

    // Heavier and farther costs more.
    let near = api.post("/shipments", json!({ "address_from": from_address(), "address_to": { "name": "A", "street1": "1 Main St", "city": "Oakland", "state": "CA", "zip": "94607", "country": "US" }, "parcels": [parcel()] })).await.1;
    let heavy = api.post("/shipments", json!({ "address_from": from_address(), "address_to": to_address(), "parcels": [{ "length": "10", "width": "8", "height": "4", "distance_unit": "in", "weight": "20", "mass_unit": "lb" }] })).await.1;
    let price = |s: &serde_json::Value| {
        rate_for(s, "usps_priority")["amount"]
            .as_str()
            .unwrap()
            .parse::<f64>()
            .unwrap()
    };
    assert!(price(&near) < price(&sh), "nearer is cheaper");
    assert!(price(&heavy) > price(&sh), "heavier is dearer");

    // The same rates at /rates/{id} and /shipments/{id}/rates[/{currency}].
    let id = sh["object_id"].as_str().unwrap();
    let (s, one) = api
        .get(&format!(
            "/rates/{}",
            rates[0]["object_id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(one["amount"], rates[0]["amount"]);
    let (_, list) = api.get(&format!("/shipments/{id}/rates")).await;
    assert_eq!(list["results"].as_array().unwrap().len(), rates.len());
    let (_, eur) = api.get(&format!("/shipments/{id}/rates/EUR")).await;
    assert_eq!(eur["results"][0]["currency_local"], "EUR");
    assert_eq!(eur["results"][0]["currency"], "USD");
    sim.shutdown().await;
}

#[tokio::test]
async fn zpl_pdf_and_png_labels_download_and_scan_as_the_tracking_number() {
    let sim = sim().await;
    let api = Api::new(&sim, TOKEN);
    let sh = shipment(&api).await;
    let rate = rate_for(&sh, "usps_priority")["object_id"]
        .as_str()
        .unwrap()
        .to_string();
    let mut numbers = Vec::new();
    for (kind, ext) in [
        ("ZPLII", "zpl"),
        ("PDF_4x6", "pdf"),
        ("PNG", "png"),
        ("PDF_A4", "pdf"),
    ] {
        let (s, t) = api.post("/transactions", json!({ "rate": rate, "label_file_type": kind, "async": false, "metadata": "journal-key-1" })).await;
        assert_eq!(s, StatusCode::CREATED, "{t}");
        assert_eq!(t["status"], "SUCCESS");
        assert_eq!(t["metadata"], "journal-key-1");
        assert!(
            t.get("label_file_type").is_none(),
            "the transaction does not echo label_file_type"
        );
        let tracking = t["tracking_number"].as_str().unwrap().to_string();
        assert!(
            tracking.starts_with("9400") && tracking.len() == 22,
            "USPS-looking: {tracking}"
        );
        assert!(t["tracking_url_provider"]
            .as_str()
            .unwrap()
            .contains(&tracking));
        let url = t["label_url"].as_str().unwrap();
        assert!(
            url.starts_with(&sim.base_url()) && url.ends_with(&format!(".{ext}")),
            "{url}"
        );
        let (s, ct, bytes) = api.download(url).await;
        assert_eq!(s, StatusCode::OK);
        let gray = match ext {
            "zpl" => {
                assert_eq!(ct, "application/zpl");
                let text = String::from_utf8(bytes.clone()).unwrap();
                assert!(text.starts_with("^XA") && text.trim_end().ends_with("^XZ"));
                assert!(
                    text.contains("^PW812") && text.contains("^LL1218") && text.contains("^BC")
                );
                assert!(
                    text.contains("Mrs Hippo") || text.to_uppercase().contains("MRS HIPPO"),
                    "the address is on the label"
                );
                labels::preview::zpl_to_gray(&bytes, Dpi::D203, LabelSize::default())
                    .expect("the ZPL renders")
            }
            "pdf" => {
                assert_eq!(ct, "application/pdf");
                assert!(bytes.starts_with(b"%PDF-"));
                assert!(
                    bytes.windows(23).any(|w| w == b"/MediaBox [0 0 288 432]"),
                    "a 4x6 page"
                );
                pdf_to_gray(&bytes, &RasterOptions::default()).expect("the PDF rasterises")
            }
            _ => {
                assert_eq!(ct, "image/png");
                image::load_from_memory(&bytes).expect("a PNG").into_luma8()
            }
        };
        assert_eq!(
            decode(&gray).as_deref(),
            Some(tracking.as_str()),
            "{kind} barcode"
        );
        numbers.push(tracking);
    }
    numbers.sort();
    numbers.dedup();
    assert_eq!(numbers.len(), 4, "tracking numbers are unique");
    sim.shutdown().await;
}

#[tokio::test]
async fn buying_for_an_order_links_it_and_ships_it() {
    let sim = sim().await;
    let api = Api::new(&sim, TOKEN);
    let (_, orders) = api.get("/orders?results=100").await;
    let order = orders["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["order_status"] == "PAID")
        .unwrap()
        .clone();
    let oid = order["object_id"].as_str().unwrap();
    let sh = shipment(&api).await;
    let rate = rate_for(&sh, "usps_ground_advantage")["object_id"]
        .as_str()
        .unwrap();
    let (_, t) = api
        .post(
            "/transactions",
            json!({ "rate": rate, "label_file_type": "ZPLII", "async": false, "order": oid }),
        )
        .await;
    assert_eq!(t["status"], "SUCCESS");
    let (_, o) = api.get(&format!("/orders/{oid}")).await;
    assert_eq!(o["order_status"], "SHIPPED");
    // The order lists the label expanded (limited fields), as the real API does.
    let listed = o["transactions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["object_id"] == t["object_id"])
        .expect("the order lists its label");
    assert_eq!(listed["object_status"], "SUCCESS");
    assert_eq!(listed["tracking_number"], t["tracking_number"]);
    assert_eq!(listed["label_url"], t["label_url"]);
    // The order number is printed on the label.
    let (_, _, zpl) = api.download(t["label_url"].as_str().unwrap()).await;
    assert!(String::from_utf8_lossy(&zpl).contains(order["order_number"].as_str().unwrap()));
    // Another account sees the same shop, but not this account's purchase.
    let other = Api::new(&sim, OTHER);
    let (_, o2) = other.get(&format!("/orders/{oid}")).await;
    assert_eq!(o2["order_status"], "PAID");
    assert_eq!(
        other
            .get(&format!(
                "/transactions/{}",
                t["object_id"].as_str().unwrap()
            ))
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    // An unknown order is a field error.
    let (s, e) = api
        .post(
            "/transactions",
            json!({ "rate": rate, "order": "0".repeat(32) }),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(e["order"][0].as_str().unwrap().contains("not found"));
    sim.shutdown().await;
}

#[tokio::test]
async fn ups_purchases_fail_inside_a_201_and_expired_rates_too() {
    let sim = sim().await;
    let api = Api::new(&sim, TOKEN);
    let sh = shipment(&api).await;
    let (s, t) = api
        .post(
            "/transactions",
            json!({ "rate": rate_for(&sh, "ups_ground")["object_id"], "async": false }),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(t["status"], "ERROR");
    assert!(t["messages"][0]["text"]
        .as_str()
        .unwrap()
        .starts_with("The UPS account is not yet registered"));
    assert_eq!(t["label_url"], "");
    let rate = rate_for(&sh, "usps_priority")["object_id"].clone();
    sim.advance_clock(std::time::Duration::from_secs(8 * 24 * 3600));
    let (s, t) = api
        .post("/transactions", json!({ "rate": rate, "async": false }))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(t["status"], "ERROR");
    assert_eq!(t["messages"][0]["code"], "rate_expired");
    sim.shutdown().await;
}

#[tokio::test]
async fn instalabel_buys_in_one_call_and_shows_the_rate_object() {
    let sim = sim().await;
    let api = Api::new(&sim, TOKEN);
    let (_, accounts) = api.get("/carrier_accounts?carrier=fedex").await;
    let fedex = accounts["results"][0]["object_id"]
        .as_str()
        .unwrap()
        .to_string();
    let body = json!({ "shipment": { "address_from": from_address(), "address_to": to_address(), "parcels": [parcel()] }, "carrier_account": fedex, "servicelevel_token": "fedex_2_day", "label_file_type": "PDF_4x6" });
    let (s, t) = api.post("/transactions", body).await;
    assert_eq!(s, StatusCode::CREATED, "{t}");
    assert_eq!(
        t["status"], "SUCCESS",
        "Instalabel is synchronous by default"
    );
    assert_eq!(t["rate"]["servicelevel_token"], "fedex_2_day");
    assert_eq!(t["rate"]["carrier_account"], fedex.as_str());
    assert_eq!(
        t["tracking_number"].as_str().unwrap().len(),
        12,
        "FedEx-looking"
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn international_shipments_need_a_customs_declaration() {
    let sim = sim().await;
    let api = Api::new(&sim, TOKEN);
    let to = json!({ "name": "Jane Doe", "street1": "10 Downing Street", "city": "London", "zip": "SW1A 2AA", "country": "GB" });
    let (_, sh) = api
        .post(
            "/shipments",
            json!({ "address_from": from_address(), "address_to": to, "parcels": [parcel()] }),
        )
        .await;
    assert_eq!(sh["rates"].as_array().unwrap().len(), 0);
    assert!(sh["messages"][0]["text"]
        .as_str()
        .unwrap()
        .contains("customs declaration"));
    let customs = json!({ "certify": true, "certify_signer": "Shawn Ippotle", "contents_type": "MERCHANDISE", "non_delivery_option": "RETURN", "incoterm": "DDU",
        "items": [{ "description": "T-Shirt", "quantity": 2, "net_weight": "1", "mass_unit": "lb", "value_amount": "20", "value_currency": "USD", "origin_country": "US", "tariff_number": "6109.10" }] });
    let (_, sh) = api.post("/shipments", json!({ "address_from": from_address(), "address_to": to, "parcels": [parcel()], "customs_declaration": customs })).await;
    let rates = sh["rates"].as_array().unwrap();
    assert!(rates.iter().any(|r| r["provider"] == "DHL Express"));
    assert!(rates.iter().all(|r| r["servicelevel"]["token"]
        .as_str()
        .unwrap()
        .contains("international")
        || r["provider"] != "USPS"));
    assert_eq!(
        sh["customs_declaration"]["items"].as_array().unwrap().len(),
        1
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn address_validation_corrects_and_flags() {
    let sim = sim().await;
    let api = Api::new(&sim, TOKEN);
    let (s, a) = api.post("/addresses", json!({ "name": "Shawn", "street1": "1 Market Stret", "city": "San Francisco", "state": "ca", "zip": "94105", "country": "US", "metadata": "customer 7", "validate": true })).await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(a["street1"], "1 Market St");
    assert!(
        a["zip"].as_str().unwrap().starts_with("94105-") && a["zip"].as_str().unwrap().len() == 10
    );
    assert_eq!(a["metadata"], "");
    assert_eq!(a["state"], "CA");
    assert_eq!(a["validation_results"]["is_valid"], true);
    let (_, bad) = api.post("/addresses", json!({ "name": "X", "street1": "Nowhere Lane", "city": "San Francisco", "state": "CA", "zip": "94105", "country": "US", "validate": true })).await;
    assert_eq!(bad["validation_results"]["is_valid"], false);
    let m = &bad["validation_results"]["messages"][0];
    for k in ["source", "code", "text", "type"] {
        assert!(m[k].as_str().is_some_and(|s| !s.is_empty()), "{k} in {m}");
    }
    // Unvalidated addresses keep metadata; /validate makes a new object.
    let (_, plain) = api.post("/addresses", json!({ "street1": "1 Market Stret", "city": "SF", "state": "CA", "zip": "94105", "country": "US", "metadata": "m" })).await;
    assert_eq!(plain["metadata"], "m");
    let (_, v) = api
        .get(&format!(
            "/addresses/{}/validate",
            plain["object_id"].as_str().unwrap()
        ))
        .await;
    assert_ne!(v["object_id"], plain["object_id"]);
    assert_eq!(v["street1"], "1 Market St");
    assert_eq!(
        api.post("/addresses", json!({ "name": "no country" }))
            .await
            .1,
        json!({ "country": ["This field is required."] })
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn tracking_knows_test_numbers_and_the_simulators_own_labels() {
    let sim = sim().await;
    let api = Api::new(&sim, TOKEN);
    let statuses = |v: &serde_json::Value| {
        v["tracking_history"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["status"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let (_, d) = api.get("/tracks/shippo/SHIPPO_DELIVERED").await;
    assert_eq!(statuses(&d), ["UNKNOWN", "TRANSIT", "FAILURE", "DELIVERED"]);
    assert_eq!(d["tracking_status"]["status"], "DELIVERED");
    assert_eq!(d["servicelevel"]["token"], "shippo_priority");
    let (_, r) = api.get("/tracks/shippo/SHIPPO_RETURNED").await;
    assert_eq!(
        statuses(&r),
        ["UNKNOWN", "TRANSIT", "FAILURE", "DELIVERED", "RETURNED"]
    );
    for (n, want) in [
        ("SHIPPO_PRE_TRANSIT", vec!["PRE_TRANSIT"]),
        ("SHIPPO_UNKNOWN", vec!["UNKNOWN"]),
        ("SHIPPO_TRANSIT", vec!["UNKNOWN", "TRANSIT"]),
        ("SHIPPO_FAILURE", vec!["UNKNOWN", "TRANSIT", "FAILURE"]),
    ] {
        assert_eq!(
            statuses(&api.get(&format!("/tracks/shippo/{n}")).await.1),
            want
        );
    }
    let (s, e) = api.get("/tracks/usps/9400111899223456789012").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(
        e["detail"],
        "usps is not a valid test tracking carrier. Please use 'shippo'"
    );
    let (s, e) = api.get("/tracks/shippo/123").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(e["detail"]
        .as_str()
        .unwrap()
        .starts_with("123 is not a valid test tracking number."));
    // Our own label moves along on the accelerated clock.
    let sh = shipment(&api).await;
    let (_, t) = api
        .post(
            "/transactions",
            json!({ "rate": rate_for(&sh, "usps_priority")["object_id"], "async": false }),
        )
        .await;
    let path = format!("/tracks/usps/{}", t["tracking_number"].as_str().unwrap());
    let (s, tr) = api.get(&path).await;
    assert_eq!(s, StatusCode::OK, "{tr}");
    assert_eq!(tr["tracking_status"]["status"], "PRE_TRANSIT");
    assert_eq!(tr["transaction"], t["object_id"]);
    sim.advance_clock(std::time::Duration::from_secs(10 * 60));
    assert_eq!(
        statuses(&api.get(&path).await.1),
        ["PRE_TRANSIT", "TRANSIT", "DELIVERED"]
    );
    let (s, reg) = api.post("/tracks", json!({ "carrier": "shippo", "tracking_number": "SHIPPO_TRANSIT", "metadata": "order 5" })).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(reg["metadata"], "order 5");
    sim.shutdown().await;
}
