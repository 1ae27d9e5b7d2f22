//! How alike a drawn block and a reference node are: kind, exact names, shared words, typos.

use std::collections::BTreeSet;

use crate::cases::CaseNode;
use crate::catalog::{CUSTOM_KIND, Catalog, normalize};
use crate::model::Block;

/// Words that say nothing about what a component is ("ranking service" = "ranking").
const STOP_WORDS: &[&str] = &[
    "a",
    "all",
    "an",
    "and",
    "by",
    "component",
    "for",
    "from",
    "in",
    "layer",
    "module",
    "of",
    "on",
    "per",
    "service",
    "services",
    "svc",
    "system",
    "systems",
    "the",
    "to",
    "with",
];

/// Short forms and near-synonyms people write, and the word they are compared as.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("ann", "approximate nearest neighbor"),
    ("knn", "nearest neighbor"),
    ("nn", "nearest neighbor"),
    ("db", "database"),
    ("emb", "embedding"),
    ("embed", "embedding"),
    ("fof", "friend of friend"),
    ("lb", "load balancer"),
    ("live", "real time"),
    ("realtime", "real time"),
    ("misinfo", "misinformation"),
    ("rec", "recommendation"),
    ("recs", "recommendation"),
    ("cg", "candidate generation"),
    ("ltr", "learning to rank"),
    // Words people use for the same thing.
    ("vector", "embedding"),
    ("vectors", "embedding"),
    ("get", "fetch"),
    ("lookup", "fetch"),
];

/// Base similarity when the kinds agree; the text adds up to `1 - SAME_KIND` on top.
pub const SAME_KIND: f32 = 0.6;
/// Text similarity counts this much when the kinds differ.
pub const TEXT_ONLY: f32 = 0.9;
/// Jaro-Winkler similarity from which two names count as the same word with a typo.
const TYPO_FROM: f64 = 0.92;
/// How much a match with the catalog's words for the node's kind counts, compared with a
/// match with the node's own label and aliases.
const KIND_WORDS: f32 = 0.8;

/// Text prepared for comparison: canonical words, joined and as a set.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Terms {
    pub joined: String,
    pub words: BTreeSet<String>,
}

