//! # The `Station` facade: what the CLI and the desktop shell call
//!
//! One `Station` holds the store, the Shippo client, the print queue with its printers, and the
//! mode. Its async methods run the workflows of [`crate::workflow`] and report progress through a
//! [`ProgressSink`] (a callback or a tokio channel of serde-serialisable [`Progress`] events).

use std::path::{Path, PathBuf};
use std::time::Duration;

use printing::{DocType, PrinterConfig};

use crate::error::Result;
use crate::printq::{self, PrintQueue};
use crate::store::print_jobs::PrintJob;
use crate::store::{settings, Store};
use crate::workflow::context::DEFAULT_LOCK_TTL;
use crate::workflow::journal::{self, ReconcileReport};
use crate::workflow::{aftercare, batch, buy, guard, BuyOptions, BuyOutcome, Ctx, ProgressSink, RatePick};

#[allow(unused_imports)]
use crate::workflow::Progress;

/// How long a PENDING purchase may stay unseen at Shippo before it counts as not bought. Shippo
/// answers a synchronous purchase within seconds; the window covers a slow answer still in flight.
pub const DEFAULT_SETTLE_WINDOW: Duration = Duration::from_secs(90);

/// How to open a station.
#[derive(Debug, Clone)]
pub struct StationOptions {
    /// Demo mode: demo sender and virtual printers when none are configured.
    pub demo: bool,
    /// Where the printer list is kept (`printers.json` beside the database).
    pub printers_file: Option<PathBuf>,
    /// The virtual printers' folder in demo mode.
    pub virtual_printer_dir: Option<PathBuf>,
    /// Settle window of the purchase journal (see [`DEFAULT_SETTLE_WINDOW`]).
    pub settle: Duration,
    /// A fixed carrier account and service level: purchases go through Instalabel.
    pub fixed_service: Option<RatePick>,
    /// Reconcile PENDING purchases when opening (without waiting for young ones).
    pub reconcile_on_open: bool,
    /// How long an order lock lasts between renewals (tests shorten it).
    pub lock_ttl: Duration,
}

impl Default for StationOptions {
    fn default() -> Self {
        StationOptions {
            demo: false,
            printers_file: None,
            virtual_printer_dir: None,
            settle: DEFAULT_SETTLE_WINDOW,
            fixed_service: None,
            reconcile_on_open: true,
            lock_ttl: DEFAULT_LOCK_TTL,
        }
    }
}

/// The shipping station: store, Shippo client, printers, settings.
#[derive(Debug, Clone)]
pub struct Station {
    pub(crate) store: Store,
    pub(crate) client: shippo::Client,
    pub(crate) printq: PrintQueue,
    pub(crate) demo: bool,
    pub(crate) settle: Duration,
    pub(crate) fixed_service: Option<RatePick>,
    pub(crate) lock_ttl: Duration,
    printers_file: Option<PathBuf>,
    pub(crate) warehouse: Option<crate::warehouse::WarehouseLink>,
}

/// What opening the station found.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OpenReport {
    /// Purchases settled at start-up.
    pub reconciled: ReconcileReport,
    /// Print jobs that were interrupted while sending and now wait for the operator.
    pub interrupted_jobs: Vec<i64>,
}

impl Station {
    /// Opens a station: loads the printers, marks print jobs interrupted by a crash for the
    /// operator, and settles interrupted purchases.
    pub async fn open(store: Store, client: shippo::Client, opts: StationOptions) -> Result<(Station, OpenReport)> {
        let mut printers = match &opts.printers_file {
            Some(p) => printq::registry::load(p)?,
            None => Vec::new(),
        };
        if printers.is_empty() && opts.demo {
            if let Some(dir) = &opts.virtual_printer_dir {
                printers = printq::registry::demo_printers(dir.clone());
            }
        }
        let mapping = store.read_async(settings::load).await?.printer_mapping;
        let printq = PrintQueue::new(store.clone(), printers, mapping);
        let interrupted = printq.recover().await?.into_iter().map(|j| j.id).collect();
        let warehouse = crate::warehouse::link::open(&store).await?;
        let station = Station {
            store,
            client,
            printq,
            demo: opts.demo,
            settle: opts.settle,
            fixed_service: opts.fixed_service,
            lock_ttl: opts.lock_ttl,
            printers_file: opts.printers_file,
            warehouse,
        };
        let reconciled = if opts.reconcile_on_open {
            match journal::reconcile_all(&station.client, &station.store, station.settle, station.lock_ttl, false).await {
                Ok(r) => r,
                Err(e) => {
                    tracing::warn!("start-up reconciliation: {e}");
                    ReconcileReport::default()
                }
            }
        } else {
            ReconcileReport::default()
        };
        Ok((station, OpenReport { reconciled, interrupted_jobs: interrupted }))
    }

