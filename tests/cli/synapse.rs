//! `post` to Matrix against a real homeserver: Synapse (from PyPI, in a virtualenv that .ci/run
//! makes) started by the test with SQLite on a free port. The message must arrive in the room
//! once: after a run, after a second run, and after a run that "died" between the homeserver's
//! answer and the journal's record (the resend carries the same transaction ID, and Synapse
//! keeps one event for it).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::Project;

/// The virtualenv's python: $PRAYER_GUIDE_SYNAPSE, or where .ci/run installs it.
fn python() -> PathBuf {
    std::env::var_os("PRAYER_GUIDE_SYNAPSE")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let home = std::env::var_os("HOME").unwrap_or_default();
            Path::new(&home).join(".cache/prayer-guide/synapse-venv/bin/python")
        })
}

const SHARED_SECRET: &str = "prayer-guide-test-registration-secret";

/// A Synapse homeserver in a temporary folder, stopped when dropped.
struct Synapse {
    child: Child,
    url: String,
    _dir: tempfile::TempDir,
}

impl Drop for Synapse {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Synapse {
    fn start() -> Synapse {
        let python = python();
        assert!(
            python.exists(),
            "no Synapse at {} (set PRAYER_GUIDE_SYNAPSE, or run .ci/run, which installs it)",
            python.display()
        );
        let dir = tempfile::tempdir().unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let d = dir.path().display();
        let config = format!(
            "server_name: \"localhost\"\n\
             pid_file: {d}/homeserver.pid\n\
             listeners:\n  - port: {port}\n    tls: false\n    type: http\n    x_forwarded: false\n    \
             bind_addresses: ['127.0.0.1']\n    resources:\n      - names: [client]\n        compress: false\n\
             database:\n  name: sqlite3\n  args:\n    database: {d}/homeserver.db\n\
             media_store_path: {d}/media\n\
             signing_key_path: {d}/signing.key\n\
             registration_shared_secret: \"{SHARED_SECRET}\"\n\
             report_stats: false\n\
             macaroon_secret_key: \"test-macaroon-secret\"\n\
             form_secret: \"test-form-secret\"\n\
             trusted_key_servers: []\n\
             suppress_key_server_warning: true\n\
             enable_metrics: false\n\
             rc_message:\n  per_second: 100\n  burst_count: 100\n\
             rc_registration:\n  per_second: 100\n  burst_count: 100\n\
             rc_login:\n  address:\n    per_second: 100\n    burst_count: 100\n  account:\n    per_second: 100\n    burst_count: 100\n"
        );
        let config_path = dir.path().join("homeserver.yaml");
        std::fs::write(&config_path, config).unwrap();
        let status = Command::new(&python)
            .args(["-m", "synapse.app.homeserver", "--generate-keys", "-c"])
            .arg(&config_path)
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "synapse could not make its signing key");
        let log = std::fs::File::create(dir.path().join("stderr.log")).unwrap();
        let child = Command::new(&python)
            .args(["-m", "synapse.app.homeserver", "-c"])
            .arg(&config_path)
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .unwrap();
        let mut synapse = Synapse {
            child,
            url: format!("http://127.0.0.1:{port}"),
            _dir: dir,
        };
        let deadline = Instant::now() + Duration::from_secs(180);
        loop {
            if let Ok(mut r) = ureq::get(format!("{}/_matrix/client/versions", synapse.url)).call()
                && r.status() == 200
                && r.body_mut().read_to_string().is_ok()
            {
                break;
            }
            if let Ok(Some(status)) = synapse.child.try_wait() {
                let log = std::fs::read_to_string(synapse._dir.path().join("stderr.log"))
                    .unwrap_or_default();
                panic!("synapse exited ({status}): {log}");
            }
            assert!(
                Instant::now() < deadline,
                "synapse did not start within 180 s"
            );
            std::thread::sleep(Duration::from_millis(250));
        }
        synapse
    }

    fn call(&self, method: &str, path: &str, token: Option<&str>, body: Option<Value>) -> Value {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .new_agent();
        let url = format!("{}{path}", self.url);
        let mut response = match (method, body) {
            ("GET", _) => {
                let mut r = agent.get(&url);
                if let Some(t) = token {
                    r = r.header("Authorization", format!("Bearer {t}"));
                }
                r.call().unwrap()
            }
            (_, body) => {
                let mut r = agent.post(&url).header("Content-Type", "application/json");
                if let Some(t) = token {
                    r = r.header("Authorization", format!("Bearer {t}"));
                }
                r.send(body.unwrap_or(json!({})).to_string()).unwrap()
            }
        };
        let status = response.status().as_u16();
        let text = response.body_mut().read_to_string().unwrap();
        assert!(status < 300, "{method} {path}: {status} {text}");
        serde_json::from_str(&text).unwrap()
    }

