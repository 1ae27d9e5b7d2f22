//! Words of names, weighed and compared: a typo-tolerant, weighted Dice similarity, and the
//! parts a label names.

use std::collections::BTreeSet;

use crate::text::{Terms, canonical, normalize};

/// Weight of words that say little about what a component is ("model", "data").
const WEAK: f32 = 0.4;
/// Words that appear in the names of many kinds of component.
const WEAK_WORDS: &[&str] = &[
    "model",
    "data",
    "ml",
    "pipelin",
    "job",
    "engin",
    "onlin",
    "offlin",
    "process",
    "platform",
    "api",
    "backend",
    "request",
    "result",
    "output",
    "input",
    "new",
    "final",
    "base",
    "store",
    "storag",
    "generat",
    "generation",
    "stag",
    "step",
    "real",
    "time",
    "top",
    "k",
    "pretrain",
];

/// Words of a name with their weights, for a weighted, typo-tolerant Dice comparison.
#[derive(Clone, Debug, Default)]
pub struct Words {
    pub joined: String,
    pub words: Vec<String>,
    weights: Vec<f32>,
    total: f32,
}

impl Words {
    pub fn new(text: &str) -> Words {
        Words::from_terms(&canonical(text))
    }

    pub(super) fn from_terms(terms: &Terms) -> Words {
        let words: Vec<String> = terms
            .joined
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect();
        let mut seen = BTreeSet::new();
        let words: Vec<String> = words
            .into_iter()
            .filter(|w| seen.insert(w.clone()))
            .collect();
        let weights: Vec<f32> = words.iter().map(|w| word_weight(w)).collect();
        let total = weights.iter().sum();
        Words {
            joined: terms.joined.clone(),
            words,
            weights,
            total,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

fn word_weight(word: &str) -> f32 {
    if WEAK_WORDS.contains(&word) || word.chars().all(|c| c.is_ascii_digit()) && word.len() < 2 {
        WEAK
    } else {
        1.0
    }
}

/// How alike two words are: 1 when equal, 0.9 for a typo or a short form that starts the
/// other word ("feat" for "feature", "rankr" for "ranker"), else 0.
pub fn word_similarity(a: &str, b: &str) -> f32 {
    if a == b {
        return 1.0;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() < 3 || !short.is_ascii() || !long.is_ascii() {
        return 0.0;
    }
    // A typo keeps the first letter, nearly always.
    if short.as_bytes()[0] != long.as_bytes()[0] {
        return 0.0;
    }
    if short.len() >= 4 && long.starts_with(short) {
        return 0.9;
    }
    let limit = match short.len() {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    };
    if limit > 0 && long.len() - short.len() <= limit && strsim::osa_distance(short, long) <= limit
    {
        0.9
    } else if short.len() < long.len() && dropped_vowels(short, long) {
        0.85
    } else {
        0.0
    }
}

/// Whether `short` is `long` written without (some of) its vowels, as notes are: "usr",
/// "lbl", "txt", "trnng", "reprt". Short words must drop every vowel ("post" is no "paste").
fn dropped_vowels(short: &str, long: &str) -> bool {
    let bare = skeleton(short);
    let kept_vowels = bare.len() < short.len();
    bare.len() >= 3 && (!kept_vowels || short.len() >= 5) && bare == skeleton(long)
}

/// A word's first letter and the consonants after it: "label" -> "lbl".
pub fn skeleton(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .into_iter()
        .chain(chars.filter(|c| !matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')))
        .collect()
}

/// Weighted Dice similarity of two names, 0..=1, with each word of `a` paired to its most
/// alike unpaired word of `b`; and the indexes of the words of `a` that found a partner.
pub fn name_similarity(a: &Words, b: &Words) -> (f32, u64) {
    if a.is_empty() || b.is_empty() {
        return (0.0, 0);
    }
    if a.joined == b.joined {
        return (1.0, (1_u64 << a.words.len().min(63)) - 1);
    }
    let mut used = vec![false; b.words.len()];
    let mut shared = 0.0;
    let mut evidence = 0_u64;
    for (i, word) in a.words.iter().enumerate() {
        let mut best = (0.0_f32, usize::MAX);
        for (j, other) in b.words.iter().enumerate() {
            if used[j] {
                continue;
            }
            let s = word_similarity(word, other);
            if s > best.0 {
                best = (s, j);
            }
        }
        if best.1 != usize::MAX {
            used[best.1] = true;
            shared += best.0 * a.weights[i].min(b.weights[best.1]);
            if i < 64 {
                evidence |= 1 << i;
            }
        }
    }
    ((2.0 * shared / (a.total + b.total)).min(1.0), evidence)
}

/// Verbs that, between two phrases, make a label a sentence: "Indexer writes all listing
/// vectors to the ANN index" is the indexer, and what it writes where. Only verbs that are
/// rarely plural nouns in a diagram ("logs", "feeds", "stores", "scores", "reports", "filters",
/// "labels", "uploads", "updates" are left out).
const SENTENCE_VERBS: &[&str] = &[
    "writes",
    "reads",
    "sends",
    "pushes",
    "pulls",
    "saves",
    "serves",
    "fetches",
    "computes",
    "generates",
    "produces",
    "consumes",
    "publishes",
    "emits",
    "embeds",
    "trains",
    "merges",
    "collects",
    "keeps",
    "finds",
    "turns",
    "expands",
    "normalizes",
    "normalises",
    "deploys",
    "detects",
    "blurs",
    "removes",
    "applies",
    "retrieves",
    "predicts",
    "classifies",
    "aggregates",
    "joins",
    "builds",
    "encodes",
    "extracts",
    "combines",
    "fuses",
    "blends",
    "converts",
    "runs",
    "looks",
    "fits",
    "holds",
    "checks",
    "routes",
    "selects",
];

/// A piece of a label split after its subject when it reads as a sentence: a subject of one
/// to four words, one of [`SENTENCE_VERBS`], and something after it.
fn sentence(piece: &str) -> Vec<&str> {
    let mut at = 0;
    for (i, word) in piece.split(' ').enumerate().take(6) {
        let after = at + word.len();
        if (1..=4).contains(&i)
            && SENTENCE_VERBS.contains(&word.to_lowercase().as_str())
            && !piece[after..].trim().is_empty()
            && !piece[..at].trim().is_empty()
        {
            return vec![&piece[..at], &piece[after..]];
        }
        at = after + 1;
    }
    vec![piece]
}

/// The parts a label names: split at commas, semicolons, "+", arrows, "then", and at "&",
/// "/" or "and" between phrases of two words or more; a leading "Offline:" and the like is
/// dropped, and a parenthesis is a part of its own.
pub fn parts(label: &str) -> Vec<String> {
    let mut text = label.replace(['(', ')', '[', ']', '{', '}'], " ; ");
    for arrow in [
        "->", "=>", "→", "\n", " then ", " + ", "+", "|", ";", ",", ":",
    ] {
        text = text.replace(arrow, " ; ");
    }
    let mut out = Vec::new();
    for piece in text.split(" ; ").map(str::trim).flat_map(sentence) {
        let piece = piece.trim();
        if piece.is_empty() {
            continue;
        }
        // "A & B" splits only when both sides are phrases: "User & affinity features" is one.
        let soft: Vec<&str> = piece
            .split(['&', '/'])
            .flat_map(|p| p.split(" and "))
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        if soft.len() > 1 && soft.iter().all(|p| normalize(p).split(' ').count() >= 2) {
            out.extend(soft.into_iter().map(str::to_owned));
        } else {
            out.push(piece.to_owned());
        }
    }
    out.retain(|p| {
        !matches!(
            normalize(p).as_str(),
            "online"
                | "offline"
                | "serving"
                | "training path"
                | "online path"
                | "offline path"
                | "batch"
                | "realtime"
                | "real time"
        )
    });
    out
}
