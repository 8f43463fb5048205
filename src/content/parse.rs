//! Reading a TOML file into its format's types with every mistake reported, not only the first.
//!
//! serde stops at the first error. So the text is parsed into a table that keeps positions (which
//! also recovers from syntax errors), then read into the format's types again and again: each
//! error is reported, and the value it is about is taken out (or, for a missing field, stood in
//! for) before the next reading, until the file reads through. The types keep
//! `deny_unknown_fields`; the messages say in plain words what would be right.

use std::borrow::Cow;
use std::ops::Range;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue, Deserializer};

use crate::content::source::SourceFile;
use crate::error::{Diagnostic, Diagnostics, did_you_mean};

/// How one field of a format is written, for messages about a wrong value.
#[derive(Debug)]
pub struct FieldHint {
    /// The field as a dotted path, arrays of tables without an index: `facts.population`, `pin.date`.
    pub path: &'static str,
    /// What the value must be, in plain words: "a whole number from 1 to 12".
    pub what: &'static str,
    /// A line that would be right: `points_per_day = 3`.
    pub example: &'static str,
}

/// A [`FieldHint`], for the formats' tables of fields.
pub const fn hint(path: &'static str, what: &'static str, example: &'static str) -> FieldHint {
    FieldHint {
        path,
        what,
        example,
    }
}

/// A file format: what one file is, where it is documented, and every field it has.
#[derive(Debug)]
pub struct FileFormat {
    /// What one file is, in messages: "a guide", "schedule.toml".
    pub name: &'static str,
    /// Where its fields are explained, for help lines.
    pub documented_in: &'static str,
    /// Every field (each format's unit tests keep the list complete).
    pub fields: &'static [FieldHint],
}

impl FileFormat {
    fn hint(&self, path: &str) -> Option<&FieldHint> {
        self.fields.iter().find(|h| h.path == path)
    }
}

/// What reading a file gave.
#[derive(Debug)]
pub struct Parsed<T> {
    /// The value, unless the file could not be read through at all. When there are diagnostics,
    /// the fields in error were left out or stood in for: use it only to find more problems.
    pub value: Option<T>,
    /// Every problem found, in the order found.
    pub diagnostics: Diagnostics,
    /// The fields already reported (dotted paths), whose values were left out or stood in for.
    pub reported: Vec<String>,
}

impl<T> Parsed<T> {
    /// Adds the diagnostics of later checks, except those about a field already reported (a
    /// stand-in value would only cause a second, misleading message).
    pub fn add_checks(&mut self, later: Diagnostics) {
        for d in later.0 {
            let known = d.field.as_deref().is_some_and(|f| {
                self.reported.iter().any(|p| {
                    f == p
                        || f.strip_prefix(p.as_str())
                            .is_some_and(|r| r.starts_with('.'))
                })
            });
            if !known {
                self.diagnostics.push(d);
            }
        }
    }
}

/// One step from the document's root to a value.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    Key(String),
    Index(usize),
}

/// Where an error's span falls in the document.
enum Place {
    /// A key, the last step.
    Key(Vec<Step>),
    /// A value.
    Value(Vec<Step>),
}

/// Values tried, in turn, in place of a missing field until the format accepts one.
const STAND_INS: [&str; 7] = ["\"\"", "0", "0.0", "false", "2000-01-01", "[]", "{}"];

