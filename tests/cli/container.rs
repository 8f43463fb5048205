//! The container image's entrypoint (contrib/container/entrypoint.sh), run directly with the real
//! binary: no container tool is needed (none runs on the test machines), and the script is what
//! decides what a `docker run` does.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use crate::serve::{get, project};
use crate::smtp::Smtp;

fn entrypoint(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new("sh");
    command
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("contrib/container/entrypoint.sh"))
        .args(args)
        .env("PRAYER_GUIDE_PROJECT", dir)
        .env("PRAYER_GUIDE_PROGRAM", env!("CARGO_BIN_EXE_prayer-guide"))
        .env("NO_COLOR", "1");
    command
}

#[test]
fn an_empty_volume_gets_the_example_project_and_commands_run_in_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = entrypoint(dir.path(), &["check"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("it now holds the example project"),
        "{stderr}"
    );
    assert!(dir.path().join("schedule.toml").is_file());

    // A second start leaves the project as it is and runs what it is told.
    std::fs::write(dir.path().join("marker"), "mine").unwrap();
    let out = entrypoint(dir.path(), &["plan", "--from", "2026-12-07", "--days", "2"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("2026-12-07"));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("example project"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("marker")).unwrap(),
        "mine"
    );
}

#[test]
fn a_folder_that_is_not_a_project_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("photo.jpg"), "not a project").unwrap();
    let out = entrypoint(dir.path(), &["build"]).output().unwrap();
    assert_eq!(out.status.code(), Some(66));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("has files but no schedule.toml"),
        "{stderr}"
    );
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "nothing written into the wrong folder");

    let out = entrypoint(&dir.path().join("missing"), &["check"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(66));
    assert!(String::from_utf8_lossy(&out.stderr).contains("mount your project folder"));
}

#[test]
fn the_default_command_serves_on_the_container_address_and_answers_the_health_check() {
    let smtp = Smtp::start();
    let p = project(smtp.port, "");
    // The image's default: no arguments is `serve --with-scheduler` on $PRAYER_GUIDE_LISTEN (port 0
    // here, so that tests never collide).
    let mut child = entrypoint(p.dir.path(), &[])
        .env("PRAYER_GUIDE_LISTEN", "127.0.0.1:0")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let base = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("serve printed {line:?}"))
        .to_string();
    // What the image's HEALTHCHECK asks.
    let health = get(&format!("{base}/healthz"));
    assert_eq!(health.status, 200);
    // `exec`: the program is the process the container stops, and a stop is clean.
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let mut log = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut log).unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(0), "{log}");
    // --with-scheduler: the sender started beside the pages, and stopped cleanly.
    assert!(
        log.contains("started (process") && log.contains("stopped cleanly"),
        "{log}"
    );
}

#[test]
fn the_image_runs_the_entrypoint_as_a_user_with_a_volume_and_a_health_check() {
    let dockerfile =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Dockerfile")).unwrap();
    for needed in [
        "COPY contrib/container/entrypoint.sh /usr/local/bin/prayer-guide-entrypoint",
        "ENTRYPOINT [\"/usr/local/bin/prayer-guide-entrypoint\"]",
        "USER prayer",
        "VOLUME [\"/project\"]",
        "/healthz",
        "fonts-dejavu-core",
    ] {
        assert!(dockerfile.contains(needed), "the Dockerfile lacks {needed}");
    }
}
