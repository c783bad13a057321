//! The token on the real Linux keyring backends: set, read back from a NEW process, clear, gone.
//!
//! Each test re-runs itself inside a private keyring session through `.ci/keyring.sh` (a D-Bus
//! session with an unlocked GNOME Keyring, or a fresh `keyctl session`), so a plain `cargo test`
//! works on any Linux box with dbus, gnome-keyring and keyutils installed, and never touches the
//! developer's own keyring entries. The "new process" is this test binary again, running only
//! [`helper_read_token`], which prints the SHA-256 of what it read (never the token).
#![cfg(target_os = "linux")]

use std::path::PathBuf;
use std::process::Command;

use sha2::{Digest, Sha256};
use shippo::Token;
use station::secrets::{Backend, Keyring, TokenStore, BACKEND_ENV};

/// Set inside the session: which backend the re-run test is to check.
const SESSION_ENV: &str = "SHIPBENCH_TEST_KEYRING_SESSION";
/// Set for the helper process: the profile whose token it reads.
const HELPER_ENV: &str = "SHIPBENCH_TEST_READ_PROFILE";

fn keyring_script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../.ci/keyring.sh")
}

/// Runs test `name` of this binary again inside a `.ci/keyring.sh` session of `backend`.
fn rerun_in_session(backend: &str, name: &str) {
    let exe = std::env::current_exe().expect("the test binary knows its path");
    let output = Command::new("bash")
        .arg(keyring_script())
        .arg(format!("--{backend}"))
        .arg(exe)
        .args(["--exact", name, "--nocapture", "--test-threads=1"])
        .env(SESSION_ENV, backend)
        .env_remove(BACKEND_ENV)
        .output()
        .expect("bash runs .ci/keyring.sh");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && stdout.contains("1 passed"),
        "{name} inside a {backend} session failed ({}).\nstdout:\n{stdout}\nstderr:\n{stderr}",
        output.status
    );
}

/// A token nobody else uses, and a profile name of its own (keyutils shares the user's persistent
/// keyring between sessions, so parallel runs must not meet).
fn fresh_token_and_profile(tag: &str) -> (Token, String) {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let seed = format!("{tag}-{}-{nanos}", std::process::id());
    let hex = hex::encode(Sha256::digest(seed.as_bytes()));
    let token = Token::new(format!("shippo_test_{}", &hex[..40]));
    (token, format!("test-{tag}-{}", &hex[..8]))
}

fn sha(token: &Token) -> String {
    hex::encode(Sha256::digest(token.expose().as_bytes()))
}

/// What a new process reads for `profile`: `Some(sha256)` or `None`.
fn read_in_new_process(profile: &str) -> Option<String> {
    let exe = std::env::current_exe().expect("the test binary knows its path");
    let output = Command::new(exe)
        .args(["--exact", "helper_read_token", "--nocapture", "--test-threads=1"])
        .env(HELPER_ENV, profile)
        .output()
        .expect("the helper process starts");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(output.status.success(), "helper failed: {stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    let line = stdout
        .lines()
        .find_map(|l| l.strip_prefix("READ-TOKEN="))
        .unwrap_or_else(|| panic!("helper printed no READ-TOKEN line: {stdout}"))
        .to_owned();
    (line != "none").then_some(line)
}

/// The "new process": reads the token of the profile in `SHIPBENCH_TEST_READ_PROFILE` with a
/// freshly detected keyring and prints its SHA-256. Does nothing in a normal test run.
#[test]
fn helper_read_token() {
    let Ok(profile) = std::env::var(HELPER_ENV) else {
        return;
    };
    let store = TokenStore::new(Keyring::detect().expect("keyring in helper"), profile);
    let read = store.load().expect("read in helper");
    println!("READ-BACKEND={}", store.keyring().backend().id());
    println!("READ-TOKEN={}", read.as_ref().map(sha).unwrap_or_else(|| "none".into()));
}

/// Set, read back from a new process, clear, confirm gone — on whatever `detect` picks in the session.
fn round_trip(expected: Backend, tag: &str) {
    let keyring = Keyring::detect().expect("a keyring inside the session");
    assert_eq!(keyring.backend(), expected, "detected {keyring:?}");
    assert!(!keyring.is_mock(), "the keyring must store for real, not keyring's mock");
    let (token, profile) = fresh_token_and_profile(tag);
    let store = TokenStore::new(keyring, profile.clone());

    assert_eq!(read_in_new_process(&profile), None, "nothing stored yet");
    store.save(&token).expect("save");
    assert_eq!(read_in_new_process(&profile), Some(sha(&token)), "a new process reads the token");
    assert_eq!(store.load().expect("load"), Some(token.clone()));

    assert!(store.remove().expect("remove"), "there was a token to remove");
    assert_eq!(read_in_new_process(&profile), None, "gone for a new process");
    assert!(!store.remove().expect("second remove"), "nothing left to remove");
}

#[test]
fn secret_service_set_read_back_clear() {
    match std::env::var(SESSION_ENV).as_deref() {
        Ok("secret-service") => round_trip(Backend::SecretService, "ss"),
        Ok(_) => {}
        Err(_) => rerun_in_session("secret-service", "secret_service_set_read_back_clear"),
    }
}

#[test]
fn keyutils_set_read_back_clear_without_session_bus() {
    match std::env::var(SESSION_ENV).as_deref() {
        Ok("keyutils") => {
            let keyring = Keyring::detect().expect("keyutils inside keyctl session");
            let note = keyring.note().unwrap_or_default().to_owned();
            assert!(note.contains("no session bus"), "the fallback says why: {note}");
            round_trip(Backend::Keyutils, "ku");
        }
        Ok(_) => {}
        Err(_) => rerun_in_session("keyutils", "keyutils_set_read_back_clear_without_session_bus"),
    }
}
