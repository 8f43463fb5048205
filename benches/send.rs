//! `cargo bench --bench send`: how fast `prayer-guide send` delivers, against a client that is
//! not ours.
//!
//! 1. Postfix's `smtp-sink` (a server that discards mail, so it is not the limit) takes the
//!    reference, Postfix's own load generator `smtp-source -d -s N -l 7200 -m 10000` (N sessions,
//!    connections reused, 7.2 KB messages), and `prayer-guide send` to 10,000 subscribers with
//!    the journal on, at 8 connections (the default) and at 1, in the same run. The two take
//!    turns, three times each, and the best of each counts: this machine is shared, and the
//!    best run is the one least disturbed. Each also reports the CPU time (user + system) it
//!    used per message, least of three: a figure other work on the machine hardly moves, where
//!    messages a second on two shared cores do. The messages are the repository's real digests
//!    (about 7.2 KB). Needs Debian's `postfix` package for the two programs (the service is never
//!    started).
//! 2. End to end against aiosmtpd (tests/smtp/server.py, which stores nothing here): ours, and a
//!    bare lettre client with the same connections. Skipped without python3's aiosmtpd.
//!
//! `BENCH_DKIM=1` adds, at 8 connections, `send` with DKIM on (RSA-2048, the test key in
//! tests/fixtures/dkim) beside smtp-source, and the CPU a signature costs: the CPU per message
//! signed less the CPU per message unsigned, the two runs taking turns.
//! `BENCH_BINARY=path` runs that build of `prayer-guide` instead of this one's (a before and an
//! after on the same machine, in the same minutes). `BENCH_CONNECTIONS=8` runs only those.
//!
//! `BENCH_LARGE=1` adds peak memory (VmHWM) of `send` at 10,000, 100,000 and 1,000,000
//! subscribers, at 8 and 64 connections. `BENCH_JOURNAL=1` adds the database size after a
//! simulated year of daily editions to 100,000 subscribers with the default `keep_journal_days`.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::PoolConfig;
use lettre::{Message, SmtpTransport, Transport};
use prayer_guide::content::project::Project;
use prayer_guide::mail::store::Store;
use prayer_guide::mail::subscribers::{Cadence, MailFormat, NewSubscriber};

const N: usize = 10_000;
const SMTP_SOURCE: &str = "/usr/sbin/smtp-source";
const SMTP_SINK: &str = "/usr/sbin/smtp-sink";

