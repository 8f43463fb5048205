//! Walking the main content into blocks: headings, paragraphs, list items and quotes, with
//! furniture noted as ignored. The walk keeps its own stack of what is left to visit instead of
//! recursing, so how deep a page nests its elements bounds only the heap it uses.

use ego_tree::{NodeId, NodeRef};
use scraper::{ElementRef, Node};

use super::furniture::is_furniture;
use crate::import::page::{Block, Ignored, Kind, snippet, squeeze};

/// The blocks and the furniture found below a node.
pub struct Walked {
    pub blocks: Vec<Block>,
    pub ignored: Vec<Ignored>,
}

/// Walks the children of `root` into blocks, leaving out `skip` (the main content, when listing
/// what lies outside it).
pub fn walk(root: NodeRef<Node>, skip: Option<NodeId>) -> Walked {
    let mut walker = Walker {
        skip,
        levels: vec![Level::default()],
        todo: Vec::new(),
    };
    walker.children_of(root);
    walker.run();
    let mut top = walker.levels.pop().expect("the outermost level");
    top.flush();
    Walked {
        blocks: top.blocks,
        ignored: top.ignored,
    }
}

/// What is left to do, last first.
enum Step<'a> {
    Visit(NodeRef<'a, Node>),
    /// Close the inline text before it into a paragraph.
    Flush,
    /// A quote's content is walked as a level of its own, then becomes one block.
    EndQuote,
}

/// Blocks being gathered: the page's, or a quote's.
#[derive(Default)]
struct Level {
    blocks: Vec<Block>,
    ignored: Vec<Ignored>,
    /// Inline text not yet closed into a paragraph.
    inline: String,
}

struct Walker<'a> {
    skip: Option<NodeId>,
    /// The page's level, with a level for each quote being walked above it.
    levels: Vec<Level>,
    todo: Vec<Step<'a>>,
}

impl<'a> Walker<'a> {
    fn children_of(&mut self, node: NodeRef<'a, Node>) {
        let before = self.todo.len();
        self.todo.extend(node.children().map(Step::Visit));
        self.todo[before..].reverse();
    }

    fn level(&mut self) -> &mut Level {
        self.levels.last_mut().expect("a level")
    }

    fn run(&mut self) {
        while let Some(step) = self.todo.pop() {
            match step {
                Step::Visit(node) => self.visit(node),
                Step::Flush => self.level().flush(),
                Step::EndQuote => {
                    let mut quote = self.levels.pop().expect("the quote's level");
                    quote.flush();
                    let text = quote
                        .blocks
                        .iter()
                        .map(|b| b.text.as_str())
                        .collect::<Vec<_>>()
                        .join(" ");
                    self.level().push(Kind::Quote, text);
                }
            }
        }
    }

