//! Pagination streams, polling helpers and label downloads over real HTTP.

mod support;

use std::time::Duration;

use axum::http::Method;
use futures::TryStreamExt;
use shippo::models::*;
use shippo::{DownloadProblem, Error, LabelFormat, PollOptions};
use support::{fixture, FakeShippo, Reply};

fn quick() -> PollOptions {
    PollOptions {
        deadline: Duration::from_secs(3),
        interval: Duration::from_millis(10),
        max_interval: Duration::from_millis(20),
    }
}

fn with_status(name: &str, status: &str) -> String {
    let mut v: serde_json::Value = serde_json::from_str(&fixture(name)).unwrap();
    v["status"] = status.into();
    v.to_string()
}

#[tokio::test]
async fn stream_follows_next_links_to_the_configured_host() {
    let fake = FakeShippo::start().await;
    let client = support::client(&fake);
    fake.on(
        Method::GET,
        "/addresses",
        vec![
            Reply::Json(200, fixture("addresses_page1.json")),
            Reply::Json(200, fixture("addresses_page2.json")),
        ],
    );
    let all: Vec<Address> = client
        .addresses()
        .stream(&ListParams::per_page(1))
        .unwrap()
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<_> = all.iter().map(|a| a.object_id.clone().unwrap()).collect();
    assert_eq!(
        ids,
        vec![
            "d799c2679e644279b59fe661ac8fa488",
            "4f406a13253945a8bc8deb0f8266b245"
        ]
    );
    let seen = fake.seen();
    assert_eq!(
        seen.len(),
        2,
        "the next link (on api.goshippo.com) was followed on the configured host"
    );
    assert_eq!(seen[0].query.as_deref(), Some("results=1"));
    assert_eq!(seen[1].query.as_deref(), Some("page=2&results=1"));
    for s in &seen {
        support::assert_shippo_headers(s, true);
    }
}

#[tokio::test]
async fn stream_stops_on_empty_links_and_on_loops() {
    let fake = FakeShippo::start().await;
    let client = support::client(&fake);
    let body = format!(
        r#"{{"next": "", "previous": "", "results": [{}]}}"#,
        fixture("shippo_account.json")
    );
    fake.json(Method::GET, "/shippo-accounts", 200, body);
    let accounts: Vec<ShippoAccount> = client
        .shippo_accounts()
        .stream(&ListParams::default())
        .unwrap()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(accounts.len(), 1);
    assert_eq!(fake.hits(Method::GET, "/shippo-accounts"), 1);

    // A server whose `next` points back at the same page does not loop forever.
    let looping =
        r#"{"next": "{{BASE}}/orders?page=1", "previous": null, "results": [{"object_id": "o1"}]}"#;
    fake.json(Method::GET, "/orders", 200, looping.into());
    let params = shippo::api::orders::OrderListParams {
        page: Some(1),
        ..Default::default()
    };
    let orders: Vec<Order> = client
        .orders()
        .stream(&params)
        .unwrap()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(orders.len(), 1);
    assert_eq!(fake.hits(Method::GET, "/orders"), 1);
}

#[tokio::test]
async fn waits_for_rates_with_progress() {
    let fake = FakeShippo::start().await;
    let client = support::client(&fake);
    fake.on(
        Method::GET,
        "/shipments/s1",
        vec![
            Reply::Json(200, with_status("shipment.json", "QUEUED")),
            Reply::Json(200, with_status("shipment.json", "WAITING")),
            Reply::Json(200, fixture("shipment.json")),
        ],
    );
    let mut statuses = Vec::new();
    let s = client
        .shipments()
        .wait_for_rates("s1", quick(), |s| statuses.push(s.status.clone().unwrap()))
        .await
        .unwrap();
    assert_eq!(
        statuses,
        vec![
            ShipmentStatus::Queued,
            ShipmentStatus::Waiting,
            ShipmentStatus::Success
        ]
    );
    assert_eq!(s.rates.len(), 2);
}

#[tokio::test]
async fn waits_for_batches_refunds_and_labels() {
    let fake = FakeShippo::start().await;
    let client = support::client(&fake);
    fake.on(
        Method::GET,
        "/batches/b1",
        vec![
            Reply::Json(200, with_status("batch.json", "VALIDATING")),
            Reply::Json(200, fixture("batch.json")),
        ],
    );
    let b = client.batches().wait("b1", quick(), |_| {}).await.unwrap();
    assert_eq!(b.status, Some(BatchStatus::Valid));

    fake.on(
        Method::GET,
        "/refunds/r1",
        vec![
            Reply::Json(200, with_status("refund.json", "QUEUED")),
            Reply::Json(200, with_status("refund.json", "PENDING")),
            Reply::Json(200, with_status("refund.json", "SUCCESS")),
        ],
    );
    let mut n = 0;
    let r = client
        .refunds()
        .wait("r1", quick(), |_| n += 1)
        .await
        .unwrap();
    assert_eq!((r.status, n), (Some(RefundStatus::Success), 3));

    fake.on(
        Method::GET,
        "/transactions/t1",
        vec![Reply::Json(200, with_status("transaction.json", "QUEUED"))],
    );
    let options = PollOptions {
        deadline: Duration::from_millis(100),
        ..quick()
    };
    let err = client
        .transactions()
        .wait("t1", options, |_| {})
        .await
        .unwrap_err();
    assert!(matches!(err, Error::StillPending { .. }));
    assert!(
        err.to_string()
            .starts_with("The label purchase t1 was still QUEUED after 0 s."),
        "{err}"
    );
    assert!(fake.hits(Method::GET, "/transactions/t1") >= 2);
}

