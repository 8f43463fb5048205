//! The per-subscriber parts of a digest (the greeting, and the header and footer templates)
//! filled from pieces rendered once, not rendered by Tera for every message.
//!
//! A template is rendered once per *form*: the edition's language and cadence, the message's
//! format, and the shape of each subscriber value (where its spaces are and how wide each
//! character is, which is all `wrap` looks at). It is rendered with made-up markers of that
//! shape in place of the subscriber's values, twice, with different markers; where the two
//! renders agree, the output is fixed text with holes where the markers stood, each hole
//! escaped for HTML or not as its marker came out. A subscriber's parts are then the fixed text
//! with their values in the holes. A template whose output depends on a value in a way a marker
//! cannot stand for (a filter that changes it, a test on its content, a value too short to
//! mark) does not split the same way twice, and is rendered for each subscriber as before.
//! The first subscriber of each form is rendered by Tera as well, and the form is kept only if
//! filling gives the same text. (A template that compares a value's content, beyond whether it
//! is empty, is the one thing this cannot see after that first subscriber: the built-in
//! templates do not, and the manual says custom ones must not.)

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde::Serialize;

use crate::error::Error;
use crate::publish::render::Renderer;

/// What the header and footer templates see for one subscriber.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Personal<'a> {
    /// The language of the labels (`t()`), the edition's.
    pub lang: &'a str,
    pub greeting: String,
    pub name: &'a str,
    pub email: &'a str,
    pub title: &'a str,
    pub cadence: &'a str,
    pub token: &'a str,
    pub unsubscribe_url: Option<String>,
    pub unsubscribe_mailto: Option<&'a str>,
    pub unsubscribe_mailto_link: Option<String>,
    /// The "I will pray" page of `serve` for the edition's day (a daily digest) or for the day
    /// it is opened (a weekly one); `None` without `[serve]`.
    pub pray_url: Option<String>,
}

/// The values that differ from one subscriber to the next, in this order.
const FIELDS: usize = 7;

impl Personal<'_> {
    fn values(&self) -> [&str; FIELDS] {
        [
            &self.greeting,
            self.name,
            self.email,
            self.token,
            self.unsubscribe_url.as_deref().unwrap_or_default(),
            self.unsubscribe_mailto_link.as_deref().unwrap_or_default(),
            self.pray_url.as_deref().unwrap_or_default(),
        ]
    }

    /// The same subscriber with `values` in place of theirs (`None` stays `None`).
    fn with<'v>(&'v self, values: &'v [String; FIELDS]) -> Personal<'v> {
        Personal {
            greeting: values[0].clone(),
            name: &values[1],
            email: &values[2],
            token: &values[3],
            unsubscribe_url: self.unsubscribe_url.as_ref().map(|_| values[4].clone()),
            unsubscribe_mailto_link: self
                .unsubscribe_mailto_link
                .as_ref()
                .map(|_| values[5].clone()),
            pray_url: self.pray_url.as_ref().map(|_| values[6].clone()),
            ..self.clone()
        }
    }
}

/// A piece of a rendered template: its own text, or a subscriber's value.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    Raw(usize),
    Escaped(usize),
}

/// Templates split into pieces, for every subscriber of one form.
type Split = Vec<Vec<Piece>>;

/// Fills templates for subscribers, from pieces rendered once per form.
pub(crate) struct Filler<'r> {
    renderer: &'r Renderer,
    /// By form; `None`: a form the markers could not stand for, rendered per subscriber.
    forms: Mutex<HashMap<String, Option<Arc<Split>>>>,
    /// The greetings, by language.
    greetings: Mutex<HashMap<String, Arc<Greeting>>>,
}

/// A language's greetings.
struct Greeting {
    /// `greeting-friend`, for a subscriber without a name.
    friend: String,
    /// `greeting`'s text before and after the name (`None`: formatted per subscriber).
    around: Option<(String, String)>,
}

