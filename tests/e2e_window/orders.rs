//! The orders view and the header's online state in the real window: a search over a 100k-order
//! cache (with the keystroke figure), the offline banner while Shippo is stopped, and a batch.

use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};
use station::store::orders::{self, Address, LineItem, Order, OrderStatus};

use crate::common::*;

const CACHED: usize = 100_000;

/// Fills the demo profile's cache with `n` orders (#500000, #500001, …), as a sync of a big shop
/// leaves it.
fn seed_cache(data_dir: &std::path::Path, n: usize) {
    const NAMES: [&str; 8] = ["Ann Lee", "Bob Smith", "Carla Rossi", "Dmitri Ivanov", "Eve Brown", "Farid Cohen", "Grace Silva", "Hiro Tanaka"];
    const CITIES: [(&str, &str); 4] = [("Austin", "US"), ("Berlin", "DE"), ("London", "GB"), ("Toronto", "CA")];
    let store = station::Store::open(station::account::Profile::demo().db_path(data_dir)).unwrap();
    store
        .write(|tx| {
            for i in 0..n {
                let (city, country) = CITIES[i % CITIES.len()];
                let o = Order {
                    object_id: format!("seed{i:06}"),
                    order_number: Some(format!("#{}", 500_000 + i)),
                    status: if i % 4 == 0 { OrderStatus::Shipped } else { OrderStatus::Paid },
                    placed_at: format!("2026-{:02}-{:02}T{:02}:{:02}:00Z", 1 + (i / 9000) % 11, 1 + (i / 300) % 28, (i / 60) % 24, i % 60),
                    shop_app: Some("Shippo".into()),
                    weight: None,
                    weight_unit: None,
                    total_price: None,
                    subtotal_price: None,
                    total_tax: None,
                    currency: None,
                    shipping_cost: None,
                    shipping_cost_currency: None,
                    shipping_method: None,
                    notes: None,
                    to_address: Address {
                        name: Some(NAMES[i % NAMES.len()].into()),
                        street1: Some(format!("{} Main St", 1 + i % 900)),
                        city: Some(city.into()),
                        zip: Some("10001".into()),
                        country: country.into(),
                        ..Default::default()
                    },
                    from_address: None,
                    line_items: vec![LineItem { title: Some("Mug".into()), sku: Some(format!("MUG-{}", i % 50)), quantity: 1, ..Default::default() }],
                    transaction_ids: vec![],
                };
                orders::upsert(tx, &o)?;
            }
            Ok(())
        })
        .unwrap();
}

pub(crate) async fn click(c: &Client, testid: &str) {
    c.wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(&format!("[data-testid='{testid}']")))
        .await
        .unwrap_or_else(|e| panic!("the window never showed [{testid}]: {e}"))
        .click()
        .await
        .unwrap();
}

/// The rectangles `[left, top, right, bottom]` of two elements, as the window lays them out.
async fn rects(c: &Client, testids: [&str; 2]) -> [[f64; 4]; 2] {
    let v = c
        .execute(
            "return arguments[0].map(id => { const b = document.querySelector(`[data-testid='${id}']`).getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; });",
            vec![serde_json::json!(testids)],
        )
        .await
        .unwrap();
    serde_json::from_value(v).unwrap()
}

