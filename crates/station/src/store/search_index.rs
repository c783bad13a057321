//! The full-text index behind offline search (SQLite FTS5), and turning what an operator types
//! into a safe FTS5 query.
//!
//! One `order_search` row per order (rowid = `orders.id`) holds: the order number, both addresses'
//! names, companies, emails, cities and postcodes, the items' SKUs and titles, and the tracking
//! numbers of the order's transactions. The tokenizer is `unicode61` with diacritics removed, so
//! `Müller` is found by `muller` and `#1068` by `1068`.

use rusqlite::{params, Connection, OptionalExtension};

use super::orders::{self, Order};
use crate::error::Result;

/// Writes (or rewrites) the search row of the order whose `orders.id` is `id`.
pub fn index_order(conn: &Connection, id: i64, o: &Order) -> Result<()> {
    let mut body = String::with_capacity(256);
    let mut push = |s: Option<&str>| {
        if let Some(s) = s.filter(|s| !s.trim().is_empty()) {
            body.push_str(s);
            body.push(' ');
        }
    };
    push(o.order_number.as_deref());
    // Numbers like "#1068" or "SO-1068" also go in joined up, so "so1068" finds them too.
    if let Some(n) = &o.order_number {
        let joined: String = n.chars().filter(|c| c.is_alphanumeric()).collect();
        push(Some(&joined));
    }
    for a in std::iter::once(&o.to_address).chain(o.from_address.iter()) {
        push(a.name.as_deref());
        push(a.company.as_deref());
        push(a.email.as_deref());
        push(a.city.as_deref());
        push(a.zip.as_deref());
    }
    for it in &o.line_items {
        push(it.sku.as_deref());
        push(it.title.as_deref());
    }
    let mut st = conn.prepare_cached(
        "SELECT DISTINCT t.tracking_number FROM transactions t
         WHERE t.tracking_number IS NOT NULL AND (t.order_id = ?1 OR t.object_id IN
            (SELECT transaction_id FROM order_transactions WHERE order_id = ?1))",
    )?;
    let numbers: Vec<String> = st
        .query_map([&o.object_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for n in &numbers {
        push(Some(n));
    }
    conn.prepare_cached("INSERT OR REPLACE INTO order_search (rowid, body) VALUES (?1, ?2)")?
        .execute(params![id, body])?;
    Ok(())
}

/// Re-indexes one cached order (after its transactions or tracking changed). Unknown ids are ignored.
pub fn reindex(conn: &Connection, object_id: &str) -> Result<()> {
    let id: Option<i64> = conn
        .prepare_cached("SELECT id FROM orders WHERE object_id = ?1")?
        .query_row([object_id], |r| r.get(0))
        .optional()?;
    if let (Some(id), Some(order)) = (id, orders::get(conn, object_id)?) {
        index_order(conn, id, &order)?;
    }
    Ok(())
}

/// Turns free text into an FTS5 query that cannot be a syntax error: every run of letters and
/// digits becomes a quoted prefix term (`"abc"*`), all terms must match. Quotes, dashes, `#`,
/// `*`, `:`, parentheses and FTS5 keywords (AND/OR/NOT/NEAR) lose their special meaning.
/// Returns `None` when nothing searchable is left.
pub fn fts_query(input: &str) -> Option<String> {
    let terms: Vec<String> = input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .take(16)
        .map(|t| format!("\"{}\"*", t.to_lowercase()))
        .collect();
    if terms.is_empty() {
        None
    } else {
        Some(terms.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_input_becomes_safe_prefix_terms() {
        assert_eq!(fts_query("#1068").as_deref(), Some("\"1068\"*"));
        assert_eq!(
            fts_query("O'Brien \"NEAR\" -x AND").as_deref(),
            Some("\"o\"* \"brien\"* \"near\"* \"x\"* \"and\"*")
        );
        assert_eq!(fts_query("SO-10*"), Some("\"so\"* \"10\"*".to_owned()));
        assert_eq!(fts_query("  \"-#*:() "), None);
        assert_eq!(fts_query("Müller"), Some("\"müller\"*".to_owned()));
    }
}
