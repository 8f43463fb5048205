//! Finding countries in text: every country of ISO 3166-1 with its common names, Spanish name
//! and demonyms (`countries.tsv`, whose header names its source), and French, German and
//! Portuguese names of the World Watch List countries (`countries-fr-de-pt.tsv`), matched word
//! by word.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::page::words;

/// A country of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-2.
    pub code: &'static str,
    /// The common English name ("North Korea").
    pub name: &'static str,
    /// The Spanish name, or "" when the data has none.
    pub name_es: &'static str,
    /// The region, in this project's grouping.
    pub region: &'static str,
    /// The French, German and Portuguese names, where the data has them.
    names_fr_de_pt: [&'static str; 3],
    /// Every name, folded as [`words`] folds text, for near matches.
    folded: Vec<String>,
}

impl Country {
    /// The name in a language ("es", "fr", "de", "pt"; English for any other, or where the
    /// data has no name in the language).
    pub fn name_in(&self, lang: &str) -> &'static str {
        let name = match lang {
            "es" => self.name_es,
            "fr" => self.names_fr_de_pt[0],
            "de" => self.names_fr_de_pt[1],
            "pt" => self.names_fr_de_pt[2],
            _ => "",
        };
        if name.is_empty() { self.name } else { name }
    }
}

/// How a country was named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Naming {
    Name,
    Demonym,
}

/// One place a country is named in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub country: &'static Country,
    pub naming: Naming,
    /// The words as written.
    pub text: String,
}

struct Entry {
    country: usize,
    naming: Naming,
    /// An acronym such as "DPRK" or "CAR", matched only in capitals.
    acronym: bool,
}

struct Table {
    countries: Vec<Country>,
    index: HashMap<String, Entry>,
    longest: usize,
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    load(
        include_str!("countries.tsv"),
        include_str!("countries-fr-de-pt.tsv"),
    )
});

fn load(data: &'static str, more_names: &'static str) -> Table {
    let mut countries = Vec::new();
    let mut index = HashMap::new();
    let mut longest = 1;
    for line in data
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let cols: Vec<&'static str> = line.split('\t').collect();
        let [code, name, name_es, region, others, demonyms] = cols[..] else {
            continue;
        };
        let i = countries.len();
        let split = |s: &'static str| s.split('|').filter(|n| !n.is_empty());
        let mut add = |text: &'static str, naming| {
            let key = words(text).join(" ");
            longest = longest.max(key.split(' ').count());
            let acronym = text.len() <= 5 && text.chars().all(|c| c.is_ascii_uppercase());
            index.entry(key).or_insert(Entry {
                country: i,
                naming,
                acronym,
            });
        };
        let mut names = vec![name];
        names.extend(split(others));
        if !name_es.is_empty() {
            names.push(name_es);
        }
        for n in &names {
            add(n, Naming::Name);
        }
        for d in split(demonyms) {
            add(d, Naming::Demonym);
        }
        countries.push(Country {
            code,
            name,
            name_es,
            region,
            names_fr_de_pt: [""; 3],
            folded: names.iter().map(|n| words(n).join(" ")).collect(),
        });
    }
    for line in more_names
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let cols: Vec<&'static str> = line.split('\t').collect();
        let Some(i) = countries.iter().position(|c| c.code == cols[0]) else {
            continue;
        };
        for (k, column) in cols.iter().skip(1).take(3).enumerate() {
            for n in column.split('|').filter(|n| !n.is_empty()) {
                let key = words(n).join(" ");
                longest = longest.max(key.split(' ').count());
                let acronym = n.len() <= 5 && n.chars().all(|c| c.is_ascii_uppercase());
                index.entry(key.clone()).or_insert(Entry {
                    country: i,
                    naming: Naming::Name,
                    acronym,
                });
                let c = &mut countries[i];
                if c.names_fr_de_pt[k].is_empty() {
                    c.names_fr_de_pt[k] = n;
                }
                if !c.folded.contains(&key) {
                    c.folded.push(key);
                }
            }
        }
    }
    Table {
        countries,
        index,
        longest,
    }
}

/// Every country named in `text`, in order; at each place the longest name wins, so
/// "South Sudan" is not also "Sudan", nor "Nigeria" "Niger".
pub fn mentions(text: &str) -> Vec<Mention> {
    let table = &*TABLE;
    let folded = words(text);
    let written = written_words(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < folded.len() {
        let mut step = 1;
        for len in (1..=table.longest.min(folded.len() - i)).rev() {
            let key = folded[i..i + len].join(" ");
            let Some(entry) = table.index.get(&key) else {
                continue;
            };
            let as_written = written.get(i..i + len).unwrap_or_default();
            if entry.acronym
                && !as_written
                    .iter()
                    .all(|w| w.chars().all(|c| !c.is_lowercase()))
            {
                continue;
            }
            out.push(Mention {
                country: &table.countries[entry.country],
                naming: entry.naming,
                text: as_written.join(" "),
            });
            step = len;
            break;
        }
        i += step;
    }
    out
}

/// The words of a text as written (case kept), split like [`words`].
fn written_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for chunk in text.split(|c: char| !c.is_alphanumeric()) {
        let mut word = String::new();
        let mut digits = false;
        for c in chunk.chars() {
            let d = c.is_ascii_digit();
            if !word.is_empty() && d != digits {
                out.push(std::mem::take(&mut word));
            }
            digits = d;
            word.push(c);
        }
        if !word.is_empty() {
            out.push(word);
        }
    }
    out
}

