//! The tracking barcode survives every path to the printer: drawn as ZPL or PDF, converted PDF ->
//! 1-bit -> `^GF` (hex, compressed hex, Z64), printed (rendered like a printer) at 203 and 300 dpi,
//! and scanned back.

#![cfg(feature = "labelize")]

mod common;

use common::{contains, decode, label, render, TRACKING};
use labels::convert::{to_printer_zpl, ConvertOptions, ZplRescale};
use labels::raster::{pdf_to_gray, pdf_to_mono};
use labels::zpl::{dimensions, validate_framing, ZplDimensions};
use labels::{Dpi, GfEncoding, RasterOptions};

fn options(dpi: Dpi, encoding: GfEncoding) -> ConvertOptions {
    ConvertOptions { raster: RasterOptions { dpi, ..Default::default() }, encoding, ..Default::default() }
}

#[test]
fn drawn_zpl_scans_as_the_tracking_number() {
    for tracking in TRACKING {
        let zpl = labels::zpl_4x6(&label(tracking));
        assert_eq!(validate_framing(&zpl).ok(), Some(1));
        assert_eq!(dimensions(&zpl), ZplDimensions { print_width: Some(812), label_length: Some(1218) });
        let printed = render(&zpl, Dpi::D203);
        assert_eq!(printed.dimensions(), (812, 1218));
        assert_eq!(decode(&printed).as_deref(), Some(tracking), "ZPL label for {tracking}");
    }
}

#[test]
fn drawn_pdf_is_4x6_and_scans() {
    for tracking in TRACKING {
        let pdf = labels::pdf_4x6(&label(tracking));
        assert!(pdf.starts_with(b"%PDF-"));
        assert!(contains(&pdf, "/MediaBox [0 0 288 432]"));
        assert!(contains(&pdf, "/Helvetica"));
        let gray = pdf_to_gray(&pdf, &RasterOptions::default()).expect("PDF renders");
        assert_eq!(gray.dimensions(), (812, 1218));
        assert_eq!(decode(&gray).as_deref(), Some(tracking), "PDF label for {tracking}");
    }
}

#[test]
fn drawn_png_is_812_by_1218_black_and_white_and_scans() {
    let tracking = TRACKING[0];
    let png = labels::png_4x6(&label(tracking));
    let img = image::load_from_memory(&png).expect("a PNG").into_luma8();
    assert_eq!(img.dimensions(), (812, 1218));
    assert!(img.pixels().all(|p| p.0[0] == 0 || p.0[0] == 255));
    assert_eq!(decode(&img).as_deref(), Some(tracking));
}

#[test]
fn pdf_converted_to_gf_prints_a_scannable_barcode_at_203_and_300_dpi() {
    for (dpi, (w, h)) in [(Dpi::D203, (812, 1218)), (Dpi::D300, (1200, 1800))] {
        for encoding in [GfEncoding::Z64, GfEncoding::Hex, GfEncoding::HexCompressed] {
            for tracking in TRACKING {
                let pdf = labels::pdf_4x6(&label(tracking));
                let zpl = to_printer_zpl(&pdf, &options(dpi, encoding)).expect("converts");
                assert_eq!(validate_framing(&zpl).ok(), Some(1));
                assert!(zpl.starts_with(format!("^XA^PW{w}^LL{h}").as_bytes()));
                assert!(contains(&zpl, "^FO0,0^GFA,"));
                assert_eq!(contains(&zpl, ":Z64:"), encoding == GfEncoding::Z64);
                let printed = render(&zpl, dpi);
                assert_eq!(
                    decode(&printed).as_deref(),
                    Some(tracking),
                    "{tracking} via {encoding:?} at {} dpi",
                    dpi.value()
                );
            }
        }
    }
}

#[test]
fn the_printed_gf_is_exactly_the_converted_bitmap() {
    let pdf = labels::pdf_4x6(&label(TRACKING[1]));
    for dpi in [Dpi::D203, Dpi::D300] {
        let mono = pdf_to_mono(&pdf, &RasterOptions { dpi, ..Default::default() }).expect("renders");
        for encoding in [GfEncoding::Z64, GfEncoding::Hex, GfEncoding::HexCompressed] {
            let zpl = to_printer_zpl(&pdf, &options(dpi, encoding)).expect("converts");
            let printed = render(&zpl, dpi);
            let expected = mono.to_gray();
            let differing = printed.pixels().zip(expected.pixels()).filter(|(a, b)| a != b).count();
            assert_eq!(differing, 0, "{encoding:?} at {} dpi: {differing} dots differ", dpi.value());
        }
    }
}

#[test]
fn zpl_for_203_dpi_prints_full_size_and_scans_on_a_300_dpi_printer() {
    let tracking = TRACKING[0];
    let zpl = labels::zpl_4x6(&label(tracking));
    for rescale in [ZplRescale::Auto, ZplRescale::Rasterize] {
        let opts = ConvertOptions { rescale, ..options(Dpi::D300, GfEncoding::Z64) };
        let out = to_printer_zpl(&zpl, &opts).expect("rescales");
        match rescale {
            ZplRescale::Auto => assert!(contains(&out, "^XA^MUD,200,300")),
            ZplRescale::Rasterize => assert!(contains(&out, "^XA^PW1200^LL1800")),
        }
        let printed = render(&out, Dpi::D300);
        assert_eq!(decode(&printed).as_deref(), Some(tracking), "{rescale:?}");
        // Full size: the barcode spans about 1.5x as many dots as at 203 dpi.
        let span = |img: &image::GrayImage| {
            let y = 866 * img.height() / 1218 + 50;
            let xs: Vec<u32> = (0..img.width()).filter(|&x| img.get_pixel(x, y).0[0] < 128).collect();
            xs.last().unwrap_or(&0) - xs.first().unwrap_or(&0)
        };
        let at_203 = span(&render(&zpl, Dpi::D203)) as f32;
        let at_300 = span(&printed) as f32;
        assert!((at_300 / at_203 - 1.48).abs() < 0.06, "{rescale:?}: {at_203} -> {at_300} dots");
    }
}

#[test]
fn a_dithered_pdf_label_still_converts() {
    let pdf = labels::pdf_4x6(&label(TRACKING[2]));
    let mut opts = options(Dpi::D203, GfEncoding::Z64);
    opts.raster.mono = labels::Monochrome::FloydSteinberg;
    let zpl = to_printer_zpl(&pdf, &opts).expect("converts");
    assert_eq!(validate_framing(&zpl).ok(), Some(1));
    // Our PDF is pure black and white, so dithering changes nothing and the barcode survives.
    assert_eq!(decode(&render(&zpl, Dpi::D203)).as_deref(), Some(TRACKING[2]));
}
