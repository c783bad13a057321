//! Reading the workspace's Cargo.toml files as far as the tasks need (no TOML parser: the files
//! keep one dependency per line, as the root says).

use std::path::Path;

use anyhow::{Context, Result};

/// Names in the root's `[workspace.dependencies]` that no member's Cargo.toml takes with
/// `workspace = true`.
pub fn unused_workspace_dependencies(root: &Path) -> Result<Vec<String>> {
    let read = |p: &Path| std::fs::read_to_string(p).with_context(|| format!("could not read {}", p.display()));
    let root_toml = read(&root.join("Cargo.toml"))?;
    let declared = section_keys(&root_toml, "workspace.dependencies");
    let mut manifests = vec![root_toml.clone()];
    for member in section_strings(&root_toml, "workspace", "members") {
        if member != "." {
            manifests.push(read(&root.join(member).join("Cargo.toml"))?);
        }
    }
    Ok(declared
        .into_iter()
        .filter(|name| !manifests.iter().any(|m| takes_from_workspace(m, name)))
        .collect())
}

/// The keys of `[section]` (one `key = …` per line).
fn section_keys(toml: &str, section: &str) -> Vec<String> {
    let header = format!("[{section}]");
    let mut inside = false;
    let mut keys = Vec::new();
    for line in toml.lines().map(str::trim) {
        if line.starts_with('[') {
            inside = line == header;
            continue;
        }
        if inside && !line.starts_with('#') {
            if let Some((key, _)) = line.split_once('=') {
                keys.push(key.trim().trim_matches('"').to_owned());
            }
        }
    }
    keys
}

/// The quoted strings of the array `key = [...]` in `[section]`.
fn section_strings(toml: &str, section: &str, key: &str) -> Vec<String> {
    let header = format!("[{section}]");
    let Some(start) = toml.find(&header) else { return Vec::new() };
    let rest = &toml[start + header.len()..];
    let Some(open) = rest.find(&format!("{key} = [")) else { return Vec::new() };
    let body = &rest[open..];
    let body = &body[..body.find(']').unwrap_or(body.len())];
    body.split('"').skip(1).step_by(2).map(str::to_owned).collect()
}

/// Whether a manifest has `name.workspace = true` or `name = { workspace = true … }` in any section.
fn takes_from_workspace(manifest: &str, name: &str) -> bool {
    manifest.lines().map(str::trim).any(|line| {
        let Some((key, value)) = line.split_once('=') else { return false };
        let key = key.trim();
        (key == format!("{name}.workspace") && value.trim() == "true")
            || (key == name && value.contains("workspace") && value.contains("true"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_workspace_dependency_no_member_takes_is_found() {
        let root = "[workspace]\nmembers = [\".\", \"crates/a\"]\n\n[workspace.dependencies]\n\
                    serde = { version = \"1\" }\ntime = \"0.3\"\nclap = \"4\"\n\n[dependencies]\nclap.workspace = true\n";
        assert_eq!(section_keys(root, "workspace.dependencies"), ["serde", "time", "clap"]);
        assert_eq!(section_strings(root, "workspace", "members"), [".", "crates/a"]);
        let member = "[dependencies]\nserde = { workspace = true, features = [\"derive\"] }\n";
        let used = |name: &str| [root, member].iter().any(|m| takes_from_workspace(m, name));
        assert!(used("serde") && used("clap") && !used("time"));
    }

    #[test]
    fn this_workspace_lists_only_what_its_crates_use() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("root");
        assert_eq!(unused_workspace_dependencies(root).expect("reads"), Vec::<String>::new());
    }
}