    /// What a workflow call works with, lent out for one call.
    pub fn ctx(&self) -> Ctx<'_> {
        Ctx {
            store: &self.store,
            client: &self.client,
            printq: &self.printq,
            demo: self.demo,
            settle: self.settle,
            fixed_service: self.fixed_service.as_ref(),
            lock_ttl: self.lock_ttl,
            warehouse: self.warehouse.as_ref(),
        }
    }

    /// The store.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The Shippo client.
    pub fn client(&self) -> &shippo::Client {
        &self.client
    }

    /// The print queue.
    pub fn print_queue(&self) -> &PrintQueue {
        &self.printq
    }

    /// True in demo mode.
    pub fn is_demo(&self) -> bool {
        self.demo
    }

    /// Buy & print one order (by number or object id).
    pub async fn buy_and_print(&self, order: &str, opts: &BuyOptions, progress: &ProgressSink) -> Result<BuyOutcome> {
        buy::buy_and_print(&self.ctx(), order, opts, progress).await
    }

    /// The rates Shippo offers for an order now (stored, so one may be bought with `rate_id`).
    pub async fn rates(&self, order: &str) -> Result<Vec<shippo::Rate>> {
        let cx = self.ctx();
        let o = guard::find_order(&cx, order).await?;
        let s = self.store.read_async(settings::effective).await?;
        buy::rate_order(&cx, &o, &o.to_address, &s, &Default::default()).await
    }

    /// Batch buy & print.
    pub async fn batch(&self, orders: &[String], opts: &batch::BatchOptions, progress: &ProgressSink) -> Result<batch::BatchSummary> {
        batch::run(&self.ctx(), orders, opts, progress).await
    }

    /// Settles every PENDING purchase; with `wait`, waits out the settle window of young ones.
    pub async fn reconcile(&self, wait: bool) -> Result<ReconcileReport> {
        journal::reconcile_all(&self.client, &self.store, self.settle, self.lock_ttl, wait).await
    }

    /// Reprints a label from the label cache (works offline).
    pub async fn reprint(&self, label: &str, printer: Option<&str>) -> Result<PrintJob> {
        aftercare::reprint(&self.ctx(), label, printer).await
    }

    /// Voids (refunds) a label and follows the refund until Shippo settles it.
    pub async fn void(&self, label: &str) -> Result<aftercare::VoidOutcome> {
        aftercare::void(&self.ctx(), label).await
    }

    /// Refreshes tracking of one order, or of every shipped order with a label.
    pub async fn track(&self, order: Option<&str>) -> Result<Vec<aftercare::TrackReport>> {
        aftercare::track(&self.ctx(), order).await
    }

    /// Creates today's manifest for a carrier account and prints it on the document printer.
    pub async fn manifest(&self, carrier_account: Option<&str>, no_print: bool) -> Result<aftercare::ManifestOutcome> {
        aftercare::manifest(&self.ctx(), carrier_account, no_print).await
    }

    /// Prints an order's packing slip on the document printer.
    pub async fn packing_slip(&self, order: &str) -> Result<PrintJob> {
        aftercare::packing_slip(&self.ctx(), order).await
    }

    /// Prints a file (ZPL, PDF or PNG) on a printer (by default the label printer).
    pub async fn print_file(&self, path: &Path, printer: Option<&str>) -> Result<PrintJob> {
        let bytes = printq::read_printable(path)?;
        let file_type = if bytes.starts_with(b"%PDF") { Some("PDF_4x6") } else { None };
        let job = self.printq.enqueue_bytes(bytes, DocType::Label, file_type, printer, None).await?;
        self.printq.print_now(job.id).await
    }

    /// The configured printers.
    pub fn printers(&self) -> Vec<PrinterConfig> {
        self.printq.printers()
    }

    /// Adds or replaces a printer (by name) and saves the list.
    pub fn save_printer(&self, cfg: PrinterConfig) -> Result<()> {
        let mut all = self.printq.printers();
        all.retain(|p| !p.name.eq_ignore_ascii_case(&cfg.name));
        all.push(cfg);
        if let Some(f) = &self.printers_file {
            printq::registry::save(f, &all)?;
        }
        self.printq.set_printers(all);
        Ok(())
    }

    /// Prints a test label on a printer.
    pub async fn test_printer(&self, name: &str) -> Result<PrintJob> {
        let cfg = self.printq.printer(name)?;
        let label = labels::ShippingLabel {
            tracking_number: "SHIPBENCHTEST".into(),
            carrier: "Shipbench".into(),
            service: format!("Test page for {}", cfg.name),
            from: labels::LabelAddress {
                name: "Shipbench".into(),
                lines: vec!["Printer test".into()],
                city_line: "If you can read this, the printer works".into(),
                country: "US".into(),
            },
            to: labels::LabelAddress {
                name: cfg.name.clone(),
                lines: vec![format!("{} dpi", u32::from(cfg.dpi))],
                city_line: String::new(),
                country: String::new(),
            },
            weight: String::new(),
            reference: Some("TEST".into()),
        };
        let bytes = match cfg.language {
            printing::PrinterLanguage::Zpl => labels::zpl_4x6(&label),
            printing::PrinterLanguage::Pdf => labels::pdf_4x6(&label),
        };
        let job = self.printq.enqueue_bytes(bytes, DocType::Label, None, Some(&cfg.name), None).await?;
        self.printq.print_now(job.id).await
    }
}