fn main() {
    if Path::new(SMTP_SINK).exists() && Path::new(SMTP_SOURCE).exists() {
        let sink = Server::sink();
        println!("{N} messages to smtp-sink on 127.0.0.1:{}", sink.port);
        let only: Option<usize> = std::env::var("BENCH_CONNECTIONS")
            .ok()
            .and_then(|c| c.parse().ok());
        for connections in [8, 1] {
            if only.is_some_and(|c| c != connections) {
                continue;
            }
            let mut project = Bench::new(sink.port, connections, N, false);
            let (mut reference, mut ours) = (0f64, 0f64);
            let (mut reference_cpu, mut ours_cpu) = (f64::MAX, f64::MAX);
            for round in 0..3 {
                let cpu = children_cpu();
                reference = reference.max(smtp_source(sink.port, connections));
                reference_cpu = reference_cpu.min(children_cpu() - cpu);
                let cpu = children_cpu();
                let (rate, _) = project.send(round);
                ours_cpu = ours_cpu.min(children_cpu() - cpu);
                ours = ours.max(rate);
            }
            println!(
                "  {connections} connection{}: smtp-source {reference:.0} msg/s, prayer-guide send {ours:.0} msg/s \
                 ({:.2}x the reference); CPU per message (user + system): {:.0} µs and {:.0} µs",
                if connections == 1 { "" } else { "s" },
                ours / reference,
                reference_cpu / N as f64 * 1e6,
                ours_cpu / N as f64 * 1e6,
            );
            if connections == 8 {
                let bare = (0..3)
                    .map(|_| bare_async_lettre(sink.port, connections, N))
                    .fold(0f64, f64::max);
                println!(
                    "  lettre's async client bare (a ready-made message, no templates, no journal): \
                     {bare:.0} msg/s ({:.2}x the reference)",
                    bare / reference
                );
            }
            project.dir.close().ok();
        }
        if std::env::var_os("BENCH_DKIM").is_some() {
            dkim(sink.port);
        }
        if std::env::var_os("BENCH_LARGE").is_some() {
            println!("peak memory of prayer-guide send (VmHWM):");
            for n in [10_000, 100_000, 1_000_000] {
                for connections in [8, 64] {
                    let mut project = Bench::new(sink.port, connections, n, false);
                    let (rate, peak) = project.send(0);
                    println!(
                        "  {n} subscribers, {connections} connections: {:.1} MiB ({rate:.0} msg/s)",
                        peak as f64 / 1024.0
                    );
                }
            }
        }
    } else {
        println!(
            "smtp-sink and smtp-source not found: install Debian's postfix package (the service need not run)"
        );
    }

    match Server::aiosmtpd() {
        Some(server) => {
            let connections = 8;
            println!(
                "{N} messages end to end to aiosmtpd on 127.0.0.1:{}, {connections} connections",
                server.port
            );
            let ceiling = bare_lettre(server.port, connections, N).max(bare_lettre(
                server.port,
                connections,
                N,
            ));
            println!("  bare lettre client (best of 2): {ceiling:.0} msg/s");
            let (rate, _) = Bench::new(server.port, connections, N, false).send(0);
            println!(
                "  prayer-guide send, journal on: {rate:.0} msg/s ({:.2}x the bare client)",
                rate / ceiling
            );
        }
        None => println!("aiosmtpd not found (pip install aiosmtpd): end-to-end run skipped"),
    }

    if std::env::var_os("BENCH_JOURNAL").is_some() {
        journal_year(100_000, 365);
    }
}

/// `send` with DKIM on against smtp-source at 8 connections, and what a signature costs.
fn dkim(port: u16) {
    let connections = 8;
    let mut signed = Bench::new(port, connections, N, true);
    let mut plain = Bench::new(port, connections, N, false);
    let (mut reference, mut rate) = (0f64, 0f64);
    let (mut signed_cpu, mut plain_cpu) = (f64::MAX, f64::MAX);
    for round in 0..3 {
        reference = reference.max(smtp_source(port, connections));
        let cpu = children_cpu();
        let (r, _) = signed.send(round);
        signed_cpu = signed_cpu.min(children_cpu() - cpu);
        rate = rate.max(r);
        let cpu = children_cpu();
        plain.send(round);
        plain_cpu = plain_cpu.min(children_cpu() - cpu);
    }
    println!(
        "  DKIM on (RSA-2048), {connections} connections: smtp-source {reference:.0} msg/s, \
         prayer-guide send {rate:.0} msg/s ({:.2}x); CPU per message {:.0} µs signed, {:.0} µs \
         unsigned: {:.0} µs a signature",
        rate / reference,
        signed_cpu / N as f64 * 1e6,
        plain_cpu / N as f64 * 1e6,
        (signed_cpu - plain_cpu) / N as f64 * 1e6,
    );
}

/// The `prayer-guide` measured: this build's, or `BENCH_BINARY`.
fn binary() -> PathBuf {
    std::env::var_os("BENCH_BINARY")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_prayer-guide")))
}

/// CPU seconds (user and system) of this process's children that have ended: the share of the
/// machine a run used, which other work on it hardly changes (`/proc/self/stat`, in USER_HZ
/// ticks of 1/100 s).
fn children_cpu() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap();
    let fields: Vec<&str> = stat[stat.rfind(')').unwrap() + 2..]
        .split_whitespace()
        .collect();
    // cutime and cstime are fields 16 and 17; `fields` starts at field 3.
    let ticks: u64 = fields[13].parse::<u64>().unwrap() + fields[14].parse::<u64>().unwrap();
    ticks as f64 / 100.0
}

