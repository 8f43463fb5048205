//! `post`: the day's guide to group chats. A local HTTP server stands in for Telegram's Bot API
//! and for Slack's and Discord's incoming webhooks, checks each request against the documented
//! shape and limits, and answers a rate limit once; Matrix is tested against a real Synapse
//! (tests/cli/synapse.rs).

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::Project;

/// What the server was sent, request by request.
#[derive(Debug, Clone)]
pub struct Received {
    /// `telegram`, `slack` or `discord`.
    pub network: &'static str,
    pub body: Value,
    /// The message's text: Telegram's `text`, Slack's `text`, Discord's `content`.
    pub text: String,
    /// The request broke a documented rule: what.
    pub problems: Vec<String>,
}

/// A scripted answer: status, body, Retry-After.
type Answer = (u16, String, Option<&'static str>);

#[derive(Default)]
struct State {
    received: Vec<Received>,
    /// Answers to give before the normal one, per network: (status, body, Retry-After).
    scripted: HashMap<&'static str, Vec<Answer>>,
    /// A text that makes the server hold its answer for this long (a run to kill meanwhile).
    hold: Option<(String, Duration)>,
}

/// The chat networks' HTTP side, on 127.0.0.1.
pub struct Chats {
    pub addr: SocketAddr,
    state: Arc<Mutex<State>>,
}

pub const TELEGRAM_TOKEN: &str = "123456:TEST-telegram-token-never-printed";
pub const SLACK_SECRET: &str = "T000/B000/slack-secret-never-printed";
pub const DISCORD_SECRET: &str = "42/discord-secret-never-printed";

impl Chats {
    pub fn start() -> Chats {
        use axum::Router;
        use axum::body::Bytes;
        use axum::http::{Method, StatusCode, Uri};
        use axum::response::IntoResponse;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(Mutex::new(State::default()));
        let shared = state.clone();
        let handler = move |method: Method, uri: Uri, body: Bytes| {
            let state = shared.clone();
            async move {
                let path = uri.path().to_string();
                let query = uri.query().unwrap_or_default().to_string();
                let (network, received) = check(&method, &path, &query, &body);
                let hold = {
                    let mut s = state.lock().unwrap();
                    s.received.push(received.clone());
                    s.hold
                        .as_ref()
                        .filter(|(text, _)| received.text.contains(text.as_str()))
                        .map(|(_, d)| *d)
                };
                if let Some(d) = hold {
                    tokio::time::sleep(d).await;
                }
                let scripted = {
                    let mut s = state.lock().unwrap();
                    s.scripted
                        .get_mut(network)
                        .filter(|v| !v.is_empty())
                        .map(|v| v.remove(0))
                };
                let n = state.lock().unwrap().received.len();
                let (status, body, retry) = scripted.unwrap_or_else(|| match network {
                    "telegram" => (
                        200,
                        json!({"ok": true, "result": {"message_id": n}}).to_string(),
                        None,
                    ),
                    "discord" => (200, json!({"id": format!("{n}")}).to_string(), None),
                    "slack" => (200, "ok".to_string(), None),
                    _ => (404, "no such endpoint".into(), None),
                });
                let mut response = (StatusCode::from_u16(status).unwrap(), body).into_response();
                if let Some(r) = retry {
                    response
                        .headers_mut()
                        .insert("retry-after", r.parse().unwrap());
                }
                response
            }
        };
        std::thread::spawn(move || {
            let routes = Router::new().fallback(handler);
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                axum::serve(listener, routes).await.unwrap();
            });
        });
        Chats { addr, state }
    }

    /// The next answer `network` gives, before the normal ones.
    pub fn script(
        &self,
        network: &'static str,
        status: u16,
        body: &str,
        retry: Option<&'static str>,
    ) {
        self.state
            .lock()
            .unwrap()
            .scripted
            .entry(network)
            .or_default()
            .push((status, body.into(), retry));
    }

    /// Holds the answer to a message holding `text` for `d`.
    pub fn hold(&self, text: &str, d: Duration) {
        self.state.lock().unwrap().hold = Some((text.into(), d));
    }

    pub fn received(&self) -> Vec<Received> {
        self.state.lock().unwrap().received.clone()
    }

    /// The received messages of `network`, in order.
    pub fn texts(&self, network: &str) -> Vec<String> {
        self.received()
            .into_iter()
            .filter(|r| r.network == network)
            .map(|r| r.text)
            .collect()
    }
}

