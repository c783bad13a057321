//! The store's typed accessors on a real SQLite file: what later work (buy & print, print queue)
//! relies on.

use chrono::Duration;
use station::store::labels::{self, NewLabel};
use station::store::orders::{self, Address, LineItem, Order, OrderStatus};
use station::store::print_jobs::{self, NewPrintJob, PrintJobState};
use station::store::purchases::{self, PurchaseState, PurchaseTarget};
use station::store::search::{self, OrderQuery};
use station::store::settings::{self, LabelFormat, RateRule, Settings};
use station::store::transactions::{self, TransactionRecord};
use station::store::{address_cache, tracking};
use station::{StationError, Store};

fn order(id: &str, number: &str, name: &str) -> Order {
    Order {
        object_id: id.into(),
        order_number: Some(number.into()),
        status: OrderStatus::Paid,
        placed_at: "2026-11-20T10:00:00Z".into(),
        shop_app: Some("Shippo".into()),
        weight: None,
        weight_unit: None,
        total_price: Some("20.00".into()),
        subtotal_price: None,
        total_tax: None,
        currency: Some("USD".into()),
        shipping_cost: None,
        shipping_cost_currency: None,
        shipping_method: None,
        notes: None,
        to_address: Address {
            name: Some(name.into()),
            street1: Some("1 Main St".into()),
            city: Some("Springfield".into()),
            zip: Some("62701".into()),
            country: "US".into(),
            email: Some("buyer@example.com".into()),
            ..Default::default()
        },
        from_address: None,
        line_items: vec![
            LineItem { title: Some("Mug".into()), sku: Some("MUG-1".into()), quantity: 2, weight: Some("1.5".into()), weight_unit: Some("lb".into()), ..Default::default() },
            LineItem { title: Some("Cap".into()), sku: Some("CAP-1".into()), quantity: 1, weight: Some("0.5".into()), weight_unit: Some("lb".into()), ..Default::default() },
        ],
        transaction_ids: vec![],
    }
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path().join("shipbench.db")).expect("open");
    (dir, store)
}

#[test]
fn orders_round_trip_and_upsert_replaces_children() {
    let (_dir, store) = store();
    let o = order("o1", "#1068", "Ann Lee");
    assert_eq!(store.write(|tx| orders::upsert(tx, &o)).expect("insert"), None);
    let mut changed = o.clone();
    changed.status = OrderStatus::Shipped;
    changed.line_items.truncate(1);
    assert_eq!(store.write(|tx| orders::upsert(tx, &changed)).expect("update"), Some(OrderStatus::Paid));
    let got = store.read(|c| orders::get(c, "o1")).expect("get").expect("found");
    assert_eq!(got.status, OrderStatus::Shipped);
    assert_eq!(got.line_items.len(), 1);
    assert_eq!(got.placed_at, "2026-11-20T10:00:00.000Z");
    assert_eq!(got.total_weight(), Some((1.5, "lb".to_owned())));
    for key in ["#1068", "1068", "o1"] {
        assert_eq!(store.read(|c| orders::find(c, key)).expect("find").map(|o| o.object_id), Some("o1".into()), "{key}");
    }
    assert_eq!(store.read(orders::count).expect("count"), 1);
}

#[test]
fn search_sanitises_what_operators_type() {
    let (_dir, store) = store();
    store
        .write(|tx| {
            orders::upsert(tx, &order("o1", "#1068", "Ann O'Brien"))?;
            orders::upsert(tx, &order("o2", "SO-2000", "Bob Smith"))?;
            Ok(())
        })
        .expect("insert");
    let q = |t: &str| {
        store
            .read(|c| search::search(c, &OrderQuery { text: Some(t.into()), ..Default::default() }))
            .expect("search never fails on user input")
            .orders
            .into_iter()
            .map(|o| o.object_id)
            .collect::<Vec<_>>()
    };
    assert_eq!(q("#1068"), ["o1"]);
    assert_eq!(q("o'bri"), ["o1"]);
    assert_eq!(q("SO-20"), ["o2"]);
    assert_eq!(q("so2000"), ["o2"]);
    assert_eq!(q("\"unbalanced"), Vec::<String>::new());
    assert_eq!(q("AND OR NOT"), Vec::<String>::new());
    assert_eq!(q("NEAR("), Vec::<String>::new());
    assert_eq!(q("cap-1").len(), 2);
    assert_eq!(q("buyer@example"), q("buyer example"));
    assert_eq!(q("  ").len(), 2, "blank text is no text filter");
}

