//! The report in plain words: one line per finding, what matters most first. A line that
//! names a drawn block uses the user's own label.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::{ArrowStatus, EdgeStatus, GradeReport, Role};
use crate::cases::{CaseStudy, Stage};
use crate::model::{BlockId, Board};

mod flows;

/// What a feedback line is about; also its order of importance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FeedbackKind {
    /// Blocks but not a single arrow.
    NoArrows,
    /// The drawing fits another case of the library clearly better.
    OtherSystem,
    /// Nothing of the reference's offline stage is drawn.
    NoOffline,
    /// No path from logged data through training to the model that serves.
    OpenLoop,
    MissingNode,
    /// A block that answers a node but has no arrow, on a board that has arrows.
    Unconnected,
    WrongDirection,
    MissingArrow,
    /// An extra block that is probably meant as a missing node.
    NearMiss,
    /// One block answers several reference nodes.
    Merged,
    /// Several blocks answer one reference node.
    Split,
    ExtraNode,
    ExtraArrow,
    /// Infrastructure the reference does not need: named, costing nothing.
    Infrastructure,
    /// Which of the reference's alternative designs the drawing was graded against.
    Alternative,
    /// A framework step whose notes leave out key concepts.
    MissedConcepts,
    /// A key concept written under another step: it counts, but belongs elsewhere.
    MisplacedConcept,
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

/// "A", "A and B", "A, B and C".
fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn line(
    kind: FeedbackKind,
    text: String,
    blocks: Vec<BlockId>,
    references: Vec<String>,
) -> Feedback {
    Feedback {
        kind,
        text,
        blocks,
        references,
    }
}

