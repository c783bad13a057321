//! `cargo xtask bench`: every benchmark in release, then the footprint of the release build
//! (footprint.rs), then one table.
//!
//! Convention: a benchmark prints one line per figure, `BENCH|<what>|<measured>|<goal>`.
//! `--footprint-only` skips the cargo benches; `--no-footprint` skips the footprint.

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use anyhow::{bail, Context, Result};

use crate::sh;

/// Runs `cargo bench --workspace` (extra args passed on) and the footprint, and prints the
/// collected table.
pub fn run(extra: &[String]) -> Result<()> {
    let footprint_only = extra.iter().any(|a| a == "--footprint-only");
    let footprint = !extra.iter().any(|a| a == "--no-footprint");
    let extra: Vec<String> =
        extra.iter().filter(|a| *a != "--footprint-only" && *a != "--no-footprint").cloned().collect();
    let mut rows = Vec::new();
    let status = if footprint_only { None } else { Some(cargo_benches(&extra, &mut rows)?) };
    let footprint_result = if footprint { crate::footprint::run().map(|r| rows.extend(r)) } else { Ok(()) };
    // The window's keystroke figure over 100k orders, on the release build too (keystroke.rs;
    // `cargo xtask bench --keystroke-only` runs it alone).
    let footprint_result = footprint_result.and(if footprint && !footprint_only { crate::keystroke::run().map(|r| rows.extend(r)) } else { Ok(()) });
    print_table(&rows);
    if let Some(status) = status {
        if !status.success() {
            bail!("cargo bench failed with {status}");
        }
    }
    footprint_result
}

/// `cargo bench --workspace --benches`, its `BENCH|` rows added to `rows`.
fn cargo_benches(extra: &[String], rows: &mut Vec<Vec<String>>) -> Result<std::process::ExitStatus> {
    let mut c = sh::cargo(&["bench", "--workspace", "--benches"]);
    c.args(extra).stdout(Stdio::piped());
    eprintln!("+ cargo bench --workspace --benches {}", extra.join(" "));
    let mut child = c.spawn().context("could not start cargo bench")?;
    let out = child.stdout.take().context("no stdout")?;
    for line in BufReader::new(out).lines() {
        let line = line?;
        println!("{line}");
        if let Some(rest) = line.trim().strip_prefix("BENCH|") {
            let cols: Vec<String> = rest.split('|').map(|s| s.trim().to_owned()).collect();
            rows.push(cols);
        }
    }
    Ok(child.wait()?)
}

fn print_table(rows: &[Vec<String>]) {
    let headers = ["benchmark", "measured", "goal"];
    let mut widths = headers.map(str::len);
    for r in rows {
        for (i, w) in widths.iter_mut().enumerate() {
            *w = (*w).max(r.get(i).map_or(0, |s| s.chars().count()));
        }
    }
    println!("\n{:<a$}  {:>b$}  {:<c$}", headers[0], headers[1], headers[2], a = widths[0], b = widths[1], c = widths[2]);
    println!("{}", "-".repeat(widths.iter().sum::<usize>() + 4));
    for r in rows {
        let get = |i: usize| r.get(i).map_or("", String::as_str);
        println!("{:<a$}  {:>b$}  {:<c$}", get(0), get(1), get(2), a = widths[0], b = widths[1], c = widths[2]);
    }
    if rows.is_empty() {
        println!("(no benchmark printed a BENCH| line)");
    }
}
