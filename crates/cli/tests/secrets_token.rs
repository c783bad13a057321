//! `shipbench token set|status|clear` end to end: the real `shipbench-cli` binary, a real keyring
//! (Secret Service in a private D-Bus session, and the kernel keyring in a `keyctl session`), the
//! simulator over real HTTP. Every step is a new process, so "read back" means read back from the
//! keyring, not from memory.
#![cfg(target_os = "linux")]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use shippo_sim::{SimConfig, Simulator};

const SESSION_ENV: &str = "SHIPBENCH_TEST_KEYRING_SESSION";
const TOKEN: &str = "shippo_test_9b8a7c6d5e4f30211234567890abcdef12345678";
const WRONG: &str = "shippo_test_ffffffffffffffffffffffffffffffffffff0bad";

fn rerun_in_session(backend: &str, name: &str) {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../.ci/keyring.sh");
    let exe = std::env::current_exe().expect("the test binary knows its path");
    let output = Command::new("bash")
        .arg(script)
        .arg(format!("--{backend}"))
        .arg(exe)
        .args(["--exact", name, "--nocapture", "--test-threads=1"])
        .env(SESSION_ENV, backend)
        .env_remove("SHIPBENCH_KEYRING")
        .output()
        .expect("bash runs .ci/keyring.sh");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && stdout.contains("1 passed"),
        "{name} failed inside a {backend} session.\nstdout:\n{stdout}\nstderr:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Runs `shipbench-cli --data-dir … --api-base … <args>` with `stdin`, as its own process.
fn cli(data: &Path, api: &str, profile: &str, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_shipbench-cli"))
        .arg("--data-dir")
        .arg(data)
        .args(["--api-base", api])
        .args(args)
        .env("SHIPBENCH_PROFILE", profile)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("shipbench-cli starts");
    if let Some(mut input) = child.stdin.take() {
        input.write_all(stdin.as_bytes()).expect("stdin written");
    }
    let output = child.wait_with_output().expect("shipbench-cli ends");
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    for secret in [TOKEN, &TOKEN[12..], WRONG, &WRONG[12..]] {
        assert!(!all.contains(secret), "`{}` printed a token: {all}", args.join(" "));
    }
    output
}

fn status(data: &Path, api: &str, profile: &str) -> serde_json::Value {
    let out = cli(data, api, profile, &["--json", "token", "status"], "");
    assert!(out.status.success(), "status failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("status prints JSON")
}

async fn session_flow(backend: &str) {
    let sim = Simulator::start(SimConfig {
        tokens: vec![TOKEN.to_owned()],
        ..SimConfig::default()
    })
    .await
    .expect("simulator starts");
    let api = sim.base_url();
    let data = tempfile::tempdir().expect("temp data dir");
    let data = data.path();
    let profile = format!("cli-{backend}-{}", std::process::id());

    let before = status(data, &api, &profile);
    assert_eq!(before["mode"], "DEMO");
    assert_eq!(before["token"], serde_json::Value::Null);
    assert_eq!(before["backend"], backend);
    assert_eq!(before["profile_dir"], data.join("demo").display().to_string());

    // A refused token: exit 1, a plain sentence, nothing stored.
    let refused = cli(data, &api, &profile, &["token", "set"], WRONG);
    assert_eq!(refused.status.code(), Some(1));
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.contains("Shippo refused the token shippo_test_…0bad (HTTP 401)"), "{err}");
    assert!(err.contains("It was not saved"), "{err}");
    assert_eq!(status(data, &api, &profile)["mode"], "DEMO");

    // Shippo unreachable: says so, stores nothing.
    let offline = cli(data, "http://127.0.0.1:9", &profile, &["token", "set"], TOKEN);
    assert_eq!(offline.status.code(), Some(1));
    let err = String::from_utf8_lossy(&offline.stderr);
    assert!(err.contains("Shippo could not be reached at http://127.0.0.1:9"), "{err}");
    assert_eq!(status(data, &api, &profile)["mode"], "DEMO");

    // Accepted (pasted with spaces and a newline): saved; a new process reads it back.
    let set = cli(data, &api, &profile, &["token", "set"], &format!("  {TOKEN}\n"));
    let said = String::from_utf8_lossy(&set.stdout);
    assert!(set.status.success(), "{said}{}", String::from_utf8_lossy(&set.stderr));
    assert!(said.starts_with("Shippo accepted the token shippo_test_…5678; it is saved in the"), "{said}");
    let after = status(data, &api, &profile);
    assert_eq!(after["mode"], "TEST");
    assert_eq!(after["token"], "shippo_test_…5678");
    assert_eq!(after["backend"], backend);
    let key = after["account_key"].as_str().expect("account key").to_owned();
    assert_eq!(key.len(), 12);
    assert_eq!(after["profile_dir"], data.join(format!("test-{key}")).display().to_string());

    // Clear: gone for the next process.
    let clear = cli(data, &api, &profile, &["token", "clear"], "");
    assert!(clear.status.success());
    assert!(String::from_utf8_lossy(&clear.stdout).starts_with("Removed the Shippo token from the"));
    assert_eq!(status(data, &api, &profile)["mode"], "DEMO");
    let again = cli(data, &api, &profile, &["token", "clear"], "");
    assert!(String::from_utf8_lossy(&again.stdout).starts_with("There was no Shippo token"));

    // Nothing empty is accepted.
    let empty = cli(data, &api, &profile, &["token", "set"], " \n");
    assert_eq!(empty.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&empty.stderr).contains("No token was given"));
    sim.shutdown().await;
}

