//! A batch cut short by the window dying (SIGKILL, mid-purchase) and resumed after a restart on
//! the same data dir: the window reports the interrupted batch, "Resume the batch" finishes it,
//! and every order ends with exactly one label at Shippo and one label at the printer.

use std::io::Read;
use std::net::TcpListener;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};
use printing::{DocTypes, Dpi, LabelSize, PrinterConfig, PrinterKind, PrinterLanguage};
use shippo_sim::{Faults, SimConfig, Simulator};
use station::account::Profile;
use station::store::orders::{self, Address};
use station::store::purchases::PurchaseState;
use station::store::settings::{self, SenderAddress};

use crate::common::*;
use crate::orders::{click, drawn_orders, result_lines};

const TOKEN: &str = "shippo_test_0123456789abcdef0123456789abcdef0e2eba7c";
const ORDERS: usize = 6;
/// Each purchase takes this long at Shippo: the window is killed while some are in flight.
const PURCHASE_MS: u64 = 3000;

/// A raw TCP 9100 printer on 127.0.0.1 keeping each job's bytes (the printer check's knock sends
/// nothing and is not a job). It outlives the app's restarts.
fn capture_printer() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let jobs = Arc::new(Mutex::new(Vec::new()));
    let j = jobs.clone();
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(mut conn) = conn else { continue };
            let mut bytes = Vec::new();
            if conn.read_to_end(&mut bytes).is_ok() && !bytes.is_empty() {
                j.lock().unwrap().push(String::from_utf8_lossy(&bytes).into_owned());
            }
        }
    });
    (port, jobs)
}

/// The TEST bench as the operator left it after setting up: its sender, its label printer (the
/// capturing socket), the first-run setup done.
fn set_up_bench(data: &Path, printer_port: u16) -> Profile {
    let profile = Profile::for_token(&shippo::Token::new(TOKEN)).unwrap();
    let zebra = PrinterConfig {
        name: "Bench Zebra".into(),
        kind: PrinterKind::Tcp { host: "127.0.0.1".into(), port: printer_port },
        language: PrinterLanguage::Zpl,
        dpi: Dpi::D203,
        label_size: LabelSize::default(),
        doc_types: DocTypes { label: true, packing_slip: false, manifest: false },
    };
    station::printq::registry::save(&profile.dir(data).join("printers.json"), &[zebra]).unwrap();
    let store = station::Store::open(profile.db_path(data)).unwrap();
    let sender = SenderAddress {
        label: "Warehouse".into(),
        address: Address {
            name: Some("Jane Doe".into()),
            street1: Some("215 Clayton St.".into()),
            city: Some("San Francisco".into()),
            state: Some("CA".into()),
            zip: Some("94117".into()),
            country: "US".into(),
            ..Default::default()
        },
        is_default: true,
    };
    store
        .write(move |tx| {
            settings::put(tx, settings::SENDER_ADDRESSES, &vec![sender])?;
            settings::put(tx, settings::SETUP_DONE, &true)
        })
        .unwrap();
    profile
}

/// Orders awaiting shipment to the US in the cache, oldest first, with their Shippo ids.
fn awaiting_domestic(db: &Path, n: usize) -> Vec<(String, String)> {
    use station::store::search::{self, LabelFilter, OrderQuery, OrderSort};
    let store = station::Store::open(db).unwrap();
    let q = OrderQuery { label: Some(LabelFilter::AwaitingShipment), country: Some("US".into()), sort: OrderSort::Oldest, limit: Some(n as u32), ..Default::default() };
    let numbers: Vec<String> = store.read(|c| search::search(c, &q)).unwrap().orders.into_iter().map(|o| o.order_number.unwrap()).collect();
    numbers
        .into_iter()
        .map(|n| {
            let id = store.read(|c| orders::find(c, &n)).unwrap().expect("cached").object_id;
            (n, id)
        })
        .collect()
}

/// Purchases the journal holds as PENDING (started, outcome not known to this bench).
fn pending_purchases(db: &Path) -> usize {
    let store = station::Store::open(db).unwrap();
    store.read(station::store::purchases::pending).unwrap().iter().filter(|p| p.state == PurchaseState::Pending).count()
}

/// The app's process on this data dir (the WebDriver started it), killed as a crash would.
fn kill_app(data: &Path) {
    let exe = std::fs::canonicalize(env!("CARGO_BIN_EXE_shipbench")).unwrap();
    let marker = format!("SHIPBENCH_DATA_DIR={}", data.display());
    let mut killed = 0;
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else { continue };
        let Ok(path) = std::fs::read_link(entry.path().join("exe")) else { continue };
        if path != exe {
            continue;
        }
        let environ = std::fs::read(entry.path().join("environ")).unwrap_or_default();
        if environ.split(|b| *b == 0).any(|v| v == marker.as_bytes()) {
            std::process::Command::new("kill").args(["-KILL", &pid.to_string()]).status().unwrap();
            killed += 1;
        }
    }
    assert_eq!(killed, 1, "the app on {} was not found to kill", data.display());
}

