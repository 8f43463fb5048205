//! Which scripts the installed fonts can set. Typst silently draws a box for a character no
//! font has; a printed sheet full of boxes is worse than no sheet, so a document whose letters
//! need a font that is not there is an error naming the font to install (the build writes
//! everything else). A symbol no font has (an emoji in the notes) is only decoration: it is
//! left out of the PDF, with a warning saying where it was.

use typst::text::FontInfo;

/// A script the built-in font lacks, and the free font that sets it well.
struct Script {
    name: &'static str,
    ranges: &'static [(u32, u32)],
    font: &'static str,
    package: &'static str,
}

const SCRIPTS: &[Script] = &[
    Script {
        name: "Arabic",
        ranges: &[
            (0x0600, 0x06FF),
            (0x0750, 0x077F),
            (0x08A0, 0x08FF),
            (0xFB50, 0xFDFF),
            (0xFE70, 0xFEFF),
        ],
        font: "Noto Naskh Arabic",
        package: "fonts-noto-core",
    },
    Script {
        name: "Hebrew",
        ranges: &[(0x0590, 0x05FF)],
        font: "Noto Serif Hebrew",
        package: "fonts-noto-core",
    },
    Script {
        name: "Syriac",
        ranges: &[(0x0700, 0x074F)],
        font: "Noto Sans Syriac",
        package: "fonts-noto-core",
    },
    Script {
        name: "Armenian",
        ranges: &[(0x0530, 0x058F)],
        font: "Noto Serif Armenian",
        package: "fonts-noto-core",
    },
    Script {
        name: "Georgian",
        ranges: &[(0x10A0, 0x10FF)],
        font: "Noto Serif Georgian",
        package: "fonts-noto-core",
    },
    Script {
        name: "Devanagari (Hindi, Nepali, Marathi)",
        ranges: &[(0x0900, 0x097F)],
        font: "Noto Serif Devanagari",
        package: "fonts-noto-core",
    },
    Script {
        name: "Bengali",
        ranges: &[(0x0980, 0x09FF)],
        font: "Noto Serif Bengali",
        package: "fonts-noto-core",
    },
    Script {
        name: "Tamil",
        ranges: &[(0x0B80, 0x0BFF)],
        font: "Noto Serif Tamil",
        package: "fonts-noto-core",
    },
    Script {
        name: "Thai",
        ranges: &[(0x0E00, 0x0E7F)],
        font: "Noto Serif Thai",
        package: "fonts-noto-core",
    },
    Script {
        name: "Lao",
        ranges: &[(0x0E80, 0x0EFF)],
        font: "Noto Serif Lao",
        package: "fonts-noto-core",
    },
    Script {
        name: "Tibetan",
        ranges: &[(0x0F00, 0x0FFF)],
        font: "Noto Serif Tibetan",
        package: "fonts-noto-core",
    },
    Script {
        name: "Burmese",
        ranges: &[(0x1000, 0x109F)],
        font: "Noto Serif Myanmar",
        package: "fonts-noto-core",
    },
    Script {
        name: "Ethiopic (Amharic, Tigrinya)",
        ranges: &[(0x1200, 0x139F)],
        font: "Noto Serif Ethiopic",
        package: "fonts-noto-core",
    },
    Script {
        name: "Khmer",
        ranges: &[(0x1780, 0x17FF)],
        font: "Noto Serif Khmer",
        package: "fonts-noto-core",
    },
    Script {
        name: "Korean",
        ranges: &[(0x1100, 0x11FF), (0x3130, 0x318F), (0xAC00, 0xD7AF)],
        font: "Noto Serif CJK KR",
        package: "fonts-noto-cjk",
    },
    Script {
        name: "Japanese kana",
        ranges: &[(0x3040, 0x30FF)],
        font: "Noto Serif CJK JP",
        package: "fonts-noto-cjk",
    },
    Script {
        name: "Chinese",
        ranges: &[
            (0x2E80, 0x2FFF),
            (0x3000, 0x303F),
            (0x3400, 0x4DBF),
            (0x4E00, 0x9FFF),
            (0xF900, 0xFAFF),
            (0xFF00, 0xFFEF),
        ],
        font: "Noto Serif CJK SC",
        package: "fonts-noto-cjk",
    },
];

