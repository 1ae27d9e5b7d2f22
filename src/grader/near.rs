//! Near misses: an extra block guessed as a missing node, for the "did you mean" line.

use std::collections::BTreeSet;

use super::mapping::Mapping;
use super::similarity::{self, Prepared, Scorer};
use crate::cases::CaseStudy;

/// A near miss needs the node's own names at least this close to the block's words when
/// their kinds are related ("Event logs (Kafka)" for the user-video interactions) ...
const NEAR_WORDS: f32 = 0.35;
/// ... and this close when they are not.
const NEAR_WORDS_ALONE: f32 = 0.5;

pub(super) fn near_misses(
    scorer: &Scorer<'_>,
    prepared: &[Prepared],
    mapping: &Mapping,
    variant: &CaseStudy,
    (user_adj, ref_adj): (&[BTreeSet<usize>], &[BTreeSet<usize>]),
) -> Vec<Option<usize>> {
    let missing: Vec<usize> = (0..variant.nodes.len())
        .filter(|&r| !variant.nodes[r].optional && !mapping.is_matched(r))
        .collect();
    let mut taken = BTreeSet::new();
    (0..prepared.len())
        .map(|u| {
            if !mapping.of_user[u].is_empty() || missing.is_empty() {
                return None;
            }
            let kind = prepared[u].user.main_kind();
            let mut best: Option<(f32, usize)> = None;
            for &r in &missing {
                let a = scorer.affinity(&prepared[u], r);
                let related =
                    kind.is_some_and(|k| similarity::related_kinds(k, &variant.nodes[r].kind));
                // Drawn where the node would be: wired to blocks answering two of its
                // neighbours ("Redis" between the indexer and the ANN search).
                let wired = user_adj[u]
                    .iter()
                    .filter(|&&v| mapping.nodes_of(v).any(|x| ref_adj[r].contains(&x)))
                    .count();
                let value = a.text + if related { 0.3 } else { 0.0 } + 0.1 * wired.min(3) as f32;
                // The words must say something too, or the block stand where the node
                // would: a related kind alone ("Redis" beside a missing video database) is
                // no near miss.
                let words = if related {
                    NEAR_WORDS
                } else {
                    NEAR_WORDS_ALONE
                };
                // Or stand where it would, both of them steps of ML or data processing
                // ("Nightly embedding job" between the image store and the ANN search, for
                // the indexer): the position says what the block is for. Infrastructure
                // (an API in front of a missing step) says nothing.
                let step = |k: &str| !super::mapping::is_data(k) && !super::kinds::is_neutral(k);
                let processes = kind.is_some_and(step) && step(&variant.nodes[r].kind);
                let placed = (related || processes) && wired >= 2;
                // Words in what the block is (its whole label or first part), not in what
                // describes it ("Dashboards: CTR, …" is no CTR model).
                let named = a.own >= words && a.part <= 1;
                if (named || placed) && best.is_none_or(|(v, _)| value > v) {
                    best = Some((value, r));
                }
            }
            let (_, r) = best?;
            taken.insert(r).then_some(r)
        })
        .collect()
}
