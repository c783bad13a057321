fn main() {
    // The permissions the window's capabilities grant live next to the shell's code.
    tauri_build::try_build(tauri_build::Attributes::new().capabilities_path_pattern("./src-tauri/capabilities/**/*"))
        .expect("tauri-build failed");
}
