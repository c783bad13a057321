//! `cargo xtask bundle`: build the Linux .deb with the tauri CLI, then smoke-test it.
//!
//! The smoke test needs no display: it unpacks the package with `dpkg-deb -x`, runs the unpacked
//! `usr/bin/shipbench --version`, checks the control file's `Depends`, and prints the size.
//! Windows and macOS installers are built by `.github/workflows/release.yml`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, ensure, Context, Result};

use crate::deps;
use crate::sh::{self, run};
use crate::tasks::target_dir;

/// The packages the .deb must depend on: the web view and the CUPS client library.
pub const REQUIRED_DEPENDS: &[&str] = &["libwebkit2gtk-4.1-0", "libcups2"];

/// The size the .deb should stay under, in MiB (as the tauri CLI reports it).
pub const SIZE_GOAL_MB: f64 = 15.0;

/// The version every package carries (the workspace version, which the app reports too).
const VERSION: &str = env!("CARGO_PKG_VERSION");

/// `cargo xtask bundle`: builds the .deb and smoke-tests it. `--smoke-only` skips the build and
/// tests the .deb already in target/release/bundle/deb.
pub fn bundle(extra: &[String]) -> Result<()> {
    ensure!(
        cfg!(target_os = "linux"),
        "`cargo xtask bundle` builds the Linux .deb and runs on Linux; Windows and macOS installers \
         are built by the release workflow (.github/workflows/release.yml)"
    );
    if extra.iter().any(|a| a == "--smoke-only") {
        return smoke_test(&find_deb(&target_dir().join("release/bundle/deb"))?);
    }
    deps::ensure_system()?;
    let tauri = sh::root().join("ui/node_modules/.bin/tauri");
    if !tauri.is_file() {
        deps::ensure_npm()?;
    }
    // The tauri CLI runs beforeBuildCommand (the UI build), builds the app in release mode and
    // packs it; CARGO_TARGET_DIR, when set, is honoured through `cargo metadata`.
    run(Command::new(&tauri).args(["build", "--ci", "--bundles", "deb"]).current_dir(sh::root()))?;
    let deb = find_deb(&target_dir().join("release/bundle/deb"))?;
    smoke_test(&deb)
}

/// The .deb of this version in `dir`.
fn find_deb(dir: &Path) -> Result<PathBuf> {
    let prefix = format!("Shipbench_{VERSION}_");
    let entries = fs::read_dir(dir).with_context(|| format!("the tauri CLI left no bundle directory at {}", dir.display()))?;
    for entry in entries {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if name.starts_with(&prefix) && name.ends_with(".deb") {
            return Ok(path);
        }
    }
    bail!("no {prefix}*.deb in {}", dir.display())
}

/// Unpacks `deb`, runs the unpacked binary and checks the control file. No display is needed.
pub fn smoke_test(deb: &Path) -> Result<()> {
    let work = target_dir().join("deb-smoke");
    if work.exists() {
        fs::remove_dir_all(&work).with_context(|| format!("could not clear {}", work.display()))?;
    }
    // dpkg-deb makes the last directory of a path, not its parents.
    fs::create_dir_all(&work).with_context(|| format!("could not create {}", work.display()))?;
    let tree = work.join("root");
    let control_dir = work.join("DEBIAN");
    run(Command::new("dpkg-deb").arg("-x").arg(deb).arg(&tree))?;
    run(Command::new("dpkg-deb").arg("-e").arg(deb).arg(&control_dir))?;

    let bin = tree.join("usr/bin/shipbench");
    ensure!(bin.is_file(), "the .deb has no usr/bin/shipbench");
    eprintln!("+ {} --version", bin.display());
    let out = Command::new(&bin)
        .arg("--version")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .with_context(|| format!("could not run {}", bin.display()))?;
    let printed = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    let expected = format!("shipbench {VERSION}");
    ensure!(
        out.status.success() && printed == expected,
        "the packaged binary printed {printed:?} ({}) instead of {expected:?}; stderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr).trim()
    );

    let control = fs::read_to_string(control_dir.join("control")).context("the .deb has no control file")?;
    let depends = depends_of(&control);
    let missing: Vec<&str> = REQUIRED_DEPENDS.iter().copied().filter(|p| !depends.iter().any(|d| d == p)).collect();
    ensure!(missing.is_empty(), "the .deb does not depend on {}; its Depends are {depends:?}", missing.join(", "));

    let mb = fs::metadata(deb)?.len() as f64 / (1024.0 * 1024.0);
    println!("{}", deb.display());
    println!("  version   {printed}");
    println!("  depends   {}", depends.join(", "));
    println!("  size      {mb:.2} MiB (goal <= {SIZE_GOAL_MB} MiB)");
    if mb > SIZE_GOAL_MB {
        eprintln!("warning: the .deb is {mb:.2} MiB, over the {SIZE_GOAL_MB} MiB goal");
    }
    println!("Install it with: sudo apt install {}", deb.display());
    Ok(())
}

