//! The window says it is ready to work: the order list is drawn. This is the end mark of the
//! cold-start measurement in `cargo xtask bench`.
//!
//! Two environment variables serve that measurement and nothing else:
//! - `SHIPBENCH_READY_FILE`: every report appends one line to this file, the time in milliseconds
//!   since the Unix epoch (the first line is the cold start; a bench script adds later marks).
//! - `SHIPBENCH_BENCH_SCRIPT`: a JavaScript file run in the window once it is first ready (the
//!   footprint bench's day of work: buys and syncs through the window's own controls).

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use tauri::WebviewWindow;

/// The environment variable naming the file the ready marks are appended to.
pub const READY_FILE_ENV: &str = "SHIPBENCH_READY_FILE";
/// The environment variable naming a script to run in the window once it is ready.
pub const BENCH_SCRIPT_ENV: &str = "SHIPBENCH_BENCH_SCRIPT";

static REPORTED: AtomicBool = AtomicBool::new(false);

/// The UI drew its first order list (or a bench script reached a mark). Logged the first time;
/// appended to `SHIPBENCH_READY_FILE` when set; the first time, `SHIPBENCH_BENCH_SCRIPT` runs.
#[tauri::command]
#[specta::specta]
pub fn ui_ready(window: WebviewWindow) {
    let millis = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis()).unwrap_or_default();
    let first = !REPORTED.swap(true, Ordering::SeqCst);
    if first {
        tracing::info!("the window is ready");
    }
    if let Some(path) = std::env::var_os(READY_FILE_ENV) {
        let written = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .and_then(|mut f| writeln!(f, "{millis}"));
        if let Err(e) = written {
            tracing::warn!("could not write the ready time to {}: {e}", std::path::Path::new(&path).display());
        }
    }
    if first {
        if let Some(path) = std::env::var_os(BENCH_SCRIPT_ENV) {
            match std::fs::read_to_string(&path) {
                Ok(script) => {
                    if let Err(e) = window.eval(&script) {
                        tracing::warn!("could not run the bench script: {e}");
                    }
                }
                Err(e) => tracing::warn!("could not read the bench script {}: {e}", std::path::Path::new(&path).display()),
            }
        }
    }
}
