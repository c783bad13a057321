//! The print jobs view with a real raw-TCP label printer (a socket this test opens and closes):
//! a label bought while the printer is off waits in the queue with its reason; Retry sends it once
//! the printer is back; Cancel keeps a job from ever being sent; a job a stop interrupted while
//! sending is listed after the restart and sent again only when the operator says so.

use std::io::Read;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};

use crate::common::*;

fn store(data: &Path) -> station::Store {
    station::Store::open(station::account::Profile::demo().db_path(data)).unwrap()
}

/// The first column of the first row, as text (None when there is none).
fn query(data: &Path, statement: &str, param: &str) -> Option<String> {
    store(data)
        .read(|c| Ok(c.query_row(statement, [param], |r| r.get::<_, Option<String>>(0)).ok().flatten()))
        .unwrap()
}

/// Domestic orders still to ship, read from the cache.
fn waiting_orders(data: &Path) -> Vec<String> {
    store(data)
        .read(|c| {
            let mut st = c.prepare(
                "SELECT o.order_number FROM orders o JOIN order_addresses a ON a.order_id = o.object_id AND a.role = 'to'
                 WHERE o.order_status = 'PAID' AND a.country = 'US'
                 AND NOT EXISTS (SELECT 1 FROM transactions t WHERE t.order_id = o.object_id)
                 ORDER BY o.order_number",
            )?;
            let rows = st.query_map([], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
            Ok(rows)
        })
        .unwrap()
}

/// The print job of the label with this tracking number: (id, state, attempts).
fn job_of(data: &Path, tracking: &str) -> (i64, String, i64) {
    store(data)
        .read(|c| {
            Ok(c.query_row(
                "SELECT pj.id, pj.state, pj.attempts FROM print_jobs pj JOIN labels l ON l.id = pj.label_id
                 JOIN transactions t ON t.object_id = l.transaction_id WHERE t.tracking_number = ?1 ORDER BY pj.id LIMIT 1",
                [tracking],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?)
        })
        .unwrap()
}

async fn click(c: &Client, css: &str) {
    c.wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("the window never showed {css}: {e}"))
        .click()
        .await
        .unwrap();
}

/// What the printer socket does with a job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Keeps the bytes and closes: the job is done.
    Take,
    /// Keeps the bytes and the connection open (the sender waits for the close): a stop now
    /// catches the job mid-send.
    Hold,
}

/// A raw TCP label printer on a fixed port, started when the test says the printer is back.
/// Connections the socket holds open in hold mode, with the bytes each sent so far.
type Held = Vec<(Vec<u8>, TcpStream)>;

struct Printer {
    mode: Arc<Mutex<Mode>>,
    taken: Arc<Mutex<Vec<Vec<u8>>>>,
    held: Arc<Mutex<Held>>,
}

impl Printer {
    fn switch_on(port: u16) -> Printer {
        let l = TcpListener::bind(("127.0.0.1", port)).unwrap();
        let p = Printer { mode: Arc::new(Mutex::new(Mode::Take)), taken: Arc::default(), held: Arc::default() };
        let (mode, taken, held) = (p.mode.clone(), p.taken.clone(), p.held.clone());
        std::thread::spawn(move || {
            for s in l.incoming() {
                let Ok(mut s) = s else { continue };
                let (mode, taken, held) = (mode.clone(), taken.clone(), held.clone());
                std::thread::spawn(move || {
                    let mut buf = Vec::new();
                    let _ = s.read_to_end(&mut buf);
                    // The check before a purchase connects and sends nothing: not a job.
                    if buf.is_empty() {
                        return;
                    }
                    match *mode.lock().unwrap() {
                        Mode::Take => taken.lock().unwrap().push(buf),
                        Mode::Hold => held.lock().unwrap().push((buf, s)),
                    }
                });
            }
        });
        p
    }

    fn set(&self, m: Mode) {
        *self.mode.lock().unwrap() = m;
    }

    fn jobs_with(&self, text: &str) -> usize {
        self.taken.lock().unwrap().iter().filter(|j| String::from_utf8_lossy(j).contains(text)).count()
    }
}

/// Processes started for this data dir (the app, its WebDriver) carry it in their environment.
fn processes_of(data: &Path) -> Vec<(u32, PathBuf)> {
    let want = format!("SHIPBENCH_DATA_DIR={}", data.display());
    let mut out = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        let Some(pid) = e.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) else { continue };
        let Ok(env) = std::fs::read(e.path().join("environ")) else { continue };
        if env.split(|b| *b == 0).any(|v| v == want.as_bytes()) {
            let exe = std::fs::read_link(e.path().join("exe")).unwrap_or_default();
            out.push((pid, exe));
        }
    }
    out
}

fn kill(pid: u32) {
    let _ = std::process::Command::new("kill").args(["-KILL", &pid.to_string()]).status();
}

