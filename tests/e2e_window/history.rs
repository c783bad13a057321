//! The rest of the operator's day: the labels history (reprint from the cache, void followed until
//! Shippo refunds it), the end of the day (manifest on the document printer, the day's figures).

use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};

use crate::common::*;

/// The demo profile's cache, read beside the running window.
fn demo_store(data_dir: &std::path::Path) -> station::Store {
    station::Store::open(station::account::Profile::demo().db_path(data_dir)).unwrap()
}

/// Waits until the sync has cached a domestic order that still waits for its label; its number.
async fn an_order_to_ship(data_dir: &std::path::Path) -> String {
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        let store = demo_store(data_dir);
        let found: Option<String> = store
            .read(|c| {
                // No row yet reads as None (the sync is still running).
                Ok(c.query_row(
                    "SELECT order_number FROM orders o WHERE o.order_status IN ('PAID', 'AWAITPAY', 'UNKNOWN')
                       AND o.to_country = 'US' AND o.order_number IS NOT NULL
                       AND NOT EXISTS (SELECT 1 FROM order_transactions ot WHERE ot.order_id = o.object_id)
                     ORDER BY o.placed_at DESC LIMIT 1",
                    [],
                    |r| r.get::<_, String>(0),
                )
                .ok())
            })
            .unwrap();
        if let Some(n) = found {
            return n;
        }
        assert!(Instant::now() < deadline, "the sync cached no order to ship");
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
}

/// The newest label of the cache that was not bought at this bench, waited for until the sync
/// has stored its rate: (tracking number, carrier, service, price).
async fn a_label_bought_elsewhere(data_dir: &std::path::Path) -> (String, String, String, String) {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let found = demo_store(data_dir)
            .read(|c| {
                Ok(c.query_row(
                    "SELECT t.tracking_number, r.provider, r.servicelevel_name, r.amount
                     FROM transactions t LEFT JOIN rates r ON r.object_id = t.rate_id
                     WHERE t.status = 'SUCCESS' AND t.tracking_number IS NOT NULL
                       AND NOT EXISTS (SELECT 1 FROM purchases p WHERE p.transaction_id = t.object_id)
                     ORDER BY t.created_at DESC LIMIT 1",
                    [],
                    |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?, r.get::<_, Option<String>>(2)?, r.get::<_, Option<String>>(3)?)),
                )
                .ok())
            })
            .unwrap();
        if let Some((t, Some(p), Some(s), Some(a))) = found {
            return (t, p, s, a);
        }
        assert!(Instant::now() < deadline, "the sync stored no rate for the labels bought elsewhere");
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
}

/// Clicks the element; while something still covers it (the window settling after start), tries
/// again for up to 10 s, as an operator would click again once the screen is still.
async fn click(c: &Client, css: &str) {
    let el = c
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("the window never showed {css}: {e}"));
    // Into the middle of the view: at the bottom edge the sync sentence's bar would cover it.
    let arg = serde_json::to_value(&el).expect("element as JSON");
    c.execute("arguments[0].scrollIntoView({block: 'center'})", vec![arg]).await.expect("scrolled");
    for _ in 0..40 {
        match el.click().await {
            Err(fantoccini::error::CmdError::Standard(e)) if e.error == fantoccini::error::ErrorStatus::ElementClickIntercepted => {
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
            r => return r.unwrap_or_else(|e| panic!("could not click {css}: {e}")),
        }
    }
    panic!("{css} stayed covered for 10 s");
}

/// The newest file of the virtual printers ending with `suffix`, and how many there are.
fn newest(data_dir: &std::path::Path, suffix: &str) -> (usize, Option<std::path::PathBuf>) {
    let all = files_ending(data_dir, suffix);
    let n = all.len();
    (n, all.into_iter().max_by_key(|p| p.file_name().map(|f| f.to_owned())))
}

