//! The program built without the PDF engine (`--no-default-features`), for an email-only
//! server: it does everything but PDFs, refuses `pdf` with a clear error, and is smaller.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{Project, Run, run_with};

/// Builds the program without default features into a target folder of its own (a nested cargo
/// cannot share the folder the test runner holds locked) and returns the binary.
fn build_without_pdf() -> PathBuf {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-pdf");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .args(["build", "--quiet", "--locked", "--no-default-features"])
        .args(["--bin", "prayer-guide", "--target-dir"])
        .arg(&target)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .expect("cargo runs");
    assert!(status.success(), "the build without the PDF engine failed");
    target.join("debug/prayer-guide")
}

fn run(binary: &Path, project: &Project, args: &[&str]) -> Run {
    run_with(binary, project.dir.path(), args)
}

#[test]
#[ignore = "builds the program a second time, without the PDF engine (minutes)"]
fn without_the_pdf_engine_everything_but_pdfs_works_and_pdf_is_refused_clearly() {
    let binary = build_without_pdf();
    let full = std::fs::metadata(env!("CARGO_BIN_EXE_prayer-guide"))
        .unwrap()
        .len();
    let small = std::fs::metadata(&binary).unwrap().len();
    eprintln!("debug binaries: with the PDF engine {full} bytes, without {small} bytes");
    assert!(
        small < full,
        "without the PDF engine the program is not smaller ({small} ≥ {full} bytes)"
    );

    let p = Project::repository();
    // The repository's schedule asks for pdf: the build refuses it, names the way out, and
    // writes nothing (no half build of the other formats under a name that says "built").
    let refused = run(
        &binary,
        &p,
        &["build", "--date", "2027-01-04", "--out", "out"],
    )
    .fails();
    assert!(refused.contains("without the PDF engine"), "{refused}");
    assert!(refused.contains("--format"), "{refused}");
    assert!(!p.path("out").exists(), "a refused build wrote files");

    // The other formats build as with the full program, byte for byte.
    let preview = |binary: Option<&Path>, out: &str| {
        let args = [
            "build",
            "--date",
            "2027-01-04",
            "--week",
            "--format",
            "html,txt",
            "--preview",
            "--out",
            out,
        ];
        match binary {
            Some(binary) => run(binary, &p, &args),
            None => p.run(&args),
        }
        .ok()
    };
    preview(Some(&binary), "small");
    preview(None, "full");
    let small_files = crate::files_under(&p.path("small"));
    assert!(!small_files.is_empty());
    for file in &small_files {
        let relative = file.strip_prefix(p.path("small")).unwrap();
        assert_eq!(
            std::fs::read(file).unwrap(),
            std::fs::read(p.path("full").join(relative)).unwrap(),
            "{} differs from the full program's",
            relative.display()
        );
    }

    // `check` says it could not check the PDFs, as a warning, and passes.
    let check = run(&binary, &p, &["check", "--today", "2027-01-04"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    let said = format!("{}{}", check.stdout, check.stderr);
    assert!(said.contains("without the PDF engine"), "{said}");

    // A PDF-free schedule builds on the defaults.
    p.replace(
        "schedule.toml",
        "formats = [\"html\", \"txt\", \"pdf\"]",
        "formats = [\"html\", \"txt\"]",
    );
    run(
        &binary,
        &p,
        &["build", "--date", "2027-01-04", "--out", "out2"],
    )
    .ok();
    assert!(p.path("out2").exists());
}
