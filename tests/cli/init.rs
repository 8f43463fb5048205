use crate::{Project, run_in};

#[test]
fn init_makes_a_project_that_checks_and_builds() {
    let p = Project::empty();
    let out = p.run(&["init", "church"]).ok();
    assert!(out.contains("created church/schedule.toml"), "{out}");
    let dir = p.path("church");
    assert!(run_in(&dir, &["check"]).ok().contains("no errors"));
    let built = run_in(&dir, &["build"]).ok();
    assert_eq!(built.lines().count(), 4, "{built}");
}

#[test]
fn init_never_overwrites() {
    let p = Project::empty();
    p.write("church/schedule.toml", "mine");
    let err = p.run(&["init", "church"]).fails();
    assert_eq!(
        err,
        "error: church already has a schedule.toml: nothing was changed. Choose a new folder.\n"
    );
    assert_eq!(p.read("church/schedule.toml"), "mine");
}
