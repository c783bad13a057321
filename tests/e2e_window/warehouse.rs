//! Warehouse mode in the real window, against a real PostgreSQL (a throwaway cluster): the bench
//! is connected in Settings (URL and bench name), publishes and follows a settings profile, buys
//! (the Labels view lists the label under the bench's name, read from the shared database); the
//! server stops: the banner says so, a scan asks "Buy without the warehouse check", the answer
//! buys and prints; the server comes back: the banner goes and the unchecked purchase is in the
//! shared tables. In CI `SHIPBENCH_REQUIRE_POSTGRES=1` makes a missing PostgreSQL a failure.

use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};
use warehouse::testing::TestCluster;
use warehouse::{Warehouse, WarehouseConfig};

use crate::common::*;

const BENCH: &str = "window-bench";

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

/// Two domestic orders still waiting for a label, from the demo cache (after a sync).
fn two_orders(data: &std::path::Path) -> Vec<String> {
    let store = station::Store::open(station::account::Profile::demo().db_path(data)).unwrap();
    store
        .read(|c| {
            let mut st = c.prepare(
                "SELECT order_number FROM orders o WHERE o.order_status IN ('PAID', 'AWAITPAY', 'UNKNOWN')
                   AND o.to_country = 'US' AND o.order_number IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM order_transactions ot WHERE ot.order_id = o.object_id)
                 ORDER BY o.order_number LIMIT 2",
            )?;
            let rows = st.query_map([], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
            Ok(rows)
        })
        .unwrap()
}