/// Reads `file` as a `T`, reporting every mistake.
pub fn parse<T: DeserializeOwned>(file: &SourceFile, format: &FileFormat) -> Parsed<T> {
    let text = file.text.as_str();
    let (mut doc, syntax) = DeTable::parse_recoverable(text);
    let mut parsed = Parsed {
        value: None,
        diagnostics: Diagnostics::default(),
        reported: Vec::new(),
    };
    // Lines with a syntax error: an error serde finds there is the same mistake again.
    let mut broken_lines = Vec::new();
    for e in &syntax {
        let line = e.span().map(|s| file.line_col(s.start).0);
        if !broken_lines.contains(&line) {
            broken_lines.push(line);
            parsed.diagnostics.push(syntax_error(file, format, e));
        }
    }
    // Stand-ins are placed just past the end of the text, where no error of the file can be.
    let stand_in_span = text.len() + 1..text.len() + 1;
    let mut stand_in: Option<(Vec<Step>, String, usize)> = None;
    // Fields taken out because of a wrong value: their "missing field" is no news.
    let mut taken_out: Vec<(Vec<Step>, String)> = Vec::new();
    let mut last_error: Option<(Range<usize>, String)> = None;
    for _ in 0..500 {
        let error = match T::deserialize(Deserializer::from(doc.clone())) {
            Ok(value) => {
                parsed.value = Some(value);
                return parsed;
            }
            Err(e) => e,
        };
        let Some(span) = error.span() else {
            parsed
                .diagnostics
                .push(Diagnostic::error(&file.path, error.message().to_string()));
            return parsed;
        };
        let message = error.message().trim_end().to_string();
        // Every round takes out what the error was about; the same error twice means it could
        // not be, and reading on would only repeat it.
        if last_error.as_ref() == Some(&(span.clone(), message.clone())) {
            return parsed;
        }
        last_error = Some((span.clone(), message.clone()));
        let quiet = broken_lines.contains(&Some(file.line_col(span.start).0));
        if span == stand_in_span {
            // The stand-in was of the wrong type: try the next.
            let Some((table, key, tried)) = stand_in.take() else {
                return parsed;
            };
            if tried + 1 == STAND_INS.len() {
                return parsed;
            }
            insert_stand_in(&mut doc, &table, &key, tried + 1, &stand_in_span);
            stand_in = Some((table, key, tried + 1));
            continue;
        }
        if let Some(key) = quoted_after(&message, "missing field ") {
            let Some(table) = find_table(&doc, &span) else {
                parsed.diagnostics.push(located(file, &span, message));
                return parsed;
            };
            let mut field = table.clone();
            field.push(Step::Key(key.clone()));
            let path = dotted(&field);
            if !quiet && !taken_out.contains(&(table.clone(), key.clone())) {
                parsed
                    .diagnostics
                    .push(missing_field(file, format, &span, &path, &key));
            }
            if !parsed.reported.contains(&path) {
                parsed.reported.push(path);
            }
            insert_stand_in(&mut doc, &table, &key, 0, &stand_in_span);
            stand_in = Some((table, key, 0));
            continue;
        }
        match find(doc.get_ref(), &span, &mut Vec::new()) {
            Some(Place::Key(steps)) => {
                let table_span = container_span(&doc, &steps[..steps.len() - 1]);
                let d = unknown_field(file, format, &steps, &span, table_span, &message);
                // A misspelt field is also missing under its right name: one message is enough.
                if let Some(right) = d
                    .help
                    .as_deref()
                    .and_then(|h| quoted_after(h, "did you mean "))
                {
                    taken_out.push((steps[..steps.len() - 1].to_vec(), right));
                }
                if !quiet {
                    parsed.diagnostics.push(d);
                }
                parsed.reported.push(dotted(&steps));
                // Written below a table header, it may be missing from a table around it.
                if let Some(Step::Key(key)) = steps.last() {
                    for n in 0..steps.len() - 1 {
                        taken_out.push((steps[..n].to_vec(), key.clone()));
                    }
                }
                remove(&mut doc, &steps);
            }
            Some(Place::Value(steps)) => {
                if !quiet {
                    let value = value_at(doc.get_ref(), &steps).expect("found just now");
                    parsed
                        .diagnostics
                        .push(wrong_value(file, format, &steps, &span, value, &message));
                }
                parsed.reported.push(dotted(&steps));
                if let Some(Step::Key(key)) = steps.last() {
                    taken_out.push((steps[..steps.len() - 1].to_vec(), key.clone()));
                }
                remove(&mut doc, &steps);
            }
            None => {
                if !quiet {
                    parsed.diagnostics.push(located(file, &span, message));
                }
                return parsed;
            }
        }
    }
    parsed
}

