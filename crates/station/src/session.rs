//! # The session: the one way to open a bench
//!
//! The CLI and the window open the bench the same way, here:
//!
//! 1. **Which profile.** `demo` forced by the caller (`--demo`) is the simulator; otherwise the token
//!    in [`TOKEN_ENV`] (scripts, tests), else the token in the OS keyring, else DEMO mode (what the
//!    app does with no token). A keyring that cannot be read means DEMO mode too, and the
//!    [`OpenReport`] says so.
//! 2. **Offline** ([`Session::open`]): the profile's store, without any network. Search and review
//!    work from it.
//! 3. **Online**, on first use ([`Session::station`]): the Shippo client (in DEMO mode against the
//!    embedded simulator, cargo feature `demo`), the printers, and [`Station::open`], which marks
//!    print jobs interrupted by a stop and settles interrupted purchases. What it found lands in the
//!    [`OpenReport`], which the window shows as a banner and the CLI prints on stderr.
//!
//! A session also holds the run's [`LiveConfirmation`]: the first LIVE purchase asks once
//! ([`Session::confirm_live`]).

use std::path::PathBuf;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use shippo::{Client, ClientConfig, Token};
use tokio::sync::OnceCell;

use crate::account::{LiveConfirmation, Mode, Profile};
use crate::error::{Result, StationError};
use crate::secrets::TokenStore;
use crate::printq::PrintQueue;
use crate::station::{Station, StationOptions, DEFAULT_SETTLE_WINDOW};
use crate::store::Store;

/// The environment variable a script or test may pass the token in instead of the keyring (the
/// keyring stays the only place the app itself keeps it).
pub const TOKEN_ENV: &str = "SHIPBENCH_TOKEN";

/// The environment variable that shortens the purchase journal's settle window, in milliseconds
/// (tests use it).
pub const SETTLE_ENV: &str = "SHIPBENCH_SETTLE_MS";

/// The default Shippo API base URL.
pub const DEFAULT_API_BASE: &str = shippo::DEFAULT_BASE_URL;

/// How to open a session: where the data lives, where Shippo is, and whether DEMO is forced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionOptions {
    /// The data directory; every profile has its own folder in it.
    pub data_dir: PathBuf,
    /// The Shippo API base URL (not used in DEMO mode, which talks to the embedded simulator).
    pub api_base: String,
    /// DEMO mode whatever token is stored (`--demo`).
    pub demo: bool,
    /// The purchase journal's settle window (see [`DEFAULT_SETTLE_WINDOW`]).
    pub settle: Duration,
}

impl SessionOptions {
    /// Options for `data_dir` (default: [`default_data_dir`]), `api_base` and `demo`; the settle
    /// window comes from [`SETTLE_ENV`] when it is set to a number.
    pub fn new(data_dir: Option<PathBuf>, api_base: impl Into<String>, demo: bool) -> Self {
        let settle = std::env::var(SETTLE_ENV)
            .ok()
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_millis)
            .unwrap_or(DEFAULT_SETTLE_WINDOW);
        SessionOptions { data_dir: data_dir.unwrap_or_else(default_data_dir), api_base: api_base.into(), demo, settle }
    }
}

/// The OS application-data directory for Shipbench (e.g. `~/.local/share/shipbench` on Linux), or
/// `.shipbench` when the system names none.
pub fn default_data_dir() -> PathBuf {
    directories::ProjectDirs::from("dev", "shipbench", "Shipbench")
        .map(|d| d.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from(".shipbench"))
}

/// Where the session's token came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenSource {
    /// DEMO mode was asked for (`--demo`): no token is read.
    DemoForced,
    /// The token came from [`TOKEN_ENV`].
    Env,
    /// The token came from the OS keyring.
    Keyring,
    /// There is no token (or the keyring could not be read): DEMO mode.
    NoToken,
}

/// What opening the session found, for the window's banner and the CLI's stderr.
///
/// Counts are `u32` and job ids `u32` so the report crosses to TypeScript as plain numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OpenReport {
    /// Interrupted purchases found at Shippo and saved here.
    pub purchases_adopted: u32,
    /// Interrupted purchases that Shippo has no label for: not bought.
    pub purchases_failed: u32,
    /// Interrupted purchases that could not be settled yet (Shippo unreachable, too recent).
    pub purchases_unsettled: u32,
    /// Print jobs a stop interrupted while sending; they are not resent by themselves.
    pub interrupted_print_jobs: Vec<u32>,
    /// Other things the operator should know (e.g. the keyring could not be read).
    pub notes: Vec<String>,
}

