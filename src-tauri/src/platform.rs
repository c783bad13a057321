//! The desktop conventions and the hardening around the window: one instance per data directory,
//! the window's size and position remembered, logs in a rotating file in the OS log directory,
//! no navigation away from the app's own pages, and the web view's memory knobs (WebKitGTK).

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;

use tauri::plugin::{Builder as PluginBuilder, TauriPlugin};
use tauri::{AppHandle, Manager, Runtime, Url};
use tauri_plugin_log::{RotationStrategy, Target, TargetKind};

/// The window every plugin here acts on (tauri.conf.json `app.windows[0].label`).
pub const MAIN_WINDOW: &str = "main";

/// Largest log file before it is rotated (bytes).
pub const LOG_FILE_MAX_BYTES: u128 = 5 * 1024 * 1024;

/// Rotated log files kept next to the current one.
pub const LOG_FILES_KEPT: usize = 4;

/// The log file's name in the OS log directory, without its `.log` extension.
pub const LOG_FILE_NAME: &str = "shipbench";

/// The D-Bus name (Linux) or mutex name (Windows) that makes one instance per data directory:
/// a second launch on the same data directory hands over to the first window; benches (and tests)
/// on other data directories run side by side.
pub fn instance_id(identifier: &str, data_dir: &Path) -> String {
    let mut hasher = DefaultHasher::new();
    data_dir.hash(&mut hasher);
    // A D-Bus name element must not start with a digit.
    format!("{identifier}.d{:016x}", hasher.finish())
}

/// Single instance: a second launch on the same data directory shows and focuses the first
/// window, then exits. Registered before every other plugin, as the plugin asks.
pub fn single_instance<R: Runtime>(identifier: &str, data_dir: &Path) -> TauriPlugin<R> {
    tauri_plugin_single_instance::Builder::new()
        .dbus_id(instance_id(identifier, data_dir))
        .callback(|app, _args, _cwd| {
            tracing::info!("Shipbench was started again: showing the window that is already open");
            focus_main(app);
        })
        .build()
}

/// Brings the main window to the front (unminimised, shown, focused).
pub fn focus_main<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window(MAIN_WINDOW) {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

/// The window's size, position and maximised state, saved when it closes and restored when it opens.
pub fn window_state<R: Runtime>() -> TauriPlugin<R> {
    tauri_plugin_window_state::Builder::default().build()
}

/// Logs: every `log` record (and every `tracing` event, through tracing's `log` feature) to stdout
/// and to a rotating file in the OS log directory. `RUST_LOG` set to a plain level (`debug`,
/// `warn`, …) changes the level; anything else keeps `info`.
pub fn logs<R: Runtime>() -> TauriPlugin<R> {
    let level = std::env::var("RUST_LOG").ok().and_then(|l| l.trim().parse().ok()).unwrap_or(tauri_plugin_log::log::LevelFilter::Info);
    tauri_plugin_log::Builder::new()
        .clear_targets()
        .targets([
            Target::new(TargetKind::Stdout),
            Target::new(TargetKind::LogDir { file_name: Some(LOG_FILE_NAME.into()) }),
        ])
        .level(level)
        .max_file_size(LOG_FILE_MAX_BYTES)
        .rotation_strategy(RotationStrategy::KeepSome(LOG_FILES_KEPT))
        .build()
}

/// Opens files and folders with the OS (the "Show logs" command). Links clicked in the page are
/// not handed to the OS: the app shows no external links.
pub fn opener<R: Runtime>() -> impl tauri::plugin::Plugin<R> {
    tauri_plugin_opener::Builder::new().open_js_links_on_click(false).build()
}

/// Whether `url` is one of the app's own pages: the embedded UI served over Tauri's custom
/// protocol (`tauri://localhost` on Linux and macOS, `http(s)://tauri.localhost` on Windows).
pub fn is_app_page(url: &Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost"),
        _ => false,
    }
}

/// Refuses every navigation away from the app's own pages (a link, a script or a redirect that
/// would load another site in the window); the refusal is logged.
pub fn navigation_guard<R: Runtime>() -> TauriPlugin<R> {
    PluginBuilder::new("shipbench-navigation")
        .on_navigation(|_webview, url| {
            let allowed = is_app_page(url);
            if !allowed {
                tracing::warn!(%url, "refused to navigate the window away from Shipbench");
            }
            allowed
        })
        .build()
}