/// A syntax error, with the key of its line when there is one, in plain words where toml's
/// are not.
fn syntax_error(file: &SourceFile, format: &FileFormat, e: &toml::de::Error) -> Diagnostic {
    let span = e.span().unwrap_or(0..0);
    let message = e.message().trim_end();
    let (message, help) = match message {
        "invalid basic string, expected `\"`" | "invalid literal string, expected `'`" => (
            "the text has no closing quote".to_string(),
            Some(
                "end it with a quote on the same line; for several lines, write it between \"\"\" and \"\"\"",
            ),
        ),
        "duplicate key" => ("is written twice".to_string(), Some("keep one of them")),
        other => match other.strip_prefix("invalid date, expected ") {
            Some(rule) => (
                format!("is not a date of the calendar ({rule})"),
                Some("write it as year-month-day"),
            ),
            None => (other.to_string(), None),
        },
    };
    let mut d = located(file, &span, message);
    let field = file.field_at(span.start);
    if let Some(help) = help {
        d = d.help(match field.as_deref().and_then(|f| format.hint(f)) {
            Some(h) if help.starts_with("write it as") => format!("{help}, like `{}`", h.example),
            _ => help.to_string(),
        });
    }
    if let Some(field) = field {
        d = d.field(field);
    }
    d
}

fn located(file: &SourceFile, span: &Range<usize>, message: String) -> Diagnostic {
    Diagnostic::error(&file.path, message).at(Some(file.line_col(span.start)))
}

/// `unknown field `x`, expected one of ...`: the spelling, or a key written below a table header
/// that belongs above it.
fn unknown_field(
    file: &SourceFile,
    format: &FileFormat,
    steps: &[Step],
    span: &Range<usize>,
    table_span: Option<Range<usize>>,
    message: &str,
) -> Diagnostic {
    let Some(Step::Key(key)) = steps.last() else {
        unreachable!("a key's place ends with the key")
    };
    let table = &steps[..steps.len() - 1];
    let header = table_span
        .map(|s| file.text[s].trim())
        .filter(|h| h.starts_with('['));
    // A key written after a table header belongs to that table: is it a field of one around it?
    let keys: Vec<&str> = table
        .iter()
        .filter_map(|s| match s {
            Step::Key(k) => Some(k.as_str()),
            Step::Index(_) => None,
        })
        .collect();
    let belongs_above = header.is_some()
        && (0..keys.len()).any(|n| {
            let mut path = keys[..n].to_vec();
            path.push(key);
            format.hint(&path.join(".")).is_some()
        });
    let d = located(file, span, String::new());
    if let (true, Some(header)) = (belongs_above, header) {
        return Diagnostic {
            field: Some(key.clone()),
            message: format!(
                "belongs above {header}: in TOML a key after a table header belongs to that \
                 table; move it up"
            ),
            help: Some(format!(
                "the order of the fields is shown in {}",
                format.documented_in
            )),
            ..d
        };
    }
    let fields: Vec<&str> = message
        .split_once("expected")
        .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
        .unwrap_or_default();
    let mut help = match did_you_mean(key, &fields) {
        Some(right) => format!("did you mean `{right}`? "),
        None => "check the spelling; ".to_string(),
    };
    let elsewhere = format
        .fields
        .iter()
        .filter(|h| h.path.rsplit('.').next() == Some(key.as_str()) && h.path.contains('.'))
        .map(|h| h.path.rsplit_once('.').map_or("", |(t, _)| t))
        .next();
    if let Some(table) = elsewhere {
        help = format!("`{key}` belongs in [{table}]: write it below the line [{table}]; ");
    }
    help.push_str(&format!(
        "the fields are listed in {}",
        format.documented_in
    ));
    Diagnostic {
        field: Some(dotted(steps)),
        message: message.to_string(),
        help: Some(help),
        ..d
    }
}

