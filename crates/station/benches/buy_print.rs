//! Buy & print benchmarks against the in-process simulator (zero latency) with a loopback TCP
//! "printer". Prints `BENCH|<name>|<value with unit>|<goal>` lines.
//!
//! - buy_print_overhead_p50 / _p99: from the buy call to the last byte at the printer socket.
//! - batch500_first_label: from the batch purchase call to the first label at the printer.

use std::io::Read;
use std::net::TcpListener;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use futures::StreamExt;
use printing::{DocTypes, Dpi, LabelSize, PrinterConfig, PrinterKind, PrinterLanguage};
use shippo::{Client, ClientConfig, Token};
use shippo_sim::{SimConfig, Simulator};
use station::workflow::batch::BatchOptions;
use station::workflow::{AddressChoice, BuyOptions, ProgressSink};
use station::{Station, StationOptions, Store};

const TOKEN: &str = "shippo_test_feedfacefeedfacefeedfacefeedfacefeedface";

fn printer() -> (u16, mpsc::Receiver<Instant>) {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = l.local_addr().expect("addr").port();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for s in l.incoming() {
            let Ok(mut s) = s else { continue };
            let mut buf = Vec::new();
            let _ = s.read_to_end(&mut buf);
            let _ = tx.send(Instant::now());
        }
    });
    (port, rx)
}

async fn waiting(client: &Client, n: usize) -> Vec<String> {
    let stream = client.orders().stream(&Default::default()).expect("stream");
    let mut stream = std::pin::pin!(stream);
    let mut out = Vec::new();
    while let Some(o) = stream.next().await {
        let o = o.expect("order");
        let ok = matches!(o.order_status, Some(shippo::OrderStatus::Paid | shippo::OrderStatus::AwaitPay | shippo::OrderStatus::Unknown) | None);
        let domestic = o.to_address.as_ref().and_then(|a| a.country.clone()).as_deref() == Some("US");
        if ok && domestic && o.transactions.is_empty() {
            out.push(o.object_id.clone().expect("id"));
        }
        if out.len() == n {
            break;
        }
    }
    out
}

fn pct(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

async fn run() {
    let sim = Simulator::start(SimConfig { seed: 5, orders: 1500, tokens: Vec::new(), rate_limits: false, port: 0 })
        .await
        .expect("sim");
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path().join("bench.db")).expect("store");
    let client = Client::new(ClientConfig::new(Token::new(TOKEN)).with_base_url(&sim.base_url()).expect("url").with_pacing(false))
        .expect("client");
    station::sync::sync_orders(&client, &store, &Default::default(), |_| {}).await.expect("sync");
    let (port, arrivals) = printer();
    let cfg = PrinterConfig {
        name: "Loopback Zebra".into(),
        kind: PrinterKind::Tcp { host: "127.0.0.1".into(), port },
        language: PrinterLanguage::Zpl,
        dpi: Dpi::D203,
        label_size: LabelSize::default(),
        doc_types: DocTypes::default(),
    };
    let file = dir.path().join("printers.json");
    station::printq::registry::save(&file, &[cfg]).expect("printers");
    let (st, _) = Station::open(store, client.clone(), StationOptions { demo: true, printers_file: Some(file), ..Default::default() })
        .await
        .expect("station");

    let n = 120;
    let orders = waiting(&client, n + 500).await;
    assert!(orders.len() >= n + 500, "only {} waiting orders", orders.len());
    let opts = BuyOptions { address: AddressChoice::GoOn, ..Default::default() };
    let mut ms = Vec::new();
    for (i, o) in orders[..n].iter().enumerate() {
        let t0 = Instant::now();
        st.buy_and_print(o, &opts, &ProgressSink::none()).await.expect("buy");
        let at = arrivals.recv_timeout(Duration::from_secs(10)).expect("label at the printer");
        if i >= 5 {
            ms.push(at.duration_since(t0).as_secs_f64() * 1000.0);
        }
    }
    ms.sort_by(|a, b| a.total_cmp(b));
    println!("BENCH|buy_print_overhead_p50|{:.1} ms|<= 30 ms", pct(&ms, 0.5));
    println!("BENCH|buy_print_overhead_p99|{:.1} ms|<= 100 ms", pct(&ms, 0.99));

    let batch: Vec<String> = orders[n..n + 500].to_vec();
    let t0 = Instant::now();
    let summary = st.batch(&batch, &BatchOptions::default(), &ProgressSink::none()).await.expect("batch");
    let total = t0.elapsed();
    let first = arrivals.recv_timeout(Duration::from_secs(1)).ok();
    while arrivals.try_recv().is_ok() {}
    println!(
        "BENCH|batch500_first_label|{} ms|<= 2000 ms after the purchase starts",
        summary.first_label_ms.map(|v| v.to_string()).unwrap_or_else(|| "none".into())
    );
    println!(
        "BENCH|batch500_total|{:.0} ms for {} labels ({} failed; first label {} ms after the batch call)|info",
        total.as_secs_f64() * 1000.0,
        summary.bought,
        summary.failed,
        first.map(|f| f.duration_since(t0).as_millis().to_string()).unwrap_or_else(|| "?".into())
    );
    sim.shutdown().await;
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    rt.block_on(run());
}
