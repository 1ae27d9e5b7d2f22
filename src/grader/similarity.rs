//! How alike a drawn block and a reference node are. Words decide: the block's label, split
//! into the parts it names ("train encoder, embed images" names two steps), is compared word
//! by word with the node's label and aliases, typos and short forms tolerated; the block's
//! kind adds evidence but never matches on its own.

use std::collections::{BTreeMap, BTreeSet};

pub use super::words::{Words, name_similarity, parts, word_similarity};
use crate::cases::CaseNode;
use crate::catalog::{CUSTOM_KIND, Catalog};
use crate::model::Block;
use crate::text::normalize;
pub use crate::text::{Terms, canonical};

/// What a block's kind alone is worth: below [`MATCH_FROM`], so a block whose words say
/// nothing about a node never answers it.
pub const KIND_BASE: f32 = 0.35;
/// Pairs less alike than this never match.
pub const MATCH_FROM: f32 = 0.42;
/// A match with the catalog's words for the node's kind counts this much of a match with
/// the node's own label and aliases.
const KIND_WORDS: f32 = 0.8;
/// A part of a label counts this much of the whole label.
const PART: f32 = 0.95;
/// References up to this size also score a block against nodes of kinds related to its own.
const RELATED_CANDIDATES_UP_TO: usize = 64;
/// What a related kind alone is worth ("Cassandra" for a prediction store): too little to
/// match, but with the block's arrows agreeing it may (see the mapping).
pub const RELATED_BASE: f32 = 0.3;
/// Below this similarity with the node's own names, a related kind counts only as its base
/// (the catalog's words for the node's kind say nothing when the block is of another kind).
const RELATED_WORDS_FROM: f32 = 0.4;
/// Text similarity counts this much when the block has another, related kind.
const RELATED_KIND: f32 = 0.95;
/// Text similarity counts this much when the block has another, unrelated kind.
const OTHER_KIND: f32 = 0.9;
/// The text similarity of a label that opens with a node's name, on a block of its kind.
const OPENS_WITH: f32 = 0.8;

/// True when the first words of `label` are the words of `name`, typos allowed.
fn opens_with(label: &Words, name: &Words) -> bool {
    !name.words.is_empty()
        && label.words.len() > name.words.len()
        && name
            .words
            .iter()
            .zip(&label.words)
            .all(|(a, b)| word_similarity(a, b) > 0.0)
}

/// A part of a label of an unrelated kind counts this much more for a match on its own.
const PART_OF_OTHER_KIND: f32 = 0.5;

/// Kinds close enough that a block of one may well be meant as the other.
const RELATED: &[&[&str]] = &[
    &[
        "ranker",
        "reranker",
        "filter",
        "classifier",
        "model_server",
        "batch_prediction",
    ],
    &[
        "candidate_generation",
        "ann_index",
        "embedding_model",
        "text_search",
    ],
    &[
        "embedding_model",
        "indexing_pipeline",
        "model_server",
        "object_detector",
    ],
    &[
        "database",
        "object_storage",
        "data_lake",
        "feature_store",
        "prediction_store",
        "graph_store",
        "cache",
        "ann_index",
        "data_source",
    ],
    &[
        "batch_pipeline",
        "stream_processor",
        "feature_computation",
        "labeling",
        "data_source",
    ],
    &[
        "user_interactions",
        "event_stream",
        "logging",
        "data_source",
        "data_lake",
    ],
    &[
        "training_pipeline",
        "evaluation",
        "model_registry",
        "labeling",
    ],
    &["api_service", "load_balancer", "cdn"],
    &[
        "human_review",
        "enforcement",
        "labeling",
        "notification_service",
    ],
    &["classifier", "object_detector", "human_review", "filter"],
    &["batch_prediction", "prediction_store", "model_server"],
];

/// True when two kinds are the same or listed together in [`RELATED`].
pub fn related_kinds(a: &str, b: &str) -> bool {
    a == b || RELATED.iter().any(|g| g.contains(&a) && g.contains(&b))
}

