//! The footprint section of `cargo xtask bench`, on the release build (`cargo xtask bundle`):
//! install size, cold start to the first drawn order list, and memory (PSS) idle and after a day
//! of work. Every figure is printed as a `BENCH|what|measured|goal` row.
//!
//! The app runs in DEMO mode on a fresh data directory with a 10,000-order cache, under Xvfb
//! when no display is set. Cold start: from spawning the process to the window's `ui_ready`
//! report (App.svelte sends it after the first frame with the order list drawn), median of
//! [`COLD_RUNS`]. Memory: PSS (`/proc/PID/smaps_rollup`) of the app and every process below it
//! (WebKit's web and network processes), summed, [`IDLE_SAMPLE`] after ready, and again after
//! the window bought [`BUYS`] labels through its scan field and pressed Sync [`SYNCS`] times
//! (xtask/src/footprint_workload.js, run in the window through `SHIPBENCH_BENCH_SCRIPT`).

use std::fs;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{bail, ensure, Context, Result};

use crate::tasks::{target_dir, Xvfb};

/// Orders in the demo cache.
pub const ORDERS: usize = 10_000;
/// Cold starts measured; the median is reported.
pub const COLD_RUNS: usize = 5;
/// Labels bought in the day of work.
pub const BUYS: usize = 500;
/// Syncs in the day of work.
pub const SYNCS: usize = 50;
/// When the idle memory is read, after the window is ready.
pub const IDLE_SAMPLE: Duration = Duration::from_secs(12);
/// How long the workload script waits before its first buy (after the idle sample).
const WORKLOAD_PAUSE: Duration = Duration::from_secs(15);
/// Settling time after the workload before memory is read again.
const SETTLE: Duration = Duration::from_secs(5);

/// Goals (issue 19).
pub const COLD_GOAL_S: f64 = 1.0;
pub const IDLE_GOAL_MB: f64 = 150.0;
pub const GROWTH_GOAL_PCT: f64 = 10.0;
pub const DEB_GOAL_MB: f64 = 15.0;

/// One printed figure.
pub type Row = Vec<String>;

fn row(what: &str, measured: String, goal: &str) -> Row {
    vec![what.to_owned(), measured, goal.to_owned()]
}