/// The order numbers in the rows drawn now (read in one go in the page: rows come and go as the
/// list redraws).
pub(crate) async fn drawn_orders(c: &Client) -> Vec<String> {
    let v = c
        .execute("return Array.from(document.querySelectorAll(\"[data-testid='open-order']\")).map(e => e.textContent.trim());", vec![])
        .await
        .unwrap();
    serde_json::from_value(v).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs a display (Xvfb), WebKitWebDriver and tauri-driver: run by `cargo xtask test`"]
async fn a_search_over_100k_cached_orders_finds_counts_scrolls_and_measures_each_keystroke() {
    let data = tempfile::tempdir().unwrap();
    let seeded = Instant::now();
    seed_cache(data.path(), CACHED);
    eprintln!("seeded {CACHED} orders in {:?}", seeded.elapsed());
    let (_driver, c) = start(data.path()).await;
    click(&c, "nav-orders").await;
    wait_until(&c, "orders-count", "a count of the cached orders", |t| !t.starts_with("Loading") && t.contains("order")).await;
    let rows = c.find_all(Locator::Css("[data-testid='orders-row']")).await.unwrap().len();
    assert!(rows < 60, "only the rows in view are drawn, not {rows}");

    // Every match is counted: the scroll bar spans all 100k rows. Scroll deep into the list: the
    // rows there are fetched by offset and drawn (and only those).
    wait_for_text(&c, "orders-count", "100,000 orders.").await;
    c.execute("const v = document.querySelector(\"[data-testid='orders-viewport']\"); v.scrollTop = 90000 * 32; v.dispatchEvent(new Event('scroll'));", vec![])
        .await
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let rows = c.find_all(Locator::Css("[data-testid='orders-row']")).await.unwrap();
        let first = rows[0].attr("data-index").await.unwrap().unwrap_or_default().parse::<usize>().unwrap_or(0);
        let drawn = drawn_orders(&c).await;
        if first > 89_000 && !drawn.is_empty() {
            assert!(first <= 90_000 && rows.len() < 60, "row {first} first, {} rows drawn", rows.len());
            break;
        }
        assert!(Instant::now() < deadline, "rows near 90000 were never drawn (first drawn: {first}, {drawn:?})");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // Type an order number key by key, as an operator does; each keystroke is timed in the page
    // from the input event to the rows drawn (performance.now()).
    let search = c.find(Locator::Css("[data-testid='orders-search']")).await.unwrap();
    c.execute("window.__ordersKeystrokeMs = [];", vec![]).await.unwrap();
    let mut typed = 0;
    for round in 0..4 {
        if round > 0 {
            search.clear().await.unwrap();
            tokio::time::sleep(Duration::from_millis(300)).await;
            c.execute("window.__ordersKeystrokeMs = window.__ordersKeystrokeMs || [];", vec![]).await.unwrap();
        }
        for ch in "#512345".chars() {
            search.send_keys(&ch.to_string()).await.unwrap();
            typed += 1;
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
    }
    wait_for_text(&c, "orders-count", "1 order.").await;
    assert_eq!(drawn_orders(&c).await, vec!["#512345".to_owned()]);
    let times = c.execute("return window.__ordersKeystrokeMs;", vec![]).await.unwrap();
    let mut ms: Vec<f64> = serde_json::from_value(times).unwrap();
    assert!(ms.len() + 4 >= typed, "every keystroke was answered: {} of {typed}", ms.len());
    ms.sort_by(f64::total_cmp);
    let p95 = ms[((ms.len() as f64 * 0.95).ceil() as usize).saturating_sub(1)];
    let median = ms[ms.len() / 2];
    println!("BENCH|window_orders_keystroke_p95|{p95:.1} ms|<= 50 ms (median {median:.1} ms, {} keystrokes, {CACHED} cached orders)", ms.len());
    // A figure, not a timed test (speed is measured, not asserted, in the suite): a machine busy
    // with other builds would fail it for nothing. Set SHIPBENCH_KEYSTROKE_BUDGET_MS to hold a
    // quiet machine to the goal.
    if let Some(budget) = std::env::var("SHIPBENCH_KEYSTROKE_BUDGET_MS").ok().and_then(|v| v.parse::<f64>().ok()) {
        assert!(p95 <= budget, "keystroke to rows drawn p95 {p95:.1} ms > {budget} ms: {ms:?}");
    }

    // Filters narrow the same cache: every fourth order is shipped and every fourth goes to
    // Canada, never the same ones.
    search.clear().await.unwrap();
    c.find(Locator::Css("[data-testid='orders-filter'] option[value='shipped']")).await.unwrap().click().await.unwrap();
    let country = c.find(Locator::Css("[data-testid='orders-country']")).await.unwrap();
    country.send_keys("CA").await.unwrap();
    wait_for_text(&c, "orders-count", "No cached order matches.").await;
    c.find(Locator::Css("[data-testid='orders-filter'] option[value='all']")).await.unwrap().click().await.unwrap();
    wait_for_text(&c, "orders-count", "25,000 orders.").await;
    assert!(drawn_orders(&c).await.iter().all(|n| n.trim_start_matches('#').parse::<usize>().unwrap() % 4 == 3));
    c.screenshot().await.map(|png| std::fs::write(screenshot_dir().join("orders-100k.png"), png).unwrap()).unwrap();
}

/// Orders awaiting shipment to the US in the demo profile's cache (after a sync), oldest first.
fn awaiting_domestic(data_dir: &std::path::Path, n: usize) -> Vec<String> {
    use station::store::search::{self, LabelFilter, OrderQuery, OrderSort};
    let store = station::Store::open(station::account::Profile::demo().db_path(data_dir)).unwrap();
    let q = OrderQuery { label: Some(LabelFilter::AwaitingShipment), country: Some("US".into()), sort: OrderSort::Oldest, limit: Some(n as u32), ..Default::default() };
    store.read(|c| search::search(c, &q)).unwrap().orders.into_iter().map(|o| o.order_number.unwrap()).collect()
}

/// Sets the street of an order's ship-to address in the demo cache (None: the street is missing,
/// as a shop sends it; Some: the operator's correction).
fn set_street(data_dir: &std::path::Path, number: &str, street: Option<&str>) -> Option<String> {
    let store = station::Store::open(station::account::Profile::demo().db_path(data_dir)).unwrap();
    let street = street.map(str::to_owned);
    let number = number.to_owned();
    store
        .write(move |tx| {
            let mut o = orders::find(tx, &number)?.expect("order cached");
            let old = o.to_address.street1.take();
            o.to_address.street1 = street;
            orders::upsert(tx, &o)?;
            Ok(old)
        })
        .unwrap()
}

/// The batch's rows as (order, result), in the list's order.
pub(crate) async fn result_lines(c: &Client) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for row in c.find_all(Locator::Css("[data-testid='batch-row']")).await.unwrap() {
        let cells = row.find_all(Locator::Css("td")).await.unwrap();
        out.push((cells[0].text().await.unwrap(), cells[1].text().await.unwrap()));
    }
    out
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs a display (Xvfb), WebKitWebDriver and tauri-driver: run by `cargo xtask test`"]
async fn a_batch_of_five_with_one_bad_address_prints_four_in_order_and_retries_the_fifth() {
    let data = tempfile::tempdir().unwrap();
    let (_driver, c) = start(data.path()).await;
    // The header's sync fills the cache from the demo shop; the last sync time shows.
    click(&c, "header-sync").await;
    wait_until(&c, "sync-message", "a finished sync", |t| t.contains("orders cached")).await;
    let last = text_of(&c, "last-sync").await;
    assert!(last.starts_with("Last sync: ") && !last.ends_with("never"), "{last}");

    let five = awaiting_domestic(data.path(), 5);
    assert_eq!(five.len(), 5);
    // The shop sent the third without a street.
    let street = set_street(data.path(), &five[2], None).expect("the order had a street");

    click(&c, "nav-orders").await;
    let search = c.find(Locator::Css("[data-testid='orders-search']")).await.unwrap();
    for number in &five {
        search.clear().await.unwrap();
        search.send_keys(number).await.unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        while drawn_orders(&c).await != vec![number.clone()] {
            assert!(Instant::now() < deadline, "the search for {number} never showed it alone");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        click(&c, "select-order").await;
    }
    wait_for_text(&c, "selected-count", "5 selected").await;
    search.clear().await.unwrap();
    click(&c, "batch-start").await;
    let done = wait_until(&c, "batch-message", "the batch's summary", |t| t.starts_with("Batch ")).await;
    assert!(done.ends_with(": 4 of 5 bought, 4 sent to the printer, 1 failed."), "{done}");
    let lines = result_lines(&c).await;
    assert_eq!(lines.len(), 5, "{lines:?}");
    let bad = lines.iter().position(|(o, _)| *o == five[2]).expect("the bad order has a row");
    for (i, (order, result)) in lines.iter().enumerate() {
        if i == bad {
            assert!(result.starts_with("Failed: ") && result.contains("address"), "the reason is said: {lines:?}");
        } else {
            assert!(result.ends_with("(sent to the printer)"), "{order}: {result}");
        }
    }

    // Four labels printed, in the list's order.
    let deadline = Instant::now() + Duration::from_secs(30);
    while files_ending(data.path(), ".zpl").len() < 4 {
        assert!(Instant::now() < deadline, "four labels never reached the printer");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let printed: Vec<String> = files_ending(data.path(), ".zpl").iter().map(|p| String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned()).collect();
    assert_eq!(printed.len(), 4);
    let good: Vec<&String> = lines.iter().enumerate().filter(|(i, _)| *i != bad).map(|(_, (_, l))| l).collect();
    for (label, line) in printed.iter().zip(&good) {
        let tracking = line.split_whitespace().next().unwrap();
        assert!(label.contains(tracking), "labels printed out of the list's order: {tracking} not in the next label");
    }
    std::fs::create_dir_all(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/screenshots")).unwrap();
    let png = c.screenshot().await.unwrap();
    std::fs::write(screenshot_dir().join("orders-batch.png"), &png).unwrap();

    // The operator fixes the address; "Retry the failed ones" buys the fifth, nothing twice.
    set_street(data.path(), &five[2], Some(&street));
    click(&c, "batch-retry").await;
    let again = wait_until(&c, "batch-message", "the retried batch's summary", |t| t.contains("5 of 5 bought")).await;
    assert!(again.ends_with(": 5 of 5 bought, 5 sent to the printer, 0 failed."), "{again}");
    let lines2 = result_lines(&c).await;
    for (i, (a, b)) in lines.iter().zip(&lines2).enumerate() {
        if i != bad {
            assert_eq!(a, b, "an order bought in the first run was bought again");
        } else {
            assert!(b.1.ends_with("(sent to the printer)"), "the fixed order was bought: {b:?}");
        }
    }
    let deadline = Instant::now() + Duration::from_secs(30);
    while files_ending(data.path(), ".zpl").len() < 5 {
        assert!(Instant::now() < deadline, "the fifth label never reached the printer");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(files_ending(data.path(), ".zpl").len(), 5, "five labels, not more");
    let png = c.screenshot().await.unwrap();
    std::fs::write(screenshot_dir().join("orders-batch-retried.png"), &png).unwrap();
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs a display (Xvfb), WebKitWebDriver and tauri-driver: run by `cargo xtask test`"]
async fn the_offline_banner_shows_while_shippo_is_stopped_and_goes_when_it_is_back() {
    use shippo_sim::{SimConfig, Simulator};
    let port = free_port();
    let config = || SimConfig { seed: 7, orders: 30, tokens: Vec::new(), rate_limits: false, port };
    let sim = Simulator::start(config()).await.expect("simulator");
    let base = sim.base_url();
    let data = tempfile::tempdir().unwrap();
    let token = "shippo_test_0123456789abcdef0123456789abcdef0e2e0ff1";
    let (_driver, c) = start_with(data.path(), &["--api-base", &base], &[("SHIPBENCH_TOKEN", token)]).await;
    // A TEST bench on a new data dir opens the first-run setup: this operator skips it.
    click(&c, "setup-skip").await;

    click(&c, "header-sync").await;
    wait_until(&c, "sync-message", "a finished sync", |t| t.contains("orders cached")).await;
    assert!(c.find_all(Locator::Css("[data-testid='offline-banner']")).await.unwrap().is_empty(), "offline while Shippo answers");

    // Shippo goes away: a sync fails, the window says it is offline and what still works.
    sim.shutdown().await;
    click(&c, "header-sync").await;
    let banner = wait_until(&c, "offline-banner", "the offline banner", |t| !t.is_empty()).await;
    assert!(banner.contains("Shippo cannot be reached") && banner.contains("Search, order review and reprints still work"), "{banner}");
    let last = text_of(&c, "last-sync").await;
    assert!(!last.ends_with("never"), "the last sync time stays visible offline: {last}");

    // Search still works from the cache.
    click(&c, "nav-orders").await;
    let count = wait_until(&c, "orders-count", "the cached orders", |t| !t.starts_with("Loading") && t.ends_with("orders.")).await;
    assert!(count.starts_with("30 orders") || count.contains("orders"), "{count}");
    // The banner sits above the view, not over it: the search box is whole and on top.
    let [banner, search] = rects(&c, ["offline-banner", "orders-search"]).await;
    assert!(
        banner[3] <= search[1] || search[3] <= banner[1] || banner[2] <= search[0] || search[2] <= banner[0],
        "the offline banner {banner:?} covers the search box {search:?}"
    );
    let on_top = c
        .execute("const b = document.querySelector(\"[data-testid='orders-search']\").getBoundingClientRect(); return document.elementFromPoint(b.left + 4, b.top + 4)?.dataset?.testid ?? null;", vec![])
        .await
        .unwrap();
    assert_eq!(on_top.as_str(), Some("orders-search"), "something is drawn over the search box's corner");
    let png = c.screenshot().await.unwrap();
    std::fs::write(screenshot_dir().join("orders-offline.png"), &png).unwrap();

    // Shippo is back on the same address: the banner goes by itself (the window asks again).
    let sim = Simulator::start(config()).await.expect("simulator restarted");
    let deadline = Instant::now() + Duration::from_secs(30);
    while !c.find_all(Locator::Css("[data-testid='offline-banner']")).await.unwrap().is_empty() {
        assert!(Instant::now() < deadline, "the offline banner stayed after Shippo came back");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    sim.shutdown().await;
}
