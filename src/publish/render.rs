//! Rendering through Tera: built-in templates compiled into the binary, overridden by name from
//! the project's `templates/` folder.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;
use tera::{Context, Kwargs, State, Tera};

use crate::content::locale::Locale;
use crate::content::schedule::Format;
use crate::error::{Diagnostic, Diagnostics, Error};
use crate::publish::assemble::{DayGuide, WeekGuide};
use crate::publish::labels::FrozenLabels;

/// The built-in templates: the same files as the repository's `templates/` folder.
pub const BUILTIN: [(&str, &str); 30] = [
    ("day.html", include_str!("../../templates/day.html")),
    ("day.txt", include_str!("../../templates/day.txt")),
    ("week.html", include_str!("../../templates/week.html")),
    ("week.txt", include_str!("../../templates/week.txt")),
    (
        "email-header.html",
        include_str!("../../templates/email-header.html"),
    ),
    (
        "email-header.txt",
        include_str!("../../templates/email-header.txt"),
    ),
    (
        "email-footer.html",
        include_str!("../../templates/email-footer.html"),
    ),
    (
        "email-footer.txt",
        include_str!("../../templates/email-footer.txt"),
    ),
    (
        "bulletin.html",
        include_str!("../../templates/bulletin.html"),
    ),
    (
        DAY_CONTENT,
        include_str!("../../templates/day-content.html"),
    ),
    ("site.html", include_str!("../../templates/site.html")),
    (
        "site-index.html",
        include_str!("../../templates/site-index.html"),
    ),
    (
        "site-day.html",
        include_str!("../../templates/site-day.html"),
    ),
    (
        "site-week.html",
        include_str!("../../templates/site-week.html"),
    ),
    (
        "site-country.html",
        include_str!("../../templates/site-country.html"),
    ),
    (
        "site-today.html",
        include_str!("../../templates/site-today.html"),
    ),
    (
        crate::publish::alerts_page::TEMPLATE,
        include_str!("../../templates/site-alerts.html"),
    ),
    ("web.html", include_str!("../../templates/web.html")),
    (
        "web-subscribe.html",
        include_str!("../../templates/web-subscribe.html"),
    ),
    (
        "web-message.html",
        include_str!("../../templates/web-message.html"),
    ),
    (
        "web-confirm.html",
        include_str!("../../templates/web-confirm.html"),
    ),
    (
        "web-unsubscribe.html",
        include_str!("../../templates/web-unsubscribe.html"),
    ),
    (
        "web-preferences.html",
        include_str!("../../templates/web-preferences.html"),
    ),
    (
        "web-erase.html",
        include_str!("../../templates/web-erase.html"),
    ),
    (
        "web-pray.html",
        include_str!("../../templates/web-pray.html"),
    ),
    (
        "email-signup.txt",
        include_str!("../../templates/email-signup.txt"),
    ),
    (
        "email-signup.html",
        include_str!("../../templates/email-signup.html"),
    ),
    (
        "email-alert.html",
        include_str!("../../templates/email-alert.html"),
    ),
    (
        "email-alert.txt",
        include_str!("../../templates/email-alert.txt"),
    ),
    (
        "web-urgent.html",
        include_str!("../../templates/web-urgent.html"),
    ),
];

/// The day's guide as an HTML fragment, without page or styles: feed entries, site pages.
pub const DAY_CONTENT: &str = "day-content.html";

/// Plain text is wrapped at this width: it is what emails and group chats show.
pub const TEXT_WIDTH: usize = 72;

/// Renders guides to text in any [`Format`].
#[derive(Clone)]
pub struct Renderer {
    tera: Tera,
    /// The overrides folder, to name the file in errors about an overridden template.
    overrides: Option<PathBuf>,
    /// The languages `t()` knows, by tag; the first added is the default.
    locales: Vec<Arc<Locale>>,
    /// For a language whose published days keep the labels they were published with, those
    /// labels by date (see [`FrozenLabels`]).
    frozen: HashMap<String, Arc<FrozenLabels>>,
}

