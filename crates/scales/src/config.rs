//! Which scale the bench uses, as kept in the bench's settings, and opening it.

use std::path::Path;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::ScaleError;
use crate::hid::HidScale;
use crate::serial::SerialScale;
use crate::virtual_scale::{self, VirtualScale};
use crate::Scale;

/// The protocol a serial scale speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SerialProtocol {
    /// NCI / Weigh-Tronix (`W<CR>`).
    Nci,
    /// Mettler Toledo SICS (`SI<CR><LF>`).
    Sics,
}

impl SerialProtocol {
    /// `nci` or `sics`.
    pub fn as_str(self) -> &'static str {
        match self {
            SerialProtocol::Nci => "nci",
            SerialProtocol::Sics => "sics",
        }
    }
}

impl FromStr for SerialProtocol {
    type Err = ScaleError;

    fn from_str(s: &str) -> Result<Self, ScaleError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "nci" | "weigh-tronix" | "weightronix" => Ok(SerialProtocol::Nci),
            "sics" | "mettler" => Ok(SerialProtocol::Sics),
            _ => Err(ScaleError::BadProtocol(s.chars().take(20).collect())),
        }
    }
}

/// The bench's scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ScaleConfig {
    /// A USB point-of-sale scale, by vendor and product id.
    Hid {
        /// USB vendor id.
        vendor_id: u16,
        /// USB product id.
        product_id: u16,
    },
    /// A serial scale.
    Serial {
        /// The port, e.g. /dev/ttyUSB0 or COM3.
        port: String,
        /// Its protocol.
        protocol: SerialProtocol,
        /// Its speed (most shipping scales: 9600).
        baud: u32,
    },
    /// The virtual scale of the profile's folder.
    Virtual,
}

/// The usual speed of a serial shipping scale.
pub const DEFAULT_BAUD: u32 = 9600;

/// Opens the configured scale. `profile_dir` holds the virtual scale's file.
pub fn open(config: &ScaleConfig, profile_dir: &Path) -> Result<Box<dyn Scale>, ScaleError> {
    Ok(match config {
        ScaleConfig::Hid { vendor_id, product_id } => Box::new(HidScale::open(*vendor_id, *product_id)?),
        ScaleConfig::Serial { port, protocol, baud } => Box::new(SerialScale::open(port, *protocol, *baud)?),
        ScaleConfig::Virtual => Box::new(VirtualScale::at(profile_dir.join(virtual_scale::FILE_NAME))),
    })
}
