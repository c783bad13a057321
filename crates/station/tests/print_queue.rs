//! The print queue with real parts: SQLite files, TCP listeners on 127.0.0.1 that capture the
//! bytes they get and go off and on, queue restarts from the same file.

use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::net::TcpListener;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use printing::{DocType, DocTypes, Dpi, LabelSize, PrinterConfig, PrinterKind, PrinterLanguage};
use station::printq::{PrintQueue, PrintStatus, RetryPolicy};
use station::store::print_jobs::PrintJobState;
use station::Store;

/// A capturing printer on a fixed port that can be switched off (it stops accepting; jobs it
/// never read are reset by the kernel) and on again.
struct FlappyPrinter {
    port: u16,
    received: Arc<Mutex<Vec<Vec<u8>>>>,
    readers: Arc<Mutex<Vec<JoinHandle<()>>>>,
    running: Option<(Arc<AtomicBool>, JoinHandle<()>)>,
}

impl FlappyPrinter {
    fn new(port: u16) -> FlappyPrinter {
        FlappyPrinter { port, received: Arc::default(), readers: Arc::default(), running: None }
    }

    fn on(&mut self) {
        if self.running.is_some() {
            return;
        }
        let listener = loop {
            match TcpListener::bind(("127.0.0.1", self.port)) {
                Ok(l) => break l,
                Err(_) => std::thread::sleep(Duration::from_millis(5)),
            }
        };
        listener.set_nonblocking(true).expect("nonblocking");
        let stop = Arc::new(AtomicBool::new(false));
        let (s, received, readers) = (stop.clone(), self.received.clone(), self.readers.clone());
        let accept = std::thread::spawn(move || {
            while !s.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((mut conn, _)) => {
                        conn.set_nonblocking(false).expect("blocking");
                        let received = received.clone();
                        let reader = std::thread::spawn(move || {
                            let mut bytes = Vec::new();
                            if conn.read_to_end(&mut bytes).is_ok() && !bytes.is_empty() {
                                received.lock().expect("lock").push(bytes);
                            }
                        });
                        readers.lock().expect("lock").push(reader);
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(1)),
                }
            }
        });
        self.running = Some((stop, accept));
    }

    fn off(&mut self) {
        if let Some((stop, accept)) = self.running.take() {
            stop.store(true, Ordering::SeqCst);
            accept.join().expect("accept thread");
        }
    }

    /// Every job received so far, after the connections in progress finished.
    fn jobs(&self) -> Vec<Vec<u8>> {
        let readers: Vec<_> = self.readers.lock().expect("lock").drain(..).collect();
        for r in readers {
            r.join().expect("reader");
        }
        self.received.lock().expect("lock").clone()
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

fn tcp_printer(name: &str, port: u16) -> PrinterConfig {
    PrinterConfig {
        name: name.into(),
        kind: PrinterKind::Tcp { host: "127.0.0.1".into(), port },
        language: PrinterLanguage::Zpl,
        dpi: Dpi::D203,
        label_size: LabelSize::default(),
        doc_types: DocTypes { label: true, packing_slip: false, manifest: false },
    }
}

fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        min_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(60),
        give_up_after: Duration::from_secs(3600),
        tick: Duration::from_millis(10),
    }
}

fn queue(db: &Path, printer: PrinterConfig) -> PrintQueue {
    let q = PrintQueue::new(Store::open(db).expect("store"), vec![printer], BTreeMap::new());
    q.set_retry_policy(fast_retries());
    q
}

fn zpl(n: usize) -> Vec<u8> {
    format!("^XA^FO50,50^A0N,40,40^FDjob-{n:03}^FS^XZ").into_bytes()
}

