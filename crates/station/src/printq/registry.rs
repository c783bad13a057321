//! The bench's printers: a small JSON file beside the database (`printers.json`), holding the
//! printing crate's [`PrinterConfig`]s. In demo mode, two virtual printers write into a folder.

use std::path::{Path, PathBuf};

use printing::{DocType, DocTypes, Dpi, LabelSize, PrinterConfig, PrinterKind, PrinterLanguage};
use serde::{Deserialize, Serialize};

use crate::error::{Result, StationError};

/// Name of the demo label printer.
pub const DEMO_LABEL_PRINTER: &str = "Demo label printer";
/// Name of the demo document printer.
pub const DEMO_DOCUMENT_PRINTER: &str = "Demo document printer";

#[derive(Debug, Default, Serialize, Deserialize)]
struct PrintersFile {
    #[serde(default)]
    printers: Vec<PrinterConfig>,
}

/// Reads the printers file; a missing file means no printers.
pub fn load(path: &Path) -> Result<Vec<PrinterConfig>> {
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let f: PrintersFile = serde_json::from_str(&text).map_err(|e| {
                StationError::InvalidSettings(format!("the printer list {} is not valid ({e})", path.display()))
            })?;
            Ok(f.printers)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(source) => Err(StationError::Io { path: path.to_path_buf(), source }),
    }
}

/// Writes the printers file.
pub fn save(path: &Path, printers: &[PrinterConfig]) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|source| StationError::Io { path: dir.to_path_buf(), source })?;
    }
    let text = serde_json::to_string_pretty(&PrintersFile { printers: printers.to_vec() })?;
    std::fs::write(path, text).map_err(|source| StationError::Io { path: path.to_path_buf(), source })
}

/// The demo printers: a ZPL label printer and a PDF document printer, both virtual, in `dir`.
pub fn demo_printers(dir: PathBuf) -> Vec<PrinterConfig> {
    vec![
        PrinterConfig {
            name: DEMO_LABEL_PRINTER.into(),
            kind: PrinterKind::Virtual { dir: dir.clone() },
            language: PrinterLanguage::Zpl,
            dpi: Dpi::D203,
            label_size: LabelSize::default(),
            doc_types: DocTypes { label: true, packing_slip: false, manifest: false },
        },
        PrinterConfig {
            name: DEMO_DOCUMENT_PRINTER.into(),
            kind: PrinterKind::Virtual { dir },
            language: PrinterLanguage::Pdf,
            dpi: Dpi::D203,
            label_size: LabelSize::default(),
            doc_types: DocTypes { label: false, packing_slip: true, manifest: true },
        },
    ]
}

/// The stored spelling of a document type.
pub fn doc_type_name(d: DocType) -> &'static str {
    match d {
        DocType::Label => "label",
        DocType::PackingSlip => "packing_slip",
        DocType::Manifest => "manifest",
    }
}

/// Reads a stored document type (label file types such as ZPLII count as labels).
pub fn parse_doc_type(s: &str) -> DocType {
    match s {
        "packing_slip" => DocType::PackingSlip,
        "manifest" => DocType::Manifest,
        _ => DocType::Label,
    }
}