/// Which network a request is for, and whether it keeps that network's documented rules.
fn check(
    method: &axum::http::Method,
    path: &str,
    query: &str,
    body: &[u8],
) -> (&'static str, Received) {
    let mut problems = Vec::new();
    let body: Value = serde_json::from_slice(body).unwrap_or_else(|e| {
        problems.push(format!("the body is not JSON: {e}"));
        Value::Null
    });
    if method != "POST" {
        problems.push(format!("{method}, not POST"));
    }
    let (network, text) = if path == format!("/bot{TELEGRAM_TOKEN}/sendMessage") {
        // https://core.telegram.org/bots/api#sendmessage
        let text = body["text"].as_str().unwrap_or_default().to_string();
        if body["chat_id"] != json!(-100123) {
            problems.push(format!("chat_id {}", body["chat_id"]));
        }
        if body["parse_mode"] != "HTML" {
            problems.push("parse_mode is not HTML".into());
        }
        let length = text.encode_utf16().count();
        if !(1..=4096).contains(&length) {
            problems.push(format!("text of {length} characters"));
        }
        problems.extend(telegram_html_problems(&text));
        ("telegram", text)
    } else if path == format!("/slack/{SLACK_SECRET}") {
        // https://api.slack.com/messaging/webhooks: `text`, mrkdwn, &<> escaped.
        let text = body["text"].as_str().unwrap_or_default().to_string();
        if text.is_empty() || text.chars().count() > 4000 {
            problems.push(format!("text of {} characters", text.chars().count()));
        }
        let stripped = text
            .replace("&amp;", "")
            .replace("&lt;", "")
            .replace("&gt;", "");
        let links_removed: String = {
            let mut out = String::new();
            let mut rest = stripped.as_str();
            while let Some(i) = rest.find("<http") {
                out.push_str(&rest[..i]);
                rest = rest[i..].split_once('>').map_or("", |(_, r)| r);
            }
            out.push_str(rest);
            out
        };
        if links_removed.contains(['<', '>']) || links_removed.contains('&') {
            problems.push("an unescaped &, < or >".into());
        }
        ("slack", text)
    } else if path == format!("/discord/{DISCORD_SECRET}") {
        // https://discord.com/developers/docs/resources/webhook#execute-webhook
        let text = body["content"].as_str().unwrap_or_default().to_string();
        let length = text.encode_utf16().count();
        if !(1..=2000).contains(&length) {
            problems.push(format!("content of {length} characters"));
        }
        if body["allowed_mentions"]["parse"] != json!([]) {
            problems.push("mentions are not turned off".into());
        }
        if query != "wait=true" {
            problems.push(format!("query {query:?}"));
        }
        ("discord", text)
    } else {
        problems.push(format!("unknown path {path}"));
        ("unknown", String::new())
    };
    (
        network,
        Received {
            network,
            body,
            text,
            problems,
        },
    )
}

