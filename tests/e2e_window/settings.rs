//! Setting up a bench from the window alone: from an empty data dir in demo mode, Settings adds a
//! network printer (a capturing socket here), test prints on it, sends labels to it, switches the
//! label format to PDF_4x6 and buys: Shippo's label is a PDF, the printer gets converted ZPL.
//! A restart on the same data dir keeps every setting.

use std::io::Read;
use std::net::TcpListener;
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

use fantoccini::{Client, Locator};

use crate::common::*;

/// A raw TCP 9100 printer on 127.0.0.1: each connection's bytes (the buy's reachability knock,
/// which sends nothing, is not a job).
fn capture() -> (u16, Receiver<Vec<u8>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(mut conn) = conn else { continue };
            let mut bytes = Vec::new();
            if conn.read_to_end(&mut bytes).is_ok() && !bytes.is_empty() {
                let _ = tx.send(bytes);
            }
        }
    });
    (port, rx)
}

async fn find(c: &Client, testid: &str) -> fantoccini::elements::Element {
    c.wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(&format!("[data-testid='{testid}']")))
        .await
        .unwrap_or_else(|e| panic!("no [{testid}]: {e}"))
}

async fn click(c: &Client, testid: &str) {
    find(c, testid).await.click().await.unwrap();
}

async fn type_into(c: &Client, testid: &str, text: &str) {
    let el = find(c, testid).await;
    el.clear().await.unwrap();
    el.send_keys(text).await.unwrap();
}

async fn select(c: &Client, testid: &str, value: &str) {
    let el = find(c, testid).await;
    el.select_by_value(value).await.unwrap();
}

async fn value_of(c: &Client, testid: &str) -> String {
    let el = find(c, testid).await;
    el.prop("value").await.unwrap().unwrap_or_default()
}

