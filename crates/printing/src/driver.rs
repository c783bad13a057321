//! The one interface every printer is driven through, the document it prints and the job it yields.

use labels::zpl::{detect_format, DocFormat};
use serde::{Deserialize, Serialize};

use crate::config::{PrinterConfig, PrinterKind, PrinterLanguage};
use crate::error::PrintError;

/// What kind of document a job carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocType {
    /// A shipping label.
    Label,
    /// A packing slip.
    PackingSlip,
    /// An end-of-day manifest.
    Manifest,
}

impl DocType {
    /// How the operator calls it.
    pub fn noun(self) -> &'static str {
        match self {
            DocType::Label => "label",
            DocType::PackingSlip => "packing slip",
            DocType::Manifest => "manifest",
        }
    }
}

/// A document ready to send: bytes in the printer's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The bytes, sent unchanged.
    pub bytes: Vec<u8>,
    /// Their format.
    pub format: DocFormat,
    /// Label, packing slip or manifest.
    pub doc_type: DocType,
    /// Job title shown in the spooler, e.g. the tracking number.
    pub title: String,
}

impl Document {
    /// A document whose format is read from its bytes; ZPL when it cannot be told.
    pub fn new(bytes: Vec<u8>, doc_type: DocType, title: impl Into<String>) -> Document {
        let format = detect_format(&bytes).unwrap_or(DocFormat::Zpl);
        Document { bytes, format, doc_type, title: title.into() }
    }
}

/// Proof that a printer or spooler took a job, to ask about it later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobTicket {
    /// The configured printer name.
    pub printer: String,
    /// The job id: the spooler's number, or a file name for the virtual printer, or a sequence
    /// number for TCP.
    pub id: String,
    /// Bytes sent.
    pub bytes: usize,
}

/// Where a job is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", content = "reason", rename_all = "snake_case")]
pub enum JobState {
    /// Waiting in the spooler (or held).
    Queued,
    /// Being sent to the printer.
    Printing,
    /// The spooler delivered every byte to the printer (TCP: the printer received every byte). Not a
    /// promise that paper came out: printers out of labels accept jobs too.
    Completed,
    /// The spooler cancelled or aborted it.
    Failed(String),
    /// The spooler does not know the job (any more).
    Unknown,
}

/// A printer that takes jobs.
pub trait PrinterDriver: Send + Sync {
    /// Sends the document's bytes unchanged. Success means the printer (TCP, virtual) or the spooler
    /// (system queue) took every byte.
    fn send(&self, doc: &Document) -> Result<JobTicket, PrintError>;
    /// Where the job is now.
    fn job_state(&self, ticket: &JobTicket) -> Result<JobState, PrintError>;
}

/// The driver for a configured printer.
pub fn driver_for(config: &PrinterConfig) -> Box<dyn PrinterDriver> {
    match &config.kind {
        PrinterKind::System { queue } => {
            Box::new(crate::system::SystemDriver::new(config.name.clone(), queue.clone()))
        }
        PrinterKind::Tcp { host, port } => {
            Box::new(crate::tcp::TcpDriver::new(config.name.clone(), host.clone(), *port))
        }
        PrinterKind::Virtual { dir } => Box::new(crate::virtual_printer::VirtualDriver::new(
            config.name.clone(),
            dir.clone(),
            config.dpi,
            config.label_size,
        )),
    }
}

/// Brings a document to the printer's language: PDF and PNG labels become `^GF` ZPL for a ZPL printer,
/// ZPL is adapted to a 300-dpi head; a PDF printer takes PDF as is and refuses ZPL.
pub fn prepare(doc: &Document, config: &PrinterConfig) -> Result<Document, PrintError> {
    let convert_err = |source| PrintError::Convert { printer: config.name.clone(), source };
    match (config.language, doc.format) {
        (PrinterLanguage::Zpl, _) => {
            let bytes = labels::convert::to_printer_zpl(&doc.bytes, &config.convert_options())
                .map_err(convert_err)?;
            Ok(Document { bytes, format: DocFormat::Zpl, ..doc.clone() })
        }
        (PrinterLanguage::Pdf, DocFormat::Pdf | DocFormat::Png) => Ok(doc.clone()),
        (PrinterLanguage::Pdf, DocFormat::Zpl) => Err(PrintError::WrongLanguage {
            printer: config.name.clone(),
            wants: "PDF",
            got: "ZPL",
            doc: doc.doc_type.noun(),
        }),
    }
}
