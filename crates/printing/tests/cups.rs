//! The system driver against a real CUPS scheduler: queues made with lpadmin, the "printer" behind
//! them a capturing TCP listener (CUPS' socket backend connects to it). Run `bash .ci/cups.sh` first
//! (the tests also call it). Skipped, with a message, only when cupsd is not installed at all and
//! neither `cargo xtask test` (SHIPBENCH_REQUIRE_CUPS) nor CI (CI=true) runs them.
#![cfg(unix)]

mod common;

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use common::{dead_port, label, CapturePrinter};
use printing::{
    prepare, DocType, Document, JobState, JobTicket, PrintError, PrinterConfig, PrinterDriver, PrinterKind,
    PrinterLanguage, SystemDriver,
};

const WAIT: Duration = Duration::from_secs(45);

/// Whether the test can run; starts cupsd through .ci/cups.sh when it is installed.
fn cups_ready() -> bool {
    let installed = Command::new("sh").args(["-c", "command -v cupsd"]).output();
    if !installed.map(|o| o.status.success()).unwrap_or(false) {
        // `cargo xtask test` installs CUPS and sets SHIPBENCH_REQUIRE_CUPS, and CI sets CI=true:
        // there a missing scheduler is a failure, not a skip.
        assert!(
            !cups_required(),
            "cupsd is not installed, and these tests must run here (SHIPBENCH_REQUIRE_CUPS or CI=true is set)"
        );
        eprintln!("SKIPPED: cupsd is not installed (apt-get install -y cups cups-client cups-bsd)");
        return false;
    }
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../.ci/cups.sh");
    let status = Command::new("bash").arg(script).status().expect("run .ci/cups.sh");
    assert!(status.success(), ".ci/cups.sh could not start cupsd");
    true
}

/// Whether a missing cupsd fails the tests instead of skipping them: under `cargo xtask test`
/// (SHIPBENCH_REQUIRE_CUPS set) and in CI (CI set to anything but "false" or "0", as CI services do).
fn cups_required() -> bool {
    let set = |name: &str| std::env::var(name).is_ok_and(|v| !v.is_empty() && v != "0" && !v.eq_ignore_ascii_case("false"));
    std::env::var_os("SHIPBENCH_REQUIRE_CUPS").is_some() || set("CI")
}

/// A CUPS queue that is deleted when dropped.
struct Queue {
    name: String,
}

impl Queue {
    /// `lpadmin -p sb-<kind>-<rand> -E -v socket://127.0.0.1:<port> [-m <model>]`.
    fn create(kind: &str, port: u16, model: Option<&str>) -> Queue {
        let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
        let name = format!("sb-{kind}-{}-{nanos}", std::process::id());
        let uri = format!("socket://127.0.0.1:{port}");
        let mut cmd = Command::new("lpadmin");
        cmd.args(["-p", &name, "-E", "-v", &uri]);
        if let Some(m) = model {
            cmd.args(["-m", m]);
        }
        let out = cmd.output().expect("run lpadmin");
        assert!(out.status.success(), "lpadmin failed: {}", String::from_utf8_lossy(&out.stderr));
        Queue { name }
    }

    fn driver(&self) -> SystemDriver {
        SystemDriver::new(format!("test printer {}", self.name), self.name.clone())
    }
}

impl Drop for Queue {
    fn drop(&mut self) {
        let _ = Command::new("cancel").args(["-a", &self.name]).output();
        let _ = Command::new("lpadmin").args(["-x", &self.name]).output();
    }
}

