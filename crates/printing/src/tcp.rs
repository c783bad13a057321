//! Raw TCP printing ("port 9100", JetDirect/AppSocket): connect, write every byte, half-close.

use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use crate::driver::{Document, JobState, JobTicket, PrinterDriver};
use crate::error::PrintError;

/// A network printer taking raw jobs on a TCP port.
#[derive(Debug)]
pub struct TcpDriver {
    name: String,
    host: String,
    port: u16,
    /// How long to wait for the connection.
    pub connect_timeout: Duration,
    /// How long a single write may block (a printer out of buffer space stalls writes).
    pub write_timeout: Duration,
    /// After the half-close, how long to wait for the printer to close its side (so nothing it
    /// sent back turns our close into a reset that could drop the job's tail).
    pub linger: Duration,
    sequence: AtomicU64,
}

impl TcpDriver {
    /// A driver for `host:port`, named `name` in messages. Timeouts: 3 s connect, 10 s per write,
    /// 2 s linger.
    pub fn new(name: String, host: String, port: u16) -> TcpDriver {
        TcpDriver {
            name,
            host,
            port,
            connect_timeout: Duration::from_secs(3),
            write_timeout: Duration::from_secs(10),
            linger: Duration::from_secs(2),
            sequence: AtomicU64::new(0),
        }
    }

    fn addr_text(&self) -> String {
        if self.host.contains(':') {
            format!("[{}]:{}", self.host, self.port)
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }

    fn connect(&self) -> Result<TcpStream, PrintError> {
        let addr = self.addr_text();
        let addrs: Vec<SocketAddr> = (self.host.as_str(), self.port)
            .to_socket_addrs()
            .map_err(|_| PrintError::UnknownHost { printer: self.name.clone(), host: self.host.clone() })?
            .collect();
        if addrs.is_empty() {
            return Err(PrintError::UnknownHost { printer: self.name.clone(), host: self.host.clone() });
        }
        let mut refused = false;
        for a in &addrs {
            match TcpStream::connect_timeout(a, self.connect_timeout) {
                Ok(s) => return Ok(s),
                Err(e) if e.kind() == ErrorKind::ConnectionRefused => refused = true,
                Err(e) => tracing::debug!(printer = %self.name, %a, "connect failed: {e}"),
            }
        }
        if refused {
            Err(PrintError::Refused { printer: self.name.clone(), addr })
        } else {
            Err(PrintError::NotAnswering { printer: self.name.clone(), addr })
        }
    }
}

impl PrinterDriver for TcpDriver {
    fn send(&self, doc: &Document) -> Result<JobTicket, PrintError> {
        let mut stream = self.connect()?;
        let total = doc.bytes.len();
        let fail = |sent: usize, e: std::io::Error| PrintError::SendFailed {
            printer: self.name.clone(),
            addr: self.addr_text(),
            sent,
            total,
            reason: e.to_string(),
        };
        stream.set_write_timeout(Some(self.write_timeout)).map_err(|e| fail(0, e))?;
        let _ = stream.set_nodelay(true);
        let mut sent = 0;
        while sent < total {
            match stream.write(&doc.bytes[sent..]) {
                Ok(0) => return Err(fail(sent, ErrorKind::WriteZero.into())),
                Ok(n) => sent += n,
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e) => return Err(fail(sent, e)),
            }
        }
        stream.flush().map_err(|e| fail(sent, e))?;
        stream.shutdown(Shutdown::Write).map_err(|e| fail(sent, e))?;
        // Drain until the printer closes (or the linger time is up); what it says is ignored. A
        // reset instead of a close means the bytes may never have been read (a listener that
        // closed with the job still in its backlog): not "sent", so the job is tried again.
        let _ = stream.set_read_timeout(Some(self.linger));
        let mut sink = [0u8; 512];
        loop {
            match stream.read(&mut sink) {
                Ok(0) => break,
                Ok(_) => continue,
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) if matches!(e.kind(), ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted) => {
                    return Err(fail(sent, e));
                }
                Err(_) => break,
            }
        }
        let n = self.sequence.fetch_add(1, Ordering::Relaxed) + 1;
        tracing::info!(printer = %self.name, bytes = total, "job sent over TCP");
        Ok(JobTicket { printer: self.name.clone(), id: format!("tcp-{n}"), bytes: total })
    }

    /// Raw TCP has no job tracking: a sent job is [`JobState::Completed`] (every byte delivered).
    fn job_state(&self, _ticket: &JobTicket) -> Result<JobState, PrintError> {
        Ok(JobState::Completed)
    }
}
