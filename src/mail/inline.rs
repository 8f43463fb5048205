//! HTML that renders where people read mail. Gmail and Outlook drop or ignore much of a
//! `<style>` block, and neither knows CSS variables (`var(--ink)`), so the digest's CSS is
//! resolved and copied onto the elements once per edition. The `<style>` block stays, also
//! resolved, for the clients that honour it (media queries, `::before` separators).

use std::collections::HashMap;

/// Resolves CSS variables, turns `rem` into pixels and inlines the stylesheet into `style`
/// attributes.
pub fn for_mail(html: &str) -> Result<String, String> {
    let resolved = map_css(&resolve_variables(html), |css, _| rem_to_px(css));
    css_inline::CSSInliner::options()
        .keep_style_tags(true)
        .build()
        .inline(&resolved)
        .map_err(|e| format!("could not inline the digest's CSS: {e}"))
}

/// Every `var(--name)` (with or without a fallback) in `<style>` blocks and `style`
/// attributes replaced by the value its custom property declares; the declarations themselves
/// removed, since nothing uses them any more.
pub fn resolve_variables(html: &str) -> String {
    let mut values = HashMap::new();
    for css in style_blocks(html) {
        collect_properties(css, &mut values);
    }
    if values.is_empty() && !html.contains("var(") {
        return html.to_string();
    }
    map_css(html, |css, is_block| {
        let css = substitute(css, &values);
        if is_block {
            drop_custom_properties(&css)
        } else {
            css
        }
    })
}

/// `html` with the CSS of each `<style>` block and `style` attribute replaced by `change(css,
/// is_block)`.
fn map_css(html: &str, change: impl Fn(&str, bool) -> String) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    loop {
        let block = rest.find("<style").and_then(|open| {
            let body = open + rest[open..].find('>')? + 1;
            let close = body + rest[body..].find("</style>")?;
            Some((body, close))
        });
        let attribute = rest.find("style=\"").map(|at| {
            let body = at + "style=\"".len();
            let close = body + rest[body..].find('"').unwrap_or(rest.len() - body);
            (body, close)
        });
        let next = match (block, attribute) {
            (Some(b), Some(a)) => Some(if b.0 < a.0 { (b, true) } else { (a, false) }),
            (Some(b), None) => Some((b, true)),
            (None, Some(a)) => Some((a, false)),
            (None, None) => None,
        };
        let Some(((body, close), is_block)) = next else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..body]);
        out.push_str(&change(&rest[body..close], is_block));
        rest = &rest[close..];
    }
}

/// `0.85rem` → `13.6px`: the size mail clients give a rem (their root font is 16px). Spam
/// filters read a font size below one in units they do not know as invisible text
/// (SpamAssassin's `__FONT_INVIS`, behind `FONT_INVIS_MSGID`), which a small note in rem was.
fn rem_to_px(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(at) = rest.find("rem") {
        let number_start = rest[..at]
            .rfind(|c: char| !(c.is_ascii_digit() || c == '.'))
            .map_or(0, |i| i + 1);
        let number = &rest[number_start..at];
        let after = rest[at + 3..].chars().next();
        let whole_unit = !after.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-');
        match number.parse::<f64>() {
            Ok(value) if whole_unit && !number.is_empty() => {
                let px = (value * 16.0 * 100.0).round() / 100.0;
                out.push_str(&rest[..number_start]);
                out.push_str(&format!("{px}px"));
            }
            _ => out.push_str(&rest[..at + 3]),
        }
        rest = &rest[at + 3..];
    }
    out.push_str(rest);
    out
}

/// The contents of each `<style>` element.
fn style_blocks(html: &str) -> Vec<&str> {
    let mut blocks = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find("<style") {
        let Some(gt) = rest[open..].find('>') else {
            break;
        };
        let body = open + gt + 1;
        let Some(len) = rest[body..].find("</style>") else {
            break;
        };
        blocks.push(&rest[body..body + len]);
        rest = &rest[body + len..];
    }
    blocks
}

/// Custom property declarations (`--ink: #1d1d1f`) anywhere in `css`; a later one wins, as in
/// the cascade for a single `:root`.
fn collect_properties(css: &str, values: &mut HashMap<String, String>) {
    for declaration in css.split(['{', '}', ';']) {
        let declaration = declaration.trim();
        if let Some((name, value)) = declaration.split_once(':')
            && name.trim().starts_with("--")
        {
            values.insert(name.trim().to_string(), value.trim().to_string());
        }
    }
}

