//! Full sync of 10k orders from the simulator (rate limits off) and an incremental re-sync with
//! nothing new. Real HTTP on 127.0.0.1, a real SQLite file.
//!
//! Prints `BENCH|<name>|<value with unit>|<goal>` lines for `cargo xtask bench`.
//! Run: `cargo bench -p station --bench sync_orders`.

use std::time::Instant;

use shippo::{Client, ClientConfig, Token};
use shippo_sim::{SimConfig, Simulator};
use station::sync::{sync_orders, SyncKind, SyncOptions};
use station::Store;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    rt.block_on(run())
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let sim = Simulator::start(SimConfig { orders: 10_000, rate_limits: false, ..SimConfig::default() }).await?;
    let client = Client::new(
        ClientConfig::new(Token::new(shippo_sim::DEMO_TOKEN))
            .with_base_url(&sim.base_url())?
            .with_pacing(false),
    )?;
    let dir = tempfile::tempdir()?;
    let store = Store::open(dir.path().join("bench.db"))?;

    let t = Instant::now();
    let full = sync_orders(&client, &store, &SyncOptions { kind: SyncKind::Full, ..SyncOptions::default() }, |_| {}).await?;
    let full_time = t.elapsed();
    eprintln!("full sync: {full:?} in {full_time:?}");
    assert_eq!(full.cached_orders, 10_000);
    println!("BENCH|sync_full_10k_orders|{:.2} s|<= 10 s", full_time.as_secs_f64());

    let t = Instant::now();
    let inc = sync_orders(&client, &store, &SyncOptions { kind: SyncKind::Incremental, ..SyncOptions::default() }, |_| {}).await?;
    let inc_time = t.elapsed();
    eprintln!("incremental sync: {inc:?} in {inc_time:?}");
    assert_eq!(inc.new_orders, 0);
    println!("BENCH|sync_incremental_nothing_new_10k|{:.3} s|<= 1 s", inc_time.as_secs_f64());
    sim.shutdown().await;
    Ok(())
}
