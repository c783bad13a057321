//! Label conversion speed. Besides criterion's report, prints one `BENCH|name|value|goal` line per
//! figure for `cargo xtask bench`:
//! - PDF_4x6 -> 203-dpi ZPL with Z64 `^GF` (goal <= 40 ms a label), median and p95;
//! - PDF_4x6 -> 300-dpi ZPL Z64, and 203-dpi ZPL -> 300-dpi `^GF` (no goal, for the record).
//!
//! Run: `cargo bench -p labels --bench convert`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::Criterion;
use labels::convert::{to_printer_zpl, ConvertOptions, ZplRescale};
use labels::{Dpi, RasterOptions, ShippingLabel};

fn label() -> ShippingLabel {
    ShippingLabel::sample("9400111899223456789012")
}

/// Runs `f` `n` times after a warm-up and returns (median, p95).
fn time<F: FnMut()>(n: usize, mut f: F) -> (Duration, Duration) {
    for _ in 0..3 {
        f();
    }
    let mut samples: Vec<Duration> = (0..n)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    samples.sort();
    (samples[n / 2], samples[(n * 95 / 100).min(n - 1)])
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let pdf = labels::pdf_4x6(&label());
    let zpl = labels::zpl_4x6(&label());
    let at = |dpi| ConvertOptions { raster: RasterOptions { dpi, ..Default::default() }, ..Default::default() };
    let opts203 = at(Dpi::D203);
    let opts300 = at(Dpi::D300);
    let raster300 = ConvertOptions { rescale: ZplRescale::Rasterize, ..at(Dpi::D300) };

    let (med, p95) = time(50, || {
        black_box(to_printer_zpl(black_box(&pdf), &opts203).expect("converts"));
    });
    println!("BENCH|PDF_4x6 -> ZPL 203 dpi Z64 (median)|{}|<= 40 ms", ms(med));
    println!("BENCH|PDF_4x6 -> ZPL 203 dpi Z64 (p95)|{}|<= 40 ms", ms(p95));
    let (med, _) = time(30, || {
        black_box(to_printer_zpl(black_box(&pdf), &opts300).expect("converts"));
    });
    println!("BENCH|PDF_4x6 -> ZPL 300 dpi Z64 (median)|{}|-", ms(med));
    let (med, _) = time(20, || {
        black_box(to_printer_zpl(black_box(&zpl), &raster300).expect("converts"));
    });
    println!("BENCH|ZPL 203 dpi -> ^GF 300 dpi (median)|{}|-", ms(med));

    let mut c = Criterion::default().sample_size(20).measurement_time(Duration::from_secs(3)).configure_from_args();
    c.bench_function("pdf_4x6_to_zpl_203_z64", |b| {
        b.iter(|| to_printer_zpl(black_box(&pdf), &opts203).expect("converts"))
    });
    c.final_summary();
}
