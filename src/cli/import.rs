//! `import`: each page's report, the files staged, then `check` on each of them; or the review,
//! acceptance or discarding of what is staged.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{ImportArgs, print_out};
use crate::content::calendar::parse_date;
use crate::error::{Diagnostics, Error};
use crate::import::fetch::Fetcher;
use crate::import::inputs::{self, Input};
use crate::import::merge::Action;
use crate::import::record::{self, Record};
use crate::import::{Options, PageReport, import_bytes, staging, write};

/// A page's report stops after this many lines, with a count of the rest.
const REPORT_LINES: usize = 200;

/// A line of the report, with nothing a page wrote that could drive the terminal.
macro_rules! say {
    ($out:expr, $($arg:tt)*) => {
        let _ = writeln!($out, "{}", printable(&format!($($arg)*)));
    };
}

pub fn run(config: &Path, args: ImportArgs) -> Result<ExitCode, Error> {
    let today = match args.today.as_deref() {
        Some(t) => parse_date(t).map_err(Error::Usage)?,
        None => chrono::Local::now().date_naive(),
    };
    let settings = Settings::read(config);
    let into = args.into.clone().unwrap_or(settings.guides);
    if let Some(which) = &args.review {
        return review(&into, which);
    }
    if let Some(which) = &args.accept {
        return accept(&into, which, today);
    }
    if let Some(which) = &args.discard {
        for s in staging::select(&into, which)? {
            staging::discard(&s)?;
            println!(
                "discarded {} ({}); {} is unchanged",
                s.path.display(),
                s.key(),
                s.live.display()
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    if args.source_url.is_some() && args.pages.len() > 1 {
        return Err(Error::Usage(format!(
            "--source-url names the address of one page, and {} pages were given\n  help: a saved HTML page usually names its own address; for the others, list `PAGE URL` lines in a file and pass --sources FILE",
            args.pages.len()
        )));
    }
    let addresses = match &args.sources {
        Some(file) => read_sources(file)?,
        None => HashMap::new(),
    };
    let record_path = config.parent().unwrap_or(Path::new("")).join(record::FILE);
    let mut record = Record::read(&record_path)?;
    let options = Options {
        into,
        source_url: args.source_url.clone(),
        country: args.country.clone(),
        replace_summary: args.replace_summary,
        today,
        guides_language: settings.guides_language,
        force: args.force,
        lexicon: Some(std::sync::Arc::new(
            crate::import::sections::Lexicon::with_project(&settings.locales)?,
        )),
    };
    let mut counts = Counts::default();
    let mut checks = Diagnostics::default();
    // The report goes out in one piece at the end, so that a reader who stops early (`| head`)
    // costs nothing; errors go to standard error as they come.
    let mut out = String::new();
    let fetcher = Fetcher::new();
    let mut inputs: Vec<Input> = args
        .pages
        .iter()
        .map(|page| inputs::page(page, &fetcher))
        .collect();
    let since = match args.since.as_deref() {
        Some(d) => Some(parse_date(d).map_err(Error::Usage)?),
        None => None,
    };
    for source in &args.feed {
        match inputs::feed(source, &fetcher, since, args.limit) {
            Ok((pages, notes)) => {
                say!(out, "feed {source}: {} letters to read", pages.len());
                for note in notes {
                    say!(out, "  {note}");
                }
                inputs.extend(pages);
            }
            Err((message, help)) => {
                counts.failed += 1;
                eprintln!(
                    "{}",
                    printable(&format!("error: feed {source}: {message}\n  help: {help}"))
                );
            }
        }
    }
    let pages = inputs.len();
    for input in inputs {
        let mut options = options.clone();
        if let Some(url) = addresses.get(&normal(&input.name)) {
            options.source_url = Some(url.clone());
        } else if input.url.is_some() {
            options.source_url = input.url.clone();
        }
        let report = match &input.bytes {
            Ok(bytes) => import_bytes(
                &input.name,
                bytes,
                input.charset.as_deref(),
                &options,
                &record,
            ),
            Err(problem) => PageReport {
                path: input.name.clone(),
                error: Some(problem.clone()),
                ..PageReport::default()
            },
        };
        let staged = report_page(&report, &args, &mut out, &mut counts, &mut checks)?;
        if !args.dry_run && !staged.is_empty() {
            record.add(record::Entry {
                day: today,
                hash: report.hash.clone(),
                url: report.url.clone().unwrap_or_default(),
                files: staged,
            });
        }
    }
    if !args.dry_run && counts.staged() > 0 {
        record.write()?;
    }
    if !checks.0.is_empty() {
        eprintln!("{}", printable(&checks.clone().sorted().to_string()));
    }
    say!(out, "{}", counts.summary(pages));
    if counts.staged() > 0 && !args.dry_run {
        say!(
            out,
            "nothing is live yet: `prayer-guide import --review` shows what accepting would change, `prayer-guide import --accept CODE` puts it in place"
        );
    }
    print_out(out)?;
    Ok(if counts.failed > 0 || checks.has_errors() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// What the pages gave.
#[derive(Default)]
struct Counts {
    created: usize,
    updated: usize,
    unchanged: usize,
    already: usize,
    failed: usize,
}

impl Counts {
    fn staged(&self) -> usize {
        self.created + self.updated
    }

    fn summary(&self, pages: usize) -> String {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut s = format!(
            "{}: {}, {}, {}",
            plural(pages, "page", "pages"),
            plural(self.created, "new draft", "new drafts"),
            plural(self.updated, "update staged", "updates staged"),
            plural(self.unchanged, "unchanged", "unchanged"),
        );
        if self.already > 0 {
            s.push_str(&format!(
                ", {}",
                plural(self.already, "already imported", "already imported")
            ));
        }
        if self.failed > 0 {
            s.push_str(&format!(
                "; {} (see above)",
                plural(self.failed, "page failed", "pages failed")
            ));
        }
        s
    }
}

/// Writes one page's report and stages its files; returns the files staged.
fn report_page(
    report: &PageReport,
    args: &ImportArgs,
    out: &mut String,
    counts: &mut Counts,
    checks: &mut Diagnostics,
) -> Result<Vec<String>, Error> {
    let path = &report.path;
    say!(out, "{}", path.display());
    for line in report.lines.iter().take(REPORT_LINES) {
        say!(out, "  {line}");
    }
    if report.lines.len() > REPORT_LINES {
        say!(
            out,
            "  … and {} more lines of this report (the page is long: --dry-run shows the files it gives)",
            report.lines.len() - REPORT_LINES
        );
    }
    if let Some(entry) = &report.already {
        counts.already += 1;
        say!(
            out,
            "  already imported on {} ({}); nothing changed (--force reads it again)",
            entry.day,
            if entry.files.is_empty() {
                "nothing staged".to_string()
            } else {
                entry.files.join(", ")
            }
        );
        return Ok(Vec::new());
    }
    if let Some((message, help)) = &report.error {
        counts.failed += 1;
        eprintln!(
            "{}",
            printable(&format!(
                "error: {}: {message}\n  help: {help}",
                path.display()
            ))
        );
        return Ok(Vec::new());
    }
    let mut staged = Vec::new();
    for guide in &report.guides {
        let shown = guide.path.display();
        let what = guide.lines.join("; ");
        match guide.action {
            Action::Unchanged => {
                counts.unchanged += 1;
                say!(
                    out,
                    "  unchanged {shown}: everything on the page is there already"
                );
                continue;
            }
            Action::Created => counts.created += 1,
            Action::Updated => counts.updated += 1,
        }
        if args.dry_run {
            say!(out, "  would stage {shown}: {what}");
            let _ = writeln!(out, "--- {shown} (not written: --dry-run)");
            for line in guide.text.lines() {
                say!(out, "{line}");
            }
            let _ = writeln!(out, "---");
        } else {
            write(guide)?;
            say!(out, "  staged {shown}: {what}");
            staged.push(shown.to_string());
        }
        // A translation is checked against its guide once accepted.
        if guide.path.parent().and_then(Path::file_name) == Some(staging::FOLDER.as_ref()) {
            checks.extend(staged_findings(&guide.path, &guide.text));
        }
    }
    Ok(staged)
}

/// `check`'s findings on a staged file, but for its being a draft, which it is until accepted.
/// A name the page did not mark as a pseudonym is work for the editor, not a failed import: a
/// warning here, an error for `--accept`.
fn staged_findings(path: &Path, text: &str) -> Diagnostics {
    let mut found = staging::draft_findings(path, text);
    for d in &mut found.0 {
        if d.field.as_deref() == Some("story.pseudonym_unconfirmed") {
            d.severity = crate::error::Severity::Warning;
        }
    }
    found
}

fn review(into: &Path, which: &str) -> Result<ExitCode, Error> {
    let staged = staging::select(into, which)?;
    let mut out = String::new();
    for s in &staged {
        let _ = writeln!(out, "== {} ({})", s.key(), s.path.display());
        out.push_str(&printable(&staging::review(s)?));
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "{} waiting; accept one with `prayer-guide import --accept CODE` once it is checked and in our words, or drop it with --discard",
        staged.len()
    );
    print_out(out)?;
    Ok(ExitCode::SUCCESS)
}

fn accept(into: &Path, which: &str, today: chrono::NaiveDate) -> Result<ExitCode, Error> {
    let mut refused = Diagnostics::default();
    for s in staging::select(into, which)? {
        match staging::accept(&s, today) {
            Ok((live, day)) => println!(
                "accepted {}: {} is in place, {} {day}{}",
                s.key(),
                live.display(),
                if s.lang.is_some() {
                    "translated"
                } else {
                    "reviewed"
                },
                if day < today {
                    " (the day its newest source was read)"
                } else {
                    ""
                }
            ),
            Err(Error::Invalid(d)) => {
                eprintln!(
                    "not accepted: {} ({}) has problems to fix first",
                    s.key(),
                    s.path.display()
                );
                refused.extend(d);
            }
            Err(e) => return Err(e),
        }
    }
    if refused.0.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        Err(Error::Invalid(refused))
    }
}

/// The `PAGE URL` lines of a --sources file, by page.
fn read_sources(file: &Path) -> Result<HashMap<PathBuf, String>, Error> {
    let text = std::fs::read_to_string(file).map_err(|e| Error::io("read", file, e))?;
    let base = file.parent().unwrap_or(Path::new(""));
    let mut out = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_start_matches('\u{feff}').trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((page, url)) = line.rsplit_once(char::is_whitespace) else {
            return Err(Error::Usage(format!(
                "{}:{}: `{line}` is not `PAGE URL`\n  help: one page and its address a line, e.g. `saved/kz.html https://example.org/kz`",
                file.display(),
                n + 1
            )));
        };
        let (page, url) = (page.trim(), url.trim());
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            return Err(Error::Usage(format!(
                "{}:{}: `{url}` is not a web address\n  help: write the page's full address, starting with https://",
                file.display(),
                n + 1
            )));
        }
        // Relative to the current folder, or else to the list's own folder.
        let as_given = PathBuf::from(page);
        let page = if as_given.exists() || as_given.is_absolute() {
            as_given
        } else {
            base.join(page)
        };
        out.insert(normal(&page), url.to_string());
    }
    Ok(out)
}

/// A path as the file system knows it, to match a --sources line with a page argument.
fn normal(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

/// The project's settings `import` needs, read leniently: a project whose guides do not load
/// can still import.
struct Settings {
    guides: PathBuf,
    guides_language: String,
    /// The project's label files, whose `import-*` messages add headings and verbs.
    locales: PathBuf,
}

impl Settings {
    fn read(config: &Path) -> Settings {
        let root = config.parent().unwrap_or(Path::new(""));
        let table = std::fs::read_to_string(config)
            .ok()
            .and_then(|text| text.parse::<toml::Table>().ok())
            .unwrap_or_default();
        let text = |key: &str| table.get(key).and_then(|v| v.as_str()).map(String::from);
        Settings {
            guides: root.join(text("guides").unwrap_or_else(|| "guides".into())),
            locales: root.join(text("locales").unwrap_or_else(|| "locales".into())),
            guides_language: text("guides_language")
                .and_then(|l| l.split(['-', '_']).next().map(str::to_ascii_lowercase))
                .unwrap_or_else(|| "en".into()),
        }
    }
}

/// `text` without control characters (but line breaks and tabs), escape sequences or
/// bidirectional overrides: what a page wrote cannot move the cursor, change colours or reorder
/// a line.
pub fn printable(text: &str) -> String {
    crate::import::read::printable::text(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_codes_and_overrides_are_not_printed() {
        assert_eq!(
            printable("a\u{1b}[31mred\u{7}\u{0} \u{202e}txt\u{9b}2J\nnext"),
            "ared txt\nnext"
        );
    }
}
