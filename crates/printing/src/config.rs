//! How a printer is set up: where it is, which language and resolution it takes, which documents go
//! to it. Stored by the station as JSON (serde).

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// Head resolution and label stock are the label crate's own types (serialized as `203` and
/// `{"width_in": 4.0, "height_in": 6.0}`), so settings and conversion share one definition.
pub use labels::{Dpi, LabelSize};

/// One configured printer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrinterConfig {
    /// The name the operator sees, e.g. "Zebra at bench 2".
    pub name: String,
    /// How to reach it.
    pub kind: PrinterKind,
    /// What it understands.
    pub language: PrinterLanguage,
    /// Head resolution: 203 or 300 dpi.
    #[serde(default)]
    pub dpi: Dpi,
    /// Label stock, 4 x 6 in unless set.
    #[serde(default)]
    pub label_size: LabelSize,
    /// Which documents print here.
    #[serde(default)]
    pub doc_types: DocTypes,
}

/// How the printer is reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum PrinterKind {
    /// A queue of the operating system (CUPS on Linux/macOS, the Windows spooler).
    System {
        /// The queue name as the system knows it.
        queue: String,
    },
    /// A network printer taking raw jobs on a TCP port (9100 on almost all).
    Tcp {
        /// Host name or IP address.
        host: String,
        /// TCP port, usually 9100.
        #[serde(default = "default_port")]
        port: u16,
    },
    /// The demo printer: jobs are written into a folder, with a PNG preview each.
    Virtual {
        /// The folder.
        dir: PathBuf,
    },
}

fn default_port() -> u16 {
    9100
}

/// The page description language of the printer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PrinterLanguage {
    /// ZPL II (Zebra and compatible thermal printers). PDF labels are converted to `^GF`.
    Zpl,
    /// PDF (office printers, or thermal printers with a PDF-capable driver).
    Pdf,
}

/// Which kinds of document a printer takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocTypes {
    /// Shipping labels.
    #[serde(default)]
    pub label: bool,
    /// Packing slips.
    #[serde(default)]
    pub packing_slip: bool,
    /// End-of-day manifests (SCAN forms).
    #[serde(default)]
    pub manifest: bool,
}

impl Default for DocTypes {
    /// Labels only.
    fn default() -> Self {
        DocTypes { label: true, packing_slip: false, manifest: false }
    }
}

impl DocTypes {
    /// Whether this printer takes `doc_type`.
    pub fn accepts(&self, doc_type: crate::DocType) -> bool {
        match doc_type {
            crate::DocType::Label => self.label,
            crate::DocType::PackingSlip => self.packing_slip,
            crate::DocType::Manifest => self.manifest,
        }
    }
}

impl PrinterConfig {
    /// Conversion settings for this printer (Z64 `^GF`, threshold, its dpi and stock).
    pub fn convert_options(&self) -> labels::convert::ConvertOptions {
        labels::convert::ConvertOptions {
            raster: labels::RasterOptions {
                dpi: self.dpi,
                size: self.label_size,
                ..Default::default()
            },
            ..Default::default()
        }
    }
}