fn run_flow(backend: &str, name: &str) {
    match std::env::var(SESSION_ENV).as_deref() {
        Ok(inside) if inside == backend => tokio::runtime::Runtime::new()
            .expect("runtime")
            .block_on(session_flow(backend)),
        Ok(_) => {}
        Err(_) => rerun_in_session(backend, name),
    }
}

#[test]
fn token_set_status_clear_on_secret_service() {
    run_flow("secret-service", "token_set_status_clear_on_secret_service");
}

#[test]
fn token_set_status_clear_on_keyutils() {
    run_flow("keyutils", "token_set_status_clear_on_keyutils");
}

/// `token status` with a given environment, outside any keyring session.
fn status_with_env(env: &[(&str, &str)], remove: &[&str]) -> Output {
    let data = tempfile::tempdir().expect("temp data dir");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_shipbench-cli"));
    cmd.arg("--data-dir").arg(data.path()).args(["--json", "token", "status"]);
    cmd.env("SHIPBENCH_PROFILE", format!("cli-env-{}", std::process::id()));
    for (k, v) in env {
        cmd.env(k, v);
    }
    for k in remove {
        cmd.env_remove(k);
    }
    cmd.output().expect("shipbench-cli runs")
}

#[test]
fn a_forced_backend_that_cannot_work_is_an_error_not_a_fallback() {
    let out = status_with_env(&[("SHIPBENCH_KEYRING", "secret-service")], &["DBUS_SESSION_BUS_ADDRESS"]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON error");
    assert_eq!(
        json["error"],
        "The keyring backend Secret Service chosen with SHIPBENCH_KEYRING cannot be used: there is \
         no session bus (DBUS_SESSION_BUS_ADDRESS is not set)."
    );
    let out = status_with_env(&[("SHIPBENCH_KEYRING", "plaintext")], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("not a keyring backend Shipbench knows"));
}

#[test]
fn a_secret_service_that_does_not_answer_falls_to_keyutils_and_says_why() {
    let out = status_with_env(
        &[("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/shipbench-bus")],
        &["SHIPBENCH_KEYRING"],
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON status");
    assert!(out.status.success(), "{json}");
    assert_eq!(json["backend"], "keyutils");
    let note = json["backend_note"].as_str().expect("a note says why");
    assert!(note.starts_with("chosen because the Secret Service is unusable ("), "{note}");
}

/// A token with characters no Shippo token has (reproduced: `printf 'shippo_test_€€€' | shipbench
/// token set` panicked and the panic printed the whole token) is refused before the keyring or the
/// network are touched, in one sentence that does not repeat it. Needs no keyring: it never gets
/// that far.
#[test]
fn a_token_with_foreign_characters_is_refused_without_echo() {
    let data = tempfile::tempdir().expect("temp data dir");
    for (raw, why) in [
        ("shippo_test_€€€", "ascii"),
        ("shippo_test_ab\u{7}cd", "control character"),
        ("shippo_test_ab cd", "space"),
    ] {
        let out = cli(data.path(), "http://127.0.0.1:9", "foreign", &["token", "set"], raw);
        let all = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert_eq!(out.status.code(), Some(1), "{raw:?}: {all}");
        assert!(!all.contains("panicked"), "{raw:?}: {all}");
        assert!(!all.contains(raw) && !all.contains(&raw[12..]), "{raw:?} was echoed: {all}");
        assert!(all.to_lowercase().contains(why), "{raw:?}: the sentence should say why ({why}): {all}");
        assert_eq!(all.trim().lines().count(), 1, "one sentence: {all}");
    }
}