/// Telegram's HTML mode: only its tags, nested properly, and only the four named entities.
fn telegram_html_problems(text: &str) -> Vec<String> {
    const ALLOWED: [&str; 16] = [
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "a",
        "code",
        "pre",
        "tg-spoiler",
        "span",
        "blockquote",
        "tg-emoji",
    ];
    let mut problems = Vec::new();
    let mut open: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(['<', '&']) {
        let tail = &rest[i..];
        if let Some(after) = tail.strip_prefix('&') {
            if !["lt;", "gt;", "amp;", "quot;"]
                .iter()
                .any(|e| after.starts_with(e))
            {
                problems.push(format!(
                    "an unknown entity at {:?}",
                    tail.chars().take(10).collect::<String>()
                ));
            }
            rest = after;
            continue;
        }
        let Some(end) = tail.find('>') else {
            problems.push("a tag left open".into());
            break;
        };
        let tag = &tail[1..end];
        if let Some(name) = tag.strip_prefix('/') {
            if open.pop().as_deref() != Some(name) {
                problems.push(format!("</{name}> closes nothing"));
            }
        } else {
            let name = tag.split_whitespace().next().unwrap_or_default();
            if !ALLOWED.contains(&name) {
                problems.push(format!("<{name}> is not a tag Telegram allows"));
            }
            open.push(name.to_string());
        }
        rest = &tail[end + 1..];
    }
    if !open.is_empty() {
        problems.push(format!("unclosed tags {open:?}"));
    }
    problems
}

/// The small fixture, with a Telegram chat, a Slack and a weekly Discord webhook on `chats`, and
/// a theme day (9 December) long enough to need several messages on every network.
pub fn project_with_chats(chats: &Chats) -> Project {
    let p = Project::fixture("small");
    let addr = chats.addr;
    let paragraph = |n: usize| {
        format!(
            "Paragraph {n}: {}",
            "believers meet & pray <quietly> in homes, trusting God for each other. ".repeat(30)
        )
    };
    let schedule = p.read("schedule.toml").replace(
        "[output]",
        &format!(
            "[[pin]]\ndate = 2026-12-09\ntitle = \"A Long Theme\"\ntext = \"\"\"\n{}\n\n{}\n\n{}\n\"\"\"\n\
             points = [\"Pray for the church in hiding.\", \"Pray for our church.\"]\n\n\
             [[post]]\nname = \"tg\"\nnetwork = \"telegram\"\nchat_id = -100123\n\
             token_env = \"PG_TEST_TELEGRAM\"\napi_url = \"http://{addr}\"\nhour = 7\n\n\
             [[post]]\nname = \"slack\"\nnetwork = \"slack\"\nwebhook_file = \"secrets/slack\"\nhour = 7\n\n\
             [[post]]\nname = \"discord-weekly\"\nnetwork = \"discord\"\nedition = \"weekly\"\n\
             webhook_env = \"PG_TEST_DISCORD\"\nhour = 7\n\n[output]",
            paragraph(1),
            paragraph(2),
            paragraph(3)
        ),
    );
    p.write("schedule.toml", &schedule);
    p.write(
        "secrets/slack",
        &format!("http://{addr}/slack/{SLACK_SECRET}\n"),
    );
    p
}

/// Runs `post` with the channels' secrets in its environment.
pub fn post(p: &Project, chats: &Chats, args: &[&str]) -> crate::Run {
    let child = spawn_post(p, chats, args);
    let out = child.wait_with_output().unwrap();
    let run = crate::Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    };
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    for secret in [TELEGRAM_TOKEN, SLACK_SECRET, DISCORD_SECRET] {
        assert!(
            !run.stdout.contains(secret) && !run.stderr.contains(secret),
            "a secret was printed: {run:?}"
        );
    }
    run
}

fn spawn_post(p: &Project, chats: &Chats, args: &[&str]) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_prayer-guide"))
        .arg("post")
        .args(["--pause-ms", "20"])
        .args(args)
        .current_dir(p.dir.path())
        .env("PG_TEST_TELEGRAM", TELEGRAM_TOKEN)
        .env(
            "PG_TEST_DISCORD",
            format!("http://{}/discord/{DISCORD_SECRET}", chats.addr),
        )
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

fn assert_well_formed(chats: &Chats) {
    for r in chats.received() {
        assert!(
            r.problems.is_empty(),
            "{}: {:?}\n{}",
            r.network,
            r.problems,
            r.text
        );
    }
}

