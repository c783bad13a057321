//! Crash test of the exactly-once purchase, with real processes.
//!
//! The harness ([`run_crash_harness`]) takes the binary as a parameter so the desktop binary can be
//! put through the same runs: it must accept `--data-dir D --api-base URL buy ORDER --no-print`
//! and the token in `SHIPBENCH_TOKEN`.
//!
//! Per run, on a fresh order: either (a) the buyer is killed with SIGKILL at a random moment of
//! the purchase (random delay, plus random latency injected into the simulator so kills land
//! mid-request) and then started again, or (b) the simulator commits the purchase but drops the
//! answer. Afterwards: no order has two labels (the simulator's sold transactions grouped by
//! order), and every label the simulator sold is known to the local database.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use futures::StreamExt;
use shippo::{Client, ClientConfig, Token};
use shippo_sim::{DropAfterCommit, Faults, SimConfig, Simulator};
use station::account::Profile;
use station::store::{purchases, transactions, Store};

/// A test token (never printed: `Token` masks it).
const TOKEN: &str = "shippo_test_0a1b2c3d4e5f60718293a4b5c6d7e8f901234567";

/// Small deterministic PRNG (xorshift64*), so a failing run can be replayed with its seed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }
}

/// What the harness saw.
#[derive(Debug, Default)]
pub struct Figures {
    /// Runs done.
    pub runs: usize,
    /// Runs whose buyer was killed before it finished.
    pub killed: usize,
    /// Runs with a dropped purchase answer.
    pub dropped_answers: usize,
    /// Labels the simulator sold (SUCCESS).
    pub labels_sold: usize,
    /// Orders with more than one label.
    pub orders_with_two_labels: usize,
    /// Sold labels the local database does not know.
    pub labels_unknown_locally: usize,
    /// Purchases still PENDING after the restarts.
    pub pending_left: usize,
    /// Runs where the restarted buyer recovered (adopted) the interrupted purchase.
    pub adopted: usize,
    /// Runs whose purchase Shippo refused with nothing charged (test mode refuses UPS labels).
    pub refused: usize,
    /// Mean wall time of one run.
    pub mean_run_ms: f64,
}

fn buy_cmd(bin: &Path, dir: &Path, api: &str, order: &str) -> tokio::process::Command {
    let mut c = tokio::process::Command::new(bin);
    c.arg("--data-dir")
        .arg(dir)
        .arg("--api-base")
        .arg(api)
        .arg("--json")
        .arg("buy")
        .arg(order)
        .arg("--no-print")
        .env("SHIPBENCH_TOKEN", TOKEN)
        .env("SHIPBENCH_SETTLE_MS", "150")
        .env_remove("SHIPBENCH_DATA_DIR")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    c
}

