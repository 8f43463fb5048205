//! Whether a page marks a testimony's name as a pseudonym, as ministries do: in quotes
//! (“Daniel”), with an asterisk and a note ("*name changed"), or in words ("not her real name",
//! "a pseudonym"). A name the page leaves unmarked may be a real person's.

use super::page::Block;

/// Notes that say a name is not the person's own, in the languages `import` reads, folded to
/// lower case without accents.
const NOTES: &[&str] = &[
    "name changed",
    "names changed",
    "name has been changed",
    "names have been changed",
    "not his real name",
    "not her real name",
    "not their real name",
    "pseudonym",
    "alias",
    "representative name",
    "nombre cambiado",
    "nombres cambiados",
    "seudonimo",
    "pseudonimo",
    "nom change",
    "noms changes",
    "nom d emprunt",
    "name geandert",
    "namen geandert",
    "name wurde geandert",
    "nome alterado",
    "nomes alterados",
];

/// Whether `name` is marked as a pseudonym in `blocks`.
pub fn marked(name: &str, blocks: &[Block]) -> bool {
    let name = name.trim();
    if name.is_empty() {
        return false;
    }
    blocks.iter().any(|b| {
        let text = &b.text;
        quoted(text, name) || starred(text, name) || noted(text, name)
    })
}

fn quoted(text: &str, name: &str) -> bool {
    [
        ('“', '”'),
        ('"', '"'),
        ('«', '»'),
        ('„', '“'),
        ('‘', '’'),
        ('\'', '\''),
    ]
    .iter()
    .any(|(open, close)| {
        text.contains(&format!("{open}{name}{close}"))
            || text.contains(&format!("{open} {name} {close}"))
    })
}

fn starred(text: &str, name: &str) -> bool {
    text.contains(&format!("{name}*")) || text.contains(&format!("{name}”*"))
}

fn noted(text: &str, name: &str) -> bool {
    let folded = fold(text);
    folded.contains(&fold(name)) && NOTES.iter().any(|n| folded.contains(n))
}

fn fold(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let lower: String = text
        .nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .collect::<String>()
        .to_lowercase();
    lower
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::page::Kind;

    fn blocks(texts: &[&str]) -> Vec<Block> {
        texts
            .iter()
            .map(|t| Block {
                kind: Kind::Paragraph,
                text: t.to_string(),
                line: None,
            })
            .collect()
    }

    #[test]
    fn quotes_stars_and_notes_mark_a_name() {
        assert!(marked("Daniel", &blocks(&["Meet “Daniel”, a farmer."])));
        assert!(marked(
            "Daniel",
            &blocks(&["Meet Daniel*", "*Name changed for security."])
        ));
        assert!(marked(
            "Amina",
            &blocks(&["Amina (not her real name) was beaten."])
        ));
        assert!(marked(
            "Ana",
            &blocks(&["Conoce a Ana. Nombre cambiado por seguridad."])
        ));
    }

    #[test]
    fn an_unmarked_name_is_not_taken_for_a_pseudonym() {
        assert!(!marked(
            "Samuel",
            &blocks(&["Meet Pastor Samuel, who leads a church of forty."])
        ));
        assert!(!marked("Samuel", &blocks(&[])));
    }
}
