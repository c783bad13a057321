//! Serialized JSON of the models, compared with fixtures in `tests/resources/serialized/`: what
//! the client sends (requests: unset options left out) and what it writes back out of a read
//! object (the station caches some). The fixtures were written by the models as they were before
//! `serde_with::skip_serializing_none` replaced the per-field attributes; any change shows here.
//! `SHIPPO_WRITE_SERIALIZED=1 cargo test -p shippo --test serialized` rewrites them.

mod support;

use serde::de::DeserializeOwned;
use serde::Serialize;
use shippo::models::*;
use shippo::Page;
use support::fixture;

fn check(name: &str, value: &impl Serialize) {
    let text = serde_json::to_string_pretty(value).expect("serializes") + "\n";
    let path = format!(
        "{}/tests/resources/serialized/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    if std::env::var_os("SHIPPO_WRITE_SERIALIZED").is_some() {
        std::fs::write(&path, &text).expect("write fixture");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    assert_eq!(text, expected, "{name}: serialized JSON changed");
}

/// Reads a response fixture as `T` and checks what it serializes to.
fn round<T: DeserializeOwned + Serialize>(fixture_name: &str) {
    let value: T = serde_json::from_str(&fixture(fixture_name))
        .unwrap_or_else(|e| panic!("{fixture_name}: {e}"));
    check(fixture_name.trim_end_matches(".json"), &value);
}

/// Reads a request from a little JSON (unset fields take their defaults) and checks it.
fn request<T: DeserializeOwned + Serialize>(name: &str, json: &str) {
    let value: T = serde_json::from_str(json).unwrap_or_else(|e| panic!("{name}: {e}"));
    check(name, &value);
}

#[test]
fn responses_serialize_as_before() {
    round::<Address>("address.json");
    round::<Address>("address_validated.json");
    round::<Batch>("batch.json");
    round::<CarrierAccount>("carrier_account.json");
    round::<CarrierParcelTemplate>("carrier_parcel_template.json");
    round::<CustomsDeclaration>("customs_declaration.json");
    round::<CustomsItem>("customs_item.json");
    round::<DefaultParcelTemplate>("default_parcel_template.json");
    round::<Page<LiveRate>>("live_rates.json");
    round::<Manifest>("manifest.json");
    round::<Order>("order.json");
    round::<PackingSlip>("packing_slip.json");
    round::<Parcel>("parcel.json");
    round::<Pickup>("pickup.json");
    round::<Rate>("rate.json");
    round::<Refund>("refund.json");
    round::<CarrierAccountRegistrationStatus>("registration_status.json");
    round::<ServiceGroup>("service_group.json");
    round::<Shipment>("shipment.json");
    round::<ShippoAccount>("shippo_account.json");
    round::<Track>("track_delivered.json");
    round::<Transaction>("transaction.json");
    round::<Transaction>("transaction_error.json");
    round::<Transaction>("transaction_instalabel.json");
    round::<UserParcelTemplate>("user_parcel_template.json");
    round::<Webhook>("webhook.json");
}

#[test]
fn requests_serialize_as_before() {
    request::<AddressCreateRequest>("address_request", r#"{"name": "Ada", "street1": "965 Mission St", "country": "US", "validate": true}"#);
    request::<AddressCreateRequest>("address_request_empty", "{}");
    request::<ParcelCreateRequest>("parcel_request", r#"{"length": "10", "width": "8", "height": "4", "distance_unit": "in", "weight": "2", "mass_unit": "lb"}"#);
    request::<OrderCreateRequest>("order_request", r##"{"placed_at": "2026-09-15T10:00:00Z", "to_address": {"name": "Ada", "country": "US"}, "order_number": "#1001", "line_items": [{"title": "Hippo", "quantity": 1}], "total_price": "12.00"}"##);
    request::<CustomsDeclarationCreateRequest>("customs_declaration_request", "{}");
    request::<CustomsItemCreateRequest>("customs_item_request", r#"{"description": "T-shirt", "quantity": 2}"#);
    request::<BatchCreateRequest>("batch_request", "{}");
    request::<CarrierAccountCreateRequest>("carrier_account_request", "{}");
    request::<PickupCreateRequest>("pickup_request", "{}");
    request::<RefundCreateRequest>("refund_request", r#"{"transaction": "t1"}"#);
    request::<TrackCreateRequest>("track_request", r#"{"carrier": "usps", "tracking_number": "SHIPPO_TRANSIT"}"#);
    request::<UserParcelTemplateRequest>("user_parcel_template_request", r#"{"name": "Box", "template": "USPS_FlatRateEnvelope"}"#);
    request::<ShippoAccountRequest>("shippo_account_request", "{}");
    request::<ServiceGroupRequest>("service_group_request", "{}");
    let shipment = ShipmentCreateRequest::new(
        AddressInput::Id("from1".into()),
        AddressInput::Id("to1".into()),
        vec![ParcelCreateRequest {
            weight: "1".into(),
            mass_unit: MassUnit::Lb,
            ..Default::default()
        }
        .into()],
    );
    check("shipment_request", &shipment);
    check("list_params", &ListParams::per_page(25));
}
