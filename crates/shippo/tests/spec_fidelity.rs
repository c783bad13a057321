//! Where the 2024 spec and the real API disagree (issue 13), the client reads what the real API
//! sends, and what the spec says too.

mod support;

use axum::http::Method;
use shippo::models::*;
use support::{fixture, FakeShippo};

/// The spec's schema types `Order.transactions` as ids; its own description (and the real API)
/// says "transaction objects ... returned expanded with a limited number of fields". An order with
/// a label must read in both shapes, also mixed in one list.
#[tokio::test]
async fn an_order_reads_expanded_transactions_and_bare_ids() {
    let fake = FakeShippo::start().await;
    let client = support::client(&fake);
    fake.json(
        Method::GET,
        "/orders/o2",
        200,
        fixture("order_expanded_transactions.json"),
    );
    let order = client.orders().get("o2").await.expect("an order with a label");
    assert_eq!(order.transactions.len(), 2);
    let expanded = order.transactions[0].object().expect("the first is an object");
    assert_eq!(expanded.object_id.as_deref(), Some("70ae8117ee1749e393f249d5b77c45e0"));
    assert_eq!(expanded.status, Some(TransactionStatus::Success));
    assert_eq!(expanded.tracking_number.as_deref(), Some("9205590164917312751089"));
    assert_eq!(expanded.tracking_code(), Some(&TrackingStatusCode::Transit));
    let rate = expanded.rate.as_ref().and_then(|r| r.object()).expect("the rate object");
    assert_eq!(rate.provider.as_deref(), Some("USPS"));
    assert_eq!(order.transactions[1].id(), Some("9dcb35d02c9a4e9eaa8b1b1a8a0f3c2e"));
    assert!(order.transactions[1].object().is_none());

    // The spec's shape (bare ids only) still reads.
    fake.json(Method::GET, "/orders/o1", 200, fixture("order.json"));
    let order = client.orders().get("o1").await.expect("the spec's shape");
    assert_eq!(order.transactions[0].id(), Some("70ae8117ee1749e393f249d5b77c45e0"));
}

/// `CarrierParcelTemplate.is_variable_dimensions` is a JSON boolean at the real API
/// (goshippo/shippo-python-sdk#60: `"is_variable_dimensions":false`); the spec says a string.
#[tokio::test]
async fn is_variable_dimensions_reads_a_boolean_or_the_specs_string() {
    let fake = FakeShippo::start().await;
    let client = support::client(&fake);
    fake.json(
        Method::GET,
        "/parcel-templates",
        200,
        fixture("carrier_parcel_templates_spec_strings.json"),
    );
    let page = client
        .carrier_parcel_templates()
        .list(&Default::default())
        .await
        .expect("templates in both shapes");
    let flags: Vec<Option<bool>> = page.iter().map(|t| t.is_variable_dimensions).collect();
    assert_eq!(flags, vec![Some(true), Some(false), Some(false), None]);

    let real: CarrierParcelTemplate =
        serde_json::from_str(&fixture("carrier_parcel_template.json")).unwrap();
    assert_eq!(real.is_variable_dimensions, Some(false));
    assert_eq!(
        serde_json::to_value(&real).unwrap()["is_variable_dimensions"],
        serde_json::Value::Bool(false),
        "written as the real API sends it"
    );
    let err = serde_json::from_str::<CarrierParcelTemplate>(r#"{"is_variable_dimensions": "maybe"}"#)
        .unwrap_err();
    assert!(err.to_string().contains("expected true or false"), "{err}");
}
