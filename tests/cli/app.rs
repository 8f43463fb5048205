//! The site as an installable offline app, and "I will pray": the files a build writes, what
//! `serve` answers, and (ignored unless Chromium is installed) a real browser installing,
//! reading offline and pressing the button.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use mail_parser::MessageParser;

use crate::serve::{Browser, Server, agent, get, project, reply};
use crate::smtp::Smtp;
use crate::{Project, files_under};

/// Today where the fixture's schedule is (Europe/London), as `serve` decides it.
fn today() -> NaiveDate {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::London)
        .date_naive()
}

fn site_args<'a>(from: &'a str, to: &'a str, date: &'a str, out: &'a str) -> Vec<&'a str> {
    vec![
        "build", "--site", "--from", from, "--to", to, "--date", date, "--out", out,
    ]
}

#[test]
fn the_app_rebuilds_byte_identical_and_a_private_site_has_no_worker() {
    let p = Project::fixture("small");
    for out in ["a", "b"] {
        p.run(&site_args("2026-11-01", "2026-12-31", "2026-11-02", out))
            .ok();
    }
    let a = files_under(&p.path("a"));
    let b = files_under(&p.path("b"));
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(
            std::fs::read(x).unwrap(),
            std::fs::read(y).unwrap(),
            "{} differs between two builds",
            x.display()
        );
    }

    let manifest: serde_json::Value =
        serde_json::from_str(&p.read("a/manifest.webmanifest")).unwrap();
    let title = p
        .read("schedule.toml")
        .lines()
        .find_map(|l| l.strip_prefix("title = "))
        .unwrap()
        .trim_matches('"')
        .to_string();
    assert_eq!(manifest["name"], title.as_str());
    assert_eq!(manifest["start_url"], "today.html");
    assert_eq!(manifest["display"], "standalone");
    for icon in manifest["icons"].as_array().unwrap() {
        let png = std::fs::read(p.path(&format!("a/{}", icon["src"].as_str().unwrap()))).unwrap();
        assert!(png.starts_with(b"\x89PNG"));
    }
    let worker = p.read("a/sw.js");
    assert!(
        worker.contains("\"from\":\"2026-11-01\",") && worker.contains("\"to\":\"2026-12-31\",")
    );
    let day = p.read("a/days/2026-11-02.html");
    assert!(
        day.contains(r#"<link rel="manifest" href="../manifest.webmanifest">"#),
        "{day}"
    );
    assert!(day.contains(r#"<form class="pray print-hide" method="post" action="../pray""#));

    // A rebuild whose pages change gets a new cache version, so readers' copies are replaced.
    p.replace("guides/alpha.toml", "Alphaland", "Alphaland Republic");
    p.run(&site_args("2026-11-01", "2026-12-31", "2026-11-02", "c"))
        .ok();
    let version = |text: &str| text.split("\"version\":\"").nth(1).unwrap()[..16].to_string();
    assert_ne!(p.read("c/index.html"), p.read("a/index.html"));
    assert_ne!(version(&p.read("c/sw.js")), version(&worker));

    // Private: the pages and their script, but nothing that keeps them in a browser.
    p.run(
        &[
            &site_args("2026-11-01", "2026-11-30", "2026-11-02", "closed")[..],
            &["--private"],
        ]
        .concat(),
    );
    assert!(p.path("closed/app.js").exists());
    for kept in ["sw.js", "manifest.webmanifest", "icons"] {
        assert!(!p.path(&format!("closed/{kept}")).exists(), "{kept}");
    }
    let private_day = p.read("closed/days/2026-11-02.html");
    assert!(!private_day.contains("rel=\"manifest\"") && !private_day.contains("data-app"));
}

/// The HTML part of a message.
fn html_of(raw: &[u8]) -> String {
    let m = MessageParser::default().parse(raw).unwrap();
    m.body_html(0).unwrap().to_string()
}

fn count_on(server: &Server, date: &str) -> serde_json::Value {
    let r = get(&server.url(&format!("/pray/count?date={date}")));
    assert_eq!(r.status, 200, "{}", r.body);
    serde_json::from_str(&r.body).unwrap()
}

#[test]
fn i_will_pray_counts_a_press_once_per_browser_and_a_get_never() {
    let smtp = Smtp::start();
    let p = project(smtp.port, "");
    let to = (today() + chrono::Days::new(40)).to_string();
    let today = today().to_string();
    p.run(&site_args(&today, &to, &today, "public")).ok();
    p.run(&["subscribers", "add", "ann@example.org"]).ok();
    p.run(&["send", "--date", &today]).ok();
    let html = html_of(&crate::serve::wait_for(&smtp, 1)[0]);
    let link = format!("https://example.org/prayer/pray?date={today}");
    assert!(html.contains(&format!("<a href=\"{link}\"")), "{html}");

    let server = Server::start(&p);
    // The worker goes out as JavaScript from the site's root: no Service-Worker-Allowed needed.
    let worker = get(&server.url("/sw.js"));
    assert_eq!(worker.status, 200);
    assert_eq!(worker.headers["content-type"], "text/javascript");
    assert!(worker.headers.get("service-worker-allowed").is_none());
    let manifest = get(&server.url("/manifest.webmanifest"));
    assert_eq!(
        manifest.headers["content-type"],
        "application/manifest+json"
    );

    // A mail scanner opens the digest's link, twice: a page with a button, nothing counted.
    let link = link.replace("https://example.org/prayer", &server.base);
    for _ in 0..2 {
        let page = get(&link);
        assert_eq!(page.status, 200);
        assert!(
            page.body
                .contains("<button type=\"submit\">I will pray</button>"),
            "{}",
            page.body
        );
        assert!(page.body.contains("No one has said yet"), "{}", page.body);
    }
    assert_eq!(count_on(&server, &today)["count"], 0);

    // The button without JavaScript: counted, and the browser is given its token.
    let press = |cookie: Option<&str>, json: bool| {
        let mut request = agent().post(&server.url("/pray"));
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        if json {
            request = request.header("accept", "application/json");
        }
        reply(
            request
                .send_form([("date", today.as_str()), ("lang", "en")])
                .unwrap(),
        )
    };
    let first = press(None, false);
    assert_eq!(first.status, 200, "{}", first.body);
    assert!(first.body.contains("1 person prayed."), "{}", first.body);
    let cookie = first.headers["set-cookie"].to_str().unwrap().to_string();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let token = cookie.split(';').next().unwrap().to_string();
    // The same browser again the same day: not counted.
    let again = press(Some(&token), false);
    assert!(again.body.contains("already said so"), "{}", again.body);
    assert!(again.body.contains("1 person prayed."), "{}", again.body);
    assert!(again.headers.get("set-cookie").is_none());
    // Another browser, through a script.
    let other = press(None, true);
    let answer: serde_json::Value = serde_json::from_str(&other.body).unwrap();
    assert_eq!(answer["counted"], true);
    assert_eq!(answer["count"], 2);
    assert_eq!(
        answer["text"],
        "You are counted among those who pray for this day. 2 people prayed."
    );
    assert_eq!(count_on(&server, &today)["text"], "2 people prayed.");
    // Days that cannot be prayed for now are refused.
    let old = reply(
        agent()
            .post(&server.url("/pray"))
            .send_form([("date", "2020-01-01")])
            .unwrap(),
    );
    assert_eq!(old.status, 404, "{}", old.body);

    // The editors see it.
    let status = p.run(&["status"]).stdout;
    assert!(
        status.contains("\"I will pray\": today 2, last 7 days 2"),
        "{status}"
    );

    // The database holds no address and no token of a reader who pressed.
    drop(server);
    let token_value = token.split('=').nth(1).unwrap();
    for file in files_under(&p.path("state")) {
        let bytes = std::fs::read(&file).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("127.0.0.1"),
            "{} holds an address",
            file.display()
        );
        assert!(
            !text.contains(token_value),
            "{} holds a reader's token",
            file.display()
        );
    }
}

#[test]
fn presses_from_one_network_are_limited_by_the_hour() {
    let smtp = Smtp::start();
    let p = project(smtp.port, "prayers_per_hour = 3");
    let server = Server::start(&p);
    let today = today().to_string();
    let statuses: Vec<u16> = (0..4)
        .map(|_| {
            reply(
                agent()
                    .post(&server.url("/pray"))
                    .send_form([("date", today.as_str())])
                    .unwrap(),
            )
            .status
        })
        .collect();
    assert_eq!(statuses, [200, 200, 200, 429]);
    assert_eq!(count_on(&server, &today)["count"], 3);
}

/// The visible `<title>` of a built page.
fn title_of(html: &str) -> String {
    let start = html.find("<title>").unwrap() + "<title>".len();
    let end = html[start..].find("</title>").unwrap();
    html[start..start + end]
        .replace("&amp;", "&")
        .replace("&#x27;", "'")
}

/// Waits until `expression` is true in the page.
fn wait_until(browser: &Browser, expression: &str, what: &str) {
    let start = Instant::now();
    while browser.eval_async(expression) != serde_json::Value::Bool(true) {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "waited 30 s for {what}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
#[ignore = "needs chromium and chromedriver: .ci/run installs them"]
fn the_site_installs_under_a_sub_path_and_reads_today_and_tomorrow_offline() {
    let smtp = Smtp::start();
    let p = project(smtp.port, "");
    let (today, tomorrow) = (today(), today() + chrono::Days::new(1));
    let to = (today + chrono::Days::new(40)).to_string();
    let today = today.to_string();
    p.run(&site_args(&today, &to, &today, "public/prayer")).ok();
    let server = Server::start(&p);
    let browser = Browser::start();
    let base = server.base.clone();
    let page = |date: &dyn std::fmt::Display| format!("{base}/prayer/days/{date}.html");
    browser.open(&page(&today));

    // The manifest as Chromium reads it, and whether it would install the site.
    let manifest = browser.cdp("Page.getAppManifest", serde_json::json!({}));
    assert_eq!(
        manifest["url"],
        server.url("/prayer/manifest.webmanifest").as_str()
    );
    assert_eq!(manifest["errors"], serde_json::json!([]), "{manifest}");
    let parsed: serde_json::Value =
        serde_json::from_str(manifest["data"].as_str().unwrap()).unwrap();
    assert_eq!(parsed["scope"], "./");

    // The worker installs (its install step keeps the coming days) and controls the pages.
    wait_until(
        &browser,
        "navigator.serviceWorker.ready.then((r) => !!r.active && r.active.state === 'activated')",
        "the service worker",
    );
    let scope = browser.eval_async("navigator.serviceWorker.ready.then((r) => r.scope)");
    assert_eq!(scope, server.url("/prayer/").as_str());
    let installable = browser.cdp("Page.getInstallabilityErrors", serde_json::json!({}));
    assert_eq!(
        installable["installabilityErrors"],
        serde_json::json!([]),
        "{installable}"
    );
    let kept = "caches.keys().then((names) => Promise.all(names.map((n) => caches.open(n).then((c) => c.keys()))))\
         .then((lists) => lists.flat().map((r) => r.url))";
    let cached = browser.eval_async(kept);
    let cached: Vec<&str> = cached
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    let days_kept = cached
        .iter()
        .filter(|u| u.contains("/prayer/days/"))
        .count();
    assert_eq!(days_kept, 30, "{cached:?}");
    assert!(cached.contains(&page(&tomorrow).as_str()), "{cached:?}");
    assert!(
        cached.iter().any(|u| u.contains("/prayer/print/")),
        "{cached:?}"
    );

    // The network off: DevTools' offline emulation, and the server gone too, since the worker's
    // own requests are not the page's and emulation may not reach them.
    browser.cdp("Network.enable", serde_json::json!({}));
    browser.cdp(
        "Network.emulateNetworkConditions",
        serde_json::json!({ "offline": true, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1 }),
    );
    drop(server);
    for date in [today.clone(), tomorrow.to_string()] {
        browser.open(&page(&date));
        let expected = title_of(&p.read(&format!("public/prayer/days/{date}.html")));
        assert_eq!(
            browser.eval("document.title"),
            expected.as_str(),
            "{date} offline"
        );
    }
    // "Today" opens the reader's own date from the app's start page, offline too.
    browser.open(&page(&tomorrow).replace(&format!("days/{tomorrow}.html"), "today.html"));
    let start = Instant::now();
    while !browser
        .eval("location.pathname")
        .as_str()
        .unwrap_or("")
        .ends_with(&format!("days/{today}.html"))
    {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "today.html did not open today's page"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
#[ignore = "needs chromium and chromedriver: .ci/run installs them"]
fn i_will_pray_counts_one_click_a_day_in_a_real_browser() {
    let smtp = Smtp::start();
    let p = project(smtp.port, "");
    let today = today().to_string();
    let to = (crate::app::today() + chrono::Days::new(10)).to_string();
    p.run(&site_args(&today, &to, &today, "public")).ok();
    let server = Server::start(&p);
    let browser = Browser::start();
    let page = server.url(&format!("/days/{today}.html"));
    browser.open(&page);
    assert!(
        browser
            .text_with("No one has said yet")
            .contains("No one has said yet")
    );
    browser.click("form.pray button");
    assert!(
        browser
            .text_with("1 person prayed.")
            .contains("1 person prayed."),
        "{}",
        browser.text()
    );
    assert_eq!(
        browser.eval("document.querySelector('form.pray button').disabled"),
        true
    );

    // Back the same day: the button says it is done.
    browser.open(&page);
    assert!(
        browser
            .text_with("1 person prayed.")
            .contains("You will pray for this day")
    );
    assert_eq!(
        browser.eval("document.querySelector('form.pray button').disabled"),
        true
    );
    // Even with the page's memory cleared, the server knows the browser: counted once.
    browser.eval("localStorage.clear()");
    browser.open(&page);
    assert!(
        browser
            .text_with("1 person prayed.")
            .contains("1 person prayed.")
    );
    browser.click("form.pray button");
    assert!(
        browser
            .text_with("already said so")
            .contains("already said so"),
        "{}",
        browser.text()
    );
    assert_eq!(count_on(&server, &today)["count"], 1);
}