fn shot(png: &[u8], name: &str) {
    assert!(png.starts_with(b"\x89PNG"), "the screenshot is not a PNG");
    let path = screenshot_dir().join(name);
    std::fs::write(&path, png).unwrap();
    eprintln!("screenshot: {}", path.display());
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs a display (Xvfb), WebKitWebDriver and tauri-driver: run by `cargo xtask test`"]
async fn a_bench_is_set_up_from_the_window_and_keeps_it_after_a_restart() {
    let data = tempfile::tempdir().unwrap();
    let (port, printed) = capture();
    let (driver, c) = start(data.path()).await;

    // DEMO needs no setup: the bench opens; the setup is one click away in Settings.
    wait_for_text(&c, "mode-badge", "DEMO").await;
    assert!(c.find_all(Locator::Css("[data-testid='first-run']")).await.unwrap().is_empty(), "the setup blocks a --demo start");
    click(&c, "nav-settings").await;
    click(&c, "settings-setup").await;
    text_of(&c, "first-run").await;
    click(&c, "setup-next").await;
    text_of(&c, "sender-save").await;
    shot(&c.screenshot().await.unwrap(), "first-run.png");
    click(&c, "setup-skip").await;

    // A network printer by address, then a test print whose bytes arrive at the socket.
    click(&c, "nav-settings").await;
    type_into(&c, "printer-name", "Bench Zebra").await;
    type_into(&c, "printer-address", &format!("127.0.0.1:{port}")).await;
    click(&c, "printer-save").await;
    wait_for_text(&c, "printers-message", "Printer 'Bench Zebra' saved.").await;
    c.find(Locator::Css("button[aria-label='Test print on Bench Zebra']")).await.unwrap().click().await.unwrap();
    let said = wait_until(&c, "printers-message", "a test print sentence", |t| t.starts_with("Printed on 'Bench Zebra'")).await;
    assert!(said.contains("the printer took every byte"), "{said}");
    let test = printed.recv_timeout(Duration::from_secs(10)).expect("the test print reached the printer");
    let text = String::from_utf8_lossy(&test);
    assert!(text.starts_with("^XA") && text.contains("SHIPBENCHTEST") && text.contains("Bench Zebra"), "{text}");

    // Labels go to it; PDF_4x6 on a ZPL printer is converted, and the window says so.
    select(&c, "role-label", "Bench Zebra").await;
    wait_for_text(&c, "printers-message", "'Bench Zebra' prints labels.").await;
    click(&c, "format-pdf").await;
    wait_for_text(&c, "label-message", "Labels are bought as PDF_4x6.").await;
    let warning = text_of(&c, "format-warning").await;
    assert!(warning.contains("'Bench Zebra' speaks ZPL") && warning.contains("converted"), "{warning}");
    // The scale: the virtual one, saved and read once (the demo's scale file says 1.75 lb).
    let profile = station::account::Profile::demo().dir(data.path());
    std::fs::write(profile.join("virtual-scale.json"), r#"{"state":"stable","weight":"1.75","unit":"lb"}"#).unwrap();
    select(&c, "scale-pick", "0").await;
    click(&c, "scale-save").await;
    let reading = wait_until(&c, "scale-reading", "a test reading", |t| !t.is_empty()).await;
    assert!(reading.contains("1.75"), "the test reading does not show the scale's weight: {reading}");
    select(&c, "bench-theme", "dark").await;
    wait_for_text(&c, "bench-message", "The theme is dark.").await;
    c.execute("document.querySelector(\"[data-testid='settings-printers']\").scrollIntoView()", vec![]).await.unwrap();
    shot(&c.screenshot().await.unwrap(), "settings.png");

    // Buy: Shippo's label is a PDF_4x6; the printer gets it as ZPL (a ^GF graphic).
    click(&c, "nav-bench").await;
    click(&c, "header-sync").await;
    wait_until(&c, "sync-message", "a sync sentence", |t| t.ends_with("orders cached.")).await;
    wait_until(&c, "orders-message", "the synced orders listed", |t| t.contains(" order") && !t.starts_with("No ")).await;
    click(&c, "awaiting-only").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    click(&c, "open-order").await;
    buy_on_card(&c).await;
    let done = wait_until(&c, "status-line", "a bought sentence", |t| t.contains(" bought")).await;
    assert!(done.contains("Printed on 'Bench Zebra'"), "{done}");
    let label = printed.recv_timeout(Duration::from_secs(20)).expect("the label reached the printer");
    let zpl = String::from_utf8_lossy(&label);
    assert!(zpl.starts_with("^XA") && zpl.contains("^GF"), "not converted ZPL: {}", &zpl[..zpl.len().min(200)]);
    let store = station::Store::open(station::account::Profile::demo().db_path(data.path())).unwrap();
    // The label Shippo (the embedded simulator) served for the PDF_4x6 purchase is a PDF. Its
    // transaction JSON carries no label_file_type, so the station records the file's format, PDF.
    let (file_type, head): (String, Vec<u8>) = store
        .read(|c| {
            Ok(c.query_row(
                "SELECT t.label_file_type, b.bytes FROM labels l JOIN label_blobs b ON b.sha256 = l.sha256
                 JOIN transactions t ON t.object_id = l.transaction_id ORDER BY l.id DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        })
        .unwrap();
    assert_eq!(file_type, "PDF");
    assert!(head.starts_with(b"%PDF"), "Shippo's label is not a PDF");
    drop(store);
    c.close().await.unwrap();
    drop(driver);

    // Restart on the same data dir: everything kept.
    let (_driver, c) = start(data.path()).await;
    wait_for_text(&c, "mode-badge", "DEMO").await;
    click(&c, "nav-settings").await;
    text_of(&c, "settings-printers").await;
    wait_until(&c, "label-printer", "the label printer", |t| t == "Bench Zebra").await;
    assert_eq!(value_of(&c, "role-label").await, "Bench Zebra");
    let pdf = find(&c, "format-pdf").await;
    assert_eq!(pdf.prop("checked").await.unwrap().as_deref(), Some("true"));
    assert_eq!(value_of(&c, "bench-theme").await, "dark");
    let theme = c.execute("return document.documentElement.dataset.theme", vec![]).await.unwrap();
    assert_eq!(theme.as_str(), Some("dark"));
    c.close().await.unwrap();
}
