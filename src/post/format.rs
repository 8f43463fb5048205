//! Each network's markup and length limit, and splitting a post into messages that fit: between
//! blocks where possible, between words of one block that is too long alone, and every part
//! written from whole blocks, so no tag or markup run is ever cut in two.

use crate::content::post_config::Network;
use crate::post::message::Block;

/// One message as a network receives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The text: Telegram's HTML, Slack's mrkdwn, Discord's Markdown, Matrix's plain `body`.
    pub text: String,
    /// Matrix's `formatted_body` (org.matrix.custom.html); none elsewhere.
    pub html: Option<String>,
}

/// Telegram's limit for `sendMessage` text: 4096 characters.
pub const TELEGRAM_LIMIT: usize = 4096;
/// Discord's limit for a webhook message's `content`: 2000 characters.
pub const DISCORD_LIMIT: usize = 2000;
/// Slack truncates `text` past 40,000 characters and advises 4,000 at most.
pub const SLACK_LIMIT: usize = 4000;
/// Matrix events may be 65,536 bytes as JSON; `body` and `formatted_body` together stay well
/// under, with room for the event's other fields and JSON escapes.
pub const MATRIX_LIMIT: usize = 40_000;

/// How long a message is by the measure of `network`'s limit. Telegram and Discord count in
/// UTF-16 code units (JavaScript's length, never fewer than characters); Matrix in bytes.
pub fn length(network: Network, message: &Rendered) -> usize {
    match network {
        Network::Telegram | Network::Discord => message.text.encode_utf16().count(),
        Network::Slack => message.text.chars().count(),
        Network::Matrix => message.text.len() + message.html.as_ref().map_or(0, String::len),
    }
}

pub fn limit(network: Network) -> usize {
    match network {
        Network::Telegram => TELEGRAM_LIMIT,
        Network::Discord => DISCORD_LIMIT,
        Network::Slack => SLACK_LIMIT,
        Network::Matrix => MATRIX_LIMIT,
    }
}

/// The post as the messages `network` is sent, in order, each within its limit.
pub fn messages(network: Network, blocks: &[Block]) -> Vec<Rendered> {
    let max = limit(network);
    let fits = |blocks: &[Block]| length(network, &render(network, blocks)) <= max;
    let mut parts: Vec<Vec<Block>> = Vec::new();
    let mut current: Vec<Block> = Vec::new();
    for block in blocks {
        let mut tried = current.clone();
        tried.push(block.clone());
        if fits(&tried) {
            current = tried;
        } else if fits(std::slice::from_ref(block)) {
            parts.push(std::mem::replace(&mut current, vec![block.clone()]));
        } else {
            split_block(block, &fits, &mut current, &mut parts);
        }
    }
    if !current.is_empty() {
        parts.push(current);
    }
    parts.retain(|p| !p.is_empty());
    parts.iter().map(|p| render(network, p)).collect()
}

/// A block too long for any one message, as blocks of the same kind holding its words in
/// order: the first fills the message being made, the next fill whole messages, and the last
/// stays open for the blocks after it. A single word longer than a message is cut between
/// characters, the last resort.
fn split_block(
    block: &Block,
    fits: &dyn Fn(&[Block]) -> bool,
    current: &mut Vec<Block>,
    parts: &mut Vec<Vec<Block>>,
) {
    let text = block.words();
    let make = |piece: &str| block.with_words(piece);
    // Whether `piece` fits after what the message being made holds.
    let fits_after = |current: &[Block], piece: &str| {
        let mut tried = current.to_vec();
        tried.push(make(piece.trim_end()));
        fits(&tried)
    };
    let mut piece = String::new();
    for word in text.split_inclusive(char::is_whitespace) {
        let tried = format!("{piece}{word}");
        if fits_after(current, &tried) {
            piece = tried;
            continue;
        }
        if !piece.trim().is_empty() {
            current.push(make(piece.trim_end()));
        }
        if !current.is_empty() {
            parts.push(std::mem::take(current));
        }
        piece = String::new();
        if fits_after(current, word) {
            piece = word.to_string();
            continue;
        }
        for c in word.chars() {
            let tried = format!("{piece}{c}");
            if !fits_after(current, &tried) && !piece.is_empty() {
                parts.push(vec![make(piece.trim_end())]);
                piece = String::new();
            }
            piece.push(c);
        }
    }
    if !piece.trim().is_empty() {
        current.push(make(piece.trim_end()));
    }
}

