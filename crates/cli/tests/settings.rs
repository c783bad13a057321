//! `shipbench settings` as a script or a kiosk runs it: the real binary on a data dir, every verb,
//! bad values answered with one sentence and nothing written.

use std::path::Path;
use std::process::{Command, Output};

fn cli(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shipbench-cli"))
        .arg("--demo")
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("SHIPBENCH_TOKEN")
        .output()
        .expect("run shipbench-cli")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn ok(data: &Path, args: &[&str]) -> String {
    let out = cli(data, args);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", text(&out.stderr));
    text(&out.stdout)
}

/// Runs a command that must fail; returns its one sentence.
fn refused(data: &Path, args: &[&str]) -> String {
    let out = cli(data, args);
    assert_eq!(out.status.code(), Some(1), "{args:?} should fail: {}", text(&out.stdout));
    let err = text(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "one sentence: {err}");
    err.trim().to_owned()
}

fn json(data: &Path) -> serde_json::Value {
    serde_json::from_str(&ok(data, &["settings", "show", "--json"])).expect("JSON")
}

#[test]
fn every_verb_sets_shows_exports_and_imports() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path();

    // Defaults, as a person reads them.
    let show = ok(data, &["settings"]);
    assert!(show.contains("label-format    ZPLII"), "{show}");
    assert!(show.contains("rate-rule       cheapest"), "{show}");
    assert!(show.contains("sounds          on"), "{show}");

    assert_eq!(ok(data, &["settings", "set", "label-format", "PDF_4x6"]).trim(), "Labels are bought as PDF_4x6.");
    assert_eq!(ok(data, &["settings", "set", "rate-rule", "cheapest-within:3"]).trim(), "The rate rule is cheapest-within:3.");
    ok(data, &["settings", "set", "rate-rule", "fixed:ca_0123/usps_priority"]);
    assert_eq!(
        ok(data, &["settings", "set", "printer", "labels", "Demo label printer"]).trim(),
        "'Demo label printer' prints labels."
    );
    ok(data, &["settings", "set", "printer", "manifests", "demo document printer"]);
    assert_eq!(
        ok(data, &["settings", "set", "sender", "label=Warehouse; name=Jane Doe; street1=215 Clayton St.; city=San Francisco; state=CA; zip=94117; country=us"]).trim(),
        "Sender 'Warehouse' saved."
    );
    ok(data, &["settings", "set", "sender", "label=Shop; street1=1 Main St; city=Austin; state=TX; zip=78701; country=US"]);
    ok(data, &["settings", "set", "sender-default", "shop"]);
    ok(data, &["settings", "set", "default-parcel", "Small box: 10x8x4 in"]);
    assert_eq!(ok(data, &["settings", "set", "default-weight", "1.5lb"]).trim(), "The default weight is 1.5 lb.");
    ok(data, &["settings", "set", "sounds", "off"]);
    ok(data, &["settings", "set", "auto-buy", "on"]);
    ok(data, &["settings", "set", "theme", "dark"]);

    let j = json(data);
    let s = &j;
    assert_eq!(s["label_format"], "PDF_4x6");
    assert_eq!(s["rate_rule"], serde_json::json!({"rule": "fixed", "carrier_account": "ca_0123", "servicelevel": "usps_priority"}));
    assert_eq!(s["printer_mapping"]["label"], "Demo label printer");
    assert_eq!(s["printer_mapping"]["manifest"], "Demo document printer");
    let senders = s["sender_addresses"].as_array().expect("senders");
    assert_eq!(senders.len(), 2);
    assert_eq!(senders[0]["address"]["country"], "US");
    assert_eq!(senders[0]["is_default"], false);
    assert_eq!(senders[1]["label"], "Shop");
    assert_eq!(senders[1]["is_default"], true);
    assert_eq!(s["default_parcel"]["length"], "10");
    assert_eq!(s["bench"], serde_json::json!({"sounds": false, "auto_buy": true, "default_weight": "1.5", "default_weight_unit": "lb", "theme": "dark", "packing_slip_with_label": false}));

    let show = ok(data, &["settings", "show"]);
    assert!(show.contains("sender          Shop: 1 Main St, Austin, TX, 78701, US (default)"), "{show}");
    assert!(show.contains("printer labels  Demo label printer"), "{show}");

    // Export, change, import: the file brings everything back, and holds no token.
    let file = data.join("bench.json");
    let file_s = file.to_str().expect("utf-8");
    ok(data, &["settings", "export", file_s]);
    let exported = std::fs::read_to_string(&file).expect("exported");
    assert!(exported.contains("\"shipbench_settings\": 1"), "{exported}");
    assert!(!exported.to_lowercase().contains("token"), "{exported}");
    ok(data, &["settings", "set", "label-format", "zpl"]);
    ok(data, &["settings", "set", "sender-remove", "Shop"]);
    assert_eq!(json(data)["sender_addresses"][0]["is_default"], true, "the one left becomes the default");
    ok(data, &["settings", "import", file_s]);
    assert_eq!(json(data), j);

    // Another data dir takes the same file.
    let other = tempfile::tempdir().expect("tmp");
    ok(other.path(), &["settings", "import", file_s]);
    assert_eq!(json(other.path()), j);
}

