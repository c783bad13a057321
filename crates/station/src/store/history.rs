//! What the bench bought, as the window's history lists it: every cached label with its order,
//! carrier and service, price, tracking and refund status; and a local day's figures (labels
//! bought, voided, cost per carrier).

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use rusqlite::{Connection, Row};
use serde::{Deserialize, Serialize};

use super::time;
use crate::error::Result;

/// How long a parcel may go without a tracking event before it counts as stuck in transit.
pub const STUCK_AFTER_DAYS: i64 = 5;

/// One day of the bench's calendar: its date and where it starts and ends in UTC (store time
/// format, end excluded). A US evening is still the same day, though UTC has moved on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalDay {
    /// The local date.
    pub date: NaiveDate,
    /// Local midnight, in UTC store format.
    pub start: String,
    /// The next local midnight, in UTC store format.
    pub end: String,
}

impl LocalDay {
    /// The local day that contains `now` (in `now`'s time zone).
    pub fn containing<Tz: TimeZone>(now: &DateTime<Tz>) -> LocalDay {
        let date = now.date_naive();
        LocalDay::of(&now.timezone(), date)
    }

    /// The day `date` in time zone `tz`.
    pub fn of<Tz: TimeZone>(tz: &Tz, date: NaiveDate) -> LocalDay {
        let midnight = |d: NaiveDate| -> String {
            let naive = d.and_hms_opt(0, 0, 0).unwrap_or_default();
            // A zone that skips midnight (DST at 00:00) starts the day at the first instant it has.
            let t = tz
                .from_local_datetime(&naive)
                .earliest()
                .or_else(|| tz.from_local_datetime(&(naive + Duration::hours(1))).earliest())
                .map(|t| t.with_timezone(&Utc))
                .unwrap_or_else(|| naive.and_utc());
            time::format(t)
        };
        LocalDay { date, start: midnight(date), end: midnight(date + Duration::days(1)) }
    }

    /// Today on this computer's clock and time zone.
    pub fn today() -> LocalDay {
        LocalDay::containing(&chrono::Local::now())
    }

    /// True when a store timestamp falls in this day.
    pub fn contains(&self, at: &str) -> bool {
        let at = time::normalize(at);
        at >= self.start && at < self.end
    }
}

/// One label in the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelEntry {
    /// The transaction (Shippo's bought label).
    pub transaction_id: String,
    /// The order's object id, when known.
    pub order_id: Option<String>,
    /// The order's number ("#1001"), when cached.
    pub order_number: Option<String>,
    /// When it was bought (store time format).
    pub created_at: String,
    /// Carrier (the rate's provider, else the transaction's carrier token).
    pub carrier: Option<String>,
    /// Service level name.
    pub service: Option<String>,
    /// Price paid ("7.50"), when the rate is cached.
    pub amount: Option<String>,
    /// Its currency.
    pub currency: Option<String>,
    /// Carrier account of the rate.
    pub carrier_account: Option<String>,
    /// Tracking number.
    pub tracking_number: Option<String>,
    /// The carrier's tracking page.
    pub tracking_url: Option<String>,
    /// SUCCESS, REFUNDPENDING, REFUNDED, REFUNDREJECTED, …
    pub status: String,
    /// UNKNOWN, PRE_TRANSIT, TRANSIT, DELIVERED, RETURNED, FAILURE.
    pub tracking_status: Option<String>,
    /// The carrier's words for the tracking status.
    pub tracking_details: Option<String>,
    /// The cached label file (row id) a reprint uses, when cached.
    pub label_id: Option<i64>,
    /// Its format (ZPLII, PDF_4x6, …).
    pub label_file_type: Option<String>,
    /// A tracking exception: `FAILURE`, `RETURNED` or `STUCK` (no news for [`STUCK_AFTER_DAYS`]).
    pub exception: Option<String>,
}

