//! CSV import over real HTTP against the simulator: bad rows reported by line, good orders created
//! at Shippo and cached, nothing half-written.

mod sync_common;

use station::import::{import_csv, ImportProgress};
use station::store::orders;
use station::store::search::{self, OrderQuery};
use station::Store;

const CSV: &str = "\
order_number,placed_at,name,company,street1,street2,city,state,zip,country,email,title,sku,quantity,weight,weight_unit,price
SO-100,2026-11-20,Ana Müller,,Hauptstr. 5,,Berlin,,10115,DE,ana@example.com,Coffee Mug,MUG-1,2,1.2,lb,19.90
SO-100,,,,,,,,,,,Tea Towel,TOWEL-9,1,4,oz,6.50
SO-101,2026-11-21T09:30:00Z,Bo Chen,Acme,1 Market St,Suite 5,San Francisco,CA,94105,US,,Poster,,1,0.5,lb,
SO-102,,Cy Dee,,,,Paris,,75001,FR,,Scarf,SC-1,1,0.2,kg,
SO-103,,Di Eve,,4 Way,,Berlin,,10115,Germany,,Book,BK-1,1,0.5,kg,
SO-104,,Ed Fox,,5 Lane,,Austin,TX,78701,US,,Cap,CAP-1,0,0.3,lb,
SO-104,,,,,,,,,,,Belt,BELT-1,1,0.4,lb,
SO-105,,Flo Gee,,6 Road,,Denver,CO,80202,US,,Lamp,LAMP-1,1,abc,lb,
SO-106,,Gus Hay,,7 Ave,,Boston,MA,02108,US,,Pen,PEN-1,3,0.1,lb,
";

#[tokio::test]
async fn import_reports_bad_rows_by_line_and_loses_none_of_the_good() {
    let sim = sync_common::sim(10).await;
    let client = sync_common::client(&sim.base_url());
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("orders.csv");
    std::fs::write(&file, CSV).expect("write csv");
    let store = Store::open(dir.path().join("shipbench.db")).expect("open");

    let mut seen: Vec<ImportProgress> = Vec::new();
    let report = import_csv(&client, &store, &file, |p| seen.push(p)).await.expect("import");

    let imported: Vec<&str> = report.imported.iter().map(|o| o.order_number.as_str()).collect();
    assert_eq!(imported, ["SO-100", "SO-101", "SO-106"], "{:?}", report.errors);
    assert_eq!(report.imported[0].lines, [2, 3]);
    let errors: Vec<(u64, String)> = report.errors.iter().map(|e| (e.line, e.reason.clone())).collect();
    assert_eq!(errors.iter().map(|e| e.0).collect::<Vec<_>>(), [5, 6, 7, 8, 9], "{errors:?}");
    assert_eq!(errors[0].1, "street1 is missing");
    assert!(errors[1].1.contains("country 'GERMANY' is not a two-letter ISO code"), "{errors:?}");
    assert!(errors[2].1.contains("quantity must be a whole number above 0"));
    assert!(errors[3].1.contains("line 7 of the same order"));
    assert!(errors[4].1.contains("weight 'abc' is not a number above 0"));
    assert_eq!(seen.last().copied(), Some(ImportProgress { done: 3, total: 3 }));

    // The good orders exist at Shippo and in the cache, with every item.
    for o in &report.imported {
        let remote = client.orders().get(&o.object_id).await.expect("at Shippo");
        assert_eq!(remote.order_number.as_deref(), Some(o.order_number.as_str()));
        let cached = store.read(|c| orders::get(c, &o.object_id)).expect("read").expect("cached");
        assert_eq!(cached.order_number.as_deref(), Some(o.order_number.as_str()));
    }
    let so100 = store.read(|c| orders::find(c, "so-100")).expect("find").expect("SO-100");
    assert_eq!(so100.line_items.len(), 2);
    assert_eq!(so100.line_items[1].sku.as_deref(), Some("TOWEL-9"));
    assert_eq!(so100.to_address.country, "DE");
    assert_eq!(store.read(orders::count).expect("count"), 3, "bad orders are not cached");
    // Offline search finds the imported order by a diacritic-free name prefix and by SKU.
    let hit = store
        .read(|c| search::search(c, &OrderQuery { text: Some("mull".into()), ..Default::default() }))
        .expect("search");
    assert_eq!(hit.orders.first().and_then(|o| o.order_number.clone()), Some("SO-100".to_owned()));
    let hit = store
        .read(|c| search::search(c, &OrderQuery { text: Some("towel-9".into()), ..Default::default() }))
        .expect("search sku");
    assert_eq!(hit.total, 1);

    // Importing the same file again creates nothing twice.
    let again = import_csv(&client, &store, &file, |_| {}).await.expect("second import");
    assert!(again.imported.is_empty());
    assert!(again.errors.iter().any(|e| e.reason.contains("already in the order cache")));
    assert_eq!(store.read(orders::count).expect("count"), 3);
}

