//! Buy & print against the simulator, with the label arriving at a loopback printer socket.

mod workflow_support;

use std::sync::{Arc, Mutex};

use shippo_sim::{DropAfterCommit, Faults};
use station::store::print_jobs::{self, NewPrintJob, PrintJobState};
use station::store::{labels, purchases, transactions};
use station::workflow::{BuyOptions, Progress, ProgressSink, Step};
use station::StationError;
use workflow_support::*;

fn recorder() -> (ProgressSink, Arc<Mutex<Vec<Progress>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let s = seen.clone();
    (ProgressSink::callback(move |p| s.lock().expect("lock").push(p)), seen)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn buy_and_print_one_order_reaches_the_printer_with_every_step_reported() {
    let b = bench(40).await;
    let order = waiting_orders(&b.client, 1).await.remove(0);
    let (sink, seen) = recorder();
    let out = b.station.buy_and_print(&order, &BuyOptions::default(), &sink).await.expect("bought");

    // The label at the printer socket is the label Shippo served, with its tracking number.
    let jobs = b.printer.wait_for(1);
    assert_eq!(jobs.len(), 1);
    let tracking = out.tracking_number.clone().expect("tracking");
    let text = String::from_utf8_lossy(&jobs[0]);
    assert!(text.contains("^XA") && text.contains(&tracking), "printed: {}", &text[..text.len().min(200)]);
    let sha = out.label_sha256.clone().expect("label stored");
    let stored = b.store.read(move |c| labels::bytes(c, &sha)).expect("read").expect("bytes");
    assert_eq!(jobs[0], stored, "a 203-dpi ZPL printer gets the ZPL label unchanged");

    // Steps, in order.
    let steps: Vec<Step> = seen.lock().expect("lock").iter().map(|p| p.step).collect();
    let want = [Step::ValidatingAddress, Step::Rating, Step::Buying, Step::Downloading, Step::Printing, Step::Done];
    let mut it = steps.iter();
    for w in want {
        assert!(it.any(|s| *s == w), "missing {w:?} in {steps:?}");
    }
    // Progress serialises for the window.
    let json = serde_json::to_string(&seen.lock().expect("lock")[0]).expect("json");
    assert!(json.contains("\"step\":\"validating_address\""), "{json}");

    // Shippo linked the label to the order and carries the journal key.
    let sold = b.sim.inspect_transactions();
    assert_eq!(sold.len(), 1);
    assert_eq!(sold[0].order.as_deref(), Some(order.as_str()));
    assert_eq!(sold[0].metadata, format!("shipbench:{}", out.journal_key));
    let key = out.journal_key.clone();
    let row = b.store.read(move |c| purchases::get(c, &key)).expect("read").expect("journal row");
    assert_eq!(row.state, purchases::PurchaseState::Succeeded);
    assert_eq!(row.transaction_id.as_deref(), Some(out.transaction_id.as_str()));
    let job = b.store.read(move |c| print_jobs::get(c, out.print_job_id.expect("job"))).expect("read").expect("job");
    assert_eq!(job.state, PrintJobState::Sent);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_label_needs_the_explicit_another_choice() {
    let b = bench(40).await;
    let order = waiting_orders(&b.client, 1).await.remove(0);
    let opts = BuyOptions { no_print: true, ..Default::default() };
    b.station.buy_and_print(&order, &opts, &ProgressSink::none()).await.expect("first");
    let again = b.station.buy_and_print(&order, &opts, &ProgressSink::none()).await;
    match again {
        Err(e @ StationError::AlreadyLabelled { .. }) => {
            assert!(e.to_string().contains("--another"), "{e}");
        }
        other => panic!("expected the label guard, got {other:?}"),
    }
    assert_eq!(b.sim.inspect_transactions().len(), 1);
    let another = BuyOptions { another: true, ..opts };
    b.station.buy_and_print(&order, &another, &ProgressSink::none()).await.expect("second on purpose");
    assert_eq!(b.sim.inspect_transactions().len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_answer_is_reconciled_and_the_label_adopted_not_bought_again() {
    let b = bench(40).await;
    let order = waiting_orders(&b.client, 1).await.remove(0);
    b.sim.faults().set(Faults {
        drop_response_after_commit: Some(DropAfterCommit { path: "/transactions".into(), count: 1 }),
        ..Faults::default()
    });
    let out = b
        .station
        .buy_and_print(&order, &BuyOptions { no_print: true, ..Default::default() }, &ProgressSink::none())
        .await
        .expect("adopted");
    b.sim.faults().reset();
    let sold = b.sim.inspect_transactions();
    assert_eq!(sold.len(), 1, "exactly one label sold");
    assert_eq!(sold[0].object_id, out.transaction_id);
    assert!(out.label_id.is_some(), "the adopted label file is stored");
    let id = out.transaction_id.clone();
    assert!(b.store.read(move |c| transactions::get(c, &id)).expect("read").is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reprint_works_offline_from_the_label_cache() {
    let b = bench(40).await;
    let order = waiting_orders(&b.client, 1).await.remove(0);
    let out = b.station.buy_and_print(&order, &BuyOptions::default(), &ProgressSink::none()).await.expect("bought");
    b.printer.wait_for(1);
    // A station whose Shippo is a closed port.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let dead = format!("http://127.0.0.1:{}", closed.local_addr().expect("addr").port());
    drop(closed);
    let offline = open_station(&b.store, client_for(&dead), &b.dir).await;
    let tracking = out.tracking_number.clone().expect("tracking");
    let job = offline.reprint(&tracking, None).await.expect("reprint offline");
    assert_eq!(job.state, PrintJobState::Sent);
    let jobs = b.printer.wait_for(2);
    assert_eq!(jobs.len(), 2);
    assert_eq!(jobs[0], jobs[1], "the reprint is the same label");
    assert_ne!(Some(job.id), out.print_job_id, "a reprint is a new job");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_offline_printer_keeps_the_job_queued_and_a_crash_while_sending_is_not_resent() {
    let b = bench(40).await;
    // A printer on a port nobody listens on.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = closed.local_addr().expect("addr").port();
    drop(closed);
    let mut cfg = b.printer.config("Offline Zebra");
    cfg.kind = printing::PrinterKind::Tcp { host: "127.0.0.1".into(), port };
    b.station.save_printer(cfg).expect("save");
    let job = b
        .station
        .print_queue()
        .enqueue_bytes(b"^XA^FDtest^FS^XZ".to_vec(), printing::DocType::Label, None, Some("Offline Zebra"), None)
        .await
        .expect("queued");
    let after = b.station.print_queue().print_now(job.id).await.expect("tried");
    assert_eq!(after.state, PrintJobState::Queued);
    assert_eq!(after.attempts, 1);
    assert!(after.next_attempt_at.is_some());
    assert!(after.reason.clone().unwrap_or_default().contains("sent again automatically"), "{after:?}");

    // A job caught in SENDING by a crash is marked for the operator, never resent on its own.
    let sha = after.document_sha256.clone();
    let stuck = b
        .store
        .write(move |tx| {
            let j = print_jobs::enqueue(tx, &NewPrintJob { label_id: None, document_sha256: sha, document_type: "label".into(), printer_name: "Zebra".into(), reprint_of: None })?;
            print_jobs::set_state(tx, j.id, PrintJobState::Sending, None, None)
        })
        .expect("stuck job");
    let reopened = open_station(&b.store, b.client.clone(), &b.dir).await;
    let j = reopened.print_queue().print_now(stuck.id).await.expect("job");
    assert_eq!(j.state, PrintJobState::Failed);
    assert!(j.reason.unwrap_or_default().contains("may or may not have printed"));
    assert!(b.printer.wait_for(1).is_empty(), "nothing was resent");
}

/// A label printer that is off: the buy is refused before any money is spent. One that goes off
/// during the buy: the label is bought, the outcome says "not printed yet" (never "printed"), the
/// job waits QUEUED, and it prints once — the same bytes — when the printer is back and the
/// worker sends it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_printer_that_is_down_gives_queued_not_printed_and_prints_when_back() {
    use station::printq::{PrintStatus, RetryPolicy};
    let b = bench(40).await;
    // The printers file points at a port nothing listens on (taken, then released).
    let port = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port();
    let mut off = b.printer.config("Shelf Zebra");
    off.kind = printing::PrinterKind::Tcp { host: "127.0.0.1".into(), port };
    station::printq::registry::save(&printers_file(&b.dir), &[off]).expect("printers");
    let station = open_station(&b.store, b.client.clone(), &b.dir).await;
    station.print_queue().set_retry_policy(RetryPolicy {
        min_delay: std::time::Duration::from_millis(50),
        max_delay: std::time::Duration::from_millis(200),
        tick: std::time::Duration::from_millis(50),
        ..RetryPolicy::default()
    });

    let order = waiting_orders(&b.client, 1).await.remove(0);
    // Before money is spent: a printer that does not answer stops the buy, with the way out.
    let err = station.buy_and_print(&order, &BuyOptions::default(), &ProgressSink::none()).await.expect_err("refused");
    assert_eq!(err.kind(), station::ErrorKind::NoPrinter);
    let said = err.to_string();
    assert!(said.starts_with("The label printer 'Shelf Zebra' at 127.0.0.1:"), "{said}");
    assert!(said.contains("Nothing was bought.") && said.contains("\"Buy without printing\""), "{said}");
    let oid = order.clone();
    assert!(b.store.read(move |c| station::store::purchases::list_for_order(c, &oid)).expect("journal").is_empty(), "no purchase was begun");

    // The printer answers the knock, then goes down before the label is sent (taken off the
    // network mid-buy): the label is bought and waits QUEUED.
    let knock = std::net::TcpListener::bind(("127.0.0.1", port)).expect("bind");
    let knocked = std::thread::spawn(move || {
        let _ = knock.accept();
    });
    let out = station.buy_and_print(&order, &BuyOptions::default(), &ProgressSink::none()).await.expect("bought");
    knocked.join().expect("knock");
    let print = out.print.clone().expect("a print outcome");
    assert_eq!(print.status, PrintStatus::Queued, "{print:?}");
    let said = out.sentence();
    assert!(said.contains(" bought ") && said.contains("Not printed yet: job"), "{said}");
    assert!(!said.contains("Printed on"), "{said}");
    let id = out.print_job_id.expect("job");
    let job = b.store.read(move |c| print_jobs::get(c, id)).expect("read").expect("job");
    assert_eq!(job.state, PrintJobState::Queued);

    // The printer comes back on the same port; the worker sends the waiting label once.
    let printer = std::net::TcpListener::bind(("127.0.0.1", port)).expect("the printer is back");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        if let Ok((mut conn, _)) = printer.accept() {
            let mut bytes = Vec::new();
            let _ = std::io::Read::read_to_end(&mut conn, &mut bytes);
            let _ = tx.send(bytes);
        }
    });
    let worker = station.print_queue().start_worker();
    let bytes = rx.recv_timeout(std::time::Duration::from_secs(20)).expect("the queued label arrives when the printer is back");
    let tracking = out.tracking_number.clone().expect("tracking");
    assert!(String::from_utf8_lossy(&bytes).contains(&tracking), "the queued label was printed");
    for _ in 0..100 {
        let j = b.store.read(move |c| print_jobs::get(c, id)).expect("read").expect("job");
        if j.state == PrintJobState::Sent {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let j = b.store.read(move |c| print_jobs::get(c, id)).expect("read").expect("job");
    assert_eq!(j.state, PrintJobState::Sent);
    worker.stop().await;
}
