//! Grading: score a drawn board against a case's reference graph and explain every point.
//!
//! `grade` is a pure function: same board, case and catalog give the same report, and it
//! never fails. The weights are documented in `docs/grading.md`.

pub mod concepts;
mod edges;
mod feedback;
mod matching;
pub mod placement;
pub mod similarity;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::cases::CaseStudy;
use crate::catalog::Catalog;
use crate::model::{BlockId, Board};
use similarity::{Prepared, Scorer, UserTerms};

pub use edges::EdgeStatus;
pub use feedback::{Feedback, FeedbackKind};

/// The knobs of the grader. `Default` is what the app and the command line use.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GradeConfig {
    /// Pairs less similar than this never match.
    pub threshold: f32,
    /// Share of the score that comes from blocks (the rest comes from arrows).
    pub node_weight: f32,
    /// F-measure beta: 2 weighs recall four times as much as precision.
    pub beta: f32,
    /// Credit for an arrow drawn the wrong way round.
    pub reversed_credit: f32,
    /// Credit for a flow drawn through extra blocks instead of directly.
    pub indirect_credit: f32,
    /// Weight of a generic component (see [`GENERIC_KINDS`]) in recall.
    pub generic_weight: f32,
    /// Share of the score that comes from the framework notes, when there are notes.
    pub concept_weight: f32,
}

/// Kinds found in nearly every ML system design.
pub const GENERIC_KINDS: &[&str] = &[
    "client",
    "api_service",
    "load_balancer",
    "cache",
    "database",
    "data_source",
    "data_lake",
    "object_storage",
    "user_interactions",
    "event_stream",
    "batch_pipeline",
    "training_pipeline",
    "model_registry",
    "evaluation",
    "logging",
    "monitoring",
];

impl GradeConfig {
    /// How much a reference node counts in recall: components every ML system has (a
    /// client, a database, a training job) count half, so that a drawing of another system
    /// cannot score by them alone.
    pub fn node_weight(&self, kind: &str) -> f32 {
        if GENERIC_KINDS.contains(&kind) {
            self.generic_weight
        } else {
            1.0
        }
    }
}

impl Default for GradeConfig {
    fn default() -> Self {
        GradeConfig {
            threshold: 0.5,
            node_weight: 0.55,
            beta: 1.5,
            reversed_credit: 0.5,
            indirect_credit: 0.5,
            generic_weight: 0.3,
            concept_weight: 0.15,
        }
    }
}

/// Recall and precision of one part of the drawing, 0..=1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Ratio {
    pub recall: f32,
    pub precision: f32,
}

/// A reference node and the block that answers it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MatchedNode {
    pub reference: String,
    pub reference_label: String,
    pub block: BlockId,
    pub block_label: String,
    pub similarity: f32,
}

/// A reference node nobody drew.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MissingNode {
    pub reference: String,
    pub label: String,
    pub kind: String,
}

/// A block with no counterpart in the reference.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExtraBlock {
    pub block: BlockId,
    pub label: String,
}

/// A reference arrow and how the drawing answers it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EdgeResult {
    pub from: String,
    pub to: String,
    pub from_label: String,
    pub to_label: String,
    pub label: String,
    pub optional: bool,
    pub status: EdgeStatus,
}

/// A drawn arrow that answers no reference arrow.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExtraArrow {
    pub from: BlockId,
    pub to: BlockId,
    pub from_label: String,
    pub to_label: String,
}

/// Everything the grader found, in a stable order.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GradeReport {
    pub case: String,
    /// 0..=100.
    pub score: u32,
    pub nodes: Ratio,
    pub edges: Ratio,
    pub matched: Vec<MatchedNode>,
    /// Required reference nodes that were not drawn.
    pub missing: Vec<MissingNode>,
    pub extra: Vec<ExtraBlock>,
    /// Every reference arrow with its status.
    pub edge_results: Vec<EdgeResult>,
    pub missing_edges: Vec<EdgeResult>,
    pub wrong_direction: Vec<EdgeResult>,
    pub indirect: Vec<EdgeResult>,
    pub extra_edges: Vec<ExtraArrow>,
    /// Plain-language lines, most important first.
    pub feedback: Vec<Feedback>,
    /// Key concepts covered and missed by the framework notes, per step (empty without notes).
    pub concepts: Vec<concepts::StepCoverage>,
}