/// The environment variable that chooses the web view's memory knobs (see [`WebviewKnobs`]).
pub const WEBVIEW_KNOBS_ENV: &str = "SHIPBENCH_WEBVIEW";

/// How the window's web view (WebKitGTK on Linux) is set up for one page left open all day.
/// Measured with `cargo xtask bench --footprint-only` (README, Performance).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WebviewKnobs {
    /// WebKit's "document viewer" cache model instead of the web browser's: no dead resources are
    /// kept in the memory cache (each label preview is a new picture; a browser's cache keeps the
    /// old ones, decoded, up to 128 MB) and no back/forward page cache.
    pub document_cache: bool,
    /// No GPU compositing (WebKit's hardware acceleration policy "never"): the page is drawn on
    /// the CPU, without a GL context in the web process.
    pub no_gpu: bool,
}

impl Default for WebviewKnobs {
    fn default() -> Self {
        WebviewKnobs { document_cache: true, no_gpu: false }
    }
}

impl WebviewKnobs {
    /// The knobs named in `SHIPBENCH_WEBVIEW` (comma-separated: `document-cache`, `no-gpu`;
    /// `none` for WebKit's own defaults), or the defaults when it is not set. Unknown names are
    /// logged and ignored.
    pub fn from_env() -> Self {
        match std::env::var(WEBVIEW_KNOBS_ENV) {
            Ok(list) => Self::parse(&list),
            Err(_) => Self::default(),
        }
    }

    /// The knobs named in `list` (see [`WebviewKnobs::from_env`]).
    pub fn parse(list: &str) -> Self {
        let mut knobs = WebviewKnobs { document_cache: false, no_gpu: false };
        for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            match name {
                "document-cache" => knobs.document_cache = true,
                "no-gpu" => knobs.no_gpu = true,
                "none" => {}
                other => tracing::warn!("{WEBVIEW_KNOBS_ENV}: unknown web view knob {other:?} ignored"),
            }
        }
        knobs
    }
}

/// Applies [`WebviewKnobs::from_env`] to every web view as it is created (WebKitGTK only; the
/// other platforms' web views keep their defaults).
pub fn webview_knobs<R: Runtime>() -> TauriPlugin<R> {
    let knobs = WebviewKnobs::from_env();
    PluginBuilder::new("shipbench-webview")
        .on_webview_ready(move |webview| {
            #[cfg(target_os = "linux")]
            if let Err(e) = webview.with_webview(move |w| webkit::apply(&w.inner(), knobs)) {
                tracing::warn!("could not set up the web view: {e}");
            }
            #[cfg(not(target_os = "linux"))]
            let _ = (webview, knobs);
        })
        .build()
}

#[cfg(target_os = "linux")]
mod webkit {
    use webkit2gtk::{CacheModel, HardwareAccelerationPolicy, SettingsExt, WebContextExt, WebView, WebViewExt};

    use super::WebviewKnobs;

