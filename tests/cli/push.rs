//! The daily reminder by Web Push, end to end: `push keys`, subscribing through `serve`, and
//! rounds of `push send` and `run` against a push service on 127.0.0.1 written in Python with
//! libraries we did not write (tests/push/service.py: `http_ece` decrypts each message with the
//! browser's private key, `py_vapid` checks the VAPID signature against our public key). One
//! push per browser per day across a re-run and a `kill -9`; a 410 removes the subscription.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::serve::{Server, agent, get, reply};
use crate::smtp::Smtp;

/// The virtualenv's python: $PRAYER_GUIDE_PUSH_PYTHON, or where .ci/run installs it.
fn python() -> PathBuf {
    std::env::var_os("PRAYER_GUIDE_PUSH_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let home = std::env::var_os("HOME").unwrap_or_default();
            Path::new(&home).join(".cache/prayer-guide/push-venv/bin/python")
        })
}

/// The Python push service, stopped when dropped.
struct PushService {
    child: Child,
    dir: tempfile::TempDir,
}

impl Drop for PushService {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl PushService {
    fn start(browsers: usize) -> PushService {
        let python = python();
        assert!(
            python.exists(),
            "no Python with http_ece and py_vapid at {} (set PRAYER_GUIDE_PUSH_PYTHON, or run \
             .ci/run, which installs them)",
            python.display()
        );
        let dir = tempfile::tempdir().unwrap();
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/push/service.py");
        let mut child = Command::new(python)
            .arg(script)
            .arg(dir.path())
            .arg(browsers.to_string())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert!(
            line.starts_with("listening "),
            "the push service said {line:?}"
        );
        PushService { child, dir }
    }

    /// The browsers' `PushSubscription.toJSON()`.
    fn subscriptions(&self) -> Vec<Value> {
        let text = std::fs::read_to_string(self.dir.path().join("subscriptions.json")).unwrap();
        serde_json::from_str(&text).unwrap()
    }

    fn control(&self, rules: Value) {
        std::fs::write(self.dir.path().join("control.json"), rules.to_string()).unwrap();
    }

