//! `check`: every problem of a project in one run, and warnings about content going stale.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;

use crate::content::guide::Unread;
use crate::content::guide::{Entry, mentions_church};
use crate::content::locale::Language;
use crate::content::project::Project;
use crate::content::schedule::Format;
use crate::content::translation::language_folder;
use crate::error::{Diagnostic, Diagnostics, Error};
use crate::publish::assemble::Assembler;
use crate::publish::render::Renderer;
use crate::rotation::Audience;

/// What `check` found, and what it looked at.
#[derive(Debug, Default)]
pub struct Outcome {
    pub diagnostics: Diagnostics,
    pub guides: usize,
    pub templates: usize,
    /// What the edits since the ledger was last written do: "Sri Lanka joins on 2027-02-02".
    pub notes: Vec<String>,
}

/// Checks the project at `config` as of `today` (for review dates).
pub fn check(config: &Path, today: Option<NaiveDate>) -> Result<Outcome, Error> {
    let mut outcome = Outcome::default();
    let project = match Project::load(config) {
        Ok(p) => Some(p),
        Err(Error::Invalid(d)) => {
            outcome.diagnostics.extend(d);
            None
        }
        Err(e) => return Err(e),
    };
    let root = config.parent().unwrap_or(Path::new(""));
    let (guides_dir, templates_dir) = match &project {
        Some(p) => (p.path(&p.schedule.guides), p.path(&p.schedule.templates)),
        None => (root.join("guides"), root.join("templates")),
    };
    outcome.diagnostics.extend(unread_guides(&guides_dir));
    outcome.templates = template_overrides(&templates_dir, &mut outcome.diagnostics);
    let renderer = match Renderer::new(Some(&templates_dir)) {
        Ok(r) => Some(r),
        Err(Error::Invalid(d)) => {
            outcome.diagnostics.extend(d);
            None
        }
        Err(e) => return Err(e),
    };
    if let Some(project) = &project {
        outcome.guides = project.catalog.len();
        let today =
            today.unwrap_or_else(|| crate::content::calendar::today(&project.schedule.timezone));
        content_warnings(project, today, &mut outcome.diagnostics);
        let (_, alert_problems) = crate::content::alerts::load(&project.root, &project.catalog);
        outcome.diagnostics.extend(alert_problems);
        staged_imports(&guides_dir, &mut outcome.notes);
        ledger_checks(project, &mut outcome)?;
        language_checks(project, &mut outcome)?;
        pdf_checks(project, today, &mut outcome);
        church_checks(project, &mut outcome.diagnostics);
        if let Some(renderer) = &renderer {
            render_every_branch(project, renderer, &templates_dir, &mut outcome.diagnostics);
        }
    }
    outcome.diagnostics = std::mem::take(&mut outcome.diagnostics).sorted();
    Ok(outcome)
}

/// A note for each import waiting in `guides/drafts/`: it is not live, so it is neither an
/// error nor a warning, but an editor should hear of it.
fn staged_imports(guides_dir: &Path, notes: &mut Vec<String>) {
    let staged = crate::import::staging::list(guides_dir);
    if staged.is_empty() {
        return;
    }
    let keys: Vec<String> = staged.iter().map(|s| s.key()).collect();
    notes.push(format!(
        "{} import{} waiting for review in {} ({}): `prayer-guide import --review`",
        staged.len(),
        if staged.len() == 1 { "" } else { "s" },
        crate::import::staging::folder(guides_dir, None).display(),
        keys.join(", ")
    ));
}

/// The labels of the schedule's language and of every file in `locales/` (a malformed one is
/// an error with its line), and how much of the library each language has translated: a note
/// per language, and warnings for what falls back to the guides' language.
fn language_checks(project: &Project, outcome: &mut Outcome) -> Result<(), Error> {
    let schedule = &project.schedule;
    let translated: Vec<Language> = project.translations.languages().cloned().collect();
    outcome
        .diagnostics
        .extend(crate::content::multilingual::untranslated_words(
            schedule,
            &project.schedule_file,
            &project.path(&schedule.locales),
        ));
    for language in &languages(project) {
        match project.locale(language) {
            Ok((_, warnings)) => outcome.diagnostics.extend(warnings),
            Err(Error::Invalid(d)) => outcome.diagnostics.extend(d),
            Err(e) => return Err(e),
        }
        // Coverage for the languages the guides are read in: translated, or the schedule's.
        let read_in = translated.contains(language) || *language == schedule.language;
        if *language == schedule.guides_language || !read_in {
            continue;
        }
        let coverage = project.translations.coverage(language, &project.catalog);
        outcome.notes.push(coverage.summary());
        outcome
            .diagnostics
            .extend(coverage.warnings(&schedule.guides_language));
    }
    Ok(())
}

