//! Shared by every window test: start the app under tauri-driver, wait for what it shows, find
//! what the virtual printer got.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

/// tauri-driver, killed when dropped.
pub(crate) struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub(crate) fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

pub(crate) fn tauri_driver() -> PathBuf {
    if let Some(p) = std::env::var_os("TAURI_DRIVER") {
        return p.into();
    }
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").unwrap()).join(".cargo"));
    let p = home.join("bin/tauri-driver");
    if p.is_file() { p } else { PathBuf::from("tauri-driver") }
}

pub(crate) fn screenshot_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"));
    let dir = target.join("e2e");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Starts `shipbench --demo` on `data_dir` in a window driven by WebDriver.
pub(crate) async fn start(data_dir: &std::path::Path) -> (Driver, Client) {
    start_with(data_dir, &["--demo"], &[]).await
}

/// Starts `shipbench ARGS` on `data_dir` with extra environment variables.
pub(crate) async fn start_with(data_dir: &std::path::Path, args: &[&str], env: &[(&str, &str)]) -> (Driver, Client) {
    let port = free_port();
    let native = free_port();
    let child = Command::new(tauri_driver())
        .args(["--port", &port.to_string(), "--native-port", &native.to_string()])
        .env("SHIPBENCH_DATA_DIR", data_dir)
        .envs(env.iter().copied())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("tauri-driver must be installed (cargo install tauri-driver --locked)");
    let driver = Driver(child);
    let caps = json!({
        "browserName": "wry",
        "tauri:options": {
            "application": env!("CARGO_BIN_EXE_shipbench"),
            "args": args
        }
    });
    let caps = caps.as_object().unwrap().clone();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        match ClientBuilder::new(HttpConnector::new())
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(c) => return (driver, c),
            Err(e) if Instant::now() < deadline => {
                let _ = e;
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
            Err(e) => panic!("could not open a WebDriver session with tauri-driver: {e}"),
        }
    }
}

pub(crate) async fn text_of(c: &Client, testid: &str) -> String {
    let el = c
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(&format!("[data-testid='{testid}']")))
        .await
        .unwrap_or_else(|e| panic!("the window never showed [{testid}]: {e}"));
    el.text().await.unwrap()
}

pub(crate) async fn wait_for_text(c: &Client, testid: &str, want: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let got = text_of(c, testid).await;
        if got == want {
            return;
        }
        assert!(Instant::now() < deadline, "[{testid}] shows {got:?}, expected {want:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Waits until `[testid]` shows text for which `ok` holds; returns that text.
pub(crate) async fn wait_until(c: &Client, testid: &str, what: &str, ok: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let got = text_of(c, testid).await;
        if ok(&got) {
            return got;
        }
        assert!(Instant::now() < deadline, "[{testid}] shows {got:?}, expected {what}");
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

/// Every file under `dir` whose name ends with `suffix`.
pub(crate) fn files_ending(dir: &std::path::Path, suffix: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else { return out };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(files_ending(&p, suffix));
        } else if p.to_string_lossy().ends_with(suffix) {
            out.push(p);
        }
    }
    out.sort();
    out
}


/// On the bench's open order card: weighs the parcel when the order has no weight (2 lb typed),
/// waits for the rates, and presses Buy & Print on the rule's pick.
pub(crate) async fn buy_on_card(c: &Client) {
    let said = wait_until(c, "status-line", "the rates or the question of the weight", |t| {
        t.contains("Press Enter to buy") || t.contains("has no weight")
    })
    .await;
    if said.contains("has no weight") {
        let w = c.find(Locator::Css("[data-testid='weight-input']")).await.unwrap();
        w.clear().await.unwrap();
        w.send_keys("2").await.unwrap();
        c.find(Locator::Css("[data-testid='get-rates']")).await.unwrap().click().await.unwrap();
        wait_until(c, "status-line", "the rates", |t| t.contains("Press Enter to buy")).await;
    }
    c.find(Locator::Css("[data-testid='card-buy']")).await.unwrap().click().await.unwrap();
}