/// Waits (up to `secs`) until an element matching `css` is present (`true`) or gone (`false`).
async fn wait_presence(c: &Client, css: &str, present: bool, secs: u64, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        let n = c.find_all(Locator::Css(css)).await.unwrap().len();
        if (n > 0) == present {
            return;
        }
        assert!(Instant::now() < deadline, "{what} (after {secs} s)");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

async fn buy_scanned(c: &Client, order: &str) {
    c.find(Locator::Css("[data-testid='scan-input']")).await.unwrap().send_keys(&format!("{order}\u{E007}")).await.unwrap();
    wait_for_text(c, "card-number", order).await;
    buy_on_card(c).await;
}

fn shot(png: &[u8], name: &str) {
    assert!(png.starts_with(b"\x89PNG"), "the screenshot is not a PNG");
    std::fs::write(screenshot_dir().join(name), png).unwrap();
    let _ = std::fs::create_dir_all("docs/screenshots");
    let _ = std::fs::write(format!("docs/screenshots/{name}"), png);
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs a display (Xvfb), WebKitWebDriver, tauri-driver and PostgreSQL: run by `cargo xtask test`"]
async fn a_bench_in_the_warehouse_buys_says_when_the_server_is_down_asks_and_reports_afterwards() {
    let Some(pg) = TestCluster::start() else { return };
    let watcher = Warehouse::connect(WarehouseConfig::new(&pg.url(), None, "test-watcher").unwrap()).await.expect("watcher");
    let data = tempfile::tempdir().unwrap();
    let (_driver, c) = start(data.path()).await;
    wait_for_text(&c, "mode-badge", "DEMO").await;
    if let Ok(b) = c.find(Locator::Css("[data-testid='open-report-dismiss']")).await {
        let _ = b.click().await;
    }

    // Settings > Warehouse: a single bench is offered the connection; URL and bench name.
    click(&c, "nav-settings").await;
    type_into(&c, "warehouse-url", &pg.url()).await;
    type_into(&c, "warehouse-bench", BENCH).await;
    click(&c, "warehouse-connect").await;
    let said = wait_until(&c, "warehouse-message", "the connection sentence", |t| !t.is_empty()).await;
    assert_eq!(said, format!("This bench ({BENCH}) is connected to the warehouse: every order is claimed there before it is bought."));
    let state = text_of(&c, "warehouse-state").await;
    assert!(state.contains(&format!("Bench {BENCH} in the warehouse at {}", pg.url())) && state.contains("connected"), "{state}");
    assert_eq!(watcher.benches().await.unwrap().iter().filter(|(n, _)| n == BENCH).count(), 1, "the bench is known to the warehouse");

    // Its settings published as the profile 'default', and followed.
    type_into(&c, "warehouse-save-as", "default").await;
    click(&c, "warehouse-profile-save").await;
    wait_until(&c, "warehouse-message", "the saved sentence", |t| t.starts_with("Saved the profile 'default' from this bench")).await;
    let saved = watcher.profile_entry("default").await.unwrap().expect("the profile row in PostgreSQL");
    assert_eq!(saved.updated_by, BENCH);
    find(&c, "warehouse-profiles").await.select_by_value("default").await.unwrap();
    click(&c, "warehouse-profile-use").await;
    wait_until(&c, "warehouse-profile", "follows the profile", |t| t.starts_with("Follows the profile 'default'")).await;
    shot(&c.screenshot().await.unwrap(), "settings-warehouse.png");

    // Buy: printed, and the Labels view lists it under the bench's name from the shared tables.
    click(&c, "nav-bench").await;
    click(&c, "header-sync").await;
    wait_until(&c, "sync-message", "a sync sentence", |t| t.ends_with("orders cached.")).await;
    let orders = two_orders(data.path());
    assert_eq!(orders.len(), 2, "{orders:?}");
    buy_scanned(&c, &orders[0]).await;
    let done = wait_until(&c, "status-line", "a bought sentence", |t| t.contains(" bought")).await;
    assert!(done.contains("Printed on"), "{done}");
    click(&c, "nav-labels").await;
    let row = format!("[data-testid='warehouse-label'][data-bench='{BENCH}'][data-order='{}']", orders[0]);
    wait_presence(&c, &row, true, 20, "the Labels view never listed the label under the bench's name").await;
    let shared = watcher.labels(10).await.unwrap();
    assert!(shared.iter().any(|l| l.bench == BENCH && l.order_number.as_deref() == Some(orders[0].as_str()) && !l.unchecked), "{shared:?}");

    // The server stops: the banner says so (the window asks every 15 s).
    pg.stop();
    click(&c, "nav-bench").await;
    wait_presence(&c, "[data-testid='warehouse-banner']", true, 40, "no warehouse banner while the server is down").await;
    let banner = text_of(&c, "warehouse-banner").await;
    assert!(banner.contains("does not answer") && banner.contains("search, review and reprint work"), "{banner}");

    // A scan: the question, answered: bought and printed.
    buy_scanned(&c, &orders[1]).await;
    let asked = wait_until(&c, "question", "the warehouse question", |t| t.contains("Buy without the warehouse check")).await;
    assert!(asked.contains("Nothing was bought"), "{asked}");
    assert_eq!(find(&c, "question-yes").await.text().await.unwrap(), "Buy without the warehouse check");
    shot(&c.screenshot().await.unwrap(), "bench-warehouse-down.png");
    click(&c, "question-yes").await;
    let done = wait_until(&c, "status-line", "a bought sentence", |t| t.contains(" bought")).await;
    assert!(done.contains("Printed on"), "{done}");
    let focused = c.active_element().await.unwrap().attr("data-testid").await.unwrap();
    assert_eq!(focused.as_deref(), Some("scan-input"), "the scan field has the keyboard after the answer");

    // The server is back: the banner goes, and the unchecked purchase is reported to it.
    pg.restart();
    wait_presence(&c, "[data-testid='warehouse-banner']", false, 40, "the banner stays after the server came back").await;
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let shared = watcher.labels(10).await.unwrap_or_default();
        if let Some(l) = shared.iter().find(|l| l.order_number.as_deref() == Some(orders[1].as_str())) {
            assert!(l.unchecked && l.bench == BENCH, "{l:?}");
            break;
        }
        assert!(Instant::now() < deadline, "the purchase made without the check never reached PostgreSQL: {shared:?}");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    c.close().await.unwrap();
}
