//! An import never changes what a live guide shows: it stages beside it, in guides/drafts/, and
//! only `import --accept` puts it in place. Tried on the repository's own project, whose
//! Kazakhstan guide is live and whose 23 November 2026 is published.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::Path;

use crate::{Project, Run, files_under, fixtures};

const TODAY: &str = "2026-12-07";

fn project() -> Project {
    let p = Project::repository();
    for page in ["kazakhstan.html", "algeria.txt"] {
        let bytes = std::fs::read(fixtures().join("import").join(page)).unwrap();
        std::fs::create_dir_all(p.path("pages")).unwrap();
        std::fs::write(p.path(&format!("pages/{page}")), bytes).unwrap();
    }
    let schedule = p.read("schedule.toml");
    p.write(
        "schedule.toml",
        &format!(
            "{schedule}\n[email]\nfrom = \"Prayer Team <prayer@example.org>\"\n\
             unsubscribe_url = \"https://example.org/unsubscribe?token={{token}}\"\n\
             [email.smtp]\nhost = \"127.0.0.1\"\nport = 9\nsecurity = \"none\"\n"
        ),
    );
    p.run(&["subscribers", "add", "ann@example.org"]).ok();
    p
}

fn import(p: &Project, args: &[&str]) -> Run {
    let mut all = vec!["import", "--today", TODAY];
    all.extend_from_slice(args);
    p.run(&all)
}

/// Builds the published weeks around Kazakhstan's day (23 November) as pages, text, calendar
/// and feed, and the site; then a test send of that day. Returns every file, by path.
fn build_and_send(p: &Project, out: &str) -> BTreeMap<String, Vec<u8>> {
    let range = ["--from", "2026-11-16", "--to", "2026-11-29"];
    let mut build = vec!["build", "--format", "html,txt,ics,atom", "--today", TODAY];
    build.extend(range);
    build.extend(["--out", out]);
    p.run(&build).ok();
    let site = format!("{out}-site");
    let mut args = vec!["build", "--site", "--today", TODAY, "--out", &site];
    args.extend(range);
    p.run(&args).ok();
    let mail = format!("{out}-mail");
    p.run(&[
        "send",
        "--date",
        "2026-11-23",
        "--cadence",
        "daily",
        "--to-dir",
        &mail,
    ])
    .ok();
    let mut files = BTreeMap::new();
    for folder in [out.to_string(), site, mail] {
        for file in files_under(&p.path(&folder)) {
            let name = file
                .strip_prefix(p.path(&folder))
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let mut bytes = std::fs::read(&file).unwrap();
            if name.ends_with(".eml") {
                // A message's id and date are its own; its text is the day's.
                bytes = body_of(&bytes);
            }
            let label = if folder == out {
                "out"
            } else {
                folder.rsplit('-').next().unwrap()
            };
            files.insert(format!("{label}/{name}"), bytes);
        }
    }
    files
}

fn body_of(raw: &[u8]) -> Vec<u8> {
    let m = mail_parser::MessageParser::default().parse(raw).unwrap();
    m.body_text(0).unwrap().into_owned().into_bytes()
}