/// Replaces `var(--name)` and `var(--name, fallback)`; values may use variables themselves.
/// An unknown variable without a fallback becomes `initial`, what a browser would use.
fn substitute(css: &str, values: &HashMap<String, String>) -> String {
    let mut text = css.to_string();
    // Each pass resolves one level; ten is deeper than any real stylesheet nests.
    for _ in 0..10 {
        let Some(start) = text.find("var(") else {
            break;
        };
        let mut out = String::with_capacity(text.len());
        let mut rest = text.as_str();
        let mut at = start;
        loop {
            out.push_str(&rest[..at]);
            let inner_start = at + 4;
            let Some(len) = matching_paren(&rest[inner_start..]) else {
                out.push_str(&rest[at..]);
                rest = "";
                break;
            };
            let inner = &rest[inner_start..inner_start + len];
            let (name, fallback) = match inner.split_once(',') {
                Some((n, f)) => (n.trim(), Some(f.trim())),
                None => (inner.trim(), None),
            };
            out.push_str(
                values
                    .get(name)
                    .map(String::as_str)
                    .or(fallback)
                    .unwrap_or("initial"),
            );
            rest = &rest[inner_start + len + 1..];
            match rest.find("var(") {
                Some(next) => at = next,
                None => break,
            }
        }
        out.push_str(rest);
        text = out;
    }
    text
}

/// The length up to the `)` that closes an opened parenthesis.
fn matching_paren(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return Some(i),
            ')' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// `--name: value;` declarations removed from a stylesheet.
fn drop_custom_properties(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(i) = rest.find("--") {
        out.push_str(&rest[..i]);
        let before = out.trim_end();
        if !(before.is_empty() || before.ends_with(['{', ';'])) {
            out.push_str("--");
            rest = &rest[i + 2..];
            continue;
        }
        out.truncate(before.len());
        let end = rest[i..].find([';', '}']).map_or(rest.len(), |e| i + e);
        rest = rest[end..].strip_prefix(';').unwrap_or(&rest[end..]);
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_resolve_with_fallbacks_and_nesting() {
        let values: HashMap<String, String> = [
            ("--ink".to_string(), "#111".to_string()),
            ("--line".to_string(), "1px solid var(--ink)".to_string()),
        ]
        .into();
        assert_eq!(substitute("color: var(--ink)", &values), "color: #111");
        assert_eq!(
            substitute("border: var(--line); x: var(--nope, rgb(1, 2, 3))", &values),
            "border: 1px solid #111; x: rgb(1, 2, 3)"
        );
        assert_eq!(substitute("color: var(--nope)", &values), "color: initial");
    }

    #[test]
    fn rems_become_pixels_and_nothing_else_changes() {
        assert_eq!(
            rem_to_px("font: 0.85rem/1.5 x; margin: 0 0 1rem; padding: .5rem 1.25rem"),
            "font: 13.6px/1.5 x; margin: 0 0 16px; padding: 8px 20px"
        );
        assert_eq!(
            rem_to_px("font-family: Fremont; x: 2remx"),
            "font-family: Fremont; x: 2remx"
        );
    }

    #[test]
    fn custom_property_declarations_are_dropped_and_the_rest_kept() {
        assert_eq!(
            drop_custom_properties(":root { color-scheme: light; --ink: #1d1d1f; --muted: #555; }"),
            ":root { color-scheme: light; }"
        );
        assert_eq!(
            drop_custom_properties(".a::before { content: \"--\"; }"),
            ".a::before { content: \"--\"; }"
        );
    }

    #[test]
    fn the_stylesheet_lands_on_the_elements_without_variables() {
        let html = "<html><head><style>:root { --ink: #1d1d1f; --accent: #7a2e2e; }\n\
                    body { color: var(--ink); } h2 { color: var(--accent); }</style></head>\
                    <body><h2>Please pray</h2><p style=\"border-color: var(--accent)\">x</p></body></html>";
        let out = for_mail(html).unwrap();
        assert!(!out.contains("var("), "{out}");
        assert!(!out.contains("--ink"), "{out}");
        assert!(out.contains("<body style=\"color: #1d1d1f;\">"), "{out}");
        assert!(out.contains("<h2 style=\"color: #7a2e2e;\">"), "{out}");
        assert!(out.contains("border-color: #7a2e2e"), "{out}");
        let small = for_mail(
            "<html><head><style>.note { font-size: 0.85rem; }</style></head>\
                              <body><p class=\"note\">n</p></body></html>",
        )
        .unwrap();
        assert!(
            small.contains("<p class=\"note\" style=\"font-size: 13.6px;\">"),
            "{small}"
        );
        assert!(!small.contains("rem"), "{small}");
    }
}
