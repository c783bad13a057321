//! Reading orders from a CSV file.
//!
//! ## The CSV format
//!
//! UTF-8, comma-separated, first line a header. Column names are matched case-insensitively and
//! may come in any order; unknown columns are ignored. One row per **line item**: an order with
//! several items repeats its `order_number` on consecutive or later rows (the address is taken
//! from the order's first row; later rows may leave it empty).
//!
//! | column          | required | meaning                                                   |
//! |-----------------|----------|-----------------------------------------------------------|
//! | `order_number`  | yes      | the shop's order number, e.g. `#1068` or `SO-1068`        |
//! | `placed_at`     | no       | `2026-11-22` or `2026-11-22T10:00:00Z`; default: now      |
//! | `name`          | yes      | recipient                                                 |
//! | `company`       | no       |                                                           |
//! | `street1`       | yes      |                                                           |
//! | `street2`       | no       |                                                           |
//! | `city`          | yes      |                                                           |
//! | `state`         | no       | state/province code (needed by some carriers, e.g. US)    |
//! | `zip`           | yes      | postal code                                               |
//! | `country`       | yes      | ISO 3166 two-letter code: `US`, `DE`, `GB`                |
//! | `phone`         | no       |                                                           |
//! | `email`         | no       |                                                           |
//! | `shipping_method` | no     | what the buyer chose                                      |
//! | `notes`         | no       |                                                           |
//! | `title`         | yes      | item title                                                |
//! | `sku`           | no       | item SKU                                                  |
//! | `quantity`      | yes      | whole number above 0                                      |
//! | `weight`        | yes      | weight of the whole line, a number above 0                |
//! | `weight_unit`   | no       | `g`, `kg`, `lb` or `oz`; default `lb`                     |
//! | `price`         | no       | price of the whole line                                   |
//! | `currency`      | no       | currency of `price`; default `USD`                        |
//!
//! A bad row is reported with its line number and the reason; the order it belongs to is not
//! imported (so no order is sent half), and every other order is.

use std::collections::HashMap;
use std::io::Read;

use serde::{Deserialize, Serialize};

use super::draft::{ItemDraft, OrderDraft};
use crate::error::{Result, StationError};

/// Columns a file must have.
pub const REQUIRED_COLUMNS: [&str; 9] = [
    "order_number", "name", "street1", "city", "zip", "country", "title", "quantity", "weight",
];

/// Every column the importer reads.
pub const COLUMNS: [&str; 21] = [
    "order_number", "placed_at", "name", "company", "street1", "street2", "city", "state", "zip",
    "country", "phone", "email", "shipping_method", "notes", "title", "sku", "quantity", "weight",
    "weight_unit", "price", "currency",
];

/// A row (or order) that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    /// 1-based line in the file (the header is line 1).
    pub line: u64,
    /// The order number on that row, if it had one.
    pub order_number: Option<String>,
    /// Why, in words an operator can act on.
    pub reason: String,
}

/// A validated order from the file, with the lines it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvOrder {
    /// Lines of its rows.
    pub lines: Vec<u64>,
    /// The order.
    pub draft: OrderDraft,
}

/// The file, read: good orders and bad rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedCsv {
    /// Orders ready to send, in file order.
    pub orders: Vec<CsvOrder>,
    /// Rows not imported.
    pub errors: Vec<RowError>,
}

