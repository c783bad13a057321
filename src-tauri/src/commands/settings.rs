//! The settings screen and the first-run setup: read the settings, change one by name (the same
//! `KEY VALUE` the CLI takes, checked and saved in one transaction), export/import the JSON
//! file, the sender check with Shippo, parcel templates, and the setup flag.

use std::collections::BTreeMap;

use printing::PrinterLanguage;
use serde::Serialize;
use station::store::orders::Address;
use station::store::settings::{self, edit, BenchPrefs, LabelFormat, ParcelTemplate, RateRule, SenderAddress};
use station::Session;
use tauri::State;

use crate::state::AppState;
use crate::CommandError;

/// The settings as the window shows them.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct SettingsInfo {
    /// Sender addresses (one is the default).
    pub sender_addresses: Vec<SenderAddress>,
    /// The default parcel, when one is set.
    pub default_parcel: Option<ParcelTemplate>,
    /// ZPLII or PDF_4x6.
    pub label_format: LabelFormat,
    /// The rate rule.
    pub rate_rule: RateRule,
    /// The rate rule as `settings set rate-rule` takes it, e.g. `cheapest-within:3`.
    pub rate_rule_arg: String,
    /// Role (`label`, `packing_slip`, `manifest`) -> printer name.
    pub printer_mapping: BTreeMap<String, String>,
    /// Sounds, auto mode, default weight, theme.
    pub bench: BenchPrefs,
    /// The printer labels go to now (mapped, or the first one taking labels), if any.
    pub label_printer: Option<String>,
    /// A sentence when the label printer cannot print the label format directly.
    pub format_warning: Option<String>,
    /// True once the first-run setup was finished or skipped.
    pub setup_done: bool,
}

/// Reads everything the settings screen shows.
pub(crate) async fn info(session: &Session) -> Result<SettingsInfo, CommandError> {
    let (s, setup_done) = session.store().read_async(|c| Ok((settings::load(c)?, edit::setup_done(c)?))).await?;
    let printq = session.offline_print_queue().await?;
    printq.set_mapping(s.printer_mapping.clone());
    let format = edit::label_format_name(s.label_format);
    let printer = printq.printer_for(printing::DocType::Label, Some(format)).ok();
    let format_warning = printer.as_ref().and_then(|p| match (p.language, s.label_format) {
        (PrinterLanguage::Zpl, LabelFormat::Pdf4x6) => Some(format!(
            "The label printer '{}' speaks ZPL, not PDF: PDF_4x6 labels are converted to ZPL before they print (converted, a little slower).",
            p.name
        )),
        (PrinterLanguage::Pdf, LabelFormat::Zpl) => Some(format!(
            "The label printer '{}' takes PDF only: ZPLII labels cannot print on it. Choose PDF_4x6, or a ZPL printer for labels.",
            p.name
        )),
        _ => None,
    });
    Ok(SettingsInfo {
        rate_rule_arg: edit::rate_rule_arg(&s.rate_rule),
        sender_addresses: s.sender_addresses,
        default_parcel: s.default_parcel,
        label_format: s.label_format,
        rate_rule: s.rate_rule,
        printer_mapping: s.printer_mapping,
        bench: s.bench,
        label_printer: printer.map(|p| p.name),
        format_warning,
        setup_done,
    })
}

/// After a change: the open station prints by the new mapping at once.
async fn refresh_station(session: &Session) -> Result<(), CommandError> {
    let mapping = session.store().read_async(settings::load).await?.printer_mapping;
    if let Ok(st) = session.station().await {
        st.print_queue().set_mapping(mapping);
    }
    Ok(())
}

/// The settings.
#[tauri::command]
#[specta::specta]
pub async fn settings_get(state: State<'_, AppState>) -> Result<SettingsInfo, CommandError> {
    let lazy = state.session().await;
    info(lazy.get().await?).await
}

/// Changes one setting (`label-format`, `rate-rule`, `printer`, `sender`, `sender-default`,
/// `sender-remove`, `default-parcel`, `default-weight`, `sounds`, `auto-buy`, `theme`, `setup`)
/// with the CLI's value syntax; saved at once, all or nothing. Returns the settings and the
/// sentence saying what changed.
#[tauri::command]
#[specta::specta]
pub async fn settings_set(state: State<'_, AppState>, key: String, value: String) -> Result<SettingsChange, CommandError> {
    let lazy = state.session().await;
    let session = lazy.get().await?;
    let printers: Vec<String> = session.offline_print_queue().await?.printers().into_iter().map(|p| p.name).collect();
    let (_, said) = session.store().write_async(move |tx| edit::set(tx, &key, &value, &printers)).await?;
    refresh_station(session).await?;
    Ok(SettingsChange { said, settings: info(session).await? })
}

