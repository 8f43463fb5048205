//! Integration tests: the real binary, run on copies of fixture folders with fixed dates.

mod app;
mod backup;
mod bad_input;
mod bounces;
mod build;
mod calendar;
mod church_year;
mod container;
mod corpus;
mod delivery;
mod dkim;
mod email;
mod feed;
mod frozen;
mod import;
mod init;
mod install;
mod languages;
mod ledger;
mod library;
mod maps;
mod nopdf;
mod pdf;
mod pipes;
mod plan;
mod post;
mod print;
mod proof_of_work;
mod push;
mod readme;
mod security;
mod serve;
mod service;
mod site;
mod smtp;
mod staging;
mod storage;
mod subscribers;
mod synapse;
mod tls;
mod webmail;
mod withdraw;

use std::path::{Path, PathBuf};
use std::process::Command;

/// A copy of a fixture folder, deleted when dropped.
pub struct Project {
    pub dir: tempfile::TempDir,
}

/// What a run of the binary printed, and how it ended.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Project {
    /// A fresh copy of `tests/fixtures/NAME`.
    pub fn fixture(name: &str) -> Project {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&fixtures().join(name), dir.path());
        Project { dir }
    }

    /// A copy of the repository's own project (schedule, ledger, guides, templates), so that a
    /// build publishes into the copy's ledger and never into the repository's.
    pub fn repository() -> Project {
        let p = Project::empty();
        for file in ["schedule.toml", "published.txt"] {
            std::fs::copy(repo().join(file), p.path(file)).unwrap();
        }
        for dir in ["guides", "templates"] {
            copy_dir(&repo().join(dir), &p.path(dir));
        }
        p
    }

    /// An empty folder.
    pub fn empty() -> Project {
        Project {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    pub fn write(&self, relative: &str, text: &str) {
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
    }

    /// Edits a file by replacing one exact piece of text, which must be there.
    pub fn replace(&self, relative: &str, from: &str, to: &str) {
        let text = self.read(relative);
        assert!(text.contains(from), "{relative} has no {from:?}");
        self.write(relative, &text.replacen(from, to, 1));
    }

    /// Runs the binary in the project folder.
    pub fn run(&self, args: &[&str]) -> Run {
        run_in(self.dir.path(), args)
    }
}

pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    run_with(Path::new(env!("CARGO_BIN_EXE_prayer-guide")), dir, args)
}

/// Runs `binary` (another build of the program) in `dir`, checked as [`run_in`] checks.
pub fn run_with(binary: &Path, dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(binary)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    };
    assert!(
        !run.stderr.contains("panicked"),
        "the binary panicked: {}",
        run.stderr
    );
    run
}

impl Run {
    /// Asserts success and returns stdout.
    pub fn ok(self) -> String {
        assert_eq!(self.code, 0, "failed: {}", self.stderr);
        self.stdout
    }

    /// Asserts failure with nothing on stdout and returns stderr.
    pub fn fails(self) -> String {
        assert_eq!(self.code, 1, "expected failure; stdout: {}", self.stdout);
        assert_eq!(self.stdout, "", "a failing run printed to stdout");
        self.stderr
    }
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies a folder and everything in it.
pub fn copy_dir(from: &Path, to: &Path) {
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

/// Every file under `dir`, recursively, but for prayer-guide's own bookkeeping (the manifest
/// of what builds wrote, and its lock), which is no output.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with(".prayer-guide"))
        {
            continue;
        }
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}