impl GradeReport {
    /// The report as one JSON object, as `archdrill grade --json` prints it and the history
    /// stores it: every field, the case title, feedback as plain lines, and
    /// `feedback_details` with what each line names.
    pub fn to_json(&self, title: &str) -> Result<String, serde_json::Error> {
        let mut value = serde_json::to_value(self)?;
        if let Some(object) = value.as_object_mut() {
            object.insert("title".into(), serde_json::Value::from(title));
            let lines: Vec<&str> = self.feedback.iter().map(|f| f.text.as_str()).collect();
            object.insert("feedback".into(), serde_json::Value::from(lines));
            object.insert(
                "feedback_details".into(),
                serde_json::to_value(&self.feedback)?,
            );
        }
        Ok(value.to_string())
    }

    /// The breakdown in words, as the app and the command line show it: blocks, arrows, and
    /// the counts of matched, missing and extra blocks.
    pub fn breakdown(&self) -> [String; 3] {
        let pct = |x: f32| (x * 100.0).round() as u32;
        [
            format!(
                "Blocks: recall {}%, precision {}%",
                pct(self.nodes.recall),
                pct(self.nodes.precision)
            ),
            format!(
                "Arrows: recall {}%, precision {}%",
                pct(self.edges.recall),
                pct(self.edges.precision)
            ),
            format!(
                "{} matched · {} missing · {} extra",
                self.matched.len(),
                self.missing.len(),
                self.extra.len()
            ),
        ]
    }

    /// The block matched to a reference node, if any.
    pub fn block_for(&self, reference: &str) -> Option<BlockId> {
        self.matched
            .iter()
            .find(|m| m.reference == reference)
            .map(|m| m.block)
    }
}

/// F-measure with the given beta; 0 when both parts are 0.
fn f_beta(recall: f32, precision: f32, beta: f32) -> f32 {
    let b2 = beta * beta;
    let denominator = b2 * precision + recall;
    if denominator <= 0.0 {
        0.0
    } else {
        (1.0 + b2) * precision * recall / denominator
    }
}

/// Grades `board` against `case`. Never fails; deterministic.
pub fn grade(
    board: &Board,
    case: &CaseStudy,
    catalog: &Catalog,
    config: &GradeConfig,
) -> GradeReport {
    let blocks: Vec<_> = board.blocks.values().collect();
    let scorer = Scorer::new(case, catalog);
    let prepared: Vec<Prepared> = blocks
        .iter()
        .map(|b| scorer.prepare(UserTerms::new(b, catalog)))
        .collect();

    let candidates = scored_candidates(board, case, &scorer, &prepared, config.threshold);
    let pairs = matching::assign(&candidates.weighted, prepared.len(), scorer.refs.len());
    let ref_of_user: BTreeMap<usize, (usize, f32)> = pairs
        .iter()
        .map(|&(u, r, _)| {
            (
                u,
                (
                    r,
                    candidates.similarity.get(&(u, r)).copied().unwrap_or(0.0),
                ),
            )
        })
        .collect();
    let user_of_ref: BTreeMap<usize, usize> = pairs.iter().map(|&(u, r, _)| (r, u)).collect();

    let mut matched = Vec::new();
    for (&u, &(r, sim)) in &ref_of_user {
        matched.push(MatchedNode {
            reference: case.nodes[r].id.clone(),
            reference_label: case.nodes[r].label.clone(),
            block: blocks[u].id,
            block_label: blocks[u].label.clone(),
            similarity: (sim * 1000.0).round() / 1000.0,
        });
    }
    let missing: Vec<MissingNode> = case
        .nodes
        .iter()
        .enumerate()
        .filter(|(r, n)| !n.optional && !user_of_ref.contains_key(r))
        .map(|(_, n)| MissingNode {
            reference: n.id.clone(),
            label: n.label.clone(),
            kind: n.kind.clone(),
        })
        .collect();
    let extra: Vec<ExtraBlock> = blocks
        .iter()
        .enumerate()
        .filter(|(u, _)| !ref_of_user.contains_key(u))
        .map(|(_, b)| ExtraBlock {
            block: b.id,
            label: b.label.clone(),
        })
        .collect();

    // Recall weighs each reference node by how telling it is; precision counts blocks.
    let weight_of_ref: BTreeMap<&str, f32> = case
        .nodes
        .iter()
        .map(|n| (n.id.as_str(), config.node_weight(&n.kind)))
        .collect();
    let (mut required_weight, mut matched_weight) = (0.0_f32, 0.0_f32);
    for (r, node) in case.nodes.iter().enumerate().filter(|(_, n)| !n.optional) {
        let weight = config.node_weight(&node.kind);
        required_weight += weight;
        if user_of_ref.contains_key(&r) {
            matched_weight += weight;
        }
    }
    let nodes = Ratio {
        recall: ratio(matched_weight, required_weight),
        precision: ratio(matched.len() as f32, blocks.len() as f32),
    };

    let block_of_ref: BTreeMap<&str, BlockId> = user_of_ref
        .iter()
        .map(|(&r, &u)| (case.nodes[r].id.as_str(), blocks[u].id))
        .collect();
    let edge_check = edges::check(board, case, &block_of_ref, &weight_of_ref, config);
    let edges = edge_check.ratio;

    let coverage = concepts::coverage(&board.notes, case);
    let score = if board.blocks.is_empty() {
        0
    } else {
        let node_f = f_beta(nodes.recall, nodes.precision, config.beta);
        let edge_f = f_beta(edges.recall, edges.precision, config.beta);
        let drawing = config.node_weight * node_f + (1.0 - config.node_weight) * edge_f;
        // Notes count only when there are notes: a drawing-only drill is not penalised.
        let value = if coverage.is_empty() {
            drawing
        } else {
            (1.0 - config.concept_weight) * drawing
                + config.concept_weight * concepts::recall(&coverage)
        };
        (100.0 * value).round().clamp(0.0, 100.0) as u32
    };

    let mut report = GradeReport {
        case: case.id.clone(),
        score,
        nodes,
        edges,
        matched,
        missing,
        extra,
        missing_edges: edge_check
            .results
            .iter()
            .filter(|e| e.status == EdgeStatus::Missing && !e.optional)
            .cloned()
            .collect(),
        wrong_direction: edge_check
            .results
            .iter()
            .filter(|e| e.status == EdgeStatus::Reversed)
            .cloned()
            .collect(),
        indirect: edge_check
            .results
            .iter()
            .filter(|e| matches!(e.status, EdgeStatus::Indirect { .. }))
            .cloned()
            .collect(),
        edge_results: edge_check.results,
        extra_edges: edge_check.extra,
        feedback: Vec::new(),
        concepts: coverage,
    };
    report.feedback = feedback::lines(&report, case, catalog, board);
    report
}

