//! `shipbench scale` as a process: a serial NCI and a SICS scale on real pseudo-terminals, the demo's
//! virtual scale set and read back, `watch`, and the sentences for bad input and a pulled cable.
#![cfg(unix)]

use std::process::{Command, Output};

use scales::testing::{Answer, TestScale};

fn shipbench(data: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shipbench-cli"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("SHIPBENCH_TOKEN")
        .output()
        .expect("run shipbench-cli")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).trim().to_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).trim().to_owned()
}

#[test]
fn reads_an_nci_scale_on_a_pty() {
    let data = tempfile::tempdir().unwrap();
    let scale = TestScale::start(b'\r');
    // In motion first, then settled: one stable reading is printed.
    scale.answer(Answer::Chunks(vec![b"\n  1.31lb\r\nS10\r\x03"]));
    scale.answer(Answer::Chunks(vec![b"\n  1.25lb\r\nS00\r\x03"]));
    let o = shipbench(data.path(), &["--demo", "--json", "scale", "--port", &scale.path, "--protocol", "nci"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), r#"{"state":"stable","weight":"1.25","unit":"lb"}"#);
}

#[test]
fn reads_a_sics_scale_on_a_pty() {
    let data = tempfile::tempdir().unwrap();
    let scale = TestScale::start(b'\n');
    scale.answer(Answer::Chunks(vec![b"S S      1.250 kg\r\n"]));
    let o = shipbench(data.path(), &["--demo", "scale", "--port", &scale.path, "--protocol", "sics", "--baud", "9600"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "1.25 kg — Stable.");
}

#[test]
fn a_pulled_cable_is_said_and_fails() {
    let data = tempfile::tempdir().unwrap();
    let scale = TestScale::start(b'\r');
    scale.answer(Answer::Hangup);
    let o = shipbench(data.path(), &["--demo", "scale", "--port", &scale.path, "--wait", "1"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let said = stdout(&o);
    assert!(
        said.ends_with("The scale is not connected.") || said.ends_with("The scale is not answering."),
        "{said}"
    );
    assert!(stderr(&o).contains("gave no stable weight"), "{}", stderr(&o));
}

#[test]
fn watch_prints_readings_as_they_change() {
    let data = tempfile::tempdir().unwrap();
    let scale = TestScale::start(b'\r');
    scale.answer(Answer::Chunks(vec![b"\n  0.00lb\r\nS20\r\x03"]));
    scale.answer(Answer::Chunks(vec![b"\n  0.90lb\r\nS10\r\x03"]));
    scale.answer(Answer::Chunks(vec![b"\n  0.90lb\r\nS10\r\x03"])); // unchanged: not printed again
    scale.answer(Answer::Chunks(vec![b"\n  1.25lb\r\nS00\r\x03"]));
    let o = shipbench(data.path(), &["--demo", "--json", "scale", "watch", "--count", "3", "--port", &scale.path]);
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<String> = stdout(&o).lines().map(str::to_owned).collect();
    assert_eq!(
        lines,
        [
            r#"{"state":"zero","weight":"0.00","unit":"lb"}"#,
            r#"{"state":"moving","weight":"0.90","unit":"lb"}"#,
            r#"{"state":"stable","weight":"1.25","unit":"lb"}"#,
        ]
    );
}

#[test]
fn the_demo_virtual_scale_is_set_and_read() {
    let data = tempfile::tempdir().unwrap();
    let o = shipbench(data.path(), &["--demo", "scale", "set", "2.5lb"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "The virtual scale now shows 2.5 lb.");
    let o = shipbench(data.path(), &["--demo", "--json", "scale"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), r#"{"state":"stable","weight":"2.5","unit":"lb"}"#);

    let o = shipbench(data.path(), &["--demo", "scale", "set", "2.5 stone"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o), "\"2.5 stone\" is not a weight: write a number and a unit, for example 2.5lb, 40oz, 1.2kg or 850g.");
    let o = shipbench(data.path(), &["--demo", "scale", "--port", "/dev/null", "--protocol", "modbus"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o), "\"modbus\" is not a scale protocol: choose nci or sics.");
}
