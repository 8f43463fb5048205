//! `cargo bench --bench serve`: one-click unsubscribes (and sign-up pages) against the real
//! `prayer-guide serve` while `prayer-guide send` mails 10,000 digests from the same database.
//!
//! Eight client threads send RFC 8058 one-click POSTs at a fixed total rate (1,000 a second by
//! default, `BENCH_RATE`), every tenth request a GET of the sign-up page, for five seconds.
//! Latency is measured from when each request was due, not when it went out, so a stalled
//! server counts its queue (no coordinated omission). Then it checks that every acknowledged
//! unsubscribe is recorded, and counts digests the journal shows sent after their reader's
//! unsubscribe was acknowledged. Mail goes to Postfix's `smtp-sink` when installed, else to a
//! folder of .eml files.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use prayer_guide::mail::store::Store;
use prayer_guide::mail::subscribers::{Cadence, MailFormat, NewSubscriber};

const SUBSCRIBERS: usize = 10_000;
const SECONDS: u64 = 5;
const THREADS: usize = 8;
const SMTP_SINK: &str = "/usr/sbin/smtp-sink";

struct Killed(Child);
impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn main() {
    let rate: u64 = std::env::var("BENCH_RATE")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(1000);
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let (transport, _sink) = if Path::new(SMTP_SINK).exists() {
        let port = free_port();
        let sink = Command::new(SMTP_SINK)
            .args([&format!("127.0.0.1:{port}"), "256"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(200));
        (
            format!("[email.smtp]\nhost = \"127.0.0.1\"\nport = {port}\nsecurity = \"none\"\n"),
            Some(Killed(sink)),
        )
    } else {
        (
            "transport = \"directory\"\ndirectory = \"outbox\"\n".to_string(),
            None,
        )
    };
    let schedule = format!(
        "title = \"Bench\"\nstart = 2026-01-05\nguides = \"{}\"\n\n[email]\nfrom = \"Bench <bench@example.org>\"\n\
         {transport}\n[serve]\npublic_url = \"https://example.org/prayer/\"\nsignups_per_hour = 1000000\n",
        repo.join("guides").display()
    );
    std::fs::write(dir.path().join("schedule.toml"), schedule).unwrap();
    let mut store = Store::open(&dir.path().join("state/prayer-guide.sqlite")).unwrap();
    let rows: Vec<NewSubscriber> = (0..SUBSCRIBERS)
        .map(|i| NewSubscriber {
            language: None,
            email: format!("reader{i:05}@example.org"),
            name: format!("Reader {i}"),
            cadence: Cadence::Daily,
            format: MailFormat::Html,
            timezone: None,
            hour: None,
            urgent: None,
        })
        .collect();
    store.import(&rows).unwrap();
    let total = (rate * SECONDS) as usize;
    let tokens: Vec<(i64, String)> = store
        .list()
        .unwrap()
        .into_iter()
        .take(total.min(SUBSCRIBERS))
        .map(|s| (s.id, s.token))
        .collect();

    let exe = env!("CARGO_BIN_EXE_prayer-guide");
    let mut server = Command::new(exe)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(server.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let _server = Killed(server);
    let base = line.trim().trim_start_matches("listening on ").to_string();

    let send_started = Instant::now();
    let send = Command::new(exe)
        .args(["send", "--date", "2026-11-23"])
        .current_dir(dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let send = Arc::new(Mutex::new(Killed(send)));

    let start = Instant::now() + Duration::from_millis(100);
    let interval = Duration::from_nanos(1_000_000_000 / rate);
    let tokens = Arc::new(tokens);
    let results: Vec<_> = (0..THREADS)
        .map(|t| {
            let (tokens, base) = (tokens.clone(), base.clone());
            std::thread::spawn(move || {
                let agent: ureq::Agent = ureq::Agent::config_builder()
                    .http_status_as_error(false)
                    .build()
                    .into();
                let mut latencies = Vec::new();
                let mut acks = Vec::new();
                let mut errors = 0usize;
                let mut i = t;
                while i < total {
                    let due = start + interval * i as u32;
                    if let Some(wait) = due.checked_duration_since(Instant::now()) {
                        std::thread::sleep(wait);
                    }
                    let ok = if i % 10 == 9 {
                        agent
                            .get(&format!("{base}/subscribe"))
                            .call()
                            .is_ok_and(|r| r.status() == 200)
                    } else {
                        let (id, token) = &tokens[i % tokens.len()];
                        let answer = agent
                            .post(&format!("{base}/unsubscribe?token={token}"))
                            .send_form([("List-Unsubscribe", "One-Click")]);
                        let ok = answer.is_ok_and(|r| r.status() == 200);
                        if ok {
                            acks.push((*id, SystemTime::now()));
                        }
                        ok
                    };
                    latencies.push(due.elapsed());
                    errors += usize::from(!ok);
                    i += THREADS;
                }
                (latencies, acks, errors)
            })
        })
        .collect();
    let mut latencies = Vec::new();
    let mut acks = Vec::new();
    let mut errors = 0;
    for r in results {
        let (l, a, e) = r.join().unwrap();
        latencies.extend(l);
        acks.extend(a);
        errors += e;
    }
    let elapsed = start.elapsed();
    let mut still_sending = false;
    {
        let mut send = send.lock().unwrap();
        loop {
            match send.0.try_wait() {
                Ok(Some(_)) => break,
                _ if send_started.elapsed() > Duration::from_secs(600) => {
                    still_sending = true;
                    break;
                }
                _ => std::thread::sleep(Duration::from_millis(100)),
            }
        }
    }
    latencies.sort();
    let pct = |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];
    println!(
        "{} requests in {:.2} s ({:.0}/s asked, {:.0}/s done) while send mailed {SUBSCRIBERS} digests{}",
        latencies.len(),
        elapsed.as_secs_f64(),
        rate,
        latencies.len() as f64 / elapsed.as_secs_f64(),
        if _sink.is_some() {
            " to smtp-sink"
        } else {
            " to a folder"
        }
    );
    println!(
        "  latency from when due: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms; {errors} failed",
        pct(0.50).as_secs_f64() * 1e3,
        pct(0.99).as_secs_f64() * 1e3,
        latencies.last().unwrap().as_secs_f64() * 1e3
    );

    let store = Store::open(&dir.path().join("state/prayer-guide.sqlite")).unwrap();
    let inactive: std::collections::HashSet<i64> = store
        .list()
        .unwrap()
        .into_iter()
        .filter(|s| !s.active)
        .map(|s| s.id)
        .collect();
    let lost = acks.iter().filter(|(id, _)| !inactive.contains(id)).count();
    let sent_at = sent_times(&dir.path().join("state/prayer-guide.sqlite"));
    let after = acks
        .iter()
        .filter(|(id, ack)| {
            sent_at.get(id).is_some_and(|t| {
                let ack: chrono::DateTime<chrono::Utc> = (*ack).into();
                *t > ack
            })
        })
        .count();
    println!(
        "  {} unsubscribes acknowledged, {lost} not recorded; {after} digests recorded sent after \
         their reader's unsubscribe was acknowledged{}",
        acks.len(),
        if still_sending {
            " (send still running after 10 minutes)"
        } else {
            ""
        }
    );
}

/// When the journal recorded each subscriber's digest of the day as sent (the server's 250).
fn sent_times(database: &Path) -> std::collections::HashMap<i64, chrono::DateTime<chrono::Utc>> {
    let conn = rusqlite::Connection::open(database).unwrap();
    let mut stmt = conn
        .prepare("SELECT subscriber, updated FROM deliveries WHERE edition = 'daily-2026-11-23' AND state = 'sent'")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
        .unwrap()
        .filter_map(Result::ok)
        .filter_map(|(id, t)| Some((id, chrono::DateTime::parse_from_rfc3339(&t).ok()?.to_utc())))
        .collect()
}
