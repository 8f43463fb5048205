//! Parsing a page with html5ever, as `scraper::Html::parse_document` does, but with the nesting
//! capped between the tokenizer and the tree builder. html5ever's tree builder looks through its
//! whole stack of open elements for each new element (the standard's "has a p element in button
//! scope"), so a page of 10,000 nested `<div>`s took seconds and 100,000 would take hours.
//! Browsers cap the depth too (Chromium's parser at 512 elements). Here the tags of a wrapper (a `<div>`,
//! a `<span>`, a `<b>`…) that would open deeper than [`WRAPPER_DEPTH`] are left out, and those
//! of any element deeper than [`MAX_DEPTH`]; what they held is read as if it stood at that
//! depth. No text is lost, and the headings, lists and quotes of a post wrapped in thousands of
//! `<div>`s keep their shape.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, EndTag, StartTag, Tag, TagToken, Token, TokenSink, TokenSinkResult, Tokenizer,
};
use html5ever::tree_builder::{TreeBuilder, TreeSink};
use html5ever::{LocalName, ParseOpts};
use scraper::{Html, HtmlTreeSink};

/// How deep wrappers nest before their tags are left out. Real pages stay well under 100.
pub const WRAPPER_DEPTH: usize = 128;

/// How deep any element nests before its tags are left out. The tree builder's work for each
/// element grows with the depth, up to this.
pub const MAX_DEPTH: usize = 256;

/// How far down the stack an end tag looks for its start tag. Bounded so that a page of stray
/// end tags costs no more than a flat one.
const END_TAG_REACH: usize = 32;

/// Parses a whole page.
pub fn document(source: &str) -> Html {
    let opts = ParseOpts::default();
    let builder = TreeBuilder::new(HtmlTreeSink::new(Html::new_document()), opts.tree_builder);
    let tokenizer = Tokenizer::new(DepthCap::new(builder), opts.tokenizer);
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(source));
    while !matches!(tokenizer.feed(&input), html5ever::TokenizerResult::Done) {}
    tokenizer.end();
    tokenizer.sink.inner.sink.finish()
}

/// Passes tokens on to the tree builder, leaving out the tags of elements nested too deep.
struct DepthCap<S> {
    inner: S,
    state: RefCell<Open>,
}

/// The elements the tokens have opened and not closed.
#[derive(Default)]
struct Open {
    /// Each with whether its tags are left out.
    elements: Vec<(LocalName, bool)>,
    /// How many of them were passed on: the depth the tree builder sees.
    kept: usize,
}

impl<S> DepthCap<S> {
    fn new(inner: S) -> Self {
        DepthCap {
            inner,
            state: RefCell::new(Open::default()),
        }
    }

    /// Whether to pass a tag on.
    fn passes(&self, tag: &Tag) -> bool {
        let mut open = self.state.borrow_mut();
        match tag.kind {
            StartTag => {
                if tag.self_closing || !nests(&tag.name) || never_left_out(&tag.name) {
                    return true;
                }
                let left_out =
                    open.kept >= MAX_DEPTH || open.kept >= WRAPPER_DEPTH && is_wrapper(&tag.name);
                open.elements.push((tag.name.clone(), left_out));
                open.kept += usize::from(!left_out);
                !left_out
            }
            EndTag => {
                let reach = open.elements.len().saturating_sub(END_TAG_REACH);
                let Some(at) = open.elements[reach..]
                    .iter()
                    .rposition(|(name, _)| *name == tag.name)
                else {
                    return true;
                };
                let left_out = open.elements[reach + at].1;
                let closed = open.elements.split_off(reach + at);
                open.kept -= closed.iter().filter(|(_, left_out)| !left_out).count();
                !left_out
            }
        }
    }
}

impl<S: TokenSink> TokenSink for DepthCap<S> {
    type Handle = S::Handle;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<Self::Handle> {
        if let TagToken(tag) = &token
            && !self.passes(tag)
        {
            return TokenSinkResult::Continue;
        }
        self.inner.process_token(token, line_number)
    }