/// The languages a project is built in: the schedule's, those of its `locales/` files and
/// those its guides are translated into, sorted.
fn languages(project: &Project) -> Vec<Language> {
    let schedule = &project.schedule;
    let mut languages: Vec<Language> = vec![schedule.language.clone()];
    let locales = project.path(&schedule.locales);
    if let Ok(read) = std::fs::read_dir(&locales) {
        let mut tags: Vec<Language> = read
            .filter_map(Result::ok)
            .filter_map(|e| {
                let name = e.file_name().into_string().ok()?;
                Language::parse(name.strip_suffix(".ftl")?).ok()
            })
            .collect();
        tags.sort();
        languages.extend(tags);
    }
    languages.extend(project.translations.languages().cloned());
    languages.sort();
    languages.dedup();
    languages
}

/// With `pdf` among the formats: typesets the PDFs of the week and month holding `today` as
/// the next build will, and says what they leave out to fit their page (a note), that one
/// does not fit even so (a warning), and, in its language and each the guides are translated
/// into, that a script has no installed font or an emoji will be left out (warnings: the build
/// writes everything else, and the fonts are the machine's, not the content's).
fn pdf_checks(project: &Project, today: NaiveDate, outcome: &mut Outcome) {
    let schedule = &project.schedule;
    if !schedule.output.formats.contains(&Format::Pdf) {
        return;
    }
    #[cfg(not(feature = "pdf"))]
    {
        let _ = today;
        outcome.diagnostics.push(
            Diagnostic::warning(
                &project.schedule_file.path,
                "`formats` asks for \"pdf\", which this prayer-guide cannot make or check: it \
                 was built without the PDF engine",
            )
            .help(
                "take \"pdf\" out of `formats`, or check with the full program, which makes PDFs",
            ),
        );
    }
    #[cfg(feature = "pdf")]
    pdf_checks_typeset(project, today, outcome);
}

/// [`pdf_checks`] with the PDF engine: a week typeset in each language.
#[cfg(feature = "pdf")]
fn pdf_checks_typeset(project: &Project, today: NaiveDate, outcome: &mut Outcome) {
    let schedule = &project.schedule;
    let file = &project.schedule_file.path;
    // A ledger that does not load is reported by the ledger checks.
    let Ok(ledger) = crate::publish::ledger::load(project, &[], true) else {
        return;
    };
    let date = today.max(schedule.start);
    let selection = crate::publish::output::Selection {
        days: Vec::new(),
        weeks: vec![date],
        formats: vec![Format::Pdf],
        paper: schedule.output.paper,
        large: false,
        today: date,
        calendar: (date, date),
    };
    // The schedule's language and those the guides are translated into: a `locales/` file
    // alone (the repository's own, for one) does not mean the project is built in it.
    let mut languages = vec![schedule.language.clone()];
    languages.extend(project.translations.languages().cloned());
    languages.sort();
    languages.dedup();
    for language in languages {
        // A locale that does not load is reported by the language checks.
        let Ok((locale, _)) = project.locale(&language) else {
            continue;
        };
        let own = language == schedule.language;
        // Another language's files go to a folder of its tag, as `build --language` writes.
        let folder = match own {
            true => String::new(),
            false => format!("{language}/"),
        };
        let assembler = Assembler::new(&project.catalog, schedule, &ledger, Audience::Public)
            .with_locale(locale, &project.translations);
        let rendered = match crate::publish::pdf::render(&assembler, &selection) {
            Ok(r) => r,
            Err(e) => {
                outcome.diagnostics.push(Diagnostic::error(
                    file,
                    format!("--language {language}: {e}"),
                ));
                continue;
            }
        };
        // One warning for the files that fail for the same reason (the same font to install),
        // with the first file's example.
        let mut reasons: Vec<(String, String, Vec<String>)> = Vec::new();
        for (path, why) in rendered.failed {
            let why = why.split_once(" as PDF: ").map_or(why.as_str(), |(_, w)| w);
            let (message, help) = why.split_once("\n  help: ").unwrap_or((why, ""));
            let path = format!("{folder}{}", path.display());
            match reasons.iter_mut().find(|(_, h, _)| h == help) {
                Some((_, _, paths)) => paths.push(path),
                None => reasons.push((message.to_string(), help.to_string(), vec![path])),
            }
        }
        for (message, help, paths) in reasons {
            let message = format!(
                "{}: cannot be typeset, and the build will leave {} out: {message}",
                paths.join(", "),
                if paths.len() == 1 { "it" } else { "them" }
            );
            outcome
                .diagnostics
                .push(Diagnostic::warning(file, message).help(help));
        }
        for notice in rendered.notices {
            match notice.strip_prefix("warning: ") {
                Some(warning) => {
                    let (message, help) = warning.split_once("\n  help: ").unwrap_or((warning, ""));
                    outcome
                        .diagnostics
                        .push(Diagnostic::warning(file, format!("{folder}{message}")).help(help));
                }
                // How another language's sheet fits is its own build's to say.
                None if own => outcome
                    .notes
                    .push(notice.trim_start_matches("note: ").to_string()),
                None => {}
            }
        }
    }
}

