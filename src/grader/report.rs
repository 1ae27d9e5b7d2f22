//! The grade report: what was matched, missed and added, every flow and arrow with its
//! status, and the feedback, built from one evaluation.

use serde::Serialize;

use super::{
    ArrowStatus, Drawing, EdgeStatus, Evaluation, Feedback, GradeConfig, Role, concepts, feedback,
    kinds, to_score,
};
use crate::cases::CaseStudy;
use crate::model::BlockId;

/// Recall and precision of one part of the drawing, 0..=1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Ratio {
    pub recall: f32,
    pub precision: f32,
}

/// A reference node and a block that answers it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MatchedNode {
    pub reference: String,
    pub reference_label: String,
    pub block: BlockId,
    pub block_label: String,
    pub similarity: f32,
    /// Alone, as one of several nodes the block names, or as one of several blocks.
    pub role: Role,
    /// What the pair earns the node, 0..=1, before its flows are checked.
    pub credit: f32,
}

/// A reference node nobody drew.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MissingNode {
    pub reference: String,
    pub label: String,
    pub kind: String,
    /// Why the design needs it, in the book's reasoning.
    pub why: String,
}

/// A block with no counterpart in the reference.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExtraBlock {
    pub block: BlockId,
    pub label: String,
}

/// A block that names the data of a reference flow it carries: it is that flow, drawn as a
/// block, and costs nothing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DataBlock {
    pub block: BlockId,
    pub label: String,
    /// The flow's label in the reference ("labels").
    pub flow: String,
}

/// A reference flow and how the drawing answers it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EdgeResult {
    pub from: String,
    pub to: String,
    pub from_label: String,
    pub to_label: String,
    pub label: String,
    pub optional: bool,
    #[serde(flatten)]
    pub status: EdgeStatus,
    /// 0..=1.
    pub credit: f32,
}

/// A drawn arrow and what it counted as.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DrawnArrow {
    pub from: BlockId,
    pub to: BlockId,
    pub from_label: String,
    pub to_label: String,
    pub status: ArrowStatus,
    /// 0..=1 for arrows that count in precision.
    pub credit: f32,
    /// A line of unknown direction (never reversed); left out of JSON when false.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub undirected: bool,
}

/// A drawn arrow that answers no reference flow.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExtraArrow {
    pub from: BlockId,
    pub to: BlockId,
    pub from_label: String,
    pub to_label: String,
}

/// Another case the drawing's words fit better than the one it is graded against.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Resemblance {
    pub case: String,
    pub title: String,
    /// The graded case's fit as a share of this one's, 0..=1.
    pub share: f32,
}

