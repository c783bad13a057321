//! The README's tasks: demo, test, bindings (bundle is in bundle.rs).

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use anyhow::{Context, Result};

use crate::deps;
use crate::sh::{self, have, run};

/// `cargo xtask demo`: install what is missing, build the UI and the app, open it in demo mode.
pub fn demo(extra: &[String]) -> Result<()> {
    deps::ensure_system()?;
    deps::ensure_npm()?;
    build_ui()?;
    run(&mut app_build(&["--no-run"]))?;
    let bin = target_dir().join("debug").join(exe("shipbench"));
    let mut app = Command::new(&bin);
    app.arg("--demo").args(extra).current_dir(sh::root());
    let _xvfb = if needs_virtual_display() {
        eprintln!(
            "No display found (DISPLAY is unset): running Shipbench under Xvfb, a virtual screen, \
             so nothing will be visible here. Set DISPLAY to see the window."
        );
        let x = Xvfb::start(":77")?;
        app.env("DISPLAY", ":77");
        Some(x)
    } else {
        None
    };
    run(&mut app)
}

/// `cargo xtask test`: the whole suite.
pub fn test(_extra: &[String]) -> Result<()> {
    deps::ensure_all()?;
    unused_dependencies()?;
    start_services()?;
    build_ui()?;
    run(&mut sh::cmd_in("ui", "npm", &["run", "check"]))?;
    run(&mut sh::cmd_in("ui", "npm", &["test"]))?;
    run(&mut workspace_tests())?;
    e2e()
}

/// Fails when a crate declares a dependency it does not use (cargo-machete; a real false positive
/// goes in that crate's `[package.metadata.cargo-machete] ignored`, with a comment saying why).
/// Also fails when the root's `[workspace.dependencies]` lists a version no member uses.
fn unused_dependencies() -> Result<()> {
    let mut c = Command::new(deps::installed("cargo-machete"));
    c.arg("--skip-target-dir").arg(sh::root());
    run(&mut c).context("a crate declares a dependency it does not use: remove it from its Cargo.toml")?;
    let unused = crate::manifest::unused_workspace_dependencies(&sh::root())?;
    anyhow::ensure!(
        unused.is_empty(),
        "[workspace.dependencies] in Cargo.toml lists what no crate uses: {}; remove them",
        unused.join(", ")
    );
    Ok(())
}

/// `cargo test` of the app's window test, selected the way `cargo test --workspace` selects
/// packages, plus `extra` arguments.
///
/// Cargo turns on a dependency's features according to the packages a command selects (and their
/// dev-dependencies when it builds tests). `cargo build -p shipbench` and `cargo test -p shipbench`
/// each select differently from `cargo test --workspace`: today `cookie`, `idna` and `regex-automata`
/// get other features, and with them url, reqwest and the whole tauri stack are compiled again. So
/// the window test and `demo` build the app through this one selection (`--workspace`, a test
/// target): after `cargo xtask test`, `cargo xtask demo` finds every unit, the app included,
/// already built.
fn app_build(extra: &[&str]) -> Command {
    let mut args = vec!["test", "--workspace", "--test", "e2e_window"];
    args.extend_from_slice(extra);
    sh::cargo(&args)
}

/// `cargo test --workspace`; on Linux inside a private keyring session (`.ci/keyring.sh`), with the
/// real-CUPS tests required to run (a missing cupsd fails them instead of skipping).
fn workspace_tests() -> Command {
    let args = ["test", "--workspace", "--no-fail-fast"];
    let keyring = sh::root().join(".ci/keyring.sh");
    let mut c = if cfg!(target_os = "linux") && keyring.is_file() {
        let mut c = Command::new("bash");
        c.arg(keyring).arg(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())).args(args);
        c.current_dir(sh::root());
        c.env("SHIPBENCH_REQUIRE_CUPS", "1");
        // Warehouse mode's tests start a throwaway PostgreSQL (Debian's postgresql package).
        c.env("SHIPBENCH_REQUIRE_POSTGRES", "1");
        c
    } else {
        sh::cargo(&args)
    };
    c.env("RUST_BACKTRACE", "1");
    c
}

/// The end-to-end window test: the real app under Xvfb, driven through tauri-driver.
fn e2e() -> Result<()> {
    let _xvfb = if needs_virtual_display() { Some(Xvfb::start(":99")?) } else { None };
    // One window at a time: two WebKit processes on a 2-core machine make each test flaky and slow.
    let mut c = app_build(&["--", "--ignored", "--nocapture", "--test-threads=1"]);
    if _xvfb.is_some() {
        c.env("DISPLAY", ":99");
    }
    let driver = deps::cargo_bin("tauri-driver");
    if driver.is_file() {
        c.env("TAURI_DRIVER", driver);
    }
    // The warehouse window test starts a throwaway PostgreSQL: missing, it fails instead of skipping.
    c.env("SHIPBENCH_REQUIRE_POSTGRES", "1");
    run(&mut c)
}

/// `cargo xtask bindings`: regenerate ui/src/lib/bindings.ts.
pub fn bindings() -> Result<()> {
    // `--workspace` as in `app_build`: the same features, so nothing is compiled again.
    let mut c = sh::cargo(&["test", "--workspace", "--test", "bindings"]);
    c.env("UPDATE_BINDINGS", "1");
    run(&mut c)
}

/// Builds ui/dist, which the app embeds at compile time.
pub fn build_ui() -> Result<()> {
    run(&mut sh::cmd_in("ui", "npm", &["run", "build"]))
}

/// Services the tests talk to: cupsd (real print queues).
fn start_services() -> Result<()> {
    let cups = sh::root().join(".ci/cups.sh");
    if cfg!(target_os = "linux") && cups.is_file() {
        run(Command::new("bash").arg(cups))?;
    }
    Ok(())
}

fn needs_virtual_display() -> bool {
    cfg!(target_os = "linux") && std::env::var_os("DISPLAY").is_none_or(|d| d.is_empty())
}

/// The cargo target directory.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| sh::root().join("target"))
}

fn exe(name: &str) -> String {
    format!("{name}{}", std::env::consts::EXE_SUFFIX)
}

/// An Xvfb server that stops when dropped.
pub(crate) struct Xvfb(Child);

impl Xvfb {
    pub(crate) fn start(display: &str) -> Result<Xvfb> {
        anyhow::ensure!(have("Xvfb"), "Xvfb is missing (Debian package xvfb)");
        let child = Command::new("Xvfb")
            .args([display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .context("could not start Xvfb")?;
        let socket = PathBuf::from(format!("/tmp/.X11-unix/X{}", display.trim_start_matches(':')));
        for _ in 0..100 {
            if socket.exists() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        Ok(Xvfb(child))
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