/// How long a church's name fits beside the title of the printed sheet at its usual size.
pub const CHURCH_CHARS: usize = 60;

/// A warning when `[output] church` is longer than fits beside the sheet's title: it is set
/// smaller, or under the title, which takes a line from the week.
fn church_checks(project: &Project, out: &mut Diagnostics) {
    let Some(church) = project.schedule.output.church.as_deref() else {
        return;
    };
    let n = church.chars().count();
    if n <= CHURCH_CHARS {
        return;
    }
    let file = &project.schedule_file;
    out.push(
        Diagnostic::warning(
            &file.path,
            format!(
                "the church's name is {n} characters; beside the printed sheet's title there is \
                 room for about {CHURCH_CHARS}, so it is set smaller or under the title, on a \
                 line of its own"
            ),
        )
        .at(file.locate(Some("output"), "church"))
        .field("output.church")
        .help("a shorter form of the name (\"St Mark's, Easton\") prints beside the title"),
    );
}

/// Files in the guides folder that look like guides but are not read: say so, rather than
/// leave a country silently out.
fn unread_guides(dir: &Path) -> Diagnostics {
    let mut out = Diagnostics::default();
    for (path, problem) in crate::content::guide::unread_files(dir) {
        // A folder named by a language tag (`es`, `pt-BR`) holds translations, read as such.
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if problem == Unread::Subfolder && language_folder(name).is_some() {
            continue;
        }
        let d = Diagnostic::warning(&path, problem.message());
        out.push(d.help(problem.help(&path)));
    }
    out
}

/// Counts the project's template overrides, and warns about template files that replace no
/// built-in template (a misspelt name is otherwise silently ignored).
fn template_overrides(dir: &Path, out: &mut Diagnostics) -> usize {
    let found = crate::publish::render::overrides(dir);
    for (path, nearest) in &found.unused {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let help = match nearest {
            Some(right) => format!("did you mean {right}? Rename the file to replace the built-in {right}"),
            None => "name it after the built-in template it replaces; `prayer-guide templates` lists them".to_string(),
        };
        out.push(
            Diagnostic::warning(
                path,
                format!("{name} replaces no built-in template and no template includes it, so it is not used"),
            )
            .help(help),
        );
    }
    found.active.len()
}

