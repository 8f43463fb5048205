//! Nothing a page holds reaches the terminal as anything but text: control characters (an
//! escape sequence could recolour, retitle or clear the terminal; a NUL or a carriage return
//! hides what came before it) and the bidirectional overrides and isolates that make a line
//! read differently from what it is are taken out of everything the readers found.

use crate::import::page::{Block, Ignored, Page, squeeze};

/// The page with every text it gives made printable.
pub fn page(page: Page) -> Page {
    let one_line = |t: Option<String>| t.map(|t| squeeze(&text(&t))).filter(|t| !t.is_empty());
    Page {
        title: one_line(page.title),
        url: one_line(page.url),
        lang: one_line(page.lang),
        blocks: page
            .blocks
            .into_iter()
            .map(|b| Block {
                text: text(&b.text),
                ..b
            })
            .filter(|b| !b.text.trim().is_empty())
            .collect(),
        ignored: page
            .ignored
            .into_iter()
            .map(|i| Ignored {
                text: text(&i.text),
                ..i
            })
            .collect(),
    }
}

/// A text without control characters but line breaks and tabs, and without bidirectional
/// overrides and isolates.
pub fn text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // A whole escape sequence goes, not just its ESC: "ESC[31m" would leave "[31m".
            '\u{1b}' => match chars.peek() {
                Some('[') => {
                    chars.next();
                    skip_csi(&mut chars);
                }
                Some(']' | 'P' | '_' | '^' | 'X') => {
                    chars.next();
                    skip_string(&mut chars);
                }
                Some(c) if ('\u{20}'..='\u{7e}').contains(c) => {
                    // ESC, intermediates, a final byte: "ESC ( B", "ESC 7".
                    while chars
                        .next_if(|c| ('\u{20}'..='\u{2f}').contains(c))
                        .is_some()
                    {}
                    chars.next_if(|c| ('\u{30}'..='\u{7e}').contains(c));
                }
                _ => {}
            },
            '\u{9b}' => skip_csi(&mut chars),
            '\u{9d}' | '\u{90}' | '\u{9e}' | '\u{9f}' | '\u{98}' => skip_string(&mut chars),
            c if is_unprintable(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// The rest of a control sequence (ECMA-48): parameters and intermediates, then a final byte.
fn skip_csi(chars: &mut std::iter::Peekable<std::str::Chars>) {
    while let Some(&c) = chars.peek() {
        if ('\u{20}'..='\u{3f}').contains(&c) {
            chars.next();
        } else {
            if ('\u{40}'..='\u{7e}').contains(&c) {
                chars.next();
            }
            return;
        }
    }
}

/// The rest of a control string (OSC, DCS…): up to BEL, ST or ESC \, or the end of the line.
fn skip_string(chars: &mut std::iter::Peekable<std::str::Chars>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' | '\n' => return,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                return;
            }
            _ => {}
        }
    }
}

fn is_unprintable(c: char) -> bool {
    // `is_control` covers C0, DEL and C1.
    c.is_control() && c != '\n' && c != '\t'
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::page::Kind;

    #[test]
    fn whole_escape_sequences_go() {
        assert_eq!(
            text("a \u{1b}[31mred\u{1b}[0m b\u{1b}[2J\u{1b}]0;title\u{7} c\u{9b}1;2H d\u{1b}(B"),
            "a red b c d"
        );
    }

    #[test]
    fn escapes_nuls_and_bidi_overrides_are_taken_out() {
        let page = page(Page {
            title: Some("Alg\u{1b}]0;owned\u{7}eria\u{0}".into()),
            url: Some("https://x.example/\u{202e}gpj.exe".into()),
            lang: Some("en".into()),
            blocks: vec![
                Block {
                    kind: Kind::Paragraph,
                    text: "Pray\r for\u{9b}31m the\u{2066} churches.\nLine two\tend.".into(),
                    line: Some(3),
                },
                Block {
                    kind: Kind::Heading,
                    text: "\u{1b}\u{202a}".into(),
                    line: None,
                },
            ],
            ignored: vec![Ignored {
                text: "\u{1b}[2J\u{1b}[Hcleared".into(),
                why: "navigation",
                line: None,
            }],
        });
        assert_eq!(page.title.as_deref(), Some("Algeria"));
        assert_eq!(page.url.as_deref(), Some("https://x.example/gpj.exe"));
        assert_eq!(page.blocks.len(), 1);
        assert_eq!(
            page.blocks[0].text,
            "Pray for the churches.\nLine two\tend."
        );
        assert_eq!(page.ignored[0].text, "cleared");
    }

    proptest::proptest! {
        #[test]
        fn nothing_unprintable_is_left(input in proptest::prelude::any::<String>()) {
            let out = text(&input);
            proptest::prop_assert!(!out.chars().any(is_unprintable));
            proptest::prop_assert!(out.chars().all(|c| input.contains(c)));
        }
    }
}