impl Renderer {
    /// Built-in templates, then every `*.html` and `*.txt` file of `overrides` (if the folder
    /// exists) on top, replacing a built-in of the same name. `.html` is autoescaped, `.txt` not.
    pub fn new(overrides: Option<&Path>) -> Result<Renderer, Error> {
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html"]);
        tera.register_filter("wrap", wrap);
        tera.register_function("locator_map", locator_map);
        let overrides = overrides.filter(|d| d.is_dir()).map(Path::to_path_buf);
        let mut renderer = Renderer {
            tera,
            overrides,
            locales: Vec::new(),
            frozen: HashMap::new(),
        };
        renderer.add_locale(Locale::english());
        renderer
            .tera
            .add_raw_templates(BUILTIN)
            .map_err(|e| renderer.error("built-in templates", &e))?;
        if let Some(dir) = renderer.overrides.clone() {
            // All at once, so that templates which extend or include each other load together.
            let mut templates = Vec::new();
            for path in template_files(&dir)? {
                let name = path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or_default();
                let text = crate::content::source::read_text(&path)?;
                templates.push((name.to_string(), text));
            }
            let result = renderer.tera.add_raw_templates(templates);
            result.map_err(|e| renderer.error("templates", &e))?;
        }
        Ok(renderer)
    }

    /// Renders in `locale` too: `t()` uses the language of the view's `lang` field. The first
    /// locale added after English replaces English as the default for views without `lang`.
    pub fn add_locale(&mut self, locale: Arc<Locale>) {
        let tag = locale.language.as_str().to_string();
        self.locales.retain(|l| l.language.as_str() != tag);
        if self.locales.len() == 1 && self.locales[0].language.as_str() == "en" && tag != "en" {
            self.locales.insert(0, locale);
        } else {
            self.locales.push(locale);
        }
        self.register_t();
    }

    /// Renders the labels of `labels`' language as each published day was published with
    /// them: `t()` reads the view's `date` (a week's `start`) to choose. Adds the language.
    pub fn add_frozen_labels(&mut self, labels: Arc<FrozenLabels>) {
        let locale = labels.current().clone();
        self.frozen
            .insert(locale.language.as_str().to_string(), labels);
        self.add_locale(locale);
    }

    /// (Re)registers `t()` over the locales and frozen labels known now.
    fn register_t(&mut self) {
        let by_tag: HashMap<String, Arc<Locale>> = self
            .locales
            .iter()
            .map(|l| (l.language.as_str().to_string(), l.clone()))
            .collect();
        let default = self.locales[0].clone();
        let frozen = self.frozen.clone();
        self.tera
            .register_function("t", move |kwargs: Kwargs, state: &State| {
                translate(&by_tag, &frozen, &default, kwargs, state)
            });
    }

    /// The locale of `tag` if added, else the default one.
    pub fn locale(&self, tag: &str) -> Arc<Locale> {
        self.locales
            .iter()
            .find(|l| l.language.as_str() == tag)
            .unwrap_or(&self.locales[0])
            .clone()
    }

    pub fn day(&self, day: &DayGuide, format: Format) -> Result<String, Error> {
        Ok(self.render("day", day, &[format])?.remove(0))
    }

    pub fn week(&self, week: &WeekGuide, format: Format) -> Result<String, Error> {
        Ok(self.render("week", week, &[format])?.remove(0))
    }

    /// Any template by name, e.g. the email header and footer.
    pub fn template<T: Serialize>(&self, name: &str, view: &T) -> Result<String, Error> {
        Ok(self.templates(&[name], view)?.remove(0))
    }

