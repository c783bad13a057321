//! Raw TCP driver speed: a 4x6 ZPL label sent to a loopback listener, timed until the listener holds
//! the last byte. Prints `BENCH|…` lines for `cargo xtask bench` (goal <= 5 ms).
//!
//! Run: `cargo bench -p printing --bench tcp`.

use std::io::Read;
use std::net::TcpListener;
use std::sync::mpsc::channel;
use std::time::{Duration, Instant};

use labels::ShippingLabel;
use printing::{DocType, Document, PrinterDriver, TcpDriver};

fn main() {
    let label = ShippingLabel::sample("9400111899223456789012");
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let (tx, rx) = channel::<(usize, Instant)>();
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(mut conn) = conn else { continue };
            let mut buf = Vec::with_capacity(4096);
            let n = conn.read_to_end(&mut buf).unwrap_or(0);
            let _ = tx.send((n, Instant::now()));
        }
    });
    let driver = TcpDriver::new("bench".into(), "127.0.0.1".into(), port);

    let run = |doc: &Document, n: usize| {
        let mut samples: Vec<Duration> = Vec::with_capacity(n);
        for i in 0..n + 5 {
            let start = Instant::now();
            driver.send(doc).expect("sent");
            let (got, last_byte) = rx.recv_timeout(Duration::from_secs(5)).expect("received");
            assert_eq!(got, doc.bytes.len());
            if i >= 5 {
                samples.push(last_byte - start);
            }
        }
        samples.sort();
        (samples[n / 2], samples[(n * 95 / 100).min(n - 1)])
    };
    let ms = |d: Duration| format!("{:.3} ms", d.as_secs_f64() * 1000.0);

    let zpl = Document::new(labels::zpl_4x6(&label), DocType::Label, "bench");
    let (med, p95) = run(&zpl, 200);
    println!("BENCH|ZPL 4x6 job over TCP to last byte, {} B (median)|{}|<= 5 ms", zpl.bytes.len(), ms(med));
    println!("BENCH|ZPL 4x6 job over TCP to last byte, {} B (p95)|{}|<= 5 ms", zpl.bytes.len(), ms(p95));

    let pdf = labels::pdf_4x6(&label);
    let gf = labels::convert::to_printer_zpl(&pdf, &Default::default()).expect("converts");
    let gf = Document::new(gf, DocType::Label, "bench");
    let (med, _) = run(&gf, 100);
    println!("BENCH|^GF Z64 4x6 job over TCP to last byte, {} B (median)|{}|<= 5 ms", gf.bytes.len(), ms(med));
}
