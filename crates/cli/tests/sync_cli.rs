//! `shipbench sync` as the operator runs it: the real binary, a real simulator on 127.0.0.1, a
//! fresh data dir. The waiting sentences go to stderr, the result to stdout, an error's causes once.

use std::process::Output;

use shippo_sim::{Faults, SimConfig, Simulator};

const TOKEN: &str = "shippo_test_0a1b2c3d4e5f60718293a4b5c6d7e8f901234567";

async fn sync(dir: &std::path::Path, api: &str, json: bool) -> Output {
    let mut c = tokio::process::Command::new(env!("CARGO_BIN_EXE_shipbench-cli"));
    c.arg("--data-dir").arg(dir).arg("--api-base").arg(api);
    if json {
        c.arg("--json");
    }
    c.arg("sync").env("SHIPBENCH_TOKEN", TOKEN).env_remove("RUST_LOG");
    c.output().await.expect("shipbench-cli runs")
}

#[tokio::test]
async fn a_429_during_sync_is_waited_out_and_said_on_stderr() {
    let sim = Simulator::start(SimConfig { orders: 40, rate_limits: false, ..SimConfig::default() })
        .await
        .expect("simulator");
    // Shippo throttles the very first request (Retry-After: 1).
    sim.faults().set(Faults { status_429_nth: Some(1), ..Default::default() });
    let dir = tempfile::tempdir().expect("tempdir");
    let out = sync(dir.path(), &sim.base_url(), true).await;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "stdout: {stdout}\nstderr: {stderr}");
    assert!(stderr.contains("Waiting for Shippo's rate limit, resuming in 1 s."), "stderr: {stderr}");
    let report: serde_json::Value = serde_json::from_str(stdout.trim()).expect("stdout is the JSON result only");
    assert_eq!(report["cached_orders"], 40, "{report}");
}

#[tokio::test]
async fn a_failed_sync_says_its_cause_once() {
    // A port nothing listens on.
    let free = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let api = format!("http://{}", free.local_addr().expect("addr"));
    drop(free);
    let dir = tempfile::tempdir().expect("tempdir");
    let out = sync(dir.path(), &api, false).await;
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    // Retries say their reason on the way; the error itself is the last line, its cause said once.
    let error = stderr.lines().last().unwrap_or_default();
    assert_eq!(error.matches("Shippo could not be reached").count(), 1, "the cause is said once: {stderr}");
    assert!(error.contains("Connection refused"), "the cause is shown: {stderr}");
    assert!(out.stdout.is_empty(), "nothing on stdout: {}", String::from_utf8_lossy(&out.stdout));
}