#[test]
fn a_transaction_makes_the_tracking_number_searchable() {
    let (_dir, store) = store();
    store.write(|tx| orders::upsert(tx, &order("o1", "#1", "Ann"))).expect("order");
    store
        .write(|tx| {
            transactions::upsert(
                tx,
                &TransactionRecord {
                    object_id: "t1".into(),
                    order_id: Some("o1".into()),
                    rate_id: Some("r1".into()),
                    status: "SUCCESS".into(),
                    tracking_number: Some("9400111899560000000001".into()),
                    created_at: "2026-11-21T00:00:00Z".into(),
                    ..Default::default()
                },
            )
        })
        .expect("transaction");
    let hit = store
        .read(|c| search::search(c, &OrderQuery { text: Some("94001118995".into()), ..Default::default() }))
        .expect("search");
    assert_eq!(hit.orders.len(), 1);
    assert!(hit.orders[0].has_label);
    assert_eq!(store.read(|c| transactions::list_for_rate(c, "r1")).expect("by rate").len(), 1);
}

#[test]
fn label_bytes_are_kept_once_by_content_hash() {
    let (_dir, store) = store();
    let zpl = b"^XA^FO50,50^FDhello^FS^XZ";
    let (a, b) = store
        .write(|tx| {
            let a = labels::put(tx, &NewLabel { transaction_id: Some("t1"), order_id: Some("o1"), file_type: "ZPLII", source_url: None }, zpl)?;
            let b = labels::put(tx, &NewLabel { transaction_id: Some("t2"), order_id: Some("o1"), file_type: "ZPLII", source_url: None }, zpl)?;
            Ok((a, b))
        })
        .expect("put");
    assert_eq!(a.sha256, b.sha256);
    assert_eq!(a.sha256, labels::content_hash(zpl));
    assert_ne!(a.id, b.id);
    let blobs: i64 = store.read(|c| Ok(c.query_row("SELECT COUNT(*) FROM label_blobs", [], |r| r.get(0))?)).expect("count");
    assert_eq!(blobs, 1);
    assert_eq!(store.read(|c| labels::bytes(c, &a.sha256)).expect("bytes").as_deref(), Some(&zpl[..]));
    assert_eq!(store.read(|c| labels::list_for_order(c, "o1")).expect("list").len(), 2);
}

#[test]
fn print_jobs_move_through_their_states_and_survive_a_reopen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("shipbench.db");
    let store = Store::open(&path).expect("open");
    let job = store
        .write(|tx| {
            let sha = labels::put_blob(tx, b"^XA^XZ")?;
            print_jobs::enqueue(tx, &NewPrintJob { label_id: None, document_sha256: sha, document_type: "ZPLII".into(), printer_name: "Zebra".into(), reprint_of: None })
        })
        .expect("enqueue");
    assert_eq!(job.state, PrintJobState::Queued);
    let claimed = store.write(|tx| print_jobs::claim_due(tx, &station::store::time::now())).expect("claim").expect("due");
    assert_eq!((claimed.id, claimed.state, claimed.attempts), (job.id, PrintJobState::Sending, 1));
    assert!(store.write(|tx| print_jobs::claim_due(tx, &station::store::time::now())).expect("claim").is_none());
    drop(store);
    let store = Store::open(&path).expect("reopen");
    assert_eq!(store.write(|tx| print_jobs::requeue_interrupted(tx)).expect("requeue"), 1);
    let failed = store
        .write(|tx| print_jobs::set_state(tx, job.id, PrintJobState::Failed, Some("Printer 'Zebra' is offline"), None))
        .expect("fail");
    assert_eq!(failed.reason.as_deref(), Some("Printer 'Zebra' is offline"));
    let again = store.write(|tx| print_jobs::reprint(tx, job.id, Some("Zebra 2"))).expect("reprint");
    assert_eq!((again.reprint_of, again.printer_name.as_str(), again.state), (Some(job.id), "Zebra 2", PrintJobState::Queued));
    assert_eq!(store.read(|c| print_jobs::list(c, &[PrintJobState::Queued], 10)).expect("list").len(), 1);
}