/// A reference node prepared for comparison.
#[derive(Clone, Debug)]
pub struct RefTerms {
    pub kind: String,
    /// The label first, then the aliases.
    pub names: Vec<Words>,
}

impl RefTerms {
    pub fn new(node: &CaseNode) -> Self {
        let names = std::iter::once(&node.label)
            .chain(&node.aliases)
            .map(|t| Words::new(t))
            .filter(|w| !w.is_empty())
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
    /// The block's kind, unless custom.
    pub declared: Option<String>,
    /// Kinds its label names: "FAISS" -> `ann_index`, "Kafka (clicks)" -> `event_stream`.
    pub named: Vec<String>,
    /// The whole label, then its parts when it has more than one.
    pub texts: Vec<Words>,
}

impl UserTerms {
    pub fn new(block: &Block, catalog: &Catalog) -> Self {
        UserTerms::of(&block.kind, &block.label, catalog)
    }

    pub fn of(kind: &str, label: &str, catalog: &Catalog) -> Self {
        let declared = (kind != CUSTOM_KIND && catalog.contains(kind)).then(|| kind.to_owned());
        let mut texts = vec![Words::new(label)];
        let parts = parts(label);
        if parts.len() > 1 {
            texts.extend(
                parts
                    .iter()
                    .map(|p| Words::new(p))
                    .filter(|w| !w.is_empty()),
            );
        }
        // The kinds the label names: the whole label as a catalog term ("FAISS"), else the
        // terms in its first part ("Kafka" of "Kafka (user events)"); a block of a declared
        // kind keeps only an exact name. Later parts describe, they do not say what it is.
        let mut named = Vec::new();
        if let Some(kind) = catalog.lookup(label) {
            if kind.id != CUSTOM_KIND {
                named.push(kind.id.clone());
            }
        } else if declared.is_none() {
            named = named_kinds(parts.first().map_or(label, String::as_str), catalog);
        }
        UserTerms {
            declared,
            named,
            texts,
        }
    }

    pub fn has_kind(&self, kind: &str) -> bool {
        self.declared.as_deref() == Some(kind) || self.named.iter().any(|k| k == kind)
    }

