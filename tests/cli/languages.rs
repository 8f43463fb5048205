//! Languages: labels, dates and translated guides in every shipped language, the same rotation
//! in each, and clear errors for broken translation files.

use crate::Project;

const SHIPPED: [&str; 7] = ["en", "es", "fr", "pt", "de", "ko", "ar"];

/// The small fixture with the Spanish (complete) and Arabic (partial) translations of alpha.
fn project() -> Project {
    let p = Project::fixture("small");
    crate::copy_dir(&crate::fixtures().join("translations"), &p.path("guides"));
    p
}

/// A Sunday in Advent (its name is translated too) with Alphaland's story, facts and praise.
const SUNDAY: &str = "2026-11-29";

#[test]
fn a_day_and_a_week_in_every_shipped_language() {
    let p = project();
    for tag in SHIPPED {
        let day = p
            .run(&["build", "--date", SUNDAY, "--stdout", "--language", tag])
            .ok();
        insta::assert_snapshot!(format!("day_{tag}"), day);
        let week = p
            .run(&[
                "build",
                "--date",
                SUNDAY,
                "--week",
                "--stdout",
                "--format",
                "html",
                "--language",
                tag,
            ])
            .ok();
        insta::assert_snapshot!(format!("week_{tag}"), week);
        let text = p
            .run(&[
                "build",
                "--date",
                SUNDAY,
                "--week",
                "--stdout",
                "--format",
                "txt",
                "--language",
                tag,
            ])
            .ok();
        insta::assert_snapshot!(format!("week_txt_{tag}"), text);
    }
}

#[test]
fn english_runs_on_an_arabic_page_are_marked_and_isolated() {
    let p = project();
    p.replace(
        "schedule.toml",
        "paper = \"letter\"",
        "paper = \"letter\"\nbase_url = \"https://example.org/prayer/\"",
    );
    let day = p
        .run(&[
            "build",
            "--date",
            SUNDAY,
            "--stdout",
            "--format",
            "html",
            "--language",
            "ar",
        ])
        .ok();
    // The partial translation's gaps: English, left to right, each marked.
    assert!(
        day.contains("<p lang=\"en\" dir=\"ltr\">Test Prayer Guide</p>"),
        "{day}"
    );
    assert!(
        day.contains("<li lang=\"en\" dir=\"ltr\">Pray for Alphaland believers, point four.</li>"),
        "{day}"
    );
    assert!(day.contains("<h1>ألفالاند</h1>"), "{day}");
    // The Latin pseudonym is a run of its own inside the Arabic note.
    assert!(
        day.contains(
            "<span lang=\"en\" dir=\"ltr\">A teacher.</span> <bdi>\u{2068}Ana\u{2069} اسم مستعار"
        ),
        "{day}"
    );
    // A label's values are isolated on a right-to-left page: the address keeps its `/` at the end.
    let bulletin = p
        .run(&[
            "build",
            "--date",
            SUNDAY,
            "--week",
            "--stdout",
            "--format",
            "bulletin",
            "--language",
            "ar",
        ])
        .ok();
    assert!(
        bulletin.contains("\u{2068}https://example.org/prayer/\u{2069}"),
        "{bulletin}"
    );
    // In Spanish, translated throughout, nothing is marked.
    let es = p
        .run(&[
            "build",
            "--date",
            SUNDAY,
            "--stdout",
            "--format",
            "html",
            "--language",
            "es",
        ])
        .ok();
    assert!(!es.contains("<li lang=\"en\""), "{es}");
}

