//! Serial drivers against a real pseudo-terminal pair: a test scale answers the NCI or SICS
//! protocol on the master side, the driver opens the slave by its path like any serial port.
//! Covers whole answers, answers split across writes, line noise, motion, silence and unplugging.
#![cfg(unix)]

use std::time::{Duration, Instant};

use scales::serial::SerialScale;
use scales::testing::{Answer, TestScale};
use scales::{Scale, ScaleState, SerialProtocol};

fn timed(scale: &mut SerialScale) -> (scales::Reading, Duration) {
    let t = Instant::now();
    let r = scale.read();
    (r, t.elapsed())
}

#[test]
fn nci_scale_over_a_pty() {
    let test = TestScale::start(b'\r');
    let mut scale = SerialScale::open(&test.path, SerialProtocol::Nci, 9600).expect("open the pty as a scale");

    test.answer(Answer::Chunks(vec![b"\n  1.25lb\r\nS00\r\x03"]));
    assert_eq!(scale.read().usable(), Some("1.25lb".parse().unwrap()));

    // One answer split over three writes.
    test.answer(Answer::Chunks(vec![b"\n  2", b".50lb\r\nS0", b"0\r\x03"]));
    assert_eq!(scale.read().usable(), Some("2.5lb".parse().unwrap()));

    // Line noise before the answer is skipped.
    test.answer(Answer::Chunks(vec![b"\x00\x7f~~noise\x03", b"\n  20.0oz\r\nS00\r\x03"]));
    assert_eq!(scale.read().usable(), Some("20oz".parse().unwrap()));

    test.answer(Answer::Chunks(vec![b"\n  1.31lb\r\nS10\r\x03"]));
    let moving = scale.read();
    assert_eq!(moving.state, ScaleState::Moving);
    assert_eq!(moving.usable(), None, "a moving weight is never used");

    test.answer(Answer::Chunks(vec![b"\nS02\r\x03"]));
    assert_eq!(scale.read().state, ScaleState::OverCapacity);

    test.answer(Answer::Chunks(vec![b"\n  0.00lb\r\nS20\r\x03"]));
    assert_eq!(scale.read().state, ScaleState::Zero);

    // Only garbage: not answering, noticed within 2 s.
    test.answer(Answer::Chunks(vec![b"garbage without end"]));
    let (r, took) = timed(&mut scale);
    assert_eq!(r.state, ScaleState::NotAnswering, "{r:?}");
    assert!(took < Duration::from_secs(2), "took {took:?}");

    test.answer(Answer::Silence);
    let (r, took) = timed(&mut scale);
    assert_eq!(r.state, ScaleState::NotAnswering);
    assert!(took < Duration::from_secs(2), "took {took:?}");

    // Pulling the cable.
    test.answer(Answer::Hangup);
    std::thread::sleep(Duration::from_millis(200));
    let (r, took) = timed(&mut scale);
    assert!(matches!(r.state, ScaleState::Unplugged | ScaleState::NotAnswering), "{r:?}");
    assert!(took < Duration::from_secs(2), "took {took:?}");
    let (r, _) = timed(&mut scale);
    assert_eq!(r.state, ScaleState::Unplugged, "{r:?}");
}

#[test]
fn sics_scale_over_a_pty() {
    let test = TestScale::start(b'\n');
    let mut scale = SerialScale::open(&test.path, SerialProtocol::Sics, 9600).expect("open the pty as a scale");

    test.answer(Answer::Chunks(vec![b"S S      1.250 kg\r\n"]));
    assert_eq!(scale.read().usable(), Some("1.25kg".parse().unwrap()));

    test.answer(Answer::Chunks(vec![b"S S   ", b"   0.480 kg\r", b"\n"]));
    assert_eq!(scale.read().usable(), Some("0.48kg".parse().unwrap()));

    test.answer(Answer::Chunks(vec![b"#!noise\r\n", b"S D      1.252 kg\r\n"]));
    assert_eq!(scale.read().state, ScaleState::Moving);

    test.answer(Answer::Chunks(vec![b"S +\r\n"]));
    assert_eq!(scale.read().state, ScaleState::OverCapacity);

    test.answer(Answer::Chunks(vec![b"S S     -0.012 kg\r\n"]));
    assert_eq!(scale.read().state, ScaleState::UnderZero);

    test.answer(Answer::Silence);
    let (r, took) = timed(&mut scale);
    assert_eq!(r.state, ScaleState::NotAnswering);
    assert!(took < Duration::from_secs(2), "took {took:?}");

    test.answer(Answer::Hangup);
    std::thread::sleep(Duration::from_millis(200));
    let _ = scale.read();
    assert_eq!(scale.read().state, ScaleState::Unplugged);
}

#[test]
fn a_missing_port_is_one_sentence() {
    let e = SerialScale::open("/dev/shipbench-no-such-port", SerialProtocol::Nci, 9600).err().unwrap();
    let s = e.to_string();
    assert!(s.starts_with("The scale on /dev/shipbench-no-such-port could not be opened"), "{s}");
}
