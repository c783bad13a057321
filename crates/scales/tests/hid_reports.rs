//! The HID weight report decoder against recorded report layouts of Dymo and Mettler Toledo scales
//! (tests/fixtures/hid_reports.txt): every status and every unit.

use scales::{hid_report, ScaleState};

fn state(name: &str) -> ScaleState {
    serde_json::from_value(serde_json::Value::String(name.into())).unwrap_or_else(|_| panic!("state {name}"))
}

#[test]
fn every_recorded_report_reads_as_expected() {
    let table = include_str!("fixtures/hid_reports.txt");
    let mut checked = 0;
    for line in table.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let cols: Vec<&str> = line.split_whitespace().collect();
        let n = cols.iter().take_while(|c| c.len() == 2 && u8::from_str_radix(c, 16).is_ok()).count();
        let bytes: Vec<u8> = cols[..n].iter().map(|c| u8::from_str_radix(c, 16).unwrap()).collect();
        let (want_state, want_weight, want_unit) = (cols[n], cols[n + 1], cols[n + 2]);
        let r = hid_report::parse(&bytes).unwrap_or_else(|| panic!("{line}: not decoded"));
        assert_eq!(r.state, state(want_state), "{line}: {r:?}");
        match want_weight {
            "-" => assert_eq!(r.weight, None, "{line}"),
            w => {
                assert_eq!(r.weight.map(|v| v.normalize().to_string()).as_deref(), Some(w), "{line}");
                assert_eq!(r.unit.map(|u| u.as_str()), Some(want_unit), "{line}");
            }
        }
        checked += 1;
    }
    assert_eq!(checked, 20, "every fixture line was checked");
}

#[test]
fn other_reports_are_not_weights() {
    assert!(hid_report::parse(&[]).is_none());
    assert!(hid_report::parse(&[4, 1, 2]).is_none());
    assert!(hid_report::parse(&[5, 4, 11, 255, 28, 0]).is_none(), "report 5 is not the data report");
}

#[test]
fn only_stable_readings_are_usable() {
    let stable = hid_report::parse(&[3, 4, 12, 0xFE, 125, 0]).unwrap();
    assert_eq!(stable.usable(), Some("1.25lb".parse().unwrap()));
    let moving = hid_report::parse(&[3, 3, 12, 0xFE, 125, 0]).unwrap();
    assert_eq!(moving.usable(), None);
    let zero = hid_report::parse(&[3, 2, 12, 0xFE, 0, 0]).unwrap();
    assert_eq!(zero.usable(), None);
}