/// `missing field `x``.
fn missing_field(
    file: &SourceFile,
    format: &FileFormat,
    span: &Range<usize>,
    path: &str,
    key: &str,
) -> Diagnostic {
    let header = file
        .text
        .get(span.clone())
        .map(str::trim)
        .filter(|h| h.starts_with('['));
    let (needs, under) = match header {
        Some(h) if h.starts_with("[[") => {
            (format!("each {h} needs it"), format!(" below each {h}"))
        }
        Some(h) => (format!("{h} needs it"), format!(" below {h}")),
        None if path.contains('.') => ("it is needed here".to_string(), String::new()),
        None => (format!("{} needs it", format.name), String::new()),
    };
    let help = match format.hint(path) {
        Some(h) => format!("add it{under}, like `{}`", h.example),
        None => format!("add `{key} = ...`{under}; see {}", format.documented_in),
    };
    located(file, span, format!("is missing; {needs}"))
        .field(path)
        .help(help)
}

/// `invalid type: ..., expected ...` and the like: what the value must be, and what it is.
fn wrong_value(
    file: &SourceFile,
    format: &FileFormat,
    steps: &[Step],
    span: &Range<usize>,
    value: &DeValue,
    message: &str,
) -> Diagnostic {
    let path = dotted(steps);
    let hint = format.hint(&path);
    let item = match steps.last() {
        Some(Step::Index(i)) => Some(i + 1),
        _ => None,
    };
    let expected = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
        .and_then(|m| m.rsplit_once(", expected "))
        .map(|(_, e)| e);
    let variants: Vec<&str> = match quoted_after(message, "unknown variant ") {
        Some(_) => message
            .split_once("expected")
            .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
            .unwrap_or_default(),
        None => Vec::new(),
    };
    // What would be right: for an item of a list, the item's type; else the field's hint.
    let of_serde =
        expected.is_some() || !variants.is_empty() || message == "wanted string or table";
    let what = match (item, hint, expected) {
        _ if !of_serde => None,
        (Some(_), _, Some(e)) => Some(plain_type(e)),
        (None, Some(h), _) => Some(h.what.to_string()),
        (None, None, Some(e)) => Some(plain_type(e)),
        _ if !variants.is_empty() => Some(format!("one of {}", variants.join(", "))),
        _ => Some("text in quotes".to_string()),
    };
    let Some(what) = what else {
        // A message of our own (a date with a time, an unknown time zone): already plain.
        return located(file, span, message.to_string()).field(path);
    };
    let mut text = match item {
        Some(n) => format!("item {n} must be {what}"),
        None => format!("must be {what}"),
    };
    if let (None, Some(h)) = (item, hint) {
        text.push_str(&format!(", like `{}`", h.example));
    }
    let key = path.rsplit('.').next().unwrap_or(&path);
    let help = match value {
        DeValue::String(s) if looks_like_date(s) && what.contains("date") => {
            format!("write the date as {s}, without quotes")
        }
        DeValue::String(s)
            if (what.contains("number") || what.contains("year"))
                && s.replace('_', "").trim().parse::<f64>().is_ok() =>
        {
            format!("remove the quotes: `{key} = {s}`")
        }
        DeValue::String(s) if what.contains("true or false") && (s == "true" || s == "false") => {
            format!("remove the quotes: `{key} = {s}`")
        }
        DeValue::String(s) if !variants.is_empty() => match did_you_mean(s, &variants) {
            Some(right) => format!("did you mean \"{right}\"?"),
            None => format!("here it is \"{s}\""),
        },
        other => format!("here it is {}", describe(other)),
    };
    located(file, span, text).field(path).help(help)
}

/// serde's name of a type, in plain words.
fn plain_type(expected: &str) -> String {
    match expected {
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize" => {
            "a whole number".into()
        }
        "f32" | "f64" => "a number".into(),
        "a string" | "a borrowed string" | "a character" => "text in quotes".into(),
        "a boolean" => "true or false".into(),
        "a sequence" => "a list in square brackets".into(),
        "a TOML datetime" => "a date".into(),
        "a map" => "a table".into(),
        e if e.starts_with("struct ") => "a table".into(),
        e if e.starts_with("enum ") => "text in quotes".into(),
        other => other.into(),
    }
}