async fn wait_until(what: &str, limit: Duration, mut f: impl AsyncFnMut() -> bool) {
    let start = Instant::now();
    while !f().await {
        assert!(start.elapsed() < limit, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn print_now_sends_only_its_own_job_even_when_an_older_one_is_due() {
    let dir = tempfile::tempdir().expect("tmp");
    let port = free_port();
    let q = queue(&dir.path().join("q.db"), tcp_printer("Zebra", port));
    let older = q.enqueue_bytes(zpl(1), DocType::Label, None, None, None).await.expect("queued");
    let older = q.print_now(older.id).await.expect("tried");
    assert_eq!(older.state, PrintJobState::Queued, "the printer is off: {older:?}");
    assert_eq!(PrintStatus::of(&older), PrintStatus::Queued);
    tokio::time::sleep(Duration::from_millis(200)).await; // the older job's retry is due now

    let mut printer = FlappyPrinter::new(port);
    printer.on();
    let next = q.enqueue_bytes(zpl(2), DocType::Label, None, None, None).await.expect("queued");
    let next = q.print_now(next.id).await.expect("sent");
    assert_eq!(next.state, PrintJobState::Sent);
    assert_eq!(PrintStatus::of(&next), PrintStatus::Printed);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(printer.jobs(), vec![zpl(2)], "only the job asked for came out");
    assert_eq!(q.job(older.id).await.expect("job").state, PrintJobState::Queued);
    printer.off();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_driver_job_id_has_its_own_column_and_the_sentence_says_printed() {
    let dir = tempfile::tempdir().expect("tmp");
    let port = free_port();
    let mut printer = FlappyPrinter::new(port);
    printer.on();
    let q = queue(&dir.path().join("q.db"), tcp_printer("Zebra", port));
    let j = q.enqueue_bytes(zpl(1), DocType::Label, None, None, None).await.expect("queued");
    let j = q.print_now(j.id).await.expect("sent");
    assert_eq!(j.state, PrintJobState::Sent);
    assert_eq!(j.spooler_job_id.as_deref(), Some("tcp-1"));
    assert_eq!(j.reason, None, "no id hidden in the reason any more");
    assert_eq!(
        station::printq::job_sentence(&j),
        format!("Printed on 'Zebra' (job {}): the printer took every byte.", j.id)
    );
    printer.off();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_worker_retries_until_the_printer_is_back_and_gives_up_after_its_time() {
    let dir = tempfile::tempdir().expect("tmp");
    let port = free_port();
    let q = queue(&dir.path().join("q.db"), tcp_printer("Zebra", port));
    let worker = q.start_worker();
    let j = q.enqueue_bytes(zpl(1), DocType::Label, None, None, None).await.expect("queued");
    let j = q.print_now(j.id).await.expect("tried");
    assert_eq!(j.state, PrintJobState::Queued);
    let sentence = station::printq::job_sentence(&j);
    assert!(sentence.starts_with(&format!("Not printed yet: job {} waits for 'Zebra'.", j.id)), "{sentence}");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(q.job(j.id).await.expect("job").attempts > 2, "the worker kept trying");

    let mut printer = FlappyPrinter::new(port);
    printer.on();
    wait_until("the retry", Duration::from_secs(10), async || {
        q.job(j.id).await.expect("job").state == PrintJobState::Sent
    })
    .await;
    assert_eq!(printer.jobs(), vec![zpl(1)]);
    printer.off();

    // A printer that stays off: after the time bound the job is FAILED with the reason.
    q.set_retry_policy(RetryPolicy { give_up_after: Duration::from_millis(400), ..fast_retries() });
    let k = q.enqueue_bytes(zpl(2), DocType::Label, None, None, None).await.expect("queued");
    q.print_now(k.id).await.expect("tried");
    wait_until("giving up", Duration::from_secs(10), async || {
        q.job(k.id).await.expect("job").state == PrintJobState::Failed
    })
    .await;
    let k = q.job(k.id).await.expect("job");
    let reason = k.reason.clone().unwrap_or_default();
    assert!(reason.contains("refused the connection"), "{reason}");
    assert!(reason.contains(&format!("`shipbench jobs retry {}` tries again", k.id)), "{reason}");
    assert!(matches!(PrintStatus::of(&k), PrintStatus::Failed { .. }));
    worker.stop().await;
}

/// Labels queued while the printer was off print in the order they were queued when it is back,
/// although the newer ones (fewer failed attempts, shorter back-off) fall due first.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_printer_that_is_back_prints_its_waiting_labels_in_queue_order() {
    let dir = tempfile::tempdir().expect("tmp");
    let port = free_port();
    let q = queue(&dir.path().join("q.db"), tcp_printer("Zebra", port));
    q.set_retry_policy(RetryPolicy { min_delay: Duration::from_millis(40), max_delay: Duration::from_secs(3), ..fast_retries() });
    let worker = q.start_worker();
    let mut ids = Vec::new();
    for n in 1..=3 {
        let j = q.enqueue_bytes(zpl(n), DocType::Label, None, None, None).await.expect("queued");
        assert_eq!(q.print_now(j.id).await.expect("tried").state, PrintJobState::Queued);
        ids.push(j.id);
        tokio::time::sleep(Duration::from_millis(350)).await;
    }
    let mut printer = FlappyPrinter::new(port);
    printer.on();
    wait_until("all three printed", Duration::from_secs(20), async || {
        let mut all = true;
        for id in &ids {
            all &= q.job(*id).await.expect("job").state == PrintJobState::Sent;
        }
        all
    })
    .await;
    assert_eq!(printer.jobs(), vec![zpl(1), zpl(2), zpl(3)], "printed out of queue order");
    printer.off();
    worker.stop().await;
}

/// 100 jobs against a printer switched off and on at random, the queue closed and opened again
/// from the same file every 10 jobs (an app restart): every job comes out exactly once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flapping_printer_across_restarts_loses_nothing_and_prints_nothing_twice() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("q.db");
    let port = free_port();
    let printer = Arc::new(Mutex::new(FlappyPrinter::new(port)));
    printer.lock().expect("lock").on();
    let flapping = Arc::new(AtomicBool::new(true));
    let flapper = {
        let (printer, flapping) = (printer.clone(), flapping.clone());
        std::thread::spawn(move || {
            let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
            let mut next = move || {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                seed
            };
            let mut on = true;
            while flapping.load(Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(5 + next() % 60));
                let mut p = printer.lock().expect("lock");
                if on { p.off() } else { p.on() }
                on = !on;
            }
            printer.lock().expect("lock").on();
        })
    };

    let mut ids = Vec::new();
    for round in 0..10 {
        let q = queue(&db, tcp_printer("Zebra", port));
        assert!(q.recover().await.expect("recover").is_empty(), "round {round}: nothing caught mid-send");
        let worker = q.start_worker();
        for i in 0..10 {
            let n = round * 10 + i;
            let j = q.enqueue_bytes(zpl(n), DocType::Label, None, None, None).await.expect("queued");
            let j = q.print_now(j.id).await.expect("tried");
            assert!(matches!(j.state, PrintJobState::Sent | PrintJobState::Queued), "{j:?}");
            ids.push(j.id);
        }
        worker.stop().await;
        drop(q);
    }
    flapping.store(false, Ordering::SeqCst);
    flapper.join().expect("flapper");

    let q = queue(&db, tcp_printer("Zebra", port));
    assert!(q.recover().await.expect("recover").is_empty());
    let worker = q.start_worker();
    wait_until("every job sent", Duration::from_secs(60), async || {
        q.jobs(vec![PrintJobState::Queued, PrintJobState::Sending], 1000).await.expect("jobs").is_empty()
    })
    .await;
    worker.stop().await;
    let jobs = q.jobs(Vec::new(), 1000).await.expect("jobs");
    assert_eq!(jobs.len(), 100);
    assert!(jobs.iter().all(|j| j.state == PrintJobState::Sent), "{:?}", jobs.iter().find(|j| j.state != PrintJobState::Sent));
    let retried = jobs.iter().filter(|j| j.attempts > 1).count();
    assert!(retried > 0, "the printer was off at some point while printing");

    let received = printer.lock().expect("lock").jobs();
    let mut counts: HashMap<Vec<u8>, usize> = HashMap::new();
    for bytes in &received {
        *counts.entry(bytes.clone()).or_default() += 1;
    }
    let lost: Vec<usize> = (0..100).filter(|n| !counts.contains_key(&zpl(*n))).collect();
    let twice: Vec<usize> = (0..100).filter(|n| counts.get(&zpl(*n)).copied().unwrap_or(0) > 1).collect();
    assert!(lost.is_empty(), "lost jobs: {lost:?}");
    assert!(twice.is_empty(), "printed twice: {twice:?}");
    assert_eq!(received.len(), 100, "nothing else came out");
    eprintln!("100 jobs, {retried} needed retries, 0 lost, 0 twice");
    printer.lock().expect("lock").off();
}

#[test]
fn a_file_past_the_size_cap_is_refused_without_reading_it_all() {
    let dir = tempfile::tempdir().expect("tmp");
    let big = dir.path().join("big.zpl");
    let f = std::fs::File::create(&big).expect("create");
    f.set_len(station::printq::MAX_PRINT_FILE + 1).expect("sparse file");
    let err = station::printq::read_printable(&big).expect_err("too big");
    assert_eq!(
        err.to_string(),
        format!(
            "{} is larger than 16 MiB, the most Shipbench prints; a label, packing slip or manifest is far smaller, so check that this is the right file.",
            big.display()
        )
    );
    let started = Instant::now();
    let err = station::printq::read_printable(Path::new("/dev/zero")).expect_err("endless");
    assert!(err.to_string().starts_with("/dev/zero is larger than 16 MiB"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(10));
    let fits = dir.path().join("fits.zpl");
    std::fs::write(&fits, zpl(1)).expect("write");
    assert_eq!(station::printq::read_printable(&fits).expect("fits"), zpl(1));
}

/// Migration 003 moves the spooler job id that older versions wrote into the reason text into its
/// own column (and clears that reason).
#[test]
fn migration_003_moves_the_spooler_id_out_of_the_reason() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("old.db");
    {
        let c = rusqlite::Connection::open(&db).expect("open");
        c.execute_batch(include_str!("../src/store/sql/001_initial.sql")).expect("001");
        c.execute_batch(include_str!("../src/store/sql/002_order_number_nocase.sql")).expect("002");
        c.pragma_update(None, "user_version", 2).expect("version 2");
        c.execute_batch(
            "INSERT INTO label_blobs (sha256, bytes, size, created_at) VALUES ('ab', x'00', 1, '2026-11-30T10:00:00.000Z');
             INSERT INTO print_jobs (document_sha256, document_type, printer_name, state, reason, attempts, created_at, updated_at)
               VALUES ('ab', 'label', 'CUPS Zebra', 'SENT', 'spooler job 17', 1, '2026-11-30T10:00:00.000Z', '2026-11-30T10:00:00.000Z');
             INSERT INTO print_jobs (document_sha256, document_type, printer_name, state, reason, attempts, created_at, updated_at)
               VALUES ('ab', 'label', 'Zebra', 'FAILED', 'Printer off', 3, '2026-11-30T10:00:00.000Z', '2026-11-30T10:00:00.000Z');",
        )
        .expect("old rows");
    }
    let store = Store::open(&db).expect("migrates");
    let jobs = store.read(|c| station::store::print_jobs::list(c, &[], 10)).expect("jobs");
    let sent = jobs.iter().find(|j| j.state == PrintJobState::Sent).expect("sent job");
    assert_eq!((sent.spooler_job_id.as_deref(), sent.reason.as_deref()), (Some("17"), None));
    let failed = jobs.iter().find(|j| j.state == PrintJobState::Failed).expect("failed job");
    assert_eq!((failed.spooler_job_id.as_deref(), failed.reason.as_deref()), (None, Some("Printer off")));
    assert_eq!(failed.retry_from.as_deref(), Some("2026-11-30T10:00:00.000Z"));
}