/// A change and what it did.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct SettingsChange {
    /// One sentence, e.g. "Labels are bought as PDF_4x6."
    pub said: String,
    /// The settings afterwards.
    pub settings: SettingsInfo,
}

/// Saves a sender given as an address (the window's form), replacing one with the same label.
#[tauri::command]
#[specta::specta]
pub async fn sender_save(state: State<'_, AppState>, sender: SenderAddress) -> Result<SettingsChange, CommandError> {
    let json = serde_json::to_string(&sender).map_err(station::StationError::from)?;
    settings_set(state, "sender".into(), json).await
}

/// What Shippo says about an address.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct AddressVerdict {
    /// True when Shippo calls it deliverable.
    pub valid: bool,
    /// Shippo's messages, one sentence each.
    pub messages: Vec<String>,
    /// Shippo's corrected address, when it suggests one.
    pub suggestion: Option<Address>,
}

/// Checks a sender address with Shippo's address validation (the simulator in DEMO mode).
#[tauri::command]
#[specta::specta]
pub async fn sender_validate(state: State<'_, AppState>, address: Address) -> Result<AddressVerdict, CommandError> {
    let lazy = state.session().await;
    let st = lazy.get().await?.station().await?;
    let c = station::workflow::address::check(st.client(), st.store(), &address).await?;
    Ok(AddressVerdict { valid: c.valid, messages: c.messages, suggestion: c.suggestion })
}

/// A box the operator can pick as the default parcel.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ParcelChoice {
    /// "USPS Small Flat Rate Box" or the user template's name.
    pub name: String,
    /// "carrier" or "user".
    pub source: String,
    /// As `settings set default-parcel` takes it: "NAME: LxWxH UNIT".
    pub value: String,
}

/// The account's own parcel templates and the carriers' templates (from Shippo).
#[tauri::command]
#[specta::specta]
pub async fn parcel_templates(state: State<'_, AppState>) -> Result<Vec<ParcelChoice>, CommandError> {
    let lazy = state.session().await;
    let client = lazy.get().await?.client().await?;
    let mut out = Vec::new();
    let dims = |n: Option<String>, l: Option<shippo::Measure>, w: Option<shippo::Measure>, h: Option<shippo::Measure>, u: Option<String>, source: &str| {
        let (n, l, w, h) = (n?, l?, w?, h?);
        let u = u.unwrap_or_else(|| "in".into());
        let n = n.replace(':', " ");
        Some(ParcelChoice { value: format!("{n}: {l}x{w}x{h} {u}"), name: n, source: source.into() })
    };
    if let Ok(list) = client.user_parcel_templates().list().await {
        out.extend(list.into_iter().filter_map(|t| {
            dims(t.name, t.length, t.width, t.height, t.distance_unit.map(|u| u.as_str().to_owned()), "user")
        }));
    }
    let carrier = client.carrier_parcel_templates().list(&Default::default()).await.map_err(station::StationError::from)?;
    out.extend(carrier.into_iter().filter_map(|t| {
        let name = match (t.carrier, t.name) {
            (Some(c), Some(n)) => Some(format!("{} {n}", c.to_uppercase())),
            (_, n) => n,
        };
        dims(name, t.length, t.width, t.height, t.distance_unit.map(|u| u.as_str().to_owned()), "carrier")
    }));
    Ok(out)
}

/// Writes the settings to a JSON file (never the token).
#[tauri::command]
#[specta::specta]
pub async fn settings_export(state: State<'_, AppState>, path: String) -> Result<String, CommandError> {
    let lazy = state.session().await;
    let p = std::path::PathBuf::from(&path);
    lazy.get().await?.store().read_async(move |c| settings::export_file(c, &p)).await?;
    Ok(format!("Settings written to {path} (the token is never in it)."))
}

/// Reads a settings file and saves it (all or nothing).
#[tauri::command]
#[specta::specta]
pub async fn settings_import(state: State<'_, AppState>, path: String) -> Result<SettingsChange, CommandError> {
    let lazy = state.session().await;
    let session = lazy.get().await?;
    let p = std::path::PathBuf::from(&path);
    session.store().write_async(move |tx| settings::import_file(tx, &p)).await?;
    refresh_station(session).await?;
    Ok(SettingsChange { said: format!("Settings read from {path} and saved."), settings: info(session).await? })
}

/// Whether the window opens the first-run setup: not yet finished or skipped, and the window was
/// not started with `--demo` (DEMO needs none of it; the setup stays reachable from Settings).
#[tauri::command]
#[specta::specta]
pub async fn setup_needed(state: State<'_, AppState>) -> Result<bool, CommandError> {
    let lazy = state.session().await;
    let session = lazy.get().await?;
    if state.options.demo {
        return Ok(false);
    }
    Ok(!session.store().read_async(edit::setup_done).await?)
}