const ZPL: &[u8] = b"^XA\n^FO50,50^A0N,50,50^FDShipbench^FS\n^XZ\n";

#[tokio::test]
async fn downloads_labels_with_checks() {
    let fake = FakeShippo::start().await;
    let storage = FakeShippo::start().await; // another origin, like Shippo's label storage
    let client = support::client(&fake);

    storage.on(
        Method::GET,
        "/files/label.zpl",
        vec![Reply::Bytes(200, "text/plain; charset=utf-8", ZPL.to_vec())],
    );
    let url = format!("{}/files/label.zpl", storage.base_url);
    let file = client
        .download_label(&url, Some(&LabelFileType::ZPLII))
        .await
        .unwrap();
    assert_eq!(
        (file.bytes.as_slice(), file.format),
        (ZPL, LabelFormat::Zpl)
    );
    let seen = storage.single(&Method::GET, "/files/label.zpl");
    assert_eq!(
        seen.header("authorization"),
        None,
        "the token never goes to the storage host"
    );

    let pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".to_vec();
    storage.on(
        Method::GET,
        "/files/label.pdf",
        vec![Reply::Bytes(200, "application/pdf", pdf.clone())],
    );
    let file = client
        .download_label(
            &format!("{}/files/label.pdf", storage.base_url),
            Some(&LabelFileType::PDF_4x6),
        )
        .await
        .unwrap();
    assert_eq!((file.bytes, file.format), (pdf.clone(), LabelFormat::Pdf));

    // Ordered ZPL, got a PDF.
    let err = client
        .download_label(
            &format!("{}/files/label.pdf", storage.base_url),
            Some(&LabelFileType::ZPLII),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(
            &err,
            Error::Download {
                problem: DownloadProblem::WrongFormat { .. },
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .contains("ZPLII was ordered but the file is PDF"),
        "{err}"
    );

    // A PDF served as text.
    storage.on(
        Method::GET,
        "/files/odd.pdf",
        vec![Reply::Bytes(200, "text/plain", pdf.clone())],
    );
    let err = client
        .download_label(&format!("{}/files/odd.pdf", storage.base_url), None)
        .await
        .unwrap_err();
    assert!(
        matches!(
            &err,
            Error::Download {
                problem: DownloadProblem::ContentType { .. },
                ..
            }
        ),
        "{err:?}"
    );

    // An HTML error page.
    storage.on(
        Method::GET,
        "/files/html",
        vec![Reply::Bytes(
            200,
            "text/html",
            b"<html>AccessDenied</html>".to_vec(),
        )],
    );
    let err = client
        .download_label(&format!("{}/files/html", storage.base_url), None)
        .await
        .unwrap_err();
    assert!(
        matches!(
            &err,
            Error::Download {
                problem: DownloadProblem::UnknownFormat,
                ..
            }
        ),
        "{err:?}"
    );

    // Expired link.
    storage.on(
        Method::GET,
        "/files/gone",
        vec![Reply::Bytes(403, "application/xml", b"<Error/>".to_vec())],
    );
    let err = client
        .download_label(&format!("{}/files/gone", storage.base_url), None)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("HTTP 403"), "{err}");

    // PNG.
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    storage.on(
        Method::GET,
        "/files/label.png",
        vec![Reply::Bytes(200, "image/png", png.clone())],
    );
    let file = client
        .download_document(&format!("{}/files/label.png", storage.base_url))
        .await
        .unwrap();
    assert_eq!(file.format, LabelFormat::Png);
}

#[tokio::test]
async fn downloads_refuse_files_over_the_limit() {
    let fake = FakeShippo::start().await;
    let mut config = shippo::ClientConfig::new(shippo::Token::new(support::TOKEN))
        .with_base_url(&fake.base_url)
        .unwrap()
        .with_pacing(false);
    config.max_download_bytes = 1024;
    let client = shippo::Client::new(config).unwrap();
    let mut big = b"%PDF-1.4\n".to_vec();
    big.resize(4096, b' ');
    fake.on(
        Method::GET,
        "/files/big.pdf",
        vec![Reply::Bytes(200, "application/pdf", big)],
    );
    let err = client
        .download_document(&format!("{}/files/big.pdf", fake.base_url))
        .await
        .unwrap_err();
    assert!(
        matches!(
            &err,
            Error::Download {
                problem: DownloadProblem::TooLarge { limit: 1024 },
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("larger than the 1024-byte limit"),
        "{err}"
    );
}
