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
//! Only `notes` may span lines (inside quotes). A file that is not well formed (a quote out of
//! place, a line break in another field, an over-long value, a row with more or fewer fields than
//! the header) is refused whole with the lines that break it: nothing from it is imported.
//! Otherwise a row with bad data is reported with its line number and the reason; the order it
//! belongs to is not imported (so no order is sent half), and every other order is.

use std::collections::HashMap;
use std::io::Read;

use serde::{Deserialize, Serialize};

use super::draft::{ItemDraft, OrderDraft};
use super::well_formed;
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

/// The largest file the importer reads (a 20,000-row export is a few MB).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// How many broken lines a refusal names before it says "and N more".
const NAMED_LINES: usize = 10;

/// Reads and validates a CSV.
///
/// A file that is not well formed is refused whole, so nothing from it is imported half-way: a
/// quote that is not closed where its field ends, a line break inside any field but `notes`, a
/// value longer than its column allows ([`super::well_formed::max_chars`]), a row with more or
/// fewer fields than the header, text that is not UTF-8, missing required columns. The error names
/// each such line with one sentence. Otherwise rows with bad data (a missing zip, a zero quantity)
/// land in [`ParsedCsv::errors`] with the rest of their order, and every other order is returned.
///
/// Time and memory are linear in the number of rows.
pub fn parse(reader: impl Read) -> Result<ParsedCsv> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| StationError::Csv(format!("reading it failed ({e})")))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(StationError::Csv(format!(
            "it is larger than {} MB; split it into smaller files",
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    let mut rdr = ::csv::ReaderBuilder::new()
        .flexible(true)
        .trim(::csv::Trim::All)
        .from_reader(bytes.as_slice());
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| StationError::Csv(e.to_string()))?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_ascii_lowercase())
        .collect();
    let index: HashMap<&str, usize> = headers.iter().enumerate().map(|(i, h)| (h.as_str(), i)).collect();
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

    let mut groups = Groups::default();
    let mut broken: Vec<RowError> = Vec::new();
    let mut rec = ::csv::StringRecord::new();
    loop {
        match rdr.read_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                let reason = match e.kind() {
                    ::csv::ErrorKind::Utf8 { .. } => {
                        "the row is not UTF-8 text; save the file as \"CSV UTF-8\"".to_owned()
                    }
                    _ => format!("the row is not valid CSV ({e})"),
                };
                broken.push(RowError { line, order_number: None, reason });
                continue;
            }
        }
        let start = rec.position().map(|p| p.byte() as usize).unwrap_or(0);
        let end = (rdr.position().byte() as usize).min(bytes.len());
        let line = rec.position().map(|p| p.line()).unwrap_or(0);
        let raw = bytes.get(start..end).unwrap_or_default();
        if rec.iter().all(str::is_empty) && !raw.contains(&b'"') {
            continue;
        }
        if let Some((line, reason)) = well_formed::row_problem(raw, &rec, line, &headers, &COLUMNS) {
            broken.push(RowError { line, order_number: None, reason });
            continue;
        }
        if broken.is_empty() {
            groups.add(line, &Row { rec: &rec, index: &index });
        }
    }
    if !broken.is_empty() {
        return Err(refusal(&broken));
    }
    Ok(groups.finish())
}

/// The error for a file that is not well formed: every broken line (up to a few) with its sentence.
fn refusal(broken: &[RowError]) -> StationError {
    let mut text: Vec<String> = broken
        .iter()
        .take(NAMED_LINES)
        .map(|e| format!("line {}: {}", e.line, e.reason))
        .collect();
    if broken.len() > NAMED_LINES {
        text.push(format!("and {} more lines", broken.len() - NAMED_LINES));
    }
    StationError::Csv(format!("{}; nothing from the file was imported", text.join("; ")))
}

/// One row's values by column name.
struct Row<'a> {
    rec: &'a ::csv::StringRecord,
    index: &'a HashMap<&'a str, usize>,
}

