//! Printing results: plain sentences for people, JSON with `--json`.

use serde::Serialize;
use station::OpenReport;

use crate::GlobalOpts;

/// Prints a value: as pretty JSON with `--json`, else through `human`.
pub fn print<T: Serialize>(global: &GlobalOpts, value: &T, human: impl FnOnce(&T) -> String) {
    if global.json {
        match serde_json::to_string_pretty(value) {
            Ok(s) => println!("{s}"),
            Err(e) => eprintln!("Shipbench could not write JSON output: {e}"),
        }
    } else {
        println!("{}", human(value));
    }
}

/// Prints an error as one sentence on stderr, or `{"error": …}` on stdout with `--json`.
pub fn print_error(global: &GlobalOpts, err: &anyhow::Error) {
    if global.json {
        println!("{}", serde_json::json!({ "error": err.to_string() }));
    } else {
        eprintln!("{err}");
    }
}

/// Prints what opening the bench found (settled purchases, interrupted print jobs, notes) on
/// stderr, one sentence a line, in every mode: with `--json`, stdout stays one JSON document.
pub fn print_open_report(report: &OpenReport) {
    for line in report.sentences() {
        eprintln!("{line}");
    }
}