/// Kills the app started on `data` at once (SIGKILL: no clean stop).
fn kill_app(data: &Path) {
    let app = std::fs::canonicalize(env!("CARGO_BIN_EXE_shipbench")).unwrap();
    let apps: Vec<u32> = processes_of(data).into_iter().filter(|(_, exe)| *exe == app).map(|(p, _)| p).collect();
    assert!(!apps.is_empty(), "the app's process was not found");
    for p in apps {
        kill(p);
    }
}

async fn sync(c: &Client) {
    wait_for_text(c, "mode-badge", "DEMO").await;
    if let Ok(b) = c.find(Locator::Css("[data-testid='open-report-dismiss']")).await {
        let _ = b.click().await;
    }
    click(c, "[data-testid='header-sync']").await;
    wait_until(c, "sync-message", "a sync sentence", |t| t.ends_with("orders cached.")).await;
}

/// Scans an order, and buys the rule's pick from its card; when the bench says the label printer
/// does not answer, the operator answers "Buy anyway, print later". Returns (print, tracking).
async fn buy(c: &Client, order: &str, printer_down: bool) -> (String, String) {
    let scan = c.find(Locator::Css("[data-testid='scan-input']")).await.unwrap();
    scan.send_keys(&format!("{order}\u{E007}")).await.unwrap();
    wait_for_text(c, "card-number", order).await;
    buy_on_card(c).await;
    if printer_down {
        let q = text_of(c, "question").await;
        assert!(q.contains("does not answer") && q.contains("Nothing was bought."), "{q}");
        let yes = c.find(Locator::Css("[data-testid='question-yes']")).await.unwrap();
        assert_eq!(yes.text().await.unwrap(), "Buy anyway, print later");
        yes.click().await.unwrap();
    }
    let css = format!("[data-testid='buy-result'][data-order='{order}']");
    let el = c.wait().at_most(Duration::from_secs(60)).for_element(Locator::Css(&css)).await.unwrap();
    let print = el.attr("data-print").await.unwrap().unwrap_or_default();
    let tracking = el.find(Locator::Css("[data-testid='result-tracking']")).await.unwrap().text().await.unwrap();
    (print, tracking)
}

/// The state words and reason of job `id` as the Print jobs view shows them.
async fn row_state(c: &Client, id: i64) -> String {
    let css = format!("[data-testid='job-row'][data-job='{id}'] [data-testid='job-state']");
    c.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css(&css)).await.unwrap().text().await.unwrap()
}

