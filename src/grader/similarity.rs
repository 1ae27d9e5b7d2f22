//! How alike a drawn block and a reference node are: kind, exact names, shared words, typos.

use std::collections::{BTreeMap, BTreeSet};

use crate::cases::CaseNode;
use crate::catalog::{CUSTOM_KIND, Catalog};
use crate::model::Block;
use crate::text::normalize;
pub use crate::text::{Terms, canonical};

/// Base similarity when the kinds agree; the text adds up to `1 - SAME_KIND` on top.
pub const SAME_KIND: f32 = 0.6;
/// Text similarity counts this much when the kinds differ.
pub const TEXT_ONLY: f32 = 0.9;
/// Jaro-Winkler similarity from which two names count as the same word with a typo.
const TYPO_FROM: f64 = 0.92;
/// How much a match with the catalog's words for the node's kind counts, compared with a
/// match with the node's own label and aliases.
const KIND_WORDS: f32 = 0.8;

/// A reference node prepared for comparison.
#[derive(Clone, Debug)]
pub struct RefTerms {
    pub kind: String,
    /// The label first, then the aliases.
    pub names: Vec<Terms>,
}

fn prepare<'a>(texts: impl Iterator<Item = &'a String>) -> Vec<Terms> {
    texts
        .map(|t| canonical(t))
        .filter(|t| !t.joined.is_empty())
        .collect()
}

impl RefTerms {
    pub fn new(node: &CaseNode) -> Self {
        let names = prepare(std::iter::once(&node.label).chain(&node.aliases));
        RefTerms {
            kind: node.kind.clone(),
            names,
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
    // A typo keeps the length and, nearly always, the first letters; skip the costly
    // comparison otherwise.
    let close_length = a.joined.len().abs_diff(b.joined.len()) <= 3;
    let same_start = a.joined.as_bytes().first() == b.joined.as_bytes().first();
    let typo = if close_length && same_start {
        let jw = strsim::jaro_winkler(&a.joined, &b.joined);
        if jw >= TYPO_FROM {
            (jw as f32) * 0.95
        } else {
            0.0
        }
    } else {
        0.0
    };
    dice.max(typo)
}

fn best(user: &Terms, names: &[Terms]) -> f32 {
    names
        .iter()
        .map(|n| name_similarity(user, n))
        .fold(0.0, f32::max)
}

/// Scores blocks against the nodes of one reference, with the indexes that keep it from
/// comparing every block with every node.
pub struct Scorer<'c> {
    pub refs: Vec<RefTerms>,
    /// The catalog's name and aliases of every kind, and the kinds each word is in.
    catalog_terms: &'c crate::catalog::KindTerms,
    by_kind: BTreeMap<String, Vec<usize>>,
    /// Words found in few nodes' names (common words would make every pair plausible).
    by_word: BTreeMap<String, Vec<usize>>,
    /// The first four letters of each name, for typos.
    by_start: BTreeMap<String, Vec<usize>>,
}

/// What a block says about each kind of the reference, computed once per block.
pub struct Prepared {
    pub user: UserTerms,
    /// Text similarity of the block with the catalog's words of each kind.
    kind_text: BTreeMap<String, f32>,
}

impl<'c> Scorer<'c> {
    pub fn new(case: &crate::cases::CaseStudy, catalog: &'c Catalog) -> Self {
        let refs: Vec<RefTerms> = case.nodes.iter().map(RefTerms::new).collect();
        let mut by_kind: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut word_nodes: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
        let mut by_start: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (r, node) in refs.iter().enumerate() {
            by_kind.entry(node.kind.clone()).or_default().push(r);
            for name in &node.names {
                for word in &name.words {
                    word_nodes.entry(word.clone()).or_default().insert(r);
                }
                if let Some(start) = name.joined.get(..4) {
                    let list = by_start.entry(start.to_owned()).or_default();
                    if list.last() != Some(&r) {
                        list.push(r);
                    }
                }
            }
        }
        let common = (refs.len() / 20).max(8);
        let by_word = word_nodes
            .into_iter()
            .filter(|(_, nodes)| nodes.len() <= common)
            .map(|(word, nodes)| (word, nodes.into_iter().collect()))
            .collect();
        Scorer {
            refs,
            catalog_terms: catalog.kind_terms(),
            by_kind,
            by_word,
            by_start,
        }
    }

    pub fn prepare(&self, user: UserTerms) -> Prepared {
        // Only kinds of the reference sharing a word with the block can score above zero.
        let kinds: BTreeSet<&String> = user
            .text
            .words
            .iter()
            .filter_map(|w| self.catalog_terms.kinds_by_word.get(w))
            .flatten()
            .filter(|kind| self.by_kind.contains_key(*kind))
            .collect();
        let kind_text = kinds
            .into_iter()
            .filter_map(|kind| {
                let names = self.catalog_terms.names.get(kind)?;
                Some((kind.clone(), best(&user.text, names)))
            })
            .collect();
        Prepared { user, kind_text }
    }

    /// The nodes worth scoring against a block: same kind, a kind its words name, a shared
    /// uncommon word, or the same first letters.
    pub fn candidates(&self, block: &Prepared, threshold: f32) -> BTreeSet<usize> {
        let mut out = BTreeSet::new();
        let user = &block.user;
        for kind in &user.kinds {
            out.extend(self.by_kind.get(kind).into_iter().flatten());
        }
        for (kind, text) in &block.kind_text {
            if TEXT_ONLY * KIND_WORDS * text >= threshold {
                out.extend(self.by_kind.get(kind).into_iter().flatten());
            }
        }
        for word in &user.text.words {
            out.extend(self.by_word.get(word).into_iter().flatten());
        }
        if let Some(start) = user.text.joined.get(..4) {
            out.extend(self.by_start.get(start).into_iter().flatten());
        }
        out
    }

    /// Similarity of a block and reference node `r`, 0..=1.
    pub fn similarity(&self, block: &Prepared, r: usize) -> f32 {
        let node = &self.refs[r];
        let by_kind = block.kind_text.get(&node.kind).copied().unwrap_or(0.0);
        let text = best(&block.user.text, &node.names).max(KIND_WORDS * by_kind);
        if block.user.has_kind(&node.kind) {
            SAME_KIND + (1.0 - SAME_KIND) * text
        } else {
            TEXT_ONLY * text
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