/// Polls the job until it is completed (or `WAIT` passes); returns the last state.
fn wait_completed(driver: &SystemDriver, ticket: &JobTicket) -> JobState {
    let start = Instant::now();
    loop {
        let state = driver.job_state(ticket).expect("job state");
        if state == JobState::Completed || start.elapsed() > WAIT {
            return state;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Sends `doc` and checks that the printer got exactly `expected` and that CUPS reports completion.
fn print_and_check(printer: &CapturePrinter, driver: &SystemDriver, doc: &Document, expected: &[u8]) {
    let ticket = driver.send(doc).expect("CUPS accepts the job");
    assert!(ticket.id.parse::<u64>().is_ok(), "a CUPS job id: {}", ticket.id);
    let got = printer.next_job(WAIT).expect("the printer receives the job");
    assert_eq!(got.len(), expected.len(), "byte count of {:?}", doc.title);
    assert!(got == expected, "the printer got different bytes for {:?}", doc.title);
    assert_eq!(wait_completed(driver, &ticket), JobState::Completed);
}

fn zpl_config(name: &str) -> PrinterConfig {
    PrinterConfig {
        name: name.into(),
        kind: PrinterKind::System { queue: name.into() },
        language: PrinterLanguage::Zpl,
        dpi: Default::default(),
        label_size: Default::default(),
        doc_types: Default::default(),
    }
}

#[test]
fn raw_queue_delivers_zpl_pdf_and_converted_pdf_byte_exact() {
    if !cups_ready() {
        return;
    }
    let printer = CapturePrinter::start();
    let queue = Queue::create("raw", printer.addr.port(), None);
    let driver = queue.driver();

    let zpl = Document::new(labels::zpl_4x6(&label("1Z999AA10123456784")), DocType::Label, "zpl label");
    print_and_check(&printer, &driver, &zpl, &zpl.bytes);

    let pdf = Document::new(labels::pdf_4x6(&label("1Z999AA10123456784")), DocType::Label, "pdf label");
    print_and_check(&printer, &driver, &pdf, &pdf.bytes);

    let converted = prepare(&pdf, &zpl_config(&queue.name)).expect("PDF converts to ZPL");
    assert!(converted.bytes.starts_with(b"^XA^PW812^LL1218"));
    print_and_check(&printer, &driver, &converted, &converted.bytes);
}

#[test]
fn zebra_driver_queue_passes_zpl_through_untouched() {
    if !cups_ready() {
        return;
    }
    let printer = CapturePrinter::start();
    let queue = Queue::create("zebra", printer.addr.port(), Some("drv:///sample.drv/zebra.ppd"));
    let driver = queue.driver();

    // Without the raw option this queue's filters would rasterise the ZPL text into a new ZPL bitmap.
    let zpl = Document::new(labels::zpl_4x6(&label("794612345678")), DocType::Label, "zpl label");
    print_and_check(&printer, &driver, &zpl, &zpl.bytes);

    let pdf = Document::new(labels::pdf_4x6(&label("794612345678")), DocType::Label, "pdf label");
    let converted = prepare(&pdf, &zpl_config(&queue.name)).expect("PDF converts to ZPL");
    print_and_check(&printer, &driver, &converted, &converted.bytes);
}

#[test]
fn a_job_waits_while_the_printer_is_off_and_completes_when_it_is_on() {
    if !cups_ready() {
        return;
    }
    let port = dead_port();
    let queue = Queue::create("off", port, None);
    let driver = queue.driver();
    let zpl = Document::new(labels::zpl_4x6(&label("9400111899223456789012")), DocType::Label, "while off");
    let ticket = driver.send(&zpl).expect("CUPS queues the job even with the printer off");

    std::thread::sleep(Duration::from_secs(4));
    let state = driver.job_state(&ticket).expect("job state");
    assert!(
        matches!(state, JobState::Queued | JobState::Printing),
        "with nothing listening the job is not done: {state:?}"
    );

    let printer = CapturePrinter::on(port);
    let got = printer.next_job(WAIT).expect("the job arrives once the printer is on");
    assert!(got == zpl.bytes, "the late job is byte-exact");
    assert_eq!(wait_completed(&driver, &ticket), JobState::Completed);
}

#[test]
fn an_unknown_queue_is_named_in_the_error() {
    if !cups_ready() {
        return;
    }
    let driver = SystemDriver::new("Zebra".into(), "sb-no-such-queue".into());
    let doc = Document::new(b"^XA^XZ".to_vec(), DocType::Label, "x");
    let err = driver.send(&doc).expect_err("no such queue");
    assert!(matches!(err, PrintError::QueueNotFound { .. }), "{err:?}");
    assert!(err.to_string().contains("'sb-no-such-queue' was not found"), "{err}");
}

#[test]
fn queues_are_listed() {
    if !cups_ready() {
        return;
    }
    let printer = CapturePrinter::start();
    let queue = Queue::create("list", printer.addr.port(), None);
    let all = printing::list_printers();
    let found = all.iter().find(|p| p.queue == queue.name).expect("the new queue is listed");
    // CUPS reports the queue's own ipp:// address (not the socket:// device behind it).
    assert!(found.uri.contains(&queue.name), "{found:?}");
    assert!(!found.is_default, "{found:?}");
}
