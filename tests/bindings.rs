//! The TypeScript bindings the UI imports are generated from the Rust commands. This test fails
//! when the committed ui/src/lib/bindings.ts is stale; `cargo xtask bindings` regenerates it.

use std::path::Path;

#[test]
fn committed_bindings_match_the_rust_commands() {
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/lib/bindings.ts");
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        shipbench_lib::export_bindings(&committed).unwrap();
        eprintln!("wrote {}", committed.display());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let fresh_path = dir.path().join("bindings.ts");
    shipbench_lib::export_bindings(&fresh_path).unwrap();
    let fresh = std::fs::read_to_string(&fresh_path).unwrap();
    let old = std::fs::read_to_string(&committed).unwrap_or_default();
    assert!(
        fresh == old,
        "ui/src/lib/bindings.ts is stale: the Rust commands changed. Run `cargo xtask bindings` and commit the result."
    );
}