/// Lower-cases, drops punctuation and filler words, spells out short forms, joins "re" to
/// the next word, and strips plural and verb endings: "Re-ranking services" -> "rerank".
pub fn canonical(text: &str) -> Terms {
    let normalized = normalize(text);
    let mut expanded: Vec<&str> = Vec::new();
    for word in normalized.split(' ').filter(|w| !w.is_empty()) {
        match ABBREVIATIONS.iter().find(|(short, _)| *short == word) {
            Some((_, long)) => expanded.extend(long.split(' ')),
            None => expanded.push(word),
        }
    }
    let mut words: Vec<String> = Vec::new();
    let mut pending_prefix: Option<&str> = None;
    for word in expanded {
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

/// Strips common English endings so "ranking", "ranker" and "ranks" agree, and "cache",
/// "caches" and "cached" too.
fn stem(word: &str) -> String {
    let mut w = word.to_owned();
    if w.chars().count() != w.len() {
        return w;
    }
    for _ in 0..2 {
        let before = w.len();
        for (suffix, replacement) in [
            ("ies", "y"),
            ("ings", ""),
            ("ing", ""),
            ("ers", ""),
            ("er", ""),
            ("ed", ""),
            ("es", ""),
            ("s", ""),
        ] {
            if w.len() >= suffix.len() + 3
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
    // "embedd" -> "embed", "blurr" -> "blur"; a final "e" goes too ("cache" -> "cach").
    let bytes = w.as_bytes();
    if bytes.len() >= 4
        && bytes[bytes.len() - 1] == bytes[bytes.len() - 2]
        && !b"lsz".contains(&bytes[bytes.len() - 1])
    {
        w.pop();
    }
    if w.len() >= 5 && w.ends_with('e') {
        w.pop();
    }
    w
}

/// A reference node prepared for comparison.
#[derive(Clone, Debug)]
pub struct RefTerms {
    pub kind: String,
    /// The label first, then the aliases.
    pub names: Vec<Terms>,
    /// The catalog's name and aliases of the node's kind ("user events" for interactions).
    pub kind_names: Vec<Terms>,
}

fn prepare<'a>(texts: impl Iterator<Item = &'a String>) -> Vec<Terms> {
    texts
        .map(|t| canonical(t))
        .filter(|t| !t.joined.is_empty())
        .collect()
}

impl RefTerms {
    pub fn new(node: &CaseNode, catalog: &Catalog) -> Self {
        let names = prepare(std::iter::once(&node.label).chain(&node.aliases));
        let kind_names = catalog.kind(&node.kind).map_or_else(Vec::new, |k| {
            prepare(std::iter::once(&k.name).chain(&k.aliases))
        });
        RefTerms {
            kind: node.kind.clone(),
            names,
            kind_names,
        }
    }
}

/// A drawn block prepared for comparison.
#[derive(Clone, Debug)]
pub struct UserTerms {
    /// The block's kind (unless custom) and the kind its label names, if any: "FAISS" ->
    /// `ann_index`, "Re-ranking (business rules)" on a filter block -> `filter` and `reranker`.
    pub kinds: Vec<String>,
    pub text: Terms,
}

impl UserTerms {
    pub fn new(block: &Block, catalog: &Catalog) -> Self {
        let mut kinds = Vec::new();
        if block.kind != CUSTOM_KIND {
            kinds.push(block.kind.clone());
        }
        if let Some(named) = named_kind(&block.label, catalog)
            && !kinds.contains(&named)
        {
            kinds.push(named);
        }
        UserTerms {
            kinds,
            text: canonical(&block.label),
        }
    }

    fn has_kind(&self, kind: &str) -> bool {
        self.kinds.iter().any(|k| k == kind)
    }
}

/// The kind a free label names: the whole label, or failing that the longest run of up to
/// three words that is a catalog term ("Postgres events table" -> `database`).
fn named_kind(label: &str, catalog: &Catalog) -> Option<String> {
    if let Some(kind) = catalog.lookup(label) {
        return Some(kind.id.clone());
    }
    let normalized = normalize(label);
    let words: Vec<&str> = normalized.split(' ').filter(|w| !w.is_empty()).collect();
    for len in (1..=3).rev() {
        for run in words.windows(len) {
            if let Some(kind) = catalog.lookup(&run.join(" ")) {
                return Some(kind.id.clone());
            }
        }
    }
    None
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
    let best = |names: &[Terms]| {
        names
            .iter()
            .map(|n| name_similarity(&user.text, n))
            .fold(0.0, f32::max)
    };
    best(&node.names).max(KIND_WORDS * best(&node.kind_names))
}

/// Similarity of a drawn block and a reference node, 0..=1.
pub fn similarity(user: &UserTerms, node: &RefTerms) -> f32 {
    let text = text_similarity(user, node);
    if user.has_kind(&node.kind) {
        SAME_KIND + (1.0 - SAME_KIND) * text
    } else {
        TEXT_ONLY * text
    }
}

/// Cheap test for pairs worth scoring: same kind, a shared word, or a shared word start.
pub fn plausible(user: &UserTerms, node: &RefTerms) -> bool {
    if user.has_kind(&node.kind) {
        return true;
    }
    node.names.iter().chain(&node.kind_names).any(|n| {
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
        assert_eq!(canonical("Feature Stores"), canonical("feature store"));
        assert_eq!(canonical("cached results"), canonical("cache result"));
        assert_eq!(canonical("Embeddings"), canonical("embed"));
        assert_eq!(
            canonical("blur svc").joined,
            canonical("Blurring service").joined
        );
        assert_eq!(
            canonical("Indexing pipeline").joined,
            canonical("indexer pipelines").joined
        );
        assert_eq!(canonical("the User").joined, "user");
        assert_eq!(
            canonical("ANN").joined,
            canonical("approximate nearest neighbors").joined
        );
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