/// Postfix's load generator: `n` messages over `sessions` reused connections; messages/s.
fn smtp_source(port: u16, sessions: usize) -> f64 {
    let start = Instant::now();
    let status = Command::new(SMTP_SOURCE)
        .args(["-d", "-s", &sessions.to_string(), "-l", "7200", "-m"])
        .arg(N.to_string())
        .arg(format!("127.0.0.1:{port}"))
        .status()
        .expect("smtp-source");
    assert!(status.success());
    N as f64 / start.elapsed().as_secs_f64()
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

/// Sends `n` copies of one ready-made 7.2 KB message as fast as lettre's async client goes, all
/// connections driven from one thread as `send` drives them; messages/s.
fn bare_async_lettre(port: u16, connections: usize, n: usize) -> f64 {
    use lettre::address::Envelope;
    use lettre::transport::smtp::client::AsyncSmtpConnection;
    use lettre::transport::smtp::extension::ClientId;
    let mut message =
        String::from("From: a@example.org\r\nTo: b@example.org\r\nSubject: bench\r\n\r\n");
    while message.len() < 7200 {
        message.push_str("Pray for those who serve in hard places, and for their families.\r\n");
    }
    let envelope = Envelope::new(
        Some("a@example.org".parse().unwrap()),
        vec!["b@example.org".parse().unwrap()],
    )
    .unwrap();
    let hello = ClientId::Domain("localhost".into());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let start = Instant::now();
    runtime.block_on(futures_util::future::join_all((0..connections).map(|t| {
        let (message, envelope, hello) = (&message, &envelope, &hello);
        async move {
            let mut c = AsyncSmtpConnection::connect_tokio1(
                ("127.0.0.1", port),
                Some(Duration::from_secs(10)),
                hello,
                None,
                None,
            )
            .await
            .unwrap();
            let mut i = t;
            while i < n {
                c.send(envelope, message.as_bytes()).await.unwrap();
                i += connections;
            }
            c.quit().await.ok();
        }
    })));
    n as f64 / start.elapsed().as_secs_f64()
}

/// A copy of the repository's guides and templates with `n` daily subscribers.
struct Bench {
    dir: tempfile::TempDir,
    n: usize,
}

impl Bench {
    fn new(port: u16, connections: usize, n: usize, dkim: bool) -> Bench {
        let dir = tempfile::tempdir().unwrap();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        for folder in ["guides", "templates"] {
            copy_dir(&root.join(folder), &dir.path().join(folder));
        }
        let schedule = std::fs::read_to_string(root.join("schedule.toml")).unwrap();
        let dkim = if dkim {
            std::fs::copy(
                root.join("tests/fixtures/dkim/test-rsa-2048.pem"),
                dir.path().join("dkim.pem"),
            )
            .unwrap();
            "[email.dkim]\nselector = \"s2026\"\ndomain = \"example.org\"\nkey_file = \"dkim.pem\"\n"
        } else {
            ""
        };
        std::fs::write(
            dir.path().join("schedule.toml"),
            format!(
                "{schedule}\n[email]\nfrom = \"Prayer <prayer@example.org>\"\n\
                 unsubscribe_url = \"https://example.org/u?token={{token}}\"\nconnections = {connections}\n\
                 [email.smtp]\nhost = \"127.0.0.1\"\nport = {port}\nsecurity = \"none\"\n{dkim}"
            ),
        )
        .unwrap();
        let project = Project::load(&dir.path().join("schedule.toml")).unwrap();
        let mut store = Store::open(&project.path(&project.schedule.email.database)).unwrap();
        let mut rows = Vec::with_capacity(100_000);
        for i in 0..n {
            rows.push(NewSubscriber {
                language: None,
                email: format!("reader{i}@example.org"),
                name: format!("Reader {i}"),
                cadence: Cadence::Daily,
                format: MailFormat::Html,
                timezone: None,
                hour: None,
                urgent: None,
            });
            if rows.len() == 100_000 || i + 1 == n {
                store.import(&rows).unwrap();
                rows.clear();
            }
        }
        Bench { dir, n }
    }

    /// Runs the real binary's `send` for the `round`th day; messages/s and peak memory (KiB).
    fn send(&mut self, round: usize) -> (f64, u64) {
        let date = format!("2026-11-{}", 24 + round);
        let start = Instant::now();
        let mut child = Command::new(binary())
            .args(["send", "--date", &date, "--cadence", "daily"])
            .current_dir(self.dir.path())
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
            std::thread::sleep(Duration::from_millis(5));
        }
        let elapsed = start.elapsed();
        let mut out = String::new();
        std::io::Read::read_to_string(&mut child.stdout.take().unwrap(), &mut out).unwrap();
        let n = self.n;
        assert!(
            out.starts_with(&format!("daily-{date}: {n} sent,")),
            "{out}"
        );
        (n as f64 / elapsed.as_secs_f64(), peak_kib)
    }
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

/// A year of daily editions to `subscribers`, written into the journal directly (as `send`
/// leaves them: one `sent` row per message), folded by `send`'s own compaction each day with
/// the default `keep_journal_days`; prints the database's size.
fn journal_year(subscribers: usize, days: u64) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.sqlite");
    let mut store = Store::open(&path).unwrap();
    let rows: Vec<NewSubscriber> = (0..subscribers)
        .map(|i| NewSubscriber {
            language: None,
            email: format!("reader{i}@example.org"),
            name: format!("Reader {i}"),
            cadence: Cadence::Daily,
            format: MailFormat::Html,
            timezone: None,
            hour: None,
            urgent: None,
        })
        .collect();
    store.import(&rows).unwrap();
    let keep = prayer_guide::content::mail_config::EmailConfig::default().keep_journal_days;
    let sql = rusqlite::Connection::open(&path).unwrap();
    let first = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let start = Instant::now();
    let mut biggest = 0;
    for day in 0..days {
        let date = first + chrono::Days::new(day);
        sql.execute(
            "INSERT INTO deliveries (edition, subscriber, state, attempts, message_id, detail, updated)
             SELECT ?1, id, 'sent', 1, '<' || ?1 || '.' || id || '.' || substr(token, 1, 16) || '@example.org>', '',
                    strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
             FROM subscribers",
            [format!("daily-{date}")],
        )
        .unwrap();
        store
            .compact_before(date - chrono::Days::new(u64::from(keep)))
            .unwrap();
        biggest = biggest.max(size(&path));
    }
    sql.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
    let rows: i64 = sql
        .query_row("SELECT count(*) FROM deliveries", [], |r| r.get(0))
        .unwrap();
    println!(
        "journal after {days} days at {subscribers} subscribers (keep_journal_days = {keep}): {:.0} MiB \
         ({rows} rows kept; largest along the way {:.0} MiB; {:.0} s to simulate)",
        size(&path) as f64 / 1048576.0,
        biggest as f64 / 1048576.0,
        start.elapsed().as_secs_f64()
    );
}

