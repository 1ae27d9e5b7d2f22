//! Flows past undrawn nodes: which pairs of matched reference nodes the reference joins only
//! through nodes nobody drew, and by which of its arrows.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use super::mapping::Mapping;
use crate::cases::CaseStudy;

/// For every pair of matched nodes that the reference joins only through nodes nobody drew
/// (at least one), the reference arrows of the shortest such flow.
pub(super) fn contracted_paths(
    case: &CaseStudy,
    mapping: &Mapping,
    ref_out: &[Vec<usize>],
    end: &dyn Fn(usize) -> Option<usize>,
) -> BTreeMap<(usize, usize), Vec<usize>> {
    let mut out = BTreeMap::new();
    for x in (0..case.nodes.len()).filter(|&r| mapping.is_matched(r)) {
        let gap = ref_out[x]
            .iter()
            .any(|&e| end(e).is_some_and(|n| !mapping.is_matched(n) && !case.nodes[n].optional));
        if !gap {
            continue;
        }
        let mut queue = VecDeque::from([(x, Vec::<usize>::new())]);
        let mut seen = BTreeSet::from([x]);
        while let Some((at, path)) = queue.pop_front() {
            if path.len() > 4 {
                continue;
            }
            for &e in &ref_out[at] {
                let Some(next) = end(e) else { continue };
                let mut longer = path.clone();
                longer.push(e);
                if mapping.is_matched(next) {
                    if longer.len() >= 2 && next != x {
                        out.entry((x, next)).or_insert(longer);
                    }
                } else if !case.nodes[next].optional && seen.insert(next) {
                    queue.push_back((next, longer));
                }
            }
        }
    }
    out
}
