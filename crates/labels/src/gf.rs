//! ZPL `^GF` graphic fields from a 1-bit bitmap: ASCII hex (optionally with Zebra's row compression)
//! and `:Z64:` (base64 of zlib-deflated bytes plus a CRC-16/CCITT of the base64 text).

use std::io::Write;

use base64::Engine;
use flate2::write::ZlibEncoder;
use flate2::Compression;

use crate::error::LabelError;
use crate::raster::MonoBitmap;

/// How the bitmap bytes travel inside `^GFA`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GfEncoding {
    /// Two hex digits per byte, one row per line. About 250 KB for a 4x6 label at 203 dpi.
    Hex,
    /// Hex with Zebra's ASCII compression (repeat counts `G`–`Y`, `g`–`z`; `,` = rest of row white,
    /// `!` = rest of row black, `:` = same row as before). Understood by every ZPL II printer.
    HexCompressed,
    /// `:Z64:` base64(zlib) with a CRC: the smallest; the default. Firmware older than about 2008
    /// (pre-x.14) rejects it, hence the hex fallbacks.
    #[default]
    Z64,
}

/// The `^GFA,b,c,d,data` command (without `^FO` or `^FS`) for a bitmap.
///
/// `b` and `c` are both the bitmap's byte count and `d` the bytes per row, as Zebra's own tools write
/// them for every encoding.
pub fn graphic_field(bitmap: &MonoBitmap, encoding: GfEncoding) -> Result<String, LabelError> {
    let total = bitmap.data.len();
    let per_row = bitmap.bytes_per_row;
    let data = match encoding {
        GfEncoding::Hex => hex_rows(bitmap),
        GfEncoding::HexCompressed => compressed_hex_rows(bitmap),
        GfEncoding::Z64 => z64(&bitmap.data)?,
    };
    Ok(format!("^GFA,{total},{total},{per_row},{data}"))
}

/// A whole one-graphic label: `^XA^PW…^LL…^FO0,0^GFA,…^FS^XZ`.
pub fn graphic_label(bitmap: &MonoBitmap, encoding: GfEncoding) -> Result<Vec<u8>, LabelError> {
    let gf = graphic_field(bitmap, encoding)?;
    let mut out = String::with_capacity(gf.len() + 64);
    out.push_str(&format!("^XA^PW{}^LL{}^LH0,0\n^FO0,0{gf}^FS\n^XZ\n", bitmap.width, bitmap.height));
    Ok(out.into_bytes())
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Plain hex, a line per row.
fn hex_rows(bitmap: &MonoBitmap) -> String {
    let mut out = String::with_capacity(bitmap.data.len() * 2 + bitmap.height as usize + 1);
    for y in 0..bitmap.height {
        out.push('\n');
        for &b in bitmap.row(y) {
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 15) as usize] as char);
        }
    }
    out
}

/// Hex with ZPL ASCII compression, a line per row.
fn compressed_hex_rows(bitmap: &MonoBitmap) -> String {
    let mut out = String::new();
    let mut previous: Option<&[u8]> = None;
    let mut digits: Vec<u8> = Vec::with_capacity(bitmap.bytes_per_row as usize * 2);
    for y in 0..bitmap.height {
        let row = bitmap.row(y);
        out.push('\n');
        if previous == Some(row) {
            out.push(':');
            continue;
        }
        previous = Some(row);
        digits.clear();
        for &b in row {
            digits.push(HEX[(b >> 4) as usize]);
            digits.push(HEX[(b & 15) as usize]);
        }
        // A trailing run of 0 or F digits collapses to ',' or '!'.
        let last = digits.last().copied().unwrap_or(b'0');
        let tail = digits.iter().rev().take_while(|&&d| d == last).count();
        let (body, fill) = match last {
            b'0' => (&digits[..digits.len() - tail], Some(',')),
            b'F' => (&digits[..digits.len() - tail], Some('!')),
            _ => (&digits[..], None),
        };
        let mut i = 0;
        while i < body.len() {
            let d = body[i];
            let run = body[i..].iter().take_while(|&&x| x == d).count();
            push_count(&mut out, run);
            out.push(d as char);
            i += run;
        }
        if let Some(f) = fill {
            out.push(f);
        }
    }
    out
}

/// Appends the repeat count for `n` copies of the next character (nothing for 1).
fn push_count(out: &mut String, mut n: usize) {
    if n <= 1 {
        return;
    }
    while n >= 400 {
        out.push('z');
        n -= 400;
    }
    if n >= 20 {
        out.push((b'g' + (n / 20 - 1) as u8) as char);
        n %= 20;
    }
    if n >= 1 {
        out.push((b'G' + (n - 1) as u8) as char);
    }
}

/// `:Z64:<base64(zlib(data))>:<crc16 hex>`.
pub fn z64(data: &[u8]) -> Result<String, LabelError> {
    let mut enc = ZlibEncoder::new(Vec::with_capacity(data.len() / 8), Compression::default());
    enc.write_all(data)?;
    let deflated = enc.finish()?;
    let b64 = base64::engine::general_purpose::STANDARD.encode(deflated);
    let crc = crc16_ccitt(b64.as_bytes());
    Ok(format!(":Z64:{b64}:{crc:04X}"))
}

/// CRC-16/CCITT as ZPL checks `:Z64:` data: polynomial 0x1021, initial value 0, no reflection
/// (a.k.a. CRC-16/XMODEM), over the base64 text.
pub fn crc16_ccitt(bytes: &[u8]) -> u16 {
    let mut crc: u16 = 0;
    for &b in bytes {
        crc ^= (b as u16) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 { (crc << 1) ^ 0x1021 } else { crc << 1 };
        }
    }
    crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc16_matches_the_xmodem_check_value() {
        assert_eq!(crc16_ccitt(b"123456789"), 0x31C3);
    }

    #[test]
    fn repeat_counts_follow_the_zpl_table() {
        let count = |n| {
            let mut s = String::new();
            push_count(&mut s, n);
            s
        };
        assert_eq!(count(1), "");
        assert_eq!(count(2), "H");
        assert_eq!(count(19), "Y");
        assert_eq!(count(20), "g");
        assert_eq!(count(21), "gG");
        assert_eq!(count(400), "z");
        assert_eq!(count(443), "zhI");
    }
}
