//! Finding the element that holds the post, by where the page's readable text is. Every
//! element's weight (its text outside furniture) is computed once, in one pass over the tree
//! with a stack of its own, so a page nested a hundred thousand elements deep costs no more
//! than a flat one and never exhausts the thread's stack.

use std::collections::HashMap;

use ego_tree::NodeId;
use ego_tree::iter::Edge;
use scraper::{ElementRef, Node, Selector};

use super::furniture::is_furniture;

/// How much readable text each element below a root holds outside furniture.
pub struct Weights(HashMap<NodeId, usize>);

impl Weights {
    /// One post-order pass: a node's weight is added to its parent's when the node closes.
    pub fn of(root: ElementRef) -> Weights {
        let mut weights = HashMap::new();
        // The sum of the children closed so far, for each open node.
        let mut open: Vec<usize> = Vec::new();
        for edge in root.traverse() {
            match edge {
                Edge::Open(_) => open.push(0),
                Edge::Close(node) => {
                    let children = open.pop().unwrap_or(0);
                    let weight = match node.value() {
                        Node::Text(t) => t.trim().chars().count(),
                        Node::Element(_) => match ElementRef::wrap(node) {
                            Some(e) if is_furniture(&e) => 0,
                            _ => children,
                        },
                        _ => 0,
                    };
                    if let Node::Element(_) = node.value() {
                        weights.insert(node.id(), weight);
                    }
                    if let Some(parent) = open.last_mut() {
                        *parent += weight;
                    }
                }
            }
        }
        Weights(weights)
    }

    pub fn of_element(&self, e: ElementRef) -> usize {
        self.0.get(&e.id()).copied().unwrap_or(0)
    }
}

/// The element holding the post: `article` or `main` when one holds most of the text, else
/// the smallest element that still holds four fifths of the text below `body`.
pub fn main_content<'a>(body: ElementRef<'a>, weights: &Weights) -> ElementRef<'a> {
    let total = weights.of_element(body).max(1);
    let marked = Selector::parse(r#"article, main, [role="main"], [itemprop="articleBody"]"#)
        .ok()
        .and_then(|s| {
            body.select(&s)
                .filter(|e| !is_furniture(e))
                .map(|e| (weights.of_element(e), e))
                .max_by_key(|(w, _)| *w)
        });
    let mut current = match marked {
        Some((w, e)) if w * 2 >= total => e,
        _ => body,
    };
    loop {
        let here = weights.of_element(current);
        // Only into containers: a paragraph or a list holding most of the text is part of the
        // post, whose headings stand beside it.
        let heaviest = current
            .child_elements()
            .filter(|e| !is_furniture(e))
            .filter(|e| {
                matches!(
                    e.value().name(),
                    "div" | "section" | "article" | "main" | "center"
                )
            })
            .map(|e| (weights.of_element(e), e))
            .max_by_key(|(w, _)| *w);
        match heaviest {
            Some((w, e)) if w * 5 >= here * 4 && w > 0 => current = e,
            _ => return current,
        }
    }
}