/// Everything the grader found, in a stable order.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GradeReport {
    pub case: String,
    /// 0..=100.
    pub score: u32,
    pub nodes: Ratio,
    pub edges: Ratio,
    /// The options of the reference's alternatives the drawing was graded against (the
    /// best fit); empty when the reference has a single design.
    pub alternative: Vec<String>,
    pub matched: Vec<MatchedNode>,
    /// Required reference nodes that were not drawn.
    pub missing: Vec<MissingNode>,
    /// Blocks that answer nothing and are not infrastructure.
    pub extra: Vec<ExtraBlock>,
    /// Infrastructure and operations blocks the reference does not need: they cost nothing.
    pub infrastructure: Vec<ExtraBlock>,
    /// Blocks that are the data of a flow they carry.
    pub data: Vec<DataBlock>,
    /// Every reference flow with its status.
    pub edge_results: Vec<EdgeResult>,
    pub missing_edges: Vec<EdgeResult>,
    pub wrong_direction: Vec<EdgeResult>,
    pub indirect: Vec<EdgeResult>,
    /// Every drawn arrow with its status.
    pub arrows: Vec<DrawnArrow>,
    pub extra_edges: Vec<ExtraArrow>,
    /// Set when the drawing fits another case of the library clearly better.
    pub resembles: Option<Resemblance>,
    /// Unmatched blocks that are probably meant as a missing node: (block, node id).
    pub near: Vec<(BlockId, String)>,
    /// How many of `infrastructure` are free; past them, each counts as an extra block.
    pub free_infrastructure: usize,
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
        let counted = self.arrows.iter().filter(|a| a.status.counts()).count();
        let credited = self
            .arrows
            .iter()
            .filter(|a| a.status.counts() && a.credit >= 0.5)
            .count();
        [
            format!(
                "Blocks: recall {}%, precision {}%",
                pct(self.nodes.recall),
                pct(self.nodes.precision)
            ),
            format!(
                "Arrows: recall {}%, precision {}% ({credited} of {counted} counted arrows carry a reference flow)",
                pct(self.edges.recall),
                pct(self.edges.precision)
            ),
            format!(
                "{} matched · {} missing · {} extra · {} infrastructure",
                self.matched_nodes(),
                self.missing.len(),
                self.extra.len(),
                self.infrastructure.len()
            ),
        ]
    }

    /// How many reference nodes some block answers.
    pub fn matched_nodes(&self) -> usize {
        let mut nodes: Vec<&str> = self.matched.iter().map(|m| m.reference.as_str()).collect();
        nodes.sort_unstable();
        nodes.dedup();
        nodes.len()
    }

    /// The block that answers a reference node first (the primary of a split), if any.
    pub fn block_for(&self, reference: &str) -> Option<BlockId> {
        self.matched
            .iter()
            .filter(|m| m.reference == reference)
            .min_by_key(|m| m.role)
            .map(|m| m.block)
    }

    /// Every block answering a reference node.
    pub fn blocks_for<'a>(&'a self, reference: &'a str) -> impl Iterator<Item = BlockId> + 'a {
        self.matched
            .iter()
            .filter(move |m| m.reference == reference)
            .map(|m| m.block)
    }
}

