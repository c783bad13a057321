//! `shipbench printers`: lists the configured printers (and the system's queues); `printers add`
//! configures one; `printers test NAME` prints a test label.

use clap::{Args, Subcommand, ValueEnum};
use printing::{DocTypes, Dpi, LabelSize, PrinterConfig, PrinterKind, PrinterLanguage};
use serde::Serialize;
use station::printq::job_sentence;

use crate::{open, output, GlobalOpts};

/// Options of `shipbench printers`.
#[derive(Debug, Clone, Args)]
pub struct PrintersArgs {
    /// What to do; none lists the printers.
    #[command(subcommand)]
    pub action: Option<PrintersCommand>,
}

/// `shipbench printers …`.
#[derive(Debug, Clone, Subcommand)]
pub enum PrintersCommand {
    /// Prints a test label on a printer.
    Test {
        /// The printer's name.
        name: String,
    },
    /// Adds (or replaces) a printer.
    Add {
        /// The name the operator sees.
        name: String,
        /// A raw TCP printer: host[:port] (port 9100 by default).
        #[arg(long, value_name = "HOST[:PORT]", conflicts_with_all = ["queue", "dir"])]
        tcp: Option<String>,
        /// A system (CUPS / Windows) queue.
        #[arg(long, value_name = "QUEUE", conflicts_with = "dir")]
        queue: Option<String>,
        /// A virtual printer writing jobs into a folder.
        #[arg(long, value_name = "DIR")]
        dir: Option<std::path::PathBuf>,
        /// What it speaks.
        #[arg(long, value_enum, default_value = "zpl")]
        language: Lang,
        /// Head resolution: 203 or 300.
        #[arg(long, default_value_t = 203)]
        dpi: u32,
        /// Documents it takes (comma-separated: label, packing_slip, manifest).
        #[arg(long, default_value = "label", value_delimiter = ',')]
        docs: Vec<String>,
    },
}

/// Printer language on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Lang {
    /// ZPL II.
    Zpl,
    /// PDF.
    Pdf,
}

#[derive(Serialize)]
struct Listing {
    printers: Vec<PrinterConfig>,
    system_queues: Vec<String>,
}

pub(crate) async fn run(global: &GlobalOpts, args: PrintersArgs) -> anyhow::Result<()> {
    let session = open::online(global).await?;
    let station = session.station().await?;
    let result = match args.action {
        None => {
            let l = Listing {
                printers: station.printers(),
                system_queues: printing::list_printers().into_iter().map(|p| p.queue).collect(),
            };
            output::print(global, &l, |l| {
                let mut out = Vec::new();
                if l.printers.is_empty() {
                    out.push("No printers are set up. Add one with `shipbench printers add NAME --tcp HOST` (or --queue, --dir).".to_owned());
                }
                for p in &l.printers {
                    let kind = match &p.kind {
                        PrinterKind::System { queue } => format!("system queue {queue}"),
                        PrinterKind::Tcp { host, port } => format!("TCP {host}:{port}"),
                        PrinterKind::Virtual { dir } => format!("virtual, into {}", dir.display()),
                    };
                    out.push(format!("{}: {kind}, {:?}, {} dpi", p.name, p.language, u32::from(p.dpi)));
                }
                if !l.system_queues.is_empty() {
                    out.push(format!("System queues: {}", l.system_queues.join(", ")));
                }
                out.join("\n")
            });
            Ok(())
        }
        Some(PrintersCommand::Test { name }) => match station.test_printer(&name).await {
            Ok(job) => {
                output::print(global, &job, job_sentence);
                Ok(())
            }
            Err(e) => Err(e.into()),
        },
        Some(PrintersCommand::Add { name, tcp, queue, dir, language, dpi, docs }) => {
            let kind = if let Some(t) = tcp {
                let (host, port) = match t.rsplit_once(':') {
                    Some((h, p)) => (h.to_owned(), p.parse().map_err(|_| anyhow::anyhow!("'{p}' is not a port number"))?),
                    None => (t, 9100),
                };
                PrinterKind::Tcp { host, port }
            } else if let Some(queue) = queue {
                PrinterKind::System { queue }
            } else if let Some(dir) = dir {
                PrinterKind::Virtual { dir }
            } else {
                anyhow::bail!("say how to reach the printer: --tcp HOST[:PORT], --queue NAME or --dir FOLDER");
            };
            let cfg = PrinterConfig {
                name,
                kind,
                language: match language {
                    Lang::Zpl => PrinterLanguage::Zpl,
                    Lang::Pdf => PrinterLanguage::Pdf,
                },
                dpi: Dpi::try_from(dpi).map_err(anyhow::Error::msg)?,
                label_size: LabelSize::default(),
                doc_types: DocTypes {
                    label: docs.iter().any(|d| d == "label"),
                    packing_slip: docs.iter().any(|d| d == "packing_slip"),
                    manifest: docs.iter().any(|d| d == "manifest"),
                },
            };
            station.save_printer(cfg.clone())?;
            output::print(global, &cfg, |c| format!("Printer '{}' saved.", c.name));
            Ok(())
        }
    };
    session.close().await;
    result
}
