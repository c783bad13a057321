//! Two benches, one order: two stations (two processes of the real CLI, two data dirs) buy the
//! same order at the same instant against one simulator. Shippo has no lock, so both may buy; the
//! duplicate must be caught before it prints: afterwards no order has two live labels, and no
//! voided label reached a printer.

mod support;
use support::capture_printer;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use std::time::{Duration, Instant};

use futures::StreamExt;
use printing::{DocTypes, Dpi, LabelSize, PrinterConfig, PrinterKind, PrinterLanguage};
use shippo::{Client, ClientConfig, Token};
use shippo_sim::{SimConfig, Simulator};
use station::account::Profile;
use station::store::Store;

const TOKEN: &str = "shippo_test_5f4e3d2c1b0a99887766554433221100aabbccdd";

fn buy_cmd(dir: &Path, api: &str, order: &str) -> tokio::process::Command {
    let mut c = tokio::process::Command::new(PathBuf::from(env!("CARGO_BIN_EXE_shipbench-cli")));
    c.arg("--data-dir")
        .arg(dir)
        .arg("--api-base")
        .arg(api)
        .arg("--json")
        .arg("buy")
        .arg(order)
        .env("SHIPBENCH_TOKEN", TOKEN)
        .env("SHIPBENCH_SETTLE_MS", "150")
        .env_remove("SHIPBENCH_DATA_DIR")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    c
}

/// Prepares one bench's data dir: the orders cached, one printer (the shared capture listener).
async fn bench_dir(client: &Client, printer_port: u16) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tempdir");
    let profile = Profile::for_token(&Token::new(TOKEN)).expect("profile");
    let store = Store::open(profile.db_path(tmp.path())).expect("store");
    station::sync::sync_orders(client, &store, &Default::default(), |_| {}).await.expect("sync");
    let printer = PrinterConfig {
        name: "Zebra".into(),
        kind: PrinterKind::Tcp { host: "127.0.0.1".into(), port: printer_port },
        language: PrinterLanguage::Zpl,
        dpi: Dpi::D203,
        label_size: LabelSize::default(),
        doc_types: DocTypes::default(),
    };
    station::printq::registry::save(&profile.dir(tmp.path()).join("printers.json"), &[printer]).expect("printers");
    tmp
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_benches_buying_one_order_at_once_leave_one_live_label_and_print_no_voided_one() {
    let trials: usize = std::env::var("SHIPBENCH_TWO_BENCH_TRIALS").ok().and_then(|v| v.parse().ok()).unwrap_or(100);
    let sim = Simulator::start(SimConfig { seed: 14, orders: trials * 2 + 150, tokens: Vec::new(), rate_limits: false, port: 0 })
        .await
        .expect("simulator starts");
    let api = sim.base_url();
    let client = Client::new(ClientConfig::new(Token::new(TOKEN)).with_base_url(&api).expect("url").with_pacing(false))
        .expect("client");
    let (port, printed) = capture_printer();
    let (a, b) = (bench_dir(&client, port).await, bench_dir(&client, port).await);

    // Orders still waiting for a domestic label.
    let mut orders = Vec::new();
    {
        let stream = client.orders().stream(&Default::default()).expect("stream");
        let mut stream = std::pin::pin!(stream);
        while let Some(o) = stream.next().await {
            let o = o.expect("order");
            let waiting = matches!(
                o.order_status,
                Some(shippo::OrderStatus::Paid | shippo::OrderStatus::AwaitPay | shippo::OrderStatus::Unknown) | None
            );
            let domestic = o.to_address.as_ref().and_then(|a| a.country.clone()).as_deref() == Some("US");
            if waiting && domestic && o.transactions.is_empty() {
                orders.push(o.object_id.clone().expect("id"));
            }
        }
    }
    assert!(orders.len() >= trials, "the simulator has only {} orders waiting", orders.len());

    let started = Instant::now();
    let mut told = 0usize;
    for order in orders.iter().take(trials) {
        let (ra, rb) = tokio::join!(buy_cmd(a.path(), &api, order).output(), buy_cmd(b.path(), &api, order).output());
        let (ra, rb) = (ra.expect("bench A runs"), rb.expect("bench B runs"));
        let outs = [&ra, &rb].map(|o| format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr)));
        assert!(
            ra.status.success() || rb.status.success(),
            "neither bench bought order {order}:\nA: {}\nB: {}",
            outs[0],
            outs[1]
        );
        if outs.iter().any(|o| o.contains("voided at once")) {
            told += 1;
        }
    }
    let elapsed = started.elapsed();
    // Let the last print jobs land.
    std::thread::sleep(Duration::from_millis(300));

    let sold = sim.inspect_transactions();
    let mut live: HashMap<String, usize> = HashMap::new();
    let mut bought: HashMap<String, usize> = HashMap::new();
    let mut voided = Vec::new();
    for t in &sold {
        let Some(o) = t.order.clone() else { panic!("label {} has no order link", t.object_id) };
        *bought.entry(o.clone()).or_default() += 1;
        match t.status.as_str() {
            "SUCCESS" | "QUEUED" | "WAITING" | "REFUNDREJECTED" => *live.entry(o).or_default() += 1,
            "REFUNDPENDING" | "REFUNDED" => voided.push(t.tracking_number.clone()),
            _ => {}
        }
    }
    let both_bought = bought.values().filter(|n| **n > 1).count();
    let left = live.values().filter(|n| **n > 1).count();
    let printed = printed.lock().expect("lock").clone();
    let printed_voided = voided
        .iter()
        .filter(|v| printed.iter().any(|job| String::from_utf8_lossy(job).contains(v.as_str())))
        .count();
    println!(
        "two benches: {trials} trials in {:.1} s; {both_bought} orders bought by both benches (duplicates caught, {} voided, {told} operators told), {left} orders left with two live labels, {} labels printed, {printed_voided} voided labels printed",
        elapsed.as_secs_f64(),
        voided.len(),
        printed.len()
    );
    assert_eq!(left, 0, "orders with two live labels");
    assert_eq!(printed_voided, 0, "a voided label was printed");
    assert_eq!(voided.len(), both_bought, "every duplicate is voided");
    assert_eq!(told, both_bought, "every voided duplicate is told to its operator");
    assert_eq!(live.len(), trials, "every order has its one live label");
    assert_eq!(printed.len(), trials, "one label printed per order");
    sim.shutdown().await;
}