/// Blocks in `network`'s markup, one message.
pub fn render(network: Network, blocks: &[Block]) -> Rendered {
    let join = |f: fn(&Block) -> String| blocks.iter().map(f).collect::<Vec<_>>().join("\n\n");
    match network {
        Network::Telegram => Rendered {
            text: join(telegram),
            html: None,
        },
        Network::Slack => Rendered {
            text: join(slack),
            html: None,
        },
        Network::Discord => Rendered {
            text: join(discord),
            html: None,
        },
        Network::Matrix => Rendered {
            text: join(matrix_plain),
            html: Some(blocks.iter().map(matrix_html).collect::<String>()),
        },
    }
}

/// `&`, `<`, `>` and `"` as entities: what Telegram's and Matrix's HTML need.
fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// Telegram's HTML parse mode: only `<b>`, `<i>` and `<a href>` of the tags it allows; lines
/// break at newlines (it knows no `<p>` or `<br>`).
fn telegram(block: &Block) -> String {
    let e = html_escape;
    match block {
        Block::Title { title, when } => format!("<b>{}</b>\n{}", e(title), e(when)),
        Block::Heading(t) => format!("<b>{}</b>", e(t)),
        Block::Text(t) => e(t),
        Block::Point { number, text } => format!("{number}. {}", e(text)),
        Block::Scripture(t) => format!("<i>{}</i>", e(t)),
        Block::Link(url) => format!("<a href=\"{}\">{}</a>", e(url), e(url)),
    }
}

/// Matrix's `formatted_body`: the HTML subset the specification recommends clients show.
fn matrix_html(block: &Block) -> String {
    let e = html_escape;
    match block {
        Block::Title { title, when } => {
            format!("<p><strong>{}</strong><br>{}</p>", e(title), e(when))
        }
        Block::Heading(t) => format!("<h3>{}</h3>", e(t)),
        Block::Text(t) => format!("<p>{}</p>", e(t)),
        Block::Point { number, text } => format!("<p>{number}. {}</p>", e(text)),
        Block::Scripture(t) => format!("<p><em>{}</em></p>", e(t)),
        Block::Link(url) => format!("<p><a href=\"{}\">{}</a></p>", e(url), e(url)),
    }
}

/// Matrix's plain `body`, for clients that show no HTML (and notifications).
fn matrix_plain(block: &Block) -> String {
    match block {
        Block::Title { title, when } => format!("{title}\n{when}"),
        Block::Heading(t) | Block::Text(t) | Block::Scripture(t) | Block::Link(t) => t.clone(),
        Block::Point { number, text } => format!("{number}. {text}"),
    }
}

