//! `import`: saved pages (tests/fixtures/import/) into guide drafts, on the real binary.

use crate::{Project, Run, fixtures};

/// The small project with the named pages copied into `pages/`.
fn project_with(pages: &[&str]) -> Project {
    let p = Project::fixture("small");
    for page in pages {
        let text = std::fs::read_to_string(fixtures().join("import").join(page)).unwrap();
        p.write(&format!("pages/{page}"), &text);
    }
    p
}

fn import(p: &Project, args: &[&str]) -> Run {
    let mut all = vec!["import", "--today", "2026-11-25"];
    all.extend_from_slice(args);
    p.run(&all)
}

/// A guide staged by an import, in guides/drafts/.
fn guide(p: &Project, name: &str) -> toml::Table {
    toml::from_str(&p.read(&format!("guides/drafts/{name}"))).unwrap()
}

fn points(g: &toml::Table) -> Vec<&str> {
    g["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect()
}

#[test]
fn a_saved_html_page_becomes_a_draft_that_check_flags() {
    let p = project_with(&["kazakhstan.html"]);
    let run = import(&p, &["pages/kazakhstan.html"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "pages/kazakhstan.html
  read as HTML
  title: “Kazakhstan - Christians Persecuted”
  ignored: “Home About Us Prayer Letters Donate”: site navigation, sharing or comments (by its markup)
  ignored: “This website uses cookies to improve your experience. By con…”: site navigation, sharing or comments (by its markup)
  ignored: “Hope Ministries Nov 20, 2026 2 min read”: site navigation, sharing or comments (by its markup)
  ignored: “© 2026 Hope Ministries. All rights reserved. bottom of page”: site navigation, sharing or comments (by its markup)
  ignored: “Skip to Main Content”: navigation
  ignored: “top of page”: navigation
  ignored: “Recent Posts”: other posts, comments or the footer follow
  ignored: “See All”: other posts, comments or the footer follow
  ignored: “Algeria: Churches Still Closed”: outside the post's main content
  ignored: “3 views 0 comments”: a counter
  ignored: “Pray for Nigeria This Advent”: outside the post's main content
  ignored: “5 views 1 comment”: a counter
  ignored: “Facebook Twitter LinkedIn Copy link”: site navigation, sharing or comments (by its markup)
  ignored: “1 view0 comments”: a counter
  ignored: “YES - I WILL PRAY”: a call to action
  ignored: “Facebook Twitter LinkedIn”: share buttons
  ignored: “12 people prayed”: a counter
  source: https://hope-ministries.example/post/kazakhstan-2026
  country: Kazakhstan (KZ), named in the title as “Kazakhstan”
  language: en (from <html lang=\"en\">)
  summary: 2 paragraphs, from “In Kazakhstan, every religious community must register with…”
  story: “Aigerim”: “My mother cried and said I had shamed our family. I still pr…”
  prayer points after “Please pray”:
    point: Pray for Aigerim and other believers rejected by their families.
    point: Pray for the churches fined for meeting in homes, that they would not lose heart.
    point: Pray that the registration rules would be eased.
    point: Pray for pastors who are questioned by the police.
  staged guides/drafts/kazakhstan.toml: a new draft: 4 points, the summary (2 paragraphs), the story, 1 source
1 page: 1 new draft, 0 updates staged, 0 unchanged
nothing is live yet: `prayer-guide import --review` shows what accepting would change, `prayer-guide import --accept CODE` puts it in place
"
    );
    assert_eq!(run.stderr, "");
    let g = guide(&p, "kazakhstan.toml");
    assert_eq!(g["name"].as_str(), Some("Kazakhstan"));
    assert_eq!(g["region"].as_str(), Some("Central Asia"));
    assert!(!g.contains_key("reviewed"));
    assert_eq!(
        g["summary"].as_str().unwrap(),
        "In Kazakhstan, every religious community must register with the state, and meeting \
         without registration can bring heavy fines. Protestant churches in several regions were \
         fined again this year for worshipping in homes.\n\nBelievers from Kazakh Muslim families \
         often face the strongest pressure from their own relatives, who see leaving Islam as \
         betraying the nation. Some have been forced to leave home.\n"
    );
    assert_eq!(points(&g).len(), 4);
    assert_eq!(g["story"]["pseudonym"].as_str(), Some("Aigerim"));
    assert_eq!(
        g["story"]["quote"].as_str(),
        Some(
            "My mother cried and said I had shamed our family. I still pray for her every morning."
        )
    );
    let source = &g["sources"].as_array().unwrap()[0];
    assert_eq!(
        source["title"].as_str(),
        Some("Kazakhstan - Christians Persecuted")
    );
    assert_eq!(
        source["url"].as_str(),
        Some("https://hope-ministries.example/post/kazakhstan-2026")
    );
    assert_eq!(source["accessed"].to_string(), "2026-11-25");
    let text = p.read("guides/drafts/kazakhstan.toml");
    assert!(text.contains(
        "  # Quoted from https://hope-ministries.example/post/kazakhstan-2026 (imported 2026-11-25)\n"
    ));

    // `check` notes the staged draft; nothing else changes, and the rotation does not see it.
    let check = p.run(&["check", "--today", "2026-11-25"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert_eq!(check.stderr, "");
    assert!(
        check.stdout.contains(
            "note: 1 import waiting for review in guides/drafts (KZ): `prayer-guide import --review`\n"
        ),
        "{}",
        check.stdout
    );
    assert!(
        check.stdout.contains("checked 3 guides"),
        "{}",
        check.stdout
    );
    let plan = p
        .run(&[
            "plan",
            "--from",
            "2026-11-23",
            "--days",
            "9",
            "--format",
            "json",
        ])
        .ok();
    assert!(!plan.contains("KZ"), "{plan}");
}

#[test]
fn a_text_page_with_messy_bullets_and_the_testimony_first() {
    let p = project_with(&["algeria.txt"]);
    let run = import(
        &p,
        &[
            "pages/algeria.txt",
            "--source-url",
            "https://hope-ministries.example/post/algeria-15",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    for line in [
        "  read as text\n",
        "  title: “#15 in Christian Persecution, Algeria”\n",
        "  ignored (line 3): “Prayer Letters”: the site's menu, above the title\n",
        "  ignored (line 7): “We use cookies to improve your experience on our site. Accep…”: cookie banner\n",
        "  ignored (line 12): “Oct 3, 2026”: date or byline\n",
        "  ignored (line 34): “YES - I WILL PRAY”: a call to action\n",
        "  ignored (line 36): “2 views0 comments”: a counter\n",
        "  ignored (line 39): “Recent Posts”: the end of the post: what follows is other posts, comments or the footer\n",
        "  ignored (line 40): “5 lines, from “See All””: after the end of the post\n",
        "  country: Algeria (DZ), named in the title as “Algeria”\n",
        "  story: “Yusuf”: “When my father found my Bible, he told me to leave and never…”\n",
    ] {
        assert!(run.stdout.contains(line), "no {line:?} in\n{}", run.stdout);
    }
    let g = guide(&p, "algeria.toml");
    assert_eq!(
        points(&g),
        [
            "Pray for the congregations whose buildings were sealed, to find safe places to meet.",
            "Pray that the courts would overturn the sentences of believers imprisoned for sharing their faith.",
            "Pray for Yusuf and his father.",
            "Pray for the leaders of the EPA as they appeal to the authorities.",
            "Pray for new believers who meet alone, that they would find fellowship.",
            "Pray that Algerian Christians would keep loving their neighbours.",
        ]
    );
    let summary = g["summary"].as_str().unwrap();
    assert!(
        summary.starts_with("Since 2018 the authorities"),
        "{summary}"
    );
    assert!(
        !summary.contains("Yusuf"),
        "the story leaked into the summary: {summary}"
    );
    assert_eq!(g["story"]["pseudonym"].as_str(), Some("Yusuf"));
    assert_eq!(
        g["story"]["context"].as_str(),
        Some(
            "Yusuf (name changed) is a young believer from a Muslim family in the north of Algeria. A pastor's family took him in."
        )
    );
}

#[test]
fn importing_the_same_page_twice_changes_nothing_the_second_time() {
    let p = project_with(&["kazakhstan.html", "algeria.txt"]);
    import(&p, &["pages/kazakhstan.html"]).ok();
    let url = [
        "--source-url",
        "https://hope-ministries.example/post/algeria-15",
    ];
    import(&p, &["pages/algeria.txt", url[0], url[1]]).ok();
    let before = (
        p.read("guides/drafts/kazakhstan.toml"),
        p.read("guides/drafts/algeria.toml"),
        p.read("imports.txt"),
    );
    let again = import(&p, &["pages/kazakhstan.html"]);
    assert_eq!(again.code, 0);
    assert!(
        again
            .stdout
            .ends_with("  already imported on 2026-11-25 (guides/drafts/kazakhstan.toml); nothing changed (--force reads it again)\n1 page: 0 new drafts, 0 updates staged, 0 unchanged, 1 already imported\n"),
        "{}",
        again.stdout
    );
    assert_eq!(again.stderr, "");
    import(&p, &["pages/algeria.txt", url[0], url[1]]).ok();
    let after = (
        p.read("guides/drafts/kazakhstan.toml"),
        p.read("guides/drafts/algeria.toml"),
        p.read("imports.txt"),
    );
    assert_eq!(before, after);
    // Read again by force, it finds everything there already.
    let forced = import(&p, &["pages/kazakhstan.html", "--force"]);
    assert!(
        forced.stdout.contains(
            "  unchanged guides/drafts/kazakhstan.toml: everything on the page is there already\n"
        ),
        "{}",
        forced.stdout
    );
}

#[test]
fn an_existing_guide_is_merged_keeping_its_comments() {
    let p = project_with(&["kazakhstan.html"]);
    p.write(
        "guides/kz.toml",
        "# Kazakhstan, by our editors.\n\
         name = \"Kazakhstan\"\ncode = \"KZ\"\nregion = \"Central Asia\"\nreviewed = 2026-10-01\n\n\
         summary = \"\"\"\nOur own summary of Kazakhstan.\n\"\"\"\n\n\
         points = [\n  \"Pray that the registration rules would be eased!\",  # from the 2025 letter\n  \
         \"Pray for Kazakh believers from Muslim families.\",\n]\n\n\
         [[sources]]\ntitle = \"Our notes\"\nurl = \"https://example.org/kz\"\n",
    );
    let live = p.read("guides/kz.toml");
    let run = import(&p, &["pages/kazakhstan.html"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        p.read("guides/kz.toml"),
        live,
        "the live guide is never written"
    );
    assert!(run.stdout.contains(
        "  staged guides/drafts/kz.toml: point already there (as point 1): Pray that the registration rules would be eased.; \
         3 points appended; summary kept (--replace-summary replaces it with the page's); \
         story of “Aigerim” added; source added; now a draft: `reviewed` removed until an editor checks the imported text\n"
    ), "{}", run.stdout);
    assert!(!p.path("guides/kazakhstan.toml").exists());
    assert!(!p.path("guides/drafts/kazakhstan.toml").exists());
    let text = p.read("guides/drafts/kz.toml");
    assert!(
        text.starts_with("# Kazakhstan, by our editors.\n"),
        "{text}"
    );
    assert!(text.contains("# reviewed = 2026-10-01 until the import of 2026-11-25: check the quoted text, then set it again\n"), "{text}");
    assert!(text.contains(
        "  \"Pray for Kazakh believers from Muslim families.\",\n  \
         # Quoted from https://hope-ministries.example/post/kazakhstan-2026 (imported 2026-11-25)\n  \
         \"Pray for Aigerim and other believers rejected by their families.\",\n"
    ), "{text}");
    assert!(
        text.contains("eased!\",  # from the 2025 letter\n"),
        "{text}"
    );
    let g = guide(&p, "kz.toml");
    assert_eq!(
        g["summary"].as_str(),
        Some("Our own summary of Kazakhstan.\n")
    );
    assert_eq!(points(&g).len(), 5);
    assert_eq!(g["sources"].as_array().unwrap().len(), 2);

    let replaced = import(
        &p,
        &["pages/kazakhstan.html", "--replace-summary", "--force"],
    );
    assert!(
        replaced.stdout.contains("summary replaced by the page's"),
        "{}",
        replaced.stdout
    );
    assert!(
        p.read("guides/drafts/kz.toml").contains(
            "# The summary before the import of 2026-11-25:\n#   Our own summary of Kazakhstan.\n"
        ),
        "{}",
        p.read("guides/drafts/kz.toml")
    );
    let g = guide(&p, "kz.toml");
    assert!(
        g["summary"]
            .as_str()
            .unwrap()
            .starts_with("In Kazakhstan, every religious")
    );
    assert_eq!(points(&g).len(), 5);
}

#[test]
fn a_page_about_two_countries_gives_a_draft_for_each() {
    let p = project_with(&["prayer-shields.html"]);
    let run = import(&p, &["pages/prayer-shields.html"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("  country: Malaysia (MY), named in the title, with a section of its own\n")
    );
    assert!(
        run.stdout
            .contains("  country: India (IN), named in the title, with a section of its own\n")
    );
    let my = guide(&p, "malaysia.toml");
    assert_eq!(
        points(&my),
        [
            "Pray for believers from a Malay background who meet in secret.",
            "Pray for church leaders who counsel them at great risk.",
        ]
    );
    assert!(my["summary"].as_str().unwrap().starts_with("In Malaysia"));
    let india = guide(&p, "india.toml");
    assert_eq!(points(&india).len(), 3);
    assert!(
        india["summary"]
            .as_str()
            .unwrap()
            .starts_with("In parts of India")
    );
}

#[test]
fn two_countries_without_sections_ask_which_one() {
    let p = project_with(&["prayer-shields-together.txt"]);
    let url = "https://hope-ministries.example/post/shields";
    let run = import(
        &p,
        &["pages/prayer-shields-together.txt", "--source-url", url],
    );
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error: pages/prayer-shields-together.txt: the page is about 2 countries, Malaysia (MY), India (IN), \
         without a section for each\n  help: say which one this page is for: --country MY (or split the page, \
         with a heading naming each country above its part)\n"
    );
    assert!(!p.path("guides/drafts/malaysia.toml").exists());
    let chosen = import(
        &p,
        &[
            "pages/prayer-shields-together.txt",
            "--source-url",
            url,
            "--country",
            "Malaysia",
        ],
    );
    assert_eq!(chosen.code, 0, "{}", chosen.stderr);
    assert!(
        chosen
            .stdout
            .contains("  country: Malaysia (MY), as --country says\n")
    );
    assert_eq!(
        points(&guide(&p, "malaysia.toml")),
        [
            "Pray for believers who meet in secret.",
            "Pray for pastors under arrest."
        ]
    );
}

#[test]
fn the_country_only_in_the_first_paragraph() {
    let p = project_with(&["standing-firm.txt"]);
    let run = import(
        &p,
        &[
            "pages/standing-firm.txt",
            "--source-url",
            "https://hope-ministries.example/post/standing-firm",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("  country: North Korea (KP), named in the first paragraph as “DPRK”\n")
    );
    assert!(run.stdout.contains(
        "  not used: “Thank you for standing with the church in North Korea.”: after the prayer points: not part of the summary\n"
    ));
    let g = guide(&p, "north-korea.toml");
    assert_eq!(g["name"].as_str(), Some("North Korea"));
    // The fourth line, "Thank God for…", is praise (`Content.praise`), not a prayer point.
    assert_eq!(points(&g).len(), 3, "one point per line, without bullets");
}

#[test]
fn a_page_without_prayer_points_is_a_clear_error() {
    let p = project_with(&["news-only.html"]);
    let run = import(&p, &["pages/news-only.html"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error: pages/news-only.html: no prayer points for Algeria: no heading such as “Please pray”, \
         “Pray for”, “Pray that”, “How to pray”, “How you can pray”, “Ways to pray” and no list whose \
         lines open with “Pray”, “Please pray”, “Let us pray”, “Let's pray” (the page reads as `en`)\n  \
         help: a guide needs prayer points: import a page that has them, or write them by hand (a \
         project adds words in locales/<tag>.ftl: import-prayer-headings, import-prayer-verbs)\n"
    );
    assert!(run.stdout.ends_with(
        "1 page: 0 new drafts, 0 updates staged, 0 unchanged; 1 page failed (see above)\n"
    ));
    assert!(!p.path("guides/drafts/algeria.toml").exists());
}

#[test]
fn an_unknown_country_lists_near_matches() {
    let p = project_with(&["unknown.txt"]);
    let run = import(
        &p,
        &[
            "pages/unknown.txt",
            "--source-url",
            "https://example.org/news",
        ],
    );
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error: pages/unknown.txt: no country is named in the title or the first paragraphs\n  \
         help: near matches: Turkmenistan (TM); if one is right, pass --country TM\n"
    );
    let wrong = import(
        &p,
        &[
            "pages/unknown.txt",
            "--source-url",
            "https://example.org/news",
            "--country",
            "Turkmenstan",
        ],
    );
    assert_eq!(
        wrong.stderr,
        "error: pages/unknown.txt: `Turkmenstan` is not a country in the list\n  \
         help: near matches: Turkmenistan (TM); if one is right, pass --country TM\n"
    );
}

#[test]
fn a_page_in_spanish() {
    let p = project_with(&["kazajistan.html"]);
    let run = import(&p, &["pages/kazajistan.html"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("  country: Kazakhstan (KZ), named in the title as “Kazajistán”\n")
    );
    assert!(
        run.stdout
            .contains("  prayer points after “Motivos de oración”:\n")
    );
    assert!(
        run.stdout
            .contains("  ignored: “SÍ, YO ORARÉ”: a call to action\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("  ignored: “1 vista0 comentarios”: a counter\n"),
        "{}",
        run.stdout
    );
    let g = guide(&p, "kazajistan.toml");
    assert_eq!(g["name"].as_str(), Some("Kazajistán"));
    assert_eq!(g["code"].as_str(), Some("KZ"));
    assert_eq!(
        points(&g),
        [
            "Oremos por las iglesias multadas por reunirse en casas.",
            "Que los creyentes rechazados por sus familias encuentren una nueva familia en la iglesia.",
            "Oremos por las autoridades, para que respeten la libertad religiosa.",
        ]
    );
    assert_eq!(g["story"]["pseudonym"].as_str(), Some("Ana"));
    assert_eq!(
        g["sources"].as_array().unwrap()[0]["url"].as_str(),
        Some("https://ministerio-esperanza.example/post/kazajistan")
    );
}

#[test]
fn a_dry_run_writes_nothing() {
    let p = project_with(&["kazakhstan.html"]);
    let run = import(&p, &["pages/kazakhstan.html", "--dry-run"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("  would stage guides/drafts/kazakhstan.toml: a new draft")
    );
    assert!(
        run.stdout.contains(
            "--- guides/drafts/kazakhstan.toml (not written: --dry-run)\n# A draft made by"
        )
    );
    assert!(!p.path("guides/drafts").exists());
    assert!(!p.path("imports.txt").exists());
}

#[test]
fn text_without_an_address_asks_for_one() {
    let p = project_with(&["algeria.txt"]);
    let run = import(&p, &["pages/algeria.txt"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error: pages/algeria.txt: the page does not say where it was published, and a guide needs its source\n  \
         help: pass its address: prayer-guide import pages/algeria.txt --source-url https://... (or --sources FILE for many pages)\n"
    );
}

#[test]
fn import_help_teaches_with_examples() {
    let help = crate::run_in(std::path::Path::new("."), &["import", "--help"]).ok();
    assert!(
        help.contains("Examples:\n  prayer-guide import saved/kazakhstan.html "),
        "{help}"
    );
    assert!(help.contains("--replace-summary"));
    assert!(help.contains("\"already imported\""), "{help}");
    assert!(help.contains("--accept"));
}

#[test]
fn a_windows_1252_page_is_decoded_by_its_meta_charset() {
    let p = project_with(&["kazajistan.html"]);
    let page = p
        .read("pages/kazajistan.html")
        .replace("<head>", "<head>\n<meta charset=\"windows-1252\">");
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&page);
    assert!(!unmappable);
    std::fs::write(p.path("pages/kazajistan.html"), &bytes).unwrap();
    let run = import(&p, &["pages/kazajistan.html"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with(
            "pages/kazajistan.html\n  read as HTML\n  decoded as windows-1252 (from its <meta charset>)\n  \
             title: “Kazajistán: creyentes multados”\n"
        ),
        "{}",
        run.stdout
    );
    let g = guide(&p, "kazajistan.toml");
    assert_eq!(g["name"].as_str(), Some("Kazajistán"));
    assert_eq!(
        points(&g)[2],
        "Oremos por las autoridades, para que respeten la libertad religiosa."
    );
}

#[test]
fn an_image_is_not_a_page() {
    let p = project_with(&[]);
    p.write("pages/photo.png", "");
    std::fs::write(
        p.path("pages/photo.png"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0",
    )
    .unwrap();
    let run = import(&p, &["pages/photo.png"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error: pages/photo.png: it is not a text or HTML page (it looks like a PNG image)\n  \
         help: pass the page as the browser saves it: File → Save Page As…, as HTML (.html) or as \
         text (.txt)\n"
    );
}
