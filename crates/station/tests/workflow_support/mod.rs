//! Shared pieces of the workflow tests: a simulator, a station on a real SQLite file, and a
//! loopback "printer" that captures every job's bytes.

#![allow(dead_code)]

use std::io::Read;
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use printing::{DocTypes, Dpi, LabelSize, PrinterConfig, PrinterKind, PrinterLanguage};
use shippo::{Client, ClientConfig, Token};
use shippo_sim::{SimConfig, Simulator};
use station::{Station, StationOptions, Store};

/// A TCP 9100 stand-in on 127.0.0.1 keeping each connection's bytes.
pub struct CapturePrinter {
    /// Its port.
    pub port: u16,
    /// One entry per job.
    pub jobs: Arc<Mutex<Vec<Vec<u8>>>>,
}

impl CapturePrinter {
    pub fn start() -> CapturePrinter {
        let l = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = l.local_addr().expect("addr").port();
        let jobs = Arc::new(Mutex::new(Vec::new()));
        let j = jobs.clone();
        std::thread::spawn(move || {
            for s in l.incoming() {
                let Ok(mut s) = s else { continue };
                let mut buf = Vec::new();
                let _ = s.read_to_end(&mut buf);
                // The buy's reachability knock connects and sends nothing: not a job.
                if !buf.is_empty() {
                    j.lock().expect("lock").push(buf);
                }
            }
        });
        CapturePrinter { port, jobs }
    }

    pub fn config(&self, name: &str) -> PrinterConfig {
        PrinterConfig {
            name: name.into(),
            kind: PrinterKind::Tcp { host: "127.0.0.1".into(), port: self.port },
            language: PrinterLanguage::Zpl,
            dpi: Dpi::D203,
            label_size: LabelSize::default(),
            doc_types: DocTypes::default(),
        }
    }

    /// Waits until `n` jobs arrived (the driver closes after sending, the reader sees EOF).
    pub fn wait_for(&self, n: usize) -> Vec<Vec<u8>> {
        for _ in 0..200 {
            if self.jobs.lock().expect("lock").len() >= n {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        self.jobs.lock().expect("lock").clone()
    }
}

pub const TOKEN: &str = "shippo_test_1234567890abcdef1234567890abcdef12345678";

pub struct Bench {
    pub sim: Simulator,
    pub dir: tempfile::TempDir,
    pub store: Store,
    pub client: Client,
    pub printer: CapturePrinter,
    pub station: Station,
}

pub fn client_for(base: &str) -> Client {
    Client::new(ClientConfig::new(Token::new(TOKEN)).with_base_url(base).expect("url").with_pacing(false))
        .expect("client")
}

pub fn printers_file(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("printers.json")
}

/// A simulator, a synced store, a capture printer and a station over them.
pub async fn bench(orders: usize) -> Bench {
    let sim = Simulator::start(SimConfig { seed: 11, orders, tokens: Vec::new(), rate_limits: false, port: 0 })
        .await
        .expect("sim");
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path().join("shipbench.db")).expect("store");
    let client = client_for(&sim.base_url());
    station::sync::sync_orders(&client, &store, &Default::default(), |_| {}).await.expect("sync");
    let printer = CapturePrinter::start();
    station::printq::registry::save(&printers_file(&dir), &[printer.config("Zebra")]).expect("printers");
    let station = open_station(&store, client.clone(), &dir).await;
    Bench { sim, dir, store, client, printer, station }
}

pub async fn open_station(store: &Store, client: Client, dir: &tempfile::TempDir) -> Station {
    let (station, _) = Station::open(
        store.clone(),
        client,
        StationOptions {
            demo: true,
            printers_file: Some(printers_file(dir)),
            settle: Duration::from_millis(200),
            ..StationOptions::default()
        },
    )
    .await
    .expect("station");
    station
}

/// Object ids of orders waiting for a label, as Shippo lists them.
pub async fn waiting_orders(client: &Client, n: usize) -> Vec<String> {
    use futures::StreamExt;
    let stream = client.orders().stream(&Default::default()).expect("stream");
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
            if out.len() == n {
                break;
            }
        }
    }
    out
}