#[test]
fn posts_each_day_once_in_each_networks_shape_and_limits() {
    let chats = Chats::start();
    let p = project_with_chats(&chats);
    // Telegram asks to wait once, Discord too; Slack fails once with a 500.
    chats.script(
        "telegram",
        429,
        r#"{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 1","parameters":{"retry_after":1}}"#,
        None,
    );
    chats.script(
        "discord",
        429,
        r#"{"message":"You are being rate limited.","retry_after":0.5,"global":false}"#,
        Some("1"),
    );
    chats.script("slack", 500, "internal_error", None);
    // Monday 7 December 06:59 London: nothing is due yet.
    let run = post(&p, &chats, &["--now", "2026-12-07T06:59:00Z"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(chats.received().is_empty());
    // 07:00: the daily posts and the week's.
    let started = Instant::now();
    let run = post(&p, &chats, &["--now", "2026-12-07T07:00:00Z"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stdout,
        "tg (telegram): posted daily-2026-12-07 in 1 message\n\
         slack (slack): posted daily-2026-12-07 in 1 message\n\
         discord-weekly (discord): posted weekly-2026-12-07 in 1 message\n"
    );
    assert!(
        run.stderr.contains("rate limited: waiting 1.0 s"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("rate limited: waiting 0.5 s"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("the server answered 500: trying again"),
        "{}",
        run.stderr
    );
    assert!(
        started.elapsed() >= Duration::from_millis(1500),
        "the waits were honoured"
    );
    // The rate-limited and failed requests came again: 2 each, and one more for each.
    assert_eq!(chats.texts("telegram").len(), 2);
    assert_eq!(chats.texts("discord").len(), 2);
    assert_eq!(chats.texts("slack").len(), 2);
    assert_well_formed(&chats);
    let telegram = chats
        .received()
        .into_iter()
        .find(|r| r.network == "telegram")
        .unwrap();
    assert_eq!(telegram.body["link_preview_options"]["is_disabled"], true);
    let tg = chats.texts("telegram").pop().unwrap();
    assert!(
        tg.starts_with("<b>Test Prayer Guide</b>\nMonday 7 December 2026"),
        "{tg}"
    );
    assert!(tg.contains("<b>Gamma Republic</b>"), "{tg}");
    let week = chats.texts("discord").pop().unwrap();
    assert!(week.contains("**Tuesday · Alphaland**"), "{week}");
    // What is posted is published.
    assert!(p.read("published.txt").contains("2026-12-07"));

    // Again the same day, and later: nothing new.
    let before = chats.received().len();
    let run = post(&p, &chats, &["--now", "2026-12-07T15:00:00Z"]);
    assert_eq!(
        run.stdout,
        "tg (telegram): daily-2026-12-07 posted before\n\
         slack (slack): daily-2026-12-07 posted before\n\
         discord-weekly (discord): weekly-2026-12-07 posted before\n"
    );
    assert_eq!(chats.received().len(), before);

    // Wednesday's long theme: split on every network, each message within its limit, every
    // paragraph once and in order, no restricted point anywhere.
    let run = post(&p, &chats, &["--date", "2026-12-09", "--channel", "tg"]);
    assert_eq!(run.code, 0, "{run:?}");
    let run = post(&p, &chats, &["--date", "2026-12-09", "--channel", "slack"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_well_formed(&chats);
    let tg: Vec<String> = chats.texts("telegram").split_off(2);
    assert!(tg.len() >= 2, "{tg:?}");
    let all = tg.join("\n");
    for n in 1..=3 {
        assert_eq!(all.matches(&format!("Paragraph {n}:")).count(), 1, "{all}");
    }
    assert!(all.find("Paragraph 1").unwrap() < all.find("Paragraph 3").unwrap());
    assert!(all.contains("meet &amp; pray &lt;quietly&gt; in homes"));
    for r in chats.received() {
        assert!(
            !r.text.contains("SECRET"),
            "a restricted point went to a chat: {}",
            r.text
        );
    }
}

#[test]
fn a_post_killed_mid_send_is_never_sent_twice_and_the_rest_follows() {
    let chats = Chats::start();
    let p = project_with_chats(&chats);
    // The second Telegram message of the long theme day is held: the run is killed meanwhile.
    chats.hold("Paragraph 2", Duration::from_secs(30));
    let mut child = spawn_post(&p, &chats, &["--date", "2026-12-09", "--channel", "tg"]);
    let deadline = Instant::now() + Duration::from_secs(20);
    while !chats
        .texts("telegram")
        .iter()
        .any(|t| t.contains("Paragraph 2"))
    {
        assert!(Instant::now() < deadline, "the held message never came");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    chats.state.lock().unwrap().hold = None;
    let sent_before = chats.texts("telegram").len();
    // The next run reports the one in doubt, does not send it again, and sends the rest.
    let run = post(&p, &chats, &["--date", "2026-12-09", "--channel", "tg"]);
    assert_eq!(run.code, 1, "something needs a look: {run:?}");
    assert!(
        run.stdout
            .contains("tg: message 2 of daily-2026-12-09 may have been posted"),
        "{}",
        run.stdout
    );
    let texts = chats.texts("telegram");
    assert!(texts.len() > sent_before, "the rest was posted");
    let all = texts.join("\n");
    for n in 1..=3 {
        assert_eq!(all.matches(&format!("Paragraph {n}:")).count(), 1, "{all}");
    }
    // And a third run changes nothing.
    let count = chats.received().len();
    let run = post(&p, &chats, &["--date", "2026-12-09", "--channel", "tg"]);
    assert_eq!(
        run.stdout,
        "tg (telegram): daily-2026-12-09 posted before\n"
    );
    assert_eq!(chats.received().len(), count);
    assert_well_formed(&chats);
}

#[test]
fn a_refused_post_fails_clearly_without_the_secret() {
    let chats = Chats::start();
    let p = project_with_chats(&chats);
    chats.script("slack", 404, "no_service", None);
    let run = post(&p, &chats, &["--date", "2026-12-07", "--channel", "slack"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "slack (slack): daily-2026-12-07 failed: 404: no_service\n  help: the webhook is gone \
         or wrong: make a new one and update webhook_env or webhook_file\n"
    );
    assert_eq!(chats.texts("slack").len(), 1, "a 4xx is not retried");
    let status = p.run(&["status"]);
    assert_eq!(status.code, 1, "{status:?}");
    assert!(
        status.stdout.contains(
            "chat messages needing a look: 1\n  slack daily-2026-12-07 message 1: refused \
             (post --retry-failed sends it again): 404: no_service\n"
        ),
        "{}",
        status.stdout
    );
    // Not sent again by itself; sent again when asked.
    let run = post(&p, &chats, &["--date", "2026-12-07", "--channel", "slack"]);
    assert_eq!(run.code, 1);
    assert_eq!(chats.texts("slack").len(), 1);
    let run = post(
        &p,
        &chats,
        &[
            "--date",
            "2026-12-07",
            "--channel",
            "slack",
            "--retry-failed",
        ],
    );
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(chats.texts("slack").len(), 2);
    // A missing secret names the variable, not a value.
    let run = crate::run_in(
        p.dir.path(),
        &["post", "--date", "2026-12-07", "--channel", "tg"],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .contains("PG_TEST_TELEGRAM (token_env) is not set"),
        "{run:?}"
    );
}

#[test]
fn dry_run_prints_the_messages_and_records_nothing() {
    let chats = Chats::start();
    let p = project_with_chats(&chats);
    let run = post(
        &p,
        &chats,
        &["--date", "2026-12-08", "--dry-run", "--channel", "tg"],
    );
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout.starts_with(
            "tg (telegram): would post daily-2026-12-08 in 1 message\n--- message 1 ("
        ),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("<b>Alphaland</b>"));
    assert!(!run.stdout.contains("SECRET"));
    assert!(chats.received().is_empty());
    assert!(
        !p.path("published.txt").exists(),
        "a dry run publishes nothing"
    );
    assert!(!p.path("state").exists() && !p.path("subscribers.db").exists());
}

#[test]
fn check_names_each_bad_post_field_with_its_line() {
    let p = Project::fixture("small");
    let schedule = p.read("schedule.toml")
        + "\n[[post]]\nname = \"Bad Name\"\nnetwork = \"telegram\"\nchat_id = \"somebody\"\n\
           token_env = \"MY-TOKEN\"\n";
    p.write("schedule.toml", &schedule);
    let err = p.run(&["check"]).stderr;
    let line = |text: &str| schedule.lines().position(|l| l.starts_with(text)).unwrap() + 1;
    assert!(
        err.contains(&format!(
            "error: schedule.toml:{}:1: `post.name`: post 1: `Bad Name` is not a channel name",
            line("name = \"Bad")
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "error: schedule.toml:{}:1: `post.chat_id`: post 1: `somebody` is not a Telegram chat ID",
            line("chat_id")
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "error: schedule.toml:{}:1: `post.token_env`: post 1: `MY-TOKEN` is not the name of an environment variable",
            line("token_env")
        )),
        "{err}"
    );
}

#[test]
fn run_posts_at_each_channels_hour_once() {
    let chats = Chats::start();
    let p = project_with_chats(&chats);
    // Ten seconds before 07:00 London on Monday 7 December.
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_prayer-guide"))
        .args(["run", "--now", "2026-12-07T06:59:50Z"])
        .current_dir(p.dir.path())
        .env("PG_TEST_TELEGRAM", TELEGRAM_TOKEN)
        .env(
            "PG_TEST_DISCORD",
            format!("http://{}/discord/{DISCORD_SECRET}", chats.addr),
        )
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_secs(5));
    assert!(chats.received().is_empty(), "nothing before the hour");
    let deadline = Instant::now() + Duration::from_secs(40);
    while chats.received().len() < 3 {
        assert!(Instant::now() < deadline, "{:?}", chats.received());
        std::thread::sleep(Duration::from_millis(100));
    }
    // A while longer: nothing is posted twice.
    std::thread::sleep(Duration::from_secs(2));
    let pid = child.id().to_string();
    std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("posting to the chats only"), "{stderr}");
    assert!(
        stderr.contains("tg (telegram): posted daily-2026-12-07 in 1 message"),
        "{stderr}"
    );
    for secret in [TELEGRAM_TOKEN, SLACK_SECRET, DISCORD_SECRET] {
        assert!(!stderr.contains(secret));
    }
    assert_eq!(chats.texts("telegram").len(), 1);
    assert_eq!(chats.texts("slack").len(), 1);
    assert_eq!(chats.texts("discord").len(), 1);
    assert_well_formed(&chats);
}

#[test]
fn an_alert_goes_to_every_chat_once_and_shows_on_its_days() {
    let chats = Chats::start();
    let p = project_with_chats(&chats);
    let before = chats.received().len();
    let run = {
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_prayer-guide"))
            .args([
                "alert",
                "Pastor Daniel was arrested on Sunday. Pray for his release & his family.",
                "--title",
                "Pastor arrested",
                "--country",
                "AL",
                "--until",
                "2026-12-09",
                "--now",
                "2026-12-07T10:00:00Z",
                "--pause-ms",
                "20",
            ])
            .current_dir(p.dir.path())
            .env("PG_TEST_TELEGRAM", TELEGRAM_TOKEN)
            .env(
                "PG_TEST_DISCORD",
                format!("http://{}/discord/{DISCORD_SECRET}", chats.addr),
            )
            .output()
            .unwrap();
        crate::Run {
            code: child.status.code().unwrap_or(-1),
            stdout: String::from_utf8(child.stdout).unwrap(),
            stderr: String::from_utf8(child.stderr).unwrap(),
        }
    };
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stdout,
        "wrote alerts/2026-12-07-al.toml: on the day pages and weekly sheets from 2026-12-07 \
         through 2026-12-09 (build to show it)\n\
         tg (telegram): posted alert-2026-12-07-al in 1 message\n\
         slack (slack): posted alert-2026-12-07-al in 1 message\n\
         discord-weekly (discord): posted alert-2026-12-07-al in 1 message\n"
    );
    let alerts: Vec<Received> = chats.received().split_off(before);
    assert_eq!(alerts.len(), 3);
    assert_well_formed(&chats);
    let tg = &alerts
        .iter()
        .find(|r| r.network == "telegram")
        .unwrap()
        .text;
    assert_eq!(
        tg,
        "<b>Alphaland: Pastor arrested</b>\n\nPastor Daniel was arrested on Sunday. Pray for \
         his release &amp; his family."
    );
    // `post` later that day posts the day's guide, not the alert again.
    let run = post(&p, &chats, &["--now", "2026-12-07T12:00:00Z"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout
            .contains("tg (telegram): alert-2026-12-07-al posted before"),
        "{}",
        run.stdout
    );
    let texts = chats.texts("telegram");
    assert_eq!(
        texts
            .iter()
            .filter(|t| t.contains("Pastor arrested"))
            .count(),
        1
    );
    // `check` reads it; the day pages show it through its last day, and the week's sheet.
    assert_eq!(p.run(&["check"]).code, 0);
    let day = |date: &str| {
        p.run(&[
            "build", "--date", date, "--day", "--format", "txt", "--stdout",
        ])
        .ok()
    };
    assert!(day("2026-12-09").contains("!! ALPHALAND: PASTOR ARRESTED\nPastor Daniel"));
    assert!(!day("2026-12-10").contains("PASTOR ARRESTED"));
    let week = p
        .run(&[
            "build",
            "--date",
            "2026-12-07",
            "--week",
            "--format",
            "html",
            "--stdout",
        ])
        .ok();
    assert!(
        week.contains("<strong>Alphaland: Pastor arrested</strong></p><p style=\"margin: 0.15em 0\">Pastor Daniel"),
        "{week}"
    );
    // Never in the ledger; archived on the site with its date.
    assert!(!p.read("published.txt").contains("Pastor"));
    p.run(&[
        "build",
        "--site",
        "--from",
        "2026-12-07",
        "--to",
        "2026-12-13",
        "--date",
        "2026-12-08",
        "--out",
        "www",
    ])
    .ok();
    let archive = p.read("www/alerts.html");
    assert!(
        archive.contains("<h1>Urgent prayer alerts</h1>"),
        "{archive}"
    );
    assert!(
        archive.contains(
            "<section id=\"2026-12-07-al\">\n<h2>Alphaland: Pastor arrested</h2>\n\
             <p class=\"meta\"><time datetime=\"2026-12-07\">Monday 7 December 2026</time></p>"
        ),
        "{archive}"
    );
    assert!(
        p.read("www/days/2026-12-08.html")
            .contains("Pastor arrested")
    );
    assert!(
        !p.read("www/days/2026-12-10.html")
            .contains("Pastor arrested")
    );
    // A bad alert file is an error for `check`, with its line.
    p.write(
        "alerts/2026-12-08-x.toml",
        "date = 2026-12-08\ntitle = \"T\"\ntext = \"Pray.\"\ncountry = \"ZZ\"\n",
    );
    let err = p.run(&["check"]).stderr;
    assert!(
        err.contains("alerts/2026-12-08-x.toml:4:1: `country`: no guide has the code `ZZ`"),
        "{err}"
    );
}
