//! The client against the Shippo simulator (crates/shippo-sim): the operator's main flow end to
//! end over real HTTP — list orders, rate, buy a ZPL label, download it, refund it, run a batch,
//! and read test tracking.

use std::time::Duration;

use futures::TryStreamExt;
use shippo::models::*;
use shippo::{Client, ClientConfig, LabelFormat, PollOptions, Token};
use shippo_sim::{SimConfig, Simulator};

const TOKEN: &str = "shippo_test_0123456789abcdef0123456789abcdef01234567";

async fn start(orders: usize) -> (Simulator, Client) {
    let cfg = SimConfig { seed: 7, orders, tokens: vec![TOKEN.to_owned()], rate_limits: false, ..SimConfig::default() };
    let sim = Simulator::start(cfg).await.expect("simulator starts");
    let config = ClientConfig::new(Token::new(TOKEN)).with_base_url(&sim.base_url()).expect("base url").with_pacing(false);
    let client = Client::new(config).expect("client");
    (sim, client)
}

fn options() -> PollOptions {
    PollOptions { deadline: Duration::from_secs(20), interval: Duration::from_millis(20), max_interval: Duration::from_millis(100) }
}

fn sender() -> AddressCreateRequest {
    AddressCreateRequest {
        name: Some("Shipbench Bench".into()),
        company: Some("Shipbench".into()),
        street1: Some("215 Clayton St.".into()),
        city: Some("San Francisco".into()),
        state: Some("CA".into()),
        zip: Some("94117".into()),
        country: "US".into(),
        phone: Some("+1 555 341 9393".into()),
        email: Some("bench@example.com".into()),
        ..Default::default()
    }
}

/// The order's destination as an address to ship to.
fn destination(order: &Order) -> AddressCreateRequest {
    let a = order.to_address.clone().expect("orders have a to_address");
    AddressCreateRequest {
        name: a.name,
        company: a.company,
        street1: a.street1,
        street2: a.street2,
        city: a.city,
        state: a.state,
        zip: a.zip,
        country: a.country.unwrap_or_else(|| "US".into()),
        phone: a.phone,
        email: a.email,
        ..Default::default()
    }
}

fn parcel() -> ParcelInput {
    ParcelCreateRequest {
        length: Some("10".into()),
        width: Some("8".into()),
        height: Some("4".into()),
        distance_unit: Some(DistanceUnit::In),
        weight: "2".into(),
        mass_unit: MassUnit::Lb,
        ..Default::default()
    }
    .into()
}

fn domestic(orders: &[Order]) -> Vec<&Order> {
    orders.iter().filter(|o| o.to_address.as_ref().and_then(|a| a.country.as_deref()) == Some("US")).collect()
}

