//! Golden files: the exact ZPL bytes for a fixed small image, in every `^GF` encoding. A change here is
//! a change in what printers receive: regenerate with `UPDATE_GOLDEN=1 cargo test -p labels --test
//! golden` only on purpose, and read the diff.

use std::path::PathBuf;

use labels::gf::{graphic_label, z64};
use labels::{Dpi, GfEncoding, LabelSize, MonoBitmap, RasterOptions};

/// A 24 x 6 test card: a frame, a checker row, a black row, two equal rows, a half-black row.
fn card() -> MonoBitmap {
    let rows = [
        "XXXXXXXXXXXXXXXXXXXXXXXX",
        "X......................X",
        "X.X.X.X.X.X.X.X.X.X.X..X",
        "X.X.X.X.X.X.X.X.X.X.X..X",
        "XXXXXXXXXXXX............",
        "........................",
    ];
    let mut m = MonoBitmap::new(24, rows.len() as u32);
    for (y, row) in rows.iter().enumerate() {
        for (x, c) in row.chars().enumerate() {
            if c == 'X' {
                m.set(x as u32, y as u32);
            }
        }
    }
    m
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn check(name: &str, actual: &[u8]) {
    let path = fixture(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("write fixture");
    }
    let expected = std::fs::read(&path).expect("fixture exists");
    assert_eq!(
        String::from_utf8_lossy(actual),
        String::from_utf8_lossy(&expected),
        "{name} differs from the committed fixture"
    );
}

#[test]
fn hex_golden() {
    check("card_hex.zpl", &graphic_label(&card(), GfEncoding::Hex).expect("encodes"));
}

#[test]
fn compressed_hex_golden() {
    check("card_hex_compressed.zpl", &graphic_label(&card(), GfEncoding::HexCompressed).expect("encodes"));
}

#[test]
fn z64_golden() {
    check("card_z64.zpl", &graphic_label(&card(), GfEncoding::Z64).expect("encodes"));
}

#[test]
fn png_to_zpl_golden() {
    // The same card as a PNG at exactly the label's size goes through untouched.
    let png = card().to_png();
    let opts = labels::convert::ConvertOptions {
        raster: RasterOptions {
            dpi: Dpi::D203,
            size: LabelSize { width_in: 24.0 / 203.0, height_in: 6.0 / 203.0 },
            ..Default::default()
        },
        encoding: GfEncoding::HexCompressed,
        ..Default::default()
    };
    let zpl = labels::convert::to_printer_zpl(&png, &opts).expect("converts");
    check("card_hex_compressed.zpl", &zpl);
}

#[test]
fn z64_payload_decodes_back_and_its_crc_checks() {
    use base64::Engine;
    use std::io::Read;
    let bitmap = card();
    let text = z64(&bitmap.data).expect("encodes");
    let body = text.strip_prefix(":Z64:").expect("prefix");
    let (b64, crc) = body.rsplit_once(':').expect("crc");
    assert_eq!(crc, format!("{:04X}", labels::gf::crc16_ccitt(b64.as_bytes())));
    let deflated = base64::engine::general_purpose::STANDARD.decode(b64).expect("base64");
    let mut raw = Vec::new();
    flate2::read::ZlibDecoder::new(&deflated[..]).read_to_end(&mut raw).expect("zlib");
    assert_eq!(raw, bitmap.data);
}