    /// Several templates for one view, whose context is built once for all of them (a
    /// message's greeting and footer, in text and HTML).
    pub fn templates<T: Serialize>(&self, names: &[&str], view: &T) -> Result<Vec<String>, Error> {
        let name = names.first().copied().unwrap_or("template");
        let context = Context::from_serialize(view).map_err(|e| self.error(name, &e))?;
        names
            .iter()
            .map(|name| {
                self.tera
                    .render(name, &context)
                    .map_err(|e| self.error(name, &e))
            })
            .collect()
    }

    /// Renders a one-off template text (a subject line from schedule.toml), without escaping.
    pub fn one_off<T: Serialize>(&mut self, text: &str, view: &T) -> Result<String, Error> {
        let context = Context::from_serialize(view).map_err(|e| self.error("subject", &e))?;
        self.tera
            .render_str(text, &context, false)
            .map_err(|e| self.error("subject", &e))
    }

    /// A day in several formats; the template context is built once for all of them.
    pub fn day_in(&self, day: &DayGuide, formats: &[Format]) -> Result<Vec<String>, Error> {
        self.render("day", day, formats)
    }

    /// A week in several formats; the template context is built once for all of them.
    pub fn week_in(&self, week: &WeekGuide, formats: &[Format]) -> Result<Vec<String>, Error> {
        self.render("week", week, formats)
    }

    /// Any template by name, for a view model of its own (feed entries, site pages).
    pub fn page<T: Serialize>(&self, name: &str, view: &T) -> Result<String, Error> {
        let context = Context::from_serialize(view).map_err(|e| self.error(name, &e))?;
        self.tera
            .render(name, &context)
            .map_err(|e| self.error(name, &e))
    }

    fn render<T: Serialize>(
        &self,
        kind: &str,
        view: &T,
        formats: &[Format],
    ) -> Result<Vec<String>, Error> {
        let mut context = None;
        let mut out = Vec::with_capacity(formats.len());
        for &format in formats {
            if format == Format::Json {
                out.push(context_json(view) + "\n");
                continue;
            }
            let name = match (kind, format) {
                (_, Format::Ics | Format::Atom) => {
                    return Err(Error::Usage(format!(
                        "`{format}` is one file for a whole build, not a file per {kind}"
                    )));
                }
                (_, Format::Pdf) => {
                    return Err(Error::Usage(
                        "a PDF is written to a file, not printed: drop --stdout and build \
                         --format pdf"
                            .into(),
                    ));
                }
                ("day", Format::Bulletin) => {
                    return Err(Error::Usage(
                        "the bulletin is a weekly layout: add --week".into(),
                    ));
                }
                (_, Format::Bulletin) => "bulletin.html".to_string(),
                _ => format!("{kind}.{}", format.extension()),
            };
            if context.is_none() {
                context = Some(Context::from_serialize(view).map_err(|e| self.error(&name, &e))?);
            }
            let context = context.as_ref().expect("built above");
            out.push(
                self.tera
                    .render(&name, context)
                    .map_err(|e| self.error(&name, &e))?,
            );
        }
        Ok(out)
    }

    /// Turns a Tera error into a diagnostic naming the template file, line and column. Tera's
    /// top-level message can hide the cause, so the whole chain is kept.
    fn error(&self, name: &str, e: &tera::Error) -> Error {
        let (file, location, mut message) = match e.kind() {
            tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
                let span = report.span();
                (
                    report.filename().to_string(),
                    Some((span.start_line, span.start_col + 1)),
                    report.message().to_string(),
                )
            }
            _ => (name.to_string(), None, e.to_string()),
        };
        let mut source = std::error::Error::source(e);
        while let Some(s) = source {
            message.push_str(&format!(": {s}"));
            source = s.source();
        }
        let path = match &self.overrides {
            Some(dir) if dir.join(&file).is_file() => dir.join(&file),
            _ => PathBuf::from(format!("(built-in template) {file}")),
        };
        let mut d = Diagnostic::error(path, message).at(location);
        if d.message.contains("not defined") {
            d = d.help("`prayer-guide build --context` prints every variable a template receives");
        }
        Error::Invalid(Diagnostics(vec![d]))
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

/// The built-in template called `name`.
pub fn builtin(name: &str) -> Option<&'static str> {
    BUILTIN
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
}