#[expect(
    clippy::too_many_lines,
    reason = "one section per kind of line, in the order they are shown"
)]
pub fn lines(
    report: &GradeReport,
    case: &CaseStudy,
    variant: &CaseStudy,
    board: &Board,
) -> Vec<Feedback> {
    let mut out = Vec::new();
    let drawn_label = |reference: &str| -> Option<String> {
        report.block_for(reference).map(|b| quoted(board, b))
    };
    // A node by the user's label when drawn, else by the reference's.
    let name = |reference: &str| -> String {
        drawn_label(reference).unwrap_or_else(|| {
            variant
                .node(reference)
                .map_or_else(|| reference.to_owned(), |n| n.label.clone())
        })
    };

    if board.blocks.len() >= 2 && board.edges.is_empty() {
        out.push(line(
            FeedbackKind::NoArrows,
            "No arrows drawn: the blocks are there, but an interviewer grades how data and requests flow between them. Connect them.".to_owned(),
            Vec::new(),
            Vec::new(),
        ));
    }
    if let Some(other) = &report.resembles {
        out.push(line(
            FeedbackKind::OtherSystem,
            format!(
                "This looks like a different system: your blocks speak of the {} case, not of {}. Reread the prompt: the grade counts only what answers it.",
                other.title, case.title
            ),
            Vec::new(),
            Vec::new(),
        ));
    }
    let matched: BTreeSet<&str> = report
        .matched
        .iter()
        .map(|m| m.reference.as_str())
        .collect();
    let offline: Vec<&crate::cases::CaseNode> = variant
        .nodes
        .iter()
        .filter(|n| n.stage == Stage::Offline && !n.optional)
        .collect();
    if !board.blocks.is_empty()
        && !offline.is_empty()
        && !offline.iter().any(|n| matched.contains(n.id.as_str()))
    {
        let names: Vec<String> = offline.iter().take(4).map(|n| n.label.clone()).collect();
        out.push(line(
            FeedbackKind::NoOffline,
            format!(
                "No offline part: nothing shows how the model is trained or the data is prepared ({}).",
                list(&names)
            ),
            Vec::new(),
            offline.iter().map(|n| n.id.clone()).collect(),
        ));
    } else if let Some(text) = open_loop(report, variant, board) {
        out.push(text);
    }

    // Missing blocks, the best connected first, with the book's reason, and where a drawn
    // flow skips them.
    let mut missing: Vec<_> = report.missing.iter().collect();
    let degree = |id: &str| {
        variant
            .edges
            .iter()
            .filter(|e| !e.optional && (e.from == id || e.to == id))
            .count()
    };
    missing.sort_by_key(|m| std::cmp::Reverse(degree(&m.reference)));
    for node in missing {
        let before = variant
            .edges
            .iter()
            .filter(|e| e.to == node.reference && !e.optional)
            .map(|e| e.from.as_str())
            .find(|id| matched.contains(id));
        let after = variant
            .edges
            .iter()
            .filter(|e| e.from == node.reference && !e.optional)
            .map(|e| e.to.as_str())
            .find(|id| matched.contains(id));
        let skipped = report.edge_results.iter().any(|e| {
            matches!(&e.status, EdgeStatus::Contracted { skipped } if skipped.contains(&node.reference))
        });
        let same_block = match (before, after) {
            (Some(a), Some(b)) => {
                report.block_for(a).is_some() && report.block_for(a) == report.block_for(b)
            }
            _ => false,
        };
        let place = match (before, after) {
            (Some(a), Some(_)) if same_block => format!(", a step inside your {}", name(a)),
            (Some(a), Some(b)) if skipped => {
                format!(": your flow from {} to {} skips it", name(a), name(b))
            }
            (Some(a), Some(b)) => format!(", between {} and {}", name(a), name(b)),
            (Some(a), None) => format!(", after {}", name(a)),
            (None, Some(b)) => format!(", before {}", name(b)),
            (None, None) => String::new(),
        };
        let why = if node.why.is_empty() {
            String::new()
        } else {
            format!(" {}", node.why.trim())
        };
        out.push(line(
            FeedbackKind::MissingNode,
            format!("Missing: {}{place}.{why}", node.label),
            Vec::new(),
            vec![node.reference.clone()],
        ));
    }

    // Blocks that answer a node but stand alone on a board with arrows: they count once
    // their flows are drawn.
    if !board.edges.is_empty() {
        let mut alone: Vec<BlockId> = Vec::new();
        for m in &report.matched {
            let connected = board
                .edges
                .values()
                .any(|e| e.from != e.to && (e.from == m.block || e.to == m.block));
            if !connected && !alone.contains(&m.block) {
                alone.push(m.block);
            }
        }
        for block in alone {
            let answers: Vec<String> = report
                .matched
                .iter()
                .filter(|m| m.block == block)
                .map(|m| m.reference_label.clone())
                .collect();
            let references = report
                .matched
                .iter()
                .filter(|m| m.block == block)
                .map(|m| m.reference.clone())
                .collect();
            out.push(line(
                FeedbackKind::Unconnected,
                format!(
                    "{} stands alone: it would answer {}, and counts once its flows are drawn.",
                    quoted(board, block),
                    list(&answers)
                ),
                vec![block],
                references,
            ));
        }
    }

    flows::lines(report, board, &mut out);

    for near in near_misses(report, variant) {
        out.push(line(
            FeedbackKind::NearMiss,
            format!("Extra {}: did you mean {}?", quoted(board, near.0), near.2),
            vec![near.0],
            vec![near.1],
        ));
    }
    let near_blocks: BTreeSet<BlockId> = near_misses(report, variant).iter().map(|n| n.0).collect();

    // Merges and splits, said plainly: they cost a little, and the user should know why.
    let mut by_block: BTreeMap<BlockId, Vec<&super::MatchedNode>> = BTreeMap::new();
    let mut by_node: BTreeMap<&str, Vec<&super::MatchedNode>> = BTreeMap::new();
    for m in &report.matched {
        by_block.entry(m.block).or_default().push(m);
        by_node.entry(m.reference.as_str()).or_default().push(m);
    }
    for (block, nodes) in &by_block {
        if nodes.len() > 1 && nodes.iter().any(|m| m.role == Role::Merged) {
            let labels: Vec<String> = nodes.iter().map(|m| m.reference_label.clone()).collect();
            out.push(line(
                FeedbackKind::Merged,
                format!(
                    "Your {} covers {}; the reference draws them apart.",
                    quoted(board, *block),
                    list(&labels)
                ),
                vec![*block],
                nodes.iter().map(|m| m.reference.clone()).collect(),
            ));
        }
    }
    for (node, blocks) in &by_node {
        if blocks.len() > 1 && blocks.iter().any(|m| m.role == Role::Split) {
            let labels: Vec<String> = blocks.iter().map(|m| quoted(board, m.block)).collect();
            out.push(line(
                FeedbackKind::Split,
                format!(
                    "Your {} together answer {}.",
                    list(&labels),
                    blocks[0].reference_label
                ),
                blocks.iter().map(|m| m.block).collect(),
                vec![(*node).to_owned()],
            ));
        }
    }

    for block in report
        .extra
        .iter()
        .filter(|b| !near_blocks.contains(&b.block))
    {
        out.push(line(
            FeedbackKind::ExtraNode,
            format!(
                "Extra: {} answers nothing in this design; drop it or say why it is needed.",
                quoted(board, block.block)
            ),
            vec![block.block],
            Vec::new(),
        ));
    }
    let matched_blocks: BTreeSet<BlockId> = report.matched.iter().map(|m| m.block).collect();
    for arrow in report
        .arrows
        .iter()
        .filter(|a| a.status == ArrowStatus::Extra)
    {
        if matched_blocks.contains(&arrow.from) && matched_blocks.contains(&arrow.to) {
            out.push(line(
                FeedbackKind::ExtraArrow,
                format!(
                    "Extra arrow: {} -> {} carries no flow of this design.",
                    quoted(board, arrow.from),
                    quoted(board, arrow.to)
                ),
                vec![arrow.from, arrow.to],
                Vec::new(),
            ));
        }
    }
    for block in &report.data {
        out.push(line(
            FeedbackKind::Infrastructure,
            format!(
                "{} is the data of a flow (\"{}\"), drawn as a block: it counts as that flow and costs nothing.",
                quoted(board, block.block),
                block.flow
            ),
            vec![block.block],
            Vec::new(),
        ));
    }
    let free: Vec<&super::ExtraBlock> = report
        .infrastructure
        .iter()
        .filter(|b| !near_blocks.contains(&b.block))
        .collect();
    if !free.is_empty() {
        let labels: Vec<String> = free.iter().map(|b| quoted(board, b.block)).collect();
        let text = if report.infrastructure.len() <= report.free_infrastructure {
            format!(
                "Infrastructure beyond the reference costs nothing: {}.",
                list(&labels)
            )
        } else {
            let over = report.infrastructure.len() - report.free_infrastructure;
            format!(
                "Infrastructure beyond the reference: {}. Up to {} such blocks are free on a board this size; {}.",
                list(&labels),
                report.free_infrastructure,
                if over == 1 {
                    "one more counts as an extra".to_owned()
                } else {
                    format!("{over} more count as extras")
                }
            )
        };
        out.push(line(
            FeedbackKind::Infrastructure,
            text,
            free.iter().map(|b| b.block).collect(),
            Vec::new(),
        ));
    }
    if !report.alternative.is_empty() {
        let others: Vec<String> = case
            .alternatives
            .iter()
            .flat_map(|a| &a.options)
            .filter(|o| !report.alternative.contains(&o.label))
            .map(|o| o.label.clone())
            .collect();
        out.push(line(
            FeedbackKind::Alternative,
            format!(
                "Graded as the design {}, which fits your drawing best; the book also discusses {}.",
                list(&report.alternative.iter().map(|a| format!("\"{a}\"")).collect::<Vec<_>>()),
                list(&others.iter().map(|a| format!("\"{a}\"")).collect::<Vec<_>>())
            ),
            Vec::new(),
            Vec::new(),
        ));
    }
    for step in &report.concepts {
        if !step.missed.is_empty() {
            out.push(line(
                FeedbackKind::MissedConcepts,
                format!(
                    "{} notes do not mention: {}.",
                    step.step,
                    step.missed.join(", ")
                ),
                Vec::new(),
                Vec::new(),
            ));
        }
        for (concept, written) in &step.elsewhere {
            out.push(line(
                FeedbackKind::MisplacedConcept,
                format!(
                    "\"{concept}\" counts, but belongs under {} rather than {written}.",
                    step.step
                ),
                Vec::new(),
                Vec::new(),
            ));
        }
    }
    // Stable: within a kind, the order above (importance, then reference order) stays.
    out.sort_by_key(|f| f.kind);
    out
}