/// A country by its code or any of its names ("KZ", "kazakhstan", "Kazajistán").
pub fn lookup(query: &str) -> Option<&'static Country> {
    let table = &*TABLE;
    let q = query.trim();
    if let Some(c) = table
        .countries
        .iter()
        .find(|c| c.code.eq_ignore_ascii_case(q))
    {
        return Some(c);
    }
    let key = words(q).join(" ");
    table
        .index
        .get(&key)
        .filter(|e| e.naming == Naming::Name)
        .map(|e| &table.countries[e.country])
}

/// Countries whose names are spelt nearly like a word or two of `text`, best first:
/// for a title with a misspelt country.
pub fn near(text: &str) -> Vec<&'static Country> {
    let table = &*TABLE;
    // The first words are where a title or an opening names its country.
    let folded: Vec<String> = words(text).into_iter().take(60).collect();
    let mut best: HashMap<&str, (f64, usize)> = HashMap::new();
    for len in 1..=3 {
        for w in folded.windows(len) {
            let candidate = w.join(" ");
            if candidate.len() < 4 {
                continue;
            }
            for (i, c) in table.countries.iter().enumerate() {
                for name in &c.folded {
                    // A misspelling keeps the first letter and about the length.
                    let (a, b) = (candidate.len(), name.len());
                    if candidate.as_bytes().first() != name.as_bytes().first()
                        || a * 3 < b * 2
                        || b * 3 < a * 2
                    {
                        continue;
                    }
                    let score = strsim::jaro_winkler(&candidate, name);
                    let entry = best.entry(c.code).or_insert((0.0, i));
                    if score > entry.0 {
                        *entry = (score, i);
                    }
                }
            }
        }
    }
    let mut found: Vec<(f64, usize)> = best.into_values().filter(|(s, _)| *s >= 0.88).collect();
    found.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    found
        .into_iter()
        .take(3)
        .map(|(_, i)| &table.countries[i])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<&'static str> {
        mentions(text).iter().map(|m| m.country.code).collect()
    }

    #[test]
    fn the_data_has_every_country_once() {
        let table = &*TABLE;
        assert!(table.countries.len() >= 249, "{}", table.countries.len());
        let mut seen = std::collections::HashSet::new();
        for c in &table.countries {
            assert!(seen.insert(c.code), "{} twice", c.code);
            assert!(!c.region.is_empty(), "{} has no region", c.code);
        }
    }

    #[test]
    fn finds_names_demonyms_and_acronyms() {
        assert_eq!(codes("Kazakhstan - Christians Persecuted"), ["KZ"]);
        assert_eq!(codes("Kazakh believers"), ["KZ"]);
        assert_eq!(codes("a Kazakhstani pastor"), ["KZ"]);
        assert_eq!(codes("prisons of the DPRK"), ["KP"]);
        assert_eq!(codes("Prayer Shields, Malaysia, India"), ["MY", "IN"]);
        assert_eq!(codes("#15 in Christian Persecution, Algeria"), ["DZ"]);
        assert_eq!(codes("Oremos por Kazajistán"), ["KZ"]);
    }

    #[test]
    fn french_german_and_portuguese_names() {
        assert_eq!(codes("Prions pour l'Algérie et le Maroc"), ["DZ", "MA"]);
        assert_eq!(codes("Christen in Nordkorea und Äthiopien"), ["KP", "ET"]);
        assert_eq!(
            codes("Orem pela Coreia do Norte e pelo Iêmen"),
            ["KP", "YE"]
        );
        assert_eq!(codes("la République centrafricaine, la RDC"), ["CF", "CD"]);
        assert_eq!(codes("Birmanie"), ["MM"]);
        assert_eq!(lookup("Ouzbékistan").map(|c| c.code), Some("UZ"));
        let dz = lookup("DZ").unwrap();
        assert_eq!(
            ["fr", "de", "pt", "es", "ko"].map(|l| dz.name_in(l)),
            ["Algérie", "Algerien", "Argélia", "Argelia", "Algeria"]
        );
        let table = &*TABLE;
        let named = table
            .countries
            .iter()
            .filter(|c| c.names_fr_de_pt.iter().all(|n| !n.is_empty()))
            .count();
        assert!(named >= 50, "{named}");
    }

    #[test]
    fn the_longest_name_wins() {
        assert_eq!(codes("South Sudan and Sudan"), ["SS", "SD"]);
        assert_eq!(codes("Nigeria, not Niger"), ["NG", "NE"]);
        assert_eq!(codes("Papua New Guinea"), ["PG"]);
    }

    #[test]
    fn acronyms_need_capitals() {
        assert_eq!(codes("a car in the uae"), Vec::<&str>::new());
        assert_eq!(codes("the CAR and the UAE"), ["CF", "AE"]);
    }

    #[test]
    fn looks_up_codes_and_names() {
        assert_eq!(lookup("kz").map(|c| c.name), Some("Kazakhstan"));
        assert_eq!(lookup("north korea").map(|c| c.code), Some("KP"));
        assert_eq!(lookup("Narnia"), None);
    }

    #[test]
    fn near_matches_a_misspelling() {
        let near: Vec<_> = near("Turkmenstan: a report")
            .iter()
            .map(|c| c.code)
            .collect();
        assert_eq!(near.first(), Some(&"TM"), "{near:?}");
        assert!(super::near("Narnia").is_empty());
    }
}
