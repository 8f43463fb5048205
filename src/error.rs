//! Errors and diagnostics: every problem names its file, the place in it, the field, and the fix.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a diagnostic is: errors stop a build, warnings only inform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in a file, located as precisely as the file allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: PathBuf,
    /// 1-based line and column, when the problem has a place in the file.
    pub location: Option<(usize, usize)>,
    /// The field in question, as a TOML path (`facts.population`, `points[2]`).
    pub field: Option<String>,
    pub message: String,
    /// What would be right.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error in `path`, not yet located.
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            location: None,
            field: None,
            message: message.into(),
            help: None,
        }
    }

    /// A warning in `path`, not yet located.
    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
    }

    pub fn at(mut self, location: Option<(usize, usize)>) -> Self {
        self.location = location;
        self
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}: {}", self.path.display())?;
        if let Some((line, column)) = self.location {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": ")?;
        if let Some(field) = &self.field {
            write!(f, "`{field}`: ")?;
        }
        write!(f, "{}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// Every diagnostic of one run, errors first, then in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| !d.is_error())
    }

    /// Sorted for stable output: by file, then place, errors before warnings on the same place.
    pub fn sorted(mut self) -> Self {
        self.0.sort_by(|a, b| {
            (&a.path, a.location, a.severity).cmp(&(&b.path, b.location, b.severity))
        });
        self
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

/// Everything that can go wrong in prayer-guide.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("could not {action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    /// Content or configuration problems: printed in full, one per line.
    #[error("{0}\n{count} error{s} found", count = .0.error_count(), s = if .0.error_count() == 1 { "" } else { "s" })]
    Invalid(Diagnostics),
    /// The command line asked for something impossible; the message says what would work.
    #[error("{0}")]
    Usage(String),
    /// Standard output was closed by its reader (`| head`): the command stops, quietly.
    #[error("standard output was closed")]
    OutputClosed,
    /// A build that wrote some of its files and not others: the written ones are complete.
    #[error("{}", unfinished(written, failed))]
    Unfinished {
        written: Vec<PathBuf>,
        failed: Vec<(PathBuf, String)>,
    },
}

/// The message of [`Error::Unfinished`]: every file not written and why, then what was.
fn unfinished(written: &[PathBuf], failed: &[(PathBuf, String)]) -> String {
    let mut failed = failed.to_vec();
    failed.sort();
    let mut written = written.to_vec();
    written.sort();
    let total = failed.len() + written.len();
    let mut out = format!(
        "the build did not write every file: {} of {total} files not written:",
        failed.len()
    );
    for (path, problem) in &failed {
        out.push_str(&format!("\n  {}: {problem}", path.display()));
    }
    out.push_str(&format!(
        "\n{} of {total} files written, each complete",
        written.len()
    ));
    if written.len() <= 12 {
        for path in &written {
            out.push_str(&format!("\n  {}", path.display()));
        }
    }
    out.push_str(
        "\n  help: the files not written were left as they were; fix the cause and build again",
    );
    out
}

impl Error {
    pub fn io(action: &'static str, path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The candidate closest to `word`, if one is close enough to be a slip of the keyboard.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .iter()
        .map(|c| (edit_distance(&word, &c.to_lowercase()), *c))
        .filter(|&(d, c)| d <= 2.max(c.chars().count() / 3))
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// Levenshtein distance, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let next = (row[j + 1] + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != cb));
            diagonal = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_name_only_when_close() {
        let fields = ["name", "reviewed", "region"];
        assert_eq!(did_you_mean("reveiwed", &fields), Some("reviewed"));
        assert_eq!(did_you_mean("Nmae", &fields), Some("name"));
        assert_eq!(did_you_mean("colour", &fields), None);
        assert_eq!(
            did_you_mean("dayy.txt", &["day.txt", "week.txt"]),
            Some("day.txt")
        );
    }
}
