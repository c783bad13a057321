//! Bench settings as key/value JSON: sender addresses, default parcel template, label format,
//! rate rule, printer mapping. **Never secrets**: the Shippo token lives only in the OS keyring,
//! and import refuses any key that is not a known setting.
//!
//! Export/import use one JSON file: `{"shipbench_settings": 1, "settings": {<key>: <value>, …}}`.

use std::collections::BTreeMap;
use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::orders::Address;
use super::time;
use crate::error::{Result, StationError};

pub mod edit;
pub mod profile;

pub use profile::effective;

/// Key: sender addresses (`Vec<SenderAddress>`).
pub const SENDER_ADDRESSES: &str = "sender_addresses";
/// Key: default parcel template (`ParcelTemplate`).
pub const DEFAULT_PARCEL: &str = "default_parcel";
/// Key: label format (`LabelFormat`).
pub const LABEL_FORMAT: &str = "label_format";
/// Key: rate rule (`RateRule`).
pub const RATE_RULE: &str = "rate_rule";
/// Key: printer mapping (`BTreeMap<document type, printer name>`).
pub const PRINTER_MAPPING: &str = "printer_mapping";
/// Key: the bench scale (`scales::ScaleConfig`).
pub const SCALE: &str = "scale";
/// Key: how the bench behaves for the operator (`BenchPrefs`: sounds, auto mode, default weight, theme).
pub const BENCH: &str = "bench";

/// Key (not exported): the first-run setup was finished or skipped (`bool`).
pub const SETUP_DONE: &str = "setup_done";

/// Every key a settings file may hold.
pub const KNOWN_KEYS: [&str; 7] = [
    SENDER_ADDRESSES,
    DEFAULT_PARCEL,
    LABEL_FORMAT,
    RATE_RULE,
    PRINTER_MAPPING,
    SCALE,
    BENCH,
];

/// The window's colours.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    /// Follow the operating system.
    #[default]
    System,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

/// How the bench behaves for the operator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct BenchPrefs {
    /// Success and failure sounds.
    pub sounds: bool,
    /// Auto mode: a scan buys and prints at once with the rule's pick (no card, no rate choice).
    pub auto_buy: bool,
    /// The weight used when the order has none and no scale gives one, e.g. "1.5" (in
    /// `default_weight_unit`); `None`: the operator must weigh.
    pub default_weight: Option<String>,
    /// g, kg, oz or lb.
    pub default_weight_unit: String,
    /// Light, dark or follow the OS.
    pub theme: Theme,
    /// Print the order's packing slip (on the packing-slips printer) after each label.
    pub packing_slip_with_label: bool,
}

impl Default for BenchPrefs {
    fn default() -> Self {
        BenchPrefs { sounds: true, auto_buy: false, default_weight: None, default_weight_unit: "lb".into(), theme: Theme::System, packing_slip_with_label: false }
    }
}

/// Label file format bought from Shippo.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum LabelFormat {
    /// ZPL II for thermal printers.
    #[default]
    #[serde(rename = "ZPLII")]
    Zpl,
    /// 4x6 inch PDF.
    #[serde(rename = "PDF_4x6")]
    Pdf4x6,
}

/// How a rate is picked when the operator does not choose.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum RateRule {
    /// The cheapest rate.
    #[default]
    Cheapest,
    /// The fewest estimated days.
    Fastest,
    /// A preferred carrier and (optionally) service level, else the cheapest.
    Preferred {
        /// Carrier, e.g. "USPS".
        carrier: String,
        /// Service level token, e.g. `usps_priority`.
        servicelevel: Option<String>,
    },
    /// The cheapest rate estimated to arrive within `days` days (else the fastest).
    CheapestWithin {
        /// Most days in transit.
        days: u32,
    },
    /// A fixed carrier account and service level: bought in one call (Instalabel), no rating.
    Fixed {
        /// The carrier account object id.
        carrier_account: String,
        /// The service level token, e.g. `usps_priority`.
        servicelevel: String,
    },
}

/// A named sender address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SenderAddress {
    /// Name shown in the picker, e.g. "Warehouse".
    pub label: String,
    /// The address.
    pub address: Address,
    /// True for the one used by default.
    #[serde(default)]
    pub is_default: bool,
}

/// A parcel used when the order names none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ParcelTemplate {
    /// Name, e.g. "Small box".
    pub name: String,
    /// Length (decimal string).
    pub length: String,
    /// Width.
    pub width: String,
    /// Height.
    pub height: String,
    /// cm, in, …
    pub distance_unit: String,
    /// Empty-box weight (decimal string), added to the items' weight.
    pub weight: Option<String>,
    /// g, kg, lb, oz.
    pub mass_unit: String,
}

