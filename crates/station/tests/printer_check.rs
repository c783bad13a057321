//! Before money is spent: a buy with no usable label printer is refused before the purchase (the
//! simulator's journal stays empty), unless the operator buys without printing.

mod workflow_support;

use station::store::purchases;
use station::store::settings::{self, edit};
use station::workflow::batch::BatchOptions;
use station::workflow::{BuyOptions, ProgressSink};
use station::ErrorKind;
use workflow_support::*;

fn journal(b: &Bench, order: &str) -> usize {
    let o = order.to_owned();
    b.store.read(move |c| purchases::list_for_order(c, &o)).expect("journal").len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_label_printer_refuses_the_buy_before_money_is_spent() {
    let b = bench(20).await;
    station::printq::registry::save(&printers_file(&b.dir), &[]).expect("no printers");
    let st = open_station(&b.store, b.client.clone(), &b.dir).await;
    let order = waiting_orders(&b.client, 1).await.remove(0);

    let err = st.buy_and_print(&order, &BuyOptions::default(), &ProgressSink::none()).await.expect_err("refused");
    assert_eq!(err.kind(), ErrorKind::NoPrinter);
    assert_eq!(
        err.to_string(),
        "No printer is set up for labels. Nothing was bought. Set up the label printer in Settings > Printers (or `shipbench settings set printer labels NAME`), or choose \"Buy without printing\" (`--no-print` on the command line; `--print-later` buys and prints when the printer is back)."
    );
    assert_eq!(journal(&b, &order), 0, "no purchase was begun");

    // "Buy without printing" goes on: one label, no job.
    let out = st
        .buy_and_print(&order, &BuyOptions { no_print: true, ..Default::default() }, &ProgressSink::none())
        .await
        .expect("bought without printing");
    assert!(out.tracking_number.is_some());
    assert!(out.print_job_id.is_none());
    assert_eq!(journal(&b, &order), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_mapped_label_printer_is_the_one_checked() {
    let b = bench(20).await;
    // Two printers: the capture printer and one on a closed port; the settings map labels to the closed one.
    let port = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port();
    let mut off = b.printer.config("Back room Zebra");
    off.kind = printing::PrinterKind::Tcp { host: "127.0.0.1".into(), port };
    let mut dir_printer = b.printer.config("Virtual");
    dir_printer.kind = printing::PrinterKind::Virtual { dir: b.dir.path().join("virtual") };
    station::printq::registry::save(&printers_file(&b.dir), &[b.printer.config("Zebra"), off, dir_printer]).expect("printers");
    let names = vec!["Zebra".to_owned(), "Back room Zebra".to_owned(), "Virtual".to_owned()];
    let n = names.clone();
    b.store.write(move |tx| edit::set(tx, "printer", "labels Back room Zebra", &n)).expect("mapped");
    let st = open_station(&b.store, b.client.clone(), &b.dir).await;
    let order = waiting_orders(&b.client, 1).await.remove(0);
    let err = st.buy_and_print(&order, &BuyOptions::default(), &ProgressSink::none()).await.expect_err("refused");
    assert!(err.to_string().starts_with(&format!("The label printer 'Back room Zebra' at 127.0.0.1:{port} does not answer (")), "{err}");
    assert_eq!(journal(&b, &order), 0);
    assert!(err.to_string().contains("Nothing was bought."), "{err}");

    // The operator's "buy anyway, print when it is back": bought, the label waits in the queue.
    let out = st
        .buy_and_print(&order, &BuyOptions { print_when_back: true, ..Default::default() }, &ProgressSink::none())
        .await
        .expect("bought anyway");
    assert!(out.tracking_number.is_some());
    assert!(matches!(out.print.as_ref().map(|p| &p.status), Some(station::printq::PrintStatus::Queued)), "{}", out.sentence());
    assert_eq!(journal(&b, &order), 1);
    let order = waiting_orders(&b.client, 1).await.remove(0);

    // The virtual printer always passes (demo mode's printer).
    let n = names.clone();
    b.store.write(move |tx| edit::set(tx, "printer", "labels virtual", &n)).expect("mapped");
    let s = b.store.read(settings::load).expect("settings");
    assert_eq!(s.printer_mapping.get("label").map(String::as_str), Some("Virtual"));
    let st = open_station(&b.store, b.client.clone(), &b.dir).await;
    let out = st.buy_and_print(&order, &BuyOptions::default(), &ProgressSink::none()).await.expect("bought");
    assert!(out.print_job_id.is_some());
    assert!(b.printer.jobs.lock().expect("lock").is_empty(), "the capture printer got no job and no empty job");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_batch_checks_the_label_printer_before_any_money_is_spent() {
    let b = bench(20).await;
    let port = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port();
    let mut off = b.printer.config("Back room Zebra");
    off.kind = printing::PrinterKind::Tcp { host: "127.0.0.1".into(), port };
    station::printq::registry::save(&printers_file(&b.dir), &[off]).expect("printers");
    let st = open_station(&b.store, b.client.clone(), &b.dir).await;
    let orders = waiting_orders(&b.client, 3).await;

    let err = st.batch(&orders, &BatchOptions::default(), &ProgressSink::none()).await.expect_err("refused");
    assert_eq!(err.kind(), ErrorKind::NoPrinter);
    assert!(err.to_string().contains("Nothing was bought."), "{err}");
    for o in &orders {
        assert_eq!(journal(&b, o), 0, "{o}: no purchase was begun");
    }
    let events = std::sync::Mutex::new(0);
    let err = station::workflow::batch::run_recorded(&st.ctx(), &orders, &BatchOptions::default(), &ProgressSink::none(), &|_| {
        *events.lock().expect("lock") += 1
    })
    .await
    .expect_err("refused");
    assert_eq!(*events.lock().expect("lock"), 0, "nothing was reported as settled");
    assert_eq!(err.kind(), ErrorKind::NoPrinter);
    let kept = b.store.read(station::store::batches::latest).expect("batches");
    assert!(kept.is_none(), "a refused batch leaves no batch to resume: {kept:?}");

    // "Buy anyway, print when it is back": every label bought, each waits in the queue.
    let s = st
        .batch(&orders, &BatchOptions { print_when_back: true, ..Default::default() }, &ProgressSink::none())
        .await
        .expect("bought anyway");
    assert_eq!(s.bought, 3, "{s:?}");
    for o in &orders {
        assert_eq!(journal(&b, o), 1, "{o}");
    }
    assert!(s.items.iter().all(|i| i.print_job_id.is_some()), "{s:?}");
}
