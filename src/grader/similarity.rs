//! How alike a drawn block and a reference node are: kind, exact names, shared words, typos.

use std::collections::BTreeSet;

use crate::cases::CaseNode;
use crate::catalog::{CUSTOM_KIND, Catalog, normalize};
use crate::model::Block;

/// Words that say nothing about what a component is ("ranking service" = "ranking").
const STOP_WORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "of",
    "for",
    "to",
    "and",
    "with",
    "service",
    "services",
    "system",
    "systems",
    "module",
    "component",
    "layer",
];

/// Base similarity when the kinds agree; the text adds up to `1 - SAME_KIND` on top.
pub const SAME_KIND: f32 = 0.6;
/// Text similarity counts this much when the kinds differ.
pub const TEXT_ONLY: f32 = 0.9;
/// Jaro-Winkler similarity from which two names count as the same word with a typo.
const TYPO_FROM: f64 = 0.92;

/// Text prepared for comparison: canonical words, joined and as a set.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Terms {
    pub joined: String,
    pub words: BTreeSet<String>,
}

/// Lower-cases, drops punctuation and stop words, joins "re" to the next word, and strips
/// plural and verb endings: "Re-ranking services" -> "rerank".
pub fn canonical(text: &str) -> Terms {
    let normalized = normalize(text);
    let mut words: Vec<String> = Vec::new();
    let mut pending_prefix: Option<&str> = None;
    for word in normalized.split(' ').filter(|w| !w.is_empty()) {
        if word == "re" || word == "pre" {
            pending_prefix = Some(word);
            continue;
        }
        if STOP_WORDS.contains(&word) {
            continue;
        }
        let joined = match pending_prefix.take() {
            Some(prefix) => format!("{prefix}{word}"),
            None => word.to_owned(),
        };
        words.push(stem(&joined));
    }
    let joined = words.join(" ");
    Terms {
        joined,
        words: words.into_iter().collect(),
    }
}

/// Strips common English endings so "ranking", "ranker" and "ranks" agree.
fn stem(word: &str) -> String {
    let mut w = word.to_owned();
    for _ in 0..2 {
        let before = w.len();
        for (suffix, replacement) in [
            ("ies", "y"),
            ("xes", "x"),
            ("sses", "ss"),
            ("ings", ""),
            ("ing", ""),
            ("ers", ""),
            ("er", ""),
            ("s", ""),
        ] {
            if w.len() >= suffix.len() + 4
                && w.ends_with(suffix)
                && !(suffix == "s" && w.ends_with("ss"))
            {
                w.truncate(w.len() - suffix.len());
                w.push_str(replacement);
                break;
            }
        }
        if w.len() == before {
            break;
        }
    }
    w
}

/// A reference node prepared for comparison.
#[derive(Clone, Debug)]
pub struct RefTerms {
    pub kind: String,
    /// The label first, then the aliases.
    pub names: Vec<Terms>,
}

impl RefTerms {
    pub fn new(node: &CaseNode) -> Self {
        let names = std::iter::once(&node.label)
            .chain(&node.aliases)
            .map(|t| canonical(t))
            .filter(|t| !t.joined.is_empty())
            .collect();
        RefTerms {
            kind: node.kind.clone(),
            names,
        }
    }
}

/// A drawn block prepared for comparison.
#[derive(Clone, Debug)]
pub struct UserTerms {
    /// The block's kind, or for a custom block the kind its label names ("FAISS" -> `ann_index`).
    pub kind: String,
    pub text: Terms,
}

impl UserTerms {
    pub fn new(block: &Block, catalog: &Catalog) -> Self {
        let kind = if block.kind == CUSTOM_KIND {
            catalog
                .lookup(&block.label)
                .map_or_else(|| CUSTOM_KIND.to_owned(), |k| k.id.clone())
        } else {
            block.kind.clone()
        };
        UserTerms {
            kind,
            text: canonical(&block.label),
        }
    }
}

/// How well two names agree, 0..=1: exact, shared words (Dice), or a typo.
fn name_similarity(a: &Terms, b: &Terms) -> f32 {
    if a.joined.is_empty() || b.joined.is_empty() {
        return 0.0;
    }
    if a.joined == b.joined {
        return 1.0;
    }
    let shared = a.words.intersection(&b.words).count();
    let dice = 2.0 * shared as f32 / (a.words.len() + b.words.len()) as f32;
    let jw = strsim::jaro_winkler(&a.joined, &b.joined);
    let typo = if jw >= TYPO_FROM {
        (jw as f32) * 0.95
    } else {
        0.0
    };
    dice.max(typo)
}

/// The best agreement of the user's text with any name of the reference node.
pub fn text_similarity(user: &UserTerms, node: &RefTerms) -> f32 {
    node.names
        .iter()
        .map(|n| name_similarity(&user.text, n))
        .fold(0.0, f32::max)
}

/// Similarity of a drawn block and a reference node, 0..=1.
pub fn similarity(user: &UserTerms, node: &RefTerms) -> f32 {
    let text = text_similarity(user, node);
    if user.kind == node.kind {
        SAME_KIND + (1.0 - SAME_KIND) * text
    } else {
        TEXT_ONLY * text
    }
}

/// Cheap test for pairs worth scoring: same kind, a shared word, or a shared word start.
pub fn plausible(user: &UserTerms, node: &RefTerms) -> bool {
    if user.kind == node.kind {
        return true;
    }
    node.names.iter().any(|n| {
        n.words.iter().any(|w| user.text.words.contains(w))
            || n.joined
                .get(..4)
                .is_some_and(|p| user.text.joined.starts_with(p))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_forms_ignore_case_punctuation_plurals_and_filler_words() {
        assert_eq!(canonical("Re-ranking Service").joined, "rerank");
        assert_eq!(canonical("reranker").joined, "rerank");
        assert_eq!(canonical("Feature Stores").joined, "feature store");
        assert_eq!(
            canonical("Indexing pipeline").joined,
            canonical("indexer pipelines").joined
        );
        assert_eq!(canonical("the User").joined, "user");
    }

    #[test]
    fn names_agree_on_exact_shared_words_and_typos_but_not_on_unrelated_words() {
        let n = |s| canonical(s);
        assert_eq!(
            name_similarity(&n("Nearest neighbor service"), &n("nearest neighbor")),
            1.0
        );
        assert!(name_similarity(&n("Heavy ranker"), &n("Ranking service")) >= 0.66);
        assert!(name_similarity(&n("Elasticserch"), &n("Elasticsearch")) > 0.9);
        assert!(name_similarity(&n("Feature store"), &n("Load balancer")) < 0.2);
    }
}
