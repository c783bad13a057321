//! The token's whole path so far, then the secrecy scan: set it (checked against the simulator over
//! real HTTP, saved in a real keyring), detect the mode, open the account's store, write settings,
//! log at TRACE into the data directory — and find the token in no file there.
//!
//! Runs inside a private keyutils session (`.ci/keyring.sh --keyutils`, started by the test itself),
//! so it needs no desktop and never touches the developer's keyring entries.
#![cfg(target_os = "linux")]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};

use shippo::Token;
use shippo_sim::{SimConfig, Simulator};
use station::account::{Mode, Profile};
use station::secrets::{self, secrecy_scan, Keyring, SecretsError, TokenStore};
use station::store::{settings, Store};

const SESSION_ENV: &str = "SHIPBENCH_TEST_KEYRING_SESSION";
const TOKEN: &str = "shippo_test_5f1a9c3e7b2d4a6f8e0c1b3d5f7a9c2e4b6d8f0a";
const WRONG: &str = "shippo_test_0000000000000000000000000000000000000bad";

/// Re-runs `name` inside a keyutils session (see `.ci/keyring.sh`).
fn rerun_in_session(name: &str) {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../.ci/keyring.sh");
    let exe = std::env::current_exe().expect("the test binary knows its path");
    let output = Command::new("bash")
        .arg(script)
        .arg("--keyutils")
        .arg(exe)
        .args(["--exact", name, "--nocapture", "--test-threads=1"])
        .env(SESSION_ENV, "keyutils")
        .env_remove(secrets::BACKEND_ENV)
        .output()
        .expect("bash runs .ci/keyring.sh");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && stdout.contains("1 passed"),
        "{name} failed inside the keyutils session.\nstdout:\n{stdout}\nstderr:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A `Write` that appends to a log file in the data directory (what the app's file log does).
#[derive(Clone)]
struct FileLog(Arc<Mutex<std::fs::File>>);

impl std::io::Write for FileLog {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).flush()
    }
}

fn log_everything_into(dir: &Path) -> tracing::subscriber::DefaultGuard {
    std::fs::create_dir_all(dir.join("logs")).expect("logs dir");
    let file = std::fs::File::create(dir.join("logs/shipbench.log")).expect("log file");
    let log = FileLog(Arc::new(Mutex::new(file)));
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || log.clone())
        .finish();
    tracing::subscriber::set_default(subscriber)
}

fn assert_no_token_in(text: &str) {
    assert!(!text.contains(TOKEN) && !text.contains(&TOKEN[12..]), "token leaked: {text}");
    assert!(!text.contains(WRONG) && !text.contains(&WRONG[12..]), "wrong token leaked: {text}");
}

async fn flow(data: &Path) {
    let token = Token::new(format!("  {TOKEN}\n"));
    let sim = Simulator::start(SimConfig {
        tokens: vec![TOKEN.to_owned()],
        ..SimConfig::default()
    })
    .await
    .expect("simulator starts");
    let store = TokenStore::new(Keyring::detect().expect("keyring"), "secrets-flow");
    let _ = store.remove();

    // Refused by Shippo (401): a plain sentence, and nothing is stored.
    let refused = secrets::save_checked(&store, &sim.base_url(), &Token::new(WRONG))
        .await
        .expect_err("the simulator refuses an unknown token");
    assert!(matches!(refused, SecretsError::TokenRefused { status: 401, .. }), "{refused:?}");
    let text = refused.to_string();
    assert!(text.starts_with("Shippo refused the token shippo_test_…0bad (HTTP 401)"), "{text}");
    assert_no_token_in(&format!("{text} {refused:?}"));
    assert_eq!(store.load().expect("load"), None, "a refused token is not stored");

    // Shippo unreachable: says so, stores nothing.
    let unreachable = secrets::save_checked(&store, "http://127.0.0.1:9", &token)
        .await
        .expect_err("nothing listens on port 9");
    assert!(matches!(unreachable, SecretsError::Unreachable { .. }), "{unreachable:?}");
    assert!(unreachable.to_string().contains("could not be reached at http://127.0.0.1:9"));
    assert_no_token_in(&format!("{unreachable} {unreachable:?}"));
    assert_eq!(store.load().expect("load"), None);

    // Accepted: stored, and the mode follows from it.
    let profile = secrets::save_checked(&store, &sim.base_url(), &token).await.expect("accepted");
    assert_eq!(profile.mode, Mode::Test);
    assert_eq!(store.current_profile().expect("profile"), profile);
    assert_ne!(profile, Profile::demo());

    // The account's own store: settings written, WAL and all.
    let db_path = profile.db_path(data);
    assert!(db_path.starts_with(data.join(format!("test-{}", profile.account_key.clone().unwrap()))));
    let db = Store::open(&db_path).expect("store opens");
    db.write(|tx| {
        settings::put(tx, settings::LABEL_FORMAT, &settings::LabelFormat::Pdf4x6)?;
        settings::put(tx, settings::RATE_RULE, &settings::RateRule::Fastest)
    })
    .expect("settings written");
    std::fs::create_dir_all(profile.label_cache_dir(data)).expect("label cache");
    std::fs::create_dir_all(profile.virtual_printer_dir(data)).expect("printer dir");
    assert!(secrecy_scan(data, &token).is_empty(), "while the store is open (WAL)");
    drop(db);

    assert!(store.remove().expect("remove"));
    sim.shutdown().await;
}

#[test]
fn the_token_reaches_no_file_of_the_data_dir() {
    if std::env::var_os(SESSION_ENV).is_none() {
        rerun_in_session("the_token_reaches_no_file_of_the_data_dir");
        return;
    }
    let data = tempfile::tempdir().expect("temp data dir");
    let guard = log_everything_into(data.path());
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(flow(data.path()));
    drop(guard);

    let log = std::fs::read_to_string(data.path().join("logs/shipbench.log")).expect("log");
    assert!(log.contains("Shippo token saved"), "the log records the save (masked): {log}");
    assert!(log.contains("shippo_test_…8f0a"));
    let hits = secrecy_scan(data.path(), &Token::new(TOKEN));
    assert!(hits.is_empty(), "the token was found in {hits:?}");
    let db = Profile::for_token(&Token::new(TOKEN)).expect("profile").db_path(data.path());
    assert!(db.exists(), "the scan covered a real database at {}", db.display());
}
