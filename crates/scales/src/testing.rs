//! A test scale on a real pseudo-terminal pair (Unix, feature `pty-test-scale`): it answers NCI or
//! SICS on the master side while a driver (or `shipbench scale --port`) opens the slave by its path
//! like any serial port. Used by this crate's and the CLI's tests.

use std::io::{Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::thread::JoinHandle;
use std::time::Duration;

use serialport::{SerialPort, TTYPort};

/// What the test scale does when asked.
pub enum Answer {
    /// Writes these chunks with a short pause between them (a line split across reads).
    Chunks(Vec<&'static [u8]>),
    /// Says nothing.
    Silence,
    /// Closes the line (the cable is pulled).
    Hangup,
}

/// A scale on the master side of a pty: answers each command with the next scripted answer.
pub struct TestScale {
    /// The slave's path, e.g. /dev/pts/7: open it as the scale's port.
    pub path: String,
    answers: mpsc::Sender<Answer>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
    _slave: TTYPort,
}

impl TestScale {
    /// Starts a test scale whose commands end with `terminator` (`b'\r'` for NCI, `b'\n'` for SICS).
    pub fn start(terminator: u8) -> TestScale {
        let (mut master, slave) = TTYPort::pair().expect("a pseudo-terminal pair");
        master.set_timeout(Duration::from_millis(50)).unwrap();
        let path = slave.name().expect("the slave's path");
        let (tx, rx) = mpsc::channel::<Answer>();
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = stop.clone();
        let thread = std::thread::spawn(move || {
            let mut cmd = Vec::new();
            let mut byte = [0u8; 64];
            loop {
                if stopped.load(Ordering::SeqCst) {
                    return;
                }
                match master.read(&mut byte) {
                    Ok(n) => cmd.extend_from_slice(&byte[..n]),
                    Err(e) if e.kind() == std::io::ErrorKind::TimedOut => continue,
                    Err(_) => continue,
                }
                while let Some(end) = cmd.iter().position(|&b| b == terminator) {
                    cmd.drain(..=end);
                    match rx.recv() {
                        Ok(Answer::Chunks(chunks)) => {
                            for c in chunks {
                                master.write_all(c).unwrap();
                                master.flush().unwrap();
                                std::thread::sleep(Duration::from_millis(30));
                            }
                        }
                        Ok(Answer::Silence) => {}
                        Ok(Answer::Hangup) | Err(_) => return, // drops the master: the line is gone
                    }
                }
            }
        });
        TestScale { path, answers: tx, stop, thread: Some(thread), _slave: slave }
    }

    /// Queues the answer to the next command.
    pub fn answer(&self, a: Answer) {
        self.answers.send(a).unwrap();
    }
}

impl Drop for TestScale {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = self.answers.send(Answer::Hangup);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

