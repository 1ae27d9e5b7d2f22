//! Arrow credit: direct, reversed, or indirect through extra blocks; and the arrows left over.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use serde::Serialize;

use super::{EdgeResult, ExtraArrow, GradeConfig, Ratio, ratio};
use crate::cases::CaseStudy;
use crate::model::{BlockId, Board};

/// How a reference arrow is answered by the drawing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum EdgeStatus {
    /// The same arrow, same direction.
    Direct,
    /// An arrow between the same blocks, pointing the other way.
    Reversed,
    /// A chain of arrows through blocks that match nothing in the reference.
    Indirect {
        via: Vec<BlockId>,
    },
    Missing,
}

/// Longest chain of extra blocks an indirect flow may pass through.
const MAX_VIA: usize = 3;

pub struct EdgeCheck {
    pub results: Vec<EdgeResult>,
    pub extra: Vec<ExtraArrow>,
    pub ratio: Ratio,
}

pub fn check(
    board: &Board,
    case: &CaseStudy,
    block_of_ref: &BTreeMap<&str, BlockId>,
    weight_of_ref: &BTreeMap<&str, f32>,
    config: &GradeConfig,
) -> EdgeCheck {
    let drawn: BTreeSet<(BlockId, BlockId)> =
        board.edges.values().map(|e| (e.from, e.to)).collect();
    let reference: BTreeSet<(&str, &str)> = case
        .edges
        .iter()
        .map(|e| (e.from.as_str(), e.to.as_str()))
        .collect();
    let matched: BTreeSet<BlockId> = block_of_ref.values().copied().collect();
    let mut explained: BTreeSet<(BlockId, BlockId)> = BTreeSet::new();
    let mut results = Vec::new();
    let (mut required, mut recall_credit, mut found_credit) = (0.0_f32, 0.0_f32, 0.0_f32);
    let label = |id: &str| {
        case.node(id)
            .map_or_else(|| id.to_owned(), |n| n.label.clone())
    };
    for edge in &case.edges {
        let optional = edge.optional
            || case.node(&edge.from).is_some_and(|n| n.optional)
            || case.node(&edge.to).is_some_and(|n| n.optional);
        let status = match (
            block_of_ref.get(edge.from.as_str()),
            block_of_ref.get(edge.to.as_str()),
        ) {
            (Some(&a), Some(&b)) => {
                if drawn.contains(&(a, b)) {
                    explained.insert((a, b));
                    EdgeStatus::Direct
                } else if drawn.contains(&(b, a))
                    // When the reference has both directions, the drawn arrow answers the
                    // other one and this one is simply not drawn.
                    && !reference.contains(&(edge.to.as_str(), edge.from.as_str()))
                {
                    explained.insert((b, a));
                    EdgeStatus::Reversed
                } else if let Some(path) = path_through_extras(board, a, b, &matched) {
                    for w in path.windows(2) {
                        explained.insert((w[0], w[1]));
                    }
                    EdgeStatus::Indirect {
                        via: path[1..path.len() - 1].to_vec(),
                    }
                } else {
                    EdgeStatus::Missing
                }
            }
            _ => EdgeStatus::Missing,
        };
        let credit = match status {
            EdgeStatus::Direct => 1.0,
            EdgeStatus::Reversed => config.reversed_credit,
            EdgeStatus::Indirect { .. } => config.indirect_credit,
            EdgeStatus::Missing => 0.0,
        };
        // An arrow counts as much as its ends do on average.
        let ends = [edge.from.as_str(), edge.to.as_str()]
            .map(|id| weight_of_ref.get(id).copied().unwrap_or(1.0));
        let weight = (ends[0] + ends[1]) * 0.5;
        if !optional {
            required += weight;
            recall_credit += weight * credit;
        }
        found_credit += credit;
        results.push(EdgeResult {
            from: edge.from.clone(),
            to: edge.to.clone(),
            from_label: label(&edge.from),
            to_label: label(&edge.to),
            label: edge.label.clone(),
            optional,
            status,
        });
    }
    let block_label = |id: BlockId| {
        board
            .block(id)
            .map_or_else(String::new, |b| b.label.clone())
    };
    let extra = board
        .edges
        .values()
        .filter(|e| !explained.contains(&(e.from, e.to)))
        .map(|e| ExtraArrow {
            from: e.from,
            to: e.to,
            from_label: block_label(e.from),
            to_label: block_label(e.to),
        })
        .collect();
    let ratio = Ratio {
        recall: ratio(recall_credit, required),
        precision: ratio(found_credit, drawn.len() as f32),
    };
    EdgeCheck {
        results,
        extra,
        ratio,
    }
}

/// The shortest directed path `from` -> ... -> `to` whose inner blocks all match nothing.
fn path_through_extras(
    board: &Board,
    from: BlockId,
    to: BlockId,
    matched: &BTreeSet<BlockId>,
) -> Option<Vec<BlockId>> {
    let mut next: BTreeMap<BlockId, Vec<BlockId>> = BTreeMap::new();
    for e in board.edges.values() {
        next.entry(e.from).or_default().push(e.to);
    }
    let mut came_from: BTreeMap<BlockId, BlockId> = BTreeMap::new();
    let mut queue = VecDeque::from([(from, 0_usize)]);
    while let Some((at, depth)) = queue.pop_front() {
        for &n in next.get(&at).map_or(&[][..], Vec::as_slice) {
            if n == to && at != from {
                let mut path = vec![to, at];
                let mut cur = at;
                while let Some(&p) = came_from.get(&cur) {
                    path.push(p);
                    cur = p;
                }
                path.reverse();
                return Some(path);
            }
            let inner = n != from && !matched.contains(&n) && !came_from.contains_key(&n);
            if inner && depth < MAX_VIA {
                came_from.insert(n, at);
                queue.push_back((n, depth + 1));
            }
        }
    }
    None
}