#[tokio::test]
async fn an_order_shippo_refuses_is_reported_and_the_others_continue() {
    let sim = sync_common::sim(10).await;
    let client = sync_common::client_no_retry(&sim.base_url());
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("orders.csv");
    std::fs::write(
        &file,
        "order_number,name,street1,city,zip,country,title,quantity,weight\n\
         A-1,Ann,1 St,Austin,78701,US,Mug,1,1\n\
         B-2,Bob,2 St,Austin,78701,US,Cap,1,1\n\
         C-3,Cy,3 St,Austin,78701,US,Hat,1,1\n",
    )
    .expect("write");
    let store = Store::open_in_memory().expect("store");
    // The second POST /orders fails at Shippo.
    sim.faults().set(shippo_sim::Faults {
        fail_nth: Some(shippo_sim::FailNth { n: 2, status: 500, path: Some("/orders".into()) }),
        ..Default::default()
    });
    let report = import_csv(&client, &store, &file, |_| {}).await.expect("import");
    let imported: Vec<&str> = report.imported.iter().map(|o| o.order_number.as_str()).collect();
    assert_eq!(imported, ["A-1", "C-3"]);
    assert_eq!(report.errors.len(), 1);
    assert_eq!(report.errors[0].line, 3);
    assert!(report.errors[0].reason.starts_with("Shippo did not take order B-2"), "{:?}", report.errors);
    assert_eq!(store.read(orders::count).expect("count"), 2);
}

// ---- strict files: a broken file is refused whole, with the line that breaks it ----

const STRICT_HEADER: &str = "order_number,name,street1,city,zip,country,title,quantity,weight,notes\n";

/// Imports `text` against a simulator that starts with no orders. Returns the import's result and
/// how many orders Shippo and the cache hold afterwards.
async fn import_text(text: &str) -> (station::Result<station::import::ImportReport>, u64, u64) {
    let sim = sync_common::sim(0).await;
    let client = sync_common::client(&sim.base_url());
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("orders.csv");
    std::fs::write(&file, text).expect("write csv");
    let store = Store::open(dir.path().join("shipbench.db")).expect("open");
    let result = import_csv(&client, &store, &file, |_| {}).await;
    let at_shippo = client
        .orders()
        .list(&shippo::api::orders::OrderListParams { results: Some(100), ..Default::default() })
        .await
        .expect("list orders at Shippo");
    let at_shippo = at_shippo.count.unwrap_or(at_shippo.results.len() as u64);
    let cached = store.read(orders::count).expect("count");
    (result, at_shippo, cached)
}

/// The sentence a refused file gives, or a panic naming what was imported instead.
fn refusal(result: station::Result<station::import::ImportReport>) -> String {
    match result {
        Err(e) => e.to_string(),
        Ok(report) => panic!("the file was imported in part: {report:?}"),
    }
}

#[tokio::test]
async fn an_unbalanced_quote_refuses_the_whole_file_and_names_its_line() {
    // Line 3 opens a quote it never closes; the next quote is on line 5. Read leniently, lines 3-5
    // become one order with a long name and another row's address.
    let text = format!(
        "{STRICT_HEADER}\
         A-1,Ann,1 St,Austin,78701,US,Mug,1,1,\n\
         B-2,\"Bob Lee,2 St,Austin,78701,US,Cap,1,1,\n\
         C-3,Cy,3 St,Austin,78701,US,Hat,1,1,\n\
         D-4,\"Di\",4 St,Austin,78701,US,Pen,1,1,\n\
         E-5,Ed,5 St,Austin,78701,US,Ink,1,1,\n"
    );
    let (result, at_shippo, cached) = import_text(&text).await;
    let err = refusal(result);
    assert!(err.contains("line 3:"), "{err}");
    assert!(err.contains("quote"), "{err}");
    assert!(err.contains("name"), "{err}");
    assert!(err.contains("nothing from the file was imported"), "{err}");
    assert!(!err.contains("line 2:") && !err.contains("line 6:"), "only the broken line is named: {err}");
    assert_eq!((at_shippo, cached), (0, 0), "nothing reached Shippo or the cache");
}

#[tokio::test]
async fn a_quote_left_open_to_the_end_of_the_file_refuses_it() {
    let text = format!(
        "{STRICT_HEADER}\
         A-1,Ann,1 St,Austin,78701,US,Mug,1,1,\n\
         B-2,Bob,2 St,Austin,78701,US,Cap,1,1,\"Leave at the door\n\
         C-3,Cy,3 St,Austin,78701,US,Hat,1,1,\n"
    );
    let (result, at_shippo, cached) = import_text(&text).await;
    let err = refusal(result);
    assert!(err.contains("line 3:") && err.contains("never closed"), "{err}");
    assert!(err.contains("notes"), "{err}");
    assert_eq!((at_shippo, cached), (0, 0));
}