/// A character of the text that no installed font has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    pub character: char,
    /// The text it was found in, shortened.
    pub context: String,
    /// Where in the document that text is: "the notes", "the points of Monday 23 November".
    pub place: String,
}

impl Missing {
    /// Whether the character is a symbol (an emoji, a dingbat) rather than a letter or digit
    /// of some script: a document can do without it, not without a script.
    pub fn is_symbol(&self) -> bool {
        is_symbol(self.character)
    }
}

/// Whether `c` is a symbol rather than a letter, a digit or a mark of some script.
pub fn is_symbol(c: char) -> bool {
    script_of(c).is_none() && !c.is_alphanumeric() && !is_mark(c)
}

/// Combining marks (Hebrew points, Devanagari vowel signs) belong to their script's letters.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}')
}

/// The first character of each of `texts` (place, text; in order) that none of `fonts`
/// covers, at most one per script, and every symbol none covers: the characters a reader
/// would see as boxes.
pub fn missing(fonts: &[FontInfo], texts: &[(String, &str)]) -> Vec<Missing> {
    let mut found: Vec<Missing> = Vec::new();
    let mut seen: Vec<char> = Vec::new();
    for (place, text) in texts {
        for c in text.chars() {
            if c.is_whitespace() || c.is_control() || invisible(c) || seen.contains(&c) {
                continue;
            }
            seen.push(c);
            if fonts.iter().any(|f| f.coverage.contains(c as u32)) {
                continue;
            }
            let script = script_of(c).map(|s| s.name);
            if found
                .iter()
                .any(|m| script.is_some() && script_of(m.character).map(|s| s.name) == script)
            {
                continue;
            }
            found.push(Missing {
                character: c,
                context: shorten(text),
                place: place.clone(),
            });
        }
    }
    found
}

/// What to install for `missing`: one line per character, naming the script and the font, and
/// the Debian package that has it.
pub fn explain(missing: &[Missing]) -> String {
    let mut lines = Vec::new();
    for m in missing {
        let code = format!("U+{:04X}", m.character as u32);
        lines.push(match script_of(m.character) {
            Some(s) => format!(
                "no installed font has the {} script ({} {code}, in “{}”)\n  help: install {} \
                 (Debian and Ubuntu: `apt install {}`), then build again",
                s.name, m.character, m.context, s.font, s.package
            ),
            None => format!(
                "no installed font has the character {} ({code}, in “{}”)\n  help: install a \
                 font that has it; the Noto fonts cover nearly every script (Debian and Ubuntu: \
                 `apt install fonts-noto`), then build again",
                m.character, m.context
            ),
        });
    }
    lines.join("\n")
}

/// What the build says of a symbol it left out of a PDF (`m.is_symbol()`).
pub fn explain_left_out(m: &Missing) -> String {
    format!(
        "no installed font has {} (U+{:04X}, in {}: “{}”), so it is left out of this PDF; the \
         HTML and text keep it\n  help: install a font that has it (for emoji, Debian and \
         Ubuntu: `apt install fonts-noto-color-emoji`), then build again",
        m.character, m.character as u32, m.place, m.context
    )
}

/// `text` without the characters `drop`, and without the doubled spaces that leaves.
pub fn without(text: &str, drop: &[char]) -> String {
    if !text.chars().any(|c| drop.contains(&c)) {
        return text.to_string();
    }
    let kept: String = text.chars().filter(|c| !drop.contains(c)).collect();
    let mut out = String::with_capacity(kept.len());
    for c in kept.trim().chars() {
        if c == ' ' && out.ends_with(' ') {
            continue;
        }
        out.push(c);
    }
    out
}

