//! `cargo bench --bench pray`: "I will pray" presses against the real `prayer-guide serve` at
//! 1,000 a second (`BENCH_RATE`) for five seconds while `prayer-guide send` mails 5,000 digests
//! from the same database.
//!
//! Each press comes from a reader of its own: its own browser token (cookie) and its own
//! address, passed by a proxy on this machine (`X-Forwarded-For`, `trusted_proxies`), as real
//! readers behind a proxy arrive. 256 client threads keep the arrivals independent: one slow
//! answer holds up its own thread, not the next readers. Latency is measured from when each
//! press was due (no coordinated omission). It then checks that every acknowledged press is
//! counted in the database, and fails (exit 1) if any press failed, a press was lost, the rate
//! fell below 95 % of the asked one or the 99th percentile passed two seconds.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use prayer_guide::mail::store::Store;
use prayer_guide::mail::subscribers::{Cadence, MailFormat, NewSubscriber};

const SUBSCRIBERS: usize = 5_000;
const SECONDS: u64 = 5;
const THREADS: usize = 256;

struct Killed(Child);
impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// CPU seconds (user + system) a process has used, from `/proc`.
fn cpu_seconds(pid: &str) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit(')')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    fields.get(11..13).map_or(0.0, |f| {
        f.iter().filter_map(|t| t.parse::<f64>().ok()).sum::<f64>() / 100.0
    })
}

fn main() {
    let rate: u64 = std::env::var("BENCH_RATE")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(1000);
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let schedule = format!(
        "title = \"Bench\"\nstart = 2026-01-05\ntimezone = \"Europe/London\"\nguides = \"{}\"\n\n\
         [email]\nfrom = \"Bench <bench@example.org>\"\ntransport = \"directory\"\ndirectory = \"outbox\"\n\n\
         [serve]\npublic_url = \"https://example.org/prayer/\"\ntrusted_proxies = [\"127.0.0.1\"]\n",
        repo.join("guides").display()
    );
    std::fs::write(dir.path().join("schedule.toml"), schedule).unwrap();
    let rows: Vec<NewSubscriber> = (0..SUBSCRIBERS)
        .map(|i| NewSubscriber {
            language: None,
            email: format!("reader{i:05}@example.org"),
            name: String::new(),
            cadence: Cadence::Daily,
            format: MailFormat::Html,
            timezone: None,
            hour: None,
            urgent: None,
        })
        .collect();
    let database = dir.path().join("state/prayer-guide.sqlite");
    Store::open(&database).unwrap().import(&rows).unwrap();
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::London)
        .date_naive()
        .to_string();

    let exe = env!("CARGO_BIN_EXE_prayer-guide");
    let mut server = Command::new(exe)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(server.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let server = Killed(server);
    let url = format!("{}/pray", line.trim().trim_start_matches("listening on "));

    let send_started = Instant::now();
    let mut send = Command::new(exe)
        .args(["send", "--date", &today])
        .current_dir(dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();

    let total = (rate * SECONDS) as usize;
    let start = Instant::now() + Duration::from_millis(200);
    let interval = Duration::from_nanos(1_000_000_000 / rate);
    let threads: Vec<_> = (0..THREADS)
        .map(|t| {
            let (url, today) = (url.clone(), today.clone());
            std::thread::spawn(move || {
                let agent: ureq::Agent = ureq::Agent::config_builder()
                    .http_status_as_error(false)
                    .build()
                    .into();
                let (mut latencies, mut failed) = (Vec::new(), Vec::new());
                for i in (t..total).step_by(THREADS) {
                    let due = start + interval * i as u32;
                    if let Some(wait) = due.checked_duration_since(Instant::now()) {
                        std::thread::sleep(wait);
                    }
                    let answer = agent
                        .post(&url)
                        .header(
                            "x-forwarded-for",
                            format!("10.{}.{}.{}", i >> 16, (i >> 8) & 255, i & 255),
                        )
                        .header("cookie", format!("prayer_reader={i:032x}"))
                        .header("accept", "application/json")
                        .send_form([("date", today.as_str())]);
                    match answer {
                        Ok(mut r) => {
                            let status = r.status().as_u16();
                            let body = r.body_mut().read_to_string().unwrap_or_default();
                            if status != 200 || !body.contains("\"counted\":true") {
                                failed.push(format!("{status} {body}"));
                            }
                        }
                        Err(e) => failed.push(e.to_string()),
                    }
                    latencies.push(due.elapsed());
                }
                (latencies, failed)
            })
        })
        .collect();
    let (mut latencies, mut failed) = (Vec::new(), Vec::new());
    for t in threads {
        let (l, f) = t.join().unwrap();
        latencies.extend(l);
        failed.extend(f);
    }
    let elapsed = start.elapsed();
    let server_cpu = cpu_seconds(&server.0.id().to_string());
    let send_overlapped = send.try_wait().unwrap().is_none();
    let sent = send.wait_with_output().unwrap();
    let send_took = send_started.elapsed();
    drop(server);

    latencies.sort();
    let pct = |q: f64| latencies[((latencies.len() as f64 * q) as usize).min(latencies.len() - 1)];
    let done = latencies.len() as f64 / elapsed.as_secs_f64();
    let conn = rusqlite::Connection::open(&database).unwrap();
    let counted: i64 = conn
        .query_row(
            "SELECT coalesce(sum(count), 0) FROM prayers WHERE day = ?1",
            [&today],
            |r| r.get(0),
        )
        .unwrap();
    let mailed = std::fs::read_dir(dir.path().join("outbox")).map_or(0, Iterator::count);
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "{} presses in {:.2} s ({rate}/s asked, {done:.0}/s done) while send mailed {mailed} \
         digests in {:.1} s ({}); load average {}",
        latencies.len(),
        elapsed.as_secs_f64(),
        send_took.as_secs_f64(),
        if send_overlapped {
            "still sending when the presses ended"
        } else {
            "done before the presses ended"
        },
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" "),
    );
    println!(
        "  latency from when due: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms; {} failed; {counted} \
         counted; the server used {server_cpu:.1} s of CPU ({:.0} µs a press)",
        pct(0.50).as_secs_f64() * 1e3,
        pct(0.99).as_secs_f64() * 1e3,
        latencies.last().unwrap().as_secs_f64() * 1e3,
        failed.len(),
        server_cpu * 1e6 / total as f64,
    );
    let mut problems = Vec::new();
    if !sent.status.success() {
        problems.push(format!(
            "send failed: {}",
            String::from_utf8_lossy(&sent.stderr)
        ));
    }
    if !failed.is_empty() {
        problems.push(format!(
            "failed presses, e.g. {:?}",
            &failed[..failed.len().min(3)]
        ));
    }
    if counted != total as i64 {
        problems.push(format!("{total} presses acknowledged, {counted} counted"));
    }
    if done < rate as f64 * 0.95 {
        problems.push(format!("{done:.0} presses a second, {rate} asked"));
    }
    if pct(0.99) > Duration::from_secs(2) {
        problems.push(format!("p99 {:?}", pct(0.99)));
    }
    if !problems.is_empty() {
        eprintln!("{}", problems.join("\n"));
        std::process::exit(1);
    }
}
