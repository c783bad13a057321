//! CSV import in the real window, through the real GTK file chooser (driven with xdotool, as an
//! operator's keyboard would: Ctrl+L, the path, Return). A file with one broken line is refused
//! whole with that line's sentence, and nothing of it reaches the cache; the fixed file imports
//! every order, found by the window's search and in the SQLite file.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};

use crate::common::*;

const HEADER: &str = "order_number,placed_at,name,street1,city,state,zip,country,email,title,sku,quantity,weight,weight_unit\n";
const GOOD: [&str; 3] = [
    "CSV-9101,2026-11-20,Ana Muller,5 Market St,San Francisco,CA,94105,US,ana@example.com,Coffee Mug,MUG-1,2,1.2,lb\n",
    "CSV-9102,2026-11-21,Bo Chen,1 Pine St,Austin,TX,78701,US,,Poster,POS-1,1,0.5,lb\n",
    "CSV-9103,2026-11-22,Cy Dee,7 Elm Ave,Denver,CO,80202,US,,Scarf,SC-1,1,0.4,lb\n",
];
/// Line 4 of the broken file: a street with a comma and no quotes around it (one field too many).
const BROKEN: &str = "CSV-9104,2026-11-22,Di Eve,4 Oak St, Apt 2,Boston,MA,02108,US,,Lamp,LAMP-1,1,2,lb\n";
const FIXED: &str = "CSV-9104,2026-11-22,Di Eve,\"4 Oak St, Apt 2\",Boston,MA,02108,US,,Lamp,LAMP-1,1,2,lb\n";
const NUMBERS: [&str; 4] = ["CSV-9101", "CSV-9102", "CSV-9103", "CSV-9104"];

fn xdotool(args: &[&str]) -> String {
    let out = Command::new("xdotool").args(args).output().expect("xdotool runs (Debian package xdotool)");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// In the native "Open File" dialog (GTK's file chooser): the location field (Ctrl+L), the path,
/// Return: the dialog closes with that file chosen.
fn choose_in_file_dialog(path: &Path) {
    let deadline = Instant::now() + Duration::from_secs(20);
    let window = loop {
        let found = xdotool(&["search", "--onlyvisible", "--name", "^Open File$"]);
        if let Some(w) = found.lines().next() {
            break w.to_owned();
        }
        assert!(Instant::now() < deadline, "the native file dialog never opened (visible windows: {:?})", xdotool(&["search", "--onlyvisible", "--name", "."]));
        std::thread::sleep(Duration::from_millis(100));
    };
    xdotool(&["windowfocus", "--sync", &window]);
    std::thread::sleep(Duration::from_millis(400));
    xdotool(&["key", "--clearmodifiers", "ctrl+l"]);
    std::thread::sleep(Duration::from_millis(300));
    xdotool(&["type", "--delay", "15", &path.to_string_lossy()]);
    std::thread::sleep(Duration::from_millis(300));
    xdotool(&["key", "--clearmodifiers", "Return"]);
    let deadline = Instant::now() + Duration::from_secs(10);
    while !xdotool(&["search", "--onlyvisible", "--name", "^Open File$"]).is_empty() {
        assert!(Instant::now() < deadline, "the file dialog did not close after Return");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Order numbers of the file's orders that are in the demo profile's SQLite cache.
fn cached(data_dir: &Path) -> Vec<String> {
    let store = station::Store::open(station::account::Profile::demo().db_path(data_dir)).unwrap();
    let mut found = Vec::new();
    for n in NUMBERS {
        if let Some(o) = store.read(|tx| station::store::orders::find(tx, n)).unwrap() {
            found.push(o.order_number.unwrap_or_default());
        }
    }
    found
}

/// The order numbers the window lists for a search typed into the orders view.
async fn search(c: &Client, text: &str, want_count: &str) -> Vec<String> {
    let field = c.find(Locator::Css("[data-testid='orders-search']")).await.unwrap();
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
    wait_for_text(c, "orders-count", want_count).await;
    let v = c
        .execute("return Array.from(document.querySelectorAll(\"[data-testid='open-order']\")).map(e => e.textContent.trim());", vec![])
        .await
        .unwrap();
    let mut rows: Vec<String> = serde_json::from_value(v).unwrap();
    rows.sort();
    rows
}

async fn import(c: &Client, file: &Path) -> String {
    c.find(Locator::Css("[data-testid='import-csv']")).await.unwrap().click().await.unwrap();
    choose_in_file_dialog(file);
    wait_until(c, "import-message", "the import's sentence", |t| !t.is_empty() && t != "Importing…").await
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs a display (Xvfb), xdotool, WebKitWebDriver and tauri-driver: run by `cargo xtask test`"]
async fn a_csv_with_a_broken_line_imports_nothing_and_the_fixed_file_imports_every_order() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let broken = files.path().join("orders-broken.csv");
    std::fs::write(&broken, format!("{HEADER}{}{}{}{BROKEN}", GOOD[0], GOOD[1], GOOD[2])).unwrap();
    let fixed = files.path().join("orders-fixed.csv");
    std::fs::write(&fixed, format!("{HEADER}{}{}{}{FIXED}", GOOD[0], GOOD[1], GOOD[2])).unwrap();

    let (_driver, c) = start(data.path()).await;
    c.find(Locator::Css("[data-testid='nav-orders']")).await.unwrap().click().await.unwrap();
    wait_until(&c, "orders-count", "the cached orders", |t| !t.starts_with("Loading")).await;

    // The broken file: refused whole, its line named with what is wrong and how to fix it.
    let said = import(&c, &broken).await;
    assert!(
        said.contains("line 5: the row has 15 fields but the header has 14; a value that contains a comma needs quotes around it")
            && said.ends_with("nothing from the file was imported."),
        "{said}"
    );
    assert!(cached(data.path()).is_empty(), "orders of a refused file reached the cache: {:?}", cached(data.path()));
    assert_eq!(search(&c, "CSV-91", "No cached order matches.").await, Vec::<String>::new());
    c.screenshot().await.map(|png| std::fs::write(screenshot_dir().join("orders-import-refused.png"), png).unwrap()).unwrap();

    // The fixed file: every order created at Shippo (the demo's simulator) and cached.
    let said = import(&c, &fixed).await;
    assert_eq!(said, "4 orders imported.");
    assert!(c.find_all(Locator::Css("[data-testid='import-errors']")).await.unwrap().is_empty(), "no line is listed as not imported");
    assert_eq!(cached(data.path()), NUMBERS);
    assert_eq!(search(&c, "CSV-91", "4 orders.").await, NUMBERS);
    assert_eq!(search(&c, "CSV-9104", "1 order.").await, ["CSV-9104"]);
    c.screenshot().await.map(|png| std::fs::write(screenshot_dir().join("orders-import.png"), png).unwrap()).unwrap();
    c.close().await.unwrap();
}