async fn select(c: &Client, numbers: &[String]) {
    let search = c.find(Locator::Css("[data-testid='orders-search']")).await.unwrap();
    for number in numbers {
        search.clear().await.unwrap();
        search.send_keys(number).await.unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        while drawn_orders(c).await != vec![number.clone()] {
            assert!(Instant::now() < deadline, "the search for {number} never showed it alone");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        click(c, "select-order").await;
    }
    search.clear().await.unwrap();
    wait_for_text(c, "selected-count", &format!("{} selected", numbers.len())).await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs a display (Xvfb), WebKitWebDriver and tauri-driver: run by `cargo xtask test`"]
async fn a_batch_cut_short_by_a_killed_window_resumes_after_a_restart_and_buys_each_order_once() {
    let port = free_port();
    let sim = Simulator::start(SimConfig { seed: 7, orders: 30, tokens: Vec::new(), rate_limits: false, port }).await.expect("simulator");
    let base = sim.base_url();
    let data = tempfile::tempdir().unwrap();
    let (printer_port, printed) = capture_printer();
    let profile = set_up_bench(data.path(), printer_port);
    let db = profile.db_path(data.path());
    let env = [("SHIPBENCH_TOKEN", TOKEN)];
    let args = ["--api-base", base.as_str()];

    let (driver, c) = start_with(data.path(), &args, &env).await;
    click(&c, "header-sync").await;
    wait_until(&c, "sync-message", "a finished sync", |t| t.contains("orders cached")).await;
    let batch = awaiting_domestic(&db, ORDERS);
    assert_eq!(batch.len(), ORDERS, "the simulator's shop has {ORDERS} US orders awaiting shipment");
    let numbers: Vec<String> = batch.iter().map(|(n, _)| n.clone()).collect();

    // Shippo answers purchases slowly; the batch buys four at a time.
    sim.faults().set(Faults { purchase_latency_ms: Some(PURCHASE_MS), ..Faults::default() });
    click(&c, "nav-orders").await;
    select(&c, &numbers).await;
    click(&c, "batch-start").await;
    wait_until(&c, "batch-counts", "the first labels bought", |t| t.starts_with("4 of 6 bought")).await;
    // The next purchases are at Shippo now (sent, not answered): the window dies.
    let deadline = Instant::now() + Duration::from_secs(10);
    while pending_purchases(&db) == 0 {
        assert!(Instant::now() < deadline, "no purchase was in flight after the first four");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    kill_app(data.path());
    let in_flight = pending_purchases(&db);
    drop(c);
    drop(driver);
    let deadline = Instant::now() + Duration::from_secs(5);
    while printed.lock().unwrap().len() < 4 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(printed.lock().unwrap().len(), 4, "four labels printed before the window died");

    // Restarted on the same data dir: the batch is reported, and resumed on the operator's word.
    {
        let store = station::Store::open(&db).unwrap();
        let b = store.read(station::store::batches::latest).unwrap().expect("the batch is kept");
        eprintln!("after the kill ({in_flight} purchases in flight): {:?}", b.items);
    }
    let (_driver, c) = start_with(data.path(), &args, &env).await;
    click(&c, "nav-orders").await;
    // The view asks for the last batch once the bench is open (start-up settles the purchases
    // that were in flight first).
    let deadline = Instant::now() + Duration::from_secs(60);
    while c.find_all(Locator::Css("[data-testid='batch-message']")).await.unwrap().is_empty() {
        assert!(Instant::now() < deadline, "the restarted window never reported the interrupted batch");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let said = wait_until(&c, "batch-message", "the interrupted batch", |t| t.contains("interrupted")).await;
    assert!(said.contains("was interrupted (the window closed): 4 bought, 2 not reached. Nothing is bought twice."), "{said}");
    let resume = c.find(Locator::Css("[data-testid='batch-retry']")).await.unwrap().text().await.unwrap();
    assert_eq!(resume, "Resume the batch (2)");
    let png = c.screenshot().await.unwrap();
    std::fs::write(screenshot_dir().join("orders-batch-interrupted.png"), &png).unwrap();
    click(&c, "batch-retry").await;
    let resumed = Instant::now();
    let done = loop {
        // The sentence goes while the batch runs (its progress shows instead) and comes back at the end.
        let said = match c.find(Locator::Css("[data-testid='batch-message']")).await {
            Ok(el) => el.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        };
        if said.starts_with("Batch ") && !said.contains("interrupted") {
            break said;
        }
        assert!(resumed.elapsed() < Duration::from_secs(120), "the resumed batch never finished: {said:?}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    eprintln!("resumed in {:?}: {done}", resumed.elapsed());
    assert!(done.ends_with(": 6 of 6 bought, 6 sent to the printer, 0 failed."), "{done} ({in_flight} purchases were in flight at the kill)");

    // The result per order, in the list's order: its tracking number, sent to the printer.
    let lines = result_lines(&c).await;
    let mut listed: Vec<String> = lines.iter().map(|(o, _)| o.clone()).collect();
    listed.sort();
    let mut wanted = numbers.clone();
    wanted.sort();
    assert_eq!(listed, wanted, "one row per order of the batch");
    for (order, result) in &lines {
        assert!(result.ends_with(" (sent to the printer)"), "{order}: {result}");
    }
    // Exactly one label per order at Shippo, and one at the printer, carrying that tracking number.
    let deadline = Instant::now() + Duration::from_secs(20);
    while printed.lock().unwrap().len() < ORDERS {
        assert!(Instant::now() < deadline, "only {} labels reached the printer", printed.lock().unwrap().len());
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let jobs = printed.lock().unwrap().clone();
    assert_eq!(jobs.len(), ORDERS, "one label per order at the printer, no more");
    for (number, id) in &batch {
        let result = &lines.iter().find(|(o, _)| o == number).expect("a row per order").1;
        let sold = sim.transactions_for_order(id);
        assert_eq!(sold.len(), 1, "{number} has {} labels at Shippo", sold.len());
        let tracking = result.split_whitespace().next().unwrap();
        assert_eq!(sold[0].tracking_number, tracking, "{number}: the window shows another label");
        assert_eq!(jobs.iter().filter(|j| j.contains(tracking)).count(), 1, "{number}'s label {tracking} printed once");
    }
    let png = c.screenshot().await.unwrap();
    std::fs::write(screenshot_dir().join("orders-batch-resumed.png"), &png).unwrap();
    c.close().await.unwrap();
    sim.shutdown().await;
}