#[test]
fn the_purchase_journal_and_order_lock() {
    let (_dir, store) = store();
    let p = store.write(|tx| purchases::begin(tx, "o1", &PurchaseTarget::Rate("r1".into()))).expect("begin");
    assert_eq!(p.state, PurchaseState::Pending);
    assert_eq!(uuid::Uuid::parse_str(&p.key).expect("uuid").get_version_num(), 7);
    assert_eq!(store.read(purchases::pending).expect("pending").len(), 1);
    store.write(|tx| purchases::succeed(tx, &p.key, "t1")).expect("succeed");
    let done = store.read(|c| purchases::get(c, &p.key)).expect("get").expect("row");
    assert_eq!((done.state, done.transaction_id.as_deref()), (PurchaseState::Succeeded, Some("t1")));
    let spec = serde_json::json!({"carrier_account": "ca1", "servicelevel_token": "usps_priority"});
    let insta = store.write(|tx| purchases::begin(tx, "o1", &PurchaseTarget::Instalabel(spec.clone()))).expect("instalabel");
    store.write(|tx| purchases::fail(tx, &insta.key, "card declined")).expect("fail");
    let rows = store.read(|c| purchases::list_for_order(c, "o1")).expect("list");
    assert_eq!(rows[1].target, PurchaseTarget::Instalabel(spec));
    assert_eq!(rows[1].error.as_deref(), Some("card declined"));

    store.write(|tx| purchases::lock_order(tx, "o1", "bench-a", Duration::minutes(2))).expect("lock");
    store.write(|tx| purchases::lock_order(tx, "o1", "bench-a", Duration::minutes(2))).expect("renew");
    let err = store.write(|tx| purchases::lock_order(tx, "o1", "bench-b", Duration::minutes(2))).expect_err("held");
    assert!(matches!(err, StationError::OrderLocked { ref owner, .. } if owner == "bench-a"), "{err}");
    // An expired lock is taken over.
    store.write(|tx| purchases::lock_order(tx, "o2", "bench-a", Duration::seconds(-1))).expect("expired lock");
    store.write(|tx| purchases::lock_order(tx, "o2", "bench-b", Duration::minutes(2))).expect("take over");
    assert_eq!(store.read(|c| purchases::lock_holder(c, "o2")).expect("holder").as_deref(), Some("bench-b"));
    assert!(store.write(|tx| purchases::unlock_order(tx, "o1", "bench-a")).expect("unlock"));
}

#[test]
fn tracking_and_address_validation_cache() {
    let (_dir, store) = store();
    let rec = tracking::TrackingRecord {
        carrier: "shippo".into(),
        tracking_number: "SHIPPO_TRANSIT".into(),
        status: "TRANSIT".into(),
        status_details: Some("In transit".into()),
        history: serde_json::json!([{"status": "UNKNOWN"}, {"status": "TRANSIT"}]),
        updated_at: String::new(),
    };
    store.write(|tx| tracking::upsert(tx, &rec)).expect("track");
    let got = store.read(|c| tracking::get(c, "shippo", "SHIPPO_TRANSIT")).expect("get").expect("row");
    assert_eq!(got.history, rec.history);
    let addr = Address { street1: Some("1 Market Stret".into()), city: Some("SF".into()), country: "US".into(), ..Default::default() };
    let result = serde_json::json!({"street1": "1 Market St", "validation_results": {"is_valid": true}});
    store.write(|tx| address_cache::put(tx, &addr, &result, true)).expect("put");
    let mut same = addr.clone();
    same.city = Some(" sf ".into());
    let hit = store.read(|c| address_cache::get(c, &same)).expect("get").expect("cached");
    assert!(hit.is_valid);
    assert_eq!(hit.result, result);
}

#[test]
fn settings_export_and_import_never_carry_a_token() {
    let (dir, store) = store();
    let mut s = Settings { label_format: LabelFormat::Pdf4x6, rate_rule: RateRule::Fastest, ..Default::default() };
    s.printer_mapping.insert("ZPLII".into(), "Zebra ZD421".into());
    store.write(|tx| settings::save(tx, &s)).expect("save");
    let file = dir.path().join("settings.json");
    store.read(|c| settings::export_file(c, &file)).expect("export");
    let text = std::fs::read_to_string(&file).expect("read");
    assert!(text.contains("\"PDF_4x6\"") && text.contains("Zebra ZD421"));
    assert!(!text.to_lowercase().contains("token\""), "{text}");

    let (_dir2, other) = store_pair();
    assert_eq!(other.write(|tx| settings::import_file(tx, &file)).expect("import"), s);
    assert_eq!(other.read(settings::load).expect("load"), s);

    let evil = dir.path().join("evil.json");
    std::fs::write(&evil, r#"{"shipbench_settings": 1, "settings": {"shippo_token": "shippo_live_x"}}"#).expect("write");
    let err = other.write(|tx| settings::import_file(tx, &evil)).expect_err("refused");
    assert!(err.to_string().contains("'shippo_token' is not a Shipbench setting"), "{err}");
    let stored: i64 = other.read(|c| Ok(c.query_row("SELECT COUNT(*) FROM settings WHERE value LIKE '%shippo_live%'", [], |r| r.get(0))?)).expect("count");
    assert_eq!(stored, 0);
}

fn store_pair() -> (tempfile::TempDir, Store) {
    store()
}