/// The database and its write-ahead log, in bytes.
fn size(path: &Path) -> u64 {
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    [path.to_path_buf(), wal]
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum()
}

struct Server {
    child: Child,
    port: u16,
}

impl Server {
    /// Postfix's smtp-sink on a free port: discards everything, answers at once.
    fn sink() -> Server {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut command = Command::new(SMTP_SINK);
        // As root it must be told whom to run as.
        if is_root() {
            command.args(["-u", "nobody"]);
        }
        let server = Server {
            child: command
                .arg(format!("127.0.0.1:{port}"))
                .arg("1024")
                .spawn()
                .expect("smtp-sink"),
            port,
        };
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return server;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        drop(server);
        panic!("smtp-sink did not start on port {port}");
    }

    /// tests/smtp/server.py, if python3 has aiosmtpd.
    fn aiosmtpd() -> Option<Server> {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/smtp/server.py");
        let mut child = Command::new("python3")
            .arg(script)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        let mut line = String::new();
        BufReader::new(child.stdout.take()?)
            .read_line(&mut line)
            .ok()?;
        match line.trim().parse() {
            Ok(port) => {
                std::thread::sleep(Duration::from_millis(100));
                Some(Server { child, port })
            }
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                None
            }
        }
    }
}

fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Uid:"))
                .map(|l| l.split_whitespace().nth(1) == Some("0"))
        })
        .unwrap_or(false)
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