/// The ledger read and checked against the guides, the pins checked against each other, and
/// notes on what the edits since the ledger was last written do.
fn ledger_checks(project: &Project, outcome: &mut Outcome) -> Result<(), Error> {
    use crate::publish::ledger;
    use crate::rotation::ledger::Shown;
    let file = ledger::path(project);
    let outputs = [project.path(&project.schedule.output.dir)];
    let ledger = match ledger::load(project, &outputs, false) {
        Ok(l) => l,
        Err(Error::Invalid(d)) => {
            outcome.diagnostics.extend(d);
            return Ok(());
        }
        Err(Error::Usage(message)) => {
            outcome.diagnostics.push(Diagnostic::error(&file, message));
            return Ok(());
        }
        Err(e) => return Err(e),
    };
    let mut unknown: Vec<(String, NaiveDate)> = Vec::new();
    for (i, day) in ledger.days.iter().enumerate() {
        if let Shown::Country { code, .. } = &day.shown
            && project.catalog.by_code(code).is_none()
            && !unknown.iter().any(|(c, _)| c == code)
        {
            unknown.push((code.clone(), ledger.start + chrono::Days::new(i as u64)));
        }
    }
    for (code, date) in unknown {
        outcome.diagnostics.push(
            Diagnostic::error(
                &file,
                format!(
                    "published days show `{code}` (first on {date}), but no guide has that code"
                ),
            )
            .help(
                "a published guide stays in the guides folder: put its file back (set `retired` \
                 to take it out of the rotation, or `prayer-guide withdraw CODE` to take it off \
                 published pages too)",
            ),
        );
    }
    let rotation = crate::rotation::Rotation::new(&project.catalog, &project.schedule, &ledger);
    let found = rotation.contradictions()?;
    outcome
        .diagnostics
        .extend(ledger::diagnostics(project, &found));
    if !found.iter().any(|c| c.error) {
        outcome.notes.extend(rotation.notes()?);
    }
    Ok(())
}

/// Drafts, guides with too few points for a visit, reviews more than a year old, days or sheet
/// lines without the church in them, and pseudonyms used twice.
fn content_warnings(project: &Project, today: NaiveDate, out: &mut Diagnostics) {
    for draft in &project.catalog.drafts {
        out.push(crate::content::guide::draft_warning(&draft.file));
    }
    let per_day = project.schedule.points_per_day;
    pseudonym_warnings(&project.catalog.entries, out);
    for entry in &project.catalog.entries {
        church_warnings(entry, out);
        let g = &entry.guide;
        let public = g.points.iter().filter(|p| !p.restricted).count();
        if public < per_day {
            out.push(
                entry
                    .file
                    .warning_at(None, "points", format!("{public} public points, fewer than a day shows ({per_day})"))
                    .help("add points, or lower points_per_day in schedule.toml; days will show fewer points"),
            );
        }
        if let Some(reviewed) = g.reviewed
            && (today - reviewed).num_days() > 365
        {
            out.push(
                entry
                    .file
                    .warning_at(
                        None,
                        "reviewed",
                        format!("last reviewed {reviewed}, over a year ago"),
                    )
                    .help(
                        "check the facts and links against current sources, then update `reviewed`",
                    ),
            );
        }
    }
}

/// A lead sentence that does not name the church, and every public point that does not: so
/// that whatever points the rotation gives a day, and whichever one a listing shows, the day
/// is about the persecuted church. (Restricted points are left to the closed circle's editor.)
fn church_warnings(entry: &Entry, out: &mut Diagnostics) {
    let g = &entry.guide;
    let lead = g.lead();
    if !mentions_church(&lead) {
        out.push(
            entry
                .file
                .warning_at(
                    None,
                    "summary",
                    format!("the first sentence does not mention the church: {lead:?}"),
                )
                .help(format!(
                    "the sheet, the bulletin and the digest show only this sentence: begin with the \
                     believers, e.g. \"{}'s Christians are ...\" ({WORDS_HELP})",
                    g.name
                )),
        );
    }
    for (i, point) in g.points.iter().enumerate() {
        if point.restricted || mentions_church(&point.text) {
            continue;
        }
        out.push(
            Diagnostic::warning(
                &entry.file.path,
                format!(
                    "point {} does not mention the church: {:?}",
                    i + 1,
                    point.text.trim()
                ),
            )
            .at(entry
                .file
                .locate_array_item("points", i)
                .or_else(|| entry.file.locate(None, "points")))
            .field(format!("points[{i}]"))
            .help(format!(
                "name the believers or the church, e.g. \"Pray for the Christians of {} ...\"; \
                 a prayer for leaders asks that they protect the church ({WORDS_HELP})",
                g.name
            )),
        );
    }
}

