//! The raw TCP (9100) driver against a real listener on the loopback interface.

mod common;

use std::time::Duration;

use common::{dead_port, label, CapturePrinter};
use printing::{DocType, Document, JobState, PrintError, PrinterDriver, TcpDriver};

fn driver(port: u16) -> TcpDriver {
    TcpDriver::new("Zebra".into(), "127.0.0.1".into(), port)
}

#[test]
fn a_zpl_label_arrives_byte_exact_and_completes() {
    let printer = CapturePrinter::start();
    let driver = driver(printer.addr.port());
    let doc = Document::new(labels::zpl_4x6(&label("1Z999AA10123456784")), DocType::Label, "1Z999AA10123456784");
    let ticket = driver.send(&doc).expect("sent");
    assert_eq!(ticket.bytes, doc.bytes.len());
    assert_eq!(printer.next_job(Duration::from_secs(5)), Some(doc.bytes.clone()));
    assert_eq!(driver.job_state(&ticket).expect("state"), JobState::Completed);
}

#[test]
fn a_large_converted_label_arrives_whole() {
    // Uncompressed hex ^GF of a 4x6 label: about 250 KB, more than socket buffers hold.
    let pdf = labels::pdf_4x6(&label("794612345678"));
    let opts = labels::convert::ConvertOptions { encoding: labels::GfEncoding::Hex, ..Default::default() };
    let zpl = labels::convert::to_printer_zpl(&pdf, &opts).expect("converts");
    assert!(zpl.len() > 200_000);
    let printer = CapturePrinter::start();
    let doc = Document::new(zpl, DocType::Label, "big");
    driver(printer.addr.port()).send(&doc).expect("sent");
    assert!(printer.next_job(Duration::from_secs(5)) == Some(doc.bytes));
}

#[test]
fn a_printer_that_is_off_gets_a_clear_sentence() {
    let port = dead_port();
    let doc = Document::new(b"^XA^XZ".to_vec(), DocType::Label, "x");
    let err = driver(port).send(&doc).expect_err("nothing listens");
    assert!(matches!(err, PrintError::Refused { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        format!("Printer 'Zebra' at 127.0.0.1:{port} refused the connection — check the port (usually 9100) and that no other program holds the printer.")
    );
}

#[test]
fn a_printer_that_does_not_answer_times_out_with_a_clear_sentence() {
    // 192.0.2.0/24 is TEST-NET-1: never routed, so the connect gets no answer (or no route).
    let mut d = TcpDriver::new("Zebra".into(), "192.0.2.1".into(), 9100);
    d.connect_timeout = Duration::from_millis(300);
    let err = d.send(&Document::new(b"^XA^XZ".to_vec(), DocType::Label, "x")).expect_err("no answer");
    assert_eq!(
        err.to_string(),
        "Printer 'Zebra' at 192.0.2.1:9100 did not answer — is it on and on the network?"
    );
}

#[test]
fn an_unknown_host_is_named() {
    let d = TcpDriver::new("Zebra".into(), "no-such-printer.invalid".into(), 9100);
    let err = d.send(&Document::new(b"^XA^XZ".to_vec(), DocType::Label, "x")).expect_err("no such host");
    assert!(matches!(err, PrintError::UnknownHost { .. }), "{err:?}");
    assert!(err.to_string().contains("'no-such-printer.invalid' was not found"), "{err}");
}