#[test]
fn bad_values_get_one_sentence_and_change_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path();
    ok(data, &["settings", "set", "label-format", "PDF_4x6"]);
    let before = json(data);

    let cases: [(&[&str], &str); 12] = [
        (&["label-format", "PNG"], "label-format takes ZPLII or PDF_4x6, not 'PNG'."),
        (&["rate-rule", "random"], "rate-rule takes cheapest, fastest, cheapest-within:DAYS, preferred:CARRIER[/SERVICELEVEL] or fixed:CARRIER_ACCOUNT_ID/SERVICELEVEL, not 'random'."),
        (&["rate-rule", "cheapest-within:soon"], "cheapest-within takes a number of days from 1 to 60"),
        (&["rate-rule", "fixed:ca_1"], "fixed takes a carrier account id and a service level token"),
        (&["printer", "labels", "Zebra GK420d"], "There is no printer called 'Zebra GK420d'; the printers are: 'Demo label printer', 'Demo document printer'."),
        (&["printer", "stickers", "Demo label printer"], "printer takes a role (labels, packing-slips or manifests) and a printer name"),
        (&["sender", "label=Home; city=Austin; country=USA"], "missing or wrong: street1, country."),
        (&["sender-default", "Nowhere"], "sender-default takes the label of a sender; there is no 'Nowhere' (senders: none)."),
        (&["default-parcel", "10x8 in"], "default-parcel takes [NAME:] LENGTHxWIDTHxHEIGHT in|cm"),
        (&["default-weight", "-2kg"], "default-weight takes a positive weight with g, kg, oz or lb"),
        (&["sounds", "loud"], "sounds takes on or off, not 'loud'."),
        (&["colour", "blue"], "'colour' is not a setting; the settings are: label-format, rate-rule,"),
    ];
    for (args, sentence) in cases {
        let mut full = vec!["settings", "set"];
        full.extend_from_slice(args);
        let err = refused(data, &full);
        assert!(err.contains(sentence), "{args:?}: {err}");
    }
    assert_eq!(refused(data, &["settings", "set", "theme", "neon"]), "theme takes light, dark or system, not 'neon'.");
    assert_eq!(json(data), before, "nothing was written");

    // An import that is not a settings file, or that carries a token, writes nothing either.
    let bad = data.join("bad.json");
    std::fs::write(&bad, r#"{"shipbench_settings": 1, "settings": {"label_format": "ZPLII", "token": "shippo_live_x"}}"#).expect("write");
    let err = refused(data, &["settings", "import", bad.to_str().expect("utf-8")]);
    assert!(err.contains("'token' is not a Shipbench setting"), "{err}");
    std::fs::write(&bad, r#"{"shipbench_settings": 1, "settings": {"label_format": "ZPLII", "rate_rule": {"rule": "coin_toss"}}}"#).expect("write");
    let err = refused(data, &["settings", "import", bad.to_str().expect("utf-8")]);
    assert!(err.starts_with("The settings file is not valid"), "{err}");
    assert_eq!(json(data), before, "nothing was imported");
    let err = refused(data, &["settings", "import", data.join("missing.json").to_str().expect("utf-8")]);
    assert!(err.contains("missing.json"), "{err}");
}

#[test]
fn a_buy_with_a_label_printer_that_does_not_answer_is_refused_before_money_is_spent() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path();
    ok(data, &["sync"]);
    let list: serde_json::Value =
        serde_json::from_str(&ok(data, &["--json", "orders", "--label", "awaiting", "--country", "US", "--status", "PAID", "--limit", "1"])).expect("JSON");
    let order = list["orders"][0]["order_number"].as_str().expect("an order").to_owned();

    // A network printer that is off takes the labels.
    let port = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port();
    ok(data, &["printers", "add", "Shelf Zebra", "--tcp", &format!("127.0.0.1:{port}")]);
    ok(data, &["settings", "set", "printer", "labels", "Shelf Zebra"]);

    // (buy reports its failed step as it goes, then the error: the sentence is the last line.)
    let out = cli(data, &["buy", &order]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    let err = text(&out.stderr).trim().lines().last().unwrap_or_default().to_owned();
    assert!(err.starts_with(&format!("The label printer 'Shelf Zebra' at 127.0.0.1:{port} does not answer (")), "{err}");
    assert!(err.ends_with("Nothing was bought. Set up the label printer in Settings > Printers (or `shipbench settings set printer labels NAME`), or choose \"Buy without printing\" (`--no-print` on the command line; `--print-later` buys and prints when the printer is back)."), "{err}");
    let has_label = |data: &Path| {
        let l: serde_json::Value = serde_json::from_str(&ok(data, &["--json", "orders", &order])).expect("JSON");
        l["orders"][0]["has_label"].as_bool().unwrap_or_else(|| panic!("no order row: {l}"))
    };
    assert!(!has_label(data), "no label was bought");

    // Buy without printing goes on.
    let out = ok(data, &["buy", &order, "--no-print"]);
    assert!(out.contains(" bought "), "{out}");
    assert!(has_label(data), "the label was bought");
}

#[test]
fn a_packing_slip_with_each_label_is_one_setting() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path();
    assert!(ok(data, &["settings"]).contains("packing-slip-with-label  off"), "off by default");
    assert_eq!(json(data)["bench"]["packing_slip_with_label"], false);

    assert_eq!(
        ok(data, &["settings", "set", "packing-slip-with-label", "on"]).trim(),
        "A packing slip is printed with each label (on the packing-slips printer)."
    );
    assert_eq!(json(data)["bench"]["packing_slip_with_label"], true);
    assert!(ok(data, &["settings"]).contains("packing-slip-with-label  on"));
    // The other bench choices are untouched.
    assert_eq!(json(data)["bench"]["sounds"], true);

    let before = json(data);
    assert_eq!(
        refused(data, &["settings", "set", "packing-slip-with-label", "sometimes"]),
        "packing-slip-with-label takes on or off, not 'sometimes'."
    );
    assert_eq!(json(data), before, "nothing was written");

    assert_eq!(
        ok(data, &["settings", "set", "packing-slip-with-label", "off"]).trim(),
        "No packing slip is printed with the labels now."
    );
    assert_eq!(json(data)["bench"]["packing_slip_with_label"], false);
}