impl OpenReport {
    /// True when there is nothing to tell.
    pub fn is_empty(&self) -> bool {
        self.sentences().is_empty()
    }

    /// The report as sentences, one per finding; empty when start-up found nothing to tell.
    pub fn sentences(&self) -> Vec<String> {
        let mut out = self.notes.clone();
        if self.purchases_adopted + self.purchases_failed > 0 {
            out.push(format!(
                "Settled interrupted purchases: {} label(s) found at Shippo and saved, {} not bought.",
                self.purchases_adopted, self.purchases_failed
            ));
        }
        if self.purchases_unsettled > 0 {
            out.push(format!(
                "{} interrupted purchase(s) could not be settled yet; Shipbench will not buy those orders again until it knows.",
                self.purchases_unsettled
            ));
        }
        if !self.interrupted_print_jobs.is_empty() {
            let ids: Vec<String> = self.interrupted_print_jobs.iter().map(u32::to_string).collect();
            out.push(format!(
                "{} print job(s) were interrupted by a stop and were not resent (job {}); check the printer and reprint if needed.",
                self.interrupted_print_jobs.len(),
                ids.join(", ")
            ));
        }
        out
    }

    fn add_station(&mut self, found: &crate::station::OpenReport) {
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        self.purchases_adopted = count(found.reconciled.adopted);
        self.purchases_failed = count(found.reconciled.failed);
        self.purchases_unsettled = count(found.reconciled.unsettled);
        self.interrupted_print_jobs =
            found.interrupted_jobs.iter().map(|id| u32::try_from(*id).unwrap_or(u32::MAX)).collect();
    }
}

/// The station with what keeps it running (in DEMO mode, the embedded simulator).
struct Online {
    station: Station,
    report: OpenReport,
    #[cfg(feature = "demo")]
    sim: Option<shippo_sim::Simulator>,
}

/// One opened bench: its profile and store, and the station once something needs Shippo.
pub struct Session {
    options: SessionOptions,
    profile: Profile,
    token: Option<Token>,
    source: TokenSource,
    store: Store,
    notes: Vec<String>,
    online: OnceCell<Online>,
    live: LiveConfirmation,
    worker: std::sync::Mutex<Option<crate::printq::WorkerHandle>>,
    notice: Notices,
}

/// Who hears the Shippo client's notices ("waiting for Shippo's rate limit, resuming in 42 s",
/// "still waiting for Shippo…"): settable after the client exists.
type Notices = std::sync::Arc<std::sync::Mutex<Option<shippo::NoticeHook>>>;

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("profile", &self.profile)
            .field("source", &self.source)
            .field("online", &self.online.initialized())
            .finish_non_exhaustive()
    }
}

impl Session {
    /// Opens the bench offline: chooses the profile and opens its store. Touches no network; the
    /// keyring and SQLite work runs off the async threads.
    pub async fn open(options: SessionOptions) -> Result<Session> {
        tokio::task::spawn_blocking(move || Session::open_blocking(options))
            .await
            .map_err(|e| StationError::Worker(e.to_string()))?
    }

    fn open_blocking(options: SessionOptions) -> Result<Session> {
        let mut notes = Vec::new();
        let (source, token) = choose_token(options.demo, &mut notes);
        let profile = match &token {
            Some(t) => Profile::for_token(t).map_err(crate::secrets::SecretsError::from)?,
            None => Profile::demo(),
        };
        // The data dir holds customers' addresses: only this user may read it (Unix).
        crate::store::private_dir(&options.data_dir)?;
        let store = Store::open(profile.db_path(&options.data_dir))?;
        tracing::info!(%profile, ?source, "session opened");
        Ok(Session {
            options,
            profile,
            token,
            source,
            store,
            notes,
            online: OnceCell::new(),
            live: LiveConfirmation::new(),
            worker: std::sync::Mutex::new(None),
            notice: Notices::default(),
        })
    }

    /// The options the session was opened with.
    pub fn options(&self) -> &SessionOptions {
        &self.options
    }

    /// The profile (mode and account) in use.
    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// DEMO, TEST or LIVE.
    pub fn mode(&self) -> Mode {
        self.profile.mode
    }

    /// Where the token came from.
    pub fn token_source(&self) -> TokenSource {
        self.source
    }

    /// The profile's order cache (offline review works from it).
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// This profile's folder under the data directory.
    pub fn profile_dir(&self) -> PathBuf {
        self.profile.dir(&self.options.data_dir)
    }

    /// Where the demo's virtual printer writes what it prints.
    pub fn virtual_printer_dir(&self) -> PathBuf {
        self.profile.virtual_printer_dir(&self.options.data_dir)
    }

