//! # printing — printer drivers
//!
//! Its job: send bytes to a printer and report what happened to the job: system queues through the
//! `printers` crate (CUPS on Linux and macOS, winspool on Windows) with raw jobs, direct raw TCP
//! (port 9100) to network printers, and a virtual printer that keeps what it printed in a folder.
//!
//! It must never import: SQLite, the Shippo client, the station or Tauri. The print *queue* (jobs,
//! retries, states) lives in the station; this crate only knows how to talk to a printer.

pub mod config;
pub mod driver;
pub mod error;
pub mod system;
pub mod tcp;
pub mod virtual_printer;

pub use config::{DocTypes, Dpi, LabelSize, PrinterConfig, PrinterKind, PrinterLanguage};
pub use driver::{driver_for, prepare, DocType, Document, JobState, JobTicket, PrinterDriver};
pub use error::PrintError;
pub use labels::zpl::DocFormat;
pub use system::{list_printers, SystemDriver, SystemPrinter};
pub use tcp::TcpDriver;
pub use virtual_printer::VirtualDriver;
