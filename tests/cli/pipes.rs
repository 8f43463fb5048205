//! A reader that stops early (`| head -1`): every command that prints ends quietly, exit 0,
//! instead of panicking on the closed pipe.

use std::process::{Command, Stdio};

use crate::Project;
use crate::email::{add_many, project_with_email};

/// Runs the binary with a standard output whose reader is already gone: its first write fails
/// with a broken pipe, as under `| head -1` once head has its line.
fn run_into_closed_pipe(p: &Project, args: &[&str]) -> (i32, String) {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = Command::new(env!("CARGO_BIN_EXE_prayer-guide"))
        .args(args)
        .current_dir(p.dir.path())
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn every_command_that_prints_stops_quietly_when_its_reader_is_gone() {
    let p = project_with_email(1, "");
    add_many(&p, 30);
    for args in [
        &["plan", "--from", "2026-11-23", "--days", "3000"][..],
        &[
            "plan",
            "--from",
            "2026-11-23",
            "--days",
            "30",
            "--format",
            "json",
        ],
        &["subscribers", "list"],
        &["subscribers", "export"],
        &["send", "--dry-run", "--date", "2026-11-23"],
        &["status", "--now", "2026-11-23T05:00:00Z"],
        &["check", "--today", "2026-11-23"],
        &["build", "--date", "2026-11-23", "--stdout"],
        &["build", "--date", "2026-11-23", "--out", "public"],
        &["subscribers", "add", "new@example.org"],
        &["publish", "--through", "2026-11-30"],
    ] {
        let (code, stderr) = run_into_closed_pipe(&p, args);
        assert!(!stderr.contains("panicked"), "{args:?} panicked: {stderr}");
        assert_eq!(code, 0, "{args:?}: {stderr}");
        assert!(!stderr.contains("error"), "{args:?}: {stderr}");
    }
    let (code, stderr) = run_into_closed_pipe(&Project::empty(), &["init", "church"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
}

#[test]
fn a_send_whose_reader_is_gone_still_sends_and_reports_failure_by_its_exit_code() {
    // Nobody listens on the port: the send fails, and says so by its exit code even though
    // its summary could not be printed.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let p = project_with_email(port, "");
    add_many(&p, 2);
    let (code, stderr) = run_into_closed_pipe(&p, &["send", "--date", "2026-11-23"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("cannot reach the SMTP server"), "{stderr}");
}
