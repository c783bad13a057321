//! Shared by the CLI tests: a raw TCP label printer on 127.0.0.1 that keeps every job it gets.

use std::io::Read;
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

/// A raw TCP printer on a free local port: every connection's bytes are one job. The buy's
/// reachability knock connects and sends nothing, so it is not counted as a job.
pub fn capture_printer() -> (u16, Arc<Mutex<Vec<Vec<u8>>>>) {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = l.local_addr().expect("addr").port();
    let jobs = Arc::new(Mutex::new(Vec::new()));
    let j = jobs.clone();
    std::thread::spawn(move || {
        for s in l.incoming() {
            let Ok(mut s) = s else { continue };
            let j = j.clone();
            std::thread::spawn(move || {
                let mut buf = Vec::new();
                let _ = s.read_to_end(&mut buf);
                if !buf.is_empty() {
                    j.lock().expect("lock").push(buf);
                }
            });
        }
    });
    (port, jobs)
}
