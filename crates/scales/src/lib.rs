//! # scales — the bench scale
//!
//! Its job: read the weight of the parcel on the bench scale and say what the reading means. A
//! reading is a [`ScaleState`] first and a number second: a weight is used only when the scale is
//! [`ScaleState::Stable`] and the weight is positive ([`Reading::usable`]).
//!
//! Drivers, behind the one [`Scale`] trait:
//! - [`hid`]: USB HID point-of-sale scales (usage page 0x8D: Dymo M5/M10/M25, Mettler Toledo PS60,
//!   Stamps.com and Accuteck scales) through `hidapi`; the weight report is decoded by
//!   [`hid_report`].
//! - [`serial`]: serial scales (USB-serial and RS-232) through `serialport`, speaking the NCI /
//!   Weigh-Tronix protocol ([`nci`]) or Mettler Toledo SICS ([`sics`]).
//! - [`virtual_scale`]: the demo's scale, whose weight is set from the window or the CLI.
//!
//! It must never import: Tauri, the station or anything of the window.

pub mod config;
pub mod discover;
pub mod error;
pub mod hid;
pub mod hid_report;
pub mod nci;
pub mod reading;
pub mod serial;
pub mod sics;
#[cfg(all(unix, feature = "pty-test-scale"))]
pub mod testing;
pub mod virtual_scale;
pub mod watch;
pub mod weight;

pub use config::{open, ScaleConfig, SerialProtocol};
pub use error::ScaleError;
pub use reading::{Reading, ScaleState};
pub use weight::{Unit, Weight};

/// A scale that can be asked for its current reading.
pub trait Scale: Send {
    /// The scale's reading now. A scale that does not answer within its time limit reads as
    /// [`ScaleState::NotAnswering`]; one that is gone reads as [`ScaleState::Unplugged`]. Errors
    /// are kept for what cannot be a reading at all (the scale could not be opened).
    fn read(&mut self) -> Reading;

    /// A short name for the operator: "Dymo M10 (USB)", "/dev/ttyUSB0 (NCI, 9600 baud)".
    fn name(&self) -> String;
}
