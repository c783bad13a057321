//! Warehouse mode in the station, against a real PostgreSQL (a throwaway cluster) and the
//! simulator: benches with separate SQLite files claim each order in the shared database before
//! rating and buying; the server stopped mid-shift is said at once and buying waits for the
//! operator's per-order choice, which is reported when the server is back.

mod workflow_support;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use shippo::Client;
use shippo_sim::{SimConfig, Simulator};
use station::warehouse::link;
use station::workflow::{BuyOptions, ProgressSink};
use station::{ErrorKind, Station, StationError, Store};
use warehouse::testing::TestCluster;
use workflow_support::*;

struct Floor {
    _dirs: Vec<tempfile::TempDir>,
    benches: Vec<Station>,
    _printers: Vec<CapturePrinter>,
}

/// `n` benches (own data dir and SQLite file each, the orders synced), all linked to the warehouse.
async fn floor(sim: &Simulator, pg: &TestCluster, n: usize) -> Floor {
    let mut dirs = Vec::new();
    let mut benches = Vec::new();
    let mut printers = Vec::new();
    for i in 1..=n {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path().join("shipbench.db")).expect("store");
        let client = client_for(&sim.base_url());
        station::sync::sync_orders(&client, &store, &Default::default(), |_| {}).await.expect("sync");
        link::connect(&store, &pg.url(), None, &format!("bench-{i}")).await.expect("connect");
        let printer = CapturePrinter::start();
        station::printq::registry::save(&printers_file(&dir), &[printer.config("Zebra")]).expect("printers");
        printers.push(printer);
        benches.push(open_station(&store, client, &dir).await);
        dirs.push(dir);
    }
    Floor { _dirs: dirs, benches, _printers: printers }
}

fn live_labels_per_order(sim: &Simulator) -> (HashMap<String, usize>, usize) {
    let mut live: HashMap<String, usize> = HashMap::new();
    let mut voided = 0;
    for t in sim.inspect_transactions() {
        let o = t.order.clone().expect("order link");
        match t.status.as_str() {
            "SUCCESS" | "QUEUED" | "WAITING" | "REFUNDREJECTED" => *live.entry(o).or_default() += 1,
            _ => voided += 1,
        }
    }
    (live, voided)
}

