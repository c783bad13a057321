//! A capturing "printer": a TCP listener that keeps every byte each connection sent.
#![allow(dead_code)]

use std::io::Read;
use std::net::{SocketAddr, TcpListener};
use std::sync::mpsc::{channel, Receiver};
use std::thread;
use std::time::Duration;

use labels::ShippingLabel;

/// A listener on 127.0.0.1 that reads each connection to the end and hands over its bytes.
pub struct CapturePrinter {
    /// Where it listens.
    pub addr: SocketAddr,
    jobs: Receiver<Vec<u8>>,
}

impl CapturePrinter {
    /// Listens on a free port.
    pub fn start() -> CapturePrinter {
        CapturePrinter::on(0)
    }

    /// Listens on `port` (0 = any free port).
    pub fn on(port: u16) -> CapturePrinter {
        let listener = TcpListener::bind(("127.0.0.1", port)).expect("bind a loopback port");
        let addr = listener.local_addr().expect("local addr");
        let (tx, jobs) = channel();
        thread::spawn(move || {
            for conn in listener.incoming() {
                let Ok(mut conn) = conn else { continue };
                let tx = tx.clone();
                thread::spawn(move || {
                    let mut bytes = Vec::new();
                    if conn.read_to_end(&mut bytes).is_ok() && !bytes.is_empty() {
                        let _ = tx.send(bytes);
                    }
                    // Dropping closes our side, which is what CUPS' socket backend waits for.
                });
            }
        });
        CapturePrinter { addr, jobs }
    }

    /// The next job's bytes, waiting up to `timeout`.
    pub fn next_job(&self, timeout: Duration) -> Option<Vec<u8>> {
        self.jobs.recv_timeout(timeout).ok()
    }
}

/// A free loopback port with nothing listening on it (a printer that is switched off).
pub fn dead_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind");
    l.local_addr().expect("addr").port()
}

/// A label to print.
pub fn label(tracking: &str) -> ShippingLabel {
    ShippingLabel::sample(tracking)
}

/// Decodes the Code 128 barcode in a PNG.
pub fn decode_png(png: &[u8]) -> Option<String> {
    let img = image::load_from_memory(png).ok()?.into_luma8();
    let (w, h) = img.dimensions();
    rxing::helpers::detect_in_luma(img.into_raw(), w, h, Some(rxing::BarcodeFormat::CODE_128))
        .ok()
        .map(|r| r.getText().to_string())
}