const SELECT: &str = "SELECT t.object_id, COALESCE(t.order_id, (SELECT ot.order_id FROM order_transactions ot
        WHERE ot.transaction_id = t.object_id LIMIT 1)) AS oid,
    t.created_at, COALESCE(r.provider, t.carrier), r.servicelevel_name, r.amount, r.currency,
    r.carrier_account, t.tracking_number, t.tracking_url, t.status,
    COALESCE(tr.status, t.tracking_status), tr.status_details, tr.history,
    (SELECT l.id FROM labels l WHERE l.transaction_id = t.object_id ORDER BY l.id LIMIT 1),
    (SELECT l.file_type FROM labels l WHERE l.transaction_id = t.object_id ORDER BY l.id LIMIT 1)
  FROM transactions t
  LEFT JOIN rates r ON r.object_id = t.rate_id
  LEFT JOIN tracking tr ON tr.tracking_number = t.tracking_number AND tr.carrier = LOWER(COALESCE(t.carrier, 'shippo'))";

struct Raw {
    entry: LabelEntry,
    history: Option<String>,
}

fn read_row(r: &Row<'_>) -> rusqlite::Result<Raw> {
    Ok(Raw {
        entry: LabelEntry {
            transaction_id: r.get(0)?,
            order_id: r.get(1)?,
            order_number: None,
            created_at: r.get(2)?,
            carrier: r.get(3)?,
            service: r.get(4)?,
            amount: r.get(5)?,
            currency: r.get(6)?,
            carrier_account: r.get(7)?,
            tracking_number: r.get(8)?,
            tracking_url: r.get(9)?,
            status: r.get(10)?,
            tracking_status: r.get(11)?,
            tracking_details: r.get(12)?,
            label_id: r.get(14)?,
            label_file_type: r.get(15)?,
            exception: None,
        },
        history: r.get(13)?,
    })
}

/// The tracking exception of a label at `now`: FAILURE, RETURNED, or STUCK when a parcel in
/// transit has had no tracking event (or, without events, no news since it was bought) for
/// [`STUCK_AFTER_DAYS`].
pub fn exception_of(entry: &LabelEntry, history: Option<&str>, now: DateTime<Utc>) -> Option<String> {
    if entry.status != "SUCCESS" {
        return None;
    }
    match entry.tracking_status.as_deref() {
        Some("FAILURE") => Some("FAILURE".into()),
        Some("RETURNED") => Some("RETURNED".into()),
        Some("TRANSIT") | Some("PRE_TRANSIT") => {
            let last_event = history
                .and_then(|h| serde_json::from_str::<Vec<serde_json::Value>>(h).ok())
                .and_then(|events| {
                    events.iter().filter_map(|e| e.get("status_date").and_then(|d| d.as_str()).and_then(time::parse)).max()
                });
            let since = last_event.or_else(|| time::parse(&entry.created_at))?;
            (now - since > Duration::days(STUCK_AFTER_DAYS)).then(|| "STUCK".into())
        }
        _ => None,
    }
}

fn finish(conn: &Connection, raws: Vec<Raw>) -> Result<Vec<LabelEntry>> {
    let now = Utc::now();
    let mut number = conn.prepare_cached("SELECT order_number FROM orders WHERE object_id = ?1")?;
    let mut out = Vec::with_capacity(raws.len());
    for raw in raws {
        let mut e = raw.entry;
        if let Some(id) = &e.order_id {
            e.order_number = number.query_row([id], |r| r.get(0)).ok().flatten();
        }
        e.exception = exception_of(&e, raw.history.as_deref(), now);
        out.push(e);
    }
    Ok(out)
}

