//! Which case a drawing is about, by its words: two designs of the same shape (retrieve,
//! rank, re-rank over a feature store) differ in what they rank, and only the words say so.
//!
//! Each case's vocabulary is the canonical words of its prompt, requirements and reference
//! names. A word counts by how few cases use it (inverse document frequency over the
//! library), so "ranking" says nothing and "ad" or "post" says much. A drawing's fit to a
//! case is the weight of its words found in that vocabulary.

use std::collections::BTreeSet;

use crate::cases::{CaseLibrary, CaseStudy};
use crate::model::Board;
use crate::text::canonical;

/// The words of a case a drawing could share with it (computed once per study).
pub fn vocabulary(case: &CaseStudy) -> &BTreeSet<String> {
    case.vocabulary.get_or_init(|| {
        let mut out = BTreeSet::new();
        let mut add = |text: &str| out.extend(canonical(text).words);
        add(&case.title);
        add(&case.prompt);
        for r in &case.requirements {
            add(r);
        }
        for node in &case.nodes {
            add(&node.label);
            for alias in &node.aliases {
                add(alias);
            }
        }
        for edge in &case.edges {
            add(&edge.label);
        }
        out
    })
}

/// The words of a drawing: its title and block labels.
pub fn board_words(board: &Board) -> BTreeSet<String> {
    let mut out: BTreeSet<String> = canonical(&board.title).words;
    for block in board.blocks.values() {
        out.extend(canonical(&block.label).words);
    }
    out
}

/// Fit of a drawing to each of `cases`, in order.
pub fn fits(words: &BTreeSet<String>, cases: &[&CaseStudy]) -> Vec<f32> {
    let vocabularies: Vec<&BTreeSet<String>> = cases.iter().map(|c| vocabulary(c)).collect();
    let n = vocabularies.len() as f32;
    let weights: Vec<f32> = words
        .iter()
        .map(|w| {
            let df = vocabularies.iter().filter(|v| v.contains(w)).count() as f32;
            if df == 0.0 { 0.0 } else { (n / df).ln() }
        })
        .collect();
    vocabularies
        .iter()
        .map(|v| {
            words
                .iter()
                .zip(&weights)
                .filter(|(w, _)| v.contains(*w))
                .map(|(_, x)| *x)
                .sum()
        })
        .collect()
}

/// Below this share of the best fit, a drawing is about another case: its grade shrinks.
pub const OWN_SHARE_FULL: f32 = 0.8;
/// How steeply the grade shrinks below that share.
const SHRINK_POWER: f32 = 1.5;
/// The best other fit must beat the case's own by this much (in summed word weights)
/// before a drawing is said to be about it: a few shared words prove nothing.
const MARGIN: f32 = 5.0;

/// What the words of a drawing say about its topic.
#[derive(Clone, Debug, PartialEq)]
pub struct Topic {
    /// The case's share of the best fit, 0..=1 (1 when the case fits best).
    pub share: f32,
    /// The case that fits best, when it is another one by a clear margin.
    pub other: Option<String>,
}

impl Topic {
    /// The factor the grade is multiplied by: 1 for a drawing about its case, less the more
    /// clearly it is about another.
    pub fn factor(&self) -> f32 {
        if self.other.is_none() {
            1.0
        } else {
            (self.share / OWN_SHARE_FULL).min(1.0).powf(SHRINK_POWER)
        }
    }
}

/// The topic of `board` graded as case `own` among the library's cases.
pub fn topic(board: &Board, own: &CaseStudy, library: &CaseLibrary) -> Topic {
    let mut cases: Vec<&CaseStudy> = vec![own];
    cases.extend(
        library
            .cases
            .iter()
            .map(|(c, _)| c)
            .filter(|c| c.id != own.id),
    );
    let fits = fits(&board_words(board), &cases);
    let mine = fits[0];
    let best = fits
        .iter()
        .enumerate()
        .skip(1)
        .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(&a.0)));
    match best {
        Some((i, &fit)) if fit > 0.0 && fit >= mine + MARGIN => {
            let share = mine / fit;
            Topic {
                share,
                other: (share < OWN_SHARE_FULL).then(|| cases[i].id.clone()),
            }
        }
        _ => Topic {
            share: 1.0,
            other: None,
        },
    }
}