/// A value as a reader would name it.
fn describe(value: &DeValue) -> String {
    match value {
        DeValue::String(s) => format!("the text \"{s}\""),
        DeValue::Integer(i) => format!("the whole number {}", i.as_str()),
        DeValue::Float(f) => format!("the number {}", f.as_str()),
        DeValue::Boolean(b) => b.to_string(),
        DeValue::Datetime(d) => format!("{d}"),
        DeValue::Array(_) => "a list".into(),
        DeValue::Table(_) => "a table".into(),
    }
}

fn looks_like_date(text: &str) -> bool {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").is_ok()
}

/// The text in backticks right after `prefix` at the start of `message`.
fn quoted_after(message: &str, prefix: &str) -> Option<String> {
    let rest = message.strip_prefix(prefix)?.strip_prefix('`')?;
    rest.split_once('`').map(|(word, _)| word.to_string())
}

/// The field a path names: its keys joined by dots, array indexes left out.
fn dotted(steps: &[Step]) -> String {
    steps
        .iter()
        .filter_map(|s| match s {
            Step::Key(k) => Some(k.as_str()),
            Step::Index(_) => None,
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// The key or value whose span is `span`, searched outside in.
fn find(table: &DeTable, span: &Range<usize>, path: &mut Vec<Step>) -> Option<Place> {
    for (key, value) in table.iter() {
        path.push(Step::Key(key.get_ref().to_string()));
        if key.span() == *span {
            return Some(Place::Key(path.clone()));
        }
        if value.span() == *span {
            return Some(Place::Value(path.clone()));
        }
        if let Some(place) = find_in(value.get_ref(), span, path) {
            return Some(place);
        }
        path.pop();
    }
    None
}

fn find_in(value: &DeValue, span: &Range<usize>, path: &mut Vec<Step>) -> Option<Place> {
    match value {
        DeValue::Table(t) => find(t, span, path),
        DeValue::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Step::Index(i));
                if item.span() == *span {
                    return Some(Place::Value(path.clone()));
                }
                if let Some(place) = find_in(item.get_ref(), span, path) {
                    return Some(place);
                }
                path.pop();
            }
            None
        }
        _ => None,
    }
}

/// The table whose span is `span` (a missing field's error points at its table); the root's is
/// empty.
fn find_table(doc: &Spanned<DeTable>, span: &Range<usize>) -> Option<Vec<Step>> {
    fn search(value: &DeValue, span: &Range<usize>, path: &mut Vec<Step>) -> bool {
        let children: Vec<(Step, &Spanned<DeValue>)> = match value {
            DeValue::Table(t) => t
                .iter()
                .map(|(k, v)| (Step::Key(k.get_ref().to_string()), v))
                .collect(),
            DeValue::Array(a) => a
                .iter()
                .enumerate()
                .map(|(i, v)| (Step::Index(i), v))
                .collect(),
            _ => return false,
        };
        for (step, child) in children {
            path.push(step);
            if child.span() == *span && matches!(child.get_ref(), DeValue::Table(_)) {
                return true;
            }
            if search(child.get_ref(), span, path) {
                return true;
            }
            path.pop();
        }
        false
    }
    let mut path = Vec::new();
    let root = DeValue::Table(doc.get_ref().clone());
    if search(&root, span, &mut path) {
        Some(path)
    } else if doc.span() == *span || span.is_empty() {
        Some(Vec::new())
    } else {
        None
    }
}

/// The span of the table or array at `steps`, to quote its header.
fn container_span(doc: &Spanned<DeTable>, steps: &[Step]) -> Option<Range<usize>> {
    if steps.is_empty() {
        return None;
    }
    let mut current: &Spanned<DeValue> = match &steps[0] {
        Step::Key(k) => doc.get_ref().get(k.as_str())?,
        Step::Index(_) => return None,
    };
    for step in &steps[1..] {
        current = match (step, current.get_ref()) {
            (Step::Key(k), DeValue::Table(t)) => t.get(k.as_str())?,
            (Step::Index(i), DeValue::Array(a)) => a.get(*i)?,
            _ => return None,
        };
    }
    Some(current.span())
}