    /// The block's own kind, or the first kind its label names.
    pub fn main_kind(&self) -> Option<&str> {
        self.declared
            .as_deref()
            .or(self.named.first().map(String::as_str))
    }
}

/// The kind the grader reads from the label of a `custom` block, if it names one: the whole
/// label as a catalog term, else the first term in its first part ("Kafka impression stream"
/// -> `event_stream`). Importers give a block this kind, so that an imported drawing is graded
/// as the same drawing made of custom blocks would be.
pub fn label_kind(label: &str, catalog: &Catalog) -> Option<String> {
    UserTerms::of(CUSTOM_KIND, label, catalog)
        .main_kind()
        .map(str::to_owned)
}

/// The kinds a free label names: the whole label, or the longest runs of up to three words
/// that are catalog terms ("Postgres events table" -> `database`).
fn named_kinds(label: &str, catalog: &Catalog) -> Vec<String> {
    if let Some(kind) = catalog.lookup(label) {
        return vec![kind.id.clone()];
    }
    let normalized = normalize(label);
    let words: Vec<&str> = normalized.split(' ').filter(|w| !w.is_empty()).collect();
    let mut out = Vec::new();
    let mut covered = vec![false; words.len()];
    for len in (1..=3).rev() {
        for (start, run) in words.windows(len).enumerate() {
            if covered[start..start + len].iter().any(|c| *c) {
                continue;
            }
            if let Some(kind) = catalog.lookup(&run.join(" ")) {
                covered[start..start + len]
                    .iter_mut()
                    .for_each(|c| *c = true);
                if !out.contains(&kind.id) && kind.id != CUSTOM_KIND {
                    out.push(kind.id.clone());
                }
            }
        }
    }
    out
}

/// The best match of a block with a set of names: similarity, which of the block's texts
/// gave it (0 = the whole label), and the words of that text that found a partner.
fn best(user: &UserTerms, names: &[Words]) -> (f32, usize, u64) {
    best_of(user, names, 0..=usize::MAX)
}

/// As [`best`], over what the block is: its first part when the label has parts (the whole
/// label holds the words that describe it too), else the whole label.
fn best_of_head(user: &UserTerms, names: &[Words]) -> (f32, usize, u64) {
    let head = usize::from(user.texts.len() > 1);
    best_of(user, names, head..=head)
}

/// As [`best`], over the texts in `range` (0 the whole label, then its parts).
fn best_of(
    user: &UserTerms,
    names: &[Words],
    range: std::ops::RangeInclusive<usize>,
) -> (f32, usize, u64) {
    let mut out = (0.0, 0, 0);
    for (t, text) in user.texts.iter().enumerate() {
        if !range.contains(&t) {
            continue;
        }
        let factor = if t == 0 { 1.0 } else { PART };
        for name in names {
            let (s, evidence) = name_similarity(text, name);
            if s * factor > out.0 {
                out = (s * factor, t, evidence);
            }
        }
    }
    out
}

/// How a block answers one reference node.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Affinity {
    /// 0..=1; [`MATCH_FROM`] and above may match.
    pub value: f32,
    /// How much of it the words give, before the kind.
    pub text: f32,
    /// How much the node's own label and aliases give (without the catalog's words).
    pub own: f32,
    /// Which of the block's texts named the node (0 = the whole label, 1 its first part,
    /// which says what the block is; later parts describe it) ...
    pub part: usize,
    /// ... and which of that text's words did.
    pub evidence: u64,
}

/// Scores blocks against the nodes of one reference, with the indexes that keep it from
/// comparing every block with every node.
pub struct Scorer<'c> {
    pub refs: Vec<RefTerms>,
    catalog: &'c Catalog,
    /// The catalog's names of each kind the reference uses.
    kind_names: BTreeMap<String, Vec<Words>>,
    /// The reference's kinds by the first letters of their catalog words.
    kind_by_start: BTreeMap<String, BTreeSet<String>>,
    by_kind: BTreeMap<String, Vec<usize>>,
    /// Nodes by the first three letters of the uncommon words of their names.
    by_start: BTreeMap<String, Vec<usize>>,
}

/// A block prepared once for comparison with every node.
pub struct Prepared {
    pub user: UserTerms,
    /// The label as drawn.
    pub label: String,
    /// How the label matches the catalog's words of each kind of the reference, where it
    /// matches at all: (similarity, part, evidence) as [`best`] gives them.
    kind_text: BTreeMap<String, (f32, usize, u64)>,
}

fn start(word: &str) -> Option<&str> {
    word.get(..3).or(Some(word)).filter(|w| !w.is_empty())
}

/// The first letters a word is indexed by: its own, and those of its consonants ("usr" is
/// found under "use" of "user" by the consonants both start with).
fn starts(word: &str) -> impl Iterator<Item = String> {
    let bare = super::words::skeleton(word);
    let bare = bare.get(..3).filter(|b| b.len() == 3).map(str::to_owned);
    start(word)
        .map(str::to_owned)
        .into_iter()
        .chain(bare.map(|b| format!("~{b}")))
}