    pub(super) fn apply(view: &WebView, knobs: WebviewKnobs) {
        if knobs.document_cache {
            if let Some(context) = view.context() {
                context.set_cache_model(CacheModel::DocumentViewer);
            }
        }
        if knobs.no_gpu {
            if let Some(settings) = WebViewExt::settings(view) {
                settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
            }
        }
        tracing::debug!(?knobs, "web view set up");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).expect("a URL")
    }

    #[test]
    fn the_app_pages_are_allowed() {
        assert!(is_app_page(&url("tauri://localhost")));
        assert!(is_app_page(&url("tauri://localhost/index.html#settings")));
        assert!(is_app_page(&url("http://tauri.localhost/")));
        assert!(is_app_page(&url("https://tauri.localhost/assets/x.js")));
    }

    #[test]
    fn other_sites_and_schemes_are_refused() {
        for other in [
            "https://example.com/",
            "http://localhost:5173/",
            "https://tauri.localhost.evil.example/",
            "tauri://elsewhere/",
            "file:///etc/passwd",
            "data:text/html,<h1>x</h1>",
            "javascript:alert(1)",
            "about:blank",
        ] {
            assert!(!is_app_page(&url(other)), "{other} should be refused");
        }
    }

    #[test]
    fn webview_knobs_are_named_in_the_environment() {
        assert_eq!(WebviewKnobs::parse("none"), WebviewKnobs { document_cache: false, no_gpu: false });
        assert_eq!(WebviewKnobs::parse(""), WebviewKnobs { document_cache: false, no_gpu: false });
        assert_eq!(WebviewKnobs::parse("document-cache"), WebviewKnobs { document_cache: true, no_gpu: false });
        assert_eq!(WebviewKnobs::parse(" no-gpu , document-cache,bogus"), WebviewKnobs { document_cache: true, no_gpu: true });
        assert!(WebviewKnobs::default().document_cache);
    }

    #[test]
    fn one_instance_per_data_dir() {
        let a = instance_id("dev.shipbench.station", Path::new("/home/a/.local/share/shipbench"));
        let again = instance_id("dev.shipbench.station", Path::new("/home/a/.local/share/shipbench"));
        let b = instance_id("dev.shipbench.station", Path::new("/tmp/test-data"));
        assert_eq!(a, again);
        assert_ne!(a, b);
        assert!(a.starts_with("dev.shipbench.station.d"), "{a}");
        // A valid D-Bus well-known name: elements of [A-Za-z0-9_-], none starting with a digit.
        for element in a.split('.') {
            assert!(!element.is_empty() && !element.starts_with(|c: char| c.is_ascii_digit()), "{a}");
            assert!(element.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'), "{a}");
        }
    }

    /// The hardening in tauri.conf.json and src-tauri/capabilities/: the CSP and the permissions granted.
    mod config {
        use serde_json::Value;

        fn json(path: &str) -> Value {
            let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
            let text = std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()));
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
        }

        fn csp() -> Vec<(String, Vec<String>)> {
            let conf = json("tauri.conf.json");
            let csp = conf["app"]["security"]["csp"].as_str().expect("a CSP string");
            csp.split(';')
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .map(|d| {
                    let mut words = d.split_whitespace().map(str::to_owned);
                    (words.next().unwrap(), words.collect())
                })
                .collect()
        }

        fn directive(name: &str) -> Vec<String> {
            csp().into_iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("the CSP has no {name}")).1
        }

        #[test]
        fn the_csp_allows_only_the_app_and_tauri_ipc() {
            assert_eq!(directive("default-src"), ["'self'"]);
            assert_eq!(directive("connect-src"), ["ipc:", "http://ipc.localhost"]);
            assert_eq!(directive("base-uri"), ["'none'"]);
            assert_eq!(directive("form-action"), ["'none'"]);
            // No directive lets scripts in from elsewhere or run strings as code.
            for (name, sources) in csp() {
                for s in &sources {
                    assert!(!s.starts_with("http") || s == "http://ipc.localhost", "{name} allows {s}");
                    assert!(s != "'unsafe-eval'" && s != "*", "{name} allows {s}");
                }
            }
            assert!(csp().iter().all(|(n, _)| n != "script-src"), "scripts stay on default-src 'self'");
        }

        #[test]
        fn the_window_gets_only_the_permissions_the_ui_uses() {
            let conf = json("tauri.conf.json");
            let listed: Vec<&str> = conf["app"]["security"]["capabilities"]
                .as_array()
                .expect("capabilities listed by identifier")
                .iter()
                .map(|c| c.as_str().expect("an identifier, the capability itself is a file"))
                .collect();
            assert_eq!(listed, ["main"]);
            let cap = json("src-tauri/capabilities/main.json");
            assert_eq!(cap["identifier"], "main");
            assert_eq!(cap["windows"], serde_json::json!(["main"]));
            let permissions: Vec<&str> =
                cap["permissions"].as_array().expect("permissions").iter().map(|p| p.as_str().expect("a name")).collect();
            assert_eq!(permissions, ["core:default", "dialog:allow-open", "dialog:allow-save"]);
            let files = std::fs::read_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/capabilities")).unwrap().count();
            assert_eq!(files, 1, "one capability file, the one listed");
        }
    }
}
