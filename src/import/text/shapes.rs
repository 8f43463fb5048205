//! Text pages in the shapes tools save them: a Markdown export's front matter, an e-mail
//! forwarded with its "> " quoting, a `lynx -dump` with its "[12]" link marks. Each is undone,
//! line for line (the lines keep their numbers), before the text is read as a page.

/// The text with the shape's marks taken off, and what the marks said of the page.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Unshaped {
    pub lines: Vec<String>,
    /// The front matter's `title:`.
    pub title: Option<String>,
    /// The front matter's `url:`, `canonical:` or `permalink:` (an absolute address only).
    pub url: Option<String>,
}

/// Undoes front matter, quoting and link marks in `source`'s lines.
pub fn unshape(source: &str) -> Unshaped {
    let mut out = Unshaped {
        lines: source
            .trim_start_matches('\u{feff}')
            .lines()
            .map(String::from)
            .collect(),
        ..Unshaped::default()
    };
    front_matter(&mut out);
    quoting(&mut out);
    link_marks(&mut out);
    out
}

/// `---` … `---` at the top: its lines blanked, its title and address kept.
fn front_matter(out: &mut Unshaped) {
    if out.lines.first().map(|l| l.trim()) != Some("---") {
        return;
    }
    let Some(end) = out
        .lines
        .iter()
        .skip(1)
        .take(60)
        .position(|l| l.trim() == "---")
    else {
        return;
    };
    for line in out.lines.iter_mut().take(end + 2) {
        if let Some((key, value)) = line.split_once(':') {
            let value = value.trim().trim_matches(['"', '\'']).trim().to_string();
            match key.trim().to_ascii_lowercase().as_str() {
                "title" if !value.is_empty() => out.title = Some(value),
                "url" | "canonical" | "canonical_url" | "permalink"
                    if value.starts_with("https://") || value.starts_with("http://") =>
                {
                    out.url = Some(value)
                }
                _ => {}
            }
        }
        line.clear();
    }
}

/// A forwarded message: when most written lines are quoted, one level of "> " comes off.
fn quoting(out: &mut Unshaped) {
    let written = out.lines.iter().filter(|l| !l.trim().is_empty()).count();
    let quoted = out
        .lines
        .iter()
        .filter(|l| l.trim_start().starts_with('>'))
        .count();
    if written == 0 || quoted * 2 < written {
        return;
    }
    // What comes before the quoted letter is the forwarder's: headers and a note. The last
    // subject line names the letter.
    let first = out
        .lines
        .iter()
        .position(|l| l.trim_start().starts_with('>'))
        .unwrap_or(0);
    for line in out.lines.iter_mut().take(first) {
        if let Some(subject) = line.trim().strip_prefix("Subject:") {
            let mut subject = subject.trim();
            while let Some(rest) = [
                "FW:", "Fw:", "Fwd:", "FWD:", "RE:", "Re:", "TR:", "WG:", "RV:",
            ]
            .iter()
            .find_map(|p| subject.strip_prefix(p))
            {
                subject = rest.trim();
            }
            if !subject.is_empty() {
                out.title = Some(subject.to_string());
            }
        }
        line.clear();
    }
    for line in &mut out.lines {
        let t = line.trim_start();
        if let Some(rest) = t.strip_prefix('>') {
            *line = rest.strip_prefix(' ').unwrap_or(rest).to_string();
        }
    }
}

/// `lynx -dump`'s "[12]" before each link's text, when a page has several of them, and its
/// closing "References" list.
fn link_marks(out: &mut Unshaped) {
    let marks: usize = out.lines.iter().map(|l| marks_in(l).len()).sum();
    if marks < 3 {
        return;
    }
    for line in &mut out.lines {
        for (start, end) in marks_in(line).into_iter().rev() {
            line.replace_range(start..end, "");
        }
    }
    if let Some(at) = out.lines.iter().rposition(|l| l.trim() == "References") {
        let numbered = out.lines[at + 1..]
            .iter()
            .filter(|l| !l.trim().is_empty())
            .all(|l| {
                l.trim_start()
                    .split_once(". ")
                    .is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit()))
            });
        if numbered {
            out.lines.truncate(at);
        }
    }
}

/// The byte ranges of "[12]" marks glued to the text after them.
fn marks_in(line: &str) -> Vec<(usize, usize)> {
    let bytes = line.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'[' {
            let digits = bytes[i + 1..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            let close = i + 1 + digits;
            if (1..=4).contains(&digits)
                && bytes.get(close) == Some(&b']')
                && bytes
                    .get(close + 1)
                    .is_some_and(|b| !b.is_ascii_whitespace())
            {
                found.push((i, close + 1));
                i = close + 1;
                continue;
            }
        }
        i += 1;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_gives_the_title_and_stays_out_of_the_text() {
        let u = unshape(
            "---\ntitle: \"Afghanistan: Believers\"\nurl: https://x.example/af\ndate: 2026-01-30\n---\n\n# Afghanistan\n",
        );
        assert_eq!(u.title.as_deref(), Some("Afghanistan: Believers"));
        assert_eq!(u.url.as_deref(), Some("https://x.example/af"));
        assert_eq!(u.lines.len(), 7, "line numbers are kept");
        assert!(u.lines[..5].iter().all(String::is_empty));
    }

    #[test]
    fn a_forwarded_letter_loses_one_level_of_quoting() {
        let u = unshape(
            "From: A\nSubject: FW: Libya update\n> LIBYA\n>\n> Please pray:\n> * for the migrants\n>   held\n> > older\n",
        );
        assert_eq!(u.title.as_deref(), Some("Libya update"));
        assert_eq!(u.lines[0], "");
        assert_eq!(u.lines[2], "LIBYA");
        assert_eq!(u.lines[5], "* for the migrants");
        assert_eq!(u.lines[6], "  held");
        assert_eq!(u.lines[7], "> older");
        let plain = unshape("a > b\n> one quoted line\nthree\nfour\n");
        assert_eq!(plain.lines[1], "> one quoted line");
    }

    #[test]
    fn lynx_marks_and_references_go() {
        let u = unshape(
            "   [1]Skip to content\n   [2]Site\n Posted by [3]team\n Text [4] stays.\n\nReferences\n\n   1. https://a\n   2. https://b\n",
        );
        assert_eq!(u.lines[0], "   Skip to content");
        assert_eq!(u.lines[2], " Posted by team");
        assert_eq!(u.lines[3], " Text [4] stays.");
        assert_eq!(u.lines.len(), 5);
    }
}
