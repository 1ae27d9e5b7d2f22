//! The report in plain words: one line per finding, most important first.

use std::collections::BTreeSet;

use serde::Serialize;

use super::{EdgeStatus, GradeReport};
use crate::cases::CaseStudy;
use crate::catalog::Catalog;
use crate::model::{BlockId, Board};

/// What a feedback line is about; also its order of importance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FeedbackKind {
    MissingNode,
    WrongDirection,
    MissingArrow,
    Indirect,
    ExtraNode,
    ExtraArrow,
    /// A framework step whose notes leave out key concepts.
    MissedConcepts,
}

/// One line of feedback, with the blocks and reference nodes it names (for highlighting).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Feedback {
    pub kind: FeedbackKind,
    pub text: String,
    pub blocks: Vec<BlockId>,
    pub references: Vec<String>,
}

fn quoted(board: &Board, id: BlockId) -> String {
    board.block(id).map_or_else(
        || format!("block {id}"),
        |b| format!("\"{}\"", b.label.trim()),
    )
}

pub fn lines(
    report: &GradeReport,
    case: &CaseStudy,
    catalog: &Catalog,
    board: &Board,
) -> Vec<Feedback> {
    let mut out = Vec::new();
    let present: BTreeSet<&str> = report
        .matched
        .iter()
        .map(|m| m.reference.as_str())
        .collect();

    // Missing blocks, the best connected first, placed by their reference neighbours.
    let mut missing: Vec<_> = report.missing.iter().collect();
    let degree = |id: &str| {
        case.edges
            .iter()
            .filter(|e| !e.optional && (e.from == id || e.to == id))
            .count()
    };
    missing.sort_by_key(|m| std::cmp::Reverse(degree(&m.reference)));
    for node in missing {
        let neighbour = |incoming: bool| {
            let mut candidates: Vec<&str> = case
                .edges
                .iter()
                .filter(|e| {
                    if incoming {
                        e.to == node.reference
                    } else {
                        e.from == node.reference
                    }
                })
                .map(|e| {
                    if incoming {
                        e.from.as_str()
                    } else {
                        e.to.as_str()
                    }
                })
                // An optional neighbour the user did not draw would only confuse.
                .filter(|id| present.contains(id) || case.node(id).is_some_and(|n| !n.optional))
                .collect();
            // Prefer a neighbour the user drew, so the place is easy to find.
            candidates.sort_by_key(|id| !present.contains(id));
            candidates
                .first()
                .and_then(|id| case.node(id))
                .map(|n| n.label.clone())
        };
        let place = match (neighbour(true), neighbour(false)) {
            (Some(before), Some(after)) if before == after => format!(", next to {before}"),
            (Some(before), Some(after)) => format!(", between {before} and {after}"),
            (Some(before), None) => format!(", after {before}"),
            (None, Some(after)) => format!(", before {after}"),
            (None, None) => String::new(),
        };
        let kind = catalog
            .kind(&node.kind)
            .map_or_else(String::new, |k| format!(" ({})", k.name.to_lowercase()));
        out.push(Feedback {
            kind: FeedbackKind::MissingNode,
            text: format!("Missing: {}{kind}{place}.", node.label),
            blocks: Vec::new(),
            references: vec![node.reference.clone()],
        });
    }

    for edge in &report.edge_results {
        let (Some(a), Some(b)) = (report.block_for(&edge.from), report.block_for(&edge.to)) else {
            continue;
        };
        let what = if edge.label.is_empty() {
            String::new()
        } else {
            format!(" ({})", edge.label)
        };
        let refs = vec![edge.from.clone(), edge.to.clone()];
        let (kind, text, blocks) = match &edge.status {
            EdgeStatus::Reversed => (
                FeedbackKind::WrongDirection,
                format!(
                    "The arrow between {} and {} points the wrong way: data flows from {} to {}{what}.",
                    quoted(board, a),
                    quoted(board, b),
                    quoted(board, a),
                    quoted(board, b)
                ),
                vec![a, b],
            ),
            EdgeStatus::Missing if !edge.optional => (
                FeedbackKind::MissingArrow,
                format!(
                    "Missing arrow: {} -> {}{what}.",
                    quoted(board, a),
                    quoted(board, b)
                ),
                vec![a, b],
            ),
            EdgeStatus::Direct | EdgeStatus::Missing => continue,
            EdgeStatus::Indirect { via } => {
                let through: Vec<String> = via.iter().map(|id| quoted(board, *id)).collect();
                let mut blocks = vec![a, b];
                blocks.extend(via);
                (
                    FeedbackKind::Indirect,
                    format!(
                        "{} reaches {} only through {}; the reference connects them directly.",
                        quoted(board, a),
                        quoted(board, b),
                        through.join(", ")
                    ),
                    blocks,
                )
            }
        };
        out.push(Feedback {
            kind,
            text,
            blocks,
            references: refs,
        });
    }

    for block in &report.extra {
        out.push(Feedback {
            kind: FeedbackKind::ExtraNode,
            text: format!(
                "Extra: {} (not in the reference; fine if you can justify it).",
                quoted(board, block.block)
            ),
            blocks: vec![block.block],
            references: Vec::new(),
        });
    }
    let matched_blocks: BTreeSet<BlockId> = report.matched.iter().map(|m| m.block).collect();
    for arrow in &report.extra_edges {
        if matched_blocks.contains(&arrow.from) && matched_blocks.contains(&arrow.to) {
            out.push(Feedback {
                kind: FeedbackKind::ExtraArrow,
                text: format!(
                    "Extra arrow: {} -> {} (not in the reference).",
                    quoted(board, arrow.from),
                    quoted(board, arrow.to)
                ),
                blocks: vec![arrow.from, arrow.to],
                references: Vec::new(),
            });
        }
    }
    for step in &report.concepts {
        if !step.missed.is_empty() {
            out.push(Feedback {
                kind: FeedbackKind::MissedConcepts,
                text: format!(
                    "{} notes do not mention: {}.",
                    step.step,
                    step.missed.join(", ")
                ),
                blocks: Vec::new(),
                references: Vec::new(),
            });
        }
    }
    // Stable: within a kind, the order above (importance, then reference order) stays.
    out.sort_by_key(|f| f.kind);
    out
}
