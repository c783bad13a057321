//! USB HID point-of-sale scales through `hidapi` (hidraw on Linux, the native backends on macOS and
//! Windows). Found by their usage page (0x8D); read by decoding the weight report
//! ([`crate::hid_report`]).

use std::time::{Duration, Instant};

use hidapi::{HidApi, HidDevice};
use serde::{Deserialize, Serialize};

use crate::error::ScaleError;
use crate::hid_report::{self, USAGE_PAGE_SCALE};
use crate::reading::{Reading, ScaleState};
use crate::Scale;

/// How long a USB scale may stay silent before it reads as not answering. Scales send a report
/// several times a second; two seconds of silence means it is gone or hung.
pub const SILENCE: Duration = Duration::from_secs(2);

/// A USB scale as discovery finds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HidScaleInfo {
    /// USB vendor id.
    pub vendor_id: u16,
    /// USB product id.
    pub product_id: u16,
    /// The maker and model, e.g. "DYMO M10 Digital Postal Scale".
    pub name: String,
    /// The OS path of the device.
    pub path: String,
}

/// Lists the connected USB point-of-sale scales. An OS without HID access gives an empty list.
pub fn list() -> Vec<HidScaleInfo> {
    let api = match HidApi::new() {
        Ok(api) => api,
        Err(e) => {
            tracing::info!("USB HID devices cannot be listed here: {e}");
            return Vec::new();
        }
    };
    api.device_list()
        .filter(|d| d.usage_page() == USAGE_PAGE_SCALE)
        .map(|d| HidScaleInfo {
            vendor_id: d.vendor_id(),
            product_id: d.product_id(),
            name: [d.manufacturer_string(), d.product_string()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ")
                .trim()
                .to_owned(),
            path: d.path().to_string_lossy().into_owned(),
        })
        .collect()
}

/// An open USB scale.
pub struct HidScale {
    device: HidDevice,
    name: String,
    last: Reading,
    last_report: Instant,
}

impl HidScale {
    /// Opens the first scale with this vendor and product id.
    pub fn open(vendor_id: u16, product_id: u16) -> Result<HidScale, ScaleError> {
        let label = format!("{vendor_id:04x}:{product_id:04x}");
        let info = list()
            .into_iter()
            .find(|s| s.vendor_id == vendor_id && s.product_id == product_id)
            .ok_or_else(|| ScaleError::HidNotFound(label.clone()))?;
        let api = HidApi::new().map_err(|e| ScaleError::HidOpen { name: label.clone(), reason: e.to_string() })?;
        let path = std::ffi::CString::new(info.path.clone())
            .map_err(|e| ScaleError::HidOpen { name: label.clone(), reason: e.to_string() })?;
        let device = api
            .open_path(&path)
            .map_err(|e| ScaleError::HidOpen { name: info.name.clone(), reason: e.to_string() })?;
        Ok(HidScale {
            device,
            name: format!("{} (USB)", if info.name.is_empty() { label } else { info.name }),
            last: Reading::state(ScaleState::NotAnswering),
            last_report: Instant::now(),
        })
    }
}

impl Scale for HidScale {
    fn read(&mut self) -> Reading {
        let mut buf = [0u8; 64];
        // Drain what is queued and keep the newest scale report.
        loop {
            match self.device.read_timeout(&mut buf, 250) {
                Ok(0) => break,
                Ok(n) => {
                    if let Some(r) = hid_report::parse(&buf[..n]) {
                        self.last = r;
                        self.last_report = Instant::now();
                    }
                }
                Err(e) => return Reading::state(ScaleState::Unplugged).detail(e.to_string()),
            }
        }
        if self.last_report.elapsed() > SILENCE {
            return Reading::state(ScaleState::NotAnswering);
        }
        self.last.clone()
    }

    fn name(&self) -> String {
        self.name.clone()
    }
}
