//! The bench scale as the window reads it: one reading now (the window polls while the card is
//! open, so the weight follows the scale live).

use station::workflow::bench_scale::{self, ScaleReading};
use station::StationError;
use tauri::State;

use crate::state::AppState;
use crate::CommandError;

/// Reads the bench's scale once.
#[tauri::command]
#[specta::specta]
pub async fn read_scale(state: State<'_, AppState>) -> Result<ScaleReading, CommandError> {
    let lazy = state.session().await;
    let session = lazy.get().await?;
    let Some(config) = session.bench_scale().await? else {
        return Ok(ScaleReading::none());
    };
    let dir = session.profile_dir();
    tokio::task::spawn_blocking(move || bench_scale::read_once(&config, &dir))
        .await
        .map_err(|e| StationError::Worker(e.to_string()).into())
}

/// The bench's scale as the settings screen shows and saves it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ScaleSetting {
    /// No scale: weights come from the order or are typed.
    None,
    /// The virtual scale in the profile's folder (demo; `shipbench scale set 2.5lb`).
    Virtual,
    /// A USB point-of-sale scale.
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
        /// `nci` or `sics`.
        protocol: String,
        /// Its speed, e.g. 9600.
        baud: u32,
    },
}

impl From<Option<scales::ScaleConfig>> for ScaleSetting {
    fn from(c: Option<scales::ScaleConfig>) -> ScaleSetting {
        match c {
            None => ScaleSetting::None,
            Some(scales::ScaleConfig::Virtual) => ScaleSetting::Virtual,
            Some(scales::ScaleConfig::Hid { vendor_id, product_id }) => ScaleSetting::Hid { vendor_id, product_id },
            Some(scales::ScaleConfig::Serial { port, protocol, baud }) => {
                ScaleSetting::Serial { port, protocol: protocol.as_str().to_owned(), baud }
            }
        }
    }
}

impl ScaleSetting {
    fn config(&self) -> Result<Option<scales::ScaleConfig>, CommandError> {
        Ok(match self {
            ScaleSetting::None => None,
            ScaleSetting::Virtual => Some(scales::ScaleConfig::Virtual),
            ScaleSetting::Hid { vendor_id, product_id } => {
                Some(scales::ScaleConfig::Hid { vendor_id: *vendor_id, product_id: *product_id })
            }
            ScaleSetting::Serial { port, protocol, baud } => {
                if port.trim().is_empty() {
                    return Err(StationError::BadSetting("Give the serial port the scale is on, e.g. /dev/ttyUSB0 or COM3.".into()).into());
                }
                if !(300..=921_600).contains(baud) {
                    return Err(StationError::BadSetting(format!("{baud} is not a serial speed: most shipping scales use 9600.")).into());
                }
                let protocol = protocol
                    .parse::<scales::SerialProtocol>()
                    .map_err(|_| StationError::BadSetting(format!("'{protocol}' is not a scale protocol: choose nci (Weigh-Tronix) or sics (Mettler Toledo).")))?;
                Some(scales::ScaleConfig::Serial { port: port.trim().to_owned(), protocol, baud: *baud })
            }
        })
    }
}

/// A scale found on this computer, for the settings screen's list.
#[derive(Debug, Clone, serde::Serialize, specta::Type)]
pub struct ScaleChoice {
    /// What to show, e.g. "DYMO M10 (USB)" or "/dev/ttyUSB0 — FTDI USB serial".
    pub name: String,
    /// The setting that uses it.
    pub setting: ScaleSetting,
}

/// The bench's scale setting now (the demo without a setting uses the virtual scale).
#[tauri::command]
#[specta::specta]
pub async fn scale_setting(state: State<'_, AppState>) -> Result<ScaleSetting, CommandError> {
    let lazy = state.session().await;
    let session = lazy.get().await?;
    Ok(session.bench_scale().await?.into())
}

/// The scales (USB) and serial ports found on this computer, plus the virtual scale.
#[tauri::command]
#[specta::specta]
pub async fn scale_choices() -> Result<Vec<ScaleChoice>, CommandError> {
    let found = tokio::task::spawn_blocking(scales::discover::discover).await.map_err(|e| StationError::Worker(e.to_string()))?;
    let mut out = vec![ScaleChoice { name: "Virtual scale (demo)".into(), setting: ScaleSetting::Virtual }];
    out.extend(found.into_iter().map(|f| ScaleChoice { name: f.name, setting: Some(f.config).into() }));
    Ok(out)
}

/// Saves the bench's scale (at once, one setting) and reads it once: the settings screen's test
/// reading.
#[tauri::command]
#[specta::specta]
pub async fn scale_save(state: State<'_, AppState>, setting: ScaleSetting) -> Result<ScaleReading, CommandError> {
    let config = setting.config()?;
    let lazy = state.session().await;
    let session = lazy.get().await?;
    let saved = config.clone();
    session
        .store()
        .write_async(move |tx| station::store::settings::put(tx, station::store::settings::SCALE, &saved))
        .await?;
    let Some(config) = config else {
        return Ok(ScaleReading::none());
    };
    let dir = session.profile_dir();
    tokio::task::spawn_blocking(move || bench_scale::read_once(&config, &dir))
        .await
        .map_err(|e| StationError::Worker(e.to_string()).into())
}
