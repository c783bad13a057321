//! The first screen: the start-up report, a sync, buy & print from a row's card and by scan (the card,
//! then Enter), the token form.

use std::time::Duration;

use fantoccini::Locator;

use crate::common::*;

/// The tracking number in a status sentence "Order #1001: label TRACKING (…) bought …".
/// A print job left SENDING in the demo profile's cache, as a crash mid-send leaves it. Returns
/// its id.
fn leave_a_job_interrupted_while_sending(data_dir: &std::path::Path) -> i64 {
    use station::store::{labels, print_jobs};
    let store = station::Store::open(station::account::Profile::demo().db_path(data_dir)).unwrap();
    store
        .write(|tx| {
            let sha = labels::put_blob(tx, b"^XA^FO50,50^A0N,40,40^FDinterrupted^FS^XZ")?;
            let job = print_jobs::enqueue(
                tx,
                &print_jobs::NewPrintJob {
                    label_id: None,
                    document_sha256: sha,
                    document_type: "label".into(),
                    printer_name: "Demo label printer".into(),
                    reprint_of: None,
                },
            )?;
            Ok(print_jobs::claim(tx, job.id)?.expect("claimed").id)
        })
        .unwrap()
}

/// A buy's last sentence: bought, then what happened to the print job (printed, not printed yet,
/// not printed) or that it was only saved.
fn bought_outcome(t: &str) -> bool {
    t.contains(" bought") && (t.contains(". Printed on ") || t.contains(". Not printed") || t.ends_with("saved, not printed."))
}

