//! Reading label bytes: which format they are, and for ZPL the `^XA … ^XZ` framing, `^PW`/`^LL` and
//! whether the format carries graphic fields.
//!
//! The parser assumes the default command prefix `^` and control prefix `~` (no `^CC`/`~CC`), as
//! carrier labels are written.

use crate::error::LabelError;

/// The kind of label document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocFormat {
    /// ZPL II text.
    Zpl,
    /// A PDF document.
    Pdf,
    /// A PNG image.
    Png,
}

impl DocFormat {
    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            DocFormat::Zpl => "zpl",
            DocFormat::Pdf => "pdf",
            DocFormat::Png => "png",
        }
    }
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// Tells ZPL, PDF and PNG apart by their first bytes (a UTF-8 BOM and leading whitespace are allowed
/// before ZPL; PDF may have junk before `%PDF-` within the first KiB, as readers accept).
pub fn detect_format(bytes: &[u8]) -> Option<DocFormat> {
    if bytes.starts_with(PNG_SIGNATURE) {
        return Some(DocFormat::Png);
    }
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Some(DocFormat::Pdf);
    }
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = text.iter().position(|b| !b.is_ascii_whitespace())?;
    let text = &text[start..];
    if matches!(text.first(), Some(b'^') | Some(b'~')) && find_command(text, b"XA").is_some() {
        return Some(DocFormat::Zpl);
    }
    None
}

/// Like [`detect_format`], with an operator error for unknown bytes.
pub fn require_format(bytes: &[u8]) -> Result<DocFormat, LabelError> {
    detect_format(bytes).ok_or_else(|| LabelError::UnknownFormat {
        start: String::from_utf8_lossy(&bytes[..bytes.len().min(16)]).into_owned(),
    })
}

/// Offset of the first `^<cmd>` (case-insensitive) in `text`.
fn find_command(text: &[u8], cmd: &[u8]) -> Option<usize> {
    text.windows(cmd.len() + 1)
        .position(|w| w[0] == b'^' && w[1..].eq_ignore_ascii_case(cmd))
}

/// Every command in order: (offset of the `^`/`~`, upper-cased two-letter name, parameters text up to
/// the next prefix).
fn commands(text: &[u8]) -> impl Iterator<Item = (usize, [u8; 2], &[u8])> {
    let starts: Vec<usize> = text
        .iter()
        .enumerate()
        .filter(|(_, &b)| b == b'^' || b == b'~')
        .map(|(i, _)| i)
        .collect();
    let ends: Vec<usize> = starts.iter().skip(1).copied().chain(std::iter::once(text.len())).collect();
    starts.into_iter().zip(ends).filter_map(move |(s, e)| {
        let name = text.get(s + 1..s + 3)?;
        let params = text.get(s + 3..e).unwrap_or(&[]);
        Some((s, [name[0].to_ascii_uppercase(), name[1].to_ascii_uppercase()], params))
    })
}

/// Checks that the text is a sequence of `^XA … ^XZ` formats (not nested, all closed) and returns
/// how many formats it holds.
pub fn validate_framing(zpl: &[u8]) -> Result<usize, LabelError> {
    let mut open = false;
    let mut formats = 0;
    for (offset, name, _) in commands(zpl) {
        match &name {
            b"XA" if open => {
                return Err(LabelError::BadZpl(format!(
                    "a new ^XA starts at byte {offset} before the previous format was closed with ^XZ"
                )))
            }
            b"XA" => open = true,
            b"XZ" if !open => {
                return Err(LabelError::BadZpl(format!("^XZ at byte {offset} closes nothing")))
            }
            b"XZ" => {
                open = false;
                formats += 1;
            }
            _ => {}
        }
    }
    if open {
        return Err(LabelError::BadZpl("the last format has no closing ^XZ (cut off?)".into()));
    }
    if formats == 0 {
        return Err(LabelError::BadZpl("there is no ^XA … ^XZ format in it".into()));
    }
    Ok(formats)
}