impl<'c> Scorer<'c> {
    pub fn new(case: &crate::cases::CaseStudy, catalog: &'c Catalog) -> Self {
        let refs: Vec<RefTerms> = case.nodes.iter().map(RefTerms::new).collect();
        let mut by_kind: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut index: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
        for (r, node) in refs.iter().enumerate() {
            by_kind.entry(node.kind.clone()).or_default().push(r);
            for name in &node.names {
                for word in &name.words {
                    for s in starts(word) {
                        index.entry(s).or_default().insert(r);
                    }
                }
            }
        }
        // Starts shared by many nodes ("sta" of "stage 17") would make every pair plausible.
        let common = (refs.len() / 20).max(12);
        let by_start = index
            .into_iter()
            .filter(|(_, nodes)| nodes.len() <= common)
            .map(|(s, nodes)| (s, nodes.into_iter().collect()))
            .collect();
        let terms = catalog.kind_terms();
        let kind_names: BTreeMap<String, Vec<Words>> = by_kind
            .keys()
            .filter_map(|kind| {
                let names = terms.names.get(kind)?;
                Some((kind.clone(), names.iter().map(Words::from_terms).collect()))
            })
            .collect();
        let mut kind_by_start: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (kind, names) in &kind_names {
            let names: &Vec<Words> = names;
            for word in names.iter().flat_map(|n| &n.words) {
                for s in starts(word) {
                    kind_by_start.entry(s).or_default().insert(kind.clone());
                }
            }
        }
        Scorer {
            refs,
            catalog,
            kind_names,
            kind_by_start,
            by_kind,
            by_start,
        }
    }

    pub fn prepare(&self, block: &Block) -> Prepared {
        let user = UserTerms::new(block, self.catalog);
        // The catalog's words of the reference's kinds that share first letters with the
        // block's words: only those can score above zero, so only those are compared.
        let mut kinds: BTreeSet<&String> = BTreeSet::new();
        for text in &user.texts {
            for word in &text.words {
                for s in starts(word) {
                    kinds.extend(self.kind_by_start.get(&s).into_iter().flatten());
                }
            }
        }
        // The label exactly naming another kind ("Data source") says nothing of the others.
        let named = self.catalog.lookup(&block.label).map(|k| k.id.clone());
        let kind_text = kinds
            .into_iter()
            .filter(|kind| {
                named
                    .as_ref()
                    .is_none_or(|n| n == *kind || n == CUSTOM_KIND)
            })
            .filter_map(|kind| {
                let found = best(&user, self.kind_names.get(kind)?);
                (found.0 > 0.0).then(|| (kind.clone(), found))
            })
            .collect();
        Prepared {
            user,
            label: block.label.clone(),
            kind_text,
        }
    }

    /// The nodes worth scoring against a block: its kinds, the kinds its words name, and
    /// nodes sharing a word's first letters.
    pub fn candidates(&self, block: &Prepared) -> BTreeSet<usize> {
        let mut out = BTreeSet::new();
        let user = &block.user;
        for kind in user.declared.iter().chain(&user.named) {
            out.extend(self.by_kind.get(kind).into_iter().flatten());
            // Related kinds too ("Kafka" may be the interaction log), where the reference is
            // small enough (every real one is) for the extra pairs not to matter.
            if self.refs.len() > RELATED_CANDIDATES_UP_TO {
                continue;
            }
            for group in RELATED.iter().filter(|g| g.contains(&kind.as_str())) {
                for related in *group {
                    out.extend(self.by_kind.get(*related).into_iter().flatten());
                }
            }
        }
        for text in &user.texts {
            for word in &text.words {
                for s in starts(word) {
                    out.extend(self.by_start.get(&s).into_iter().flatten());
                }
            }
        }
        // Kinds whose catalog words the label uses.
        for (kind, found) in &block.kind_text {
            if found.0 * KIND_WORDS >= MATCH_FROM {
                out.extend(self.by_kind.get(kind).into_iter().flatten());
            }
        }
        out
    }

