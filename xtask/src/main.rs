//! The Shipbench task runner: `cargo xtask <task>` (alias in .cargo/config.toml).
//!
//! - `demo`     install what is missing, build the UI, open the app in demo mode
//! - `test`     the whole suite: Rust tests, UI tests, the end-to-end window test
//! - `bench`    every benchmark, then the footprint of the release build, one table
//! - `bindings` regenerate ui/src/lib/bindings.ts from the Rust commands
//! - `bundle`   build the Linux .deb and smoke-test it

mod bench;
mod bundle;
mod deps;
mod footprint;
mod keystroke;
mod manifest;
mod sh;
mod tasks;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let task = args.first().map(String::as_str).unwrap_or("help");
    let rest = &args[args.len().min(1)..];
    let result = match task {
        "demo" => tasks::demo(rest),
        "test" => tasks::test(rest),
        "bench" if rest.iter().any(|a| a == "--keystroke-only") => keystroke::run().map(|_| ()),
        "bench" => bench::run(rest),
        "bindings" => tasks::bindings(),
        "bundle" => bundle::bundle(rest),
        "deps" => deps::ensure_all(),
        _ => {
            eprintln!(
                "usage: cargo xtask <demo|test|bench|bindings|bundle|deps>\n\
                 \n  demo      install what is missing, build the UI, open Shipbench in demo mode\
                 \n  test      the whole test suite (Rust, UI, end-to-end window test)\
                 \n  bench     run every benchmark and print one table\
                 \n  bindings  regenerate ui/src/lib/bindings.ts\
                 \n  bundle    build the Linux .deb and smoke-test it\
                 \n  deps      only install what is missing"
            );
            return if task == "help" { ExitCode::SUCCESS } else { ExitCode::from(2) };
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask {task}: {e:#}");
            ExitCode::FAILURE
        }
    }
}
