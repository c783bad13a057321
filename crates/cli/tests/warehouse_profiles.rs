//! `shipbench warehouse profile list|save|use|leave` with the real binary, two data dirs and a
//! real PostgreSQL (a throwaway cluster): bench A publishes its rate rule and parcel, bench B
//! follows them (its `settings show` says so and a local change is refused), then leaves.

use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use warehouse::testing::TestCluster;

const TOKEN: &str = "shippo_test_7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b";

async fn run(dir: &Path, args: &[&str]) -> Output {
    tokio::process::Command::new(PathBuf::from(env!("CARGO_BIN_EXE_shipbench-cli")))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("SHIPBENCH_TOKEN", TOKEN)
        // Nothing here talks to Shippo: a closed port proves it.
        .env("SHIPBENCH_API_BASE", "http://127.0.0.1:9")
        .env_remove("SHIPBENCH_DATA_DIR")
        .stdin(Stdio::null())
        .output()
        .await
        .expect("the CLI runs")
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

async fn ok(dir: &Path, args: &[&str]) -> String {
    let o = run(dir, args).await;
    assert!(o.status.success(), "{args:?}: {}", text(&o));
    text(&o)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bench_b_follows_the_profile_bench_a_saves_and_leaves_it() {
    let Some(pg) = TestCluster::start() else { return };
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    for (dir, name) in [(a.path(), "bench-a"), (b.path(), "bench-b")] {
        ok(dir, &["warehouse", "connect", &pg.url(), "--bench", name]).await;
    }
    let said = ok(b.path(), &["warehouse", "profile", "list"]).await;
    assert!(said.contains("The warehouse has no profiles yet"), "{said}");

    ok(a.path(), &["settings", "set", "rate-rule", "preferred:UPS"]).await;
    ok(a.path(), &["settings", "set", "default-parcel", "Big box: 17x11x9 in"]).await;
    let said = ok(a.path(), &["warehouse", "profile", "save", "default"]).await;
    assert!(said.contains("Saved the warehouse profile 'default'") && said.contains("rate rule preferred:UPS"), "{said}");

    let said = ok(b.path(), &["warehouse", "profile", "use", "default"]).await;
    assert!(said.contains("follows the warehouse profile 'default' (saved by bench bench-a)"), "{said}");
    assert!(said.contains("parcel Big box"), "{said}");
    let shown = ok(b.path(), &["settings", "show"]).await;
    assert!(shown.contains("preferred:UPS"), "B's settings in force are the profile's: {shown}");
    let refused = run(b.path(), &["settings", "set", "rate-rule", "cheapest"]).await;
    assert!(!refused.status.success());
    assert!(text(&refused).contains("follows the warehouse profile 'default'"), "{}", text(&refused));
    assert!(ok(b.path(), &["settings", "show"]).await.contains("preferred:UPS"), "nothing was changed");
    let listed: serde_json::Value = serde_json::from_str(&ok(b.path(), &["--json", "warehouse", "profile", "list"]).await).unwrap();
    assert_eq!(listed[0]["name"], "default");
    assert_eq!(listed[0]["followed"], true);
    let status = ok(b.path(), &["warehouse", "status"]).await;
    assert!(status.contains("Follows the profile 'default'"), "{status}");

    let unknown = run(b.path(), &["warehouse", "profile", "use", "other"]).await;
    assert!(!unknown.status.success() && text(&unknown).contains("no profile 'other' (it has default)"), "{}", text(&unknown));

    let said = ok(b.path(), &["warehouse", "profile", "leave"]).await;
    assert!(said.contains("no longer follows the warehouse profile 'default'"), "{said}");
    let shown = ok(b.path(), &["settings", "show"]).await;
    assert!(shown.contains("cheapest") && !shown.contains("preferred:UPS"), "B's own rule again: {shown}");
    ok(b.path(), &["settings", "set", "rate-rule", "fastest"]).await;
}