    /// The bench's print queue without Shippo, for offline work on jobs (list, retry, cancel):
    /// the profile's store and printers (the virtual printers in DEMO mode when none are set up).
    /// Once the station is open, its own queue is the one to use.
    pub async fn offline_print_queue(&self) -> Result<PrintQueue> {
        if let Some(online) = self.online.get() {
            return Ok(online.station.print_queue().clone());
        }
        let dir = self.profile_dir();
        let mut printers = crate::printq::registry::load(&dir.join("printers.json"))?;
        if printers.is_empty() && self.mode() == Mode::Demo {
            printers = crate::printq::registry::demo_printers(self.virtual_printer_dir());
        }
        let mapping = self.store.read_async(crate::store::settings::load).await?.printer_mapping;
        Ok(PrintQueue::new(self.store.clone(), printers, mapping))
    }

    /// The station, opened on first use: the Shippo client (the embedded simulator in DEMO mode),
    /// the printers, and start-up settling of interrupted purchases and print jobs. A failed open
    /// is tried again by the next call.
    pub async fn station(&self) -> Result<&Station> {
        Ok(&self.online.get_or_try_init(|| self.go_online()).await?.station)
    }

    /// The Shippo client (opening the station first).
    pub async fn client(&self) -> Result<&Client> {
        Ok(self.station().await?.client())
    }

    /// What opening found: notes from choosing the profile and, once the station is open, what
    /// start-up settled.
    pub fn report(&self) -> OpenReport {
        match self.online.get() {
            Some(online) => online.report.clone(),
            None => OpenReport { notes: self.notes.clone(), ..OpenReport::default() },
        }
    }

    /// Opens the station (if not yet open) and returns the report of what opening found.
    pub async fn open_report(&self) -> Result<OpenReport> {
        self.station().await?;
        Ok(self.report())
    }

    /// The live-purchase rule of this run (see [`LiveConfirmation::gate`]): call before every
    /// purchase with the operator's answer; the first LIVE purchase without a yes is
    /// [`StationError::ConfirmLive`].
    pub fn confirm_live(&self, said_yes: bool) -> Result<()> {
        self.live.gate(&self.profile, said_yes)
    }

    /// Runs `f`; when the order it names is not in the cache ([`StationError::OrderNotFound`]),
    /// syncs orders from Shippo once (telling `on_sync` which order was missing) and runs it again.
    pub async fn retry_after_sync<T, F, Fut>(&self, f: F, on_sync: impl FnOnce(&str)) -> Result<T>
    where
        F: Fn() -> Fut,
        Fut: std::future::Future<Output = Result<T>>,
    {
        match f().await {
            Err(StationError::OrderNotFound { order }) => {
                on_sync(&order);
                let station = self.station().await?;
                crate::sync::sync_orders(station.client(), station.store(), &crate::sync::SyncOptions::default(), |_| {})
                    .await?;
                f().await
            }
            other => other,
        }
    }

    /// The bench's scale: the `scale` setting, else (DEMO mode) the virtual scale, else none.
    pub async fn bench_scale(&self) -> Result<Option<scales::ScaleConfig>> {
        let configured = self.store.read_async(crate::store::settings::load).await?.scale;
        Ok(configured.or_else(|| (self.mode() == Mode::Demo).then_some(scales::ScaleConfig::Virtual)))
    }

    /// Sends the Shippo client's notices (a rate-limit wait, a slow answer) to `f` as well as to
    /// the log: the CLI prints them on stderr, the window shows them.
    pub fn on_notice(&self, f: impl Fn(&shippo::Notice) + Send + Sync + 'static) {
        *self.notice.lock().unwrap_or_else(|p| p.into_inner()) = Some(shippo::NoticeHook::new(f));
    }

    /// Starts the print worker (retries of jobs a printer did not take, completion from the
    /// spooler) for as long as the session is open: the window and long commands (buy, batch) run
    /// it. Opens the station first. Starting it twice keeps the first.
    pub async fn start_print_worker(&self) -> Result<()> {
        let queue = self.station().await?.print_queue().clone();
        let mut worker = self.worker.lock().unwrap_or_else(|p| p.into_inner());
        if worker.is_none() {
            *worker = Some(queue.start_worker());
        }
        Ok(())
    }

    /// Stops the print worker (letting a job being sent finish) and the embedded simulator.
    pub async fn close(self) {
        let worker = self.worker.lock().unwrap_or_else(|p| p.into_inner()).take();
        if let Some(w) = worker {
            w.stop().await;
        }
        #[cfg(feature = "demo")]
        if let Some(Online { sim: Some(sim), .. }) = self.online.into_inner() {
            sim.shutdown().await;
        }
    }

