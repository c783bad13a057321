//! Every operation of operations.tsv (plus the packing slip) called over real HTTP against the
//! fake Shippo: the request must arrive exactly once, on the right method and path, with the
//! token, version header and user agent; the fixture answer must parse.

mod support;

use std::collections::BTreeSet;

use axum::http::Method;
use shippo::models::*;
use support::{assert_shippo_headers, fixture, page_of, FakeShippo};

macro_rules! op {
    ($ops:ident, $fake:ident, $id:literal, $method:ident $path:expr, $status:expr, $body:expr, $versioned:expr, $call:expr) => {{
        $fake.json(Method::$method, $path, $status, $body);
        $fake.clear();
        let out = $call.await.unwrap_or_else(|e| panic!("{}: {e}", $id));
        let seen = $fake.single(&Method::$method, $path);
        assert_shippo_headers(&seen, $versioned);
        $ops.insert($id.to_owned());
        (out, seen)
    }};
}

fn us_address(name: &str) -> AddressCreateRequest {
    AddressCreateRequest {
        name: Some(name.into()),
        street1: Some("215 Clayton St.".into()),
        city: Some("San Francisco".into()),
        state: Some("CA".into()),
        zip: Some("94117".into()),
        country: "US".into(),
        ..Default::default()
    }
}

fn box_parcel() -> ParcelCreateRequest {
    ParcelCreateRequest {
        length: Some("10".into()),
        width: Some("8".into()),
        height: Some("4".into()),
        distance_unit: Some(DistanceUnit::In),
        weight: "2".into(),
        mass_unit: MassUnit::Lb,
        ..Default::default()
    }
}

fn shipment_request() -> ShipmentCreateRequest {
    let mut s = ShipmentCreateRequest::new(
        us_address("From"),
        us_address("To"),
        vec![box_parcel().into()],
    );
    s.is_async = Some(false);
    s
}

