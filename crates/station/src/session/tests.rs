//! Opening sessions for real: SQLite files in a temporary data directory, the simulator over real
//! HTTP on 127.0.0.1. Tests that set [`TOKEN_ENV`] hold [`ENV`] so they never see each other's token.

use std::sync::Mutex;

use shippo_sim::{SimConfig, Simulator};

use super::*;
use crate::account::AccountKey;
use crate::store::{labels, print_jobs};

static ENV: Mutex<()> = Mutex::new(());

const TOKEN: &str = "shippo_test_0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d";

fn options(data: &std::path::Path, api_base: &str, demo: bool) -> SessionOptions {
    SessionOptions { data_dir: data.to_path_buf(), api_base: api_base.into(), demo, settle: Duration::from_millis(10) }
}

/// Runs `f` with `SHIPBENCH_TOKEN` set to `token`, then removes it.
fn with_env_token<T>(token: &str, f: impl FnOnce() -> T) -> T {
    let _guard = ENV.lock().unwrap_or_else(|p| p.into_inner());
    std::env::set_var(TOKEN_ENV, token);
    let out = f();
    std::env::remove_var(TOKEN_ENV);
    out
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime")
}

#[test]
fn the_env_token_selects_its_profile_and_opens_offline_without_network() {
    let data = tempfile::tempdir().expect("data dir");
    // Nothing listens on port 9: an offline open must not need it.
    let session = with_env_token(&format!("  {TOKEN}\n"), || {
        runtime().block_on(Session::open(options(data.path(), "http://127.0.0.1:9", false)))
    })
    .expect("opens offline");
    assert_eq!(session.mode(), Mode::Test);
    assert_eq!(session.token_source(), TokenSource::Env);
    let key = AccountKey::of(&Token::new(TOKEN));
    assert_eq!(session.profile_dir(), data.path().join(format!("test-{key}")));
    assert!(session.profile_dir().join("shipbench.db").is_file(), "the profile's store was created");
    assert!(session.report().is_empty(), "{:?}", session.report());
}

#[test]
fn a_token_that_is_not_shippos_is_one_sentence() {
    let data = tempfile::tempdir().expect("data dir");
    let err = with_env_token("oauth.abcdef", || {
        runtime().block_on(Session::open(options(data.path(), "http://127.0.0.1:9", false)))
    })
    .expect_err("not a Shippo token");
    assert_eq!(err.kind(), crate::error::ErrorKind::Token);
    assert!(err.to_string().starts_with("This does not look like a Shippo API token"), "{err}");
}

#[test]
fn online_with_the_env_token_settles_and_reports_an_interrupted_print_job() {
    let data = tempfile::tempdir().expect("data dir");
    let rt = runtime();
    let sim = rt
        .block_on(Simulator::start(SimConfig { tokens: vec![TOKEN.to_owned()], ..SimConfig::default() }))
        .expect("simulator starts");
    let opts = options(data.path(), &sim.base_url(), false);

    // A bench that stopped while a job was being sent: the job is left in SENDING.
    let first = with_env_token(TOKEN, || rt.block_on(Session::open(opts.clone()))).expect("opens");
    let stuck = first
        .store()
        .write(|tx| {
            let sha = labels::put_blob(tx, b"^XA^FDtest^FS^XZ")?;
            let job = print_jobs::enqueue(
                tx,
                &print_jobs::NewPrintJob {
                    label_id: None,
                    document_sha256: sha,
                    document_type: "label".into(),
                    printer_name: "Zebra".into(),
                    reprint_of: None,
                },
            )?;
            print_jobs::claim_due(tx, "9999-12-31T00:00:00Z")?;
            Ok(job.id)
        })
        .expect("job stuck in SENDING");
    drop(first);

    let session = with_env_token(TOKEN, || rt.block_on(Session::open(opts))).expect("opens again");
    let report = rt.block_on(session.open_report()).expect("goes online");
    assert_eq!(report.interrupted_print_jobs, vec![u32::try_from(stuck).unwrap()]);
    assert_eq!((report.purchases_adopted, report.purchases_failed), (0, 0));
    let sentences = report.sentences();
    assert_eq!(sentences.len(), 1, "{sentences:?}");
    assert!(sentences[0].starts_with("1 print job(s) were interrupted by a stop and were not resent"), "{sentences:?}");
    // The client talks to the simulator with the env token.
    let accounts = rt.block_on(async {
        let params = shippo::models::CarrierAccountListParams { results: Some(1), ..Default::default() };
        session.client().await.expect("client").carrier_accounts().list(&params).await
    });
    assert!(accounts.is_ok(), "{accounts:?}");
    rt.block_on(session.close());
    rt.block_on(sim.shutdown());
}

#[test]
fn the_first_live_purchase_of_a_session_asks_once() {
    let data = tempfile::tempdir().expect("data dir");
    let live = "shippo_live_0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d";
    let session = with_env_token(live, || runtime().block_on(Session::open(options(data.path(), "http://127.0.0.1:9", false))))
        .expect("opens");
    assert_eq!(session.mode(), Mode::Live);
    assert!(matches!(session.confirm_live(false), Err(StationError::ConfirmLive)));
    session.confirm_live(true).expect("yes");
    session.confirm_live(false).expect("asked once per session");
}

#[cfg(feature = "demo")]
#[test]
fn demo_opens_the_embedded_simulator_whatever_token_is_set() {
    let data = tempfile::tempdir().expect("data dir");
    let rt = runtime();
    let session = with_env_token(TOKEN, || rt.block_on(Session::open(options(data.path(), "http://127.0.0.1:9", true))))
        .expect("opens");
    assert_eq!(session.mode(), Mode::Demo);
    assert_eq!(session.token_source(), TokenSource::DemoForced);
    assert_eq!(session.profile_dir(), data.path().join("demo"));
    let report = rt.block_on(session.open_report()).expect("the simulator starts");
    assert!(report.is_empty(), "{report:?}");
    let station = rt.block_on(session.station()).expect("station");
    assert!(station.is_demo());
    assert!(!station.printers().is_empty(), "demo mode has virtual printers");
    let orders = rt.block_on(station.client().orders().list(&Default::default()));
    assert!(orders.is_ok_and(|p| !p.results.is_empty()), "the simulator serves demo orders");
    session.confirm_live(false).expect("DEMO never asks");
    rt.block_on(session.close());
}
