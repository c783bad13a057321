//! The print queue over a real CUPS scheduler: a queue whose spooler refuses jobs for a while, and
//! a queue whose backend (socket://) cannot reach the printer and then can. The "printer" is a
//! capturing TCP listener on 127.0.0.1. With `SHIPBENCH_REQUIRE_CUPS` set, a missing cupsd fails.
#![cfg(unix)]

use std::collections::BTreeMap;
use std::io::Read;
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::Command;
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use printing::{DocType, DocTypes, Dpi, LabelSize, PrinterConfig, PrinterKind, PrinterLanguage};
use station::printq::{PrintQueue, PrintStatus, RetryPolicy};
use station::store::print_jobs::PrintJobState;
use station::Store;

const WAIT: Duration = Duration::from_secs(60);

fn cups_ready() -> bool {
    let installed = Command::new("sh").args(["-c", "command -v cupsd"]).output();
    if !installed.map(|o| o.status.success()).unwrap_or(false) {
        assert!(
            std::env::var_os("SHIPBENCH_REQUIRE_CUPS").is_none(),
            "SHIPBENCH_REQUIRE_CUPS is set but cupsd is not installed"
        );
        eprintln!("SKIPPED: cupsd is not installed (apt-get install -y cups cups-client cups-bsd)");
        return false;
    }
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../.ci/cups.sh");
    let status = Command::new("bash").arg(script).status().expect("run .ci/cups.sh");
    assert!(status.success(), ".ci/cups.sh could not start cupsd");
    true
}

/// A raw CUPS queue to `socket://127.0.0.1:port`, deleted when dropped.
struct Queue {
    name: String,
}

impl Queue {
    fn create(kind: &str, port: u16) -> Queue {
        let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
        let name = format!("sb-q-{kind}-{}-{nanos}", std::process::id());
        let out = Command::new("lpadmin")
            .args(["-p", &name, "-E", "-v", &format!("socket://127.0.0.1:{port}")])
            .output()
            .expect("run lpadmin");
        assert!(out.status.success(), "lpadmin failed: {}", String::from_utf8_lossy(&out.stderr));
        Queue { name }
    }

    fn run(&self, tool: &str) {
        let out = Command::new(tool).arg(&self.name).output().expect("run a CUPS tool");
        assert!(out.status.success(), "{tool} failed: {}", String::from_utf8_lossy(&out.stderr));
    }

    fn config(&self) -> PrinterConfig {
        PrinterConfig {
            name: "CUPS Zebra".into(),
            kind: PrinterKind::System { queue: self.name.clone() },
            language: PrinterLanguage::Zpl,
            dpi: Dpi::D203,
            label_size: LabelSize::default(),
            doc_types: DocTypes { label: true, packing_slip: false, manifest: false },
        }
    }
}

impl Drop for Queue {
    fn drop(&mut self) {
        let _ = Command::new("cancel").args(["-a", &self.name]).output();
        let _ = Command::new("lpadmin").args(["-x", &self.name]).output();
    }
}

/// A listener that hands over each connection's bytes.
fn capture(port: u16) -> Receiver<Vec<u8>> {
    let listener = TcpListener::bind(("127.0.0.1", port)).expect("bind the printer port");
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(mut conn) = conn else { continue };
            let tx = tx.clone();
            std::thread::spawn(move || {
                let mut bytes = Vec::new();
                if conn.read_to_end(&mut bytes).is_ok() && !bytes.is_empty() {
                    let _ = tx.send(bytes);
                }
            });
        }
    });
    rx
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

async fn wait_for_state(q: &PrintQueue, id: i64, want: PrintJobState) -> station::store::print_jobs::PrintJob {
    let start = Instant::now();
    loop {
        let j = q.job(id).await.expect("job");
        if j.state == want {
            return j;
        }
        assert!(start.elapsed() < WAIT, "job {id} never became {want:?}: {j:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_spooler_that_refuses_then_a_backend_that_fails_then_both_recover() {
    if !cups_ready() {
        return;
    }
    let port = free_port();
    let cups = Queue::create("flaky", port);
    let dir = tempfile::tempdir().expect("tmp");
    let q = PrintQueue::new(Store::open(dir.path().join("q.db")).expect("store"), vec![cups.config()], BTreeMap::new());
    q.set_retry_policy(RetryPolicy {
        min_delay: Duration::from_millis(100),
        max_delay: Duration::from_millis(500),
        give_up_after: Duration::from_secs(600),
        tick: Duration::from_millis(100),
    });
    let worker = q.start_worker();
    let zpl = b"^XA^FO50,50^A0N,40,40^FDcups flaky^FS^XZ".to_vec();

    // 1. The spooler is not accepting jobs: the job stays queued and is retried.
    cups.run("cupsreject");
    let j = q.enqueue_bytes(zpl.clone(), DocType::Label, None, None, None).await.expect("queued");
    let j = q.print_now(j.id).await.expect("tried");
    assert_eq!(j.state, PrintJobState::Queued, "{j:?}");
    assert_eq!(PrintStatus::of(&j), PrintStatus::Queued);
    assert!(j.reason.clone().unwrap_or_default().contains("did not accept the job"), "{j:?}");

    // 2. The spooler accepts again; its backend cannot reach the printer (nothing listens).
    cups.run("cupsaccept");
    let j = wait_for_state(&q, j.id, PrintJobState::Sent).await;
    let spooler_id = j.spooler_job_id.clone().expect("the spooler's job id");
    assert!(spooler_id.parse::<u64>().is_ok(), "{spooler_id}");
    assert_eq!(PrintStatus::of(&j), PrintStatus::Printed);
    assert!(station::printq::job_sentence(&j).contains(&format!("accepted it as its job {spooler_id}")));
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(q.job(j.id).await.expect("job").state, PrintJobState::Sent, "not completed while the printer is off");

    // 3. The printer is back: CUPS delivers, and the worker reads COMPLETED from the spooler.
    let printer = capture(port);
    let got = printer.recv_timeout(WAIT).expect("the printer gets the job");
    assert_eq!(got, zpl, "byte-exact");
    let done = wait_for_state(&q, j.id, PrintJobState::Completed).await;
    assert!(station::printq::job_sentence(&done).contains("reports the job done"));
    assert!(printer.recv_timeout(Duration::from_secs(2)).is_err(), "printed once");
    worker.stop().await;
}
