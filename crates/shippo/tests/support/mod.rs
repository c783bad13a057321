//! A tiny real HTTP server on 127.0.0.1 standing in for Shippo: it serves JSON fixtures from
//! `tests/resources/`, records every request it receives, and counts hits per route.

#![allow(dead_code)]

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, Method, Response, StatusCode, Uri};

/// The token every test client uses.
pub const TOKEN: &str = "shippo_test_0123456789abcdef0123456789abcdef0123a1b2";

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: Method,
    pub path: String,
    pub query: Option<String>,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("request body is JSON")
    }
}

/// What the server answers on a route.
#[derive(Debug, Clone)]
pub enum Reply {
    /// JSON text with a status; `{{BASE}}` is replaced by the server's base URL.
    Json(u16, String),
    /// Raw bytes with a content type.
    Bytes(u16, &'static str, Vec<u8>),
    /// A status with extra headers and no body.
    Status(u16, Vec<(&'static str, String)>),
    /// Sends the status line and headers, then breaks the connection mid-body.
    Drop,
    /// Waits this long before answering `{}`.
    Hang(std::time::Duration),
}

/// Reads a fixture from `tests/resources/`.
pub fn fixture(name: &str) -> String {
    let path = format!("{}/tests/resources/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("fixture {path}: {e}"))
}

/// `{next: null, previous: null, results: [fixture]}`.
pub fn page_of(name: &str) -> String {
    format!(
        r#"{{"next": null, "previous": null, "results": [{}]}}"#,
        fixture(name)
    )
}

#[derive(Default)]
struct Routes {
    /// (method, path) -> replies in order; the last one repeats.
    replies: HashMap<(Method, String), Vec<Reply>>,
    hits: HashMap<(Method, String), usize>,
    seen: Vec<Seen>,
}

/// The fake Shippo.
#[derive(Clone)]
pub struct FakeShippo {
    pub base_url: String,
    routes: Arc<Mutex<Routes>>,
}

impl FakeShippo {
    pub async fn start() -> FakeShippo {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1");
        let addr: SocketAddr = listener.local_addr().expect("local addr");
        let routes = Arc::new(Mutex::new(Routes::default()));
        let app = axum::Router::new()
            .fallback(handle)
            .with_state((routes.clone(), format!("http://{addr}")));
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        FakeShippo {
            base_url: format!("http://{addr}"),
            routes,
        }
    }

    /// Answers `method path` with these replies, in order (the last repeats).
    pub fn on(&self, method: Method, path: &str, replies: Vec<Reply>) {
        self.routes
            .lock()
            .unwrap()
            .replies
            .insert((method, path.to_owned()), replies);
    }

    /// Answers `method path` with a fixture and status.
    pub fn json(&self, method: Method, path: &str, status: u16, body: String) {
        self.on(method, path, vec![Reply::Json(status, body)]);
    }

    /// How many times `method path` was requested.
    pub fn hits(&self, method: Method, path: &str) -> usize {
        *self
            .routes
            .lock()
            .unwrap()
            .hits
            .get(&(method, path.to_owned()))
            .unwrap_or(&0)
    }

    /// Every request so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.routes.lock().unwrap().seen.clone()
    }

    /// Forgets the requests seen so far.
    pub fn clear(&self) {
        self.routes.lock().unwrap().seen.clear();
    }

    /// The one request that arrived since the last `clear`, asserting there was exactly one and
    /// that it was `method path`. Fails the test when the expected request never arrived.
    pub fn single(&self, method: &Method, path: &str) -> Seen {
        let seen = self.seen();
        assert_eq!(
            seen.len(),
            1,
            "expected exactly one request {method} {path}, the server saw {:?}",
            seen.iter()
                .map(|s| format!("{} {}", s.method, s.path))
                .collect::<Vec<_>>()
        );
        let s = seen.into_iter().next().unwrap();
        assert_eq!(
            (&s.method, s.path.as_str()),
            (method, path),
            "wrong request"
        );
        s
    }
}

/// Asserts the headers every call to Shippo must carry.
pub fn assert_shippo_headers(s: &Seen, versioned: bool) {
    assert_eq!(
        s.header("authorization"),
        Some(format!("ShippoToken {TOKEN}").as_str()),
        "{} {}",
        s.method,
        s.path
    );
    let ua = s.header("user-agent").unwrap_or_default();
    assert!(ua.starts_with("Shipbench/"), "user agent {ua:?}");
    if versioned {
        assert_eq!(
            s.header("shippo-api-version"),
            Some("2018-02-08"),
            "{} {}",
            s.method,
            s.path
        );
    } else {
        assert_eq!(
            s.header("shippo-api-version"),
            None,
            "webhook calls carry no version header: {}",
            s.path
        );
    }
    if !s.body.is_empty() {
        assert_eq!(s.header("content-type"), Some("application/json"));
    }
}

type AppState = (Arc<Mutex<Routes>>, String);

async fn handle(
    State((routes, base)): State<AppState>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response<Body> {
    let key = (method.clone(), uri.path().to_owned());
    let reply = {
        let mut r = routes.lock().unwrap();
        r.seen.push(Seen {
            method,
            path: uri.path().to_owned(),
            query: uri.query().map(str::to_owned),
            headers,
            body,
        });
        let n = {
            let h = r.hits.entry(key.clone()).or_insert(0);
            *h += 1;
            *h
        };
        r.replies
            .get(&key)
            .map(|list| list[(n - 1).min(list.len() - 1)].clone())
    };
    match reply {
        None => Response::builder()
            .status(StatusCode::NOT_FOUND)
            .header("content-type", "application/json")
            .body(Body::from(r#"{"detail": "Not found."}"#))
            .unwrap(),
        Some(Reply::Json(status, text)) => Response::builder()
            .status(status)
            .header("content-type", "application/json")
            .body(Body::from(text.replace("{{BASE}}", &base)))
            .unwrap(),
        Some(Reply::Bytes(status, ct, bytes)) => Response::builder()
            .status(status)
            .header("content-type", ct)
            .body(Body::from(bytes))
            .unwrap(),
        Some(Reply::Status(status, extra)) => {
            let mut b = Response::builder().status(status);
            for (k, v) in extra {
                b = b.header(k, v);
            }
            b.body(Body::empty()).unwrap()
        }
        Some(Reply::Hang(d)) => {
            tokio::time::sleep(d).await;
            Response::builder()
                .status(200)
                .header("content-type", "application/json")
                .body(Body::from("{}"))
                .unwrap()
        }
        Some(Reply::Drop) => {
            let broken = futures::stream::iter(vec![
                Ok::<_, std::io::Error>(Bytes::from_static(b"{\"object_id\": ")),
                Err(std::io::Error::new(
                    std::io::ErrorKind::ConnectionReset,
                    "dropped",
                )),
            ]);
            Response::builder()
                .status(201)
                .header("content-type", "application/json")
                .body(Body::from_stream(broken))
                .unwrap()
        }
    }
}

/// A client pointed at the fake, without pacing and with quick retries.
pub fn client(fake: &FakeShippo) -> shippo::Client {
    let config = shippo::ClientConfig::new(shippo::Token::new(TOKEN))
        .with_base_url(&fake.base_url)
        .expect("base url")
        .with_pacing(false)
        .with_retry(shippo::RetryPolicy {
            max_retries: 3,
            min_delay: std::time::Duration::from_millis(10),
            max_delay: std::time::Duration::from_millis(200),
            ..shippo::RetryPolicy::default()
        });
    shippo::Client::new(config).expect("client")
}

/// A notice hook that keeps every notice, and the list it fills.
pub fn notices() -> (
    Arc<Mutex<Vec<shippo::Notice>>>,
    impl Fn(&shippo::Notice) + Send + Sync + 'static,
) {
    let list = Arc::new(Mutex::new(Vec::new()));
    let keep = list.clone();
    (list, move |n: &shippo::Notice| keep.lock().unwrap().push(n.clone()))
}