#[test]
fn the_title_and_a_pinned_theme_in_another_language() {
    let p = project();
    p.replace(
        "schedule.toml",
        "title = \"Test Prayer Guide\"",
        "title.en = \"Test Prayer Guide\"\ntitle.es = \"Guía de prueba\"",
    );
    p.replace(
        "schedule.toml",
        "points = [\"Pray for all who suffer.\", \"Pray for our church.\"]",
        "points = [\"Pray for all who suffer.\", \"Pray for our church.\"]\n\
         [pin.es]\ntitle = \"Día de oración\"\npoints = [\"Oremos por los que sufren.\"]",
    );
    let check = p.run(&["check"]);
    assert!(
        check
            .stderr
            .contains("`pin.es`: pin 1: not translated, shown in `en`: text, points[2]"),
        "{}",
        check.stderr
    );
    let day = |tag: &str| {
        p.run(&[
            "build",
            "--date",
            "2026-11-01",
            "--stdout",
            "--format",
            "html",
            "--language",
            tag,
        ])
        .ok()
    };
    let es = day("es");
    assert!(es.contains("<p>Guía de prueba</p>"), "{es}");
    assert!(es.contains("<h1>Día de oración</h1>"), "{es}");
    assert!(es.contains("<li>Oremos por los que sufren.</li>"), "{es}");
    // What the Spanish leaves out is English, and says so.
    assert!(
        es.contains("<p lang=\"en\" dir=\"ltr\">A day for everyone.</p>"),
        "{es}"
    );
    assert!(
        es.contains("<li lang=\"en\" dir=\"ltr\">Pray for our church.</li>"),
        "{es}"
    );
    // French has none of its own: the English title and theme, marked.
    let fr = day("fr");
    assert!(
        fr.contains("<h1 lang=\"en\" dir=\"ltr\">Day of Prayer</h1>"),
        "{fr}"
    );
    assert!(
        fr.contains("<p lang=\"en\" dir=\"ltr\">Test Prayer Guide</p>"),
        "{fr}"
    );
    // A language no page is written in is an error with its line.
    p.replace("schedule.toml", "[pin.es]", "[pin.nl]");
    let err = p.run(&["check"]).fails();
    assert!(
        err.contains("schedule.toml:13:6: `pin.nl`: no page is written in `nl`"),
        "{err}"
    );
}

#[test]
fn an_arabic_week_is_right_to_left() {
    let p = project();
    let week = |tag: &str, format: &str| {
        p.run(&[
            "build",
            "--date",
            SUNDAY,
            "--week",
            "--stdout",
            "--format",
            format,
            "--language",
            tag,
        ])
        .ok()
    };
    for format in ["html", "bulletin"] {
        assert!(
            week("ar", format).contains("<html lang=\"ar\" dir=\"rtl\">"),
            "{format}"
        );
        assert!(
            week("en", format).contains("<html lang=\"en\">"),
            "{format}"
        );
    }
    // The layout turns with the direction: no side is fixed to the left or right.
    for template in ["week.html", "bulletin.html", "day.html", "site.html"] {
        let text = std::fs::read_to_string(crate::repo().join("templates").join(template)).unwrap();
        for physical in ["-left", "-right", "left:", "right:"] {
            assert!(
                !text.contains(physical),
                "{template} uses `{physical}`; use the logical property (inline-start/end)"
            );
        }
    }
}

#[test]
fn the_rotation_is_the_same_in_every_language() {
    let p = project();
    let context = |tag: &str, date: &str| -> serde_json::Value {
        let json = p
            .run(&["build", "--context", "--date", date, "--language", tag])
            .ok();
        serde_json::from_str(&json).unwrap()
    };
    let english = "2026-11-16".parse::<chrono::NaiveDate>().unwrap();
    for date in english.iter_days().take(21) {
        let date = date.to_string();
        let en = context("en", &date);
        for tag in ["es", "ar", "ko"] {
            let other = context(tag, &date);
            assert_eq!(other["lang"], tag);
            assert_eq!(other["kind"], en["kind"], "{date} {tag}");
            assert_eq!(
                other["country"]["code"], en["country"]["code"],
                "{date} {tag}"
            );
            let (a, b) = (
                en["points"].as_array().unwrap(),
                other["points"].as_array().unwrap(),
            );
            assert_eq!(a.len(), b.len(), "{date} {tag}");
        }
        // Spanish shows the translation of exactly the points English shows, by position.
        if en["country"]["code"] == "AL" {
            let es = context("es", &date);
            let translated = |text: &str| match text {
                "Pray for Alphaland church point one." => {
                    "Oremos por el primer punto de la iglesia de Alfalandia."
                }
                "Pray for Alphaland church point two." => {
                    "Oremos por el segundo punto de la iglesia de Alfalandia."
                }
                "Pray for Alphaland believers, point four." => {
                    "Oremos por el cuarto punto de Alfalandia."
                }
                other => panic!("an unexpected point {other}"),
            };
            for (e, s) in en["points"]
                .as_array()
                .unwrap()
                .iter()
                .zip(es["points"].as_array().unwrap())
            {
                assert_eq!(
                    s.as_str().unwrap(),
                    translated(e.as_str().unwrap()),
                    "{date}"
                );
            }
        }
    }
}