/// Runs the footprint measurements and returns their rows (also printed as `BENCH|` lines).
pub fn run() -> Result<Vec<Row>> {
    ensure!(cfg!(target_os = "linux"), "the footprint bench reads /proc and runs on Linux");
    // SHIPBENCH_FOOTPRINT_BIN: measure another build (to try the bench on a debug build; those
    // figures are not the release figures). SHIPBENCH_FOOTPRINT_BUYS / _SYNCS: a shorter day.
    let other_bin = std::env::var_os("SHIPBENCH_FOOTPRINT_BIN").map(PathBuf::from);
    let buys = env_count("SHIPBENCH_FOOTPRINT_BUYS", BUYS);
    let syncs = env_count("SHIPBENCH_FOOTPRINT_SYNCS", SYNCS);
    let bin = other_bin.clone().unwrap_or_else(|| target_dir().join("release").join("shipbench"));
    if let Some(b) = &other_bin {
        eprintln!("warning: measuring {} (SHIPBENCH_FOOTPRINT_BIN), not the release build", b.display());
    }
    ensure!(
        bin.is_file(),
        "no release build at {}: run `cargo xtask bundle` first (the footprint is measured on what ships)",
        bin.display()
    );
    let mut rows = Vec::new();
    rows.push(row("footprint: release binary", format!("{:.1} MiB", mib(fs::metadata(&bin)?.len())), "-"));
    match find_deb(&target_dir().join("release/bundle/deb")) {
        Some(deb) => rows.push(row(
            "footprint: .deb",
            format!("{:.2} MiB", mib(fs::metadata(&deb)?.len())),
            &format!("<= {DEB_GOAL_MB} MiB"),
        )),
        None => rows.push(row("footprint: .deb", "not built".into(), &format!("<= {DEB_GOAL_MB} MiB"))),
    }
    emit(&rows);

    let work = target_dir().join("footprint");
    if work.exists() {
        fs::remove_dir_all(&work).with_context(|| format!("could not clear {}", work.display()))?;
    }
    fs::create_dir_all(&work)?;
    let data = work.join("data");
    let _xvfb;
    let display = match std::env::var("DISPLAY") {
        Ok(d) if !d.is_empty() => d,
        _ => {
            let d = std::env::var("SHIPBENCH_BENCH_DISPLAY").unwrap_or_else(|_| ":97".into());
            _xvfb = Xvfb::start(&d)?;
            d
        }
    };

    // The 10k-order cache: one headless sync of the demo shop.
    let started = Instant::now();
    let out = Command::new(&bin)
        .args(["--demo", "--data-dir"])
        .arg(&data)
        .arg("sync")
        .env("SHIPBENCH_DEMO_ORDERS", ORDERS.to_string())
        .output()
        .context("could not run `shipbench sync`")?;
    ensure!(out.status.success(), "`shipbench --demo sync` failed: {}", String::from_utf8_lossy(&out.stderr));
    eprintln!("footprint: {ORDERS} demo orders cached in {:.1} s", started.elapsed().as_secs_f64());

    let mut starts = Vec::new();
    for i in 0..COLD_RUNS {
        let ready = work.join(format!("ready-{i}"));
        let app = App::spawn(&bin, &data, &display, &ready, None)?;
        let s = app.wait_mark(1, Duration::from_secs(120))?;
        eprintln!("footprint: cold start {} of {COLD_RUNS}: {s:.3} s", i + 1);
        starts.push(s);
        app.stop();
        std::thread::sleep(Duration::from_secs(2));
    }
    starts.sort_by(f64::total_cmp);
    let median = starts[starts.len() / 2];
    let all = starts.iter().map(|s| format!("{s:.2}")).collect::<Vec<_>>().join(", ");
    rows.push(row(
        &format!("footprint: cold start, {}k orders (median of {COLD_RUNS}: {all})", ORDERS / 1000),
        format!("{median:.2} s"),
        &format!("<= {COLD_GOAL_S} s"),
    ));
    emit(&rows[rows.len() - 1..]);

    // Memory: one more start, with the day of work.
    let script = work.join("workload.js");
    let js = include_str!("footprint_workload.js")
        .replace("__IDLE_MS__", &WORKLOAD_PAUSE.as_millis().to_string())
        .replace("__BUYS__", &buys.to_string())
        .replace("__SYNCS__", &syncs.to_string());
    fs::write(&script, js)?;
    let ready = work.join("ready-memory");
    let app = App::spawn(&bin, &data, &display, &ready, Some(&script))?;
    app.wait_mark(1, Duration::from_secs(120))?;
    std::thread::sleep(IDLE_SAMPLE);
    let idle = app.pss()?;
    eprintln!("footprint: idle {}", idle.describe());
    let before = printed_labels(&data);
    let t = Instant::now();
    app.wait_mark(2, Duration::from_secs(3600))?;
    let work_s = t.elapsed().as_secs_f64() - WORKLOAD_PAUSE.as_secs_f64() + IDLE_SAMPLE.as_secs_f64();
    let printed = printed_labels(&data) - before;
    std::thread::sleep(SETTLE);
    let after = app.pss()?;
    eprintln!("footprint: after the day of work ({printed} labels printed, {syncs} syncs, {work_s:.0} s) {}", after.describe());
    app.stop();
    let growth = (after.total_kib as f64 / idle.total_kib as f64 - 1.0) * 100.0;
    let idle_row = row(
        &format!("footprint: memory idle (PSS, app + WebKit: {})", idle.parts_mb()),
        format!("{:.0} MB", mb(idle.total_kib)),
        &format!("<= {IDLE_GOAL_MB} MB"),
    );
    let after_row = row(
        &format!("footprint: memory after {printed} buy & print + {syncs} syncs ({})", after.parts_mb()),
        format!("{:.0} MB", mb(after.total_kib)),
        "-",
    );
    let growth_row = row("footprint: memory growth over the day", format!("{growth:+.1} %"), &format!("<= {GROWTH_GOAL_PCT} %"));
    rows.extend([idle_row, after_row, growth_row]);
    emit(&rows[rows.len() - 3..]);
    ensure!(printed > 0, "the day of work printed no label: the workload script failed (xtask/src/footprint_workload.js)");
    if printed < buys {
        eprintln!("warning: the day of work printed {printed} labels, fewer than {buys}");
    }
    if let Some(b) = other_bin {
        for r in &mut rows {
            r[0] = format!("{} [{}]", r[0], b.display());
        }
    }
    Ok(rows)
}