/// Reads and validates a CSV. Fails only when the file as a whole is unusable (not CSV, missing
/// required columns); single bad rows land in [`ParsedCsv::errors`].
pub fn parse(reader: impl Read) -> Result<ParsedCsv> {
    let mut rdr = ::csv::ReaderBuilder::new()
        .flexible(true)
        .trim(::csv::Trim::All)
        .from_reader(reader);
    let headers = rdr
        .headers()
        .map_err(|e| StationError::Csv(e.to_string()))?
        .clone();
    let index: HashMap<String, usize> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| (h.trim_start_matches('\u{feff}').trim().to_ascii_lowercase(), i))
        .collect();
    let missing: Vec<&str> = REQUIRED_COLUMNS
        .iter()
        .copied()
        .filter(|c| !index.contains_key(*c))
        .collect();
    if !missing.is_empty() {
        return Err(StationError::Csv(format!(
            "the header lacks the column(s) {}; the first line must name the columns (see the import help)",
            missing.join(", ")
        )));
    }

    // Group rows by order number, keeping file order and remembering bad rows.
    let mut order_keys: Vec<String> = Vec::new();
    let mut groups: HashMap<String, (Vec<u64>, OrderDraft, Vec<RowError>)> = HashMap::new();
    let mut errors = Vec::new();
    for rec in rdr.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                errors.push(RowError {
                    line,
                    order_number: None,
                    reason: format!("the row is not valid CSV ({e})"),
                });
                continue;
            }
        };
        let line = rec.position().map(|p| p.line()).unwrap_or(0);
        if rec.iter().all(|f| f.is_empty()) {
            continue;
        }
        let get = |c: &str| -> Option<String> {
            index
                .get(c)
                .and_then(|i| rec.get(*i))
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let Some(number) = get("order_number") else {
            errors.push(RowError { line, order_number: None, reason: "order_number is missing".to_owned() });
            continue;
        };
        let item = ItemDraft {
            title: get("title").unwrap_or_default(),
            sku: get("sku"),
            quantity: match get("quantity") {
                Some(q) => q.parse::<i64>().unwrap_or(0),
                None => 0,
            },
            weight: get("weight").unwrap_or_default(),
            weight_unit: get("weight_unit"),
            price: get("price"),
            currency: get("currency"),
        };
        let key = number.to_lowercase();
        let entry = groups.entry(key.clone()).or_insert_with(|| {
            order_keys.push(key.clone());
            let draft = OrderDraft {
                order_number: number.clone(),
                placed_at: get("placed_at"),
                to_address: crate::store::orders::Address {
                    name: get("name"),
                    company: get("company"),
                    street1: get("street1"),
                    street2: get("street2"),
                    street3: None,
                    city: get("city"),
                    state: get("state"),
                    zip: get("zip"),
                    country: get("country").unwrap_or_default().to_ascii_uppercase(),
                    phone: get("phone"),
                    email: get("email"),
                },
                items: Vec::new(),
                shipping_method: get("shipping_method"),
                notes: get("notes"),
            };
            (Vec::new(), draft, Vec::new())
        });
        // Check this row on its own: the order's address (first row) plus this one item.
        let first_row = entry.0.is_empty();
        let mut row_check = entry.1.clone();
        row_check.items = vec![item.clone()];
        let mut problems = row_check.problems();
        if !first_row {
            // Later rows may repeat the address; if they do, it must match the first row's.
            if let Some(c) = get("country") {
                if !c.eq_ignore_ascii_case(&entry.1.to_address.country) {
                    problems.push(format!(
                        "country '{c}' differs from the first row of order {number} ({})",
                        entry.1.to_address.country
                    ));
                }
            }
        }
        entry.0.push(line);
        entry.1.items.push(item);
        if !problems.is_empty() {
            entry.2.push(RowError { line, order_number: Some(number.clone()), reason: problems.join("; ") });
        }
    }

    let mut orders = Vec::new();
    for key in order_keys {
        let Some((lines, draft, bad)) = groups.remove(&key) else { continue };
        if bad.is_empty() {
            orders.push(CsvOrder { lines, draft });
            continue;
        }
        let bad_lines: Vec<u64> = bad.iter().map(|e| e.line).collect();
        errors.extend(bad);
        for line in lines.into_iter().filter(|l| !bad_lines.contains(l)) {
            errors.push(RowError {
                line,
                order_number: Some(draft.order_number.clone()),
                reason: format!(
                    "not imported because line {} of the same order is invalid",
                    bad_lines.iter().map(u64::to_string).collect::<Vec<_>>().join(", ")
                ),
            });
        }
    }
    errors.sort_by_key(|e| e.line);
    Ok(ParsedCsv { orders, errors })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "order_number,name,street1,city,state,zip,country,title,sku,quantity,weight,weight_unit\n";

    #[test]
    fn groups_items_and_reports_bad_rows_by_line() {
        let text = format!(
            "{HEADER}\
             A-1,Ann Lee,1 Main St,Springfield,IL,62701,US,Mug,MUG-1,2,1.5,lb\n\
             A-1,,,,,,,Cap,CAP-1,1,4,oz\n\
             B-2,Bob,2 High St,London,,SW1A 1AA,GBR,Hat,HAT-1,1,0.3,kg\n\
             C-3,Cy,3 Rue,Paris,,75001,FR,Scarf,,0,0.2,kg\n\
             C-3,,,,,,,Glove,,1,0.1,kg\n\
             D-4,Di,4 Way,Berlin,,10115,de,Book,BK,1,0.5,kg\n"
        );
        let parsed = parse(text.as_bytes()).expect("parse");
        let numbers: Vec<&str> = parsed.orders.iter().map(|o| o.draft.order_number.as_str()).collect();
        assert_eq!(numbers, ["A-1", "D-4"]);
        assert_eq!(parsed.orders[0].draft.items.len(), 2);
        assert_eq!(parsed.orders[0].lines, [2, 3]);
        assert_eq!(parsed.orders[1].draft.to_address.country, "DE");
        let errs: Vec<(u64, &str)> = parsed.errors.iter().map(|e| (e.line, e.reason.as_str())).collect();
        assert_eq!(errs.len(), 3, "{errs:?}");
        assert_eq!(errs[0].0, 4);
        assert!(errs[0].1.contains("country 'GBR' is not a two-letter ISO code"), "{errs:?}");
        assert_eq!(errs[1].0, 5);
        assert!(errs[1].1.contains("quantity must be a whole number above 0"));
        assert_eq!(errs[2].0, 6);
        assert!(errs[2].1.contains("line 5 of the same order"));
    }

    #[test]
    fn a_file_without_required_columns_is_refused_whole() {
        let err = parse("order_number,name\nA,B\n".as_bytes()).expect_err("refused");
        assert!(err.to_string().contains("street1"), "{err}");
    }
}