#[test]
fn a_missing_translation_falls_back_with_a_warning() {
    let p = project();
    let run = p.run(&[
        "build",
        "--date",
        "2026-11-26",
        "--stdout",
        "--language",
        "ar",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "guides/ar/alpha.toml: not translated, shown in `en`: points[2], points[3], \
             points[4], praise[1], scripture, story.quote, story.context"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("2 of 3 guides have no `ar` translation and are shown in `en`: beta, gamma"),
        "{}",
        run.stderr
    );
    // The untranslated point is there in English, not blank.
    assert!(
        run.stdout
            .contains("صلِّ من أجل النقطة الأولى لكنيسة ألفالاند.")
    );
    assert!(
        run.stdout
            .contains("  2. Pray for Alphaland church point two.")
    );
    // A language with no built-in labels and no locales file: English labels, and a warning.
    let run = p.run(&[
        "build",
        "--date",
        "2026-11-26",
        "--stdout",
        "--language",
        "sw",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("no labels for `sw`"), "{}", run.stderr);
    assert!(run.stdout.contains("Please pray"));
}

#[test]
fn a_project_file_overrides_labels_by_id() {
    let p = project();
    p.write("locales/es.ftl", "# Ours\nplease-pray = Intercedamos\n");
    let out = p
        .run(&[
            "build",
            "--date",
            "2026-11-26",
            "--stdout",
            "--language",
            "es",
        ])
        .ok();
    assert!(out.contains("\nIntercedamos\n"), "{out}");
    assert!(out.contains("\nDemos gracias\n"), "{out}");
}

#[test]
fn a_malformed_label_file_is_an_error_with_file_and_line() {
    let p = project();
    p.write(
        "locales/es.ftl",
        "please-pray = Oremos\ngive-thanks = Demos { $gracias\nread = Lectura\n",
    );
    let err = p
        .run(&[
            "build",
            "--date",
            "2026-11-26",
            "--stdout",
            "--language",
            "es",
        ])
        .fails();
    assert!(err.starts_with("error: locales/es.ftl:2:"), "{err}");
    assert!(err.contains("not valid Fluent"), "{err}");
}

#[test]
fn a_malformed_translation_is_an_error_with_file_and_line() {
    let p = project();
    p.write(
        "guides/es/beta.toml",
        "name = \"Betastán\"\nsumary = \"Resumen.\"\n",
    );
    p.write("guides/es/nowhere.toml", "name = \"Ninguna\"\n");
    let err = p.run(&["check"]).fails();
    insta::assert_snapshot!(err);
}

#[test]
fn several_languages_build_into_a_folder_each() {
    let p = project();
    let out = p
        .run(&[
            "build",
            "--date",
            "2026-11-26",
            "--day",
            "--language",
            "en,es,ar",
            "--format",
            "html",
        ])
        .ok();
    assert!(out.contains("public/days/2026-11-26.html"), "{out}");
    assert!(out.contains("public/es/days/2026-11-26.html"), "{out}");
    assert!(out.contains("public/ar/days/2026-11-26.html"), "{out}");
    assert!(
        p.read("public/es/days/2026-11-26.html")
            .contains("<html lang=\"es\">")
    );
    assert!(
        p.read("public/days/2026-11-26.html")
            .contains("<html lang=\"en\">")
    );
}

#[test]
fn one_send_mails_each_subscriber_in_their_language() {
    use mail_parser::MessageParser;
    let smtp = crate::smtp::Smtp::start();
    let p = crate::email::project_with_email(smtp.port, "");
    crate::copy_dir(&crate::fixtures().join("translations"), &p.path("guides"));
    crate::email::add(&p, "anna@example.org", &["--name", "Anna"]);
    crate::email::add(
        &p,
        "bea@example.org",
        &["--name", "Bea", "--language", "es"],
    );
    p.write("more.csv", "email,name,language\ncho@example.org,,ar\n");
    p.run(&["subscribers", "import", "more.csv"]).ok();
    let export = p.run(&["subscribers", "export"]).ok();
    assert!(
        export.lines().next().unwrap().contains(",hour,language,"),
        "{export}"
    );
    assert!(
        export.contains("bea@example.org,Bea,daily,html,,,es,active,"),
        "{export}"
    );
    // 2026-11-23: a Monday, Alphaland's day.
    let out = p
        .run(&["send", "--date", "2026-11-23", "--cadence", "daily"])
        .ok();
    assert!(out.contains("3 sent"), "{out}");
    let mut by_address = std::collections::BTreeMap::new();
    for raw in smtp.messages() {
        let m = MessageParser::default().parse(&raw).unwrap();
        let to = m
            .to()
            .unwrap()
            .first()
            .unwrap()
            .address()
            .unwrap()
            .to_string();
        let text = m.body_text(0).unwrap().to_string();
        by_address.insert(to, (m.subject().unwrap().to_string(), text));
    }
    let (subject, text) = &by_address["anna@example.org"];
    assert_eq!(subject, "Alphaland: Monday 23 November 2026");
    assert!(text.starts_with("Dear Anna,"), "{text}");
    let (subject, text) = &by_address["bea@example.org"];
    assert_eq!(subject, "Alfalandia: lunes, 23 de noviembre de 2026");
    assert!(text.starts_with("Estimado/a Bea:"), "{text}");
    assert!(text.contains("Recibe la guía diaria"), "{text}");
    let (subject, text) = &by_address["cho@example.org"];
    assert_eq!(subject, "ألفالاند: الاثنين، 23 نوفمبر 2026");
    assert!(text.starts_with("صديقنا العزيز،"), "{text}");
}

#[test]
fn check_reports_coverage_per_language() {
    let p = project();
    let out = p.run(&["check"]).ok();
    assert!(
        out.contains("note: ar: 1 of 3 guides translated (1 in part)\n"),
        "{out}"
    );
    assert!(
        out.contains("note: es: 1 of 3 guides translated\n"),
        "{out}"
    );
    p.write("locales/fr.ftl", "please-pray = { $\n");
    let err = p.run(&["check"]).fails();
    assert!(err.contains("error: locales/fr.ftl:1:"), "{err}");
}

#[test]
fn a_week_after_a_word_reads_from_and_to_in_each_language() {
    let p = project();
    let week = |tag: &str| {
        p.run(&[
            "build",
            "--date",
            SUNDAY,
            "--week",
            "--stdout",
            "--language",
            tag,
        ])
        .ok()
    };
    let fr = week("fr");
    assert!(fr.contains("Semaine du 23 au 29 novembre 2026"), "{fr}");
    // French puts a narrow no-break space before a colon: "LUNDI : …".
    assert!(fr.contains("LUNDI\u{202F}: "), "{fr}");
    assert!(!fr.contains(" : "), "{fr}");
    for (tag, span) in [
        ("es", "Semana del 23 al 29 de noviembre de 2026"),
        ("de", "Woche vom 23. bis 29. November 2026"),
        ("pt", "Semana de 23 a 29 de novembro de 2026"),
    ] {
        let out = week(tag);
        assert!(out.contains(span), "{tag}: {out}");
    }
}

#[test]
fn a_language_without_labels_says_its_pages_are_english() {
    let p = project();
    for tag in ["nl", "zz"] {
        let run = p.run(&[
            "build",
            "--date",
            SUNDAY,
            "--stdout",
            "--format",
            "html",
            "--language",
            tag,
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(
            run.stdout.contains("<html lang=\"en\""),
            "{tag}: {}",
            run.stdout
        );
        assert!(
            run.stderr.contains(&format!(
                "no labels for `{tag}`: pages are written in English, labels and dates, and say \
                 so (lang=\"en\")"
            )),
            "{}",
            run.stderr
        );
        assert!(
            run.stdout.contains("Sunday 29 November 2026"),
            "{}",
            run.stdout
        );
    }
}

#[test]
fn a_title_or_theme_translated_after_publication_leaves_published_days_as_they_were() {
    let p = project();
    // Publishes every day up to a week after today, 1 November 2026 among them.
    p.run(&["build", "--date", "2026-11-01", "--language", "es"])
        .ok();
    let day = |date: &str| {
        p.run(&[
            "build",
            "--date",
            date,
            "--stdout",
            "--format",
            "html",
            "--language",
            "es",
        ])
        .ok()
    };
    let before = day("2026-11-01");
    p.replace(
        "schedule.toml",
        "title = \"Test Prayer Guide\"",
        "title.en = \"Test Prayer Guide\"\ntitle.es = \"Guía de prueba\"",
    );
    p.replace(
        "schedule.toml",
        "points = [\"Pray for all who suffer.\", \"Pray for our church.\"]",
        "points = [\"Pray for all who suffer.\", \"Pray for our church.\"]\n\
         [pin.es]\ntitle = \"Día de oración\"\ntext = \"Un día para todos.\"\n\
         points = [\"Oremos por los que sufren.\", \"Oremos por nuestra iglesia.\"]",
    );
    assert_eq!(day("2026-11-01"), before, "a published day changed");
    let next_year = day("2027-11-07");
    assert!(next_year.contains("<p>Guía de prueba</p>"), "{next_year}");
    assert!(next_year.contains("<h1>Día de oración</h1>"), "{next_year}");
    assert!(!next_year.contains("lang=\"en\""), "{next_year}");
}
