//! TLS to a LAN server with a certificate of its own CA, as libpq takes it from the URL:
//! a throwaway cluster runs with `ssl=on` and a certificate made here (rcgen), signed by a CA
//! made here too. The bench trusts that CA only when the URL names it (`sslrootcert`).

use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, KeyPair};
use warehouse::testing::TestCluster;
use warehouse::{Warehouse, WarehouseConfig, WarehouseError};

struct Pki {
    _dir: tempfile::TempDir,
    ca: std::path::PathBuf,
    other_ca: std::path::PathBuf,
    server_chain: String,
    server_key: String,
}

fn ca(name: &str) -> (rcgen::Certificate, KeyPair) {
    let mut p = CertificateParams::new(Vec::<String>::new()).expect("params");
    p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    p.distinguished_name.push(DnType::CommonName, name);
    let key = KeyPair::generate().expect("key");
    (p.self_signed(&key).expect("CA"), key)
}

/// A warehouse CA, a server certificate it signs for `db.warehouse.lan` and `localhost` only
/// (not 127.0.0.1, the address the tests dial), and an unrelated CA.
fn pki() -> Pki {
    let dir = tempfile::tempdir().expect("tempdir");
    let (ca_cert, ca_key) = ca("Warehouse test CA");
    let mut p = CertificateParams::new(vec!["db.warehouse.lan".into(), "localhost".into()]).expect("params");
    p.distinguished_name.push(DnType::CommonName, "db.warehouse.lan");
    let key = KeyPair::generate().expect("key");
    let server = p.signed_by(&key, &ca_cert, &ca_key).expect("server certificate");
    let (other, _) = ca("Some other CA");
    let ca = dir.path().join("ca.pem");
    std::fs::write(&ca, ca_cert.pem()).expect("write CA");
    let other_ca = dir.path().join("other-ca.pem");
    std::fs::write(&other_ca, other.pem()).expect("write other CA");
    Pki { server_chain: format!("{}{}", server.pem(), ca_cert.pem()), server_key: key.serialize_pem(), ca, other_ca, _dir: dir }
}

async fn connect(url: &str) -> Result<Warehouse, WarehouseError> {
    Warehouse::connect(WarehouseConfig::new(url, None, "bench-tls")?).await
}

/// Whether the server sees this connection as TLS (from pg_stat_ssl, by the bench's own pid).
async fn over_tls(w: &Warehouse) -> bool {
    w.connection_uses_tls().await.expect("ask pg_stat_ssl")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_with_its_own_ca_is_trusted_when_the_url_names_the_ca_file() {
    let pki = pki();
    let Some(pg) = TestCluster::start_tls(&pki.server_chain, &pki.server_key) else { return };
    let base = pg.url();
    let ca = pki.ca.display().to_string();

    // Before: only the public web roots are trusted, so a self-signed LAN server is refused,
    // with a sentence that says what to add to the URL.
    let e = connect(&format!("{base}?sslmode=require")).await.unwrap_err();
    assert!(matches!(e, WarehouseError::Untrusted(_)), "{e:?}");
    assert!(e.to_string().contains("sslrootcert=/path/ca.pem"), "{e}");

    // The CA given: verify-ca checks the chain (the certificate names another host: fine).
    let w = connect(&format!("{base}?sslmode=verify-ca&sslrootcert={ca}")).await.expect("verify-ca");
    assert!(over_tls(&w).await, "the connection is encrypted");
    assert!(w.config().url().contains("sslrootcert="), "the CA path stays in the stored URL");
    // require with a CA file behaves like verify-ca, as in libpq.
    let w = connect(&format!("{base}?sslmode=require&sslrootcert={ca}")).await.expect("require + CA");
    assert!(over_tls(&w).await);

    // verify-full also wants the host name: 127.0.0.1 is not in the certificate…
    let e = connect(&format!("{base}?sslmode=verify-full&sslrootcert={ca}")).await.unwrap_err();
    assert!(matches!(e, WarehouseError::Untrusted(_)), "{e:?}");
    // …localhost is.
    let local = base.replace("127.0.0.1", "localhost");
    let w = connect(&format!("{local}?sslmode=verify-full&sslrootcert={ca}")).await.expect("verify-full by name");
    assert!(over_tls(&w).await);

    // A CA that did not sign the server's certificate is refused.
    let other = pki.other_ca.display().to_string();
    let e = connect(&format!("{base}?sslmode=verify-ca&sslrootcert={other}")).await.unwrap_err();
    assert!(matches!(e, WarehouseError::Untrusted(_)), "{e:?}");

    // sslmode=disable still talks plain (the old way out), and the server sees no TLS.
    let w = connect(&format!("{base}?sslmode=disable")).await.expect("plain");
    assert!(!over_tls(&w).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn verify_modes_against_a_server_without_tls_are_refused() {
    let Some(pg) = TestCluster::start() else { return };
    let pki = pki();
    let e = connect(&format!("{}?sslmode=verify-full&sslrootcert={}", pg.url(), pki.ca.display())).await.unwrap_err();
    assert!(matches!(e, WarehouseError::Untrusted(_)), "{e:?}");
    // prefer (the default) falls back to plain, as libpq does.
    let w = connect(&pg.url()).await.expect("prefer");
    assert!(!over_tls(&w).await);
}