// `..Default::default()` on the purchase request keeps this test compiling when the request
// grows fields (order, …).
#[allow(clippy::needless_update)]
#[tokio::test]
async fn main_flow_against_the_simulator() {
    let (sim, client) = start(60).await;

    // 1. Orders, streamed page after page.
    let orders: Vec<Order> = client.orders().stream(&Default::default()).expect("stream").try_collect().await.expect("orders");
    assert_eq!(orders.len(), 60, "every order arrives once across pages");
    let mut ids: Vec<_> = orders.iter().filter_map(|o| o.object_id.clone()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 60, "no order repeats");
    let order = domestic(&orders)[0];

    // 2. Rate synchronously and pick a USPS rate.
    let mut request = ShipmentCreateRequest::new(sender(), destination(order), vec![parcel()]);
    request.is_async = Some(false);
    request.metadata = order.order_number.clone();
    let shipment = client.shipments().create(&request).await.expect("shipment");
    let shipment = if shipment.is_pending() {
        client.shipments().wait_for_rates(shipment.object_id.as_deref().unwrap(), options(), |_| {}).await.expect("rates")
    } else {
        shipment
    };
    assert_eq!(shipment.status, Some(ShipmentStatus::Success));
    let rate = shipment.rates.iter().filter(|r| r.provider.as_deref() == Some("USPS")).min_by_key(|r| r.amount).expect("a USPS rate");

    // 3. Buy a ZPLII label with metadata.
    let metadata = format!("Order {}", order.order_number.clone().unwrap_or_default());
    let bought = client
        .transactions()
        .create(&TransactionCreateRequest {
            rate: rate.object_id.clone().unwrap(),
            label_file_type: Some(LabelFileType::ZPLII),
            metadata: Some(metadata.clone()),
            is_async: Some(false),
            ..Default::default()
        })
        .await
        .expect("purchase answered")
        .ensure_success()
        .expect("purchase succeeded");
    let txn_id = bought.object_id.clone().unwrap();
    let label = if bought.is_pending() {
        client.transactions().wait(&txn_id, options(), |_| sim.advance_clock(Duration::from_secs(5))).await.expect("label").ensure_success().expect("label ok")
    } else {
        bought
    };
    assert_eq!(label.status, Some(TransactionStatus::Success));
    assert_eq!(label.metadata.as_deref(), Some(metadata.as_str()));
    assert!(label.tracking_number.as_deref().is_some_and(|t| !t.is_empty()));
    let sold = sim.inspect_transactions();
    assert_eq!(sold.len(), 1, "exactly one label was sold");

    // 4. Download the label: ZPL bytes.
    let url = label.label_url.clone().expect("label_url");
    let file = client.download_label(&url, Some(&LabelFileType::ZPLII)).await.expect("download");
    assert_eq!(file.format, LabelFormat::Zpl);
    let text = String::from_utf8_lossy(&file.bytes);
    assert!(text.contains("^XA") && text.contains("^XZ"), "a ZPL label: {}", &text[..text.len().min(200)]);

    // 5. Refund it and wait for the refund to settle.
    let refund = client.refunds().create(&RefundCreateRequest { transaction: txn_id.clone(), is_async: None }).await.expect("refund");
    let refund_id = refund.object_id.clone().unwrap();
    let mut seen = Vec::new();
    let refund = client
        .refunds()
        .wait(&refund_id, options(), |r| {
            seen.push(r.status.clone());
            sim.advance_clock(Duration::from_secs(60));
        })
        .await
        .expect("refund settles");
    assert_eq!(refund.status, Some(RefundStatus::Success), "statuses seen: {seen:?}");
    let after = client.transactions().get(&txn_id).await.expect("label again");
    assert!(matches!(after.status, Some(TransactionStatus::Refunded | TransactionStatus::RefundPending)), "{:?}", after.status);

    // 6. A batch of two orders: create, wait for validation, purchase, wait for the labels.
    let usps = client
        .carrier_accounts()
        .list(&CarrierAccountListParams { carrier: Some("usps".into()), ..Default::default() })
        .await
        .expect("carrier accounts")
        .results
        .into_iter()
        .find(|a| a.carrier.as_deref() == Some("usps"))
        .expect("a USPS account");
    let batch_shipments = domestic(&orders)
        .iter()
        .skip(1)
        .take(2)
        .map(|o| BatchShipmentCreateRequest {
            shipment: ShipmentCreateRequest::new(sender(), destination(o), vec![parcel()]),
            carrier_account: None,
            servicelevel_token: None,
            metadata: o.order_number.clone(),
        })
        .collect();
    let batch = client
        .batches()
        .create(&BatchCreateRequest {
            default_carrier_account: usps.object_id.clone().unwrap(),
            default_servicelevel_token: "usps_priority".into(),
            label_filetype: Some(LabelFileType::PDF_4x6),
            metadata: Some("Morning run".into()),
            batch_shipments,
        })
        .await
        .expect("batch");
    let batch_id = batch.object_id.clone().unwrap();
    let batch = client.batches().wait(&batch_id, options(), |_| sim.advance_clock(Duration::from_secs(10))).await.expect("validated");
    assert_eq!(batch.status, Some(BatchStatus::Valid), "{batch:?}");
    client.batches().purchase(&batch_id).await.expect("purchase accepted");
    let batch = client.batches().wait(&batch_id, options(), |_| sim.advance_clock(Duration::from_secs(10))).await.expect("purchased");
    assert_eq!(batch.status, Some(BatchStatus::Purchased));
    assert_eq!(batch.object_results.as_ref().and_then(|r| r.purchase_succeeded), Some(2));
    if let Some(merged) = batch.label_url.first() {
        let file = client.download_label(merged, Some(&LabelFileType::PDF_4x6)).await.expect("merged labels");
        assert_eq!(file.format, LabelFormat::Pdf);
    }
    assert_eq!(sim.inspect_transactions().len(), 3, "one label plus two batch labels");

    // 7. Test tracking.
    let track = client.tracks().get("shippo", "SHIPPO_DELIVERED").await.expect("track");
    assert_eq!(track.tracking_status.and_then(|s| s.status), Some(TrackingStatusCode::Delivered));
    let history: Vec<_> = track.tracking_history.into_iter().filter_map(|h| h.status).collect();
    assert_eq!(history, vec![TrackingStatusCode::Unknown, TrackingStatusCode::Transit, TrackingStatusCode::Failure, TrackingStatusCode::Delivered]);

    sim.shutdown().await;
}

#[tokio::test]
async fn a_refused_token_against_the_simulator() {
    let (sim, _) = start(5).await;
    let config = ClientConfig::new(Token::new("shippo_test_ffffffffffffffffffffffffffffffffffffffff")).with_base_url(&sim.base_url()).unwrap().with_pacing(false);
    let client = Client::new(config).unwrap();
    let err = client.orders().list(&Default::default()).await.unwrap_err();
    assert_eq!(err.status(), Some(401));
    assert!(err.to_string().starts_with("Shippo refused the API token"), "{err}");
    assert!(!err.to_string().contains("ffffffffffffffff"));
    sim.shutdown().await;
}