fn env_count(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn emit(rows: &[Row]) {
    for r in rows {
        println!("BENCH|{}", r.join("|"));
    }
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn mb(kib: u64) -> f64 {
    kib as f64 * 1024.0 / 1_000_000.0
}

fn find_deb(dir: &Path) -> Option<PathBuf> {
    let version = env!("CARGO_PKG_VERSION");
    fs::read_dir(dir).ok()?.filter_map(|e| e.ok().map(|e| e.path())).find(|p| {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        name.starts_with(&format!("Shipbench_{version}_")) && name.ends_with(".deb")
    })
}

/// Documents the demo's virtual printers received (every profile's `virtual-printer` folder,
/// previews not counted).
fn printed_labels(data: &Path) -> usize {
    fn count(dir: &Path, inside: bool) -> usize {
        let Ok(entries) = fs::read_dir(dir) else { return 0 };
        entries
            .filter_map(|e| e.ok())
            .map(|e| {
                let p = e.path();
                let here = inside || p.file_name().is_some_and(|n| n == "virtual-printer");
                if p.is_dir() {
                    count(&p, here)
                } else {
                    // The virtual printer keeps a PNG preview beside each document it received.
                    let preview = p.to_string_lossy().ends_with(".preview.png");
                    usize::from(inside && !preview)
                }
            })
            .sum()
    }
    count(data, false)
}

/// The app under measurement, in its own process group.
struct App {
    child: Child,
    spawned: SystemTime,
    ready: PathBuf,
}

impl App {
    fn spawn(bin: &Path, data: &Path, display: &str, ready: &Path, script: Option<&Path>) -> Result<App> {
        let _ = fs::remove_file(ready);
        let mut c = Command::new(bin);
        c.args(["--demo", "--data-dir"])
            .arg(data)
            .env("DISPLAY", display)
            .env("SHIPBENCH_DEMO_ORDERS", ORDERS.to_string())
            .env("SHIPBENCH_READY_FILE", ready)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0);
        if let Some(s) = script {
            c.env("SHIPBENCH_BENCH_SCRIPT", s);
        }
        let spawned = SystemTime::now();
        let child = c.spawn().with_context(|| format!("could not start {}", bin.display()))?;
        Ok(App { child, spawned, ready: ready.to_owned() })
    }

    /// Waits for the `n`th mark in the ready file; returns its time after the spawn, in seconds.
    fn wait_mark(&self, n: usize, limit: Duration) -> Result<f64> {
        let end = Instant::now() + limit;
        while Instant::now() < end {
            if let Ok(text) = fs::read_to_string(&self.ready) {
                if let Some(line) = text.lines().nth(n - 1) {
                    let ms: u128 = line.trim().parse().context("a ready mark that is not a number")?;
                    let spawned = self.spawned.duration_since(UNIX_EPOCH)?.as_millis();
                    return Ok(ms.saturating_sub(spawned) as f64 / 1000.0);
                }
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        bail!("the window did not report mark {n} within {} s", limit.as_secs())
    }

    /// PSS of the app and every process below it.
    fn pss(&self) -> Result<Pss> {
        let mut parts = Vec::new();
        for pid in tree(self.child.id()) {
            let Ok(rollup) = fs::read_to_string(format!("/proc/{pid}/smaps_rollup")) else { continue };
            let kib = rollup
                .lines()
                .find_map(|l| l.strip_prefix("Pss:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
                .unwrap_or(0);
            let name = fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default().trim().to_owned();
            parts.push((name, kib));
        }
        ensure!(!parts.is_empty(), "the app is not running");
        Ok(Pss { total_kib: parts.iter().map(|p| p.1).sum(), parts })
    }

    /// Ends the app and everything it started.
    fn stop(mut self) {
        let pids = tree(self.child.id());
        let _ = Command::new("kill").arg("-TERM").arg("--").arg(format!("-{}", self.child.id())).status();
        for pid in &pids {
            let _ = Command::new("kill").arg("-TERM").arg(pid.to_string()).stderr(Stdio::null()).status();
        }
        let end = Instant::now() + Duration::from_secs(5);
        while Instant::now() < end {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Memory of the app's processes.
struct Pss {
    total_kib: u64,
    parts: Vec<(String, u64)>,
}

impl Pss {
    fn describe(&self) -> String {
        format!("{:.0} MB PSS ({})", mb(self.total_kib), self.parts_mb())
    }

    /// "app 40, web 90, network 20": each process by its role, in MB.
    fn parts_mb(&self) -> String {
        let parts: Vec<String> = self.parts.iter().map(|(n, k)| format!("{} {:.0}", role(n), mb(*k))).collect();
        parts.join(", ")
    }
}

/// A process's role from its command name (WebKit's helpers are cut to 15 characters).
fn role(comm: &str) -> &str {
    if comm.starts_with("WebKitWebProc") {
        "web"
    } else if comm.starts_with("WebKitNetwork") {
        "network"
    } else if comm == "shipbench" {
        "app"
    } else {
        comm
    }
}

/// `root` and all its descendants (from /proc/*/stat parent ids).
fn tree(root: u32) -> Vec<u32> {
    let mut parent_of = Vec::new();
    if let Ok(entries) = fs::read_dir("/proc") {
        for e in entries.flatten() {
            let Some(pid) = e.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) else { continue };
            let Ok(stat) = fs::read_to_string(format!("/proc/{pid}/stat")) else { continue };
            // The command name is in parentheses and may hold spaces: fields resume after the last ')'.
            let Some(rest) = stat.rsplit_once(')').map(|(_, r)| r) else { continue };
            if let Some(ppid) = rest.split_whitespace().nth(1).and_then(|s| s.parse::<u32>().ok()) {
                parent_of.push((pid, ppid));
            }
        }
    }
    let mut out = vec![root];
    let mut i = 0;
    while i < out.len() {
        let p = out[i];
        out.extend(parent_of.iter().filter(|(_, pp)| *pp == p).map(|(c, _)| *c));
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tree_of_this_process_holds_its_child() {
        let mut child = Command::new("sleep").arg("5").spawn().expect("sleep runs");
        let pids = tree(std::process::id());
        assert!(pids.contains(&std::process::id()));
        assert!(pids.contains(&child.id()), "{pids:?} misses {}", child.id());
        let _ = child.kill();
        let _ = child.wait();
    }

    #[test]
    fn processes_are_named_by_role() {
        let pss = Pss { total_kib: 3000, parts: vec![("shipbench".into(), 1000), ("WebKitWebProces".into(), 1500), ("WebKitNetworkPr".into(), 500)] };
        assert_eq!(pss.parts_mb(), "app 1, web 2, network 1");
        assert_eq!(role("bwrap"), "bwrap");
    }

    #[test]
    fn the_workload_script_has_every_placeholder_known() {
        let js = include_str!("footprint_workload.js");
        for p in ["__IDLE_MS__", "__BUYS__", "__SYNCS__"] {
            assert!(js.contains(p), "{p}");
        }
        assert!(js.contains("invoke(\"ui_ready\")"), "the script reports its end mark");
    }
}