fn tracking_in(sentence: &str) -> String {
    sentence
        .split_once(": label ")
        .and_then(|(_, rest)| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no tracking number in {sentence:?}"))
        .to_owned()
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs a display (Xvfb), WebKitWebDriver and tauri-driver: run by `cargo xtask test`"]
async fn an_operator_syncs_the_demo_shop_and_buys_and_prints_two_labels() {
    let data = tempfile::tempdir().unwrap();
    let interrupted = leave_a_job_interrupted_while_sending(data.path());
    let (_driver, c) = start(data.path()).await;

    // What start-up found is said at once: the job a stop interrupted, not resent.
    let line = wait_until(&c, "open-report-line", "the start-up report", |t| t.contains("interrupted by a stop")).await;
    assert!(line.contains(&format!("(job {interrupted})")) && line.contains("were not resent"), "{line}");
    c.find(Locator::Css("[data-testid='open-report-dismiss']")).await.unwrap().click().await.unwrap();
    assert!(c.find_all(Locator::Css("[data-testid='open-report']")).await.unwrap().is_empty(), "the banner stays after Dismiss");
    let focused = c.active_element().await.unwrap().attr("data-testid").await.unwrap();
    assert_eq!(focused.as_deref(), Some("scan-input"), "the scan field gets the keyboard back after Dismiss");

    // The first screen: name, DEMO badge, an empty cache that says what to do.
    wait_for_text(&c, "mode-badge", "DEMO").await;
    let title = c.find(Locator::Css("h1")).await.unwrap().text().await.unwrap();
    assert_eq!(title, "Shipbench");
    wait_for_text(&c, "orders-message", "No orders cached yet. Press Sync to fetch them from Shippo.").await;

    // Sync the simulator's shop into the cache.
    c.find(Locator::Css("[data-testid='header-sync']")).await.unwrap().click().await.unwrap();
    let synced = wait_until(&c, "sync-message", "a sync sentence", |t| t.contains(" sync: ") && t.ends_with("orders cached.")).await;
    assert!(synced.contains("orders cached"), "{synced}");
    wait_until(&c, "orders-message", "the synced orders listed", |t| t.contains(" order") && !t.starts_with("No ")).await;
    let rows = c.find_all(Locator::Css("[data-testid='order-row']")).await.unwrap();
    assert!(!rows.is_empty(), "the list is empty after a sync: {synced}");

    // Only the orders still to ship, then Buy & Print on the first row.
    c.find(Locator::Css("[data-testid='awaiting-only']")).await.unwrap().click().await.unwrap();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let first = c.find(Locator::Css("[data-testid='order-row'] td")).await.unwrap().text().await.unwrap();
    // The row opens the order's card; its rates come at once (the order has a weight); Buy & Print
    // buys the rule's pick.
    c.find(Locator::Css("[data-testid='open-order']")).await.unwrap().click().await.unwrap();
    wait_for_text(&c, "card-number", &first).await;
    wait_until(&c, "status-line", "the rates", |t| t.contains("Press Enter to buy")).await;
    c.find(Locator::Css("[data-testid='card-buy']")).await.unwrap().click().await.unwrap();
    let done = wait_until(&c, "status-line", "a bought sentence", bought_outcome).await;
    assert!(done.starts_with(&format!("Order {first}: label ")) && done.contains(". Printed on 'Demo label printer'"), "{done}");
    let tracking = tracking_in(&done);

    // The virtual printer got a ZPL label carrying that tracking number, and the window shows it.
    let zpl = files_ending(data.path(), ".zpl");
    assert_eq!(zpl.len(), 1, "one label printed: {zpl:?}");
    let bytes = std::fs::read(&zpl[0]).unwrap();
    assert!(bytes.starts_with(b"^XA") || String::from_utf8_lossy(&bytes).contains("^XA"), "not ZPL");
    // The preview is drawn just after the sentence: wait for it, as the operator's eye would.
    let preview = c
        .wait()
        .at_most(std::time::Duration::from_secs(10))
        .for_element(Locator::Css("[data-testid='label-preview']"))
        .await
        .expect("the label preview is shown");
    assert!(preview.attr("src").await.unwrap().unwrap_or_default().starts_with("data:image/png;base64,"));
    assert!(String::from_utf8_lossy(&bytes).contains(&tracking), "the printed label lacks tracking number {tracking}");

    // A scanner types the next order number and presses Enter.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let second = c.find(Locator::Css("[data-testid='order-row'] td")).await.unwrap().text().await.unwrap();
    assert_ne!(second, first, "the bought order should have left the awaiting list");
    let scan = c.find(Locator::Css("[data-testid='scan-input']")).await.unwrap();
    scan.send_keys(&format!("{second}\u{E007}")).await.unwrap();
    wait_for_text(&c, "card-number", &second).await;
    wait_until(&c, "status-line", "the rates", |t| t.contains("Press Enter to buy")).await;
    // Enter on the (empty) scan field buys the picked rate.
    scan.send_keys("\u{E007}").await.unwrap();
    let done2 = wait_until(&c, "status-line", "a second bought sentence", |t| t.starts_with(&format!("Order {second}:")) && bought_outcome(t)).await;
    assert!(done2.contains(". Printed on 'Demo label printer'"), "{done2}");
    assert_eq!(files_ending(data.path(), ".zpl").len(), 2);

    let png = c.screenshot().await.unwrap();
    let path = screenshot_dir().join("first-screen.png");
    std::fs::write(&path, &png).unwrap();
    assert!(png.starts_with(b"\x89PNG"), "the screenshot is not a PNG");
    eprintln!("screenshot: {}", path.display());

    // The token form refuses what is not a Shippo token, in one sentence, and the mode stays.
    c.find(Locator::Css("[data-testid='token-toggle']")).await.unwrap().click().await.unwrap();
    let input = c.find(Locator::Css("[data-testid='token-input']")).await.unwrap();
    assert_eq!(input.attr("type").await.unwrap().as_deref(), Some("password"));
    input.send_keys("hunter2-not-a-token").await.unwrap();
    c.find(Locator::Css("[data-testid='token-save']")).await.unwrap().click().await.unwrap();
    wait_for_text(
        &c,
        "token-message",
        "This does not look like a Shippo API token: it should start with shippo_test_ or shippo_live_ \
         (find it in the Shippo dashboard under Settings > API).",
    )
    .await;
    wait_for_text(&c, "mode-badge", "DEMO").await;
    c.close().await.unwrap();
}
