use crate::Project;

#[test]
fn plan_table() {
    let p = Project::fixture("small");
    insta::assert_snapshot!(p.run(&["plan", "--from", "2026-10-29", "--days", "8"]).ok());
}

#[test]
fn plan_json() {
    let p = Project::fixture("small");
    let json = p
        .run(&[
            "plan",
            "--from",
            "2026-11-01",
            "--days",
            "2",
            "--format",
            "json",
        ])
        .ok();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v[0]["kind"], "theme");
    assert_eq!(v[1]["code"], "AL");
    assert_eq!(v[1]["points"], serde_json::json!([4, 1]));
}
