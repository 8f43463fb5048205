//! `db backup` and `db restore`: a consistent copy taken while a send writes the journal, put
//! back with nothing lost.

use std::process::{Command, Stdio};
use std::time::Duration;

use crate::email::{add_many, project_with_email, wait_for};
use crate::smtp::{Options, Smtp};

fn backups(p: &crate::Project) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(p.path("backups"))
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn count(db: &std::path::Path, sql: &str) -> i64 {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn a_backup_taken_during_a_send_is_whole_and_a_restore_brings_it_back() {
    let smtp = Smtp::with(Options {
        delay: Duration::from_millis(15),
        ..Options::default()
    });
    let p = project_with_email(smtp.port, "connections = 2");
    add_many(&p, 120);
    let sending = Command::new(env!("CARGO_BIN_EXE_prayer-guide"))
        .args(["send", "--date", "2026-11-23", "--cadence", "daily"])
        .current_dir(p.dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for(|| smtp.messages().len() >= 30);
    let out = p.run(&["db", "backup", "backups/"]).ok();
    assert!(
        out.contains("120 subscribers") && out.contains("integrity ok"),
        "{out}"
    );
    let during = smtp.messages().len();
    assert!(
        during < 120,
        "the send finished before the backup: {during}"
    );
    assert!(sending.wait_with_output().unwrap().status.success());

    let names = backups(&p);
    assert_eq!(names.len(), 1, "{names:?}");
    assert!(
        names[0].starts_with("prayer-guide-") && names[0].ends_with(".sqlite"),
        "{names:?}"
    );
    let copy = p.path("backups").join(&names[0]);
    // One instant of the journal: every delivery is a whole row, none of the later ones.
    let sent_in_copy = count(
        &copy,
        "SELECT count(*) FROM deliveries WHERE state = 'sent'",
    );
    assert!(sent_in_copy < 120, "{sent_in_copy}");
    assert_eq!(
        count(&copy, "SELECT count(*) FROM subscribers"),
        120,
        "every subscriber is in the copy"
    );

    // The live database goes on; the restore puts the copy back and keeps the replaced one.
    let out = p.run(&["db", "restore", copy.to_str().unwrap()]).ok();
    assert!(
        out.contains("restored") && out.contains("120 subscribers"),
        "{out}"
    );
    let aside: Vec<String> = std::fs::read_dir(p.path("state"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".before-restore-"))
        .collect();
    let aside_db = aside
        .iter()
        .find(|n| n.ends_with('Z'))
        .unwrap_or_else(|| panic!("{aside:?}"));
    assert_eq!(
        count(
            &p.path("state").join(aside_db),
            "SELECT count(*) FROM deliveries WHERE state = 'sent'"
        ),
        120,
        "the replaced database, with the whole send, is kept"
    );
    let listed = p.run(&["subscribers", "list"]).ok();
    assert_eq!(listed.matches("@example.org").count(), 120, "{listed}");

    // The restored journal is the program's own: the next send finishes what it lacks, and
    // everyone it knew to have mail gets nothing more.
    let before = smtp.per_recipient();
    p.run(&["send", "--date", "2026-11-23", "--cadence", "daily"]);
    let after = smtp.per_recipient();
    assert_eq!(after.len(), 120);
    let again: usize = after
        .iter()
        .filter(|(to, n)| **n > before.get(*to).copied().unwrap_or(0))
        .count();
    assert!(
        again as i64 <= 120 - sent_in_copy,
        "{again} sent again, but the copy knew of {sent_in_copy} sent"
    );
}

#[test]
fn a_restore_refuses_while_a_send_runs_and_changes_nothing() {
    let smtp = Smtp::with(Options {
        delay: Duration::from_millis(50),
        ..Options::default()
    });
    let p = project_with_email(smtp.port, "connections = 1");
    add_many(&p, 10);
    p.run(&["db", "backup", "copy.sqlite"]).ok();
    let sending = Command::new(env!("CARGO_BIN_EXE_prayer-guide"))
        .args(["send", "--date", "2026-11-23", "--cadence", "daily"])
        .current_dir(p.dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for(|| !smtp.messages().is_empty());
    let err = p.run(&["db", "restore", "copy.sqlite"]).fails();
    assert!(
        err.contains("a send or `run` is using the database"),
        "{err}"
    );
    assert!(err.contains("nothing was changed"), "{err}");
    assert!(sending.wait_with_output().unwrap().status.success());
    assert_eq!(
        count(
            &p.path("state/prayer-guide.sqlite"),
            "SELECT count(*) FROM deliveries WHERE state = 'sent'"
        ),
        10
    );
}

#[test]
fn a_nightly_backup_keeps_the_newest_and_says_what_is_wrong() {
    let p = project_with_email(1, "");
    let err = p.run(&["db", "backup", "backups/"]).fails();
    assert!(err.contains("there is no database at"), "{err}");
    assert!(err.contains("nothing to back up"), "{err}");

    add_many(&p, 3);
    for _ in 0..3 {
        p.run(&["db", "backup", "backups/", "--keep", "2"]).ok();
        // The dated names have one-second resolution.
        std::thread::sleep(Duration::from_millis(1050));
    }
    p.write("backups/notes.txt", "not a backup");
    let out = p.run(&["db", "backup", "backups/", "--keep", "2"]).ok();
    assert!(out.contains("removed the older backup"), "{out}");
    let names = backups(&p);
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(names.contains(&"notes.txt".to_string()));

    let err = p
        .run(&["db", "backup", "state/prayer-guide.sqlite"])
        .fails();
    assert!(err.contains("the live database itself"), "{err}");
    p.write("junk.sqlite", "Name,Email\r\nAnna,anna@example.org\r\n");
    let err = p.run(&["db", "restore", "junk.sqlite"]).fails();
    assert!(err.contains("junk.sqlite"), "{err}");
    let listed = p.run(&["subscribers", "list"]).ok();
    assert_eq!(listed.matches("@example.org").count(), 3);
}
