//! "Print a packing slip with each label": two real TCP capture printers, the label's ZPL on one
//! and the order's packing slip (a PDF naming the order) on the other. A slip that cannot print
//! is reported beside a printed label, and nothing is bought twice.

mod workflow_support;

use printing::{DocTypes, Dpi, LabelSize, PrinterConfig, PrinterLanguage};
use shippo_sim::{SimConfig, Simulator};
use station::printq::PrintStatus;
use station::store::settings::edit;
use station::workflow::{BuyOptions, ProgressSink};
use station::{Station, Store};
use workflow_support::*;

/// A PDF document printer for packing slips on `port`.
fn slip_printer(name: &str, port: u16) -> PrinterConfig {
    PrinterConfig {
        name: name.into(),
        kind: printing::PrinterKind::Tcp { host: "127.0.0.1".into(), port },
        language: PrinterLanguage::Pdf,
        dpi: Dpi::D203,
        label_size: LabelSize::default(),
        doc_types: DocTypes { label: false, packing_slip: true, manifest: false },
    }
}

struct Desk {
    sim: Simulator,
    _dir: tempfile::TempDir,
    store: Store,
    station: Station,
}

/// A simulator, a synced store, `printers` saved, the setting `on` or off, a station over them.
async fn desk(printers: Vec<PrinterConfig>, slip_with_label: bool) -> Desk {
    let sim = Simulator::start(SimConfig { seed: 11, orders: 40, tokens: Vec::new(), rate_limits: false, port: 0 })
        .await
        .expect("sim");
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path().join("shipbench.db")).expect("store");
    let client = client_for(&sim.base_url());
    station::sync::sync_orders(&client, &store, &Default::default(), |_| {}).await.expect("sync");
    station::printq::registry::save(&printers_file(&dir), &printers).expect("printers");
    let names: Vec<String> = printers.iter().map(|p| p.name.clone()).collect();
    let value = if slip_with_label { "on" } else { "off" };
    store
        .write_async(move |tx| {
            edit::set(tx, "packing-slip-with-label", value, &names)?;
            if names.iter().any(|n| n == "Office") {
                edit::set(tx, "printer", "packing-slips Office", &names)?;
            }
            Ok(())
        })
        .await
        .expect("settings");
    let station = open_station(&store, client, &dir).await;
    Desk { sim, _dir: dir, store, station }
}

fn purchases(store: &Store) -> i64 {
    store.read(|c| Ok(c.query_row("SELECT COUNT(*) FROM purchases", [], |r| r.get(0))?)).expect("count")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_slip_goes_to_the_slip_printer_after_the_label() {
    let labels = CapturePrinter::start();
    let slips = CapturePrinter::start();
    let d = desk(vec![labels.config("Zebra"), slip_printer("Office", slips.port)], true).await;
    let client = client_for(&d.sim.base_url());
    let order = waiting_orders(&client, 1).await.remove(0);

    let out = d.station.buy_and_print(&order, &BuyOptions::default(), &ProgressSink::none()).await.expect("bought");
    assert_eq!(out.print.as_ref().map(|p| p.status.clone()), Some(PrintStatus::Printed), "{out:?}");
    let slip = out.slip.clone().expect("a slip was asked for");
    assert_eq!(slip.status, PrintStatus::Printed, "{slip:?}");
    assert_eq!(slip.printer.as_deref(), Some("Office"));

    let number = out.order_number.clone().expect("number");
    let label_jobs = labels.wait_for(1);
    assert_eq!(label_jobs.len(), 1);
    assert!(label_jobs[0].starts_with(b"^XA"), "the label printer got ZPL");
    let tracking = out.tracking_number.clone().expect("tracking");
    assert!(String::from_utf8_lossy(&label_jobs[0]).contains(&tracking));
    let slip_jobs = slips.wait_for(1);
    assert_eq!(slip_jobs.len(), 1, "one slip");
    assert!(slip_jobs[0].starts_with(b"%PDF"), "the slip printer got a PDF");
    assert!(
        String::from_utf8_lossy(&slip_jobs[0]).contains(&format!("PACKING SLIP  Order {number}")),
        "the slip names order {number}"
    );
    let s = out.sentence();
    assert!(s.contains(". Printed on 'Zebra'") && s.contains("Packing slip: Printed on 'Office'"), "{s}");
    assert_eq!(d.sim.inspect_transactions().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slip_printer_that_is_down_leaves_the_label_printed_and_buys_nothing_again() {
    let labels = CapturePrinter::start();
    // A port with nothing listening: the slip printer is off.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port();
    let d = desk(vec![labels.config("Zebra"), slip_printer("Office", closed)], true).await;
    let client = client_for(&d.sim.base_url());
    let order = waiting_orders(&client, 1).await.remove(0);

    let out = d.station.buy_and_print(&order, &BuyOptions::default(), &ProgressSink::none()).await.expect("the buy is not a failure");
    assert_eq!(out.print.as_ref().map(|p| p.status.clone()), Some(PrintStatus::Printed));
    let slip = out.slip.clone().expect("slip outcome");
    assert_ne!(slip.status, PrintStatus::Printed, "{slip:?}");
    let s = out.sentence();
    assert!(s.contains("Printed on 'Zebra'"), "{s}");
    assert!(s.contains("Packing slip: Not printed"), "{s}");
    assert_eq!(labels.wait_for(1).len(), 1);
    assert_eq!(d.sim.inspect_transactions().len(), 1, "one label bought");
    assert_eq!(purchases(&d.store), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_slip_printer_is_a_reason_and_the_setting_off_prints_no_slip() {
    // Only a label printer: the slip fails with the reason; the label is printed.
    let labels = CapturePrinter::start();
    let d = desk(vec![labels.config("Zebra")], true).await;
    let client = client_for(&d.sim.base_url());
    let orders = waiting_orders(&client, 2).await;
    let out = d.station.buy_and_print(&orders[0], &BuyOptions::default(), &ProgressSink::none()).await.expect("bought");
    assert_eq!(out.print.as_ref().map(|p| p.status.clone()), Some(PrintStatus::Printed));
    match out.slip.clone().map(|s| s.status) {
        Some(PrintStatus::Failed { reason }) => assert!(reason.contains("No printer is set up for packing slips"), "{reason}"),
        other => panic!("expected a failed slip, got {other:?}"),
    }
    assert!(out.sentence().contains("Packing slip: not printed. No printer is set up for packing slips"), "{}", out.sentence());

    // The setting off: no slip, the sentence says nothing of one.
    d.store.write_async(|tx| edit::set(tx, "packing-slip-with-label", "off", &[]).map(|_| ())).await.expect("off");
    let out = d.station.buy_and_print(&orders[1], &BuyOptions::default(), &ProgressSink::none()).await.expect("bought");
    assert_eq!(out.slip, None);
    assert!(!out.sentence().contains("Packing slip"), "{}", out.sentence());
    assert_eq!(labels.wait_for(2).len(), 2);
    assert_eq!(d.sim.inspect_transactions().len(), 2);
}
