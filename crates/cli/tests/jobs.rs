//! `shipbench print` and `shipbench jobs` as a user runs them: the real binary, a data dir, the
//! demo's virtual printers and a TCP printer on 127.0.0.1 that is off, then on.

use std::io::Read;
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

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

fn code(o: &Output) -> i32 {
    o.status.code().expect("exit code")
}

fn capture(port: u16) -> Receiver<Vec<u8>> {
    let listener = TcpListener::bind(("127.0.0.1", port)).expect("bind");
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(mut conn) = conn else { continue };
            let mut bytes = Vec::new();
            if conn.read_to_end(&mut bytes).is_ok() && !bytes.is_empty() {
                let _ = tx.send(bytes);
            }
        }
    });
    rx
}

fn jobs_json(data: &Path) -> Vec<serde_json::Value> {
    let out = cli(data, &["--json", "jobs"]);
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON list")
}

#[test]
fn print_says_printed_failed_or_queued_and_exits_so() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path();
    let label = data.join("label.zpl");
    std::fs::write(&label, b"^XA^FO50,50^A0N,40,40^FDcli label^FS^XZ").expect("write");
    let label = label.to_str().expect("utf-8 path");

    // Printed: the demo label printer takes it.
    let out = cli(data, &["print", label]);
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).trim(), "Printed on 'Demo label printer' (job 1): the printer took every byte.");

    // Failed: the document printer takes PDF only. Exit 1, the reason on stderr.
    let out = cli(data, &["print", label, "--printer", "Demo document printer"]);
    assert_eq!(code(&out), 1);
    let err = text(&out.stderr);
    assert!(err.starts_with("Not printed: job 2 on 'Demo document printer' failed. Printer 'Demo document printer' takes PDF"), "{err}");
    assert!(!text(&out.stdout).contains("Printed"), "{}", text(&out.stdout));

    // The size cap: /dev/zero stops at 16 MiB with one sentence.
    let out = cli(data, &["print", "/dev/zero"]);
    assert_eq!(code(&out), 1);
    assert!(text(&out.stderr).contains("/dev/zero is larger than 16 MiB, the most Shipbench prints"), "{}", text(&out.stderr));

    // Queued: a network printer that is off. Exit 3, and it says it has not printed.
    let port = TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port();
    let add = cli(data, &["printers", "add", "Shelf Zebra", "--tcp", &format!("127.0.0.1:{port}")]);
    assert_eq!(code(&add), 0, "{}", text(&add.stderr));
    let out = cli(data, &["print", label, "--printer", "Shelf Zebra"]);
    assert_eq!(code(&out), 3, "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(said.starts_with("Not printed yet: job 3 waits for 'Shelf Zebra'."), "{said}");
    assert!(!said.contains("Printed on"), "{said}");

    let out = cli(data, &["--json", "print", label, "--printer", "Shelf Zebra"]);
    assert_eq!(code(&out), 3);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["status"], "queued");
    assert_eq!(v["job_id"], 4);
    assert_eq!(v["job"]["state"], "QUEUED");
}

#[test]
fn jobs_lists_retries_and_cancels() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path();
    let label = data.join("label.zpl");
    let bytes = b"^XA^FO50,50^A0N,40,40^FDqueued label^FS^XZ".to_vec();
    std::fs::write(&label, &bytes).expect("write");
    let label = label.to_str().expect("utf-8 path");
    let port = TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port();
    assert_eq!(code(&cli(data, &["printers", "add", "Shelf Zebra", "--tcp", &format!("127.0.0.1:{port}")])), 0);

    let out = cli(data, &["jobs"]);
    assert_eq!((code(&out), text(&out.stdout).trim()), (0, "No print jobs."));

    // (`printers add` keeps the demo printers, so the label printer stays the demo one.)
    assert_eq!(code(&cli(data, &["print", label, "--printer", "Shelf Zebra"])), 3);
    assert_eq!(code(&cli(data, &["print", label, "--printer", "Shelf Zebra"])), 3);
    let list = jobs_json(data);
    assert_eq!(list.len(), 2);
    for j in &list {
        assert_eq!(j["state"], "QUEUED");
        assert_eq!(j["outcome"], "queued");
        assert!(j["reason"].as_str().unwrap_or_default().contains("refused the connection"), "{j}");
    }
    let human = text(&cli(data, &["jobs"]).stdout);
    assert!(human.lines().count() == 2 && human.contains("QUEUED") && human.contains("refused the connection"), "{human}");

    // Cancel job 1: it is never sent, and `retry --failed` leaves it alone.
    let out = cli(data, &["jobs", "cancel", "1"]);
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).trim(), "Job 1 on 'Shelf Zebra' is cancelled; it was not printed.");

    // Still off: a retry stays queued (exit 3).
    assert_eq!(code(&cli(data, &["jobs", "retry", "2"])), 3);

    // The printer is on: job 2 prints, once.
    let printer = capture(port);
    let out = cli(data, &["jobs", "retry", "2"]);
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("Printed on 'Shelf Zebra' (job 2)"), "{}", text(&out.stdout));
    assert_eq!(printer.recv_timeout(Duration::from_secs(5)).expect("job 2"), bytes);
    let out = cli(data, &["jobs", "retry", "--failed"]);
    assert_eq!(code(&out), 0);
    assert!(printer.recv_timeout(Duration::from_millis(500)).is_err(), "the cancelled job was not sent");

    // A printed job is not retried (reprint does that), and says so.
    let out = cli(data, &["jobs", "retry", "2"]);
    assert_eq!(code(&out), 1);
    assert!(text(&out.stderr).contains("Job 2 is sent and cannot be retried"), "{}", text(&out.stderr));
    let out = cli(data, &["jobs", "cancel", "2"]);
    assert_eq!(code(&out), 1);
    assert!(text(&out.stderr).contains("Job 2 is sent and can no longer be cancelled."), "{}", text(&out.stderr));

    let list = jobs_json(data);
    let state = |id: i64| list.iter().find(|j| j["id"] == id).map(|j| j["state"].clone()).expect("job");
    assert_eq!((state(1), state(2)), ("FAILED".into(), "SENT".into()));
}