#[tokio::test]
async fn every_operation_goes_out_over_http() {
    let fake = FakeShippo::start().await;
    let client = support::client(&fake);
    let mut ops = BTreeSet::new();

    // Addresses
    let (a, seen) = op!(ops, fake, "CreateAddress", POST "/addresses", 201, fixture("address_validated.json"), true,
        client.addresses().create(&AddressCreateRequest { validate: Some(true), ..us_address("Shawn") }));
    assert_eq!(seen.json()["validate"], true);
    assert!(
        seen.json().get("company").is_none(),
        "unset optional fields are not sent"
    );
    let v = a.validation_results.unwrap();
    assert_eq!(v.is_valid, Some(true));
    assert_eq!(v.messages[1].code.as_deref(), Some("2040"));
    let (a, _) = op!(ops, fake, "GetAddress", GET "/addresses/adr1", 200, fixture("address.json"), true, client.addresses().get("adr1"));
    assert_eq!(a.is_residential, None);
    assert_eq!(a.zip.as_deref(), Some("94117"));
    op!(ops, fake, "ValidateAddress", GET "/addresses/adr1/validate", 200, fixture("address_validated.json"), true, client.addresses().validate("adr1"));
    let (p, seen) = op!(ops, fake, "ListAddresses", GET "/addresses", 200, page_of("address.json"), true,
        client.addresses().list(&ListParams { page: Some(2), results: Some(5) }));
    assert_eq!(seen.query.as_deref(), Some("page=2&results=5"));
    assert_eq!(p.results.len(), 1);
    assert_eq!(p.next, None);

    // Parcels
    let (parcel, seen) = op!(ops, fake, "CreateParcel", POST "/parcels", 201, fixture("parcel.json"), true, client.parcels().create(&box_parcel()));
    assert_eq!(seen.json()["weight"], "2", "measures go out as strings");
    assert_eq!(parcel.length.unwrap().0, "10.0000");
    op!(ops, fake, "GetParcel", GET "/parcels/prc1", 200, fixture("parcel.json"), true, client.parcels().get("prc1"));
    op!(ops, fake, "ListParcels", GET "/parcels", 200, page_of("parcel.json"), true, client.parcels().list(&ListParams::default()));

    // Shipments and rates
    let (s, seen) = op!(ops, fake, "CreateShipment", POST "/shipments", 201, fixture("shipment.json"), true, client.shipments().create(&shipment_request()));
    assert_eq!(seen.json()["async"], false);
    assert_eq!(s.rates.len(), 2);
    assert_eq!(
        s.cheapest_rate().unwrap().amount.unwrap().to_string(),
        "4.10"
    );
    assert_eq!(s.messages[0].source.as_deref(), Some("UPS"));
    assert_eq!(s.extra.unwrap().other["a_carrier_specific_extra"], true);
    op!(ops, fake, "GetShipment", GET "/shipments/shp1", 200, fixture("shipment.json"), true, client.shipments().get("shp1"));
    op!(ops, fake, "ListShipments", GET "/shipments", 200, page_of("shipment.json"), true, client.shipments().list(&Default::default()));
    let (rates, _) = op!(ops, fake, "ListShipmentRates", GET "/shipments/shp1/rates", 200, page_of("rate.json"), true,
        client.shipments().rates("shp1", &ListParams::default()));
    assert_eq!(
        rates.results[0].attributes,
        vec![
            RateAttribute::Cheapest,
            RateAttribute::Other("NEW_ATTRIBUTE".into())
        ]
    );
    op!(ops, fake, "ListShipmentRatesByCurrencyCode", GET "/shipments/shp1/rates/EUR", 200, page_of("rate.json"), true,
        client.shipments().rates_in_currency("shp1", "EUR", &ListParams::default()));
    let (r, _) = op!(ops, fake, "GetRate", GET "/rates/rt1", 200, fixture("rate.json"), true, client.rates().get("rt1"));
    assert_eq!(
        r.servicelevel.unwrap().token.as_deref(),
        Some("usps_priority")
    );

    // Transactions
    let buy = TransactionCreateRequest {
        rate: "rt1".into(),
        label_file_type: Some(LabelFileType::ZPLII),
        order: None,
        metadata: Some("Order #1001".into()),
        is_async: Some(false),
    };
    let (t, seen) = op!(ops, fake, "CreateTransaction", POST "/transactions", 201, fixture("transaction.json"), true, client.transactions().create(&buy));
    assert_eq!(
        seen.json(),
        serde_json::json!({"rate": "rt1", "label_file_type": "ZPLII", "metadata": "Order #1001", "async": false})
    );
    assert_eq!(t.tracking_code(), Some(&TrackingStatusCode::Unknown));
    assert!(t
        .label_url
        .as_deref()
        .unwrap()
        .ends_with("/files/label.zpl"));
    op!(ops, fake, "GetTransaction", GET "/transactions/txn1", 200, fixture("transaction.json"), true, client.transactions().get("txn1"));
    let (_, seen) = op!(ops, fake, "ListTransactions", GET "/transactions", 200, page_of("transaction_instalabel.json"), true,
        client.transactions().list(&shippo::api::transactions::TransactionListParams { object_status: Some(TransactionStatus::Success), ..Default::default() }));
    assert_eq!(seen.query.as_deref(), Some("object_status=SUCCESS"));

    // Refunds
    let (rf, _) = op!(ops, fake, "CreateRefund", POST "/refunds", 201, fixture("refund.json"), true,
        client.refunds().create(&RefundCreateRequest { transaction: "txn1".into(), is_async: None }));
    assert!(rf.is_pending());
    op!(ops, fake, "GetRefund", GET "/refunds/rf1", 200, fixture("refund.json"), true, client.refunds().get("rf1"));
    op!(ops, fake, "ListRefunds", GET "/refunds/", 200, page_of("refund.json"), true, client.refunds().list());

    // Orders
    let order_req = OrderCreateRequest {
        placed_at: "2026-09-15T10:00:00Z".into(),
        to_address: us_address("Ada"),
        ..Default::default()
    };
    op!(ops, fake, "CreateOrder", POST "/orders", 201, fixture("order.json"), true, client.orders().create(&order_req));
    let (o, _) = op!(ops, fake, "GetOrder", GET "/orders/ord1", 200, fixture("order.json"), true, client.orders().get("ord1"));
    assert_eq!(o.total_price.unwrap().to_string(), "29.00");
    assert_eq!(
        o.transactions[0].id(),
        Some("70ae8117ee1749e393f249d5b77c45e0")
    );
    op!(ops, fake, "ListOrders", GET "/orders", 200, page_of("order.json"), true, client.orders().list(&Default::default()));
    let (slip, _) = op!(ops, fake, "GetPackingSlip", GET "/orders/ord1/packingslip/", 200, fixture("packing_slip.json"), true, client.orders().packing_slip("ord1"));
    assert!(slip.slip_url.unwrap().ends_with("/files/slip.pdf"));

    // Batches
    let batch_req = BatchCreateRequest {
        default_carrier_account: "ca1".into(),
        default_servicelevel_token: "usps_priority".into(),
        label_filetype: Some(LabelFileType::PDF_4x6),
        metadata: None,
        batch_shipments: vec![BatchShipmentCreateRequest {
            shipment: shipment_request(),
            carrier_account: None,
            servicelevel_token: None,
            metadata: None,
        }],
    };
    op!(ops, fake, "CreateBatch", POST "/batches", 201, fixture("batch.json"), true, client.batches().create(&batch_req));
    let (b, seen) = op!(ops, fake, "GetBatch", GET "/batches/bat1", 200, fixture("batch.json"), true,
        client.batches().get("bat1", &shippo::api::batches::BatchGetParams { object_results: Some(BatchObjectResultsFilter::CreationFailed), ..Default::default() }));
    assert_eq!(
        seen.query.as_deref(),
        Some("object_results=creation_failed")
    );
    assert_eq!(
        b.batch_shipments.unwrap().results[1].status,
        Some(BatchShipmentStatus::Incomplete)
    );
    op!(ops, fake, "AddShipmentsToBatch", POST "/batches/bat1/add_shipments", 200, fixture("batch.json"), true,
        client.batches().add_shipments("bat1", &batch_req.batch_shipments));
    let (_, seen) = op!(ops, fake, "RemoveShipmentsFromBatch", POST "/batches/bat1/remove_shipments", 200, fixture("batch.json"), true,
        client.batches().remove_shipments("bat1", &["bs_02".to_owned()]));
    assert_eq!(seen.json(), serde_json::json!(["bs_02"]));
    op!(ops, fake, "PurchaseBatch", POST "/batches/bat1/purchase", 202, fixture("batch.json"), true, client.batches().purchase("bat1"));

    // Manifests
    let man_req = ManifestCreateRequest {
        carrier_account: "ca1".into(),
        shipment_date: "2026-09-16T00:00:00Z".into(),
        address_from: AddressInput::Id("adr1".into()),
        transactions: None,
        is_async: None,
    };
    let (m, seen) = op!(ops, fake, "CreateManifest", POST "/manifests", 201, fixture("manifest.json"), true, client.manifests().create(&man_req));
    assert!(seen.json().get("transactions").is_none());
    assert_eq!(m.status, Some(ManifestStatus::Success));
    op!(ops, fake, "GetManifest", GET "/manifests/man1", 200, fixture("manifest.json"), true, client.manifests().get("man1"));
    op!(ops, fake, "ListManifests", GET "/manifests", 200, page_of("manifest.json"), true, client.manifests().list(&ListParams::default()));

    // Tracking
    let (tr, _) = op!(ops, fake, "CreateTrack", POST "/tracks", 200, fixture("track_delivered.json"), true,
        client.tracks().register(&TrackCreateRequest { carrier: "shippo".into(), tracking_number: "SHIPPO_DELIVERED".into(), metadata: None }));
    assert_eq!(
        tr.tracking_status.unwrap().status,
        Some(TrackingStatusCode::Delivered)
    );
    let (tr, _) = op!(ops, fake, "GetTrack", GET "/tracks/shippo/SHIPPO_DELIVERED", 200, fixture("track_delivered.json"), true,
        client.tracks().get("shippo", "SHIPPO_DELIVERED"));
    let history: Vec<_> = tr
        .tracking_history
        .iter()
        .filter_map(|h| h.status.clone())
        .collect();
    assert_eq!(
        history,
        vec![
            TrackingStatusCode::Unknown,
            TrackingStatusCode::Transit,
            TrackingStatusCode::Failure,
            TrackingStatusCode::Delivered
        ]
    );

    // Webhooks (no version header)
    let hook = WebhookRequest {
        event: WebhookEvent::All,
        url: "https://example.com/hooks/shippo".into(),
        active: Some(true),
        is_test: Some(true),
    };
    let (w, _) = op!(ops, fake, "createWebhook", POST "/webhooks", 201, fixture("webhook.json"), false, client.webhooks().create(&hook));
    assert_eq!(w.event, Some(WebhookEvent::AllStar));
    op!(ops, fake, "listWebhooks", GET "/webhooks", 200, page_of("webhook.json"), false, client.webhooks().list());
    op!(ops, fake, "getWebhook", GET "/webhooks/wh1", 200, fixture("webhook.json"), false, client.webhooks().get("wh1"));
    op!(ops, fake, "updateWebhook", PUT "/webhooks/wh1", 200, fixture("webhook.json"), false, client.webhooks().update("wh1", &hook));
    op!(ops, fake, "deleteWebhook", DELETE "/webhooks/wh1", 204, String::new(), false, client.webhooks().delete("wh1"));

    // Carrier accounts
    let (cas, seen) = op!(ops, fake, "ListCarrierAccounts", GET "/carrier_accounts", 200, page_of("carrier_account.json"), true,
        client.carrier_accounts().list(&CarrierAccountListParams { service_levels: Some(true), carrier: Some("usps".into()), ..Default::default() }));
    assert_eq!(
        seen.query.as_deref(),
        Some("service_levels=true&carrier=usps")
    );
    assert_eq!(
        cas.results[0].service_levels[0].token.as_deref(),
        Some("usps_priority")
    );
    let ca_req = CarrierAccountCreateRequest {
        carrier: "fedex".into(),
        account_id: "321123".into(),
        parameters: serde_json::json!({"meter": "1234"}),
        ..Default::default()
    };
    op!(ops, fake, "CreateCarrierAccount", POST "/carrier_accounts", 201, fixture("carrier_account.json"), true, client.carrier_accounts().create(&ca_req));
    op!(ops, fake, "GetCarrierAccount", GET "/carrier_accounts/ca1", 200, fixture("carrier_account.json"), true, client.carrier_accounts().get("ca1"));
    op!(ops, fake, "UpdateCarrierAccount", PUT "/carrier_accounts/ca1", 200, fixture("carrier_account.json"), true,
        client.carrier_accounts().update("ca1", &CarrierAccountUpdateRequest { active: Some(false), ..Default::default() }));
    fake.on(
        Method::GET,
        "/carrier_accounts/ca1/signin/initiate",
        vec![support::Reply::Status(
            302,
            vec![("location", "https://carrier.example/oauth?x=1".into())],
        )],
    );
    fake.clear();
    let redirect = client
        .carrier_accounts()
        .initiate_oauth2_signin("ca1", "https://app.example/cb", Some("s1"))
        .await
        .expect("InitiateOauth2Signin");
    let seen = fake.single(&Method::GET, "/carrier_accounts/ca1/signin/initiate");
    assert_shippo_headers(&seen, true);
    assert_eq!(
        seen.query.as_deref(),
        Some("redirect_uri=https%3A%2F%2Fapp.example%2Fcb&state=s1")
    );
    assert_eq!(
        redirect,
        OauthRedirect {
            status: 302,
            location: Some("https://carrier.example/oauth?x=1".into())
        }
    );
    ops.insert("InitiateOauth2Signin".to_owned());
    op!(ops, fake, "RegisterCarrierAccount", POST "/carrier_accounts/register/new", 201, fixture("carrier_account.json"), true,
        client.carrier_accounts().register(&CarrierAccountRegisterRequest { carrier: "usps".into(), parameters: serde_json::json!({"email": "a@b.c"}) }));
    let (st, seen) = op!(ops, fake, "GetCarrierRegistrationStatus", GET "/carrier_accounts/reg-status/", 200, fixture("registration_status.json"), true,
        client.carrier_accounts().registration_status("usps"));
    assert_eq!(seen.query.as_deref(), Some("carrier=usps"));
    assert_eq!(st.status.as_deref(), Some("PENDING_TERMS"));

    // Carrier and user parcel templates (bare {results})
    let body = format!(
        r#"{{"results": [{}]}}"#,
        fixture("carrier_parcel_template.json")
    );
    let (tpls, _) = op!(ops, fake, "ListCarrierParcelTemplates", GET "/parcel-templates", 200, body, true,
        client.carrier_parcel_templates().list(&CarrierParcelTemplateListParams { include: Some("all".into()), carrier: None }));
    assert_eq!(tpls[0].token.as_deref(), Some("USPS_FlatRateEnvelope"));
    op!(ops, fake, "GetCarrierParcelTemplate", GET "/parcel-templates/USPS_FlatRateEnvelope", 200, fixture("carrier_parcel_template.json"), true,
        client.carrier_parcel_templates().get("USPS_FlatRateEnvelope"));
    let (none, _) = op!(ops, fake, "ListUserParcelTemplates", GET "/user-parcel-templates", 200, r#"{"results": null}"#.to_owned(), true,
        client.user_parcel_templates().list());
    assert!(none.is_empty());
    let upt = UserParcelTemplateRequest {
        name: Some("Small box".into()),
        length: Some("10".into()),
        width: Some("8".into()),
        height: Some("4".into()),
        distance_unit: Some(DistanceUnit::In),
        ..Default::default()
    };
    let (u, _) = op!(ops, fake, "CreateUserParcelTemplate", POST "/user-parcel-templates", 200, fixture("user_parcel_template.json"), true, client.user_parcel_templates().create(&upt));
    assert_eq!(
        u.object_created.unwrap().to_string(),
        "2026-09-16T13:23:18.665011Z"
    );
    op!(ops, fake, "GetUserParcelTemplate", GET "/user-parcel-templates/upt1", 200, fixture("user_parcel_template.json"), true, client.user_parcel_templates().get("upt1"));
    op!(ops, fake, "UpdateUserParcelTemplate", PUT "/user-parcel-templates/upt1", 200, fixture("user_parcel_template.json"), true, client.user_parcel_templates().update("upt1", &upt));
    op!(ops, fake, "DeleteUserParcelTemplate", DELETE "/user-parcel-templates/upt1", 204, String::new(), true, client.user_parcel_templates().delete("upt1"));

    // Customs
    let item = CustomsItemCreateRequest {
        description: "T-Shirt".into(),
        quantity: 20,
        net_weight: "5".into(),
        mass_unit: MassUnit::Lb,
        value_amount: "200".parse().unwrap(),
        value_currency: "USD".into(),
        origin_country: "US".into(),
        ..Default::default()
    };
    let (ci, seen) = op!(ops, fake, "CreateCustomsItem", POST "/customs/items", 201, fixture("customs_item.json"), true, client.customs_items().create(&item));
    assert_eq!(
        seen.json()["value_amount"],
        "200",
        "money goes out as a decimal string"
    );
    assert_eq!(ci.value_amount.unwrap().to_string(), "200");
    op!(ops, fake, "GetCustomsItem", GET "/customs/items/ci1", 200, fixture("customs_item.json"), true, client.customs_items().get("ci1"));
    op!(ops, fake, "ListCustomsItems", GET "/customs/items", 200, page_of("customs_item.json"), true, client.customs_items().list(&ListParams::default()));
    let decl = CustomsDeclarationCreateRequest {
        certify: true,
        certify_signer: "Shawn Ippotle".into(),
        contents_type: "MERCHANDISE".into(),
        non_delivery_option: "RETURN".into(),
        items: vec![
            CustomsItemInput::Id("ci1".into()),
            CustomsItemInput::New(Box::new(item)),
        ],
        ..Default::default()
    };
    op!(ops, fake, "CreateCustomsDeclaration", POST "/customs/declarations", 201, fixture("customs_declaration.json"), true, client.customs_declarations().create(&decl));
    op!(ops, fake, "GetCustomsDeclaration", GET "/customs/declarations/cd1", 200, fixture("customs_declaration.json"), true, client.customs_declarations().get("cd1"));
    op!(ops, fake, "ListCustomsDeclarations", GET "/customs/declarations", 200, page_of("customs_declaration.json"), true, client.customs_declarations().list(&ListParams::default()));

    // Service groups (bare array) and live rates ("" links)
    let (groups, _) = op!(ops, fake, "ListServiceGroups", GET "/service-groups", 200, format!("[{}]", fixture("service_group.json")), true, client.service_groups().list());
    assert_eq!(groups[0].kind, Some(ServiceGroupType::FlatRate));
    let sg = ServiceGroupRequest {
        name: "USPS Shipping".into(),
        description: "USPS shipping options".into(),
        kind: ServiceGroupType::FlatRate,
        service_levels: vec![ServiceGroupServiceLevel {
            account_object_id: "ca1".into(),
            service_level_token: "usps_priority".into(),
        }],
        flat_rate: Some("5".parse().unwrap()),
        flat_rate_currency: Some("USD".into()),
        ..Default::default()
    };
    let (_, seen) = op!(ops, fake, "CreateServiceGroup", POST "/service-groups", 201, fixture("service_group.json"), true, client.service_groups().create(&sg));
    assert_eq!(seen.json()["type"], "FLAT_RATE");
    op!(ops, fake, "UpdateServiceGroup", PUT "/service-groups", 200, fixture("service_group.json"), true,
        client.service_groups().update(&ServiceGroupRequest { object_id: Some("sg1".into()), is_active: Some(true), ..sg.clone() }));
    op!(ops, fake, "DeleteServiceGroup", DELETE "/service-groups/sg1", 204, String::new(), true, client.service_groups().delete("sg1"));
    let lr = LiveRateCreateRequest {
        address_to: us_address("To").into(),
        line_items: vec![LineItemCreateRequest {
            title: Some("Hippo".into()),
            quantity: Some(1),
            ..Default::default()
        }],
        address_from: None,
        parcel: None,
    };
    let (live, _) = op!(ops, fake, "CreateLiveRate", POST "/live-rates", 200, fixture("live_rates.json"), true, client.live_rates().create(&lr));
    assert_eq!(
        (live.next.clone(), live.previous.clone(), live.count),
        (None, None, Some(1))
    );
    op!(ops, fake, "GetDefaultParcelTemplate", GET "/live-rates/settings/parcel-template", 200, fixture("default_parcel_template.json"), true, client.live_rates().default_parcel_template());
    op!(ops, fake, "UpdateDefaultParcelTemplate", PUT "/live-rates/settings/parcel-template", 200, fixture("default_parcel_template.json"), true,
        client.live_rates().set_default_parcel_template(&DefaultParcelTemplateUpdateRequest { object_id: "upt1".into() }));
    op!(ops, fake, "DeleteDefaultParcelTemplate", DELETE "/live-rates/settings/parcel-template", 204, String::new(), true, client.live_rates().clear_default_parcel_template());

    // Pickups
    let pickup = PickupCreateRequest {
        carrier_account: "ca1".into(),
        location: PickupLocation {
            address: Some(us_address("Shawn")),
            building_location_type: Some("Front Door".into()),
            ..Default::default()
        },
        transactions: vec!["txn1".into()],
        requested_start_time: "2026-09-17T09:00:00Z".into(),
        requested_end_time: "2026-09-17T17:00:00Z".into(),
        metadata: None,
    };
    let (pk, _) = op!(ops, fake, "CreatePickup", POST "/pickups", 201, fixture("pickup.json"), true, client.pickups().create(&pickup));
    assert_eq!(pk.status, Some(PickupStatus::Pending));

    // Shippo accounts ("" links)
    let acct = ShippoAccountRequest {
        email: "merchant@example.com".into(),
        first_name: "Mer".into(),
        last_name: "Chant".into(),
        company_name: "Merchant Co".into(),
    };
    let body = format!(
        r#"{{"next": "", "previous": "", "results": [{}]}}"#,
        fixture("shippo_account.json")
    );
    let (accts, _) = op!(ops, fake, "ListShippoAccounts", GET "/shippo-accounts", 200, body, true, client.shippo_accounts().list(&ListParams::default()));
    assert_eq!(accts.next, None);
    op!(ops, fake, "CreateShippoAccount", POST "/shippo-accounts", 201, fixture("shippo_account.json"), true, client.shippo_accounts().create(&acct));
    op!(ops, fake, "GetShippoAccount", GET "/shippo-accounts/sa1", 200, fixture("shippo_account.json"), true, client.shippo_accounts().get("sa1"));
    op!(ops, fake, "UpdateShippoAccount", PUT "/shippo-accounts/sa1", 200, fixture("shippo_account.json"), true, client.shippo_accounts().update("sa1", &acct));

    // Every operation of the contract was called.
    let expected: BTreeSet<String> = fixture("operations.tsv")
        .lines()
        .skip(1)
        .filter_map(|l| l.split('\t').nth(2))
        .map(str::to_owned)
        .collect();
    assert_eq!(expected.len(), 70);
    let missing: Vec<_> = expected.difference(&ops).collect();
    assert!(missing.is_empty(), "operations never called: {missing:?}");
    assert!(ops.contains("GetPackingSlip"));
}