/// Where the words that count as "about the church" are listed for editors.
const WORDS_HELP: &str = "the words that count are listed in guides/README.md";

/// A story pseudonym already used by another guide (ignoring case): readers would take two
/// testimonies for one person.
fn pseudonym_warnings(entries: &[Entry], out: &mut Diagnostics) {
    let mut seen: HashMap<String, &Path> = HashMap::new();
    for entry in entries {
        let Some(story) = &entry.guide.story else {
            continue;
        };
        let key = story.pseudonym.trim().to_lowercase();
        if let Some(first) = seen.get(&key) {
            out.push(
                entry
                    .file
                    .warning_at(
                        Some("story"),
                        "pseudonym",
                        format!(
                            "\"{}\" is also the pseudonym in {}",
                            story.pseudonym.trim(),
                            first.display()
                        ),
                    )
                    .help("give every testimony its own pseudonym, unique across the library"),
            );
        } else {
            seen.insert(key, &entry.file.path);
        }
    }
}

/// Renders every template in every branch: the made-up samples (theme days, private pages,
/// each paper, with and without notes, the site, the email greeting and footer), then the
/// project's own first day and week, so that a template mistake is caught by `check` rather
/// than by the build of the day that first takes its branch. Each mistake is reported once.
fn render_every_branch(project: &Project, renderer: &Renderer, dir: &Path, out: &mut Diagnostics) {
    let mut errors = crate::publish::samples::Samples::new().render_all(renderer);
    errors.extend(crate::mail::message::render_samples(renderer));
    errors.extend(render_project_sample(project, renderer));
    let mut seen = Vec::new();
    for error in errors {
        let found = match error {
            Error::Invalid(d) => d.0,
            e => vec![Diagnostic::error(dir, e.to_string())],
        };
        for d in found {
            let place = (d.path.clone(), d.location);
            if !seen.contains(&place) {
                seen.push(place);
                out.push(d);
            }
        }
    }
}

/// The project's own first day and week in every format, and a one-day site.
fn render_project_sample(project: &Project, renderer: &Renderer) -> Vec<Error> {
    let schedule = &project.schedule;
    let ledger = crate::rotation::ledger::Ledger::new(schedule.start);
    let assembler = Assembler::new(&project.catalog, schedule, &ledger, Audience::Public);
    let date = schedule.start;
    let sample = assembler
        .day(date)
        .and_then(|day| Ok((day, assembler.week(date, schedule.output.paper)?)));
    let (day, week) = match sample {
        Ok(s) => s,
        Err(e) => {
            let d = Diagnostic::error(&project.schedule_file.path, e.to_string());
            return vec![Error::Invalid(Diagnostics(vec![d]))];
        }
    };
    let mut results = vec![
        renderer
            .day_in(&day, &[Format::Html, Format::Txt])
            .map(|_| ()),
        renderer
            .week_in(&week, &[Format::Html, Format::Txt, Format::Bulletin])
            .map(|_| ()),
    ];
    let site = crate::publish::site::render(&assembler, renderer, date, date, date, week.paper);
    results.push(site.map(|_| ()));
    results.extend(render_subjects(project, renderer, &day, &week));
    results.into_iter().filter_map(Result::err).collect()
}

