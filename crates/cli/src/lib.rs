//! # shipbench-cli — the headless face of the `shipbench` binary
//!
//! Its job: parse the command line (clap) and run one subcommand against the station, printing
//! plain sentences or, with `--json`, machine-readable output. `shipbench` with no subcommand opens
//! the window; that part lives in the Tauri shell, which calls [`Cli::parse_args`] first.
//!
//! It must never import: Tauri. Logic lives in `station`; this crate only parses and prints.

pub mod args;
pub mod open;
pub mod output;
mod status;
pub mod orders;
pub mod sync;
pub mod token;
pub mod batch;
pub mod buy;
pub mod manifest;
pub mod jobs;
pub mod print;
pub mod printers;
pub mod rates;
pub mod reprint;
pub mod scale;
pub mod settings;
pub mod track;
pub mod void;
pub mod warehouse;

pub use args::{Cli, Command, GlobalOpts};

use std::process::ExitCode;

/// Runs one headless subcommand and returns the process exit code.
///
/// Errors are printed as one sentence on stderr (or a JSON object with `--json`) and give exit code 1.
pub fn run(global: &GlobalOpts, command: Command) -> ExitCode {
    let rt = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("Shipbench could not start its runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = rt.block_on(async {
        match command {
            Command::Status => status::run(global).await,
            Command::Sync(args) => sync::run(global, args).await,
            Command::Orders(args) => orders::run(global, args).await,
            Command::Rates(args) => rates::run(global, args).await,
            Command::Buy(args) => buy::run(global, args).await,
            Command::Batch(args) => batch::run(global, args).await,
            Command::Reprint(args) => reprint::run(global, args).await,
            Command::Void(args) => void::run(global, args).await,
            Command::Track(args) => track::run(global, args).await,
            Command::Manifest(args) => manifest::run(global, args).await,
            Command::PackingSlip(args) => manifest::run_packing_slip(global, args).await,
            Command::Print(args) => print::run(global, args).await,
            Command::Jobs(args) => jobs::run(global, args).await,
            Command::Printers(args) => printers::run(global, args).await,
            Command::Scale(args) => scale::run(global, args).await,
            Command::Settings(args) => settings::run(global, args).await,
            Command::Token { action } => token::run(global, action).await,
            Command::Warehouse(args) => warehouse::run(global, args).await,
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // The outcome was printed already (e.g. a print job queued, not printed): only the code.
        Err(err) if err.downcast_ref::<print::ExitWith>().is_some() => {
            ExitCode::from(err.downcast_ref::<print::ExitWith>().map_or(1, |e| e.0))
        }
        Err(err) => {
            output::print_error(global, &err);
            ExitCode::FAILURE
        }
    }
}
