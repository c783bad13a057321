//! The command line: global options every subcommand shares, and the subcommands.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use station::session::SessionOptions;

/// The default Shippo API base URL.
pub const DEFAULT_API_BASE: &str = station::session::DEFAULT_API_BASE;

/// `shipbench [OPTIONS] [COMMAND]`: with no command the window opens.
#[derive(Debug, Parser)]
#[command(
    name = "shipbench",
    version,
    about = "Shipbench — a shipping station for the packing bench: scan an order, buy the Shippo label, print it.",
    long_about = "Shipbench — a shipping station for the packing bench: scan an order, buy the Shippo label, \
                  print it on the thermal printer.\n\nWith no command, the window opens. With a command, \
                  Shipbench runs headless and prints the result."
)]
pub struct Cli {
    /// Options every command shares.
    #[command(flatten)]
    pub global: GlobalOpts,
    /// What to do; none opens the window.
    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// Parses `std::env::args`, exiting with clap's message on bad input (and for --help/--version).
    pub fn parse_args() -> Self {
        Cli::parse()
    }
}

/// Options every command shares.
#[derive(Debug, Clone, Args)]
pub struct GlobalOpts {
    /// Where Shipbench keeps its database, label cache and logs.
    #[arg(long, global = true, env = "SHIPBENCH_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// The Shippo API base URL.
    #[arg(long, global = true, env = "SHIPBENCH_API_BASE", value_name = "URL", default_value = DEFAULT_API_BASE)]
    pub api_base: String,
    /// Demo mode: the embedded Shippo simulator and a virtual printer; no token, no network.
    #[arg(long, global = true)]
    pub demo: bool,
    /// Machine-readable JSON output.
    #[arg(long, global = true)]
    pub json: bool,
}

impl GlobalOpts {
    /// How to open the bench with these options (see [`station::session`]).
    pub fn session_options(&self) -> SessionOptions {
        SessionOptions::new(self.data_dir.clone(), &self.api_base, self.demo)
    }

    /// The data directory: `--data-dir`, else the OS application-data directory.
    pub fn data_dir(&self) -> PathBuf {
        self.data_dir.clone().unwrap_or_else(station::session::default_data_dir)
    }
}

/// The headless subcommands.
#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Shows the version, the data directory and the mode.
    Status,
    /// Brings the local order cache up to date from Shippo (full the first time, then incremental).
    Sync(crate::sync::SyncArgs),
    /// Searches the local order cache (works offline), shows one order, or imports orders from CSV.
    Orders(crate::orders::OrdersArgs),
    /// Shows the rates for one order and the rule's pick; nothing is bought.
    Rates(crate::rates::RatesArgs),
    /// Buys and prints the label of one order (ORDER as scanned: "#1001", "1001" or an object id).
    Buy(crate::buy::BuyArgs),
    /// Buys and prints many orders as one Shippo batch; labels print in the order given.
    Batch(crate::batch::BatchArgs),
    /// Prints a label again from the local label cache (works offline).
    Reprint(crate::reprint::ReprintArgs),
    /// Voids (refunds) a label.
    Void(crate::void::VoidArgs),
    /// Refreshes tracking of one order, or of every label on its way, with exception alerts.
    Track(crate::track::TrackArgs),
    /// Makes today's manifest (SCAN form) and prints it on the document printer.
    Manifest(crate::manifest::ManifestArgs),
    /// Prints an order's packing slip on the document printer.
    PackingSlip(crate::manifest::PackingSlipArgs),
    /// Prints a ZPL, PDF or PNG file.
    Print(crate::print::PrintArgs),
    /// Lists print jobs with their state and reason; `jobs retry ID|--failed`, `jobs cancel ID`.
    Jobs(crate::jobs::JobsArgs),
    /// Lists, adds and tests printers.
    Printers(crate::printers::PrintersArgs),
    /// Reads the bench scale: one stable reading, readings as they change (`watch`), or (demo) puts
    /// a weight on the virtual scale (`set 2.5lb`).
    Scale(crate::scale::ScaleArgs),
    /// Shows or changes the bench's settings; exports or imports them (`settings set label-format PDF_4x6`).
    Settings(crate::settings::SettingsArgs),
    /// Sets, shows or clears the Shippo token (kept in the OS keyring only).
    Token {
        #[command(subcommand)]
        action: crate::token::TokenCommand,
    },
    /// Warehouse mode: connects this bench to the shared PostgreSQL, shows its status and every
    /// bench's labels, or disconnects.
    Warehouse(crate::warehouse::WarehouseArgs),
}