async fn wait_for_files(data_dir: &std::path::Path, suffix: &str, n: usize) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while newest(data_dir, suffix).0 < n {
        assert!(Instant::now() < deadline, "the virtual printer got {} {suffix} file(s), expected {n}", newest(data_dir, suffix).0);
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

fn tracking_in(sentence: &str) -> String {
    sentence
        .split_once(": label ")
        .and_then(|(_, rest)| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no tracking number in {sentence:?}"))
        .to_owned()
}

fn save_screenshot(png: &[u8], name: &str) {
    assert!(png.starts_with(b"\x89PNG"), "the screenshot is not a PNG");
    let path = screenshot_dir().join(name);
    std::fs::write(&path, png).unwrap();
    eprintln!("screenshot: {}", path.display());
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs a display (Xvfb), WebKitWebDriver and tauri-driver: run by `cargo xtask test`"]
async fn an_operator_reprints_voids_and_closes_the_day() {
    let data = tempfile::tempdir().unwrap();
    let (_driver, c) = start(data.path()).await;

    // Sync the demo shop, then scan an order that waits for its label.
    click(&c, "[data-testid='header-sync']").await;
    let order = an_order_to_ship(data.path()).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let scan = c.find(Locator::Css("[data-testid='scan-input']")).await.unwrap();
    scan.send_keys(&format!("{order}\u{E007}")).await.unwrap();
    // The card opens with the rates; Enter buys the rule's pick.
    wait_until(&c, "status-line", "the rates", |t| t.contains("Press Enter to buy")).await;
    scan.send_keys("\u{E007}").await.unwrap();
    let bought = wait_until(&c, "status-line", "a bought sentence", |t| t.starts_with(&format!("Order {order}:")) && t.contains(" bought")).await;
    assert!(bought.contains("Printed on 'Demo label printer'"), "{bought}");
    let tracking = tracking_in(&bought);
    wait_for_files(data.path(), ".zpl", 1).await;
    let first = std::fs::read(newest(data.path(), ".zpl").1.unwrap()).unwrap();

    // The newest label the shop bought elsewhere, once the sync has its rate from Shippo.
    let (elsewhere, provider, service, amount) = a_label_bought_elsewhere(data.path()).await;

    // Labels: the label is listed with its order and tracking number.
    click(&c, "[data-testid='nav-labels']").await;
    let row = format!("[data-testid='label-row'][data-tracking='{tracking}']");
    let row_text = c.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css(&row)).await.unwrap().text().await.unwrap();
    assert!(row_text.contains(&order) && row_text.contains(&tracking), "{row_text}");

    // A label found at Shippo by the sync shows its carrier, service and price like one bought here.
    let other = format!("[data-testid='label-row'][data-tracking='{elsewhere}']");
    let cell = |what: &str| format!("{other} [data-testid='{what}']");
    let shown_service = c.find(Locator::Css(&cell("label-service"))).await.unwrap().text().await.unwrap();
    assert_eq!(shown_service, format!("{provider} · {service}"));
    let shown_price = c.find(Locator::Css(&cell("label-price"))).await.unwrap().text().await.unwrap();
    assert_eq!(shown_price, format!("{amount} USD"));

    // Reprint (by its accessible name): the virtual printer gets the very same bytes again.
    click(&c, &format!("button[aria-label='Reprint label {tracking}']")).await;
    let reprinted = wait_until(&c, "status-line", "a reprint sentence", |t| t.contains("Printed on") || t.contains("not printed") || t.contains("Not printed")).await;
    assert!(reprinted.contains("Printed on 'Demo label printer'"), "{reprinted}");
    wait_for_files(data.path(), ".zpl", 2).await;
    let again = std::fs::read(newest(data.path(), ".zpl").1.unwrap()).unwrap();
    assert_eq!(again, first, "the reprint's bytes differ from the first print's");

    // The order's packing slip goes to the virtual document printer as a PDF.
    let pdfs = newest(data.path(), ".pdf").0;
    click(&c, &format!("button[aria-label='Print packing slip for order {order}']")).await;
    let slip = wait_until(&c, "status-line", "a packing slip sentence", |t| t.contains("packing slip: ")).await;
    assert!(slip.contains("Printed on 'Demo document printer'"), "{slip}");
    wait_for_files(data.path(), ".pdf", pdfs + 1).await;

    // End of day: today's manifest goes to the virtual document printer as a PDF, and is listed.
    click(&c, "[data-testid='nav-day']").await;
    wait_for_text(&c, "day-bought", "1").await;
    wait_for_text(&c, "day-voided", "0").await;
    let pdfs_before = newest(data.path(), ".pdf").0;
    click(&c, "[data-testid='print-manifest']").await;
    let made = wait_until(&c, "status-line", "a manifest sentence", |t| t.contains("manifest(s) made") || t.contains("could not")).await;
    assert!(made.starts_with("1 manifest(s) made, 1 document(s) sent to the document printer"), "{made}");
    wait_for_files(data.path(), ".pdf", pdfs_before + 1).await;
    let pdf = std::fs::read(newest(data.path(), ".pdf").1.unwrap()).unwrap();
    assert!(pdf.starts_with(b"%PDF"), "the manifest is not a PDF");
    let listed = text_of(&c, "manifest-row").await;
    assert!(listed.contains(&station::store::history::LocalDay::today().date.to_string()), "{listed}");

    // Void: asked first in a real dialog (keyboard inside, Esc closes it), then followed to REFUNDED.
    click(&c, "[data-testid='nav-labels']").await;
    let void = format!("button[aria-label='Void label {tracking}']");
    click(&c, &void).await;
    let dialog = c.find(Locator::Css("[role='dialog'][aria-modal='true']")).await.unwrap();
    assert!(dialog.text().await.unwrap().contains(&tracking));
    let focused = c.active_element().await.unwrap().attr("data-testid").await.unwrap();
    assert_eq!(focused.as_deref(), Some("confirm-no"), "the dialog does not take the keyboard");
    c.active_element().await.unwrap().send_keys("\u{E00C}").await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(c.find_all(Locator::Css("[role='dialog']")).await.unwrap().is_empty(), "Esc did not close the dialog");
    click(&c, &void).await;
    click(&c, "[data-testid='confirm-yes']").await;
    let voided = wait_until(&c, "status-line", "a void sentence", |t| t.starts_with(&format!("Label {tracking} "))).await;
    assert_eq!(voided, format!("Label {tracking} is void; Shippo refunded it."));
    let status = c.find(Locator::Css(&format!("{row} [data-testid='label-status']"))).await.unwrap().text().await.unwrap();
    assert!(status.contains("voided (refunded)"), "{status}");
    let stored = demo_store(data.path())
        .read(move |c| station::store::transactions::find_by_tracking(c, &tracking))
        .unwrap();
    assert_eq!(stored[0].status, "REFUNDED");
    save_screenshot(&c.screenshot().await.unwrap(), "history.png");

    // The day's figures: one bought, one voided, nothing kept to pay for.
    click(&c, "[data-testid='nav-day']").await;
    wait_for_text(&c, "day-bought", "1").await;
    wait_for_text(&c, "day-voided", "1").await;
    let carrier = text_of(&c, "day-carrier").await;
    assert!(carrier.contains("0.00"), "{carrier}");
    save_screenshot(&c.screenshot().await.unwrap(), "day-summary.png");
    c.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs a display (Xvfb), WebKitWebDriver and tauri-driver: run by `cargo xtask test`"]
async fn with_the_setting_on_each_label_brings_its_packing_slip() {
    let data = tempfile::tempdir().unwrap();
    let (_driver, c) = start(data.path()).await;
    click(&c, "[data-testid='header-sync']").await;
    let order = an_order_to_ship(data.path()).await;

    // Settings > Bench: "Print a packing slip with each label" (a real checkbox, saved at once).
    click(&c, "[data-testid='nav-settings']").await;
    click(&c, "input[type='checkbox'][data-testid='bench-slip-with-label']").await;
    wait_for_text(&c, "bench-message", "A packing slip is printed with each label (on the packing-slips printer).").await;
    let on = demo_store(data.path()).read(station::store::settings::load).unwrap();
    assert!(on.bench.packing_slip_with_label, "the setting was not saved");

    // Buy from the card: the label prints, then the slip on the document printer, both said.
    let pdfs = newest(data.path(), ".pdf").0;
    click(&c, "[data-testid='nav-bench']").await;
    let scan = c.find(Locator::Css("[data-testid='scan-input']")).await.unwrap();
    scan.send_keys(&format!("{order}\u{E007}")).await.unwrap();
    wait_until(&c, "status-line", "the rates", |t| t.contains("Press Enter to buy")).await;
    scan.send_keys("\u{E007}").await.unwrap();
    let bought = wait_until(&c, "status-line", "a bought sentence with its slip", |t| {
        t.starts_with(&format!("Order {order}:")) && t.contains("Packing slip")
    })
    .await;
    assert!(bought.contains("Printed on 'Demo label printer'"), "{bought}");
    assert!(bought.contains("Packing slip: Printed on 'Demo document printer'"), "{bought}");
    wait_for_files(data.path(), ".pdf", pdfs + 1).await;
    let slip = std::fs::read(newest(data.path(), ".pdf").1.unwrap()).unwrap();
    assert!(slip.starts_with(b"%PDF"), "the slip is not a PDF");
    assert!(
        String::from_utf8_lossy(&slip).contains(&format!("PACKING SLIP  Order {order}")),
        "the document printer's PDF does not name order {order}"
    );
    // The scan field has the keyboard again.
    assert_eq!(c.active_element().await.unwrap().attr("data-testid").await.unwrap().as_deref(), Some("scan-input"));
    c.close().await.unwrap();
}