/// Waits until job `id`'s row starts with `state` (the view reloads every 3 s; Refresh too).
async fn wait_row(c: &Client, id: i64, state: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let got = row_state(c, id).await;
        if got.starts_with(state) {
            return got;
        }
        assert!(Instant::now() < deadline, "job {id} shows {got:?}, expected {state}");
        click(c, "[data-testid='jobs-refresh']").await;
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs a display (Xvfb), WebKitWebDriver and tauri-driver: run by `cargo xtask test`"]
async fn queued_jobs_are_retried_or_cancelled_and_an_interrupted_one_waits_for_the_operator() {
    let data = tempfile::tempdir().unwrap();
    // A raw TCP label printer that is off: nothing listens on its port.
    let port = free_port();
    let dir = station::account::Profile::demo().dir(data.path());
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("printers.json"),
        format!(r#"{{"printers":[{{"name":"Bench Zebra","kind":{{"type":"tcp","host":"127.0.0.1","port":{port}}},"language":"zpl"}}]}}"#),
    )
    .unwrap();
    store(data.path())
        .write(|tx| {
            tx.execute(
                "INSERT INTO settings (key, value, updated_at) VALUES ('printer_mapping', ?1, '2026-12-01T00:00:00Z')",
                [r#"{"label":"Bench Zebra"}"#],
            )?;
            Ok(())
        })
        .unwrap();

    let (driver, c) = start(data.path()).await;
    sync(&c).await;
    let waiting = waiting_orders(data.path());
    assert!(waiting.len() >= 3, "{waiting:?}");
    let (a, b, d) = (waiting[0].clone(), waiting[1].clone(), waiting[2].clone());

    // Two labels bought with the printer off: each waits in the queue.
    let (print_a, track_a) = buy(&c, &a, true).await;
    let (print_b, track_b) = buy(&c, &b, true).await;
    assert_eq!((print_a.as_str(), print_b.as_str()), ("queued", "queued"));
    let (job_a, _, _) = job_of(data.path(), &track_a);
    let (job_b, _, _) = job_of(data.path(), &track_b);

    // Print jobs: both listed as queued, with the reason.
    click(&c, "[data-testid='nav-jobs']").await;
    for id in [job_a, job_b] {
        let shown = row_state(&c, id).await;
        assert!(shown.starts_with("queued"), "job {id}: {shown}");
        let reason = c
            .find(Locator::Css(&format!("[data-testid='job-row'][data-job='{id}'] [data-testid='job-reason']")))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(reason.contains("Bench Zebra"), "job {id} gives no reason naming the printer: {reason}");
    }

    // Cancel B: it is cancelled, and never sent.
    click(&c, &format!("button[aria-label='Cancel print job {job_b}']")).await;
    let said = wait_until(&c, "status-line", "the cancel sentence", |t| t.contains("ancel")).await;
    assert!(!said.is_empty());
    wait_row(&c, job_b, "cancelled").await;
    assert_eq!(job_of(data.path(), &track_b).1, "FAILED");

    // The printer comes back (once A has been tried at least twice, so its next try is seconds
    // away and the Retry below is what sends it); Retry sends A now.
    let deadline = Instant::now() + Duration::from_secs(60);
    while job_of(data.path(), &track_a).2 < 2 {
        assert!(Instant::now() < deadline, "job {job_a} was not tried again while the printer was off");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let printer = Printer::switch_on(port);
    click(&c, &format!("button[aria-label='Retry print job {job_a}']")).await;
    let shown = wait_row(&c, job_a, "sent").await;
    assert!(!shown.contains("queued"), "{shown}");
    assert_eq!(job_of(data.path(), &track_a).1, "SENT");
    let deadline = Instant::now() + Duration::from_secs(10);
    while printer.jobs_with(&track_a) == 0 {
        assert!(Instant::now() < deadline, "the printer never got label {track_a}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(printer.taken.lock().unwrap()[0].starts_with(b"^XA"), "the printer got ZPL");
    // Give the worker time to send anything it (wrongly) would: B stays unsent, A went once.
    tokio::time::sleep(Duration::from_secs(4)).await;
    assert_eq!(printer.jobs_with(&track_b), 0, "a cancelled job was sent");
    assert_eq!(printer.jobs_with(&track_a), 1, "label {track_a} was sent more than once");
    let _ = c.execute("document.querySelector(\"[data-testid='jobs-table']\").scrollIntoView()", vec![]).await;
    let png = c.screenshot().await.unwrap();
    assert!(png.starts_with(b"\x89PNG"));
    std::fs::write(screenshot_dir().join("jobs.png"), png).unwrap();

    // A stop while a job is being sent: the printer takes the bytes but holds the connection,
    // and the app is killed before the send ends.
    printer.set(Mode::Hold);
    click(&c, "[data-testid='nav-bench']").await;
    let scan = c.find(Locator::Css("[data-testid='scan-input']")).await.unwrap();
    scan.send_keys(&format!("{d}\u{E007}")).await.unwrap();
    wait_for_text(&c, "card-number", &d).await;
    buy_on_card(&c).await;
    let deadline = Instant::now() + Duration::from_secs(60);
    while printer.held.lock().unwrap().is_empty() {
        assert!(Instant::now() < deadline, "the label of {d} never reached the printer");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    kill_app(data.path());
    drop(c);
    drop(driver);
    for (pid, _) in processes_of(data.path()) {
        kill(pid);
    }
    let held = printer.held.lock().unwrap()[0].0.clone();
    let text = String::from_utf8_lossy(&held).into_owned();
    let track_d = query(
        data.path(),
        "SELECT t.tracking_number FROM transactions t JOIN orders o ON o.object_id = t.order_id WHERE o.order_number = ?1",
        &d,
    )
    .expect("the label of the interrupted order is stored");
    assert!(text.contains(&track_d), "the held job is not the label of {d}");
    let (job_d, state, _) = job_of(data.path(), &track_d);
    assert_eq!(state, "SENDING", "the stop did not catch job {job_d} mid-send");

    // Restart: the job is listed as interrupted and nothing is sent until the operator says so.
    printer.set(Mode::Take);
    let (_driver, c) = start(data.path()).await;
    wait_for_text(&c, "mode-badge", "DEMO").await;
    click(&c, "[data-testid='nav-jobs']").await;
    let shown = row_state(&c, job_d).await;
    assert!(shown.starts_with("interrupted"), "{shown}");
    let banner = text_of(&c, "jobs-interrupted").await;
    assert!(banner.contains(&format!("Job {job_d} was being sent when Shipbench stopped")), "{banner}");
    tokio::time::sleep(Duration::from_secs(5)).await;
    assert_eq!(printer.jobs_with(&track_d), 0, "an interrupted job was sent again without the operator");
    assert_eq!(job_of(data.path(), &track_d).1, "FAILED");
    click(&c, &format!("button[aria-label='Send again print job {job_d}']")).await;
    wait_row(&c, job_d, "sent").await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while printer.jobs_with(&track_d) == 0 {
        assert!(Instant::now() < deadline, "Send again did not reach the printer");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(printer.jobs_with(&track_d), 1);
    assert_eq!(printer.jobs_with(&track_b), 0, "the cancelled job stayed unsent across the restart");
    c.close().await.unwrap();
}