/// Extra blocks that are probably meant as a missing node: (block, node id, node label).
fn near_misses(report: &GradeReport, variant: &CaseStudy) -> Vec<(BlockId, String, String)> {
    let missing: BTreeSet<&str> = report
        .missing
        .iter()
        .map(|m| m.reference.as_str())
        .collect();
    report
        .near
        .iter()
        .filter(|(_, reference)| missing.contains(reference.as_str()))
        .filter_map(|(block, reference)| {
            let node = variant.node(reference)?;
            Some((*block, node.id.clone(), node.label.clone()))
        })
        .collect()
}

/// The line for an open training loop: the reference trains its model from logged data and
/// serves it online, and the drawing has no such path.
fn open_loop(report: &GradeReport, variant: &CaseStudy, board: &Board) -> Option<Feedback> {
    let training: Vec<&crate::cases::CaseNode> = variant
        .nodes
        .iter()
        .filter(|n| n.kind == "training_pipeline" && !n.optional)
        .collect();
    let training = training.first()?;
    // Reference reachability.
    let reach = |from: &str, forward: bool| -> BTreeSet<String> {
        let mut seen = BTreeSet::from([from.to_owned()]);
        let mut stack = vec![from.to_owned()];
        while let Some(at) = stack.pop() {
            for e in &variant.edges {
                let (a, b) = if forward {
                    (&e.from, &e.to)
                } else {
                    (&e.to, &e.from)
                };
                if *a == at && seen.insert(b.clone()) {
                    stack.push(b.clone());
                }
            }
        }
        seen.remove(from);
        seen
    };
    let sources: BTreeSet<String> = reach(&training.id, false)
        .into_iter()
        .filter(|id| variant.node(id).is_some_and(|n| !n.optional))
        .collect();
    let serving: BTreeSet<String> = reach(&training.id, true)
        .into_iter()
        .filter(|id| {
            variant
                .node(id)
                .is_some_and(|n| n.stage == Stage::Online && !n.optional)
        })
        .collect();
    if sources.is_empty() || serving.is_empty() {
        return None;
    }
    let Some(train_block) = report.block_for(&training.id) else {
        if report
            .matched
            .iter()
            .any(|m| serving.contains(&m.reference))
        {
            return Some(line(
                FeedbackKind::OpenLoop,
                format!(
                    "The training loop is missing: nothing produces the model your online path serves ({}).",
                    training.label
                ),
                Vec::new(),
                vec![training.id.clone()],
            ));
        }
        return None;
    };
    // Drawn reachability, any blocks in between.
    let drawn_reach = |from: BlockId, forward: bool| -> BTreeSet<BlockId> {
        let mut seen = BTreeSet::from([from]);
        let mut stack = vec![from];
        while let Some(at) = stack.pop() {
            for e in board.edges.values() {
                let (a, b) = if forward {
                    (e.from, e.to)
                } else {
                    (e.to, e.from)
                };
                // A line of unknown direction joins its ends both ways.
                let other = if a == at {
                    Some(b)
                } else if e.undirected && b == at {
                    Some(a)
                } else {
                    None
                };
                if let Some(b) = other
                    && seen.insert(b)
                {
                    stack.push(b);
                }
            }
        }
        seen
    };
    let blocks_of = |ids: &BTreeSet<String>| -> BTreeSet<BlockId> {
        report
            .matched
            .iter()
            .filter(|m| ids.contains(&m.reference))
            .map(|m| m.block)
            .collect()
    };
    let upstream = drawn_reach(train_block, false);
    let downstream = drawn_reach(train_block, true);
    let fed = blocks_of(&sources).iter().any(|b| upstream.contains(b));
    let serves = blocks_of(&serving).iter().any(|b| downstream.contains(b));
    if fed && serves {
        return None;
    }
    let what = match (fed, serves) {
        (false, false) => "nothing feeds it data and its model reaches nothing that serves",
        (false, true) => "no logged or stored data flows into it",
        _ => "its model never reaches the online path",
    };
    Some(line(
        FeedbackKind::OpenLoop,
        format!(
            "The training loop is not closed: {what} ({}).",
            quoted(board, train_block)
        ),
        vec![train_block],
        vec![training.id.clone()],
    ))
}
