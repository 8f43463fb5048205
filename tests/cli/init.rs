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

#[test]
fn init_leaves_the_templates_built_in_and_templates_copies_one() {
    let p = Project::empty();
    p.run(&["init", "church"]).ok();
    let dir = p.path("church");
    let names: Vec<_> = std::fs::read_dir(dir.join("templates"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names, ["README.md"], "no template is copied as an override");
    assert!(
        run_in(&dir, &["check"])
            .ok()
            .contains("and 0 template overrides: no errors")
    );
    let list = run_in(&dir, &["templates"]).ok();
    assert!(list.starts_with("day.html\nday.txt\n"), "{list}");
    assert_eq!(
        run_in(&dir, &["templates", "day.txt"]).ok(),
        std::fs::read_to_string(crate::repo().join("templates/day.txt")).unwrap()
    );
    assert_eq!(
        run_in(&dir, &["templates", "day.txt", "--copy"]).ok(),
        "created templates/day.txt: it now replaces the built-in day.txt; `prayer-guide check` \
         renders it\n"
    );
    let listed = run_in(&dir, &["templates"]).ok();
    assert!(
        listed.lines().any(|l| l.starts_with("day.txt ")
            && l.split_whitespace().collect::<Vec<_>>()
                == ["day.txt", "replaced", "by", "templates/day.txt"]),
        "{listed}"
    );
    assert!(
        run_in(&dir, &["check"])
            .ok()
            .contains("and 1 template override: no errors")
    );
    assert_eq!(
        run_in(&dir, &["templates", "day.txt", "--copy"]).fails(),
        "error: templates/day.txt already exists: nothing was changed\n"
    );
    assert_eq!(
        run_in(&dir, &["templates", "dayy.txt"]).fails(),
        "error: no built-in template is called dayy.txt: did you mean day.txt? \
         `prayer-guide templates` lists them\n"
    );
}

#[test]
fn the_commented_examples_in_a_new_schedule_are_valid_when_uncommented() {
    let p = Project::empty();
    p.run(&["init", "church"]).ok();
    let schedule = p.read("church/schedule.toml");
    let uncommented: String = schedule
        .lines()
        .map(|line| match line.strip_prefix("# ") {
            // Settings and tables; prose comments stay comments.
            Some(rest) if rest.starts_with('[') || rest.split_once(" = ").is_some() => {
                rest.to_string()
            }
            _ => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    for setting in [
        "bounce_address = ",
        "bounce_limit = ",
        "ca_file = ",
        "[email.dkim]",
        "selector = ",
        "key_file = ",
        "password_env = ",
    ] {
        assert!(
            uncommented.lines().any(|l| l.starts_with(setting)),
            "{setting} is not in init's example:\n{uncommented}"
        );
    }
    p.write("church/schedule.toml", &uncommented);
    let dir = p.path("church");
    let checked = run_in(&dir, &["check"]);
    assert_eq!(checked.code, 0, "{}\n{uncommented}", checked.stderr);
    assert!(checked.stdout.contains("no errors"), "{}", checked.stdout);
}