    fn visit(&mut self, child: NodeRef<'a, Node>) {
        if Some(child.id()) == self.skip {
            self.level().flush();
            return;
        }
        let el = match child.value() {
            Node::Text(t) => {
                self.level().inline.push_str(t);
                return;
            }
            Node::Element(el) => el,
            _ => return,
        };
        let e = ElementRef::wrap(child).expect("an element node");
        if is_furniture(&e) {
            let text = squeeze(&e.text().collect::<Vec<_>>().join(" "));
            if !text.is_empty()
                && !matches!(
                    el.name(),
                    "script" | "style" | "head" | "noscript" | "template"
                )
            {
                let level = self.level();
                level.flush();
                level.ignored.push(Ignored {
                    text: snippet(&text),
                    why: "site navigation, sharing or comments (by its markup)",
                    line: None,
                });
            }
            return;
        }
        match el.name() {
            "br" => self.level().inline.push('\n'),
            // A table of requests ("Topic | How to pray"): each body row is one item, its
            // fullest cell; the header row names the columns.
            "tr" if !is_layout_row(e) => {
                let cells: Vec<ElementRef> = e
                    .child_elements()
                    .filter(|c| matches!(c.value().name(), "td" | "th"))
                    .collect();
                let header = cells.iter().all(|c| c.value().name() == "th")
                    || e.parent()
                        .and_then(ElementRef::wrap)
                        .is_some_and(|p| p.value().name() == "thead");
                let level = self.level();
                level.flush();
                let texts: Vec<String> = cells.iter().map(|c| inline_text(**c)).collect();
                if header {
                    let text = squeeze(&texts.join(" "));
                    if !text.is_empty() {
                        level.ignored.push(Ignored {
                            text: snippet(&text),
                            why: "a table's header row",
                            line: None,
                        });
                    }
                } else if let Some(fullest) = texts.into_iter().max_by_key(|t| t.chars().count()) {
                    level.push(Kind::Item, fullest);
                }
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = self.level();
                level.flush();
                level.push(Kind::Heading, inline_text(child));
            }
            "p" | "pre" | "dt" | "dd" | "figcaption" => {
                let level = self.level();
                level.flush();
                level.push(Kind::Paragraph, inline_text(child));
            }
            "li" => {
                let level = self.level();
                level.flush();
                level.push(Kind::Item, inline_text(child));
                // A nested list's items are items of their own.
                let before = self.todo.len();
                for nested in child.children() {
                    if let Some(n) = ElementRef::wrap(nested)
                        && matches!(n.value().name(), "ul" | "ol")
                    {
                        self.todo.extend(nested.children().map(Step::Visit));
                    }
                }
                self.todo[before..].reverse();
            }
            "blockquote" => {
                self.level().flush();
                self.levels.push(Level::default());
                self.todo.push(Step::EndQuote);
                self.children_of(child);
            }
            name if is_inline(name) => self.children_of(child),
            _ => {
                self.level().flush();
                self.todo.push(Step::Flush);
                self.children_of(child);
            }
        }
    }
}

impl Level {
    fn flush(&mut self) {
        let text = std::mem::take(&mut self.inline);
        self.push(Kind::Paragraph, tidy_lines(&text));
    }

    fn push(&mut self, kind: Kind, text: String) {
        if !text.trim().is_empty() {
            self.blocks.push(Block {
                kind,
                text,
                line: None,
            });
        }
    }
}

fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "abbr"
            | "b"
            | "bdi"
            | "bdo"
            | "cite"
            | "code"
            | "data"
            | "dfn"
            | "em"
            | "font"
            | "i"
            | "kbd"
            | "mark"
            | "q"
            | "s"
            | "samp"
            | "small"
            | "span"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "u"
            | "var"
            | "wbr"
    )
}

/// The text of an element, with `<br>` as a line break and nested lists left out.
/// Whether a table row lays the page out (its cells hold paragraphs, lists, headings or other
/// tables, as an e-mail or an old page does) rather than holding a row of data.
fn is_layout_row(row: ElementRef) -> bool {
    row.descendants().filter_map(ElementRef::wrap).any(|d| {
        matches!(
            d.value().name(),
            "p" | "div"
                | "ul"
                | "ol"
                | "table"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "blockquote"
                | "section"
                | "article"
        )
    })
}

pub fn inline_text(node: NodeRef<Node>) -> String {
    enum Part<'a> {
        Node(NodeRef<'a, Node>),
        Break,
    }
    let mut out = String::new();
    let mut todo: Vec<Part> = node.children().rev().map(Part::Node).collect();
    while let Some(part) = todo.pop() {
        let child = match part {
            Part::Break => {
                out.push('\n');
                continue;
            }
            Part::Node(child) => child,
        };
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(el) => match el.name() {
                "br" => out.push('\n'),
                "ul" | "ol" | "script" | "style" => {}
                "p" | "div" | "li" => {
                    out.push('\n');
                    todo.push(Part::Break);
                    todo.extend(child.children().rev().map(Part::Node));
                }
                _ => {
                    let e = ElementRef::wrap(child).expect("an element node");
                    if !is_furniture(&e) {
                        todo.extend(child.children().rev().map(Part::Node));
                    }
                }
            },
            _ => {}
        }
    }
    tidy_lines(&out)
}

/// Each line squeezed, empty lines dropped.
pub fn tidy_lines(text: &str) -> String {
    text.lines()
        .map(squeeze)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}