/// Slack's mrkdwn: `&`, `<` and `>` escaped, `*bold*` and `_italic_` around whole lines.
fn slack(block: &Block) -> String {
    let e = |t: &str| {
        t.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    match block {
        Block::Title { title, when } => format!("*{}*\n{}", e(title), e(when)),
        Block::Heading(t) => format!("*{}*", e(t)),
        Block::Text(t) => e(t),
        Block::Point { number, text } => format!("{number}. {}", e(text)),
        Block::Scripture(t) => format!("_{}_", e(t)),
        Block::Link(url) => format!("<{}>", e(url)),
    }
}

/// Discord's Markdown: every ASCII punctuation mark that could start markup escaped with a
/// backslash; a link in `<…>` so that it shows no preview card.
fn discord(block: &Block) -> String {
    fn e(text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            if matches!(
                c,
                '\\' | '*'
                    | '_'
                    | '~'
                    | '`'
                    | '|'
                    | '>'
                    | '<'
                    | '#'
                    | '-'
                    | '['
                    | ']'
                    | '('
                    | ')'
                    | '@'
                    | ':'
            ) {
                out.push('\\');
            }
            out.push(c);
        }
        out
    }
    match block {
        Block::Title { title, when } => format!("**{}**\n{}", e(title), e(when)),
        Block::Heading(t) => format!("**{}**", e(t)),
        Block::Text(t) => e(t),
        Block::Point { number, text } => format!("{number}\\. {}", e(text)),
        Block::Scripture(t) => format!("*{}*", e(t)),
        Block::Link(url) => format!("<{url}>"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(points: usize, words: usize) -> Vec<Block> {
        let mut blocks = vec![
            Block::Title {
                title: "Praying for the Persecuted Church".into(),
                when: "Monday 7 December 2026".into(),
            },
            Block::Heading("Nigeria".into()),
        ];
        for n in 1..=points {
            blocks.push(Block::Point {
                number: n,
                text: format!(
                    "Pray <for> the church & its leaders {}",
                    "amen ".repeat(words)
                ),
            });
        }
        blocks
    }

    #[test]
    fn short_posts_are_one_message() {
        for network in [
            Network::Matrix,
            Network::Telegram,
            Network::Slack,
            Network::Discord,
        ] {
            assert_eq!(messages(network, &post(3, 2)).len(), 1, "{network}");
        }
    }

    #[test]
    fn telegram_html_escapes_and_uses_only_allowed_tags() {
        let m = &messages(Network::Telegram, &post(1, 0))[0];
        assert!(
            m.text.contains("Pray &lt;for&gt; the church &amp; its"),
            "{}",
            m.text
        );
        assert!(
            m.text
                .starts_with("<b>Praying for the Persecuted Church</b>\n")
        );
    }

    #[test]
    fn long_posts_split_between_points_within_each_limit() {
        for network in [Network::Telegram, Network::Discord, Network::Slack] {
            let blocks = post(40, 60);
            let parts = messages(network, &blocks);
            assert!(parts.len() > 1, "{network}");
            for part in &parts {
                assert!(length(network, part) <= limit(network), "{network}");
            }
            // Every point whole, in order, in exactly one part.
            let all: String = parts
                .iter()
                .map(|p| p.text.clone())
                .collect::<Vec<_>>()
                .join("\n\n");
            assert_eq!(all, render(network, &blocks).text, "{network}");
        }
    }

    #[test]
    fn a_block_longer_than_a_message_splits_between_words_with_its_tags_closed() {
        let blocks = vec![Block::Scripture("word ".repeat(2000))];
        let parts = messages(Network::Telegram, &blocks);
        assert!(parts.len() >= 3);
        for part in &parts {
            assert!(length(Network::Telegram, part) <= TELEGRAM_LIMIT);
            assert!(
                part.text.starts_with("<i>") && part.text.ends_with("</i>"),
                "{}",
                part.text
            );
        }
        let words: usize = parts.iter().map(|p| p.text.matches("word").count()).sum();
        assert_eq!(words, 2000);
    }

    #[test]
    fn a_long_paragraph_fills_the_message_before_it_and_its_tail_joins_the_next() {
        let blocks = vec![
            Block::Heading("A Long Theme".into()),
            Block::Text("believers pray. ".repeat(300)),
            Block::Point {
                number: 1,
                text: "Pray for the church.".into(),
            },
        ];
        let parts = messages(Network::Discord, &blocks);
        assert_eq!(parts.len(), 3, "{parts:#?}");
        assert!(
            parts[0]
                .text
                .starts_with("**A Long Theme**\n\nbelievers pray")
        );
        assert!(length(Network::Discord, &parts[0]) > DISCORD_LIMIT - 20);
        assert!(
            parts[2].text.ends_with("\n\n1\\. Pray for the church."),
            "{}",
            parts[2].text
        );
        let words: usize = parts
            .iter()
            .map(|p| p.text.matches("believers").count())
            .sum();
        assert_eq!(words, 300);
    }

    #[test]
    fn counts_telegram_length_in_utf16_units() {
        let emoji = Rendered {
            text: "🙏".into(),
            html: None,
        };
        assert_eq!(length(Network::Telegram, &emoji), 2);
    }

    #[test]
    fn discord_text_cannot_mention_or_format() {
        let m = &messages(
            Network::Discord,
            &[Block::Text("@everyone *now* _x_".into())],
        )[0];
        assert_eq!(m.text, "\\@everyone \\*now\\* \\_x\\_");
    }

    #[test]
    fn matrix_has_a_plain_body_and_html() {
        let m = &messages(Network::Matrix, &post(1, 0))[0];
        assert!(m.text.contains("1. Pray <for> the church & its leaders"));
        let html = m.html.as_deref().unwrap();
        assert!(html.contains("<h3>Nigeria</h3>"));
        assert!(html.contains("<p>1. Pray &lt;for&gt; the church &amp; its leaders"));
    }
}