    /// A user made through shared-secret registration (Synapse's own script), logged in.
    fn user(&self, name: &str) -> String {
        let script = python().with_file_name("register_new_matrix_user");
        let out = Command::new(script)
            .args([
                "-u",
                name,
                "-p",
                "a-long-test-password",
                "--no-admin",
                "-k",
                SHARED_SECRET,
            ])
            .arg(&self.url)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "registration failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let login = self.call(
            "POST",
            "/_matrix/client/v3/login",
            None,
            Some(json!({
                "type": "m.login.password",
                "identifier": {"type": "m.id.user", "user": name},
                "password": "a-long-test-password",
            })),
        );
        login["access_token"].as_str().unwrap().to_string()
    }

    /// The room's text messages, oldest first.
    fn messages(&self, token: &str, room: &str) -> Vec<Value> {
        let room = room.replace('!', "%21").replace(':', "%3A");
        let page = self.call(
            "GET",
            &format!("/_matrix/client/v3/rooms/{room}/messages?dir=b&limit=100"),
            Some(token),
            None,
        );
        let mut events: Vec<Value> = page["chunk"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["type"] == "m.room.message")
            .cloned()
            .collect();
        events.reverse();
        events
    }
}

#[test]
#[ignore = "needs Synapse (.ci/run installs it into a virtualenv)"]
fn posts_to_a_real_matrix_room_once_across_reruns_and_a_lost_answer() {
    let synapse = Synapse::start();
    let token = synapse.user("prayerbot");
    let room = synapse.call(
        "POST",
        "/_matrix/client/v3/createRoom",
        Some(&token),
        Some(json!({"name": "Prayer"})),
    )["room_id"]
        .as_str()
        .unwrap()
        .to_string();
    let p = Project::fixture("small");
    let schedule = p.read("schedule.toml").replace(
        "[output]",
        &format!(
            "[[post]]\nname = \"matrix\"\nnetwork = \"matrix\"\nhomeserver = \"{}\"\n\
             room = \"{room}\"\ntoken_file = \"secrets/matrix\"\n\n[output]",
            synapse.url
        ),
    );
    p.write("schedule.toml", &schedule);
    p.write("secrets/matrix", &format!("{token}\n"));
    let post = |date: &str| {
        let run = p.run(&["post", "--date", date, "--pause-ms", "20"]);
        assert!(!run.stdout.contains(&token) && !run.stderr.contains(&token));
        run
    };
    let found = |needle: &str| -> Vec<Value> {
        synapse
            .messages(&token, &room)
            .into_iter()
            .filter(|e| {
                e["content"]["body"]
                    .as_str()
                    .unwrap_or_default()
                    .contains(needle)
            })
            .collect()
    };

    let run = post("2026-12-08");
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stdout,
        "matrix (matrix): posted daily-2026-12-08 in 1 message\n"
    );
    let events = found("Alphaland");
    assert_eq!(events.len(), 1, "{events:#?}");
    let content = &events[0]["content"];
    assert_eq!(content["msgtype"], "m.text");
    assert_eq!(content["format"], "org.matrix.custom.html");
    let html = content["formatted_body"].as_str().unwrap();
    assert!(html.contains("<h3>Alphaland</h3>"), "{html}");
    let body = content["body"].as_str().unwrap();
    assert!(body.contains("1. Pray for Alphaland"), "{body}");
    assert!(
        !body.contains("SECRET"),
        "a restricted point went to the room"
    );

    // Again: posted before, nothing sent.
    let run = post("2026-12-08");
    assert_eq!(
        run.stdout,
        "matrix (matrix): daily-2026-12-08 posted before\n"
    );
    assert_eq!(found("Alphaland").len(), 1);

    // A run that sent the message and died before recording the answer: the journal still
    // says claimed. The next run sends it again under the same transaction ID, and the room
    // keeps one message.
    let db = rusqlite::Connection::open(p.path("state/prayer-guide.sqlite")).unwrap();
    let changed = db
        .execute(
            "UPDATE chat_posts SET state = 'claimed' WHERE edition = 'daily-2026-12-08'",
            [],
        )
        .unwrap();
    assert_eq!(changed, 1);
    drop(db);
    let run = post("2026-12-08");
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stdout,
        "matrix (matrix): posted daily-2026-12-08 in 1 message\n"
    );
    assert_eq!(found("Alphaland").len(), 1, "the homeserver kept one event");

    // The next day is a new message.
    assert_eq!(post("2026-12-09").code, 0);
    assert_eq!(found("Betastan").len(), 1);
    assert_eq!(found("Alphaland").len(), 1);
}
