//! Warehouse mode with real processes: several benches (the real CLI binary, one data dir each)
//! share one PostgreSQL server (a throwaway cluster) and one simulator. They buy the same orders
//! at the same instant: every order gets one label and no label needs voiding. A bench killed
//! mid-purchase is reconciled by another; a server stopped mid-shift refuses buying until the
//! operator chooses, per order, to buy without the check, which is reported when it is back.

mod support;
use support::capture_printer;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures::StreamExt;
use printing::{DocTypes, Dpi, LabelSize, PrinterConfig, PrinterKind, PrinterLanguage};
use shippo::{Client, ClientConfig, Token};
use shippo_sim::{Faults, SimConfig, Simulator};
use station::account::Profile;
use station::store::Store;
use warehouse::testing::TestCluster;
use warehouse::{PurchaseState, Warehouse, WarehouseConfig};

const TOKEN: &str = "shippo_test_7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b";

fn cli(dir: &Path, api: &str) -> tokio::process::Command {
    let mut c = tokio::process::Command::new(PathBuf::from(env!("CARGO_BIN_EXE_shipbench-cli")));
    c.arg("--data-dir")
        .arg(dir)
        .arg("--api-base")
        .arg(api)
        .env("SHIPBENCH_TOKEN", TOKEN)
        .env("SHIPBENCH_SETTLE_MS", "3000")
        .env("SHIPBENCH_CLAIM_TTL_MS", "1500")
        .env_remove("SHIPBENCH_DATA_DIR")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    c
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

async fn run(dir: &Path, api: &str, args: &[&str]) -> Output {
    cli(dir, api).args(args).output().await.expect("the CLI runs")
}

struct Shop {
    sim: Simulator,
    pg: TestCluster,
    client: Client,
    printed: Arc<Mutex<Vec<Vec<u8>>>>,
    benches: Vec<tempfile::TempDir>,
}

impl Shop {
    fn api(&self) -> String {
        self.sim.base_url()
    }

    /// Orders waiting for a domestic label.
    async fn waiting(&self, n: usize) -> Vec<String> {
        let stream = self.client.orders().stream(&Default::default()).expect("stream");
        let mut stream = std::pin::pin!(stream);
        let mut out = Vec::new();
        while let Some(o) = stream.next().await {
            let o = o.expect("order");
            let waiting = matches!(
                o.order_status,
                Some(shippo::OrderStatus::Paid | shippo::OrderStatus::AwaitPay | shippo::OrderStatus::Unknown) | None
            );
            let domestic = o.to_address.as_ref().and_then(|a| a.country.clone()).as_deref() == Some("US");
            if waiting && domestic && o.transactions.is_empty() {
                out.push(o.object_id.clone().expect("id"));
            }
        }
        assert!(out.len() >= n, "only {} orders wait", out.len());
        out.truncate(n);
        out
    }

    /// Labels per order at the simulator: (orders with two live labels, voided labels, live labels).
    fn tally(&self) -> (usize, usize, usize) {
        let mut live: HashMap<String, usize> = HashMap::new();
        let mut voided = 0;
        for t in self.sim.inspect_transactions() {
            let o = t.order.clone().expect("order link");
            match t.status.as_str() {
                "SUCCESS" | "QUEUED" | "WAITING" | "REFUNDREJECTED" => *live.entry(o).or_default() += 1,
                _ => voided += 1,
            }
        }
        (live.values().filter(|n| **n > 1).count(), voided, live.values().sum())
    }

    /// A warehouse handle for the test itself (to watch the shared tables).
    async fn watcher(&self) -> Warehouse {
        Warehouse::connect(WarehouseConfig::new(&self.pg.url(), None, "test-watcher").unwrap()).await.expect("watcher")
    }
}

/// A simulator, a PostgreSQL cluster, and `n` benches, each synced and connected as bench-i.
async fn shop(n: usize, orders: usize) -> Option<Shop> {
    let pg = TestCluster::start()?;
    let sim = Simulator::start(SimConfig { seed: 33, orders, tokens: Vec::new(), rate_limits: false, port: 0 })
        .await
        .expect("simulator");
    let api = sim.base_url();
    let client = Client::new(ClientConfig::new(Token::new(TOKEN)).with_base_url(&api).expect("url").with_pacing(false))
        .expect("client");
    let (port, printed) = capture_printer();
    let mut benches = Vec::new();
    for i in 1..=n {
        let tmp = tempfile::tempdir().expect("tempdir");
        let profile = Profile::for_token(&Token::new(TOKEN)).expect("profile");
        let store = Store::open(profile.db_path(tmp.path())).expect("store");
        station::sync::sync_orders(&client, &store, &Default::default(), |_| {}).await.expect("sync");
        let printer = PrinterConfig {
            name: "Zebra".into(),
            kind: PrinterKind::Tcp { host: "127.0.0.1".into(), port },
            language: PrinterLanguage::Zpl,
            dpi: Dpi::D203,
            label_size: LabelSize::default(),
            doc_types: DocTypes::default(),
        };
        station::printq::registry::save(&profile.dir(tmp.path()).join("printers.json"), &[printer]).expect("printers");
        drop(store);
        let out = run(tmp.path(), &api, &["warehouse", "connect", &pg.url(), "--bench", &format!("bench-{i}")]).await;
        assert!(out.status.success(), "connect: {}", text(&out));
        assert!(text(&out).contains(&format!("This bench (bench-{i}) is connected to the warehouse")), "{}", text(&out));
        benches.push(tmp);
    }
    Some(Shop { sim, pg, client, printed, benches })
}

/// `benches` processes buy each of `orders` at the same instant. Returns the seconds taken.
async fn same_instant(s: &Shop, benches: usize, orders: &[String]) -> f64 {
    let api = s.api();
    let started = Instant::now();
    for order in orders {
        let args = ["--json", "buy", order.as_str()];
        let outs = futures::future::join_all(s.benches.iter().take(benches).map(|b| run(b.path(), &api, &args))).await;
        let won = outs.iter().filter(|o| o.status.success()).count();
        let all: Vec<String> = outs.iter().map(text).collect();
        assert_eq!(won, 1, "order {order}: one bench buys it:\n{}", all.join("\n---\n"));
        for t in all.iter().zip(&outs).filter(|(_, o)| !o.status.success()).map(|(t, _)| t) {
            assert!(
                t.contains("is already being bought") || t.contains("already shipped elsewhere"),
                "order {order}: a loser is refused before buying:\n{t}"
            );
        }
    }
    started.elapsed().as_secs_f64()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_then_five_bench_processes_buy_each_order_once_with_no_void() {
    let two: usize = std::env::var("SHIPBENCH_WAREHOUSE_TRIALS").ok().and_then(|v| v.parse().ok()).unwrap_or(100);
    let five: usize = std::env::var("SHIPBENCH_WAREHOUSE_FIVE_TRIALS").ok().and_then(|v| v.parse().ok()).unwrap_or(100);
    let Some(s) = shop(5, (two + five) * 2 + 80).await else { return };
    let orders = s.waiting(two + five).await;
    let t2 = same_instant(&s, 2, &orders[..two]).await;
    let t5 = same_instant(&s, 5, &orders[two..]).await;
    let (doubles, voided, live) = s.tally();
    println!(
        "warehouse, processes: 2 benches x {two} orders at the same instant in {t2:.1} s, 5 benches x {five} orders in {t5:.1} s: {live} labels, {doubles} orders with two labels, {voided} voided"
    );
    assert_eq!((doubles, voided, live), (0, 0, two + five));
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(s.printed.lock().unwrap().len(), two + five, "one label printed per order");
    // Every bench's history of the warehouse shows every label, with who bought it.
    for b in &s.benches {
        let out = run(b.path(), &s.api(), &["--json", "warehouse", "labels", "--limit", "1000"]).await;
        assert!(out.status.success(), "{}", text(&out));
        let labels: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("json");
        assert_eq!(labels.len(), two + five);
        let orders_seen: std::collections::HashSet<&str> = labels.iter().filter_map(|l| l["order_id"].as_str()).collect();
        assert_eq!(orders_seen.len(), two + five);
        assert!(labels.iter().all(|l| l["bench"].as_str().is_some_and(|b| b.starts_with("bench-"))));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_bench_killed_mid_purchase_is_reconciled_by_another() {
    let Some(s) = shop(2, 60).await else { return };
    let order = s.waiting(1).await.remove(0);
    let watcher = s.watcher().await;
    // The purchase takes a while at Shippo, and goes on there when the buyer dies.
    s.sim.faults().set(Faults { purchase_latency_ms: Some(700), ..Faults::default() });
    let mut a = cli(s.benches[0].path(), &s.api()).args(["buy", &order]).spawn().expect("bench 1 starts");
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let rows = watcher.purchases_for_order(&order).await.unwrap();
        if rows.iter().any(|p| p.state == PurchaseState::Pending) {
            break;
        }
        assert!(Instant::now() < deadline, "bench 1 never started buying");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    tokio::time::sleep(Duration::from_millis(150)).await;
    a.start_kill().expect("kill bench 1");
    let _ = a.wait().await;

    // Bench 2 at once: the claim still stands (nobody renews it, it runs out after 1.5 s).
    let out = run(s.benches[1].path(), &s.api(), &["buy", &order]).await;
    assert!(!out.status.success());
    assert!(text(&out).contains("is already being bought (bench bench-1"), "{}", text(&out));
    // Once it ran out: bench 2 settles bench 1's purchase from Shippo instead of buying.
    tokio::time::sleep(Duration::from_millis(1600)).await;
    let out = run(s.benches[1].path(), &s.api(), &["buy", &order]).await;
    s.sim.faults().reset();
    let (doubles, voided, live) = s.tally();
    assert_eq!((doubles, voided, live), (0, 0, 1), "bench 2: {}", text(&out));
    assert!(!out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("already shipped elsewhere"), "{}", text(&out));
    let rows = watcher.purchases_for_order(&order).await.unwrap();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!((rows[0].bench.as_str(), rows[0].state), ("bench-1", PurchaseState::Succeeded), "{rows:?}");
    assert!(rows[0].detail.as_deref().unwrap_or_default().contains("bench-2"), "{rows:?}");
    let labels = watcher.labels_for_order(&order).await.unwrap();
    assert_eq!(labels.len(), 1);
    assert_eq!(labels[0].bench, "bench-1", "the label is bench 1's: it bought it");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_server_stopped_mid_shift_refuses_buying_until_the_operator_chooses() {
    let Some(s) = shop(2, 60).await else { return };
    let orders = s.waiting(3).await;
    let api = s.api();
    let (one, two) = (s.benches[0].path(), s.benches[1].path());
    assert!(run(one, &api, &["buy", &orders[0]]).await.status.success());

    s.pg.stop();
    let status = run(two, &api, &["warehouse", "status"]).await;
    assert!(text(&status).contains("NOT reachable"), "{}", text(&status));
    let out = run(two, &api, &["buy", &orders[1]]).await;
    assert!(!out.status.success());
    assert!(text(&out).contains("The warehouse database is not reachable"), "{}", text(&out));
    assert!(text(&out).contains("Buy without the warehouse check"), "{}", text(&out));
    assert_eq!(s.sim.inspect_transactions().len(), 1, "nothing bought while refused");
    // Offline work goes on: search and reprint.
    assert!(run(two, &api, &["orders", "a"]).await.status.success());
    let out = run(two, &api, &["buy", &orders[1], "--without-warehouse"]).await;
    assert!(out.status.success(), "{}", text(&out));
    let status = run(two, &api, &["warehouse", "status"]).await;
    assert!(text(&status).contains("1 purchases made without the warehouse check wait to be reported"), "{}", text(&status));

    s.pg.restart();
    let status = run(two, &api, &["warehouse", "status"]).await;
    assert!(text(&status).contains("reachable"), "{}", text(&status));
    assert!(text(&status).contains("1 purchases made without the warehouse check were reported to it now"), "{}", text(&status));
    assert!(run(one, &api, &["buy", &orders[2]]).await.status.success());
    for b in [one, two] {
        let out = run(b, &api, &["warehouse", "labels"]).await;
        let t = text(&out);
        assert_eq!(t.lines().filter(|l| l.contains("bench bench-")).count(), 3, "{t}");
        assert_eq!(t.lines().filter(|l| l.contains("(bought without the warehouse check)")).count(), 1, "{t}");
    }
    let out = run(two, &api, &["warehouse", "disconnect"]).await;
    assert!(text(&out).contains("no longer connected"), "{}", text(&out));
    // The bench works alone again, even with the server gone.
    s.pg.stop();
    let status = run(two, &api, &["warehouse", "status"]).await;
    assert!(text(&status).contains("No warehouse"), "{}", text(&status));
}