/// What a project's templates folder holds, as `check` reports it.
#[derive(Debug, Default)]
pub struct Overrides {
    /// Files that replace the built-in template of their name.
    pub active: Vec<PathBuf>,
    /// Template files that replace no built-in one and that no template includes or extends:
    /// most likely misnamed, with the nearest built-in name.
    pub unused: Vec<(PathBuf, Option<&'static str>)>,
}

/// Sorts the template files of `dir` (if it exists) into overrides and unused files.
pub fn overrides(dir: &Path) -> Overrides {
    let mut found = Overrides::default();
    let Ok(read) = std::fs::read_dir(dir) else {
        return found;
    };
    let mut files: Vec<PathBuf> = read
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let names: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
    // A file of its own that a template includes, extends or imports is in use.
    let texts: Vec<String> = BUILTIN
        .iter()
        .map(|(_, t)| t.to_string())
        .chain(
            files
                .iter()
                .filter_map(|p| crate::content::source::read_text(p).ok()),
        )
        .collect();
    for path in files {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let lower = name.to_lowercase();
        let template_like = [".html", ".htm", ".txt", ".tera"]
            .iter()
            .any(|x| lower.ends_with(x));
        if names.contains(&name) {
            found.active.push(path);
        } else if template_like
            && !name.starts_with('.')
            && !texts
                .iter()
                .any(|t| t.contains(&format!("\"{name}\"")) || t.contains(&format!("'{name}'")))
        {
            let nearest = crate::error::did_you_mean(name, &names);
            found.unused.push((path, nearest));
        }
    }
    found
}

/// `{{ t(key="please-pray") }}`, `{{ t(key="week-of", range=range) }}`: the label `key` in the
/// language of the view's `lang` (or the renderer's default), its other arguments filled in.
fn translate(
    locales: &HashMap<String, Arc<Locale>>,
    frozen: &HashMap<String, Arc<FrozenLabels>>,
    default: &Arc<Locale>,
    kwargs: Kwargs,
    state: &State,
) -> tera::TeraResult<String> {
    let key = kwargs.must_get::<&str>("key")?;
    let lang = state.get::<String>("lang")?;
    // A day's `date`, or a week's first day: published days keep their labels.
    let date = || {
        ["date", "start"].iter().find_map(|name| {
            let value = state.get::<tera::Value>(name).ok().flatten()?;
            value.as_str()?.parse::<chrono::NaiveDate>().ok()
        })
    };
    let on_date = match lang.as_ref().and_then(|l| frozen.get(l)) {
        Some(labels) => date().map(|d| labels.on(d)),
        None => None,
    };
    let locale = on_date
        .or_else(|| lang.and_then(|l| locales.get(&l)))
        .unwrap_or(default);
    let args: Vec<(String, String)> = kwargs
        .iter()
        .filter(|(k, _)| k.as_str() != Some("key"))
        .map(|(k, v)| {
            let text = match v.as_str() {
                Some(s) => s.to_string(),
                None => v.to_string(),
            };
            (k.to_string(), text)
        })
        .collect();
    // In HTML, each value is a run of its own direction (Fluent's isolation, which the labels
    // leave off for plain text): a URL or an English name on an Arabic page keeps its order.
    let rtl = |text: &str| text.chars().any(crate::content::locale::is_right_to_left);
    let isolate = state.autoescaping_enabled()
        && (state.get::<String>("dir")?.as_deref() == Some("rtl")
            || args.iter().any(|(_, v)| rtl(v)));
    let args: Vec<(String, String)> = match isolate {
        true => args
            .into_iter()
            .map(|(k, v)| match v.is_empty() {
                true => (k, v),
                false => (k, format!("\u{2068}{v}\u{2069}")),
            })
            .collect(),
        false => args,
    };
    let mut args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    // Templates written before `span` existed give only `range`: the messages that want the
    // "from … to" phrase get the range then, as they did.
    if let Some(range) = args.iter().find(|(k, _)| *k == "range").map(|(_, v)| *v)
        && !args.iter().any(|(k, _)| *k == "span")
    {
        args.push(("span", range));
    }
    locale.text(key, &args).map_err(tera::Error::message)
}

/// `{{ locator_map(code=country.code, label=t(key="map-of", country=country.name)) }}`: the
/// country's locator map as inline SVG (see [`crate::publish::map`]), named `label` for screen
/// readers; nothing for a code without a map.
fn locator_map(kwargs: Kwargs, _: &State) -> tera::TeraResult<tera::Value> {
    let code = kwargs.must_get::<&str>("code")?;
    let label = kwargs.get::<&str>("label")?.unwrap_or(code);
    let svg = crate::publish::map::svg(code, label).unwrap_or_default();
    // The SVG escapes the label itself; autoescaping would print the markup as text.
    Ok(tera::Value::safe_string(&svg))
}

/// `{{ text | wrap(width=72, first="  1. ", indent="     ") }}`: wraps at word boundaries.
fn wrap(text: &str, kwargs: Kwargs, _: &State) -> tera::TeraResult<String> {
    let width = kwargs.get::<usize>("width")?.unwrap_or(TEXT_WIDTH);
    let indent = kwargs.get::<&str>("indent")?.unwrap_or("");
    let first = kwargs.get::<&str>("first")?.unwrap_or("");
    let options = textwrap::Options::new(width.max(20))
        .initial_indent(first)
        .subsequent_indent(indent)
        .break_words(false)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    Ok(textwrap::fill(text, options))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_a_built_in_template_uses_is_in_every_shipped_language() {
        let mut checked = 0;
        for tag in crate::content::locale::SHIPPED {
            let language = crate::content::locale::Language::parse(tag).unwrap();
            let (locale, _) = Locale::load(&language, None).unwrap();
            for (name, text) in BUILTIN {
                for call in text.split("t(key=\"").skip(1) {
                    let (key, rest) = call.split_once('"').unwrap();
                    if rest.trim_start().starts_with('~') {
                        // A key built from a variable (`"email-receive-" ~ cadence`).
                        continue;
                    }
                    assert!(
                        locale.labels().has_own(key),
                        "{name} uses the label `{key}`, which locales/{tag}.ftl lacks"
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 100, "only {checked} labels found");
    }

    /// The data export mail in `tag`, for a subscriber with every field.
    fn export_mail(tag: &str) -> String {
        let language = crate::content::locale::Language::parse(tag).unwrap();
        let (locale, _) = Locale::load(&language, None).unwrap();
        let mut renderer = Renderer::new(None).unwrap();
        renderer.add_locale(Arc::new(locale));
        let view = serde_json::json!({
            "lang": tag, "title": "T", "name": "Bea", "export": true, "already": false,
            "link": "https://example.org/p", "hours": 48, "history": [],
            "subscriber": {
                "email": "bea@example.org", "name": "Bea", "active": true, "cadence": "weekly",
                "format": "text", "language_name": "Français", "hour": 7, "timezone": "Europe/Paris",
            },
        });
        renderer.template("email-signup.txt", &view).unwrap()
    }

    #[test]
    fn the_export_mail_writes_label_and_value_as_the_language_does() {
        let fr = export_mail("fr");
        assert!(fr.contains("  Adresse\u{202f}: bea@example.org\n"), "{fr}");
        assert!(
            fr.contains("  Arrive à\u{202f}: 7:00, Europe/Paris\n"),
            "{fr}"
        );
        let en = export_mail("en");
        assert!(en.contains("  Address: bea@example.org\n"), "{en}");
        assert!(en.contains("  How often: Once a week\n"), "{en}");
    }
}
