//! The 4x6 label layout, in 203-dpi dots from the top-left corner, shared by the ZPL and PDF writers so
//! both show the same content in the same place.

use rxing::{BarcodeFormat, Writer};

use crate::content::{LabelAddress, ShippingLabel};

/// Label width in dots at 203 dpi (4 in).
pub const WIDTH_DOTS: u32 = 812;
/// Label height in dots at 203 dpi (6 in).
pub const HEIGHT_DOTS: u32 = 1218;
/// Left and right margin in dots.
const MARGIN: u32 = 30;
/// Quiet zone on each side of the barcode, in modules (Code 128 asks for at least 10).
pub const QUIET_MODULES: u32 = 10;
/// Barcode bar height in dots.
const BARCODE_HEIGHT: u32 = 200;

/// One thing drawn on the label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Element {
    /// A line of text whose cell's top-left corner is at (x, y); `height` is the cell height in dots.
    Text { x: u32, y: u32, height: u32, bold: bool, text: String },
    /// A filled black rectangle.
    Bar { x: u32, y: u32, w: u32, h: u32 },
    /// A Code 128 barcode whose first bar starts at x (quiet zones lie outside it).
    Barcode(Barcode),
}

/// A Code 128 barcode placed on the label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Barcode {
    /// Left edge of the first bar, in dots.
    pub x: u32,
    /// Top edge, in dots.
    pub y: u32,
    /// Bar height, in dots.
    pub height: u32,
    /// Narrow bar (module) width in dots.
    pub module: u32,
    /// One entry per module, `true` = black, without quiet zones.
    pub modules: Vec<bool>,
    /// The encoded text.
    pub data: String,
}

impl Barcode {
    /// The black runs as (start module, length in modules).
    pub fn runs(&self) -> Vec<(u32, u32)> {
        let mut runs = Vec::new();
        let mut start = None;
        for (i, &black) in self.modules.iter().chain(std::iter::once(&false)).enumerate() {
            match (black, start) {
                (true, None) => start = Some(i as u32),
                (false, Some(s)) => {
                    runs.push((s, i as u32 - s));
                    start = None;
                }
                _ => {}
            }
        }
        runs
    }
}

/// Code 128 modules of `data` from rxing's writer, trimmed of the writer's own margins.
///
/// Returns an empty vector when `data` cannot be encoded in Code 128 (e.g. non-ASCII).
pub fn code128_modules(data: &str) -> Vec<bool> {
    let Ok(matrix) = rxing::oned::Code128Writer.encode(data, &BarcodeFormat::CODE_128, 0, 1) else {
        return Vec::new();
    };
    let row: Vec<bool> = (0..matrix.getWidth()).map(|x| matrix.get(x, 0)).collect();
    let first = row.iter().position(|&b| b);
    let last = row.iter().rposition(|&b| b);
    match (first, last) {
        (Some(f), Some(l)) => row[f..=l].to_vec(),
        _ => Vec::new(),
    }
}

/// Lays the label out: header, from, to, weight and reference, barcode with its text.
pub fn layout(label: &ShippingLabel) -> Vec<Element> {
    let mut out = Vec::new();
    let text = |out: &mut Vec<Element>, x, y, height, bold, s: &str, max_chars: usize| {
        let s: String = s.chars().take(max_chars).collect();
        if !s.trim().is_empty() {
            out.push(Element::Text { x, y, height, bold, text: s });
        }
    };
    let rule = |out: &mut Vec<Element>, y| {
        out.push(Element::Bar { x: MARGIN - 10, y, w: WIDTH_DOTS - 2 * (MARGIN - 10), h: 4 });
    };

    // Header: carrier and service.
    text(&mut out, MARGIN, 30, 64, true, &label.carrier, 22);
    text(&mut out, MARGIN, 104, 36, false, &label.service, 38);
    rule(&mut out, 156);

    // From block.
    text(&mut out, MARGIN, 174, 22, true, "FROM:", 10);
    let mut y = 202;
    for line in address_lines(&label.from) {
        text(&mut out, MARGIN, y, 26, false, &line, 52);
        y += 30;
    }
    rule(&mut out, 376);

    // To block.
    text(&mut out, MARGIN, 394, 28, true, "SHIP TO:", 10);
    let mut y = 436;
    for line in address_lines(&label.to) {
        text(&mut out, MARGIN + 30, y, 42, true, &line, 30);
        y += 50;
    }
    rule(&mut out, 730);

    // Weight and reference.
    text(&mut out, MARGIN, 750, 32, false, &format!("WEIGHT: {}", label.weight), 22);
    if let Some(reference) = &label.reference {
        text(&mut out, 420, 750, 32, false, &format!("REF: {reference}"), 20);
    }
    rule(&mut out, 800);

    // Tracking barcode.
    text(&mut out, MARGIN, 818, 26, true, "TRACKING #", 12);
    let modules = code128_modules(&label.tracking_number);
    if !modules.is_empty() {
        let count = modules.len() as u32;
        let usable = WIDTH_DOTS - 2 * MARGIN;
        // The widest narrow bar (up to 4 dots) that keeps the code and both quiet zones on the label.
        let module = (1..=4)
            .rev()
            .find(|m| (count + 2 * QUIET_MODULES) * m <= usable)
            .unwrap_or(1);
        let x = (WIDTH_DOTS - count * module) / 2;
        out.push(Element::Barcode(Barcode {
            x,
            y: 866,
            height: BARCODE_HEIGHT,
            module,
            modules,
            data: label.tracking_number.clone(),
        }));
    }
    let chars = label.tracking_number.chars().count() as u32;
    let tx = (WIDTH_DOTS.saturating_sub(chars * 19) / 2).max(MARGIN);
    text(&mut out, tx, 1082, 34, false, &label.tracking_number, 40);
    rule(&mut out, 1150);
    out
}

/// The printed lines of an address block, skipping empty ones.
fn address_lines(address: &LabelAddress) -> Vec<String> {
    let mut lines = vec![address.name.clone()];
    lines.extend(address.lines.iter().cloned());
    lines.push(address.city_line.clone());
    lines.push(address.country.clone());
    lines.into_iter().filter(|l| !l.trim().is_empty()).take(6).collect()
}