pub(super) fn report(
    drawing: &Drawing<'_>,
    case: &CaseStudy,
    evaluation: &Evaluation,
    resembles: Option<Resemblance>,
    config: &GradeConfig,
) -> GradeReport {
    let board = drawing.board;
    let variant = &evaluation.variant;
    let mapping = &evaluation.mapping;
    let label_of = |u: usize| drawing.block(u).label.clone();
    let mut matched: Vec<MatchedNode> = mapping
        .pairs
        .iter()
        .map(|p| MatchedNode {
            reference: variant.nodes[p.node].id.clone(),
            reference_label: variant.nodes[p.node].label.clone(),
            block: drawing.ids[p.user],
            block_label: label_of(p.user),
            similarity: (p.affinity * 1000.0).round() / 1000.0,
            role: p.role,
            // A block with no arrow on a board with arrows earns nothing yet.
            credit: if !drawing.arrows.is_empty() && drawing.user_adj[p.user].is_empty() {
                0.0
            } else {
                (p.credit * 1000.0).round() / 1000.0
            },
        })
        .collect();
    matched.sort_by(|a, b| a.block.cmp(&b.block).then(a.role.cmp(&b.role)));
    let missing: Vec<MissingNode> = variant
        .nodes
        .iter()
        .enumerate()
        .filter(|(r, n)| !n.optional && !mapping.is_matched(*r))
        .map(|(_, n)| MissingNode {
            reference: n.id.clone(),
            label: n.label.clone(),
            kind: n.kind.clone(),
            why: n.why.clone(),
        })
        .collect();
    let (mut extra, mut infrastructure, mut data) = (Vec::new(), Vec::new(), Vec::new());
    for u in (0..drawing.ids.len()).filter(|&u| mapping.of_user[u].is_empty()) {
        let block = ExtraBlock {
            block: drawing.ids[u],
            label: label_of(u),
        };
        if evaluation.flows.data[u] {
            let flow = evaluation.flows.flows.iter().find(|f| {
                f.data
                    && f.arrows.iter().any(|&a| {
                        let (x, y) = drawing.arrows[a];
                        x == u || y == u
                    })
            });
            data.push(DataBlock {
                block: block.block,
                label: block.label,
                flow: flow.map_or_else(String::new, |f| variant.edges[f.edge].label.clone()),
            });
        } else if evaluation.kinds[u]
            .as_deref()
            .is_some_and(kinds::is_neutral)
        {
            infrastructure.push(block);
        } else {
            extra.push(block);
        }
    }
    let node_label = |id: &str| {
        variant
            .node(id)
            .map_or_else(|| id.to_owned(), |n| n.label.clone())
    };
    let edge_results: Vec<EdgeResult> = evaluation
        .flows
        .flows
        .iter()
        .map(|flow| {
            let edge = &variant.edges[flow.edge];
            let optional = edge.optional
                || variant.node(&edge.from).is_some_and(|n| n.optional)
                || variant.node(&edge.to).is_some_and(|n| n.optional);
            let status = flow.status.clone();
            EdgeResult {
                from: edge.from.clone(),
                to: edge.to.clone(),
                from_label: node_label(&edge.from),
                to_label: node_label(&edge.to),
                label: edge.label.clone(),
                optional,
                status,
                credit: (flow.credit * 1000.0).round() / 1000.0,
            }
        })
        .collect();
    let arrows: Vec<DrawnArrow> = evaluation
        .flows
        .arrows
        .iter()
        .zip(drawing.arrows.iter().zip(&drawing.undirected))
        .map(|(result, (&(a, b), &undirected))| DrawnArrow {
            from: drawing.ids[a],
            to: drawing.ids[b],
            from_label: label_of(a),
            to_label: label_of(b),
            status: result.status,
            credit: (result.credit * 1000.0).round() / 1000.0,
            undirected,
        })
        .collect();
    let extra_edges = arrows
        .iter()
        .filter(|a| a.status == ArrowStatus::Extra)
        .map(|a| ExtraArrow {
            from: a.from,
            to: a.to,
            from_label: a.from_label.clone(),
            to_label: a.to_label.clone(),
        })
        .collect();

    let coverage = concepts::coverage(&board.notes, case);
    let score = if board.blocks.is_empty() {
        0
    } else if coverage.is_empty() {
        to_score(evaluation.drawing)
    } else {
        // Notes count only when there are notes, and only for the better: a drawing-only
        // drill is not penalised, and neither is a user who writes a few notes.
        let with_notes = (1.0 - config.concept_weight) * evaluation.drawing
            + config.concept_weight * concepts::recall(&coverage);
        to_score(with_notes.max(evaluation.drawing))
    };
    let select = |f: &dyn Fn(&EdgeResult) -> bool| -> Vec<EdgeResult> {
        edge_results.iter().filter(|e| f(e)).cloned().collect()
    };
    let mut report = GradeReport {
        case: case.id.clone(),
        score,
        nodes: evaluation.nodes,
        edges: evaluation.edges,
        alternative: variant.chosen.clone(),
        matched,
        missing,
        extra,
        infrastructure,
        data,
        missing_edges: select(&|e| e.status == EdgeStatus::Missing && !e.optional),
        wrong_direction: select(&|e| e.status == EdgeStatus::Reversed),
        indirect: select(&|e| matches!(e.status, EdgeStatus::Indirect { .. })),
        edge_results,
        arrows,
        extra_edges,
        resembles,
        free_infrastructure: evaluation.free,
        near: evaluation
            .near
            .iter()
            .enumerate()
            .filter_map(|(u, r)| Some((drawing.ids[u], variant.nodes[(*r)?].id.clone())))
            .collect(),
        feedback: Vec::new(),
        concepts: coverage,
    };
    report.feedback = feedback::lines(&report, case, variant, board);
    report
}