/// The package names in a Debian control file's `Depends` field (versions and alternatives dropped;
/// for `a | b` both names are listed).
pub fn depends_of(control: &str) -> Vec<String> {
    let mut field = String::new();
    let mut inside = false;
    for line in control.lines() {
        if let Some(rest) = line.strip_prefix("Depends:") {
            field.push_str(rest);
            inside = true;
        } else if inside && line.starts_with([' ', '\t']) {
            field.push_str(line);
        } else {
            inside = false;
        }
    }
    field
        .split([',', '|'])
        .filter_map(|d| d.split(['(', ' ', '[']).find(|s| !s.is_empty()))
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depends_drops_versions_and_keeps_alternatives() {
        let control = "Package: shipbench\nVersion: 0.1.0\nDepends: libwebkit2gtk-4.1-0 (>= 2.40),\n libgtk-3-0, libcups2 | libcups2t64\nDescription: x\n";
        assert_eq!(depends_of(control), ["libwebkit2gtk-4.1-0", "libgtk-3-0", "libcups2", "libcups2t64"]);
        assert!(depends_of("Package: x\n").is_empty());
    }

    /// The release workflow is valid YAML with the four-entry matrix and an upload step.
    mod workflow {
        use serde_yaml::Value;

        fn load() -> Value {
            let path = crate::sh::root().join(".github/workflows/release.yml");
            let text = std::fs::read_to_string(&path).expect("release.yml exists");
            serde_yaml::from_str(&text).expect("release.yml is valid YAML")
        }

        fn steps(wf: &Value) -> Vec<Value> {
            wf["jobs"]["bundle"]["steps"].as_sequence().expect("bundle job has steps").clone()
        }

        fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
            v[key].as_str().unwrap_or_default()
        }

        #[test]
        fn runs_on_version_tags_and_by_hand() {
            let wf = load();
            let on = &wf["on"];
            let tags: Vec<&str> = on["push"]["tags"].as_sequence().expect("push.tags").iter().filter_map(Value::as_str).collect();
            assert_eq!(tags, ["v*"]);
            assert!(on.as_mapping().expect("on is a mapping").contains_key("workflow_dispatch"));
        }

        #[test]
        fn matrix_has_the_four_platforms() {
            let wf = load();
            let include = wf["jobs"]["bundle"]["strategy"]["matrix"]["include"].as_sequence().expect("matrix.include");
            let mut entries: Vec<(&str, &str, &str)> =
                include.iter().map(|e| (str_of(e, "platform"), str_of(e, "target"), str_of(e, "bundles"))).collect();
            entries.sort();
            assert_eq!(
                entries,
                [
                    ("macos-latest", "aarch64-apple-darwin", "app,dmg"),
                    ("macos-latest", "x86_64-apple-darwin", "app,dmg"),
                    ("ubuntu-22.04", "x86_64-unknown-linux-gnu", "deb,appimage"),
                    ("windows-latest", "x86_64-pc-windows-msvc", "nsis,msi"),
                ]
            );
            assert_eq!(str_of(&wf["jobs"]["bundle"], "runs-on"), "${{ matrix.platform }}");
        }

        #[test]
        fn installs_linux_deps_node_rust_and_the_ui() {
            let steps = steps(&load());
            let linux = steps.iter().find(|s| str_of(s, "if").contains("Linux") && str_of(s, "run").contains("apt-get install")).expect("a Linux deps step");
            for pkg in ["libwebkit2gtk-4.1-dev", "libgtk-3-dev", "libayatana-appindicator3-dev", "librsvg2-dev", "libcups2-dev", "libdbus-1-dev", "libudev-dev", "libxdo-dev"] {
                assert!(str_of(linux, "run").contains(pkg), "the Linux deps step misses {pkg}");
            }
            let node = steps.iter().find(|s| str_of(s, "uses").starts_with("actions/setup-node@")).expect("a setup-node step");
            assert_eq!(node["with"]["node-version"].as_u64(), Some(20));
            assert!(steps.iter().any(|s| str_of(s, "uses").starts_with("dtolnay/rust-toolchain@")));
            assert!(steps.iter().any(|s| str_of(s, "run") == "npm ci" && str_of(s, "working-directory") == "ui"));
            let build = steps.iter().find(|s| str_of(s, "run").contains("tauri.js build")).expect("a tauri build step");
            assert!(str_of(build, "run").contains("--target ${{ matrix.target }} --bundles ${{ matrix.bundles }}"));
        }

        #[test]
        fn uploads_every_installer() {
            let steps = steps(&load());
            let upload = steps.iter().find(|s| str_of(s, "uses") == "actions/upload-artifact@v4").expect("an upload-artifact@v4 step");
            let path = str_of(&upload["with"], "path");
            for installer in ["*.deb", "*.AppImage", "nsis/*.exe", "msi/*.msi", "dmg/*.dmg"] {
                assert!(path.contains(installer), "the upload step misses {installer}");
            }
            assert_eq!(str_of(&upload["with"], "if-no-files-found"), "error");
        }

        #[test]
        fn signing_secrets_are_exported_only_when_set() {
            let steps = steps(&load());
            let secrets = steps.iter().find(|s| str_of(s, "name").starts_with("Signing secrets")).expect("a signing secrets step");
            for name in ["APPLE_CERTIFICATE", "APPLE_SIGNING_IDENTITY", "APPLE_ID", "APPLE_PASSWORD", "APPLE_TEAM_ID", "WINDOWS_CERTIFICATE"] {
                assert_eq!(str_of(&secrets["env"], name), format!("${{{{ secrets.{name} }}}}"));
                assert!(str_of(secrets, "run").contains(name), "{name} is not exported conditionally");
            }
            assert!(str_of(secrets, "run").contains(r#"if [ -n "${!name}" ]"#));
        }
    }
}
