//! Plain text PDF documents (packing slips, manifests, merged batch files): real PDFs with the
//! standard Helvetica font, one page per group of lines.

use pdf_writer::{Content, Name, Pdf, Rect, Ref, Str};

/// A PDF of `pages` (each a list of lines) with the given page size in points.
pub fn text_pdf(pages: &[Vec<String>], width: f32, height: f32) -> Vec<u8> {
    let mut pdf = Pdf::new();
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let font = Ref::new(3);
    let mut next = 4;
    let mut page_ids = Vec::new();
    let pages: Vec<Vec<String>> = if pages.is_empty() {
        vec![Vec::new()]
    } else {
        pages.to_vec()
    };
    pdf.catalog(catalog).pages(tree);
    pdf.type1_font(font).base_font(Name(b"Helvetica"));
    let size = if width < 400.0 { 11.0 } else { 12.0 };
    for lines in &pages {
        let page = Ref::new(next);
        let content_id = Ref::new(next + 1);
        next += 2;
        page_ids.push(page);
        {
            let mut p = pdf.page(page);
            p.media_box(Rect::new(0.0, 0.0, width, height));
            p.parent(tree);
            p.contents(content_id);
            p.resources().fonts().pair(Name(b"F1"), font);
        }
        let mut c = Content::new();
        c.begin_text();
        c.set_font(Name(b"F1"), size);
        c.set_leading(size * 1.3);
        c.next_line(18.0, height - 30.0);
        for line in lines {
            let latin: Vec<u8> = line
                .chars()
                .map(|ch| if (ch as u32) < 256 { ch as u8 } else { b'?' })
                .collect();
            c.show(Str(&latin));
            c.next_line_using_leading();
        }
        c.end_text();
        pdf.stream(content_id, &c.finish());
    }
    pdf.pages(tree)
        .kids(page_ids.iter().copied())
        .count(page_ids.len() as i32);
    pdf.finish()
}
