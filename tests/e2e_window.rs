//! End to end: the real `shipbench` binary in a real window (under Xvfb in CI), driven through
//! WebDriver (`tauri-driver` + Debian's `WebKitWebDriver`). It clicks like an operator, asserts what
//! the window shows, and saves a screenshot under target/e2e/ for people to look at.
//!
//! Run by `cargo xtask test` (which starts Xvfb and installs tauri-driver):
//! `cargo test -p shipbench --test e2e_window -- --ignored`.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn tauri_driver() -> PathBuf {
    if let Some(p) = std::env::var_os("TAURI_DRIVER") {
        return p.into();
    }
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").unwrap()).join(".cargo"));
    let p = home.join("bin/tauri-driver");
    if p.is_file() { p } else { PathBuf::from("tauri-driver") }
}

fn screenshot_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"));
    let dir = target.join("e2e");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn start(data_dir: &std::path::Path) -> (Driver, Client) {
    let port = free_port();
    let native = free_port();
    let child = Command::new(tauri_driver())
        .args(["--port", &port.to_string(), "--native-port", &native.to_string()])
        .env("SHIPBENCH_DATA_DIR", data_dir)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("tauri-driver must be installed (cargo install tauri-driver --locked)");
    let driver = Driver(child);
    let caps = json!({
        "browserName": "wry",
        "tauri:options": {
            "application": env!("CARGO_BIN_EXE_shipbench"),
            "args": ["--demo"]
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

async fn text_of(c: &Client, testid: &str) -> String {
    let el = c
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(&format!("[data-testid='{testid}']")))
        .await
        .unwrap_or_else(|e| panic!("the window never showed [{testid}]: {e}"));
    el.text().await.unwrap()
}

async fn wait_for_text(c: &Client, testid: &str, want: &str) {
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

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs a display (Xvfb), WebKitWebDriver and tauri-driver: run by `cargo xtask test`"]
async fn the_window_shows_demo_mode_and_refreshes_orders() {
    let data = tempfile::tempdir().unwrap();
    let (_driver, c) = start(data.path()).await;

    wait_for_text(&c, "mode-badge", "DEMO").await;
    let title = c.find(Locator::Css("h1")).await.unwrap().text().await.unwrap();
    assert_eq!(title, "Shipbench");

    c.find(Locator::Css("[data-testid='refresh-orders']")).await.unwrap().click().await.unwrap();
    wait_for_text(&c, "orders-message", "No orders cached yet.").await;

    let png = c.screenshot().await.unwrap();
    let path = screenshot_dir().join("first-screen.png");
    std::fs::write(&path, &png).unwrap();
    assert!(png.starts_with(b"\x89PNG"), "the screenshot is not a PNG");
    eprintln!("screenshot: {}", path.display());
    c.close().await.unwrap();
}