/// Every cached label (bought here, or found at Shippo for a cached order), newest first, at most
/// `limit`. Purchases that made no label (ERROR, still QUEUED) are left out.
pub fn labels(conn: &Connection, limit: u32) -> Result<Vec<LabelEntry>> {
    let mut st = conn.prepare_cached(&format!(
        "{SELECT} WHERE t.status NOT IN ('ERROR', 'QUEUED', 'WAITING') ORDER BY t.created_at DESC, t.rowid DESC LIMIT ?1"
    ))?;
    let raws = st.query_map([limit], read_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    finish(conn, raws)
}

/// One label by transaction id.
pub fn label(conn: &Connection, transaction_id: &str) -> Result<Option<LabelEntry>> {
    let mut st = conn.prepare_cached(&format!("{SELECT} WHERE t.object_id = ?1"))?;
    let raws = st.query_map([transaction_id], read_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(finish(conn, raws)?.into_iter().next())
}

/// Labels bought in a local day (oldest first), whatever became of them since.
pub fn labels_of_day(conn: &Connection, day: &LocalDay) -> Result<Vec<LabelEntry>> {
    let mut st = conn.prepare_cached(&format!(
        "{SELECT} WHERE t.created_at >= ?1 AND t.created_at < ?2
            AND t.status NOT IN ('ERROR', 'QUEUED', 'WAITING')
         ORDER BY t.created_at"
    ))?;
    let raws = st.query_map([&day.start, &day.end], read_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    finish(conn, raws)
}

/// One carrier's figures for a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CarrierDay {
    /// The carrier (rate provider).
    pub carrier: String,
    /// Labels bought that day.
    pub bought: u32,
    /// Of those, voided (refunded or refund pending).
    pub voided: u32,
    /// What the labels kept cost ("23.40"), voided ones not counted.
    pub cost: String,
    /// The currency (the first seen; mixed currencies are named in `cost`).
    pub currency: String,
}

/// A day's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DaySummary {
    /// The local date (YYYY-MM-DD).
    pub date: String,
    /// Labels bought that day.
    pub bought: u32,
    /// Of those, voided (refunded or refund pending).
    pub voided: u32,
    /// Per carrier, by name.
    pub carriers: Vec<CarrierDay>,
    /// Carrier accounts with labels kept that day (what the manifest covers).
    pub carrier_accounts: Vec<String>,
}

/// True for a label whose refund was asked for (pending or done).
pub fn is_voided(status: &str) -> bool {
    matches!(status, "REFUNDED" | "REFUNDPENDING")
}

/// Parses a Shippo amount ("7.5", "12.34") into cents.
fn cents(amount: &str) -> Option<i64> {
    let a = amount.trim();
    let (whole, frac) = a.split_once('.').unwrap_or((a, ""));
    let whole: i64 = whole.parse().ok()?;
    let mut frac = frac.to_owned();
    frac.truncate(2);
    while frac.len() < 2 {
        frac.push('0');
    }
    let frac: i64 = frac.parse().ok()?;
    Some(if whole < 0 { whole * 100 - frac } else { whole * 100 + frac })
}

/// The figures of a local day: labels bought, voided, and what the kept ones cost per carrier.
pub fn day_summary(conn: &Connection, day: &LocalDay) -> Result<DaySummary> {
    let labels = labels_of_day(conn, day)?;
    let mut per: BTreeMap<String, (u32, u32, i64, String)> = BTreeMap::new();
    let mut accounts = std::collections::BTreeSet::new();
    for l in &labels {
        let carrier = l.carrier.clone().unwrap_or_else(|| "Unknown carrier".into());
        let e = per.entry(carrier).or_insert((0, 0, 0, String::new()));
        e.0 += 1;
        if is_voided(&l.status) {
            e.1 += 1;
            continue;
        }
        if let Some(c) = l.amount.as_deref().and_then(cents) {
            e.2 += c;
        }
        if e.3.is_empty() {
            e.3 = l.currency.clone().unwrap_or_default();
        }
        if l.status == "SUCCESS" {
            if let Some(a) = &l.carrier_account {
                accounts.insert(a.clone());
            }
        }
    }
    let carriers: Vec<CarrierDay> = per
        .into_iter()
        .map(|(carrier, (bought, voided, c, currency))| CarrierDay {
            carrier,
            bought,
            voided,
            cost: format!("{}{}.{:02}", if c < 0 { "-" } else { "" }, c.abs() / 100, c.abs() % 100),
            currency: if currency.is_empty() { "USD".into() } else { currency },
        })
        .collect();
    Ok(DaySummary {
        date: day.date.to_string(),
        bought: carriers.iter().map(|c| c.bought).sum(),
        voided: carriers.iter().map(|c| c.voided).sum(),
        carriers,
        carrier_accounts: accounts.into_iter().collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_become_cents() {
        assert_eq!(cents("7.5"), Some(750));
        assert_eq!(cents("12.34"), Some(1234));
        assert_eq!(cents("3"), Some(300));
        assert_eq!(cents("x"), None);
    }
}
