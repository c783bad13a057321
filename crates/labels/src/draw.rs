//! Drawing shipping labels from scratch: a 4x6 in label with the addresses, the service, the weight
//! and a Code 128 barcode of the tracking number, as ZPL II (203 dpi), PDF (288 x 432 pt) or PNG.
//!
//! The simulator serves these at `label_url`; the printer test label uses them too.

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use crate::content::ShippingLabel;
use crate::layout::{layout, Element, HEIGHT_DOTS, WIDTH_DOTS};

/// The label as ZPL II for a 203-dpi printer: `^XA … ^XZ` with `^PW812 ^LL1218`.
///
/// Carrier and service header, from and to blocks, weight, reference, and a Code 128 barcode (`^BC`,
/// automatic subset) of the tracking number with the number printed below it.
pub fn zpl_4x6(label: &ShippingLabel) -> Vec<u8> {
    let mut z = String::with_capacity(2048);
    z.push_str(&format!("^XA^PW{WIDTH_DOTS}^LL{HEIGHT_DOTS}^LH0,0^CI28\n"));
    for element in layout(label) {
        match element {
            Element::Text { x, y, height, bold, text } => {
                let width = if bold { height } else { height * 17 / 20 };
                z.push_str(&format!(
                    "^FO{x},{y}^A0N,{height},{width}^FH^FD{}^FS\n",
                    zpl_field_text(&text)
                ));
            }
            Element::Bar { x, y, w, h } => {
                z.push_str(&format!("^FO{x},{y}^GB{w},{h},{}^FS\n", w.min(h)));
            }
            Element::Barcode(b) => {
                z.push_str(&format!(
                    "^FO{},{}^BY{},3,{}^BCN,{},N,N,N,A^FH^FD{}^FS\n",
                    b.x,
                    b.y,
                    b.module,
                    b.height,
                    b.height,
                    zpl_field_text(&b.data)
                ));
            }
        }
    }
    z.push_str("^PQ1\n^XZ\n");
    z.into_bytes()
}

/// Field data safe inside `^FH^FD…^FS`: `^`, `~` and `_` become `_5E`, `_7E` and `_5F`, control
/// characters are dropped.
fn zpl_field_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '^' => out.push_str("_5E"),
            '~' => out.push_str("_7E"),
            '_' => out.push_str("_5F"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Points per 203-dpi dot.
const PT_PER_DOT: f32 = 72.0 / 203.0;
/// Page height of a 4x6 label in points.
const PAGE_H: f32 = 432.0;

/// The label as a one-page 288 x 432 pt PDF with Helvetica text and the Code 128 barcode drawn as
/// filled rectangles whose narrow bar is a whole number of 203-dpi dots.
pub fn pdf_4x6(label: &ShippingLabel) -> Vec<u8> {
    let catalog_id = Ref::new(1);
    let page_tree_id = Ref::new(2);
    let page_id = Ref::new(3);
    let regular_id = Ref::new(4);
    let bold_id = Ref::new(5);
    let content_id = Ref::new(6);
    let info_id = Ref::new(7);
    let regular = Name(b"F1");
    let bold = Name(b"F2");

    let mut pdf = Pdf::new();
    pdf.catalog(catalog_id).pages(page_tree_id);
    pdf.pages(page_tree_id).kids([page_id]).count(1);
    let mut page = pdf.page(page_id);
    page.media_box(Rect::new(0.0, 0.0, 288.0, PAGE_H));
    page.parent(page_tree_id);
    page.contents(content_id);
    page.resources().fonts().pair(regular, regular_id).pair(bold, bold_id);
    page.finish();
    pdf.type1_font(regular_id)
        .base_font(Name(b"Helvetica"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.type1_font(bold_id)
        .base_font(Name(b"Helvetica-Bold"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    let title = format!("Shipping label {}", label.tracking_number);
    pdf.document_info(info_id)
        .title(TextStr(&title))
        .producer(TextStr("Shipbench"));

    let mut content = Content::new();
    content.set_fill_gray(0.0);
    for element in layout(label) {
        match element {
            Element::Text { x, y, height, bold: is_bold, text } => {
                let size = height as f32 * PT_PER_DOT;
                let baseline = PAGE_H - (y as f32 + height as f32 * 0.82) * PT_PER_DOT;
                content.begin_text();
                content.set_font(if is_bold { bold } else { regular }, size);
                content.next_line(x as f32 * PT_PER_DOT, baseline);
                content.show(Str(&win_ansi(&text)));
                content.end_text();
            }
            Element::Bar { x, y, w, h } => {
                rect_dots(&mut content, x as f32, y as f32, w as f32, h as f32);
                content.fill_nonzero();
            }
            Element::Barcode(b) => {
                for (start, len) in b.runs() {
                    rect_dots(
                        &mut content,
                        (b.x + start * b.module) as f32,
                        b.y as f32,
                        (len * b.module) as f32,
                        b.height as f32,
                    );
                }
                content.fill_nonzero();
            }
        }
    }
    pdf.stream(content_id, &content.finish());
    pdf.finish()
}

/// Adds a rectangle given in 203-dpi dots from the top-left to the current path.
fn rect_dots(content: &mut Content, x: f32, y: f32, w: f32, h: f32) {
    content.rect(
        x * PT_PER_DOT,
        PAGE_H - (y + h) * PT_PER_DOT,
        w * PT_PER_DOT,
        h * PT_PER_DOT,
    );
}

/// Text as WinAnsi bytes for the standard fonts; characters outside Latin-1 become `?`.
fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .filter(|c| !c.is_control())
        .map(|c| match c as u32 {
            0x20..=0x7e | 0xa0..=0xff => c as u32 as u8,
            _ => b'?',
        })
        .collect()
}

/// The label as an 812 x 1218 PNG (4x6 in at 203 dpi), black and white only: the PDF label rasterised
/// and thresholded, i.e. what a 203-dpi thermal printer prints.
pub fn png_4x6(label: &ShippingLabel) -> Vec<u8> {
    let pdf = pdf_4x6(label);
    match crate::raster::pdf_to_mono(&pdf, &crate::raster::RasterOptions::default()) {
        Ok(mono) => mono.to_png(),
        Err(e) => {
            // Our own PDF always renders; keep the signature infallible and say what happened.
            tracing::error!("could not rasterise the drawn label: {e}");
            Vec::new()
        }
    }
}