#[tokio::test]
async fn a_line_break_in_a_single_line_field_refuses_the_file_but_notes_may_span_lines() {
    let text = format!(
        "{STRICT_HEADER}\
         A-1,Ann,1 St,Austin,78701,US,Mug,1,1,\n\
         B-2,Bob,\"2 St\nBack door\",Austin,78701,US,Cap,1,1,\n"
    );
    let (result, at_shippo, cached) = import_text(&text).await;
    let err = refusal(result);
    assert!(err.contains("line 3:") && err.contains("street1") && err.contains("line break"), "{err}");
    assert_eq!((at_shippo, cached), (0, 0));

    let text = format!(
        "{STRICT_HEADER}\
         A-1,Ann,1 St,Austin,78701,US,Mug,1,1,\"Leave at the\nback door\"\n\
         B-2,Bob,2 St,Austin,78701,US,Cap,1,1,\n"
    );
    let (result, at_shippo, cached) = import_text(&text).await;
    let report = result.expect("notes over two lines are fine");
    let lines: Vec<(&str, &[u64])> =
        report.imported.iter().map(|o| (o.order_number.as_str(), o.lines.as_slice())).collect();
    assert_eq!(lines, [("A-1", &[2][..]), ("B-2", &[4][..])], "{:?}", report.errors);
    assert_eq!((at_shippo, cached), (2, 2));
}

#[tokio::test]
async fn an_over_long_field_or_a_row_with_extra_fields_refuses_the_file() {
    let long_name = "N".repeat(182);
    let text = format!(
        "{STRICT_HEADER}\
         A-1,Ann,1 St,Austin,78701,US,Mug,1,1,\n\
         B-2,{long_name},2 St,Austin,78701,US,Cap,1,1,\n\
         C-3,Cy,3 St,Austin,78701,US,Hat,1,1,,surplus\n"
    );
    let (result, at_shippo, cached) = import_text(&text).await;
    let err = refusal(result);
    assert!(err.contains("line 3:") && err.contains("name") && err.contains("182 characters"), "{err}");
    assert!(err.contains("line 4:") && err.contains("11 fields"), "{err}");
    assert_eq!((at_shippo, cached), (0, 0));
}

/// `rows` CSV rows: `orders` orders of equal size, each row one item.
fn generated_csv(rows: usize, orders: usize) -> String {
    let mut text = String::from(STRICT_HEADER);
    let per_order = rows / orders;
    for i in 0..rows {
        let n = i / per_order;
        if i % per_order == 0 {
            text.push_str(&format!("G-{n},Buyer {n},{n} Main St,Austin,78701,US,Item {i},1,0.5,\n"));
        } else {
            text.push_str(&format!("G-{n},,,,,,Item {i},1,0.5,\n"));
        }
    }
    text
}

#[test]
fn twenty_thousand_rows_of_one_order_parse_in_linear_time() {
    let text = generated_csv(20_000, 1);
    let started = std::time::Instant::now();
    let parsed = station::import::csv::parse(text.as_bytes()).expect("parse");
    let took = started.elapsed();
    println!("CSV parse: 20000 rows of one order in {:.2} s", took.as_secs_f64());
    assert!(parsed.errors.is_empty(), "{:?}", &parsed.errors[..parsed.errors.len().min(3)]);
    assert_eq!(parsed.orders.len(), 1);
    assert_eq!(parsed.orders[0].draft.items.len(), 20_000);
    assert_eq!(parsed.orders[0].lines.last(), Some(&20_001));
    assert!(took.as_secs() < 10, "20000 rows took {took:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_thousand_rows_import_in_seconds() {
    let sim = sync_common::sim(0).await;
    let client = sync_common::client(&sim.base_url());
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("orders.csv");
    std::fs::write(&file, generated_csv(20_000, 500)).expect("write csv");
    let store = Store::open(dir.path().join("shipbench.db")).expect("open");
    let started = std::time::Instant::now();
    let report = import_csv(&client, &store, &file, |_| {}).await.expect("import");
    let took = started.elapsed();
    println!("CSV import: 20000 rows (500 orders of 40 items) read, sent to the simulator and cached in {:.2} s", took.as_secs_f64());
    assert!(report.errors.is_empty(), "{:?}", &report.errors[..report.errors.len().min(3)]);
    assert_eq!(report.imported.len(), 500);
    assert_eq!(store.read(orders::count).expect("count"), 500);
    let (_, _, _, items) = sync_common::counts(&store);
    assert_eq!(items, 20_000);
    assert!(took.as_secs() < 30, "20000 rows took {took:?}");
}