/// The email subject lines of schedule.toml, rendered with the first day and week as `send`
/// will; a mistake is placed on its line in schedule.toml, not in a template file.
fn render_subjects(
    project: &Project,
    renderer: &Renderer,
    day: &crate::publish::assemble::DayGuide,
    week: &crate::publish::assemble::WeekGuide,
) -> Vec<Result<(), Error>> {
    let email = &project.schedule.email;
    let mut subjects = renderer.clone();
    let rendered = [
        ("subject_daily", subjects.one_off(&email.subject_daily, day)),
        (
            "subject_weekly",
            subjects.one_off(&email.subject_weekly, week),
        ),
    ];
    rendered
        .into_iter()
        .map(|(key, result)| {
            result.map(|_| ()).map_err(|e| {
                let why = match e {
                    Error::Invalid(d) => d.0.into_iter().map(|d| d.message).collect::<Vec<_>>(),
                    e => vec![e.to_string()],
                };
                let d = project
                    .schedule_file
                    .error_at(
                        Some("email"),
                        key,
                        format!("the subject line does not render: {}", why.join("; ")),
                    )
                    .help(
                        "a subject is a Tera template like \"{{ heading }}: {{ date_long }}\"; \
                         `prayer-guide build --context` (add --week for the weekly one) prints \
                         every variable it can use",
                    );
                Error::Invalid(Diagnostics(vec![d]))
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::guide::Guide;
    use crate::content::source::SourceFile;

    fn entry(file: &str, summary: &str, points: &[&str], pseudonym: Option<&str>) -> Entry {
        let points: Vec<String> = points.iter().map(|p| format!("{p:?}")).collect();
        let story = pseudonym.map_or(String::new(), |p| {
            format!("[story]\npseudonym = {p:?}\nquote = \"Q.\"\ncontext = \"C.\"\n")
        });
        let text = format!(
            "name = \"Testland\"\ncode = \"TL\"\nregion = \"R\"\nreviewed = 2026-11-01\n\
             summary = {summary:?}\npoints = [{}]\n{story}\n[[sources]]\ntitle = \"S\"\n\
             url = \"https://example.org\"\n",
            points.join(", ")
        );
        let file = SourceFile {
            path: file.into(),
            text,
        };
        let guide: Guide = file.parse().unwrap();
        Entry { guide, file }
    }

    fn warnings(f: impl FnOnce(&mut Diagnostics)) -> Vec<String> {
        let mut out = Diagnostics::default();
        f(&mut out);
        out.0
            .iter()
            .map(|d| format!("{}: {}", d.field.clone().unwrap_or_default(), d.message))
            .collect()
    }

    #[test]
    fn warns_when_the_lead_sentence_leaves_out_the_church() {
        let e = entry(
            "g/t.toml",
            "A land of hills. Its Christians meet.",
            &["Pray for believers."],
            None,
        );
        let w = warnings(|out| church_warnings(&e, out));
        assert_eq!(
            w,
            vec![r#"summary: the first sentence does not mention the church: "A land of hills.""#]
        );
        let e = entry(
            "g/t.toml",
            "Its Christians meet. A land of hills.",
            &["Pray for believers."],
            None,
        );
        assert!(warnings(|out| church_warnings(&e, out)).is_empty());
    }

    #[test]
    fn warns_about_each_public_point_that_leaves_out_the_church() {
        let pts = [
            "Pray for the church.",
            "Pray for the rulers.",
            "Pray for the rain.",
            "Pray for the pastors.",
            "Pray for the roads.",
        ];
        let mut e = entry("g/t.toml", "The church grows.", &pts, None);
        // A restricted point is for a closed circle, which knows what it prays about.
        e.guide.points[2].restricted = true;
        let mut out = Diagnostics::default();
        church_warnings(&e, &mut out);
        let found: Vec<String> = out.0.iter().map(|d| d.to_string()).collect();
        let help = "  help: name the believers or the church, e.g. \"Pray for the Christians of \
                    Testland ...\"; a prayer for leaders asks that they protect the church (the \
                    words that count are listed in guides/README.md)";
        assert_eq!(
            found,
            [
                format!(
                    "warning: g/t.toml:6:35: `points[1]`: point 2 does not mention the church: \
                     \"Pray for the rulers.\"\n{help}"
                ),
                format!(
                    "warning: g/t.toml:6:106: `points[4]`: point 5 does not mention the church: \
                     \"Pray for the roads.\"\n{help}"
                ),
            ]
        );
    }

    #[test]
    fn warns_on_a_pseudonym_used_twice_ignoring_case() {
        let a = entry(
            "g/a.toml",
            "The church grows.",
            &["Pray for believers."],
            Some("Maryam"),
        );
        let b = entry(
            "g/b.toml",
            "The church grows.",
            &["Pray for believers."],
            Some("Rima"),
        );
        let c = entry(
            "g/c.toml",
            "The church grows.",
            &["Pray for believers."],
            Some(" maryam"),
        );
        let w = warnings(|out| pseudonym_warnings(&[a, b, c], out));
        assert_eq!(
            w,
            vec![r#"story.pseudonym: "maryam" is also the pseudonym in g/a.toml"#]
        );
    }
}
