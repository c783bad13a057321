// On Windows release builds the window opens without a console.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

//! `shipbench`: with a subcommand it runs headless; with none it opens the window.

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = shipbench_cli::Cli::parse_args();
    match cli.command {
        Some(command) => shipbench_cli::run(&cli.global, command),
        None => shipbench_lib::run_app(cli.global),
    }
}