#[test]
fn an_import_into_a_live_published_guide_changes_nothing_until_it_is_accepted() {
    let p = project();
    let guide = p.read("guides/kazakhstan.toml");
    let plan = |p: &Project| {
        p.run(&["plan", "--from", "2026-11-16", "--days", "60"])
            .ok()
    };
    let before = build_and_send(&p, "before");
    // After the build, which records its days in the ledger that plan compares with.
    let plan_before = plan(&p);
    assert!(
        String::from_utf8_lossy(&before["mail/daily-2026-11-23-1.eml"]).contains("Kazakhstan"),
        "the test send is Kazakhstan's day"
    );

    let run = import(&p, &["pages/kazakhstan.html"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("  staged guides/drafts/kazakhstan.toml: "),
        "{}",
        run.stdout
    );
    assert_eq!(p.read("guides/kazakhstan.toml"), guide);

    // Everything that reads the project works as before, and shows what it showed.
    let check = p.run(&["check", "--today", TODAY]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check
            .stdout
            .contains("note: 1 import waiting for review in guides/drafts (KZ)"),
        "{}",
        check.stdout
    );
    assert_eq!(plan(&p), plan_before);
    let after = build_and_send(&p, "after");
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &before {
        assert!(after[name] == *bytes, "{name} changed after an import");
    }

    // The review shows the change; the accept puts it in place; published days stay as they were.
    let review = import(&p, &["--review"]).ok();
    assert!(
        review.contains("== KZ (guides/drafts/kazakhstan.toml)"),
        "{review}"
    );
    assert!(review.contains("--- guides/kazakhstan.toml"), "{review}");
    assert!(
        review.contains("+  \"Pray for pastors who are questioned by the police.\","),
        "{review}"
    );
    let accepted = import(&p, &["--accept", "KZ"]).ok();
    assert!(
        accepted
            .starts_with("accepted KZ: guides/kazakhstan.toml is in place, reviewed 2026-12-07"),
        "{accepted}"
    );
    assert!(!p.path("guides/drafts").exists());
    let live = p.read("guides/kazakhstan.toml");
    assert!(live.contains("questioned by the police"), "{live}");
    assert!(live.contains("\nreviewed = 2026-12-07\n"), "{live}");
    assert_eq!(p.run(&["check", "--today", TODAY]).code, 0);
    let accepted_files = build_and_send(&p, "accepted");
    for (name, bytes) in &before {
        // The site's country page shows the guide as it is now; every day's file is frozen.
        if name.starts_with("site/countries/") {
            continue;
        }
        assert!(
            accepted_files[name] == *bytes,
            "{name} of a published day changed after the accept"
        );
    }

    // The same page again: already imported, nothing staged.
    let again = import(&p, &["pages/kazakhstan.html"]);
    assert!(
        again.stdout.contains("already imported on 2026-12-07"),
        "{}",
        again.stdout
    );
    assert!(!p.path("guides/drafts").exists());
}

#[test]
fn a_staged_import_can_be_discarded_and_an_unknown_code_is_named() {
    let p = project();
    import(&p, &["pages/kazakhstan.html"]).ok();
    let wrong = import(&p, &["--accept", "DZ"]);
    assert_eq!(wrong.code, 1, "{}", wrong.stderr);
    assert!(
        wrong
            .stderr
            .contains("nothing staged for `DZ`; waiting: KZ"),
        "{}",
        wrong.stderr
    );
    let gone = import(&p, &["--discard", "kz"]).ok();
    assert!(
        gone.contains(
            "discarded guides/drafts/kazakhstan.toml (KZ); guides/kazakhstan.toml is unchanged"
        ),
        "{gone}"
    );
    assert!(!p.path("guides/drafts").exists());
}

#[test]
fn one_address_for_many_pages_is_refused_and_a_list_gives_each_its_own() {
    let p = project();
    let both = import(
        &p,
        &[
            "pages/kazakhstan.html",
            "pages/algeria.txt",
            "--source-url",
            "https://example.org/one",
        ],
    );
    assert_eq!(both.code, 1);
    assert!(
        both.stderr
            .contains("--source-url names the address of one page"),
        "{}",
        both.stderr
    );
    // A list saved by a Windows editor: BOM, CRLF, a comment.
    p.write(
        "addresses.txt",
        "\u{feff}# page address\r\npages/algeria.txt   https://hope-ministries.example/post/algeria-15\r\npages/kazakhstan.html https://example.org/not-its-own\r\n",
    );
    let run = import(
        &p,
        &[
            "pages/kazakhstan.html",
            "pages/algeria.txt",
            "--sources",
            "addresses.txt",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("  source: the page names its own address; --source-url https://example.org/not-its-own not used\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("  source: https://hope-ministries.example/post/algeria-15\n")
    );
    let record = p.read("imports.txt");
    assert_eq!(
        record.lines().filter(|l| !l.starts_with('#')).count(),
        2,
        "{record}"
    );
    let bad = p.path("bad.txt");
    std::fs::write(&bad, "pages/algeria.txt\n").unwrap();
    let refused = import(&p, &["pages/algeria.txt", "--sources", "bad.txt"]);
    assert!(
        refused
            .stderr
            .contains("bad.txt:1: `pages/algeria.txt` is not `PAGE URL`"),
        "{}",
        refused.stderr
    );
}

#[test]
fn control_codes_on_a_page_never_reach_the_terminal() {
    let p = project();
    let page = "Kazakhstan \u{1b}[2J\u{1b}]0;owned\u{7}news\n\nBelievers in Kazakhstan are fined \u{1b}[31mfor meeting\u{1b}[0m in homes, and the fines grew this year.\n\nPlease pray\n\n- Pray for the \u{202e}fined churches\n- Pray for the pastors\u{9b}2J questioned by police\n";
    p.write("pages/codes.txt", page);
    let run = import(
        &p,
        &[
            "pages/codes.txt",
            "--source-url",
            "https://example.org/codes",
            "--dry-run",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    for text in [&run.stdout, &run.stderr] {
        assert!(
            !text
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t'
                    || ('\u{202a}'..='\u{202e}').contains(&c)),
            "{text:?}"
        );
    }
}

/// A real HTTP server (axum) on 127.0.0.1 that serves the fixtures' pages and a feed of them.
fn server() -> SocketAddr {
    use axum::Router;
    use axum::http::header;
    use axum::routing::get;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let addr = listener.local_addr().unwrap();
    let page = std::fs::read(fixtures().join("import/kazakhstan.html")).unwrap();
    let feed = format!(
        "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Hope Ministries</title>\
         <link>http://{addr}/</link><description>Letters</description>\
         <item><title>Kazakhstan - Christians Persecuted</title><link>http://{addr}/post/kz</link>\
         <pubDate>Fri, 20 Nov 2026 10:00:00 GMT</pubDate><description>A short teaser.</description></item>\
         <item><title>An old letter</title><link>http://{addr}/post/old</link>\
         <pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate><description>Old.</description></item>\
         </channel></rss>\n"
    );
    std::thread::spawn(move || {
        let routes = Router::new()
            .route(
                "/post/kz",
                get(move || async move { ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], page) }),
            )
            .route(
                "/feed",
                get(move || async move { ([(header::CONTENT_TYPE, "application/rss+xml")], feed) }),
            );
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            axum::serve(listener, routes).await.unwrap();
        });
    });
    addr
}

#[test]
fn pages_come_from_addresses_and_feeds() {
    let p = project();
    let addr = server();
    let feed = format!("http://{addr}/feed");
    let run = import(&p, &["--feed", &feed, "--since", "2026-11-01", "--dry-run"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains(&format!("feed {feed}: 1 letters to read\n")),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("1 older entry not read (--limit 20, --since 2026-11-01)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("would stage guides/drafts/kazakhstan.toml"),
        "{}",
        run.stdout
    );
    let page = format!("http://{addr}/post/kz");
    let direct = import(&p, &[&page]);
    assert_eq!(direct.code, 0, "{}", direct.stderr);
    assert!(
        direct.stdout.starts_with(&format!("{page}\n")),
        "{}",
        direct.stdout
    );
    let missing = import(&p, &[&format!("http://{addr}/post/none")]);
    assert_eq!(missing.code, 1);
    assert!(missing.stderr.contains("404"), "{}", missing.stderr);
    assert!(Path::new(&p.path("guides/drafts/kazakhstan.toml")).exists());
}
