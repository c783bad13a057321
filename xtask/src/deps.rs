//! Installing what the app and the tests need, skipping what is present.
//!
//! On Debian/Ubuntu this runs apt-get (as root, or through sudo), npm and cargo install. On macOS
//! and Windows it prints what to install instead.

use std::process::Command;

use anyhow::{bail, Result};

use crate::sh::{self, have, run};

/// Debian packages for building and running the app and its tests.
pub const APT_PACKAGES: &[&str] = &[
    "libwebkit2gtk-4.1-dev", "build-essential", "pkg-config", "libssl-dev", "libxdo-dev",
    "libayatana-appindicator3-dev", "librsvg2-dev", "libgtk-3-dev", "libcups2-dev", "libdbus-1-dev",
    "libudev-dev", "xvfb", "xauth", "webkit2gtk-driver", "dbus", "dbus-x11", "gnome-keyring",
    "keyutils", "libsecret-tools", "cups", "cups-client", "cups-bsd", "imagemagick", "librsvg2-bin",
    "dpkg-dev", "file", "postgresql", "xdotool",
];

/// Everything: system packages, the UI's npm packages, tauri-driver, cargo-machete.
pub fn ensure_all() -> Result<()> {
    ensure_system()?;
    ensure_npm()?;
    ensure_tauri_driver()?;
    ensure_cargo_machete()
}

/// System packages (Debian), or advice on other systems.
pub fn ensure_system() -> Result<()> {
    if cfg!(target_os = "macos") {
        eprintln!("macOS: install Xcode command line tools (`xcode-select --install`) and Node.js 20+.");
        return Ok(());
    }
    if cfg!(windows) {
        eprintln!("Windows: install the Visual Studio C++ build tools, WebView2 (preinstalled on Windows 11) and Node.js 20+.");
        return Ok(());
    }
    if !have("dpkg-query") || !have("apt-get") {
        eprintln!("Not a Debian-like system: install the equivalents of {}", APT_PACKAGES.join(" "));
        return Ok(());
    }
    let missing: Vec<&str> = APT_PACKAGES.iter().copied().filter(|p| !dpkg_installed(p)).collect();
    if missing.is_empty() {
        return Ok(());
    }
    eprintln!("Installing missing Debian packages: {}", missing.join(" "));
    let root = is_root();
    let apt = |args: &[&str]| {
        let mut c = if root { Command::new("apt-get") } else { Command::new("sudo") };
        if !root {
            c.arg("apt-get");
        }
        c.args(["-o", "DPkg::Lock::Timeout=600"]).args(args);
        c.env("DEBIAN_FRONTEND", "noninteractive");
        c
    };
    if !root && !have("sudo") {
        bail!("these packages are missing and there is no sudo: {}", missing.join(" "));
    }
    run(&mut apt(&["update", "-q"]))?;
    let mut install = apt(&["install", "-y", "-q", "--no-install-recommends"]);
    install.args(&missing);
    run(&mut install)
}

/// The UI's npm packages, when node_modules is missing or older than the lock file.
///
/// `npm install`, not `npm ci`: the registry these machines reach has only the Linux builds of
/// `@tauri-apps/cli` (its macOS and Windows packages answer 404), so the lock file cannot list them,
/// and `npm ci` refuses a lock file that lacks optional packages. `npm install` keeps every version
/// the lock file pins and skips the optional packages it cannot fetch.
pub fn ensure_npm() -> Result<()> {
    let ui = sh::root().join("ui");
    let stamp = ui.join("node_modules/.package-lock.json");
    let lock = ui.join("package-lock.json");
    let fresh = match (stamp.metadata().and_then(|m| m.modified()), lock.metadata().and_then(|m| m.modified())) {
        (Ok(s), Ok(l)) => s >= l,
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    if !have("npm") {
        bail!("npm is missing: install Node.js 20 or newer");
    }
    run(&mut sh::cmd_in("ui", "npm", &["install", "--no-audit", "--no-fund"]))
}

/// tauri-driver, the WebDriver bridge for the end-to-end test.
pub fn ensure_tauri_driver() -> Result<()> {
    if have("tauri-driver") || cargo_bin("tauri-driver").is_file() {
        return Ok(());
    }
    run(&mut sh::cargo(&["install", "tauri-driver", "--locked"]))
}

/// cargo-machete, which finds dependencies a crate declares but never uses.
pub fn ensure_cargo_machete() -> Result<()> {
    if have("cargo-machete") || cargo_bin("cargo-machete").is_file() {
        return Ok(());
    }
    run(&mut sh::cargo(&["install", "cargo-machete", "--locked"]))
}

/// A binary installed by `cargo install`: from PATH when it is there, else from cargo's bin folder.
pub fn installed(name: &str) -> std::path::PathBuf {
    if have(name) {
        return name.into();
    }
    cargo_bin(name)
}

/// Where `cargo install` puts a binary.
pub fn cargo_bin(name: &str) -> std::path::PathBuf {
    let home = std::env::var_os("CARGO_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".cargo")))
        .unwrap_or_default();
    home.join("bin").join(name)
}

fn dpkg_installed(pkg: &str) -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", pkg])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).contains("install ok installed"))
        .unwrap_or(false)
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}