    /// How block `block` answers reference node `r`.
    pub fn affinity(&self, block: &Prepared, r: usize) -> Affinity {
        let node = &self.refs[r];
        let user = &block.user;
        let (own, part, evidence) = best(user, &node.names);
        let mut out = Affinity {
            value: 0.0,
            text: own,
            own,
            part,
            evidence,
        };
        // The catalog's words for the node's kind.
        if let Some(&(s, p, e)) = block.kind_text.get(&node.kind)
            && s * KIND_WORDS > out.text
        {
            {
                out = Affinity {
                    value: 0.0,
                    text: s * KIND_WORDS,
                    own,
                    part: p,
                    evidence: e,
                };
            }
        }
        // A block of the node's own kind whose label opens with one of the node's names
        // ("User opens the events page") names it, however much more it says.
        if user.declared.as_deref() == Some(node.kind.as_str())
            && node
                .names
                .iter()
                .any(|name| opens_with(&user.texts[0], name))
        {
            out.text = out.text.max(OPENS_WITH);
        }
        let t = out.text;
        out.value = if user.has_kind(&node.kind) {
            KIND_BASE + (1.0 - KIND_BASE) * t
        } else {
            match user.main_kind() {
                None => t,
                // A related kind is worth something alone, but its words must say something
                // too (or its arrows agree, see the mapping) before it answers the node.
                Some(kind) if related_kinds(kind, &node.kind) => {
                    if out.own >= RELATED_WORDS_FROM {
                        RELATED_BASE + (1.0 - RELATED_BASE) * RELATED_KIND * out.own
                    } else {
                        RELATED_BASE
                    }
                }
                // A block of an unrelated kind whose words name the node only in a part
                // ("Feature store (user features)" is no User) answers it only as a merge;
                // what its whole label or first part says still counts in full.
                Some(_) if out.part > 1 => {
                    let (head, head_part, head_evidence) = best_of_head(user, &node.names);
                    if OTHER_KIND * head > OTHER_KIND * PART_OF_OTHER_KIND * t {
                        out.part = head_part;
                        out.evidence = head_evidence;
                        out.text = head;
                        OTHER_KIND * head
                    } else {
                        OTHER_KIND * PART_OF_OTHER_KIND * t
                    }
                }
                Some(_) => OTHER_KIND * t,
            }
        };
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sim(a: &str, b: &str) -> f32 {
        name_similarity(&Words::new(a), &Words::new(b)).0
    }

    #[test]
    fn names_agree_on_exact_shared_words_and_typos_but_not_on_unrelated_words() {
        assert_eq!(sim("Nearest neighbor service", "nearest neighbor"), 1.0);
        assert!(sim("Heavy ranker", "Ranking service") >= 0.66);
        assert!(sim("Elasticserch", "Elasticsearch") > 0.85);
        assert!(sim("embeding svc", "Embedding service") > 0.85);
        assert!(sim("rankr", "Ranker") > 0.85);
        assert!(sim("trainng", "Training") > 0.85);
        assert!(sim("modle registy", "Model registry") > 0.7);
        assert!(sim("feat store", "Feature store") > 0.85);
        assert!(sim("Feature store", "Load balancer") < 0.2);
        assert!(sim("Ranking model", "Trained ML model") < 0.4);
    }

    #[test]
    fn labels_split_into_the_parts_they_name() {
        assert_eq!(
            parts("Offline: train encoder, embed every image into the index"),
            ["train encoder", "embed every image into the index"]
        );
        assert_eq!(
            parts("User & affinity features"),
            ["User & affinity features"]
        );
        assert_eq!(
            parts("Retrieve candidates (ANN) + rank"),
            ["Retrieve candidates", "ANN", "rank"]
        );
        assert_eq!(
            parts("feature pipeline / training pipeline"),
            ["feature pipeline", "training pipeline"]
        );
        // A sentence: its subject is what the block is.
        assert_eq!(
            parts("Indexer writes all listing vectors to ANN index, daily"),
            ["Indexer", "all listing vectors to ANN index", "daily"]
        );
        assert_eq!(
            parts("Spark job computes user features"),
            ["Spark job", "user features"]
        );
        // Not a sentence: the verb starts the label, or nothing follows it.
        assert_eq!(parts("Writes to the index"), ["Writes to the index"]);
        assert_eq!(parts("Model serves"), ["Model serves"]);
    }
}