    async fn go_online(&self) -> Result<Online> {
        let demo = self.profile.mode == Mode::Demo;
        #[cfg_attr(not(feature = "demo"), allow(unused_variables))]
        let (client, sim) = self.client_for_mode().await?;
        let data_dir = &self.options.data_dir;
        let opts = StationOptions {
            demo,
            printers_file: Some(self.profile.dir(data_dir).join("printers.json")),
            virtual_printer_dir: Some(self.profile.virtual_printer_dir(data_dir)),
            settle: self.options.settle,
            ..StationOptions::default()
        };
        let (station, found) = Station::open(self.store.clone(), client, opts).await?;
        let mut report = OpenReport { notes: self.notes.clone(), ..OpenReport::default() };
        report.add_station(&found);
        for line in report.sentences() {
            tracing::info!("start-up: {line}");
        }
        Ok(Online {
            station,
            report,
            #[cfg(feature = "demo")]
            sim,
        })
    }

    /// DEMO: the embedded simulator (its limits and the client's pacing off, so the demo is quick).
    #[cfg(feature = "demo")]
    async fn client_for_mode(&self) -> Result<(Client, Option<shippo_sim::Simulator>)> {
        if self.profile.mode == Mode::Demo {
            // SHIPBENCH_DEMO_ORDERS: a bigger demo shop (the footprint bench's 10k-order cache).
            let orders = std::env::var("SHIPBENCH_DEMO_ORDERS").ok().and_then(|n| n.parse().ok());
            let default = shippo_sim::SimConfig::default();
            let cfg = shippo_sim::SimConfig { rate_limits: false, orders: orders.unwrap_or(default.orders), ..default };
            let sim = shippo_sim::Simulator::start(cfg).await.map_err(|e| {
                StationError::Workflow(format!("The embedded Shippo simulator of DEMO mode could not start: {e}."))
            })?;
            let client = client_for(Token::new(shippo_sim::DEMO_TOKEN), &sim.base_url(), false, &self.notice)?;
            return Ok((client, Some(sim)));
        }
        Ok((self.real_client()?, None))
    }

    /// Without the `demo` feature there is no simulator: DEMO mode cannot go online.
    #[cfg(not(feature = "demo"))]
    async fn client_for_mode(&self) -> Result<(Client, ())> {
        if self.profile.mode == Mode::Demo {
            return Err(StationError::Workflow(
                "This build of Shipbench has no DEMO simulator: set a Shippo token to work online.".into(),
            ));
        }
        Ok((self.real_client()?, ()))
    }

    fn real_client(&self) -> Result<Client> {
        let token = self.token.clone().ok_or_else(|| StationError::Secrets(crate::secrets::SecretsError::EmptyToken))?;
        client_for(token, &self.options.api_base, true, &self.notice)
    }
}

fn client_for(token: Token, base_url: &str, pacing: bool, notices: &Notices) -> Result<Client> {
    let notices = notices.clone();
    let cfg = ClientConfig::new(token).with_base_url(base_url)?.with_pacing(pacing).with_notice(move |n| {
        tracing::info!("{n}");
        if let Some(hook) = notices.lock().unwrap_or_else(|p| p.into_inner()).as_ref() {
            (hook.0)(n);
        }
    });
    Ok(Client::new(cfg)?)
}

/// The token the options select, and where it came from: none when DEMO is forced; else
/// [`TOKEN_ENV`]; else the keyring (a keyring that cannot be read is a note, and DEMO mode).
fn choose_token(demo: bool, notes: &mut Vec<String>) -> (TokenSource, Option<Token>) {
    if demo {
        return (TokenSource::DemoForced, None);
    }
    if let Ok(raw) = std::env::var(TOKEN_ENV) {
        match Token::parse(&raw) {
            Ok(token) => return (TokenSource::Env, Some(token)),
            Err(shippo::TokenError::Empty) => {}
            Err(e) => notes.push(format!("{TOKEN_ENV} is not used: {e}")),
        }
    }
    match TokenStore::from_env().and_then(|store| store.load()) {
        Ok(Some(token)) => (TokenSource::Keyring, Some(token)),
        Ok(None) => (TokenSource::NoToken, None),
        Err(e) => {
            tracing::warn!("the OS keyring could not be read: {e}");
            notes.push(format!("The OS keyring could not be read ({e}); working in DEMO mode."));
            (TokenSource::NoToken, None)
        }
    }
}

#[cfg(test)]
mod tests;
