//! `shipbench-cli`: the same headless commands as `shipbench <command>`, without the window.
//! Tests and scripts use it where building the desktop app would be needless.

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = shipbench_cli::Cli::parse_args();
    match cli.command {
        Some(command) => shipbench_cli::run(&cli.global, command),
        None => {
            eprintln!("shipbench-cli has no window: give it a command (see `shipbench-cli --help`).");
            ExitCode::from(2)
        }
    }
}
