//! `shipbench rates` and `shipbench buy --weight --rate` against the simulator over real HTTP:
//! rates come with the rule's pick and nothing is bought; a buy of another rate buys exactly that
//! rate, declares the weight given, keeps it on the purchase row, and prints on a real TCP printer.

mod support;
use support::capture_printer;

use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use futures::StreamExt;
use printing::{DocTypes, Dpi, LabelSize, PrinterConfig, PrinterKind, PrinterLanguage};
use shippo::{Client, ClientConfig, Token};
use shippo_sim::{SimConfig, Simulator};
use station::account::Profile;
use station::store::Store;

const TOKEN: &str = "shippo_test_5f4e3d2c1b0a99887766554433221100aabbccdd";

async fn cli(dir: &Path, api: &str, args: &[&str]) -> Output {
    tokio::process::Command::new(PathBuf::from(env!("CARGO_BIN_EXE_shipbench-cli")))
        .arg("--data-dir")
        .arg(dir)
        .arg("--api-base")
        .arg(api)
        .args(args)
        .env("SHIPBENCH_TOKEN", TOKEN)
        .env_remove("SHIPBENCH_DATA_DIR")
        .stdin(Stdio::null())
        .output()
        .await
        .expect("the CLI runs")
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rates_then_buy_a_chosen_rate_with_a_weight() {
    let sim = Simulator::start(SimConfig { seed: 21, orders: 40, tokens: Vec::new(), rate_limits: false, port: 0 })
        .await
        .expect("simulator starts");
    let api = sim.base_url();
    let client = Client::new(ClientConfig::new(Token::new(TOKEN)).with_base_url(&api).expect("url").with_pacing(false))
        .expect("client");
    let tmp = tempfile::tempdir().expect("tempdir");
    let profile = Profile::for_token(&Token::new(TOKEN)).expect("profile");
    let store = Store::open(profile.db_path(tmp.path())).expect("store");
    station::sync::sync_orders(&client, &store, &Default::default(), |_| {}).await.expect("sync");
    let (port, printed) = capture_printer();
    let printer = PrinterConfig {
        name: "Zebra".into(),
        kind: PrinterKind::Tcp { host: "127.0.0.1".into(), port },
        language: PrinterLanguage::Zpl,
        dpi: Dpi::D203,
        label_size: LabelSize::default(),
        doc_types: DocTypes::default(),
    };
    station::printq::registry::save(&profile.dir(tmp.path()).join("printers.json"), &[printer]).expect("printers");

    // A domestic order still waiting for its label.
    let mut order = None;
    {
        let stream = client.orders().stream(&Default::default()).expect("stream");
        let mut stream = std::pin::pin!(stream);
        while let Some(o) = stream.next().await {
            let o = o.expect("order");
            let paid = o.order_status == Some(shippo::OrderStatus::Paid);
            let domestic = o.to_address.as_ref().and_then(|a| a.country.clone()).as_deref() == Some("US");
            if paid && domestic && o.transactions.is_empty() {
                order = o.order_number.clone();
                break;
            }
        }
    }
    let order = order.expect("a domestic order awaiting shipment");

    // Rates: the rule's pick is marked, nothing is bought.
    let out = cli(tmp.path(), &api, &["--json", "rates", &order, "--weight", "2.5lb"]).await;
    assert!(out.status.success(), "{}", text(&out));
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(list["weight"], "2.5 lb", "{list}");
    let rates = list["rates"].as_array().expect("rates");
    assert!(rates.len() >= 2, "{list}");
    let pick = list["pick"].as_str().expect("a pick").to_owned();
    let picked: Vec<_> = rates.iter().filter(|r| r["picked"] == true).collect();
    assert_eq!(picked.len(), 1, "{list}");
    assert_eq!(picked[0]["id"], pick.as_str());
    // The bench's rule is "cheapest": the pick is the first (cheapest) rate.
    assert_eq!(rates[0]["id"], pick.as_str(), "{list}");
    assert!(sim.inspect_transactions().is_empty(), "rates bought something");
    // Each rating gives new rate ids: the human list marks the same service as the pick.
    let human = cli(tmp.path(), &api, &["rates", &order, "--weight", "2.5lb"]).await;
    let name = picked[0]["name"].as_str().expect("name").to_owned();
    let shown = text(&human);
    let marked: Vec<&str> = shown.lines().filter(|l| l.starts_with("* ")).collect();
    assert_eq!(marked.len(), 1, "{shown}");
    assert!(marked[0].contains(&name), "the pick is not marked: {shown}");

    // Buy another rate than the pick, with the weight the scale gave.
    let other = rates.iter().find(|r| r["id"] != pick.as_str()).expect("another rate")["id"].as_str().unwrap().to_owned();
    let out = cli(tmp.path(), &api, &["--json", "buy", &order, "--weight", "2.5lb", "--rate", &other]).await;
    assert!(out.status.success(), "{}", text(&out));
    let outcome: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(outcome["weight"], "2.5 lb", "{outcome}");
    let sold = sim.inspect_transactions();
    assert_eq!(sold.len(), 1, "exactly one label bought");
    assert_eq!(sold[0].rate, other, "the chosen rate was bought");
    let tracking = outcome["tracking_number"].as_str().expect("tracking").to_owned();
    assert_eq!(sold[0].tracking_number, tracking);
    let key = outcome["journal_key"].as_str().expect("key").to_owned();
    let stored = store
        .read_async(move |c| station::store::order_edits::purchase_weight(c, &key))
        .await
        .expect("read");
    assert_eq!(stored.as_deref(), Some("2.5 lb"), "the weight is kept with the purchase");
    std::thread::sleep(std::time::Duration::from_millis(200));
    let jobs = printed.lock().expect("lock").clone();
    assert!(jobs.iter().any(|j| String::from_utf8_lossy(j).contains(&tracking)), "the printer got the label");

    // Buying again is refused: money is never spent twice.
    let again = cli(tmp.path(), &api, &["buy", &order, "--weight", "2.5lb", "--rate", &other]).await;
    assert!(!again.status.success(), "{}", text(&again));
    assert_eq!(sim.inspect_transactions().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_weight_or_parcel_is_one_sentence_and_buys_nothing() {
    let sim = Simulator::start(SimConfig { seed: 22, orders: 5, tokens: Vec::new(), rate_limits: false, port: 0 })
        .await
        .expect("simulator starts");
    let api = sim.base_url();
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = cli(tmp.path(), &api, &["buy", "#1001", "--weight", "2.5"]).await;
    assert!(!out.status.success());
    assert!(text(&out).contains("is not a weight"), "{}", text(&out));
    let out = cli(tmp.path(), &api, &["rates", "#1001", "--parcel", "shoebox"]).await;
    assert!(!out.status.success());
    assert!(text(&out).contains("nor dimensions like 10x8x4in"), "{}", text(&out));
    assert!(sim.inspect_transactions().is_empty());
}