fn value_at<'a, 'i>(table: &'a DeTable<'i>, steps: &[Step]) -> Option<&'a DeValue<'i>> {
    let (first, rest) = steps.split_first()?;
    let Step::Key(k) = first else { return None };
    let mut current = table.get(k.as_str())?.get_ref();
    for step in rest {
        current = match (step, current) {
            (Step::Key(k), DeValue::Table(t)) => t.get(k.as_str())?.get_ref(),
            (Step::Index(i), DeValue::Array(a)) => a.get(*i)?.get_ref(),
            _ => return None,
        };
    }
    Some(current)
}

fn value_mut<'a, 'i>(table: &'a mut DeTable<'i>, steps: &[Step]) -> Option<&'a mut DeValue<'i>> {
    let (first, rest) = steps.split_first()?;
    let Step::Key(k) = first else { return None };
    let mut current = table.get_mut(k.as_str())?.get_mut();
    for step in rest {
        current = match (step, current) {
            (Step::Key(k), DeValue::Table(t)) => t.get_mut(k.as_str())?.get_mut(),
            (Step::Index(i), DeValue::Array(a)) => a.get_mut(*i)?.get_mut(),
            _ => return None,
        };
    }
    Some(current)
}

fn table_mut<'a, 'i>(
    doc: &'a mut Spanned<DeTable<'i>>,
    steps: &[Step],
) -> Option<&'a mut DeTable<'i>> {
    if steps.is_empty() {
        return Some(doc.get_mut());
    }
    match value_mut(doc.get_mut(), steps)? {
        DeValue::Table(t) => Some(t),
        _ => None,
    }
}

/// Takes the key or list item at `steps` out of the document.
fn remove(doc: &mut Spanned<DeTable>, steps: &[Step]) {
    let Some((last, parent)) = steps.split_last() else {
        return;
    };
    match last {
        Step::Key(key) => {
            if let Some(table) = table_mut(doc, parent) {
                table.remove(key.as_str());
            }
        }
        Step::Index(i) => {
            if let Some(DeValue::Array(items)) = value_mut(doc.get_mut(), parent) {
                let mut kept = DeArray::new();
                for (j, item) in items.iter().enumerate() {
                    if j != *i {
                        kept.push(item.clone());
                    }
                }
                *items = kept;
            }
        }
    }
}

/// Puts the `n`-th stand-in value in place of the missing `key` of the table at `table`.
fn insert_stand_in(
    doc: &mut Spanned<DeTable>,
    table: &[Step],
    key: &str,
    n: usize,
    span: &Range<usize>,
) {
    let value = DeValue::parse(STAND_INS[n]).expect("stand-ins are TOML values");
    if let Some(t) = table_mut(doc, table) {
        t.insert(
            Spanned::new(span.clone(), Cow::Owned(key.to_string())),
            Spanned::new(span.clone(), value.into_inner()),
        );
    }
}

