//! Finding the scales connected to this computer, for the settings screen.

use serde::{Deserialize, Serialize};

use crate::config::{ScaleConfig, SerialProtocol, DEFAULT_BAUD};
use crate::hid;

/// A scale (or a serial port that may have one) found on this computer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Found {
    /// What to show: "DYMO M10 (USB)", "/dev/ttyUSB0 — FTDI USB serial".
    pub name: String,
    /// The settings that open it (serial ports are offered as NCI at 9600 baud; the operator
    /// changes protocol and speed to match the scale).
    pub config: ScaleConfig,
}

/// USB point-of-sale scales, then serial ports.
pub fn discover() -> Vec<Found> {
    let mut found: Vec<Found> = hid::list()
        .into_iter()
        .map(|s| Found {
            name: format!("{} (USB)", if s.name.is_empty() { format!("{:04x}:{:04x}", s.vendor_id, s.product_id) } else { s.name }),
            config: ScaleConfig::Hid { vendor_id: s.vendor_id, product_id: s.product_id },
        })
        .collect();
    match serialport::available_ports() {
        Ok(ports) => found.extend(ports.into_iter().map(|p| {
            let what = match &p.port_type {
                serialport::SerialPortType::UsbPort(u) => {
                    format!(" — {}", u.product.clone().unwrap_or_else(|| format!("USB {:04x}:{:04x}", u.vid, u.pid)))
                }
                _ => String::new(),
            };
            Found {
                name: format!("{}{what}", p.port_name),
                config: ScaleConfig::Serial { port: p.port_name, protocol: SerialProtocol::Nci, baud: DEFAULT_BAUD },
            }
        })),
        Err(e) => tracing::info!("serial ports cannot be listed here: {e}"),
    }
    found
}