fn script_of(c: char) -> Option<&'static Script> {
    let c = c as u32;
    SCRIPTS
        .iter()
        .find(|s| s.ranges.iter().any(|&(lo, hi)| (lo..=hi).contains(&c)))
}

/// Marks that take no room and need no glyph: joiners, bidi isolates (Fluent puts them round
/// its arguments), the byte-order mark.
fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}'
        // Variation selectors: "as an emoji", "as text".
        | '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}')
}

fn shorten(text: &str) -> String {
    let mut out: String = text.chars().take(40).collect();
    if text.chars().count() > 40 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Libertinus Serif alone, as the program carries it.
    fn bundled() -> Vec<FontInfo> {
        typst_kit::fonts::embedded()
            .map(|(_, info)| info)
            .filter(|info| info.family == super::super::world::FONT)
            .collect()
    }

    #[test]
    fn the_bundled_fonts_set_latin_greek_and_cyrillic() {
        let texts = [
            "Pray for Nigeria",
            "Προσευχή",
            "Молитва за Россию",
            "São Tomé, Türkiye",
        ];
        assert_eq!(missing(&bundled(), &placed(&texts)), vec![]);
    }

    #[test]
    fn a_script_without_a_font_names_the_font_to_install() {
        let found = missing(
            &bundled(),
            &placed(&["Intro", "为中国祈祷", "صلوا من أجل مصر", "又一个"]),
        );
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].character, '为');
        let text = explain(&found);
        assert!(
            text.contains("the Chinese script (为 U+4E3A, in “为中国祈祷”)")
                && text.contains(
                    "install Noto Serif CJK SC (Debian and Ubuntu: `apt install fonts-noto-cjk`)"
                )
                && text.contains(
                    "install Noto Naskh Arabic (Debian and Ubuntu: `apt install fonts-noto-core`)"
                ),
            "{text}"
        );
    }

    #[test]
    fn invisible_marks_need_no_font() {
        assert_eq!(
            missing(
                &bundled(),
                &placed(&["\u{2068}Nigeria\u{2069}\u{200D}\u{FE0F}"])
            ),
            vec![]
        );
    }

    fn placed<'a>(texts: &[&'a str]) -> Vec<(String, &'a str)> {
        texts
            .iter()
            .map(|t| ("the notes".to_string(), *t))
            .collect()
    }

    #[test]
    fn an_emoji_is_a_symbol_and_a_letter_of_any_script_is_not() {
        for c in ['🙏', '✝', '★', '❤'] {
            assert!(is_symbol(c), "{c}");
        }
        for c in ['a', 'ж', '한', 'ص', 'Ꮳ', '٣', '\u{05B7}'] {
            assert!(!is_symbol(c), "{c}");
        }
    }

    #[test]
    fn every_symbol_without_a_font_is_found_with_its_place() {
        let found = missing(&bundled(), &placed(&["Pray 🙏 and praise 🎉", "🙏 again"]));
        let chars: Vec<char> = found.iter().map(|m| m.character).collect();
        assert_eq!(chars, ['🙏', '🎉']);
        assert!(found.iter().all(Missing::is_symbol));
        assert_eq!(
            explain_left_out(&found[0]),
            "no installed font has 🙏 (U+1F64F, in the notes: “Pray 🙏 and praise 🎉”), so it \
             is left out of this PDF; the HTML and text keep it\n  help: install a font that has \
             it (for emoji, Debian and Ubuntu: `apt install fonts-noto-color-emoji`), then build \
             again"
        );
    }

    #[test]
    fn leaving_out_a_symbol_leaves_no_doubled_space() {
        assert_eq!(without("Pray 🙏 for us 🙏", &['🙏']), "Pray for us");
        assert_eq!(without("Unchanged", &['🙏']), "Unchanged");
    }
}