/// For the formats' tests: every field serde names in its "unknown field" errors for `probe`,
/// a file with an unknown key `zz` (or `zzzz`) in each of its tables, as dotted paths in serde's order.
#[cfg(test)]
pub(crate) fn fields_named<T: DeserializeOwned>(probe: &str) -> Vec<&'static str> {
    let file = SourceFile {
        path: "probe.toml".into(),
        text: probe.into(),
    };
    let empty = FileFormat {
        name: "",
        documented_in: "",
        fields: &[],
    };
    let parsed = parse::<T>(&file, &empty);
    let mut named = Vec::new();
    for d in &parsed.diagnostics.0 {
        let table = d
            .field
            .as_deref()
            .unwrap_or("")
            .trim_end_matches("zz")
            .to_string();
        // `zzzz` where `zz` would be a key of its own (a language tag in `[[pin]]`).
        if d.message.starts_with("unknown field `zz`")
            || d.message.starts_with("unknown field `zzzz`")
        {
            for field in d
                .message
                .split_once("expected")
                .unwrap()
                .1
                .split('`')
                .skip(1)
                .step_by(2)
            {
                let path: &'static str = format!("{table}{field}").leak();
                if !named.contains(&path) {
                    named.push(path);
                }
            }
        }
    }
    named
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        name: String,
        count: u32,
        #[serde(default)]
        tags: Vec<String>,
        inner: Option<Inner>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        level: u8,
        label: Option<String>,
    }

    const FORMAT: FileFormat = FileFormat {
        name: "a test file",
        documented_in: "the tests",
        fields: &[
            hint("name", "text in quotes", "name = \"x\""),
            hint("count", "a whole number", "count = 3"),
            hint("tags", "a list of words in quotes", "tags = [\"a\"]"),
            hint("inner", "a table", "[inner]"),
            hint("inner.level", "a whole number from 0 to 9", "level = 1"),
            hint("inner.label", "text in quotes", "label = \"x\""),
        ],
    };

    fn read(text: &str) -> Parsed<Doc> {
        let file = SourceFile {
            path: "test.toml".into(),
            text: text.into(),
        };
        parse(&file, &FORMAT)
    }

    #[test]
    fn reads_a_good_file_without_diagnostics() {
        let p = read("name = \"a\"\ncount = 2\n");
        assert!(p.diagnostics.0.is_empty(), "{}", p.diagnostics);
        assert_eq!(p.value.unwrap().count, 2);
    }

    #[test]
    fn reports_every_mistake_in_one_reading() {
        let p = read(
            "colour = 1\ncount = \"3\"\ntags = [\"a\", 2]\n[inner]\nlevel = 300\nlabl = \"x\"\n",
        );
        let lines: Vec<String> = p.diagnostics.0.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            lines,
            [
                "error: test.toml:1:1: `colour`: unknown field `colour`, expected one of `name`, \
                 `count`, `tags`, `inner`\n  help: check the spelling; the fields are listed in the tests",
                "error: test.toml:2:9: `count`: must be a whole number, like `count = 3`\n  \
                 help: remove the quotes: `count = 3`",
                "error: test.toml:6:1: `inner.labl`: unknown field `labl`, expected `level` or \
                 `label`\n  help: did you mean `label`? the fields are listed in the tests",
                "error: test.toml:5:9: `inner.level`: must be a whole number from 0 to 9, like \
                 `level = 1`\n  help: here it is the whole number 300",
                "error: test.toml:3:14: `tags`: item 2 must be text in quotes\n  \
                 help: here it is the whole number 2",
                "error: test.toml:1:1: `name`: is missing; a test file needs it\n  \
                 help: add it, like `name = \"x\"`",
            ]
        );
    }

    #[test]
    fn a_wrong_required_value_is_reported_once() {
        let p = read("name = 5\ncount = 1\n");
        assert_eq!(p.diagnostics.0.len(), 1, "{}", p.diagnostics);
        assert_eq!(p.diagnostics.0[0].field.as_deref(), Some("name"));
        assert_eq!(p.reported, ["name"]);
    }

    #[test]
    fn a_top_level_key_below_a_table_belongs_above_it() {
        let p = read("name = \"a\"\n[inner]\nlevel = 1\ncount = 3\n");
        assert_eq!(
            p.diagnostics.to_string(),
            "error: test.toml:4:1: `count`: belongs above [inner]: in TOML a key after a table \
             header belongs to that table; move it up\n  \
             help: the order of the fields is shown in the tests"
        );
    }

    #[test]
    fn syntax_errors_do_not_hide_the_rest() {
        let p = read("name = \"a\ncount = 1\nwho = 2\n");
        let lines: Vec<String> = p.diagnostics.0.iter().map(|d| d.to_string()).collect();
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(
            lines[0].starts_with("error: test.toml:1:10: `name`: the text has no closing quote")
        );
        assert!(lines[1].starts_with("error: test.toml:3:1: `who`: unknown field"));
    }
}
