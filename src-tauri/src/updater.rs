//! In-app updates through `tauri-plugin-updater`, switched on when the app is built.
//!
//! A release build reads two settings from the environment *of the build* (not of the running
//! app): `SHIPBENCH_UPDATER_PUBKEY`, the minisign public key that every update must be signed
//! with (`tauri signer generate`), and `SHIPBENCH_UPDATER_ENDPOINT`, the https URL of the update
//! manifest (`latest.json`). With both present the updater is registered: at start-up Shipbench
//! checks the endpoint, downloads a newer signed version in the background and installs it when
//! the window closes, so a label purchase is never interrupted. With either missing (every local
//! and CI build) the plugin is not registered at all, one log line says why, and nothing else
//! changes: the plugin would refuse to start without a key and an endpoint.

use std::sync::Mutex;

use tauri::plugin::{Builder as PluginBuilder, TauriPlugin};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager, RunEvent, Runtime, Url};
use tauri_plugin_updater::{Update, UpdaterExt};
use tauri_specta::Event;

/// The updater public key baked in at build time, if the build set one.
const BUILD_PUBKEY: Option<&str> = option_env!("SHIPBENCH_UPDATER_PUBKEY");
/// The update manifest URL baked in at build time, if the build set one.
const BUILD_ENDPOINT: Option<&str> = option_env!("SHIPBENCH_UPDATER_ENDPOINT");

/// The event the window receives when an update has been downloaded and will be installed when
/// Shipbench closes (typed: the UI listens through the generated bindings).
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct UpdateReady {
    /// The version that will be installed.
    pub version: String,
}

/// What the updater needs to run: a key to verify updates with and where to look for them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdaterSettings {
    /// The minisign public key (the text `tauri signer generate` prints).
    pub pubkey: String,
    /// The https URL of the update manifest.
    pub endpoint: Url,
}

/// Why this build has no updater.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UpdatesOff {
    /// The build had no public key.
    #[error("this build has no updater public key (SHIPBENCH_UPDATER_PUBKEY was not set when it was built); install new versions by hand")]
    NoPubkey,
    /// The build had no endpoint.
    #[error("this build has no update endpoint (SHIPBENCH_UPDATER_ENDPOINT was not set when it was built); install new versions by hand")]
    NoEndpoint,
    /// The endpoint is not an https URL.
    #[error("the update endpoint {0:?} set when this build was made is not an https URL; install new versions by hand")]
    BadEndpoint(String),
}

/// Decides whether the updater can run with these build settings. Blank values count as absent.
pub fn decide(pubkey: Option<&str>, endpoint: Option<&str>) -> Result<UpdaterSettings, UpdatesOff> {
    let pubkey = pubkey.map(str::trim).filter(|k| !k.is_empty()).ok_or(UpdatesOff::NoPubkey)?;
    let endpoint = endpoint.map(str::trim).filter(|e| !e.is_empty()).ok_or(UpdatesOff::NoEndpoint)?;
    let url = Url::parse(endpoint).map_err(|_| UpdatesOff::BadEndpoint(endpoint.to_owned()))?;
    if url.scheme() != "https" {
        return Err(UpdatesOff::BadEndpoint(endpoint.to_owned()));
    }
    Ok(UpdaterSettings { pubkey: pubkey.to_owned(), endpoint: url })
}

/// Registers the updater on `builder` when this build was given a key and an endpoint; otherwise
/// logs why updates are off and returns `builder` unchanged.
pub fn register<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    match decide(BUILD_PUBKEY, BUILD_ENDPOINT) {
        Ok(settings) => {
            tracing::info!(endpoint = %settings.endpoint, "updates are on");
            builder
                .plugin(tauri_plugin_updater::Builder::new().pubkey(settings.pubkey).build())
                .plugin(background_updates(settings.endpoint))
        }
        Err(why) => {
            tracing::info!("updates are off: {why}");
            builder
        }
    }
}

/// A downloaded update waiting for the app to close.
#[derive(Default)]
struct Pending(Mutex<Option<(Update, Vec<u8>)>>);