    /// Every request received so far, as the service checked it.
    fn received(&self) -> Vec<Value> {
        std::fs::read_to_string(self.dir.path().join("received.jsonl"))
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    fn wait_for(&self, what: &str, done: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        let start = Instant::now();
        loop {
            let received = self.received();
            if done(&received) {
                return received;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "waited for {what}; received {received:#?}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

fn of(received: &[Value], browser: u64) -> Vec<&Value> {
    received.iter().filter(|r| r["sub"] == browser).collect()
}

fn post_json(url: &str, body: &Value) -> crate::serve::Reply {
    reply(
        agent()
            .post(url)
            .header("content-type", "application/json")
            .send(body.to_string().as_bytes())
            .unwrap(),
    )
}

#[test]
#[ignore = "needs Python http_ece and py_vapid"]
fn reminders_are_encrypted_signed_and_sent_once_a_day_per_browser() {
    let service = PushService::start(4);
    let smtp = Smtp::start();
    let p = crate::serve::project(
        smtp.port,
        "\n[push]\nkey_file = \"state/vapid.pem\"\nsubject = \"mailto:prayer@example.org\"\n\
         subscriptions_per_hour = 9\n",
    );

    // The key: written readable by its owner only, its public half printed, never replaced.
    let made = p.run(&["push", "keys", "--out", "state/vapid.pem"]).ok();
    let public = made
        .lines()
        .find_map(|l| l.strip_prefix("public key (the pages' applicationServerKey): "))
        .unwrap_or_else(|| panic!("no public key in {made}"))
        .to_string();
    assert_eq!(public.len(), 87, "65 bytes in base64url");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(p.path("state/vapid.pem"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let again = p.run(&["push", "keys", "--out", "state/vapid.pem"]).fails();
    assert!(again.contains("state/vapid.pem exists"), "{again}");
    assert!(!again.contains("PRIVATE KEY"), "{again}");

    // Four browsers subscribe through `serve` for 06:00 (London, UTC in November); the last
    // one unsubscribes again.
    let server = Server::start(&p);
    let key = get(&server.url("/push/key"));
    assert_eq!(key.status, 200);
    let config: Value = serde_json::from_str(&key.body).unwrap();
    assert_eq!(config["key"], public.as_str());
    let browsers = service.subscriptions();
    for browser in &browsers {
        let answer = post_json(
            &server.url("/push/subscribe"),
            &json!({ "subscription": browser, "hour": 6, "language": "en" }),
        );
        assert_eq!(
            (answer.status, answer.body.as_str()),
            (200, r#"{"hour":6,"subscribed":true}"#)
        );
    }
    let gone = post_json(
        &server.url("/push/unsubscribe"),
        &json!({ "subscription": browsers[3] }),
    );
    assert_eq!(
        (gone.status, gone.body.as_str()),
        (200, r#"{"unsubscribed":true}"#)
    );
    // Strictly checked: a plain-http endpoint off this machine, a form, a bad key.
    let mut remote = browsers[0].clone();
    remote["endpoint"] = json!("http://push.example.net/x");
    let refused = post_json(
        &server.url("/push/subscribe"),
        &json!({ "subscription": remote }),
    );
    assert_eq!(refused.status, 400);
    assert!(
        refused.body.contains("not an https address"),
        "{}",
        refused.body
    );
    let mut short = browsers[0].clone();
    short["keys"]["auth"] = json!("AAAA");
    let refused = post_json(
        &server.url("/push/subscribe"),
        &json!({ "subscription": short }),
    );
    assert!(
        refused.body.contains("keys.auth is 3 bytes, not 16"),
        "{}",
        refused.body
    );
    let form = reply(
        agent()
            .post(&server.url("/push/subscribe"))
            .send_form([("endpoint", "https://push.example.net/x")])
            .unwrap(),
    );
    assert_eq!(form.status, 415);
    // Nine posts an hour from one network, refused ones included; the tenth must wait.
    let resubscribe = json!({ "subscription": browsers[0], "hour": 6 });
    assert_eq!(
        post_json(&server.url("/push/subscribe"), &resubscribe).status,
        200
    );
    let limited = post_json(&server.url("/push/subscribe"), &resubscribe);
    assert_eq!(limited.status, 429, "{}", limited.body);
    drop(server);

    // Before 06:00 nothing is due.
    let early = p
        .run(&["push", "send", "--now", "2026-11-23T05:30:00Z"])
        .ok();
    assert_eq!(early, "push: nothing due\n");

    // A round killed (-9) while browser 1's push is in the service's hands.
    service.control(json!({ "hang": [1] }));
    let mut killed = Command::new(env!("CARGO_BIN_EXE_prayer-guide"))
        .args(["push", "send", "--now", "2026-11-23T06:01:00Z"])
        .current_dir(p.dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    service.wait_for("browser 1's push", |r| !of(r, 1).is_empty());
    killed.kill().unwrap();
    killed.wait().unwrap();

    // The next round sends what is left (browser 0's went before the kill): browser 1's again
    // under the same topic, and a 410 from browser 2's service removes that subscription.
    service.control(json!({ "gone": [2] }));
    let next = p
        .run(&["push", "send", "--now", "2026-11-23T06:02:00Z"])
        .ok();
    assert_eq!(
        next,
        "push daily-2026-11-23: 1 sent (1 sent again after a stopped run, same topic), 1 removed (gone)\n"
    );
    // And a third round has nothing left to do.
    let third = p
        .run(&["push", "send", "--now", "2026-11-23T06:30:00Z"])
        .ok();
    assert_eq!(third, "push: nothing due\n");

    let received = service.received();
    assert!(
        received.iter().all(|r| r.get("error").is_none()),
        "{received:#?}"
    );
    assert_eq!(of(&received, 0).len(), 1, "{received:#?}");
    assert_eq!(
        of(&received, 1).len(),
        2,
        "sent, killed, sent again: {received:#?}"
    );
    assert_eq!(of(&received, 1)[0]["topic"], of(&received, 1)[1]["topic"]);
    assert_eq!(
        of(&received, 1)[0]["payload"],
        of(&received, 1)[1]["payload"]
    );
    assert_eq!(of(&received, 2).len(), 1);
    assert!(of(&received, 3).is_empty(), "unsubscribed");
    for r in &received {
        assert_eq!(r["k"], public.as_str());
        assert_eq!(r["claims"]["sub"], "mailto:prayer@example.org");
        assert_eq!(r["ttl"], "43200");
        assert_eq!(r["urgency"], "normal");
        assert_eq!(r["encoding"], "aes128gcm");
        assert_eq!(r["topic"], "daily-2026-11-23");
        let payload = &r["payload"];
        assert_eq!(payload["title"], "Alphaland");
        assert_eq!(payload["url"], "days/2026-11-23.html");
        assert_eq!(payload["tag"], "daily-2026-11-23");
        assert!(
            payload["body"]
                .as_str()
                .unwrap()
                .starts_with("Alphaland has a small church."),
            "{payload}"
        );
        assert!(
            !payload.to_string().contains("SECRET"),
            "a restricted point: {payload}"
        );
    }

    let status = p.run(&["status", "--now", "2026-11-23T07:00:00Z"]).stdout;
    assert!(
        status.contains("Reminders by Web Push: 2 subscribed; today 2 sent, 0 pending"),
        "{status}"
    );

    // The next morning the `run` service sends each remaining browser one reminder at 06:00.
    let mut run = Command::new(env!("CARGO_BIN_EXE_prayer-guide"))
        .args(["run", "--now", "2026-11-24T05:59:58Z"])
        .current_dir(p.dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let day_two = |r: &[Value]| {
        r.iter()
            .filter(|r| r["topic"] == "daily-2026-11-24")
            .count()
    };
    service.wait_for("the second day's pushes", |r| day_two(r) == 2);
    std::thread::sleep(Duration::from_millis(1500));
    Command::new("kill")
        .args(["-TERM", &run.id().to_string()])
        .status()
        .unwrap();
    let mut log = String::new();
    std::io::Read::read_to_string(&mut run.stderr.take().unwrap(), &mut log).unwrap();
    assert_eq!(run.wait().unwrap().code(), Some(0), "{log}");
    let received = service.received();
    assert_eq!(day_two(&received), 2, "{received:#?}");
    assert!(log.contains("push daily-2026-11-24: 2 sent"), "{log}");
    let mut browsers_reached: Vec<u64> = received
        .iter()
        .filter(|r| r["topic"] == "daily-2026-11-24")
        .map(|r| r["sub"].as_u64().unwrap())
        .collect();
    browsers_reached.sort_unstable();
    assert_eq!(browsers_reached, [0, 1]);
}
