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

/// A listener on 127.0.0.1 whose accept queue is full: the kernel drops further SYNs, so a new
/// connection gets no answer at all, as with a printer that is switched off. (A TEST-NET address is
/// not enough: some networks reject it at once, which reads as "refused".)
fn silent_printer() -> (std::net::TcpListener, Vec<std::net::TcpStream>, u16) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let mut queued = Vec::new();
    for _ in 0..8192 {
        match std::net::TcpStream::connect_timeout(&addr, Duration::from_millis(200)) {
            Ok(s) => queued.push(s),
            Err(e) if e.kind() == std::io::ErrorKind::TimedOut => return (listener, queued, addr.port()),
            Err(e) => panic!("filling the accept queue failed after {} connections: {e}", queued.len()),
        }
    }
    panic!("the accept queue never filled: this kernel answers every connection");
}

#[test]
fn a_printer_that_does_not_answer_times_out_with_a_clear_sentence() {
    let (_listener, _queued, port) = silent_printer();
    let mut d = TcpDriver::new("Zebra".into(), "127.0.0.1".into(), port);
    d.connect_timeout = Duration::from_millis(300);
    let err = d.send(&Document::new(b"^XA^XZ".to_vec(), DocType::Label, "x")).expect_err("no answer");
    assert_eq!(
        err.to_string(),
        format!("Printer 'Zebra' at 127.0.0.1:{port} did not answer — is it on and on the network?")
    );
}

#[test]
fn an_unknown_host_is_named() {
    let d = TcpDriver::new("Zebra".into(), "no-such-printer.invalid".into(), 9100);
    let err = d.send(&Document::new(b"^XA^XZ".to_vec(), DocType::Label, "x")).expect_err("no such host");
    assert!(matches!(err, PrintError::UnknownHost { .. }), "{err:?}");
    assert!(err.to_string().contains("'no-such-printer.invalid' was not found"), "{err}");
}

/// A printer that goes off while the job still sits, unread, in its accept queue: the kernel
/// resets the connection. That is not "sent" (nothing read the bytes), so the send fails as
/// transient and the print queue tries again; reporting it sent would lose the label.
#[test]
fn a_printer_that_goes_off_before_reading_the_job_is_not_reported_sent() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let sender = std::thread::spawn(move || {
        driver(port).send(&Document::new(b"^XA^FDunread^FS^XZ".to_vec(), DocType::Label, "x"))
    });
    // The driver connects (the kernel accepts for the listener), writes, half-closes and waits.
    std::thread::sleep(Duration::from_millis(500));
    drop(listener);
    let result = sender.join().expect("sender thread");
    let err = result.expect_err("a reset is not a delivered job");
    assert!(matches!(err, PrintError::SendFailed { .. }), "{err:?}");
}