    fn end(&self) {
        self.inner.end()
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.inner
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// Whether an element holds others until its end tag. Void elements never do, and those whose
/// end tag may be left out (`<p>`, `<li>`, `<td>`…) are closed by the next of their kind, so they
/// do not deepen a page however many there are.
fn nests(name: &LocalName) -> bool {
    !matches!(
        &**name,
        "area"
            | "base"
            | "basefont"
            | "bgsound"
            | "br"
            | "col"
            | "embed"
            | "frame"
            | "hr"
            | "img"
            | "input"
            | "keygen"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "p"
            | "li"
            | "dt"
            | "dd"
            | "option"
            | "optgroup"
            | "tr"
            | "td"
            | "th"
            | "tbody"
            | "thead"
            | "tfoot"
            | "colgroup"
            | "caption"
            | "rb"
            | "rt"
            | "rp"
            | "rtc"
            | "html"
            | "head"
            | "body"
    )
}

/// Elements whose start tag changes how the rest is read (raw text, templates): always passed
/// on, or a script's text would be read as markup.
fn never_left_out(name: &LocalName) -> bool {
    matches!(
        &**name,
        "script"
            | "style"
            | "textarea"
            | "title"
            | "xmp"
            | "iframe"
            | "noembed"
            | "noframes"
            | "noscript"
            | "plaintext"
            | "template"
    )
}

/// Elements that only wrap others, for layout or inline style: left out beyond
/// [`WRAPPER_DEPTH`], the reader loses nothing by them.
fn is_wrapper(name: &LocalName) -> bool {
    matches!(
        &**name,
        "div"
            | "span"
            | "section"
            | "font"
            | "center"
            | "a"
            | "b"
            | "i"
            | "u"
            | "s"
            | "em"
            | "strong"
            | "small"
            | "big"
            | "strike"
            | "tt"
            | "nobr"
            | "mark"
            | "abbr"
            | "cite"
            | "code"
            | "kbd"
            | "samp"
            | "var"
            | "sub"
            | "sup"
            | "time"
            | "data"
            | "dfn"
            | "bdi"
            | "bdo"
            | "ins"
            | "del"
            | "label"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use scraper::Selector;

    const PIECES: &[&str] = &[
        "<div>",
        "</div>",
        "<p>",
        "</p>",
        "<li>",
        "<ul>",
        "</ul>",
        "<b>",
        "</b>",
        "<i>",
        "</a>",
        "<a href=x>",
        "<table>",
        "<td>",
        "</table>",
        "<h1>",
        "</h1>",
        "<br>",
        "<script>",
        "</script>",
        "<!-- c -->",
        "<title>",
        "</title>",
        "<svg>",
        "<g/>",
        "</svg>",
        "text ",
        "<span>",
        "</span>",
        "<blockquote>",
        "</blockquote>",
        "&amp;",
        "<",
        ">",
    ];

    proptest! {
        /// Under the caps, the page is parsed exactly as scraper parses it.
        #[test]
        fn a_shallow_page_parses_as_scraper_parses_it(
            pieces in prop::collection::vec(prop::sample::select(PIECES), 0..120)
        ) {
            let source = pieces.concat();
            prop_assert_eq!(document(&source).html(), Html::parse_document(&source).html());
        }
    }

    #[test]
    fn wrappers_past_the_cap_are_left_out_and_their_text_kept() {
        let depth = WRAPPER_DEPTH + 10;
        let source = format!(
            "{}<h2>Pray</h2>for <b>them</b>{}",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let html = document(&source);
        let divs = Selector::parse("div").unwrap();
        assert_eq!(html.select(&divs).count(), WRAPPER_DEPTH);
        let text: String = html.root_element().text().collect();
        assert_eq!(text, "Prayfor them");
        let h2 = Selector::parse("div > h2").unwrap();
        assert_eq!(html.select(&h2).count(), 1);
    }
}