impl Row<'_> {
    /// The trimmed value of `column`, `None` when empty or absent.
    fn get(&self, column: &str) -> Option<String> {
        self.index
            .get(column)
            .and_then(|i| self.rec.get(*i))
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    }

    fn item(&self) -> ItemDraft {
        ItemDraft {
            title: self.get("title").unwrap_or_default(),
            sku: self.get("sku"),
            quantity: self.get("quantity").and_then(|q| q.parse::<i64>().ok()).unwrap_or(0),
            weight: self.get("weight").unwrap_or_default(),
            weight_unit: self.get("weight_unit"),
            price: self.get("price"),
            currency: self.get("currency"),
        }
    }

    /// The order as its first row gives it, without items.
    fn order(&self, number: &str) -> OrderDraft {
        OrderDraft {
            order_number: number.to_owned(),
            placed_at: self.get("placed_at"),
            to_address: crate::store::orders::Address {
                name: self.get("name"),
                company: self.get("company"),
                street1: self.get("street1"),
                street2: self.get("street2"),
                street3: None,
                city: self.get("city"),
                state: self.get("state"),
                zip: self.get("zip"),
                country: self.get("country").unwrap_or_default().to_ascii_uppercase(),
                phone: self.get("phone"),
                email: self.get("email"),
            },
            items: Vec::new(),
            shipping_method: self.get("shipping_method"),
            notes: self.get("notes"),
        }
    }
}

/// One order being read: its lines, the draft so far, its bad rows.
struct Group {
    lines: Vec<u64>,
    draft: OrderDraft,
    bad: Vec<RowError>,
}

/// Rows grouped by order number (case-insensitive), in the order each number first appears.
#[derive(Default)]
struct Groups {
    keys: Vec<String>,
    by_key: HashMap<String, Group>,
    errors: Vec<RowError>,
}

impl Groups {
    /// Adds one well-formed row: checks it on its own (the order's address on its first row, this
    /// row's item always) and files it under its order. Constant work per row.
    fn add(&mut self, line: u64, row: &Row<'_>) {
        let Some(number) = row.get("order_number") else {
            self.errors.push(RowError { line, order_number: None, reason: "order_number is missing".to_owned() });
            return;
        };
        let key = number.to_lowercase();
        let group = match self.by_key.entry(key) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                self.keys.push(e.key().clone());
                e.insert(Group { lines: Vec::new(), draft: row.order(&number), bad: Vec::new() })
            }
        };
        let item = row.item();
        let mut problems = item.problems();
        if group.lines.is_empty() {
            let mut order = group.draft.order_problems();
            order.append(&mut problems);
            problems = order;
        } else if let Some(c) = row.get("country") {
            // Later rows may repeat the address; if they do, the country must match the first row's.
            if !c.eq_ignore_ascii_case(&group.draft.to_address.country) {
                problems.push(format!(
                    "country '{c}' differs from the first row of order {number} ({})",
                    group.draft.to_address.country
                ));
            }
        }
        group.lines.push(line);
        group.draft.items.push(item);
        if !problems.is_empty() {
            group.bad.push(RowError { line, order_number: Some(number), reason: problems.join("; ") });
        }
    }

    /// The good orders in file order, and every bad row (a bad row takes its whole order with it).
    fn finish(mut self) -> ParsedCsv {
        let mut orders = Vec::new();
        let mut errors = std::mem::take(&mut self.errors);
        for key in self.keys {
            let Some(Group { lines, draft, bad }) = self.by_key.remove(&key) else { continue };
            if bad.is_empty() {
                orders.push(CsvOrder { lines, draft });
                continue;
            }
            let bad_lines: std::collections::HashSet<u64> = bad.iter().map(|e| e.line).collect();
            let mut named: Vec<u64> = bad_lines.iter().copied().collect();
            named.sort_unstable();
            let mut which = named.iter().take(NAMED_LINES).map(u64::to_string).collect::<Vec<_>>().join(", ");
            if named.len() > NAMED_LINES {
                which.push_str(&format!(" and {} more", named.len() - NAMED_LINES));
            }
            let reason = format!("not imported because line {which} of the same order is invalid");
            errors.extend(bad);
            for line in lines.into_iter().filter(|l| !bad_lines.contains(l)) {
                errors.push(RowError { line, order_number: Some(draft.order_number.clone()), reason: reason.clone() });
            }
        }
        errors.sort_by_key(|e| e.line);
        ParsedCsv { orders, errors }
    }
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
