//! contrib/install.sh, the installer attached to each release: run with `sh` against a release
//! folder made from the real binary, as the release workflow packs it.

use std::path::Path;
use std::process::Command;

const TARGET: &str = "x86_64-unknown-linux-gnu";

/// A release folder as the workflow makes it: the archive and its .sha256. With `real`, the
/// program is the binary under test; without, where the test never runs what it installs, a few
/// bytes (the debug binary takes long to pack).
fn release(dir: &Path, real: bool) {
    let name = format!("prayer-guide-{TARGET}");
    let pack = dir.join(&name);
    std::fs::create_dir_all(&pack).unwrap();
    if real {
        std::fs::copy(
            env!("CARGO_BIN_EXE_prayer-guide"),
            pack.join("prayer-guide"),
        )
        .unwrap();
    } else {
        std::fs::write(pack.join("prayer-guide"), "never run").unwrap();
    }
    std::fs::write(pack.join("README.md"), "readme").unwrap();
    let ok = Command::new("tar")
        .args(["--use-compress-program=gzip -1", "-cf"])
        .args([format!("{name}.tar.gz"), name.clone()])
        .current_dir(dir)
        .status()
        .unwrap();
    assert!(ok.success());
    let sum = Command::new("sha256sum")
        .arg(format!("{name}.tar.gz"))
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(sum.status.success());
    std::fs::write(dir.join(format!("{name}.tar.gz.sha256")), sum.stdout).unwrap();
}

fn install(base: Option<&Path>, dest: &Path, os: &str) -> (i32, String) {
    let mut command = Command::new("sh");
    command
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("contrib/install.sh"))
        .env("PRAYER_GUIDE_INSTALL_DIR", dest)
        .env("PRAYER_GUIDE_OS", os)
        .env("PRAYER_GUIDE_ARCH", "x86_64")
        .env_remove("PRAYER_GUIDE_DOWNLOAD_BASE");
    if let Some(base) = base {
        command.env(
            "PRAYER_GUIDE_DOWNLOAD_BASE",
            format!("file://{}", base.display()),
        );
    }
    let out = command.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
#[ignore = "needs curl (installed by .ci/run)"]
fn the_installer_checks_the_download_and_installs_a_program_that_runs() {
    let dir = tempfile::tempdir().unwrap();
    let releases = dir.path().join("releases");
    release(&releases, true);
    let bin = dir.path().join("bin");

    let (code, log) = install(Some(&releases), &bin, "Linux");
    assert_eq!(code, 0, "{log}");
    assert!(log.contains("installed prayer-guide "), "{log}");
    let version = Command::new(bin.join("prayer-guide"))
        .arg("--version")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&version.stdout).starts_with("prayer-guide "));
    let left: Vec<_> = std::fs::read_dir(&bin).unwrap().collect();
    assert_eq!(left.len(), 1, "only the program is written");
}

#[test]
#[ignore = "needs curl (installed by .ci/run)"]
fn a_damaged_download_installs_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let releases = dir.path().join("releases");
    release(&releases, false);
    // A download cut short, or replaced on the way.
    let archive = releases.join(format!("prayer-guide-{TARGET}.tar.gz"));
    let mut bytes = std::fs::read(&archive).unwrap();
    bytes.truncate(bytes.len() / 2);
    std::fs::write(&archive, bytes).unwrap();
    let bin = dir.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::fs::write(bin.join("prayer-guide"), "the installed one").unwrap();

    let (code, log) = install(Some(&releases), &bin, "Linux");
    assert_eq!(code, 1, "{log}");
    assert!(log.contains("the download is damaged"), "{log}");
    assert!(log.contains("nothing was installed"), "{log}");
    assert_eq!(
        std::fs::read_to_string(bin.join("prayer-guide")).unwrap(),
        "the installed one"
    );
}

#[test]
#[ignore = "needs curl (installed by .ci/run)"]
fn an_unknown_machine_or_an_unfilled_address_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let releases = dir.path().join("releases");
    release(&releases, false);
    let bin = dir.path().join("bin");
    let (code, log) = install(Some(&releases), &bin, "FreeBSD");
    assert_eq!(code, 1);
    assert!(log.contains("no prebuilt program for FreeBSD"), "{log}");
    assert!(log.contains("install from source"), "{log}");

    let (code, log) = install(None, &bin, "Linux");
    assert_eq!(code, 1);
    assert!(log.contains("has no download address"), "{log}");
    assert!(!bin.exists());
}