/// Print width and label length as the ZPL sets them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ZplDimensions {
    /// `^PW`, in dots.
    pub print_width: Option<u32>,
    /// `^LL`, in dots.
    pub label_length: Option<u32>,
}

/// Reads the last `^PW` and `^LL` values (later commands win, as on the printer).
pub fn dimensions(zpl: &[u8]) -> ZplDimensions {
    let mut dims = ZplDimensions::default();
    for (_, name, params) in commands(zpl) {
        let value = || {
            let s = String::from_utf8_lossy(params);
            s.split(',').next().and_then(|v| v.trim().parse::<u32>().ok())
        };
        match &name {
            b"PW" => dims.print_width = value().or(dims.print_width),
            b"LL" => dims.label_length = value().or(dims.label_length),
            _ => {}
        }
    }
    dims
}

/// Whether the ZPL draws a bitmap (`^GF`, or recalls a stored image with `^XG`/`^IM`).
pub fn has_graphics(zpl: &[u8]) -> bool {
    commands(zpl).any(|(_, name, _)| matches!(&name, b"GF" | b"XG" | b"IM"))
}

/// Inserts `^MUD,200,300` (or whatever `from`/`to` say) right after every `^XA`, so a format written for
/// `from` dpi prints at the same physical size on a `to`-dpi printer. Bitmaps are not rescaled by
/// the printer: only use this when [`has_graphics`] is false.
pub fn with_mu_prefix(zpl: &[u8], from: u32, to: u32) -> Vec<u8> {
    // Zebra's ^MU takes 150, 200 or 300 as the base; a 203-dpi format is a "200" one.
    let base = if from < 250 { 200 } else { 300 };
    let insert = format!("^MUD,{base},{to}");
    let mut out = Vec::with_capacity(zpl.len() + 16);
    let mut last = 0;
    for (offset, name, _) in commands(zpl) {
        if &name == b"XA" {
            out.extend_from_slice(&zpl[last..offset + 3]);
            out.extend_from_slice(insert.as_bytes());
            last = offset + 3;
        }
    }
    out.extend_from_slice(&zpl[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_apart() {
        assert_eq!(detect_format(b"\xEF\xBB\xBF \r\n^XA^FDx^FS^XZ"), Some(DocFormat::Zpl));
        assert_eq!(detect_format(b"~SD15^XA^XZ"), Some(DocFormat::Zpl));
        assert_eq!(detect_format(b"%PDF-1.7\n"), Some(DocFormat::Pdf));
        assert_eq!(detect_format(b"\x89PNG\r\n\x1a\n...."), Some(DocFormat::Png));
        assert_eq!(detect_format(b"<html>"), None);
        assert_eq!(detect_format(b""), None);
        let err = require_format(b"<html>").unwrap_err().to_string();
        assert!(err.contains("not ZPL, PDF or PNG"), "{err}");
    }

    #[test]
    fn framing_is_checked() {
        assert_eq!(validate_framing(b"^XA^FDa^FS^XZ\n^xa^xz").ok(), Some(2));
        assert!(validate_framing(b"^XA^FDa^FS").is_err());
        assert!(validate_framing(b"^XA^XA^XZ").is_err());
        assert!(validate_framing(b"^XZ").is_err());
        assert!(validate_framing(b"hello").is_err());
    }

    #[test]
    fn width_and_length_are_read() {
        let d = dimensions(b"^XA^PW812^LL1218^FO0,0^XZ");
        assert_eq!(d, ZplDimensions { print_width: Some(812), label_length: Some(1218) });
        assert_eq!(dimensions(b"^XA^XZ"), ZplDimensions::default());
        assert!(has_graphics(b"^XA^FO0,0^GFA,1,1,1,FF^FS^XZ"));
        assert!(!has_graphics(b"^XA^FO0,0^FDx^FS^XZ"));
    }

    #[test]
    fn mu_goes_after_each_xa() {
        assert_eq!(with_mu_prefix(b"^XA^FDa^XZ^XA^XZ", 203, 300), b"^XA^MUD,200,300^FDa^XZ^XA^MUD,200,300^XZ");
    }
}
