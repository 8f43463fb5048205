//! `cargo bench --bench send`: 10,000 personalised digests to a real SMTP server on this machine
//! (aiosmtpd, tests/smtp/server.py), with the journal on, against the ceiling: the best rate a
//! bare lettre client reaches against the same server with the same number of connections.
//! `BENCH_LARGE=1` adds a run with 100,000 subscribers and reports peak memory.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::PoolConfig;
use lettre::{Message, SmtpTransport, Transport};
use prayer_guide::content::project::Project;
use prayer_guide::mail::store::Store;
use prayer_guide::mail::subscribers::{Cadence, MailFormat, NewSubscriber};

fn main() {
    let connections: usize = std::env::var("BENCH_CONNECTIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64);
    let n = 10_000;
    let server = Server::start();
    println!(
        "{n} messages, {connections} connections, aiosmtpd on 127.0.0.1:{}",
        server.port
    );

    // The server is the bottleneck here (aiosmtpd is one Python process): take the best of two
    // ceiling runs so that a slow first run does not flatter ours.
    let ceiling =
        bare_lettre(server.port, connections, n).max(bare_lettre(server.port, connections, n));
    println!("  ceiling, bare lettre client (best of 2): {ceiling:.0} msg/s");

    let rate = ours(server.port, connections, n);
    println!(
        "  prayer-guide send, journal on: {rate:.0} msg/s ({:.2}x the ceiling)",
        rate / ceiling
    );

    if std::env::var_os("BENCH_LARGE").is_some() {
        let rate = ours(server.port, connections, 100_000);
        println!("  100,000 subscribers: {rate:.0} msg/s");
    }
}

/// Sends `n` messages as fast as lettre goes: one thread and one connection per sender.
fn bare_lettre(port: u16, connections: usize, n: usize) -> f64 {
    let body = "x".repeat(6000);
    let start = Instant::now();
    std::thread::scope(|scope| {
        for t in 0..connections {
            let body = body.clone();
            scope.spawn(move || {
                let transport = SmtpTransport::builder_dangerous("127.0.0.1")
                    .port(port)
                    .pool_config(PoolConfig::new().max_size(1))
                    .build();
                let mut i = t;
                while i < n {
                    let m = Message::builder()
                        .from("a@example.org".parse::<Mailbox>().unwrap())
                        .to(format!("r{i}@example.org").parse::<Mailbox>().unwrap())
                        .subject("bench")
                        .multipart(MultiPart::alternative_plain_html(
                            body.clone(),
                            format!("<p>{body}</p>"),
                        ))
                        .unwrap();
                    transport.send(&m).unwrap();
                    i += connections;
                }
            });
        }
    });
    n as f64 / start.elapsed().as_secs_f64()
}

/// Runs the real binary's `send` on a project with `n` daily subscribers; returns msg/s and
/// prints the process's peak memory.
fn ours(port: u16, connections: usize, n: usize) -> f64 {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&root.join("tests/fixtures/small"), dir.path());
    let schedule = std::fs::read_to_string(dir.path().join("schedule.toml")).unwrap();
    std::fs::write(
        dir.path().join("schedule.toml"),
        format!(
            "{schedule}\n[email]\nfrom = \"Prayer <prayer@example.org>\"\n\
             unsubscribe_url = \"https://example.org/u?token={{token}}\"\nconnections = {connections}\n\
             [email.smtp]\nhost = \"127.0.0.1\"\nport = {port}\nsecurity = \"none\"\n"
        ),
    )
    .unwrap();
    let project = Project::load(&dir.path().join("schedule.toml")).unwrap();
    let mut store = Store::open(&project.path(&project.schedule.email.database)).unwrap();
    let rows: Vec<NewSubscriber> = (0..n)
        .map(|i| NewSubscriber {
            email: format!("reader{i}@example.org"),
            name: format!("Reader {i}"),
            cadence: Cadence::Daily,
            format: MailFormat::Html,
            timezone: None,
            hour: None,
        })
        .collect();
    store.import(&rows).unwrap();
    drop(store);
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_prayer-guide"))
        .args(["send", "--date", "2026-11-24", "--cadence", "daily"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // VmHWM is the peak resident size so far; read it until the process ends.
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_kib = 0;
    while child.try_wait().unwrap().is_none() {
        if let Some(kib) = vm_hwm(&status_file) {
            peak_kib = peak_kib.max(kib);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let elapsed = start.elapsed();
    let mut out = String::new();
    std::io::Read::read_to_string(&mut child.stdout.take().unwrap(), &mut out).unwrap();
    assert!(
        out.starts_with(&format!("daily-2026-11-24: {n} sent,")),
        "{out}"
    );
    println!(
        "    ({n} subscribers: peak memory of prayer-guide send {:.1} MiB)",
        peak_kib as f64 / 1024.0
    );
    n as f64 / elapsed.as_secs_f64()
}

fn vm_hwm(status_file: &str) -> Option<u64> {
    std::fs::read_to_string(status_file)
        .ok()?
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start() -> Server {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/smtp/server.py");
        let mut child = Command::new("python3")
            .arg(script)
            .stdout(Stdio::piped())
            .spawn()
            .expect("python3");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .trim()
            .parse()
            .expect("aiosmtpd is needed: pip install aiosmtpd");
        std::thread::sleep(Duration::from_millis(100));
        Server { child, port }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
