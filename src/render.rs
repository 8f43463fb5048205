//! Rendering through Tera: built-in templates compiled into the binary, overridden by name from
//! the project's `templates/` folder.

use std::path::Path;

use serde::Serialize;
use tera::{Context, Kwargs, State, Tera};

use crate::error::{Diagnostic, Error};
use crate::guide::{DayGuide, WeekGuide};
use crate::schedule::Format;

/// The built-in templates: the same files as the repository's `templates/` folder.
pub const BUILTIN: [(&str, &str); 4] = [
    ("day.html", include_str!("../templates/day.html")),
    ("day.txt", include_str!("../templates/day.txt")),
    ("week.html", include_str!("../templates/week.html")),
    ("week.txt", include_str!("../templates/week.txt")),
];

/// Plain text is wrapped at this width: it is what emails and group chats show.
pub const TEXT_WIDTH: usize = 72;

/// Renders guides to text in any [`Format`].
pub struct Renderer {
    tera: Tera,
}

impl Renderer {
    /// The built-in templates only.
    pub fn builtin() -> Result<Renderer, Error> {
        Renderer::new(None)
    }

    /// Built-in templates, then every `*.html` and `*.txt` file of `overrides` (if the folder
    /// exists) on top, replacing a built-in of the same name. `.html` is autoescaped, `.txt` not.
    pub fn new(overrides: Option<&Path>) -> Result<Renderer, Error> {
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html"]);
        tera.register_filter("wrap", wrap);
        tera.add_raw_templates(BUILTIN)
            .map_err(|e| template_error("built-in templates", &e))?;
        if let Some(dir) = overrides.filter(|d| d.is_dir()) {
            for path in template_files(dir)? {
                let name = path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or_default();
                let text =
                    std::fs::read_to_string(&path).map_err(|e| Error::io("read", &path, e))?;
                tera.add_raw_template(name, &text)
                    .map_err(|e| template_error(&path.display().to_string(), &e))?;
            }
        }
        Ok(Renderer { tera })
    }

    pub fn day(&self, day: &DayGuide, format: Format) -> Result<String, Error> {
        self.render("day", day, format)
    }

    pub fn week(&self, week: &WeekGuide, format: Format) -> Result<String, Error> {
        self.render("week", week, format)
    }

    fn render<T: Serialize>(&self, kind: &str, view: &T, format: Format) -> Result<String, Error> {
        if format == Format::Json {
            return Ok(context_json(view) + "\n");
        }
        let name = format!("{kind}.{}", format.extension());
        let context = Context::from_serialize(view).map_err(|e| template_error(&name, &e))?;
        self.tera
            .render(&name, &context)
            .map_err(|e| template_error(&name, &e))
    }
}

/// The JSON a template receives: what `--context` prints and the `json` format writes.
pub fn context_json<T: Serialize>(view: &T) -> String {
    serde_json::to_string_pretty(view).expect("view models serialize to JSON")
}

/// Template files in `dir`, by name, sorted.
fn template_files(dir: &Path) -> Result<Vec<std::path::PathBuf>, Error> {
    let mut files = Vec::new();
    for entry in
        std::fs::read_dir(dir).map_err(|e| Error::io("read the templates folder", dir, e))?
    {
        let path = entry
            .map_err(|e| Error::io("read the templates folder", dir, e))?
            .path();
        if path.is_file() && path.extension().is_some_and(|x| x == "html" || x == "txt") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Tera's top-level message hides the cause: keep the whole chain.
fn template_error(name: &str, e: &tera::Error) -> Error {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(&format!("\n  caused by: {s}"));
        source = s.source();
    }
    Error::Template {
        name: name.to_string(),
        message,
    }
}

/// A template error as a diagnostic, for `check`.
pub fn template_diagnostic(path: &Path, e: &Error) -> Diagnostic {
    match e {
        Error::Template { message, .. } => Diagnostic::error(path, message.clone()),
        other => Diagnostic::error(path, other.to_string()),
    }
}

/// `{{ text | wrap(width=72, first="  1. ", indent="     ") }}`: wraps at word boundaries.
fn wrap(text: &str, kwargs: Kwargs, _: &State) -> tera::TeraResult<String> {
    let width = kwargs.get::<usize>("width")?.unwrap_or(TEXT_WIDTH);
    let indent = kwargs.get::<&str>("indent")?.unwrap_or("");
    let first = kwargs.get::<&str>("first")?.unwrap_or(indent);
    let options = textwrap::Options::new(width.max(20))
        .initial_indent(first)
        .subsequent_indent(indent)
        .break_words(false)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    Ok(textwrap::fill(text, options))
}
