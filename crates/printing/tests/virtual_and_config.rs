//! The virtual (demo) printer, printer settings as JSON, and preparing documents for a printer.

mod common;

use common::{decode_png, label};
use printing::{
    driver_for, prepare, DocFormat, DocType, Document, JobState, PrintError, PrinterConfig, PrinterKind,
    PrinterLanguage, VirtualDriver,
};

fn virtual_config(dir: &std::path::Path) -> PrinterConfig {
    PrinterConfig {
        name: "Demo printer".into(),
        kind: PrinterKind::Virtual { dir: dir.to_path_buf() },
        language: PrinterLanguage::Zpl,
        dpi: Default::default(),
        label_size: Default::default(),
        doc_types: Default::default(),
    }
}

#[test]
fn the_virtual_printer_keeps_each_job_and_a_scannable_preview() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("printed");
    let driver = driver_for(&virtual_config(&folder));
    for (tracking, bytes) in [
        ("1Z999AA10123456784", labels::zpl_4x6(&label("1Z999AA10123456784"))),
        ("794612345678", labels::pdf_4x6(&label("794612345678"))),
    ] {
        let doc = Document::new(bytes, DocType::Label, tracking);
        let ticket = driver.send(&doc).expect("written");
        let job = folder.join(&ticket.id);
        assert!(ticket.id.ends_with(&format!(".{}", doc.format.extension())), "{}", ticket.id);
        assert_eq!(std::fs::read(&job).expect("job file"), doc.bytes);
        let preview = std::fs::read(VirtualDriver::preview_path(&job)).expect("preview file");
        assert_eq!(decode_png(&preview).as_deref(), Some(tracking));
        assert_eq!(driver.job_state(&ticket).expect("state"), JobState::Completed);
        std::fs::remove_file(&job).expect("remove");
        assert_eq!(driver.job_state(&ticket).expect("state"), JobState::Unknown);
    }
}

#[test]
fn an_unwritable_folder_is_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("a-file");
    std::fs::write(&file, b"x").expect("write");
    let driver = driver_for(&virtual_config(&file.join("sub")));
    let err = driver.send(&Document::new(b"^XA^XZ".to_vec(), DocType::Label, "x")).expect_err("not a dir");
    assert!(matches!(err, PrintError::VirtualDir { .. }), "{err:?}");
    assert!(err.to_string().starts_with("The demo printer could not write into"), "{err}");
}

#[test]
fn settings_round_trip_as_json_with_defaults() {
    let json = r#"{"name":"Zebra","kind":{"type":"tcp","host":"10.0.0.5"},"language":"zpl"}"#;
    let config: PrinterConfig = serde_json::from_str(json).expect("parses");
    assert_eq!(config.kind, PrinterKind::Tcp { host: "10.0.0.5".into(), port: 9100 });
    assert_eq!(u32::from(config.dpi), 203);
    assert_eq!((config.label_size.width_in, config.label_size.height_in), (4.0, 6.0));
    assert!(config.doc_types.accepts(DocType::Label));
    assert!(!config.doc_types.accepts(DocType::PackingSlip));
    let back: PrinterConfig = serde_json::from_str(&serde_json::to_string(&config).expect("json")).expect("parses");
    assert_eq!(back, config);

    let system = r#"{"name":"Office","kind":{"type":"system","queue":"HP"},"language":"pdf","dpi":300,
        "doc_types":{"packing_slip":true,"manifest":true}}"#;
    let config: PrinterConfig = serde_json::from_str(system).expect("parses");
    assert_eq!(u32::from(config.dpi), 300);
    assert!(!config.doc_types.accepts(DocType::Label));

    let bad = r#"{"name":"x","kind":{"type":"tcp","host":"h"},"language":"zpl","dpi":250}"#;
    let err = serde_json::from_str::<PrinterConfig>(bad).expect_err("250 dpi");
    assert!(err.to_string().contains("203 or 300"), "{err}");
}

#[test]
fn documents_are_prepared_for_the_printer_language() {
    let pdf = Document::new(labels::pdf_4x6(&label("794612345678")), DocType::Label, "l");
    assert_eq!(pdf.format, DocFormat::Pdf);
    let mut config = virtual_config(std::path::Path::new("/unused"));
    let zpl = prepare(&pdf, &config).expect("converts");
    assert_eq!(zpl.format, DocFormat::Zpl);
    assert!(zpl.bytes.starts_with(b"^XA^PW812^LL1218"));

    config.dpi = printing::Dpi::D300;
    let zpl300 = prepare(&pdf, &config).expect("converts");
    assert!(zpl300.bytes.starts_with(b"^XA^PW1200^LL1800"));

    config.language = PrinterLanguage::Pdf;
    assert_eq!(prepare(&pdf, &config).expect("as is"), pdf);
    let zpl_doc = Document::new(labels::zpl_4x6(&label("1")), DocType::Label, "l");
    let err = prepare(&zpl_doc, &config).expect_err("ZPL on a PDF printer");
    assert_eq!(
        err.to_string(),
        "Printer 'Demo printer' takes PDF but this label is ZPL — choose a ZPL printer for it, or buy labels as PDF."
    );
}

/// A printers.json as Shipbench wrote it before `Dpi` and `LabelSize` moved to the labels crate
/// (station's printq::registry: `{"printers": [...]}`, pretty-printed).
const PRINTERS_JSON: &str = r#"{
  "printers": [
    {
      "name": "Zebra at bench 2",
      "kind": {
        "type": "tcp",
        "host": "10.0.0.5",
        "port": 9100
      },
      "language": "zpl",
      "dpi": 300,
      "label_size": {
        "width_in": 4.0,
        "height_in": 6.0
      },
      "doc_types": {
        "label": true,
        "packing_slip": false,
        "manifest": false
      }
    },
    {
      "name": "Office",
      "kind": {
        "type": "system",
        "queue": "HP_LaserJet"
      },
      "language": "pdf",
      "dpi": 203,
      "label_size": {
        "width_in": 4.0,
        "height_in": 4.0
      },
      "doc_types": {
        "label": false,
        "packing_slip": true,
        "manifest": true
      }
    }
  ]
}"#;

#[test]
fn an_existing_printers_json_reads_and_writes_back_unchanged() {
    let file: serde_json::Value = serde_json::from_str(PRINTERS_JSON).expect("json");
    let printers: Vec<PrinterConfig> = serde_json::from_value(file["printers"].clone()).expect("reads");
    assert_eq!(printers.len(), 2);
    assert_eq!(printers[0].dpi, printing::Dpi::D300);
    assert_eq!(printers[0].label_size, printing::LabelSize { width_in: 4.0, height_in: 6.0 });
    assert_eq!(printers[1].dpi, printing::Dpi::D203);
    assert_eq!(printers[1].label_size.height_in, 4.0);
    // The same types the converter takes: no copy to translate.
    let options = printers[0].convert_options();
    assert_eq!((options.raster.dpi, options.raster.size), (printers[0].dpi, printers[0].label_size));
    #[derive(serde::Serialize)]
    struct PrintersFile<'a> {
        printers: &'a [PrinterConfig],
    }
    let written = serde_json::to_string_pretty(&PrintersFile { printers: &printers }).expect("writes");
    assert_eq!(written, PRINTERS_JSON);
}
