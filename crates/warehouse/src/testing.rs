//! A throwaway PostgreSQL cluster for tests: `initdb` in a temp dir, the server on a free local
//! port, stopped (and the dir removed) on drop. Run as the current user, or, when that is root
//! (CI), as the unprivileged `postgres` (or `nobody`) user, since PostgreSQL refuses to run as root.
//!
//! Without `initdb` the cluster is not started ([`TestCluster::start`] answers `None`, the test
//! says it is skipped), unless `SHIPBENCH_REQUIRE_POSTGRES=1`, which makes that a failure.

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Set to `1` to make a missing PostgreSQL fail tests instead of skipping them.
pub const REQUIRE_ENV: &str = "SHIPBENCH_REQUIRE_POSTGRES";

/// A running throwaway cluster.
#[derive(Debug)]
pub struct TestCluster {
    dir: tempfile::TempDir,
    bin: PathBuf,
    port: u16,
    run_as: Option<(u32, u32)>,
    /// Extra server options (`-c ssl=on …`).
    extra: String,
}

/// Where `initdb` and `pg_ctl` are: on PATH, else the newest /usr/lib/postgresql/*/bin.
pub fn postgres_bin() -> Option<PathBuf> {
    let on_path = std::env::var_os("PATH").and_then(|p| {
        std::env::split_paths(&p).find(|d| d.join("initdb").is_file() && d.join("pg_ctl").is_file())
    });
    if on_path.is_some() {
        return on_path;
    }
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let v = e.file_name().to_string_lossy().parse::<u32>().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").is_file().then_some((v, bin))
        })
        .collect();
    found.sort();
    found.pop().map(|(_, b)| b)
}

fn euid() -> u32 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").map(|m| m.uid()).unwrap_or(u32::MAX)
}

/// uid and gid of a user, from /etc/passwd.
fn user_ids(name: &str) -> Option<(u32, u32)> {
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|l| {
        let f: Vec<&str> = l.split(':').collect();
        (f.len() > 3 && f[0] == name).then(|| Some((f[2].parse().ok()?, f[3].parse().ok()?)))?
    })
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free local port")
}

impl TestCluster {
    /// Starts a cluster, or `None` (with a note on stderr) when PostgreSQL is not installed.
    /// Panics when it is required ([`REQUIRE_ENV`]) but missing, or when it fails to start.
    pub fn start() -> Option<TestCluster> {
        TestCluster::start_with(None)
    }

    /// Like [`TestCluster::start`], with TLS on (`ssl=on`) and this certificate chain and key
    /// (PEM) as the server's. Plain connections are still accepted (`sslmode=disable` works).
    pub fn start_tls(cert_chain_pem: &str, key_pem: &str) -> Option<TestCluster> {
        TestCluster::start_with(Some((cert_chain_pem, key_pem)))
    }

    fn start_with(tls: Option<(&str, &str)>) -> Option<TestCluster> {
        let Some(bin) = postgres_bin() else {
            if std::env::var(REQUIRE_ENV).as_deref() == Ok("1") {
                panic!("{REQUIRE_ENV}=1 but initdb/pg_ctl are neither on PATH nor in /usr/lib/postgresql/*/bin: install Debian's postgresql package (cargo xtask deps)");
            }
            eprintln!("PostgreSQL (initdb) not found: warehouse test skipped");
            return None;
        };
        let run_as = if euid() == 0 {
            Some(user_ids("postgres").or_else(|| user_ids("nobody")).expect("an unprivileged user (postgres or nobody) to run PostgreSQL as"))
        } else {
            None
        };
        let dir = tempfile::Builder::new().prefix("shipbench-pg-").tempdir().expect("a temp dir");
        if let Some((uid, gid)) = run_as {
            std::os::unix::fs::chown(dir.path(), Some(uid), Some(gid)).expect("chown the cluster dir");
        }
        let mut extra = String::new();
        if let Some((cert, key)) = tls {
            use std::os::unix::fs::PermissionsExt;
            for (name, text) in [("server.crt", cert), ("server.key", key)] {
                let path = dir.path().join(name);
                std::fs::write(&path, text).expect("write the server's certificate");
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
                if let Some((uid, gid)) = run_as {
                    std::os::unix::fs::chown(&path, Some(uid), Some(gid)).expect("chown the certificate");
                }
            }
            extra = format!(
                " -c ssl=on -c ssl_cert_file={} -c ssl_key_file={}",
                dir.path().join("server.crt").display(),
                dir.path().join("server.key").display()
            );
        }
        let mut cluster = TestCluster { dir, bin, port: 0, run_as, extra };
        let out = cluster
            .command("initdb")
            .args(["-D"])
            .arg(cluster.data())
            .args(["-U", "shipbench", "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions"])
            .output()
            .expect("run initdb");
        assert!(out.status.success(), "initdb failed: {}", String::from_utf8_lossy(&out.stderr));
        for attempt in 0..5 {
            cluster.port = free_port();
            if cluster.try_start() {
                return Some(cluster);
            }
            eprintln!("PostgreSQL did not start on port {} (try {attempt}), trying another port", cluster.port);
        }
        panic!("PostgreSQL did not start: {}", std::fs::read_to_string(cluster.log()).unwrap_or_default());
    }

    fn command(&self, tool: &str) -> Command {
        let mut c = Command::new(self.bin.join(tool));
        c.stdin(Stdio::null()).env("LC_ALL", "C").env_remove("PGPASSWORD");
        if let Some((uid, gid)) = self.run_as {
            c.uid(uid).gid(gid).current_dir(self.dir.path());
        }
        c
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn log(&self) -> PathBuf {
        self.dir.path().join("server.log")
    }

    fn try_start(&self) -> bool {
        let opts = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off{}",
            self.port,
            self.dir.path().display(),
            self.extra
        );
        self.command("pg_ctl")
            .arg("-D")
            .arg(self.data())
            .arg("-l")
            .arg(self.log())
            .args(["-o", &opts, "-w", "-t", "30", "start"])
            .stdout(Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false)
    }

    /// The URL benches use (database `postgres`, user `shipbench`, trust authentication).
    pub fn url(&self) -> String {
        format!("postgresql://shipbench@127.0.0.1:{}/postgres", self.port)
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The cluster's directory (data and server log).
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// Stops the server at once (as a crash or a power cut would), keeping its data.
    pub fn stop(&self) {
        let _ = self
            .command("pg_ctl")
            .arg("-D")
            .arg(self.data())
            .args(["-m", "immediate", "-w", "stop"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }

    /// Starts the server again on the same port and data.
    pub fn restart(&self) {
        assert!(self.try_start(), "PostgreSQL did not start again: {}", std::fs::read_to_string(self.log()).unwrap_or_default());
    }
}

impl Drop for TestCluster {
    fn drop(&mut self) {
        self.stop();
    }
}
