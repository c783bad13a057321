//! The printers part of the settings screen: configured printers, the system's queues, adding a
//! printer (system queue, raw TCP host:port, virtual) and a test print.

use printing::{DocTypes, Dpi, LabelSize, PrinterConfig, PrinterKind, PrinterLanguage};
use serde::{Deserialize, Serialize};
use tauri::State;

use crate::state::AppState;
use crate::CommandError;

/// One printer as the window shows and edits it.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct PrinterEntry {
    /// The name the operator sees.
    pub name: String,
    /// `system`, `tcp` or `virtual`.
    pub kind: String,
    /// The queue (system), `host:port` (tcp) or folder (virtual).
    pub address: String,
    /// `zpl` or `pdf`.
    pub language: String,
    /// 203 or 300.
    pub dpi: u32,
    /// Label width, inches.
    pub width_in: f32,
    /// Label height, inches.
    pub height_in: f32,
}

impl From<&PrinterConfig> for PrinterEntry {
    fn from(p: &PrinterConfig) -> Self {
        let (kind, address) = match &p.kind {
            PrinterKind::System { queue } => ("system", queue.clone()),
            PrinterKind::Tcp { host, port } => ("tcp", format!("{host}:{port}")),
            PrinterKind::Virtual { dir } => ("virtual", dir.display().to_string()),
        };
        PrinterEntry {
            name: p.name.clone(),
            kind: kind.into(),
            address,
            language: match p.language {
                PrinterLanguage::Zpl => "zpl".into(),
                PrinterLanguage::Pdf => "pdf".into(),
            },
            dpi: u32::from(p.dpi),
            width_in: p.label_size.width_in,
            height_in: p.label_size.height_in,
        }
    }
}

/// The configured printers and the system's queues.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct PrinterList {
    /// Configured printers.
    pub printers: Vec<PrinterEntry>,
    /// Queues the system knows (CUPS, Windows spooler), for "add".
    pub system_queues: Vec<String>,
}

fn bad(msg: String) -> CommandError {
    station::StationError::BadSetting(msg).into()
}

/// Lists the printers and the system's queues.
#[tauri::command]
#[specta::specta]
pub async fn printers_list(state: State<'_, AppState>) -> Result<PrinterList, CommandError> {
    let lazy = state.session().await;
    let printers = lazy.get().await?.offline_print_queue().await?.printers();
    let system_queues = tokio::task::spawn_blocking(|| printing::list_printers().into_iter().map(|p| p.queue).collect())
        .await
        .unwrap_or_default();
    Ok(PrinterList { printers: printers.iter().map(PrinterEntry::from).collect(), system_queues })
}

/// Adds (or replaces, by name) a printer. A bad address, dpi or size gets one sentence.
#[tauri::command]
#[specta::specta]
pub async fn printer_save(state: State<'_, AppState>, printer: PrinterEntry) -> Result<PrinterList, CommandError> {
    let name = printer.name.trim().to_owned();
    if name.is_empty() {
        return Err(bad("Give the printer a name, e.g. \"Zebra at bench 2\".".into()));
    }
    let address = printer.address.trim().to_owned();
    let kind = match printer.kind.as_str() {
        "tcp" => {
            let (host, port) = match address.rsplit_once(':') {
                Some((h, p)) => (h.trim().to_owned(), p.trim().parse::<u16>().ok().filter(|p| *p > 0)),
                None => (address.clone(), Some(9100)),
            };
            match port {
                Some(port) if !host.is_empty() => PrinterKind::Tcp { host, port },
                _ => return Err(bad(format!("A network printer takes HOST or HOST:PORT (port 1-65535, usually 9100), not '{address}'."))),
            }
        }
        "system" if !address.is_empty() => PrinterKind::System { queue: address },
        "virtual" => {
            let lazy = state.session().await;
            let dir = if address.is_empty() { lazy.get().await?.virtual_printer_dir() } else { address.into() };
            PrinterKind::Virtual { dir }
        }
        _ => return Err(bad("Choose how to reach the printer: a system queue, a network address (host:port) or the virtual printer.".into())),
    };
    let language = match printer.language.as_str() {
        "zpl" => PrinterLanguage::Zpl,
        "pdf" => PrinterLanguage::Pdf,
        other => return Err(bad(format!("A printer speaks zpl or pdf, not '{other}'."))),
    };
    let dpi = Dpi::try_from(printer.dpi).map_err(bad)?;
    let ok_size = |x: f32| x.is_finite() && (1.0..=12.0).contains(&x);
    if !ok_size(printer.width_in) || !ok_size(printer.height_in) {
        return Err(bad("The label size is in inches, from 1 to 12 each way (4 x 6 for shipping labels).".into()));
    }
    let cfg = PrinterConfig {
        name,
        kind,
        language,
        dpi,
        label_size: LabelSize { width_in: printer.width_in, height_in: printer.height_in },
        doc_types: DocTypes { label: true, packing_slip: language == PrinterLanguage::Pdf, manifest: language == PrinterLanguage::Pdf },
    };
    let lazy = state.session().await;
    let session = lazy.get().await?;
    session.station().await?.save_printer(cfg)?;
    printers_list(state).await
}

/// Prints a test label on a printer; the sentence says whether the printer took it.
#[tauri::command]
#[specta::specta]
pub async fn printer_test(state: State<'_, AppState>, name: String) -> Result<String, CommandError> {
    let lazy = state.session().await;
    let job = lazy.get().await?.station().await?.test_printer(&name).await?;
    Ok(station::printq::job_sentence(&job))
}
