//! The desktop shell: navigation away from the app is refused, a second launch on the same data
//! directory hands over to the first window, and the app's tracing events reach the log file.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::Client;

use crate::common::*;

/// A private D-Bus session bus (the single-instance plugin finds the first window through it),
/// stopped when dropped.
struct SessionBus {
    pid: u32,
    address: String,
}

impl SessionBus {
    fn start() -> SessionBus {
        let out = Command::new("dbus-daemon")
            .args(["--session", "--fork", "--print-address=1", "--print-pid=1"])
            .stderr(Stdio::inherit())
            .output()
            .expect("dbus-daemon runs (Debian package dbus-daemon)");
        let text = String::from_utf8_lossy(&out.stdout);
        let mut lines = text.lines();
        let address = lines.next().expect("dbus-daemon prints its address").trim().to_owned();
        let pid = lines.next().and_then(|l| l.trim().parse().ok()).expect("dbus-daemon prints its pid");
        SessionBus { pid, address }
    }
}

impl Drop for SessionBus {
    fn drop(&mut self) {
        let _ = Command::new("kill").arg(self.pid.to_string()).status();
    }
}

async fn location(c: &Client) -> String {
    c.execute("return window.location.href;", vec![]).await.unwrap().as_str().unwrap_or_default().to_owned()
}

/// Waits for the bench's order list (the window is ready).
async fn ready(c: &Client) {
    wait_until(c, "orders-message", "the order list", |t| !t.starts_with("Loading")).await;
}

fn read_logs(xdg_data: &Path) -> String {
    let file = xdg_data.join("dev.shipbench.station/logs/shipbench.log");
    std::fs::read_to_string(&file).unwrap_or_default()
}

#[tokio::test]
#[ignore = "needs a display, WebKitWebDriver and tauri-driver"]
async fn the_window_stays_on_the_app_logs_to_the_log_dir_and_a_second_launch_hands_over() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let xdg_data = dir.path().join("xdg-data");
    let xdg_config = dir.path().join("xdg-config");
    let bus = SessionBus::start();
    let env = [
        ("DBUS_SESSION_BUS_ADDRESS", bus.address.as_str()),
        ("XDG_DATA_HOME", xdg_data.to_str().unwrap()),
        ("XDG_CONFIG_HOME", xdg_config.to_str().unwrap()),
    ];
    let (_driver, c) = start_with(&data, &["--demo"], &env).await;
    ready(&c).await;
    let home = location(&c).await;
    assert!(home.starts_with("tauri://localhost"), "the window opened on {home}");

    // A script (or a link) tries to take the window to another site: refused, the app stays.
    c.execute("window.location.href = 'https://example.com/'; return null;", vec![]).await.unwrap();
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(location(&c).await, home, "the window left the app");
    text_of(&c, "nav-bench").await;
    // The same for a form posting elsewhere and a top-level file: URL.
    c.execute(
        "const f = document.createElement('form'); f.action = 'https://example.com/steal'; f.method = 'post'; \
         document.body.appendChild(f); f.submit(); window.location.assign('file:///etc/passwd'); return null;",
        vec![],
    )
    .await
    .unwrap();
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(location(&c).await, home, "the window left the app");
    text_of(&c, "nav-bench").await;

    // The tracing events of the app reach the rotating log file in the OS log directory.
    let deadline = Instant::now() + Duration::from_secs(20);
    while !read_logs(&xdg_data).contains("the window is ready") {
        assert!(Instant::now() < deadline, "the log file misses the ready line: {:?}", read_logs(&xdg_data));
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(read_logs(&xdg_data).contains("refused to navigate the window away from Shipbench"), "{}", read_logs(&xdg_data));

    // A second launch on the same data directory hands over to the first window and exits.
    let display = std::env::var("DISPLAY").unwrap_or_default();
    let mut second = Command::new(env!("CARGO_BIN_EXE_shipbench"))
        .arg("--demo")
        .env("SHIPBENCH_DATA_DIR", &data)
        .env("DISPLAY", display)
        .envs(env.iter().copied())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    let status = loop {
        if let Some(status) = second.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = second.kill();
            let _ = second.wait();
            panic!("a second launch on the same data directory opened its own window");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(status.success(), "the second launch ended with {status}");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !read_logs(&xdg_data).contains("Shipbench was started again") {
        assert!(Instant::now() < deadline, "the first window was not told: {:?}", read_logs(&xdg_data));
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(c.windows().await.unwrap().len(), 1, "one window only");
    text_of(&c, "nav-bench").await;
    c.screenshot().await.map(|png| std::fs::write(screenshot_dir().join("platform.png"), png)).unwrap().unwrap();
    c.close().await.unwrap();
}