/// Runs `runs` randomized crash runs of `bin` against an in-process simulator.
pub async fn run_crash_harness(bin: &Path, runs: usize, seed: u64) -> Figures {
    let sim = Simulator::start(SimConfig { seed, orders: runs + 150, tokens: Vec::new(), rate_limits: false, port: 0 })
        .await
        .expect("simulator starts");
    let api = sim.base_url();
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().to_path_buf();
    let token = Token::new(TOKEN);
    let db = Profile::for_token(&token).expect("profile").db_path(&dir);
    let client = Client::new(ClientConfig::new(token).with_base_url(&api).expect("url").with_pacing(false)).expect("client");

    // Cache the orders, and pick ones still waiting for a label.
    {
        let store = Store::open(&db).expect("store");
        station::sync::sync_orders(&client, &store, &Default::default(), |_| {}).await.expect("sync");
    }
    let mut candidates = Vec::new();
    {
        let stream = client.orders().stream(&Default::default()).expect("stream");
        let mut stream = std::pin::pin!(stream);
        while let Some(o) = stream.next().await {
            let o = o.expect("order");
            let waiting = matches!(
                o.order_status,
                Some(shippo::OrderStatus::Paid | shippo::OrderStatus::AwaitPay | shippo::OrderStatus::Unknown) | None
            );
            if waiting && o.transactions.is_empty() {
                candidates.push(o.object_id.clone().expect("id"));
            }
        }
    }
    assert!(candidates.len() >= runs, "the simulator has only {} orders waiting", candidates.len());

    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut figures = Figures::default();
    let started = Instant::now();
    // How long an undisturbed buy takes, so kill delays spread over the whole purchase.
    let mut typical_ms = 120u64;
    for (i, order) in candidates.iter().take(runs).enumerate() {
        let drop_mode = rng.below(4) == 0;
        if drop_mode {
            sim.faults().set(Faults {
                drop_response_after_commit: Some(DropAfterCommit { path: "/transactions".into(), count: 1 }),
                latency_ms: Some(rng.below(5)),
                ..Faults::default()
            });
            let out = buy_cmd(bin, &dir, &api, order).output().await.expect("buyer runs");
            figures.dropped_answers += 1;
            let stdout = String::from_utf8_lossy(&out.stdout);
            if stdout.contains("\"adopted\": true") || stdout.contains("\"adopted\":true") {
                figures.adopted += 1;
            }
            sim.faults().reset();
        } else {
            sim.faults().set(Faults { latency_ms: Some(rng.below(20)), ..Faults::default() });
            let t0 = Instant::now();
            let mut child = buy_cmd(bin, &dir, &api, order).spawn().expect("buyer starts");
            let delay = Duration::from_millis(rng.below(typical_ms + 40));
            tokio::select! {
                status = child.wait() => {
                    let _ = status;
                    typical_ms = (typical_ms * 3 + t0.elapsed().as_millis() as u64) / 4;
                }
                _ = tokio::time::sleep(delay) => {
                    child.start_kill().expect("SIGKILL");
                    let _ = child.wait().await;
                    figures.killed += 1;
                }
            }
            sim.faults().reset();
        }
        // Restart: the buyer reconciles first; it either adopts the label, buys one, or says the
        // order already has one.
        let out = buy_cmd(bin, &dir, &api, order).output().await.expect("buyer restarts");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        if stdout.contains("\"adopted\": true")
            || stdout.contains("\"adopted\":true")
            || adopted_at_start(&stderr) > 0
        {
            figures.adopted += 1;
        }
        // Shippo may refuse a purchase outright (a 201 with status ERROR: in test mode UPS labels are
        // refused). Nothing is charged then, and the operator is told so.
        let refused = !out.status.success() && stdout.contains("Nothing was charged");
        if refused {
            figures.refused += 1;
        }
        assert!(
            out.status.success() || refused || stdout.contains("already has a label"),
            "run {i} ({order}): the restarted buyer failed: {stdout} {}",
            String::from_utf8_lossy(&out.stderr)
        );
        figures.runs += 1;
    }
    figures.mean_run_ms = started.elapsed().as_secs_f64() * 1000.0 / figures.runs.max(1) as f64;

    // The checks: the simulator's sold labels against the local database.
    let sold = sim.inspect_transactions();
    let store = Store::open(&db).expect("store");
    let mut per_order: HashMap<String, usize> = HashMap::new();
    for t in sold.iter().filter(|t| t.status == "SUCCESS") {
        figures.labels_sold += 1;
        if let Some(o) = &t.order {
            *per_order.entry(o.clone()).or_default() += 1;
        }
        let id = t.object_id.clone();
        if store.read(move |c| transactions::get(c, &id)).expect("read").is_none() {
            figures.labels_unknown_locally += 1;
        }
    }
    figures.orders_with_two_labels = per_order.values().filter(|n| **n > 1).count();
    figures.pending_left = store.read(purchases::pending).expect("pending").len();
    sim.shutdown().await;
    figures
}

/// How many labels the buyer's start-up reconciliation found at Shippo and saved, from its
/// "Settled interrupted purchases: N label(s) found at Shippo…" line.
fn adopted_at_start(stderr: &str) -> usize {
    stderr
        .lines()
        .find_map(|l| l.strip_prefix("Settled interrupted purchases: "))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_shipbench-cli"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn no_order_gets_two_labels_when_buyers_are_killed_or_answers_are_lost() {
    let runs = std::env::var("SHIPBENCH_CRASH_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(200);
    let seed = std::env::var("SHIPBENCH_CRASH_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(20261122);
    let f = run_crash_harness(&bin(), runs, seed).await;
    println!(
        "crash test: {} runs (seed {seed}), {} buyers killed mid-purchase, {} answers dropped after commit, {} interrupted purchases adopted; {} labels sold, {} orders with two labels, {} sold labels unknown locally, {} purchases left pending, {} refused by Shippo; {:.0} ms per run",
        f.runs, f.killed, f.dropped_answers, f.adopted, f.labels_sold, f.orders_with_two_labels, f.labels_unknown_locally, f.pending_left, f.refused, f.mean_run_ms
    );
    assert!(f.runs >= runs);
    assert!(f.refused * 4 < f.runs, "most purchases must go through for the test to mean anything: {f:?}");
    assert_eq!(f.orders_with_two_labels, 0, "{f:?}");
    assert_eq!(f.labels_unknown_locally, 0, "{f:?}");
    assert_eq!(f.pending_left, 0, "{f:?}");
}
