//! Serial scales (USB-serial adapters and RS-232) through `serialport`: ask, wait for one whole
//! answer, decode it with the protocol's parser. Line noise and partial lines are skipped; a scale
//! that gives no readable answer within [`ANSWER_TIME`] reads as not answering, and a port that is
//! gone reads as unplugged.

use std::io::{ErrorKind, Read, Write};
use std::time::{Duration, Instant};

use serialport::{ClearBuffer, SerialPort};

use crate::config::SerialProtocol;
use crate::error::ScaleError;
use crate::reading::{Reading, ScaleState};
use crate::{nci, sics, Scale};

/// How long one answer may take. Scales answer within a few hundred milliseconds; a scale that
/// stops answering is noticed within this time (plus one poll).
pub const ANSWER_TIME: Duration = Duration::from_secs(1);

/// An open serial scale.
pub struct SerialScale {
    port: Box<dyn SerialPort>,
    protocol: SerialProtocol,
    name: String,
}

impl SerialScale {
    /// Opens `port` (e.g. /dev/ttyUSB0, COM3) at `baud` with 8 data bits, no parity, one stop bit.
    pub fn open(port: &str, protocol: SerialProtocol, baud: u32) -> Result<SerialScale, ScaleError> {
        let opened = serialport::new(port, baud)
            .timeout(Duration::from_millis(100))
            .open()
            .map_err(|e| ScaleError::SerialOpen { port: port.to_owned(), reason: e.to_string() })?;
        Ok(SerialScale {
            port: opened,
            protocol,
            name: format!("{port} ({}, {baud} baud)", protocol.as_str().to_ascii_uppercase()),
        })
    }

    fn command(&self) -> &'static [u8] {
        match self.protocol {
            SerialProtocol::Nci => nci::COMMAND,
            SerialProtocol::Sics => sics::COMMAND,
        }
    }

    /// Takes the first readable answer out of `buf`, dropping what comes before it.
    fn take_answer(&self, buf: &mut Vec<u8>) -> Option<Reading> {
        loop {
            let end = match self.protocol {
                SerialProtocol::Nci => buf.iter().position(|&b| b == nci::ETX)?,
                SerialProtocol::Sics => buf.iter().position(|&b| b == b'\n')?,
            };
            let frame: Vec<u8> = buf.drain(..=end).collect();
            let parsed = match self.protocol {
                SerialProtocol::Nci => nci::parse(&frame),
                SerialProtocol::Sics => sics::parse(&frame),
            };
            match parsed {
                Some(r) => return Some(r),
                None => tracing::debug!(scale = %self.name, "skipped an unreadable answer: {:?}", String::from_utf8_lossy(&frame)),
            }
        }
    }
}

/// True for errors that mean the port itself is gone (unplugged adapter, closed pseudo-terminal).
fn is_gone(e: &std::io::Error) -> bool {
    matches!(e.kind(), ErrorKind::BrokenPipe | ErrorKind::NotConnected | ErrorKind::UnexpectedEof)
        || e.raw_os_error() == Some(5) // EIO: the other side of the line hung up
        || e.raw_os_error() == Some(19) // ENODEV
        || e.raw_os_error() == Some(6) // ENXIO
}

impl Scale for SerialScale {
    fn read(&mut self) -> Reading {
        // Whatever came in since the last question is stale.
        let _ = self.port.clear(ClearBuffer::Input);
        let cmd = self.command();
        if let Err(e) = self.port.write_all(cmd).and_then(|_| self.port.flush()) {
            let state = if is_gone(&e) { ScaleState::Unplugged } else { ScaleState::NotAnswering };
            return Reading::state(state).detail(e.to_string());
        }
        let deadline = Instant::now() + ANSWER_TIME;
        let mut buf = Vec::new();
        let mut chunk = [0u8; 256];
        while Instant::now() < deadline {
            match self.port.read(&mut chunk) {
                Ok(0) => return Reading::state(ScaleState::Unplugged).detail("the line was closed"),
                Ok(n) => {
                    buf.extend_from_slice(&chunk[..n]);
                    if let Some(r) = self.take_answer(&mut buf) {
                        return r;
                    }
                    if buf.len() > 4096 {
                        buf.clear();
                    }
                }
                Err(e) if matches!(e.kind(), ErrorKind::TimedOut | ErrorKind::WouldBlock | ErrorKind::Interrupted) => {}
                Err(e) if is_gone(&e) => return Reading::state(ScaleState::Unplugged).detail(e.to_string()),
                Err(e) => return Reading::state(ScaleState::NotAnswering).detail(e.to_string()),
            }
        }
        let detail = if buf.is_empty() {
            "no answer".to_owned()
        } else {
            format!("no readable answer ({:?})", String::from_utf8_lossy(&buf[..buf.len().min(40)]))
        };
        Reading::state(ScaleState::NotAnswering).detail(detail)
    }

    fn name(&self) -> String {
        self.name.clone()
    }
}