fn ratio(part: f32, whole: f32) -> f32 {
    if whole <= 0.0 {
        0.0
    } else {
        (part / whole).clamp(0.0, 1.0)
    }
}

/// Candidate pairs: the similarity of each pair above the threshold, and the weight the
/// assignment uses (similarity plus a small bonus for agreeing neighbourhoods, so that among
/// equally named blocks the one wired like the reference wins).
struct Candidates {
    similarity: BTreeMap<(usize, usize), f32>,
    weighted: Vec<matching::Candidate>,
}

fn scored_candidates(
    board: &Board,
    case: &CaseStudy,
    scorer: &Scorer<'_>,
    blocks: &[Prepared],
    threshold: f32,
) -> Candidates {
    let ids: Vec<BlockId> = board.blocks.keys().copied().collect();
    let index_of: BTreeMap<BlockId, usize> =
        ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let mut user_neighbours: Vec<Vec<usize>> = vec![Vec::new(); blocks.len()];
    for e in board.edges.values() {
        if let (Some(&a), Some(&b)) = (index_of.get(&e.from), index_of.get(&e.to)) {
            user_neighbours[a].push(b);
            user_neighbours[b].push(a);
        }
    }
    let ref_index: BTreeMap<&str, usize> = case
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    let mut ref_neighbours: Vec<Vec<usize>> = vec![Vec::new(); case.nodes.len()];
    for e in &case.edges {
        if let (Some(&a), Some(&b)) = (ref_index.get(e.from.as_str()), ref_index.get(e.to.as_str()))
        {
            ref_neighbours[a].push(b);
            ref_neighbours[b].push(a);
        }
    }
    let mut similarity = BTreeMap::new();
    for (u, block) in blocks.iter().enumerate() {
        for r in scorer.candidates(block, threshold) {
            let sim = scorer.similarity(block, r);
            if sim >= threshold {
                similarity.insert((u, r), sim);
            }
        }
    }
    let weighted = similarity
        .iter()
        .map(|(&(u, r), &sim)| {
            let support = ref_neighbours[r]
                .iter()
                .filter(|&&rn| {
                    user_neighbours[u]
                        .iter()
                        .any(|&un| similarity.contains_key(&(un, rn)))
                })
                .count();
            (u, r, sim + 0.01 * support as f32)
        })
        .collect();
    Candidates {
        similarity,
        weighted,
    }
}

#[cfg(test)]
mod tests;
