//! `shippo-sim`: the Shippo-compatible simulator as a program. Prints its base URL on the first line
//! of stdout, then serves until Ctrl-C.

use std::io::Write;

use clap::Parser;
use shippo_sim::{SimConfig, Simulator};

/// A Shippo-compatible API simulator on 127.0.0.1 (demo mode and tests).
#[derive(Debug, Parser)]
#[command(name = "shippo-sim", version)]
struct Args {
    /// TCP port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 8765)]
    port: u16,
    /// Seed of every generated value.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// How many demo orders the shop has (at most 100000).
    #[arg(long, default_value_t = 300)]
    orders: usize,
    /// Accept only this token (repeatable). Without it, any well-formed token is accepted.
    #[arg(long = "token")]
    tokens: Vec<String>,
    /// Turn Shippo's per-minute rate limits off.
    #[arg(long)]
    no_rate_limits: bool,
    /// Length of a rate-limit window in milliseconds (Shippo's is 60000).
    #[arg(long, default_value_t = 60_000)]
    rate_window_ms: u64,
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let args = Args::parse();
    let cfg = SimConfig {
        seed: args.seed,
        orders: args.orders,
        tokens: args.tokens,
        rate_limits: !args.no_rate_limits,
        port: args.port,
    };
    let sim = match Simulator::start(cfg).await {
        Ok(sim) => sim,
        Err(e) => {
            eprintln!("shippo-sim: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    sim.set_rate_window(std::time::Duration::from_millis(args.rate_window_ms));
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{}", sim.base_url());
    let _ = out.flush();
    drop(out);
    let _ = tokio::signal::ctrl_c().await;
    sim.shutdown().await;
    std::process::ExitCode::SUCCESS
}