/// Checks and downloads at start-up; installs the download when the app exits.
fn background_updates<R: Runtime>(endpoint: Url) -> TauriPlugin<R> {
    PluginBuilder::new("shipbench-updates")
        .setup(move |app, _api| {
            app.manage(Pending::default());
            let app = app.clone();
            tauri::async_runtime::spawn(async move { check_and_download(app, endpoint).await });
            Ok(())
        })
        .on_event(|app, event| {
            if let RunEvent::Exit = event {
                install_pending(app);
            }
        })
        .build()
}

async fn check_and_download<R: Runtime>(app: AppHandle<R>, endpoint: Url) {
    let updater = match app.updater_builder().endpoints(vec![endpoint]).and_then(|b| b.build()) {
        Ok(updater) => updater,
        Err(e) => {
            tracing::warn!("the updater could not start, so no update check this time: {e}");
            return;
        }
    };
    let update = match updater.check().await {
        Ok(Some(update)) => update,
        Ok(None) => {
            tracing::info!("Shipbench is up to date");
            return;
        }
        Err(e) => {
            tracing::warn!("could not check for a Shipbench update (will try at the next start): {e}");
            return;
        }
    };
    let version = update.version.clone();
    tracing::info!(%version, "a Shipbench update is available; downloading it in the background");
    match update.download(|_, _| {}, || {}).await {
        Ok(bytes) => {
            tracing::info!(%version, "update downloaded; it will be installed when Shipbench closes");
            if let Ok(mut pending) = app.state::<Pending>().0.lock() {
                *pending = Some((update, bytes));
            }
            if let Err(e) = (UpdateReady { version }).emit(&app) {
                tracing::warn!("could not tell the window that an update is ready: {e}");
            }
        }
        Err(e) => tracing::warn!(%version, "could not download the Shipbench update (will try at the next start): {e}"),
    }
}

fn install_pending<R: Runtime>(app: &AppHandle<R>) {
    let Some(pending) = app.try_state::<Pending>() else { return };
    let Some((update, bytes)) = pending.0.lock().ok().and_then(|mut p| p.take()) else { return };
    tracing::info!(version = %update.version, "installing the Shipbench update");
    if let Err(e) = update.install(bytes) {
        tracing::warn!(version = %update.version, "could not install the Shipbench update (will try at the next start): {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "dW50cnVzdGVkIGNvbW1lbnQ6IG1pbmlzaWduIHB1YmxpYyBrZXkK";
    const URL: &str = "https://releases.shipbench.dev/latest.json";

    #[test]
    fn disabled_without_key() {
        assert_eq!(decide(None, Some(URL)), Err(UpdatesOff::NoPubkey));
        assert_eq!(decide(Some("  "), Some(URL)), Err(UpdatesOff::NoPubkey));
    }

    #[test]
    fn disabled_without_endpoint() {
        assert_eq!(decide(Some(KEY), None), Err(UpdatesOff::NoEndpoint));
        assert_eq!(decide(Some(KEY), Some("")), Err(UpdatesOff::NoEndpoint));
        assert_eq!(decide(None, None), Err(UpdatesOff::NoPubkey));
    }

    #[test]
    fn disabled_with_an_endpoint_that_is_not_https() {
        let plain = "http://releases.shipbench.dev/latest.json";
        assert_eq!(decide(Some(KEY), Some(plain)), Err(UpdatesOff::BadEndpoint(plain.into())));
        assert_eq!(decide(Some(KEY), Some("latest.json")), Err(UpdatesOff::BadEndpoint("latest.json".into())));
    }

    #[test]
    fn enabled_with_both() {
        let s = decide(Some(KEY), Some(URL)).expect("enabled");
        assert_eq!(s.pubkey, KEY);
        assert_eq!(s.endpoint.as_str(), URL);
    }

    #[test]
    fn the_operator_message_says_what_to_do() {
        let msg = UpdatesOff::NoPubkey.to_string();
        assert!(msg.contains("SHIPBENCH_UPDATER_PUBKEY"), "{msg}");
        assert!(msg.contains("install new versions by hand"), "{msg}");
    }
}
