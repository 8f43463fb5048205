//! `import`: each page's report, the files written, then `check` on each of them.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{ImportArgs, print_out};
use crate::content::calendar::parse_date;
use crate::content::guide::check_file;
use crate::content::source::SourceFile;
use crate::error::{Diagnostics, Error};
use crate::import::merge::Action;
use crate::import::{Options, import_page, write};

/// A line of the report.
macro_rules! say {
    ($out:expr, $($arg:tt)*) => {
        let _ = writeln!($out, $($arg)*);
    };
}

pub fn run(config: &Path, args: ImportArgs) -> Result<ExitCode, Error> {
    let today = match args.today.as_deref() {
        Some(t) => parse_date(t).map_err(Error::Usage)?,
        None => chrono::Local::now().date_naive(),
    };
    let options = Options {
        into: args.into.unwrap_or_else(|| guides_folder(config)),
        source_url: args.source_url,
        country: args.country,
        replace_summary: args.replace_summary,
        today,
    };
    let (mut created, mut updated, mut unchanged, mut failed) = (0, 0, 0, 0);
    let mut checks = Diagnostics::default();
    // The report goes out in one piece at the end, so that a reader who stops early (`| head`)
    // costs nothing; errors go to standard error as they come.
    let mut out = String::new();
    for path in &args.pages {
        let report = import_page(path, &options);
        say!(out, "{}", path.display());
        for line in &report.lines {
            say!(out, "  {line}");
        }
        if let Some((message, help)) = &report.error {
            failed += 1;
            eprintln!("error: {}: {message}\n  help: {help}", path.display());
            continue;
        }
        for guide in &report.guides {
            let shown = guide.path.display();
            let what = guide.lines.join("; ");
            match guide.action {
                Action::Unchanged => {
                    unchanged += 1;
                    say!(
                        out,
                        "  unchanged {shown}: everything on the page is there already"
                    );
                    continue;
                }
                Action::Created => created += 1,
                Action::Updated => updated += 1,
            }
            if args.dry_run {
                say!(out, "  would write {shown}: {what}");
                say!(
                    out,
                    "--- {shown} (not written: --dry-run)\n{}---",
                    guide.text
                );
            } else {
                write(guide)?;
                say!(out, "  wrote {shown}: {what}");
            }
            checks.extend(check_file(&SourceFile {
                path: guide.path.clone(),
                text: guide.text.clone(),
            }));
        }
    }
    if !checks.0.is_empty() {
        eprintln!("{}", checks.clone().sorted());
    }
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    say!(
        out,
        "{}: {}, {}, {}{}",
        plural(args.pages.len(), "page", "pages"),
        plural(created, "new draft", "new drafts"),
        plural(updated, "guide updated", "guides updated"),
        plural(unchanged, "unchanged", "unchanged"),
        if failed > 0 {
            format!(
                "; {} (see above)",
                plural(failed, "page failed", "pages failed")
            )
        } else {
            String::new()
        }
    );
    print_out(out)?;
    Ok(if failed > 0 || checks.has_errors() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The project's guides folder: `guides` in schedule.toml, next to it; else ./guides.
fn guides_folder(config: &Path) -> PathBuf {
    let root = config.parent().unwrap_or(Path::new(""));
    let named = std::fs::read_to_string(config)
        .ok()
        .and_then(|text| text.parse::<toml::Table>().ok())
        .and_then(|t| t.get("guides").and_then(|g| g.as_str()).map(PathBuf::from));
    root.join(named.unwrap_or_else(|| PathBuf::from("guides")))
}
