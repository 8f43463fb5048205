//! The README's command lines, run as a reader would run them: every line of its `sh` blocks, in
//! order, in a copy of the repository, with the program on `PATH`. A block that cannot run here
//! (it installs the program) is preceded by `<!-- not run: why -->`.

use std::process::Command;

use crate::Project;

/// The README's `sh` blocks: (line in the README, command), without the blocks marked not run.
fn command_lines(readme: &str) -> Vec<(usize, String)> {
    let mut lines = Vec::new();
    let (mut in_block, mut skip) = (false, false);
    for (n, line) in readme.lines().enumerate() {
        let trimmed = line.trim();
        if let Some(why) = trimmed.strip_prefix("<!-- not run:") {
            assert!(
                why.trim_end_matches("-->").trim().len() > 5,
                "README.md:{}: a block not run says why",
                n + 1
            );
            skip = true;
        } else if trimmed == "```sh" {
            in_block = true;
        } else if trimmed.starts_with("```") && in_block {
            in_block = false;
            skip = false;
        } else if in_block && !skip {
            // A comment after the command is the README's explanation, not part of it.
            let command = line.split(" # ").next().unwrap_or(line).trim();
            if !command.is_empty() && !command.starts_with('#') {
                lines.push((n + 1, command.to_string()));
            }
        }
    }
    lines
}

#[test]
fn every_command_line_of_the_readme_runs_as_written() {
    let readme = std::fs::read_to_string(crate::repo().join("README.md")).unwrap();
    let lines = command_lines(&readme);
    assert!(
        lines.len() >= 12,
        "the README's tour has {} command lines",
        lines.len()
    );
    let p = Project::repository();
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_prayer-guide"));
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut ran = 0;
    for (n, line) in &lines {
        // The first of the two commands is the program's `build`, compiled by cargo; the second
        // is this test run itself.
        let command = match line.strip_prefix("cargo run --release -- ") {
            Some(rest) => format!("prayer-guide {rest}"),
            None if line == "cargo test" => continue,
            None => line.clone(),
        };
        let out = Command::new("sh")
            .args(["-c", &command])
            .current_dir(p.dir.path())
            .env("PATH", &path)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "README.md:{n}: `{line}` exited {:?}:\n{stderr}",
            out.status.code()
        );
        assert!(!stderr.contains("panicked"), "README.md:{n}: {stderr}");
        ran += 1;
    }
    // What the tour says it made is there.
    for file in [
        "public/weeks",
        "day.json",
        "preview/weeks/2027-01-04.pdf",
        "preview/es/weeks/2027-01-04.html",
        "preview/weeks/2027-01-04.large.pdf",
        "preview/calendar.ics",
        "my-church/schedule.toml",
    ] {
        assert!(p.path(file).exists(), "the tour made no {file}");
    }
    assert!(ran >= 12, "{ran} lines ran");
}
