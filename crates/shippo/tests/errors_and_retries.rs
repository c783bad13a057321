//! Errors an operator can act on, retries for safe calls only, and the exactly-once purchase.

mod support;

use std::time::Duration;

use axum::http::Method;
use shippo::models::*;
use shippo::{ApiErrorBody, Error, Notice};
use support::{fixture, FakeShippo, Reply, TOKEN};

fn buy() -> TransactionCreateRequest {
    TransactionCreateRequest {
        rate: "rt1".into(),
        label_file_type: Some(LabelFileType::ZPLII),
        order: None,
        metadata: None,
        is_async: Some(false),
    }
}

#[tokio::test]
async fn post_transactions_goes_out_exactly_once_on_500() {
    let fake = FakeShippo::start().await;
    let client = support::client(&fake);
    fake.on(
        Method::POST,
        "/transactions",
        vec![
            Reply::Json(500, r#"{"detail": "Internal error"}"#.into()),
            Reply::Json(201, fixture("transaction.json")),
        ],
    );
    let err = client.transactions().create(&buy()).await.unwrap_err();
    assert_eq!(
        fake.hits(Method::POST, "/transactions"),
        1,
        "a purchase must never be repeated"
    );
    assert_eq!(err.status(), Some(500));
    assert!(
        err.to_string().contains(
            "Shippo had an internal problem with POST /transactions (HTTP 500): Internal error"
        ),
        "{err}"
    );
}

#[tokio::test]
async fn post_transactions_goes_out_exactly_once_when_the_connection_drops() {
    let fake = FakeShippo::start().await;
    let client = support::client(&fake);
    fake.on(
        Method::POST,
        "/transactions",
        vec![Reply::Drop, Reply::Json(201, fixture("transaction.json"))],
    );
    let err = client.transactions().create(&buy()).await.unwrap_err();
    assert_eq!(
        fake.hits(Method::POST, "/transactions"),
        1,
        "a purchase must never be repeated"
    );
    // Sent, then the connection broke: the label may have been bought ("answer lost").
    assert!(matches!(err, Error::AnswerLost { .. }), "{err:?}");
    assert!(err.may_have_committed(), "{err}");
    assert!(
        err.to_string().contains("may have gone through"),
        "{err}"
    );
    // The same holds for batch purchases and on 429.
    fake.on(
        Method::POST,
        "/batches/b1/purchase",
        vec![
            Reply::Json(429, "{}".into()),
            Reply::Json(202, fixture("batch.json")),
        ],
    );
    let err = client.batches().purchase("b1").await.unwrap_err();
    assert!(matches!(err, Error::RateLimited { .. }), "{err:?}");
    assert_eq!(fake.hits(Method::POST, "/batches/b1/purchase"), 1);
}

#[tokio::test]
async fn safe_calls_are_retried_on_5xx_429_and_dropped_connections() {
    let fake = FakeShippo::start().await;
    let client = support::client(&fake);
    fake.on(
        Method::GET,
        "/transactions/txn1",
        vec![
            Reply::Json(503, "<html>Service Unavailable</html>".into()),
            Reply::Status(429, vec![("retry-after", "0".into())]),
            Reply::Drop,
            Reply::Json(200, fixture("transaction.json")),
        ],
    );
    let t = client
        .transactions()
        .get("txn1")
        .await
        .expect("fourth attempt succeeds");
    assert_eq!(
        t.object_id.as_deref(),
        Some("70ae8117ee1749e393f249d5b77c45e0")
    );
    assert_eq!(fake.hits(Method::GET, "/transactions/txn1"), 4);

    // Retries stop after the policy's count, and the last error is reported.
    fake.on(Method::GET, "/rates/rt9", vec![Reply::Json(502, "".into())]);
    let err = client.rates().get("rt9").await.unwrap_err();
    assert_eq!(fake.hits(Method::GET, "/rates/rt9"), 4, "1 try + 3 retries");
    assert_eq!(err.status(), Some(502));

    // 4xx other than 429 is never retried.
    fake.on(
        Method::GET,
        "/rates/missing",
        vec![Reply::Json(404, r#"{"detail": "Not found."}"#.into())],
    );
    let err = client.rates().get("missing").await.unwrap_err();
    assert_eq!(fake.hits(Method::GET, "/rates/missing"), 1);
    assert_eq!(
        err.to_string(),
        "Shippo has no such object at /rates/missing (HTTP 404): Not found. Check the id."
    );
}

/// Issue 14: Retry-After is honoured in full, not capped below it (the policy's max_delay is
/// 200 ms in tests, the server asks for 1 s), and the caller is told how long the wait is.
#[tokio::test]
async fn retry_after_is_honoured_in_full_and_announced() {
    let fake = FakeShippo::start().await;
    let (notices, hook) = support::notices();
    let client = support::client(&fake).with_notice(hook);
    fake.on(
        Method::GET,
        "/orders/o1",
        vec![
            Reply::Status(429, vec![("retry-after", "1".into())]),
            Reply::Json(200, fixture("order.json")),
        ],
    );
    let started = std::time::Instant::now();
    client.orders().get("o1").await.expect("second attempt");
    assert!(
        started.elapsed() >= Duration::from_millis(990),
        "waited only {:?}",
        started.elapsed()
    );
    assert_eq!(fake.hits(Method::GET, "/orders/o1"), 2);
    let told = notices.lock().unwrap().clone();
    let waits: Vec<String> = told
        .iter()
        .filter(|n| matches!(n, Notice::RateLimited { .. }))
        .map(|n| n.to_string())
        .collect();
    assert_eq!(
        waits,
        vec!["Waiting for Shippo's rate limit, resuming in 1 s.".to_owned()],
        "{told:?}"
    );
}

/// Without a Retry-After header, the wait in a throttle body ("Expected available in N
/// seconds", as Django REST framework and the simulator send it) is used; the limit is waited
/// out again and again until the list comes, and other calls of the class wait too.
#[tokio::test]
async fn a_throttled_list_is_waited_out_until_it_comes() {
    let fake = FakeShippo::start().await;
    let (notices, hook) = support::notices();
    let client = support::client(&fake).with_notice(hook);
    let throttled = r#"{"detail": "Request was throttled. Expected available in 1 seconds."}"#;
    fake.on(
        Method::GET,
        "/orders",
        vec![
            Reply::Json(429, throttled.into()),
            Reply::Json(429, throttled.into()),
            Reply::Json(200, support::page_of("order.json")),
        ],
    );
    let started = std::time::Instant::now();
    let page = client.orders().list(&Default::default()).await.expect("third attempt");
    assert_eq!(page.results.len(), 1);
    assert!(started.elapsed() >= Duration::from_millis(1990), "{:?}", started.elapsed());
    assert_eq!(fake.hits(Method::GET, "/orders"), 3);
    let told = notices.lock().unwrap().clone();
    assert_eq!(
        told.iter().filter(|n| matches!(n, Notice::RateLimited { resume_in, .. } if *resume_in > Duration::from_millis(900))).count(),
        2,
        "{told:?}"
    );
}

/// A 429 on a purchase is reported, never waited out and sent again; and a safe call gives up
/// after the policy's number of waits with the server's wait in the sentence.
#[tokio::test]
async fn rate_limit_waits_are_bounded_and_purchases_never_repeat() {
    let fake = FakeShippo::start().await;
    let config = shippo::ClientConfig::new(shippo::Token::new(TOKEN))
        .with_base_url(&fake.base_url)
        .unwrap()
        .with_pacing(false)
        .with_retry(shippo::RetryPolicy {
            max_rate_limit_waits: 2,
            max_rate_limit_wait: Duration::from_secs(5),
            ..shippo::RetryPolicy::default()
        });
    let client = shippo::Client::new(config).unwrap();
    fake.on(
        Method::GET,
        "/rates/r1",
        vec![Reply::Status(429, vec![("retry-after", "0".into())])],
    );
    let err = client.rates().get("r1").await.unwrap_err();
    assert_eq!(fake.hits(Method::GET, "/rates/r1"), 3, "1 try + 2 waits");
    assert!(matches!(err, Error::RateLimited { .. }), "{err:?}");

    // A wait longer than the policy allows is reported at once, with the server's wait.
    fake.on(
        Method::GET,
        "/rates/r2",
        vec![Reply::Status(429, vec![("retry-after", "3600".into())])],
    );
    let started = std::time::Instant::now();
    let err = client.rates().get("r2").await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(1));
    assert_eq!(fake.hits(Method::GET, "/rates/r2"), 1);
    assert_eq!(
        err.to_string(),
        "Shippo is rate-limiting this account (HTTP 429 on GET /rates/r2). Shippo asks to wait 3600 s before trying again."
    );

    fake.on(
        Method::POST,
        "/transactions",
        vec![
            Reply::Status(429, vec![("retry-after", "0".into())]),
            Reply::Json(201, fixture("transaction.json")),
        ],
    );
    let err = client.transactions().create(&buy()).await.unwrap_err();
    assert!(matches!(err, Error::RateLimited { .. }), "{err:?}");
    assert_eq!(fake.hits(Method::POST, "/transactions"), 1);
}

/// Issue 14: "slow GETs are retried 4 x 60 s before saying anything". A slow answer now says
/// "still waiting" within the configured period (8 s by default, 200 ms here), a timed-out GET
/// is retried a bounded number of times with a notice, and a POST is never retried.
#[tokio::test]
async fn a_slow_shippo_is_announced_while_waiting() {
    let fake = FakeShippo::start().await;
    let (notices, hook) = support::notices();
    let config = shippo::ClientConfig::new(shippo::Token::new(TOKEN))
        .with_base_url(&fake.base_url)
        .unwrap()
        .with_pacing(false)
        .with_timeouts(Duration::from_secs(2), Duration::from_millis(700))
        .with_still_waiting_after(Duration::from_millis(200))
        .with_retry(shippo::RetryPolicy {
            min_delay: Duration::from_millis(5),
            max_delay: Duration::from_millis(10),
            ..shippo::RetryPolicy::default()
        })
        .with_notice(hook);
    let client = shippo::Client::new(config).unwrap();
    fake.on(
        Method::GET,
        "/manifests/m1",
        vec![
            Reply::Hang(Duration::from_millis(500)),
            Reply::Json(200, fixture("manifest.json")),
        ],
    );
    client.manifests().get("m1").await.expect("a slow answer is still an answer");
    let told = std::mem::take(&mut *notices.lock().unwrap());
    let first = told.first().expect("a notice while waiting");
    assert!(
        matches!(first, Notice::StillWaiting { method, path, waited } if method == "GET" && path == "/manifests/m1" && *waited >= Duration::from_millis(200)),
        "{told:?}"
    );
    assert!(first.to_string().starts_with("Still waiting for Shippo to answer GET /manifests/m1"), "{first}");

    fake.on(
        Method::GET,
        "/manifests/m2",
        vec![Reply::Hang(Duration::from_secs(3))],
    );
    let started = std::time::Instant::now();
    let err = client.manifests().get("m2").await.unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert_eq!(fake.hits(Method::GET, "/manifests/m2"), 3, "1 try + 2 retries by default");
    assert!(started.elapsed() < Duration::from_secs(4), "bounded: {:?}", started.elapsed());
    let told = std::mem::take(&mut *notices.lock().unwrap());
    let retries: Vec<&Notice> = told.iter().filter(|n| matches!(n, Notice::Retrying { .. })).collect();
    assert_eq!(retries.len(), 2, "{told:?}");
    assert!(retries[0].to_string().starts_with("GET /manifests/m2 failed (Shippo did not answer"), "{}", retries[0]);

    fake.on(
        Method::POST,
        "/transactions",
        vec![Reply::Hang(Duration::from_secs(3))],
    );
    let err = client.transactions().create(&buy()).await.unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert_eq!(fake.hits(Method::POST, "/transactions"), 1);
    let told = notices.lock().unwrap().clone();
    assert!(told.iter().any(|n| matches!(n, Notice::StillWaiting { method, .. } if method == "POST")), "{told:?}");
    assert!(!told.iter().any(|n| matches!(n, Notice::Retrying { .. })), "{told:?}");
}

#[tokio::test]
async fn a_refused_token_is_explained_and_never_echoed() {
    let fake = FakeShippo::start().await;
    let client = support::client(&fake);
    // Even if the server echoes the token, it is scrubbed.
    fake.json(
        Method::GET,
        "/orders",
        401,
        format!(r#"{{"detail": "Token does not exist: ShippoToken {TOKEN}"}}"#),
    );
    let err = client.orders().list(&Default::default()).await.unwrap_err();
    let text = format!("{err} {err:?}");
    assert!(!text.contains(TOKEN), "the token leaked: {text}");
    assert!(
        !text.contains("0123456789abcdef0123"),
        "the token leaked: {text}"
    );
    assert!(
        err.to_string()
            .starts_with("Shippo refused the API token (HTTP 401: Token does not exist"),
        "{err}"
    );
    assert_eq!(fake.hits(Method::GET, "/orders"), 1, "401 is not retried");
}

#[tokio::test]
async fn error_bodies_keep_status_and_shape() {
    let fake = FakeShippo::start().await;
    let client = support::client(&fake);
    fake.json(
        Method::POST,
        "/shipments",
        400,
        r#"{"parcel": ["This field is required."], "address_to": {"zip": ["Invalid"]}}"#.into(),
    );
    let req = ShipmentCreateRequest::new(
        AddressInput::Id("a".into()),
        AddressInput::Id("b".into()),
        vec![],
    );
    let err = client.shipments().create(&req).await.unwrap_err();
    match &err {
        Error::Api {
            status: 400,
            body: ApiErrorBody::Fields(fields),
            ..
        } => {
            assert_eq!(fields["parcel"], vec!["This field is required."]);
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(
        err.to_string().contains("parcel: This field is required."),
        "{err}"
    );
    assert!(err.to_string().contains("Correct these fields"), "{err}");

    fake.json(
        Method::POST,
        "/shippo-accounts",
        403,
        r#""Unauthorized to create accounts""#.into(),
    );
    let acct = ShippoAccountRequest::default();
    let err = client.shippo_accounts().create(&acct).await.unwrap_err();
    assert!(
        matches!(&err, Error::Api { status: 403, body: ApiErrorBody::Text(t), .. } if t == "Unauthorized to create accounts"),
        "{err:?}"
    );
    assert!(err.to_string().contains("Unauthorized to create accounts"));
}

#[tokio::test]
async fn an_error_inside_a_201_surfaces_its_messages() {
    let fake = FakeShippo::start().await;
    let client = support::client(&fake);
    fake.json(
        Method::POST,
        "/transactions",
        201,
        fixture("transaction_error.json"),
    );
    let t = client
        .transactions()
        .create(&buy())
        .await
        .expect("HTTP 201");
    assert_eq!(t.status, Some(TransactionStatus::Error));
    let err = t.ensure_success().unwrap_err();
    assert_eq!(
        err.to_string(),
        "Shippo could not complete the label purchase (f3b4c5d6e7f8091a2b3c4d5e6f708192): UPS: The UPS account is not yet registered. Please register it in the Shippo dashboard."
    );
    let ok: Transaction = serde_json::from_str(&fixture("transaction.json")).unwrap();
    assert!(ok.ensure_success().is_ok());
}

#[tokio::test]
async fn unreachable_shippo_says_so_plainly() {
    // A port that was just free: nothing listens there.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let config = shippo::ClientConfig::new(shippo::Token::new(TOKEN))
        .with_base_url(&format!("http://127.0.0.1:{port}"))
        .unwrap()
        .with_pacing(false)
        .with_retry(shippo::RetryPolicy {
            max_retries: 1,
            min_delay: Duration::from_millis(5),
            max_delay: Duration::from_millis(10),
            ..shippo::RetryPolicy::default()
        });
    let client = shippo::Client::new(config).unwrap();
    let err = client.addresses().get("x").await.unwrap_err();
    assert!(
        err.to_string().starts_with("Shippo could not be reached: "),
        "{err}"
    );
    assert!(!err.to_string().contains(TOKEN));
    // Each cause once: no phrase of the network layer's chain is repeated.
    let text = err.to_string();
    let detail = text
        .strip_prefix("Shippo could not be reached: ")
        .and_then(|d| d.split(". Check the internet").next())
        .expect("detail");
    let parts: Vec<&str> = detail.split(": ").collect();
    for (i, p) in parts.iter().enumerate() {
        assert!(
            !parts[i + 1..].iter().any(|q| q.contains(p) || p.contains(q)),
            "a cause is repeated in {text:?}"
        );
    }
    assert!(text.contains("refused") || text.contains("connect"), "{text}");
}

#[tokio::test]
async fn account_id_header_is_sent_when_configured() {
    let fake = FakeShippo::start().await;
    let config = shippo::ClientConfig::new(shippo::Token::new(TOKEN))
        .with_base_url(&fake.base_url)
        .unwrap()
        .with_pacing(false)
        .with_account_id("acct_42");
    let client = shippo::Client::new(config).unwrap();
    fake.json(Method::GET, "/parcels/p1", 200, fixture("parcel.json"));
    client.parcels().get("p1").await.unwrap();
    let seen = fake.single(&Method::GET, "/parcels/p1");
    assert_eq!(seen.header("shippo-account-id"), Some("acct_42"));
    support::assert_shippo_headers(&seen, true);
}

#[tokio::test]
async fn a_silent_shippo_times_out_with_a_plain_message() {
    let fake = FakeShippo::start().await;
    let config = shippo::ClientConfig::new(shippo::Token::new(TOKEN))
        .with_base_url(&fake.base_url)
        .unwrap()
        .with_pacing(false)
        .with_timeouts(Duration::from_secs(2), Duration::from_millis(150))
        .with_retry(shippo::RetryPolicy {
            max_retries: 1,
            min_delay: Duration::from_millis(5),
            max_delay: Duration::from_millis(10),
            ..shippo::RetryPolicy::default()
        });
    let client = shippo::Client::new(config).unwrap();
    fake.on(
        Method::GET,
        "/manifests/m1",
        vec![Reply::Hang(Duration::from_secs(2))],
    );
    let err = client.manifests().get("m1").await.unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert_eq!(err.to_string(), "Shippo did not answer GET /manifests/m1 within the time limit; it may be slow or down. Try again in a moment.");
    assert_eq!(
        fake.hits(Method::GET, "/manifests/m1"),
        2,
        "a GET that timed out is retried"
    );

    // A purchase that timed out is not: it may have gone through.
    fake.on(
        Method::POST,
        "/transactions",
        vec![Reply::Hang(Duration::from_secs(2))],
    );
    let err = client.transactions().create(&buy()).await.unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert_eq!(fake.hits(Method::POST, "/transactions"), 1);
}

#[tokio::test]
async fn a_purchase_that_never_left_says_nothing_was_committed() {
    // Nothing listens on this port: connection refused, the request was never sent.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let client = shippo::Client::new(
        shippo::ClientConfig::new(shippo::Token::new(TOKEN))
            .with_base_url(&format!("http://127.0.0.1:{port}"))
            .unwrap()
            .with_pacing(false),
    )
    .unwrap();
    let err = client.transactions().purchase(&buy()).await.unwrap_err();
    assert!(matches!(err, Error::Unreachable { .. }), "{err:?}");
    assert!(!err.may_have_committed(), "{err}");
}

#[tokio::test]
async fn purchase_answers_say_whether_they_may_have_committed() {
    let fake = FakeShippo::start().await;
    let client = support::client(&fake);
    fake.on(
        Method::POST,
        "/transactions",
        vec![
            Reply::Json(400, r#"{"rate": ["This rate has expired."]}"#.into()),
            Reply::Json(502, r#"{"detail": "Bad gateway"}"#.into()),
            Reply::Json(201, "not json".into()),
        ],
    );
    let refused = client.transactions().purchase(&buy()).await.unwrap_err();
    assert!(!refused.may_have_committed(), "4xx: {refused}");
    let lost = client.transactions().purchase(&buy()).await.unwrap_err();
    assert!(lost.may_have_committed(), "5xx: {lost}");
    let unreadable = client.transactions().purchase(&buy()).await.unwrap_err();
    assert!(unreadable.may_have_committed(), "unreadable 2xx: {unreadable}");
    assert_eq!(fake.hits(Method::POST, "/transactions"), 3, "each purchase sent once");
}
