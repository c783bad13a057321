//! Before money is spent: the printer the label will go to exists and answers. A bench with no
//! label printer, or one that does not answer a quick knock, is told so **before** the purchase,
//! with the way to fix it; the operator may still choose "Buy without printing".

use std::time::Duration;

use printing::{DocType, PrinterConfig, PrinterKind};

use crate::error::{Result, StationError};
use crate::printq::PrintQueue;
use crate::store::settings::{edit::label_format_name, Settings};

/// How long a raw TCP printer gets to accept a connection.
pub const KNOCK_TIMEOUT: Duration = Duration::from_millis(1500);

const HOW_TO_FIX: &str = "Nothing was bought. Set up the label printer in Settings > Printers (or `shipbench settings set printer labels NAME`), or choose \"Buy without printing\" (`--no-print` on the command line; `--print-later` buys and prints when the printer is back).";

/// The label printer for this bench's label format, checked: mapped or found, and (raw TCP)
/// answering, (system queue) known to the spooler. The virtual printer always passes.
pub async fn label_printer_ready(printq: &PrintQueue, settings: &Settings) -> Result<PrinterConfig> {
    let file_type = label_format_name(settings.label_format);
    let cfg = printq.printer_for(DocType::Label, Some(file_type)).map_err(|e| match e {
        StationError::NoPrinter(why) => StationError::NoPrinter(format!("{} {HOW_TO_FIX}", why.split(" Add one").next().unwrap_or(&why))),
        other => other,
    })?;
    match &cfg.kind {
        PrinterKind::Virtual { .. } => Ok(cfg),
        PrinterKind::Tcp { host, port } => {
            let addr = format!("{host}:{port}");
            let why = match tokio::time::timeout(KNOCK_TIMEOUT, tokio::net::TcpStream::connect(&addr)).await {
                Ok(Ok(_stream)) => return Ok(cfg),
                Ok(Err(e)) => e.to_string(),
                Err(_) => format!("no answer within {} s", KNOCK_TIMEOUT.as_secs_f32()),
            };
            Err(StationError::NoPrinter(format!(
                "The label printer '{}' at {addr} does not answer ({why}): switch it on and check its network cable. {HOW_TO_FIX}",
                cfg.name
            )))
        }
        PrinterKind::System { queue } => {
            let q = queue.clone();
            let known = tokio::task::spawn_blocking(move || printing::list_printers().into_iter().any(|p| p.queue == q))
                .await
                .unwrap_or(true);
            if known {
                Ok(cfg)
            } else {
                Err(StationError::NoPrinter(format!(
                    "The label printer '{}' uses the system queue '{queue}', which the system does not know (any more). {HOW_TO_FIX}",
                    cfg.name
                )))
            }
        }
    }
}