/// All settings, typed. Missing keys take their defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Sender addresses.
    pub sender_addresses: Vec<SenderAddress>,
    /// Default parcel.
    pub default_parcel: Option<ParcelTemplate>,
    /// Label format.
    pub label_format: LabelFormat,
    /// Rate rule.
    pub rate_rule: RateRule,
    /// Document type (e.g. ZPLII, PDF_4x6, packing_slip) -> printer name.
    pub printer_mapping: BTreeMap<String, String>,
    /// The bench scale (none: weights come from the order or are typed).
    pub scale: Option<scales::ScaleConfig>,
    /// Sounds, auto mode, default weight, theme.
    pub bench: BenchPrefs,
}

/// Reads one setting (`None` when unset).
pub fn get<T: DeserializeOwned>(conn: &Connection, key: &str) -> Result<Option<T>> {
    let v: Option<String> = conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?;
    match v {
        Some(v) => Ok(Some(serde_json::from_str(&v)?)),
        None => Ok(None),
    }
}

/// Writes one setting. Only [`KNOWN_KEYS`] are accepted.
pub fn put<T: Serialize>(conn: &Connection, key: &str, value: &T) -> Result<()> {
    if !KNOWN_KEYS.contains(&key) && key != SETUP_DONE {
        return Err(StationError::InvalidSettings(format!("'{key}' is not a Shipbench setting")));
    }
    conn.prepare_cached(
        "INSERT INTO settings (key, value, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
    )?
    .execute(params![key, serde_json::to_string(value)?, time::now()])?;
    Ok(())
}

/// All settings, with defaults for those unset.
pub fn load(conn: &Connection) -> Result<Settings> {
    Ok(Settings {
        sender_addresses: get(conn, SENDER_ADDRESSES)?.unwrap_or_default(),
        default_parcel: get(conn, DEFAULT_PARCEL)?.unwrap_or_default(),
        label_format: get(conn, LABEL_FORMAT)?.unwrap_or_default(),
        rate_rule: get(conn, RATE_RULE)?.unwrap_or_default(),
        printer_mapping: get(conn, PRINTER_MAPPING)?.unwrap_or_default(),
        scale: get(conn, SCALE)?.unwrap_or_default(),
        bench: get(conn, BENCH)?.unwrap_or_default(),
    })
}

/// Saves all settings.
pub fn save(conn: &Connection, s: &Settings) -> Result<()> {
    put(conn, SENDER_ADDRESSES, &s.sender_addresses)?;
    put(conn, DEFAULT_PARCEL, &s.default_parcel)?;
    put(conn, LABEL_FORMAT, &s.label_format)?;
    put(conn, RATE_RULE, &s.rate_rule)?;
    put(conn, PRINTER_MAPPING, &s.printer_mapping)?;
    put(conn, SCALE, &s.scale)?;
    put(conn, BENCH, &s.bench)?;
    Ok(())
}

#[derive(Serialize, Deserialize)]
struct SettingsFile {
    shipbench_settings: u32,
    settings: Settings,
}

/// Writes all settings to a JSON file (no token: settings never hold one).
pub fn export_file(conn: &Connection, path: &Path) -> Result<()> {
    let file = SettingsFile {
        shipbench_settings: 1,
        settings: load(conn)?,
    };
    let text = serde_json::to_string_pretty(&file)?;
    std::fs::write(path, text).map_err(|source| StationError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Reads a settings file written by [`export_file`] and saves it. Unknown keys (a token, say)
/// make the whole file invalid: nothing is saved.
pub fn import_file(conn: &Connection, path: &Path) -> Result<Settings> {
    let text = std::fs::read_to_string(path).map_err(|source| StationError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let raw: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| StationError::InvalidSettings(format!("it is not JSON ({e})")))?;
    if raw.get("shipbench_settings").and_then(|v| v.as_u64()) != Some(1) {
        return Err(StationError::InvalidSettings(
            "it has no \"shipbench_settings\": 1 marker".to_owned(),
        ));
    }
    if let Some(map) = raw.get("settings").and_then(|v| v.as_object()) {
        if let Some(bad) = map.keys().find(|k| !KNOWN_KEYS.contains(&k.as_str())) {
            return Err(StationError::InvalidSettings(format!(
                "'{bad}' is not a Shipbench setting (tokens are never imported from files)"
            )));
        }
    }
    let file: SettingsFile = serde_json::from_value(raw)
        .map_err(|e| StationError::InvalidSettings(e.to_string()))?;
    save(conn, &file.settings)?;
    Ok(file.settings)
}