async fn start(orders: usize) -> Option<(Simulator, TestCluster, Client)> {
    let pg = TestCluster::start()?;
    let sim = Simulator::start(SimConfig { seed: 20, orders, tokens: Vec::new(), rate_limits: false, port: 0 })
        .await
        .expect("sim");
    let client = client_for(&sim.base_url());
    Some((sim, pg, client))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn five_benches_buying_the_same_orders_at_once_buy_each_once_and_void_nothing() {
    let trials: usize = std::env::var("SHIPBENCH_WAREHOUSE_TRIALS").ok().and_then(|v| v.parse().ok()).unwrap_or(40);
    let Some((sim, pg, client)) = start(trials * 2 + 60).await else { return };
    let f = floor(&sim, &pg, 5).await;
    let orders = waiting_orders(&client, trials).await;
    assert_eq!(orders.len(), trials);
    let opts = BuyOptions { no_print: true, ..Default::default() };
    let started = Instant::now();
    let none = ProgressSink::none();
    for order in &orders {
        let tries = futures::future::join_all(f.benches.iter().map(|b| b.buy_and_print(order, &opts, &none))).await;
        let won = tries.iter().filter(|t| t.is_ok()).count();
        assert_eq!(won, 1, "order {order}: {tries:?}");
        for e in tries.iter().filter_map(|t| t.as_ref().err()) {
            // Refused before anything was bought: the claim is held elsewhere, or (claimed after
            // the winner released it) the order is shipped already.
            assert!(
                matches!(e.kind(), ErrorKind::Busy | ErrorKind::ShippedElsewhere | ErrorKind::AlreadyLabelled),
                "order {order}: {e}"
            );
        }
    }
    let elapsed = started.elapsed();
    let (live, voided) = live_labels_per_order(&sim);
    let doubles = live.values().filter(|n| **n > 1).count();
    println!(
        "warehouse: 5 benches x {trials} orders at the same instant in {:.1} s: {} labels, {doubles} orders with two labels, {voided} voided",
        elapsed.as_secs_f64(),
        live.values().sum::<usize>()
    );
    assert_eq!(doubles, 0);
    assert_eq!(voided, 0, "no label needed voiding");
    assert_eq!(live.len(), trials);
    // Every bench sees every label, and who bought it.
    for b in &f.benches {
        let shared = b.warehouse_labels(1000).await.expect("labels");
        assert_eq!(shared.len(), trials);
        assert!(shared.iter().all(|l| l.bench.starts_with("bench-") && l.tracking_number.is_some()));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_stopped_server_refuses_buying_until_the_operator_chooses_and_is_told_afterwards() {
    let Some((sim, pg, client)) = start(60).await else { return };
    let f = floor(&sim, &pg, 2).await;
    let orders = waiting_orders(&client, 3).await;
    let opts = BuyOptions { no_print: true, ..Default::default() };
    f.benches[0].buy_and_print(&orders[0], &opts, &ProgressSink::none()).await.expect("bought with the server up");

    pg.stop();
    let t = Instant::now();
    let status = f.benches[1].warehouse_status().await.expect("status");
    assert!(status.configured && !status.reachable, "{status:?}");
    assert!(t.elapsed() < Duration::from_secs(10), "the bench says so at once");
    let e = f.benches[1].buy_and_print(&orders[1], &opts, &ProgressSink::none()).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::WarehouseDown, "{e}");
    assert!(matches!(e, StationError::WarehouseDown { .. }));
    assert!(e.to_string().contains("Buy without the warehouse check"), "{e}");
    assert!(e.to_string().contains("Nothing was bought"), "{e}");
    assert_eq!(sim.inspect_transactions().len(), 1, "nothing bought while refused");
    // The operator's choice for this one order.
    let unchecked = BuyOptions { without_warehouse: true, ..opts.clone() };
    let o = f.benches[1].buy_and_print(&orders[1], &unchecked, &ProgressSink::none()).await.expect("bought without the check");
    assert_eq!(f.benches[1].warehouse_status().await.unwrap().unreported, 1);
    // The choice is per order: the next one is refused again.
    let e = f.benches[1].buy_and_print(&orders[2], &opts, &ProgressSink::none()).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::WarehouseDown);

    pg.restart();
    let s = f.benches[1].warehouse_status().await.expect("status");
    assert!(s.reachable, "{s:?}");
    assert_eq!((s.reported_now, s.unreported), (1, 0), "{s:?}");
    let shared = f.benches[0].warehouse_labels(10).await.expect("labels");
    let l = shared.iter().find(|l| l.transaction_id == o.transaction_id).expect("the unchecked label is reported");
    assert!(l.unchecked && l.bench == "bench-2", "{l:?}");
    assert_eq!(shared.len(), 2);
    // Buying with the check works again.
    f.benches[0].buy_and_print(&orders[2], &opts, &ProgressSink::none()).await.expect("bought");
    assert_eq!(f.benches[1].warehouse_labels(10).await.unwrap().len(), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_bench_without_a_warehouse_buys_as_before() {
    let b = bench(20).await;
    let order = waiting_orders(&b.client, 1).await.remove(0);
    assert!(b.station.warehouse().is_none());
    let s = b.station.warehouse_status().await.unwrap();
    assert!(!s.configured);
    b.station.buy_and_print(&order, &BuyOptions { no_print: true, ..Default::default() }, &ProgressSink::none()).await.expect("bought");
}

fn pct(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

/// Figures (run once, by hand): what the claim adds to buy & print. The same simulator and printer;
/// a bench alone and a bench in the warehouse buy alternate orders, printing each label.
/// `cargo test -p station --test warehouse_mode -- --ignored --nocapture claim_latency`
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore]
async fn claim_latency_figures() {
    let n: usize = std::env::var("SHIPBENCH_LATENCY_ORDERS").ok().and_then(|v| v.parse().ok()).unwrap_or(200);
    let Some((sim, pg, client)) = start(n * 2 + 60).await else { return };
    let f = floor(&sim, &pg, 1).await;
    let alone = bench_on(&sim).await;
    let orders = waiting_orders(&client, n).await;
    let opts = BuyOptions::default();
    let (mut with, mut without, mut claim_only) = (Vec::new(), Vec::new(), Vec::new());
    for (i, order) in orders.iter().enumerate() {
        let (st, out) = if i % 2 == 0 { (&f.benches[0], &mut with) } else { (&alone.1, &mut without) };
        let t = Instant::now();
        st.buy_and_print(order, &opts, &ProgressSink::none()).await.expect("bought");
        out.push(t.elapsed().as_secs_f64() * 1000.0);
        let w = &f.benches[0].warehouse().unwrap().warehouse;
        let t = Instant::now();
        let c = w.claim(&format!("latency-{i}"), Duration::from_secs(60)).await.unwrap();
        c.release().await.unwrap();
        claim_only.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    println!(
        "buy & print, {} orders each: alone p50 {:.1} ms p99 {:.1} ms; in the warehouse p50 {:.1} ms p99 {:.1} ms; claim + release alone p50 {:.2} ms p99 {:.2} ms",
        n / 2,
        pct(&mut without, 0.5),
        pct(&mut without, 0.99),
        pct(&mut with, 0.5),
        pct(&mut with, 0.99),
        pct(&mut claim_only, 0.5),
        pct(&mut claim_only, 0.99)
    );
}

/// A bench without a warehouse on the same simulator (its own store and printer).
async fn bench_on(sim: &Simulator) -> (tempfile::TempDir, Station, CapturePrinter) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path().join("shipbench.db")).expect("store");
    let client = client_for(&sim.base_url());
    station::sync::sync_orders(&client, &store, &Default::default(), |_| {}).await.expect("sync");
    let printer = CapturePrinter::start();
    station::printq::registry::save(&printers_file(&dir), &[printer.config("Zebra")]).expect("printers");
    let st = open_station(&store, client, &dir).await;
    (dir, st, printer)
}

/// The warehouse password goes to the OS keyring only: never into the stored URL or any file of
/// the data dir. Without a keyring, nothing is stored at all. (Inside `.ci/keyring.sh`, as
/// `cargo xtask test` runs it, the keyring branch runs.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_warehouse_password_reaches_the_keyring_only() {
    let Some(pg) = TestCluster::start() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path().join("shipbench.db")).expect("store");
    let secret = "s3cret-Warehouse-pw";
    // Trust authentication: the server takes any password, so the link is made.
    let url = pg.url().replace("shipbench@", &format!("shipbench:{secret}@"));
    std::env::set_var(station::secrets::PROFILE_ENV, format!("wh-test-{}", std::process::id()));
    match link::connect(&store, &url, None, "bench-1").await {
        Ok(l) => {
            assert!(l.has_password && !l.url.contains(secret), "{l:?}");
            let keyring = station::secrets::Keyring::detect().expect("the keyring that kept it");
            let entry = station::secrets::WarehousePassword::new(keyring, &std::env::var(station::secrets::PROFILE_ENV).unwrap());
            assert_eq!(entry.load().unwrap().as_deref(), Some(secret));
            // The bench opens with it and reaches the warehouse.
            let w = link::open(&store).await.unwrap().expect("linked");
            w.warehouse.ping().await.expect("reachable");
            assert!(link::disconnect(&store).await.unwrap());
            assert_eq!(entry.load().unwrap(), None, "disconnect removes the password");
        }
        Err(e) => {
            assert!(e.to_string().contains("cannot be kept"), "{e}");
            assert!(!e.to_string().contains(secret), "{e}");
            assert!(store.read(link::load).unwrap().is_none(), "nothing stored without a keyring");
        }
    }
    drop(store);
    for f in walk(dir.path()) {
        let bytes = std::fs::read(&f).unwrap_or_default();
        assert!(!String::from_utf8_lossy(&bytes).contains(secret), "the password is in {}", f.display());
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// What the simulator got for a label: the sender's name, the carrier and the parcel's length
/// (from the transaction's rate and that rate's shipment, as Shippo answers for them).
async fn sold_with(client: &Client, sim: &Simulator, transaction: &str) -> (String, String, String) {
    let sold = sim.inspect_transactions().into_iter().find(|t| t.object_id == transaction).expect("sold at the simulator");
    let rate = client.rates().get(&sold.rate).await.expect("rate");
    let shipment = client.shipments().get(rate.shipment.as_deref().expect("shipment id")).await.expect("shipment");
    let s = serde_json::to_value(&shipment).expect("json");
    let text = |v: &serde_json::Value| v.as_str().map(str::to_owned).unwrap_or_else(|| v.to_string());
    (text(&s["address_from"]["name"]), rate.provider.clone().unwrap_or_default(), text(&s["parcels"][0]["length"]))
}

fn set(st: &Station, key: &str, value: &str) -> Result<String, StationError> {
    let (key, value) = (key.to_owned(), value.to_owned());
    st.store().write(move |tx| station::store::settings::edit::set(tx, &key, &value, &[])).map(|(_, said)| said)
}

/// Settings profiles: bench A publishes its sender, rate rule and parcel; bench B follows them,
/// picks up A's change at its next buy, and still buys with its copy when the server is down.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_following_bench_buys_with_the_profile_and_its_changes_and_its_copy_when_the_server_is_down() {
    let Some((sim, pg, client)) = start(60).await else { return };
    let f = floor(&sim, &pg, 2).await;
    let (a, b) = (&f.benches[0], &f.benches[1]);
    let orders = waiting_orders(&client, 4).await;
    let opts = BuyOptions { no_print: true, ..Default::default() };
    let sender = |name: &str| format!("label=Warehouse; name={name}; street1=215 Clayton St.; city=San Francisco; state=CA; zip=94117; country=US; default=yes");
    set(a, "sender", &sender("Warehouse A")).expect("sender");
    set(a, "rate-rule", "preferred:FedEx").expect("rule");
    set(a, "default-parcel", "Big box: 17x11x9 in").expect("parcel");
    set(b, "sender", &sender("Bench B itself")).expect("B's own sender");
    let saved = a.warehouse_profile_save("default").await.expect("saved");
    assert_eq!((saved.updated_by.as_str(), saved.rate_rule.as_str(), saved.followed), ("bench-1", "preferred:FedEx", false));

    // B follows it: its purchase at the simulator has A's sender, rate rule and parcel.
    let used = b.warehouse_profile_use("default").await.expect("use");
    assert_eq!((used.sender.as_deref(), used.parcel.as_deref()), (Some("Warehouse A"), Some("Big box")));
    let o = b.buy_and_print(&orders[0], &opts, &ProgressSink::none()).await.expect("bought");
    assert_eq!(sold_with(&client, &sim, &o.transaction_id).await, ("Warehouse A".into(), "FedEx".into(), "17".into()));
    // B's own settings do not decide these while it follows: a change is refused in one sentence.
    let e = set(b, "rate-rule", "cheapest").unwrap_err().to_string();
    assert!(e.contains("follows the warehouse profile 'default'") && e.contains("nothing was changed"), "{e}");
    assert!(b.warehouse_profiles().await.unwrap().iter().any(|p| p.name == "default" && p.followed));

    // A changes the rule and the sender and saves again: B follows at its next buy.
    set(a, "sender", &sender("Warehouse A2")).expect("sender");
    set(a, "rate-rule", "preferred:USPS").expect("rule");
    a.warehouse_profile_save("default").await.expect("saved again");
    let o = b.buy_and_print(&orders[1], &opts, &ProgressSink::none()).await.expect("bought");
    assert_eq!(sold_with(&client, &sim, &o.transaction_id).await, ("Warehouse A2".into(), "USPS".into(), "17".into()));
    let status = b.warehouse_status().await.expect("status");
    assert_eq!(status.profile.as_ref().map(|p| p.rate_rule.as_str()), Some("preferred:USPS"), "{status:?}");

    // The server is down: B buys (the operator's choice for this order) with its copy.
    pg.stop();
    let unchecked = BuyOptions { without_warehouse: true, ..opts.clone() };
    let o = b.buy_and_print(&orders[2], &unchecked, &ProgressSink::none()).await.expect("bought with the copy");
    assert_eq!(sold_with(&client, &sim, &o.transaction_id).await, ("Warehouse A2".into(), "USPS".into(), "17".into()));
    pg.restart();

    // B leaves: its own sender and the default rule (cheapest) again.
    assert_eq!(b.warehouse_profile_leave().await.unwrap().map(|p| p.name), Some("default".into()));
    let o = b.buy_and_print(&orders[3], &opts, &ProgressSink::none()).await.expect("bought alone");
    let (from, _, _) = sold_with(&client, &sim, &o.transaction_id).await;
    assert_eq!(from, "Bench B itself");
    // Bad names and unknown profiles get one sentence; nothing changes.
    let e = b.warehouse_profile_use("nope").await.unwrap_err().to_string();
    assert!(e.contains("no profile 'nope'") && e.contains("default"), "{e}");
    assert!(b.warehouse_profile_save("  ").await.is_err());
    assert!(b.warehouse_status().await.unwrap().profile.is_none());
}

/// Figures (by hand): what following a profile costs on each buy, i.e. the look-up after the
/// claim when nothing changed (the common case), and when it changed (the body is fetched and
/// the copy written).
/// `cargo test -p station --test warehouse_mode -- --ignored --nocapture profile_refresh`
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore]
async fn profile_refresh_figures() {
    let Some((sim, pg, _client)) = start(10).await else { return };
    let f = floor(&sim, &pg, 2).await;
    let (a, b) = (&f.benches[0], &f.benches[1]);
    a.warehouse_profile_save("default").await.expect("saved");
    b.warehouse_profile_use("default").await.expect("use");
    let w = &b.warehouse().unwrap().warehouse;
    let (mut same, mut changed) = (Vec::new(), Vec::new());
    for i in 0..200 {
        if i % 10 == 0 {
            a.warehouse_profile_save("default").await.expect("saved");
            let t = Instant::now();
            assert!(station::warehouse::profile::refresh(b.store(), w).await.unwrap().is_some());
            changed.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        let t = Instant::now();
        assert!(station::warehouse::profile::refresh(b.store(), w).await.unwrap().is_none());
        same.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    println!(
        "BENCH|profile_refresh_unchanged_p50_ms|{:.2}\nBENCH|profile_refresh_unchanged_p99_ms|{:.2}\nBENCH|profile_refresh_changed_p50_ms|{:.2} (n={})",
        pct(&mut same, 0.5),
        pct(&mut same, 0.99),
        pct(&mut changed, 0.5),
        changed.len()
    );
}
