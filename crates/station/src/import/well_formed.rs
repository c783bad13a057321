//! Is a CSV row well formed? The checks that decide whether a file is read at all.
//!
//! The `csv` crate reads leniently: a quote that is never closed swallows the following lines
//! into one field, and text after a closing quote is glued onto the field. Read that way, one stray
//! quote turns several rows into one order with a long name and another row's address. So before
//! a row is used, its raw text and its fields are checked here; a file with any row that fails is
//! refused whole (see [`super::csv::parse`]).

use ::csv::StringRecord;

/// Of the importer's columns, the only one whose value may span lines.
const MULTI_LINE: &str = "notes";

/// The most characters a value of `column` may have. Generous for real data, far below what a
/// misplaced quote produces when it merges rows.
pub fn max_chars(column: &str) -> usize {
    match column {
        "country" | "currency" | "weight_unit" => 20,
        "quantity" | "weight" | "price" | "zip" => 30,
        "placed_at" | "phone" | "state" => 50,
        "notes" => 2000,
        "title" => 300,
        "email" => 254,
        _ => 100,
    }
}

/// What is wrong with one row, as one sentence without the line number; `None` when it is well
/// formed. `raw` is the row's text as in the file, `headers` the header's column names (trimmed,
/// lower case), `known` the columns the importer reads. Returns the line the problem is on (a row
/// may span lines) with the sentence.
pub fn row_problem(
    raw: &[u8],
    record: &StringRecord,
    first_line: u64,
    headers: &[String],
    known: &[&str],
) -> Option<(u64, String)> {
    let column = |i: usize| headers.get(i).cloned().unwrap_or_else(|| format!("column {}", i + 1));
    if let Some(q) = quote_problem(raw) {
        let line = first_line + raw[..q.opened_at].iter().filter(|b| **b == b'\n').count() as u64;
        let field = column(q.field);
        let sentence = if q.closed {
            let body = raw.trim_ascii_end();
            let spans = body.get(q.opened_at..).unwrap_or_default().iter().filter(|b| **b == b'\n').count();
            let runs_on = if spans > 0 {
                format!(" (read as quoted, the field runs on to line {})", line + spans as u64)
            } else {
                String::new()
            };
            format!(
                "the quote (\") that opens the {field} field is not closed where the field ends; a quote is missing or out of place{runs_on}"
            )
        } else {
            format!("the quote (\") that opens the {field} field is never closed")
        };
        return Some((line, sentence));
    }
    if record.len() != headers.len() {
        return Some((
            first_line,
            format!(
                "the row has {} fields but the header has {}; a value that contains a comma needs quotes around it",
                record.len(),
                headers.len()
            ),
        ));
    }
    for (i, value) in record.iter().enumerate() {
        let name = column(i);
        if !known.contains(&name.as_str()) {
            continue;
        }
        if name != MULTI_LINE && value.contains(['\n', '\r']) {
            return Some((first_line, format!("{name} has a line break inside its quotes; only {MULTI_LINE} may span lines")));
        }
        let chars = value.chars().count();
        let max = max_chars(&name);
        if chars > max {
            return Some((first_line, format!("{name} is {chars} characters long, more than the {max} it may have")));
        }
    }
    None
}

/// A quoted field that does not end where a field ends.
#[derive(Debug, PartialEq, Eq)]
struct QuoteProblem {
    /// Byte offset of the opening quote in the row's text.
    opened_at: usize,
    /// 0-based index of the field it opens.
    field: usize,
    /// True when a closing quote came but text followed it; false when none came at all.
    closed: bool,
}

/// Checks the quoting of one row's raw text (RFC 4180): a field that starts with `"` must end
/// with `"` right before a comma or the end of the line, with quotes inside it doubled. A quote
/// inside an unquoted field is plain text (as the reader takes it).
fn quote_problem(raw: &[u8]) -> Option<QuoteProblem> {
    let mut field = 0;
    let mut at_field_start = true;
    let mut open: Option<usize> = None;
    let mut i = 0;
    while i < raw.len() {
        let c = raw[i];
        match open {
            Some(opened_at) => {
                if c == b'"' {
                    if raw.get(i + 1) == Some(&b'"') {
                        i += 2;
                        continue;
                    }
                    if !matches!(raw.get(i + 1), None | Some(b',' | b'\n' | b'\r')) {
                        return Some(QuoteProblem { opened_at, field, closed: true });
                    }
                    open = None;
                }
                at_field_start = false;
            }
            None => {
                if c == b'"' && at_field_start {
                    open = Some(i);
                    at_field_start = false;
                } else if c == b',' {
                    field += 1;
                    at_field_start = true;
                } else if c == b'\n' || c == b'\r' {
                    field = 0;
                    at_field_start = true;
                } else {
                    at_field_start = false;
                }
            }
        }
        i += 1;
    }
    open.map(|opened_at| QuoteProblem { opened_at, field, closed: false })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_quoted_rows_pass() {
        for raw in [
            &b"a,b,c\n"[..],
            b"\"a\",\"b, c\",\"say \"\"hi\"\"\"\r\n",
            b"a,\"two\nlines\",c\n",
            b"12\" box,b,c",
            b"a, \"b\" ,c\n",
            b"\"\",\"\"\n",
        ] {
            assert_eq!(quote_problem(raw), None, "{}", String::from_utf8_lossy(raw));
        }
    }

    #[test]
    fn an_open_or_misplaced_quote_is_found_with_its_field() {
        assert_eq!(
            quote_problem(b"a,\"b,c\nd,e,f\n"),
            Some(QuoteProblem { opened_at: 2, field: 1, closed: false })
        );
        assert_eq!(
            quote_problem(b"a,b,\"c\nd,\"e\",f\n"),
            Some(QuoteProblem { opened_at: 4, field: 2, closed: true })
        );
        assert_eq!(quote_problem(b"\"a\"b,c\n"), Some(QuoteProblem { opened_at: 0, field: 0, closed: true }));
    }
}
