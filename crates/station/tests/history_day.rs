//! The end of the day is the bench's local day: a label bought on a US evening (already the next
//! day in UTC) belongs to that evening's manifest and day summary.

use chrono::{DateTime, FixedOffset, NaiveDate};
use station::store::history::{self, LocalDay};
use station::store::transactions::{self, TransactionRecord};
use station::Store;

fn new_york_evening() -> DateTime<FixedOffset> {
    // 22:00 on 30 November in New York (EST, UTC-5) is 03:00 on 1 December in UTC.
    DateTime::parse_from_rfc3339("2026-11-30T22:00:00-05:00").expect("time")
}

fn label(id: &str, created_at: &str, status: &str, rate: &str) -> TransactionRecord {
    TransactionRecord {
        object_id: id.into(),
        rate_id: Some(rate.into()),
        status: status.into(),
        tracking_number: Some(format!("9400{id}")),
        carrier: Some("usps".into()),
        created_at: created_at.into(),
        ..Default::default()
    }
}

fn store_with_rates() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(dir.path().join("shipbench.db")).expect("store");
    store
        .write(|tx| {
            tx.execute_batch(
                "INSERT INTO shipments (object_id, status, created_at, updated_at) VALUES ('s1', 'SUCCESS', '2026-11-30T00:00:00.000Z', '2026-11-30T00:00:00.000Z');
                 INSERT INTO rates (object_id, shipment_id, provider, servicelevel_token, servicelevel_name, amount, currency, carrier_account, created_at)
                   VALUES ('r-usps', 's1', 'USPS', 'usps_priority', 'Priority Mail', '7.50', 'USD', 'acct-usps', '2026-11-30T00:00:00.000Z'),
                          ('r-ups', 's1', 'UPS', 'ups_ground', 'Ground', '12.25', 'USD', 'acct-ups', '2026-11-30T00:00:00.000Z');",
            )?;
            Ok(())
        })
        .expect("rates");
    (dir, store)
}

#[test]
fn the_local_day_of_a_us_evening_is_that_evening_not_the_utc_day() {
    let day = LocalDay::containing(&new_york_evening());
    assert_eq!(day.date, NaiveDate::from_ymd_opt(2026, 11, 30).expect("date"));
    assert_eq!(day.start, "2026-11-30T05:00:00.000Z");
    assert_eq!(day.end, "2026-12-01T05:00:00.000Z");
    // Bought at 21:30 New York time: already 1 December in UTC, still today at the bench.
    assert!(day.contains("2026-12-01T02:30:00.000Z"));
    // Bought at 10:00 in the morning.
    assert!(day.contains("2026-11-30T15:00:00Z"));
    // The evening before, and the next morning, are other days.
    assert!(!day.contains("2026-11-30T04:59:59.999Z"));
    assert!(!day.contains("2026-12-01T05:00:00.000Z"));
}

#[test]
fn the_day_summary_and_the_manifest_accounts_cover_the_local_day() {
    let (_dir, store) = store_with_rates();
    store
        .write(|tx| {
            // The evening before (not today), this morning, this evening (UTC: tomorrow), voided one.
            transactions::upsert(tx, &label("t0", "2026-11-30T03:00:00.000Z", "SUCCESS", "r-usps"))?;
            transactions::upsert(tx, &label("t1", "2026-11-30T15:00:00.000Z", "SUCCESS", "r-usps"))?;
            transactions::upsert(tx, &label("t2", "2026-12-01T02:30:00.000Z", "SUCCESS", "r-ups"))?;
            transactions::upsert(tx, &label("t3", "2026-12-01T02:45:00.000Z", "REFUNDED", "r-usps"))?;
            transactions::upsert(tx, &label("t4", "2026-12-01T02:50:00.000Z", "ERROR", "r-usps"))
        })
        .expect("labels");
    let day = LocalDay::containing(&new_york_evening());
    let summary = store.read(|c| history::day_summary(c, &day)).expect("summary");
    assert_eq!(summary.date, "2026-11-30");
    assert_eq!(summary.bought, 3, "{summary:?}");
    assert_eq!(summary.voided, 1, "{summary:?}");
    let usps = summary.carriers.iter().find(|c| c.carrier == "USPS").expect("usps");
    assert_eq!((usps.bought, usps.voided, usps.cost.as_str()), (2, 1, "7.50"));
    let ups = summary.carriers.iter().find(|c| c.carrier == "UPS").expect("ups");
    assert_eq!((ups.bought, ups.voided, ups.cost.as_str()), (1, 0, "12.25"));
    // The manifest covers both accounts with labels kept today, the UPS one bought after 19:00.
    assert_eq!(summary.carrier_accounts, vec!["acct-ups".to_owned(), "acct-usps".to_owned()]);
    let listed: Vec<String> = store
        .read(|c| history::labels_of_day(c, &day))
        .expect("labels")
        .into_iter()
        .map(|l| l.transaction_id)
        .collect();
    assert_eq!(listed, vec!["t1", "t2", "t3"]);
}
