//! End to end: the real `shipbench` binary in a real window (under Xvfb in CI), driven through
//! WebDriver (`tauri-driver` + Debian's `WebKitWebDriver`). It clicks like an operator, asserts what
//! the window shows, and saves a screenshot under target/e2e/ for people to look at.
//!
//! Run by `cargo xtask test` (which starts Xvfb and installs tauri-driver):
//! `cargo test -p shipbench --test e2e_window -- --ignored`.

//!
//! One binary, one module per part of the window; `common` holds the WebDriver helpers.

mod common;
mod startup;
mod bench;
mod history;
mod jobs;
mod orders;
mod import;
mod batch_resume;
mod platform;
mod settings;
mod warehouse;
