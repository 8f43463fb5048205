//! The language a page is written in: what `<html lang>` says, else what whatlang reads in the
//! text, among the languages the tool has import words for; English when neither tells.

use whatlang::{Detector, Lang};

use super::lexicon::Lexicon;
use crate::import::page::Block;

/// The languages whatlang can tell apart that have built-in labels.
const DETECTABLE: [(&str, Lang); 7] = [
    ("en", Lang::Eng),
    ("es", Lang::Spa),
    ("fr", Lang::Fra),
    ("de", Lang::Deu),
    ("pt", Lang::Por),
    ("ko", Lang::Kor),
    ("ar", Lang::Ara),
];

/// Below this, whatlang's guess gives way to the language of the heading that was found.
const SURE: f64 = 0.5;

/// The page's language (a primary subtag) and how it was found, for the report.
pub fn language_of(
    blocks: &[Block],
    claimed: Option<&str>,
    heading_lang: Option<&str>,
    lexicon: &Lexicon,
) -> (String, String) {
    let mut note = String::new();
    if let Some(claimed) = claimed.map(str::trim).filter(|c| !c.is_empty()) {
        let primary = primary(claimed);
        if lexicon.get(&primary).is_some() {
            return (primary, format!("from <html lang=\"{claimed}\">"));
        }
        note = format!(", as <html lang=\"{claimed}\"> is a language without import words");
    }
    let text = sample(blocks);
    let allowed: Vec<Lang> = DETECTABLE
        .iter()
        .filter(|(tag, _)| lexicon.get(tag).is_some())
        .map(|(_, l)| *l)
        .collect();
    let detected = Detector::with_allowlist(allowed)
        .detect(&text)
        .and_then(|info| {
            let tag = DETECTABLE.iter().find(|(_, l)| *l == info.lang())?.0;
            Some((tag, info.confidence()))
        });
    match (detected, heading_lang) {
        (Some((tag, confidence)), Some(h)) if confidence < SURE && tag != h => (
            h.to_string(),
            format!(
                "from the prayer heading (whatlang guessed {tag}, confidence {confidence:.2}){note}"
            ),
        ),
        (Some((tag, confidence)), _) => (
            tag.to_string(),
            format!("detected (whatlang, confidence {confidence:.2}){note}"),
        ),
        (None, Some(h)) => (h.to_string(), format!("from the prayer heading{note}")),
        (None, None) => ("en".into(), format!("English by default{note}")),
    }
}

/// "pt-BR" → "pt".
fn primary(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or(tag)
        .to_ascii_lowercase()
}

/// The first few thousand characters of the page's text: enough for trigrams.
fn sample(blocks: &[Block]) -> String {
    let mut text = String::new();
    for b in blocks {
        if text.len() > 4000 {
            break;
        }
        text.push_str(&b.text);
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::page::Kind;

    fn para(text: &str) -> Block {
        Block {
            kind: Kind::Paragraph,
            text: text.into(),
            line: None,
        }
    }

    #[test]
    fn html_lang_wins_when_known() {
        let blocks = [para(
            "Christians in Algeria meet in homes since the churches closed.",
        )];
        let (lang, how) = language_of(&blocks, Some("fr-FR"), None, Lexicon::builtin());
        assert_eq!(
            (lang.as_str(), how.as_str()),
            ("fr", "from <html lang=\"fr-FR\">")
        );
    }

    #[test]
    fn the_text_tells_when_the_page_does_not() {
        for (text, want) in [
            (
                "Les chrétiens d'Algérie se réunissent dans les maisons depuis que les églises ont été fermées par les autorités.",
                "fr",
            ),
            (
                "Die Christen in Algerien treffen sich in Häusern, seit die Behörden die Kirchen geschlossen haben.",
                "de",
            ),
            (
                "Los cristianos de Argelia se reúnen en casas desde que las autoridades cerraron las iglesias.",
                "es",
            ),
            (
                "Os cristãos da Argélia se reúnem em casas desde que as autoridades fecharam as igrejas.",
                "pt",
            ),
        ] {
            let (lang, how) = language_of(&[para(text)], None, None, Lexicon::builtin());
            assert_eq!(lang, want, "{text}");
            assert!(how.starts_with("detected (whatlang, confidence "), "{how}");
        }
        let (lang, how) = language_of(&[para("xyz")], Some("sw"), None, Lexicon::builtin());
        assert!(how.contains("<html lang=\"sw\">"), "{lang} {how}");
    }
}