impl<'r> Filler<'r> {
    pub fn new(renderer: &'r Renderer) -> Filler<'r> {
        Filler {
            renderer,
            forms: Mutex::new(HashMap::new()),
            greetings: Mutex::new(HashMap::new()),
        }
    }

    /// The greeting of a subscriber called `name` (none: `greeting-friend`) in `lang`.
    pub fn greeting(&self, lang: &str, name: &str) -> String {
        let mut greetings = self.greetings.lock().unwrap_or_else(|e| e.into_inner());
        let greeting = greetings
            .entry(lang.to_string())
            .or_insert_with(|| Arc::new(self.greeting_in(lang)))
            .clone();
        drop(greetings);
        match &greeting.around {
            _ if name.is_empty() => greeting.friend.clone(),
            Some((before, after)) => format!("{before}{name}{after}"),
            None => self
                .renderer
                .locale(lang)
                .label("greeting", &[("name", name)]),
        }
    }

    /// The greetings of `lang`: without a name, and the text around a name if it goes in
    /// unchanged (Fluent puts nothing round it and selects nothing by it).
    fn greeting_in(&self, lang: &str) -> Greeting {
        let locale = self.renderer.locale(lang);
        let around = |marker: &str| {
            let text = locale.label("greeting", &[("name", marker)]);
            let (before, after) = text.split_once(marker)?;
            (!after.contains(marker)).then(|| (before.to_string(), after.to_string()))
        };
        let first = around("\u{E000}Anna\u{E001}");
        Greeting {
            friend: locale.label("greeting-friend", &[]),
            around: first
                .filter(|f| around("\u{E000}Bartholomew Quentin\u{E001}").as_ref() == Some(f)),
        }
    }

    /// The templates `names` for `personal`, as [`Renderer::templates`] renders them.
    pub fn render(&self, names: &[&str], personal: &Personal) -> Result<Vec<String>, Error> {
        let values = personal.values();
        let shapes: Vec<String> = values.iter().map(|v| shape(v)).collect();
        let key = format!(
            "{names:?}\u{1}{}\u{1}{}\u{1}{}",
            personal.lang,
            personal.cadence,
            shapes.join("\u{1}")
        );
        let split = {
            let mut forms = self.forms.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(split) = forms.get(&key) {
                split.clone()
            } else {
                // The first subscriber of a form is rendered by Tera too, and the form is kept
                // only if filling gives the same.
                let rendered = self.renderer.templates(names, personal)?;
                let split = self
                    .split(names, personal, &shapes)
                    .filter(|split| {
                        split
                            .iter()
                            .map(|t| fill(t, &values))
                            .eq(rendered.iter().cloned())
                    })
                    .map(Arc::new);
                forms.insert(key, split);
                return Ok(rendered);
            }
        };
        match split {
            Some(split) => Ok(split.iter().map(|t| fill(t, &values)).collect()),
            None => self.renderer.templates(names, personal),
        }
    }

    /// The templates of this form split into pieces, if two sets of markers split them alike.
    fn split(&self, names: &[&str], personal: &Personal, shapes: &[String]) -> Option<Split> {
        let render = |set: usize| -> Option<Split> {
            let markers: [String; FIELDS] = std::array::from_fn(|f| marker(&shapes[f], f, set));
            let rendered = self
                .renderer
                .templates(names, &personal.with(&markers))
                .ok()?;
            rendered.iter().map(|r| pieces(r, &markers)).collect()
        };
        let first = render(0)?;
        (render(1)? == first).then_some(first)
    }
}

/// A value's shape: its whitespace as it is, other characters by width (`a` one column, `W`
/// two). `None`-like `?` for a character a marker cannot stand for (no width, or a control).
fn shape(value: &str) -> String {
    value
        .chars()
        .map(|c| match c {
            ' ' | '\t' | '\n' => c,
            c if c.is_ascii_graphic() => 'a',
            c if c.is_control() => '?',
            c => {
                let mut buf = [0u8; 4];
                match textwrap::core::display_width(c.encode_utf8(&mut buf)) {
                    1 => 'a',
                    2 => 'W',
                    _ => '?',
                }
            }
        })
        .collect()
}

/// A marker needs two characters: `&` and a letter that differs between the two sets (a short
/// marker that happens to match a template's own text splits the two renders differently).
const SHORTEST_MARKER: usize = 2;

/// A marker of `shape` for field `field` in marker set `set`: `&` first (so escaping shows),
/// then letters naming the field and the set, each character as wide as the value's. Empty for
/// an empty value; a shape it cannot stand for gives a marker no render will split alike.
fn marker(shape: &str, field: usize, set: usize) -> String {
    if shape.is_empty() {
        return String::new();
    }
    if shape.contains('?') || shape.chars().count() < SHORTEST_MARKER {
        // Different in the two sets and never found whole: the form falls back.
        return format!("\u{E000}{field}{set}");
    }
    let letters = [b"gkmqvxz".as_slice(), b"jwpbfhy".as_slice()][set % 2];
    let mut narrow = 0;
    shape
        .chars()
        .map(|c| match c {
            'a' => {
                narrow += 1;
                match narrow {
                    1 => '&',
                    2 => letters[field % letters.len()] as char,
                    n => letters[(field + n) % letters.len()] as char,
                }
            }
            'W' => ['\u{9F98}', '\u{9F96}'][set % 2],
            other => other,
        })
        .collect()
}

/// `rendered` cut where the markers stand, raw or escaped for HTML; `None` if a marker of an
/// unusual shape is not found whole.
fn pieces(rendered: &str, markers: &[String; FIELDS]) -> Option<Vec<Piece>> {
    if markers.iter().any(|m| m.starts_with('\u{E000}')) {
        return None;
    }
    let escaped: Vec<String> = markers.iter().map(|m| escape(m)).collect();
    let mut out = Vec::new();
    let mut text = String::new();
    let mut rest = rendered;
    while let Some(at) = rest.find('&') {
        text.push_str(&rest[..at]);
        rest = &rest[at..];
        let found = (0..FIELDS).find_map(|f| {
            if markers[f].is_empty() {
                None
            } else if rest.starts_with(&escaped[f]) {
                Some((Piece::Escaped(f), escaped[f].len()))
            } else if rest.starts_with(&markers[f]) {
                Some((Piece::Raw(f), markers[f].len()))
            } else {
                None
            }
        });
        match found {
            Some((piece, len)) => {
                if !text.is_empty() {
                    out.push(Piece::Text(std::mem::take(&mut text)));
                }
                out.push(piece);
                rest = &rest[len..];
            }
            None => {
                text.push('&');
                rest = &rest[1..];
            }
        }
    }
    text.push_str(rest);
    if !text.is_empty() {
        out.push(Piece::Text(text));
    }
    Some(out)
}

/// HTML escaping as Tera's autoescape does it.
fn escape(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len() + 8);
    // Writing to a Vec cannot fail.
    let _ = tera::escape_html(text, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// One template for one subscriber: the pieces with their values.
fn fill(pieces: &[Piece], values: &[&str; FIELDS]) -> String {
    let mut out = String::with_capacity(
        pieces
            .iter()
            .map(|p| match p {
                Piece::Text(t) => t.len(),
                Piece::Raw(f) | Piece::Escaped(f) => values[*f].len() + 8,
            })
            .sum(),
    );
    for piece in pieces {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Raw(f) => out.push_str(values[*f]),
            Piece::Escaped(f) => out.push_str(&escape(values[*f])),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAMES: [&str; 4] = [
        "email-header.txt",
        "email-footer.txt",
        "email-header.html",
        "email-footer.html",
    ];

    fn personal<'a>(
        filler: &Filler,
        name: &'a str,
        email: &'a str,
        link: bool,
        lang: &'a str,
    ) -> Personal<'a> {
        let token = "0123456789abcdef0123456789abcdef";
        Personal {
            lang,
            greeting: filler.greeting(lang, name),
            name,
            email,
            title: "Pray & Act <daily>",
            cadence: "daily",
            token,
            unsubscribe_url: link.then(|| format!("https://example.org/u?a=1&token={token}")),
            unsubscribe_mailto: (!link).then_some("leave@example.org"),
            unsubscribe_mailto_link: (!link)
                .then(|| format!("mailto:leave@example.org?subject=unsubscribe%20{token}")),
            pray_url: link.then(|| "https://example.org/pray?date=2027-03-01&lang=en".to_string()),
        }
    }

    /// Every subscriber's parts, filled, are what Tera renders for them; (subscribers, forms
    /// split into pieces, forms rendered per subscriber).
    fn same_as_tera(renderer: &Renderer) -> (usize, usize, usize) {
        let filler = Filler::new(renderer);
        let mut filled = 0;
        for lang in ["en", "es", "ar"] {
            for link in [true, false] {
                for (name, email) in [
                    ("Anna Berg", "anna@example.org"),
                    ("", "bo@example.org"),
                    (
                        "Ann",
                        "a.very.long.address.that.wraps.the.footer@example.org",
                    ),
                    ("O'Neil & <Sons>", "o'neil+tag@example.org"),
                    ("李小龙", "li@example.cn"),
                    ("Jo", "jo@x.io"),
                    ("Élodie Moreau", "élodie@exemple.fr"),
                ] {
                    let p = personal(&filler, name, email, link, lang);
                    let greeting = if name.is_empty() {
                        renderer.locale(lang).label("greeting-friend", &[])
                    } else {
                        renderer.locale(lang).label("greeting", &[("name", name)])
                    };
                    assert_eq!(p.greeting, greeting);
                    assert_eq!(
                        filler.render(&NAMES, &p).unwrap(),
                        renderer.templates(&NAMES, &p).unwrap(),
                        "{lang} {name} {email} {link}"
                    );
                    filled += 1;
                }
            }
        }
        let forms = filler.forms.lock().unwrap();
        let split = forms.values().filter(|f| f.is_some()).count();
        (filled, split, forms.len() - split)
    }

    #[test]
    fn filled_parts_are_what_the_built_in_templates_render() {
        let renderer = Renderer::new(None).unwrap();
        let (filled, split, per_subscriber) = same_as_tera(&renderer);
        assert_eq!(filled, 42);
        assert_eq!((split, per_subscriber), (42, 0));
    }

    #[test]
    fn a_template_that_changes_a_value_is_rendered_per_subscriber() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("email-header.txt"),
            "{{ greeting | upper }}\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("email-header.html"),
            "<p>{{ name | safe }} {{ email | length }} {{ token | truncate(length=5) }}</p>",
        )
        .unwrap();
        let renderer = Renderer::new(Some(dir.path())).unwrap();
        let (_, split, _) = same_as_tera(&renderer);
        assert_eq!(split, 0, "a changed value was filled in unchanged");
    }

    #[test]
    fn markers_keep_the_shape_and_show_escaping() {
        assert_eq!(shape("Anna Berg"), "aaaa aaaa");
        assert_eq!(shape("李小 é"), "WW a");
        let m = marker("aaaa aa", 2, 0);
        assert_eq!(m.chars().count(), 7);
        assert!(m.starts_with('&') && m.contains(' '));
        assert_ne!(m, marker("aaaa aa", 2, 1));
        assert_ne!(m, marker("aaaa aa", 3, 0));
        let markers: [String; FIELDS] = std::array::from_fn(|f| marker("aaaaaa", f, 0));
        let rendered = format!("a&b{}c{}", markers[2], escape(&markers[4]));
        assert_eq!(
            pieces(&rendered, &markers).unwrap(),
            [
                Piece::Text("a&b".into()),
                Piece::Raw(2),
                Piece::Text("c".into()),
                Piece::Escaped(4)
            ]
        );
    }
}
