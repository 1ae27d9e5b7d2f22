//! Grading: score a drawn board against a case's reference graph and explain every point.
//!
//! `grade` is a pure function: same board, case and catalog give the same report, and it
//! never fails. The model is an edit distance between the drawing and the reference, with
//! merges, splits, pass-through infrastructure and skipped nodes priced in; every cost is
//! documented in `docs/grading.md`.

pub mod concepts;
mod contracted;
mod feedback;
mod flows;
pub mod kinds;
mod mapping;
pub mod marks;
mod matching;
mod near;
pub mod placement;
mod report;
pub mod similarity;
mod statuses;
pub mod topic;
mod words;

use crate::cases::{CaseLibrary, CaseStudy};
use crate::catalog::Catalog;
use crate::model::{BlockId, Board};
use mapping::Mapping;
use similarity::{Prepared, Scorer};

pub use feedback::{Feedback, FeedbackKind};
pub use flows::{ArrowStatus, EdgeStatus};
pub use mapping::Role;
use report::report;
pub use report::{
    DataBlock, DrawnArrow, EdgeResult, ExtraArrow, ExtraBlock, GradeReport, MatchedNode,
    MissingNode, Ratio, Resemblance,
};

/// The grader's version, recorded with every attempt it scores: scores of different
/// versions are never mixed silently. Changed whenever a board's score can change.
pub const VERSION: &str = "2026.12.4";

/// The knobs of the grader. `Default` is what the app and the command line use.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GradeConfig {
    /// F-measure beta of the blocks: 1 weighs recall and precision alike, so a board that
    /// draws every component answers its nodes at the price of its extras.
    pub node_beta: f32,
    /// F-measure beta of the arrows: 1 weighs them alike, so wiring everything to
    /// everything does not pay.
    pub edge_beta: f32,
    /// The share of the blocks' value a drawing earns with no flow right: the rest is
    /// earned by the flows.
    pub unwired_share: f32,
    /// What a matched block none of whose flows is drawn keeps of its credit.
    pub unwired_node: f32,
    /// Weight of a generic component (see [`kinds::GENERIC`]) in recall.
    pub generic_weight: f32,
    /// Share of the score that comes from the framework notes, when there are notes.
    pub concept_weight: f32,
    /// Infrastructure blocks that are always free (more are free for larger answers).
    pub free_infrastructure: usize,
}

impl GradeConfig {
    /// How much a reference node counts in recall: components every ML system has (a
    /// client, a database, a training job) count less, so that a drawing of another system
    /// cannot score by them alone.
    pub fn node_weight(&self, kind: &str) -> f32 {
        if kinds::is_generic(kind) {
            self.generic_weight
        } else {
            1.0
        }
    }
}

impl Default for GradeConfig {
    fn default() -> Self {
        GradeConfig {
            node_beta: 1.0,
            edge_beta: 1.0,
            unwired_share: 0.3,
            unwired_node: 0.7,
            generic_weight: 0.5,
            concept_weight: 0.15,
            free_infrastructure: 6,
        }
    }
}

/// What a step of the user's own that carries a reference flow costs in block precision,
/// relative to an extra block.
const STEP_EXTRA: f32 = 0.5;

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

fn ratio(part: f32, whole: f32) -> f32 {
    if whole <= 0.0 {
        0.0
    } else {
        (part / whole).clamp(0.0, 1.0)
    }
}

/// The drawing prepared once, for grading against one case or many.
struct Drawing<'b> {
    board: &'b Board,
    ids: Vec<BlockId>,
    /// Arrows as (from, to) block indexes; arrows with a missing end are left out.
    arrows: Vec<(usize, usize)>,
    /// Per arrow, whether it is a line of unknown direction.
    undirected: Vec<bool>,
    user_adj: Vec<std::collections::BTreeSet<usize>>,
    /// What each block is, in words: its whole label and its first part.
    names: Vec<Vec<words::Words>>,
}

impl<'b> Drawing<'b> {
    fn new(board: &'b Board) -> Self {
        let ids: Vec<BlockId> = board.blocks.keys().copied().collect();
        let index_of: std::collections::BTreeMap<BlockId, usize> =
            ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        let mut arrows = Vec::new();
        let mut undirected = Vec::new();
        let mut user_adj = vec![std::collections::BTreeSet::new(); ids.len()];
        for e in board.edges.values() {
            if let (Some(&a), Some(&b)) = (index_of.get(&e.from), index_of.get(&e.to))
                && a != b
            {
                arrows.push((a, b));
                undirected.push(e.undirected);
                user_adj[a].insert(b);
                user_adj[b].insert(a);
            }
        }
        let names = ids
            .iter()
            .map(|id| {
                let label = &board.blocks[id].label;
                let mut names = vec![words::Words::new(label)];
                if let Some(first) = words::parts(label).into_iter().next()
                    && first != *label
                {
                    names.push(words::Words::new(&first));
                }
                names
            })
            .collect();
        Drawing {
            board,
            ids,
            arrows,
            undirected,
            user_adj,
            names,
        }
    }

    fn block(&self, u: usize) -> &crate::model::Block {
        &self.board.blocks[&self.ids[u]]
    }
}

/// One drawing graded against one design: the mapping, the flows and the numbers.
struct Evaluation {
    variant: CaseStudy,
    mapping: Mapping,
    flows: flows::FlowCheck,
    kinds: Vec<Option<String>>,
    nodes: Ratio,
    edges: Ratio,
    drawing: f32,
    /// Per block, the missing node it is probably meant as.
    near: Vec<Option<usize>>,
    /// How many infrastructure blocks the reference does not need are free.
    free: usize,
}

fn evaluate(
    drawing: &Drawing<'_>,
    variant: CaseStudy,
    catalog: &Catalog,
    config: &GradeConfig,
) -> Evaluation {
    let scorer = Scorer::new(&variant, catalog);
    let prepared: Vec<Prepared> = (0..drawing.ids.len())
        .map(|u| scorer.prepare(drawing.block(u)))
        .collect();
    let mut ref_adj = vec![std::collections::BTreeSet::new(); variant.nodes.len()];
    for e in &variant.edges {
        let a = variant.nodes.iter().position(|n| n.id == e.from);
        let b = variant.nodes.iter().position(|n| n.id == e.to);
        if let (Some(a), Some(b)) = (a, b) {
            ref_adj[a].insert(b);
            ref_adj[b].insert(a);
        }
    }
    let mappings = mapping::build(
        &scorer,
        &prepared,
        &mapping::Graphs {
            user_adj: &drawing.user_adj,
            ref_adj: &ref_adj,
        },
    );
    let kinds: Vec<Option<String>> = prepared
        .iter()
        .map(|p| p.user.main_kind().map(str::to_owned))
        .collect();
    let mut best: Option<Evaluation> = None;
    for mapping in mappings {
        let evaluation = judge(drawing, &variant, mapping, kinds.clone(), config);
        if best
            .as_ref()
            .is_none_or(|b| evaluation.drawing > b.drawing + 1e-6)
        {
            best = Some(evaluation);
        }
    }
    let mut best = best.unwrap_or_else(|| {
        judge(
            drawing,
            &variant,
            Mapping::empty(drawing.ids.len(), variant.nodes.len()),
            kinds,
            config,
        )
    });
    best.near = near::near_misses(
        &scorer,
        &prepared,
        &best.mapping,
        &variant,
        (&drawing.user_adj, &ref_adj),
    );
    best.variant = variant;
    best
}

/// An empty study, for an evaluation before its design is set.
fn placeholder() -> CaseStudy {
    CaseStudy {
        id: String::new(),
        title: String::new(),
        prompt: String::new(),
        requirements: Vec::new(),
        nodes: Vec::new(),
        edges: Vec::new(),
        hints: Vec::new(),
        concepts: crate::cases::Concepts::default(),
        alternatives: Vec::new(),
        chosen: Vec::new(),
        vocabulary: std::sync::OnceLock::new(),
        drawn: crate::cases::Drawn::default(),
    }
}

/// The numbers of one mapping of the drawing onto one design.
fn judge(
    drawing: &Drawing<'_>,
    variant: &CaseStudy,
    mapping: Mapping,
    kinds: Vec<Option<String>>,
    config: &GradeConfig,
) -> Evaluation {
    let kind_refs: Vec<Option<&str>> = kinds.iter().map(Option::as_deref).collect();
    let index: std::collections::BTreeMap<&str, usize> = variant
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    let flows = flows::check(
        variant,
        &mapping,
        &flows::Drawn {
            arrows: &drawing.arrows,
            undirected: &drawing.undirected,
            kinds: &kind_refs,
            ids: &drawing.ids,
            names: &drawing.names,
        },
    );

    // Blocks: each required node by its weight, its credit and whether any of its flows is
    // drawn; precision over the blocks that are not free infrastructure.
    let mut best_flow = vec![None::<f32>; variant.nodes.len()];
    for flow in &flows.flows {
        let edge = &variant.edges[flow.edge];
        if edge.optional {
            continue;
        }
        for id in [&edge.from, &edge.to] {
            if let Some(&r) = index.get(id.as_str()) {
                let slot = best_flow[r].get_or_insert(0.0);
                *slot = slot.max(flow.credit);
            }
        }
    }
    // On a board with arrows, a block with none is not part of the design yet: it earns
    // nothing and costs nothing ("where does this fit?"). On a board without arrows every
    // block is judged by its words alone.
    let wired_board = !drawing.arrows.is_empty();
    let isolated = |u: usize| wired_board && drawing.user_adj[u].is_empty();
    let node_credit = |r: usize| {
        mapping.of_node[r]
            .iter()
            .map(|&p| &mapping.pairs[p])
            .filter(|p| !isolated(p.user))
            .map(|p| p.credit)
            .fold(0.0, f32::max)
    };
    let (mut required, mut earned) = (0.0_f32, 0.0_f32);
    for (r, node) in variant
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| !n.optional)
    {
        let weight = config.node_weight(&node.kind);
        required += weight;
        let wiring = best_flow[r].map_or(1.0, |c| {
            config.unwired_node + (1.0 - config.unwired_node) * c
        });
        earned += weight * node_credit(r) * wiring;
    }
    // Infrastructure is free in moderation: a few blocks, or one for every two that answer
    // something; past that, a board that adds everything pays for it.
    let answering = (0..kinds.len())
        .filter(|&u| !mapping.of_user[u].is_empty() && !isolated(u))
        .count();
    let free = (answering * 3 / 5).max(config.free_infrastructure);
    let neutral = (0..kinds.len())
        .filter(|&u| {
            mapping.of_user[u].is_empty() && kinds[u].as_deref().is_some_and(kinds::is_neutral)
        })
        .count();
    // A step of the user's own that carries a reference flow is detail, not a wrong block:
    // it costs half an extra.
    let mut stepping = vec![false; kinds.len()];
    for (arrow, &(a, b)) in flows.arrows.iter().zip(&drawing.arrows) {
        if arrow.status == ArrowStatus::ThroughStep && arrow.credit > 0.0 {
            stepping[a] = true;
            stepping[b] = true;
        }
    }
    // A block that names the data of a flow it carries is that flow: it costs nothing.
    let extra: f32 = (0..kinds.len())
        .filter(|&u| {
            mapping.of_user[u].is_empty()
                && !flows.data[u]
                && !kinds[u].as_deref().is_some_and(kinds::is_neutral)
        })
        .map(|u| if stepping[u] { STEP_EXTRA } else { 1.0 })
        .sum();
    // A block that answers a node but whose arrows all carry nothing is half an answer.
    let mut carries = vec![false; kinds.len()];
    let mut wired = vec![false; kinds.len()];
    for (arrow, &(a, b)) in flows.arrows.iter().zip(&drawing.arrows) {
        for u in [a, b] {
            wired[u] = true;
            if arrow.credit > 0.25 || !arrow.status.counts() {
                carries[u] = true;
            }
        }
    }
    let matched: f32 = (0..kinds.len())
        .filter(|&u| !mapping.of_user[u].is_empty() && !isolated(u))
        .map(|u| if wired[u] && !carries[u] { 0.5 } else { 1.0 })
        .sum();
    let counted = (answering + neutral.saturating_sub(free)) as f32 + extra;
    let nodes = Ratio {
        recall: ratio(earned, required),
        precision: if counted > 0.0 {
            matched / counted
        } else {
            0.0
        },
    };

    // Arrows: each required flow by the weight of its ends; precision over the arrows that
    // count.
    let weight_of = |id: &str| {
        index
            .get(id)
            .map_or(1.0, |&i| config.node_weight(&variant.nodes[i].kind))
    };
    let (mut required, mut earned) = (0.0_f32, 0.0_f32);
    for flow in &flows.flows {
        let edge = &variant.edges[flow.edge];
        let node = |id: &str| index.get(id).map(|&i| &variant.nodes[i]);
        let optional = edge.optional
            || node(&edge.from).is_some_and(|n| n.optional)
            || node(&edge.to).is_some_and(|n| n.optional);
        if optional {
            continue;
        }
        let weight = (weight_of(&edge.from) + weight_of(&edge.to)) * 0.5;
        required += weight;
        earned += weight * flow.credit;
    }
    let counting: Vec<&flows::ArrowResult> =
        flows.arrows.iter().filter(|a| a.status.counts()).collect();
    // Plumbing arrows are free up to one for every two arrows that carry a flow (at least
    // three); a board wired everything-to-everything pays for the rest.
    let carrying = counting.iter().filter(|a| a.credit >= 0.5).count();
    let plumbing = flows
        .arrows
        .iter()
        .filter(|a| a.status == ArrowStatus::Plumbing)
        .count();
    let unpaid = plumbing.saturating_sub((carrying / 2).max(3));
    // The arrows of infrastructure past the free blocks are not free either: their share of
    // the infrastructure arrows counts as extra.
    let infrastructure_arrows = flows
        .arrows
        .iter()
        .filter(|a| a.status == ArrowStatus::Infrastructure)
        .count();
    let unpaid_infrastructure = if neutral > free {
        infrastructure_arrows * (neutral - free) / neutral
    } else {
        0
    };
    let recall = ratio(earned, required);
    let counted = counting.len() + unpaid + unpaid_infrastructure;
    // Precision above chance: an arrow drawn between two random blocks of the reference is
    // one of its flows this often (a flow with a store at one end either way round), so
    // wiring everything to everything earns nothing.
    let n = variant.nodes.len() as f32;
    let is_store = |id: &str| {
        index
            .get(id)
            .is_some_and(|&i| kinds::is_store(&variant.nodes[i].kind))
    };
    let hits: usize = variant
        .edges
        .iter()
        .map(|e| {
            if is_store(&e.from) || is_store(&e.to) {
                2
            } else {
                1
            }
        })
        .sum();
    let chance = (hits as f32 / (n * (n - 1.0)).max(1.0)).min(0.5);
    let raw = if counted == 0 {
        if recall > 0.0 { 1.0 } else { 0.0 }
    } else {
        counting.iter().map(|a| a.credit).sum::<f32>() / counted as f32
    };
    let edges = Ratio {
        recall,
        precision: ((raw - chance) / (1.0 - chance)).clamp(0.0, 1.0),
    };
    let node_f = f_beta(nodes.recall, nodes.precision, config.node_beta);
    let edge_f = f_beta(edges.recall, edges.precision, config.edge_beta);
    let value = node_f * (config.unwired_share + (1.0 - config.unwired_share) * edge_f);
    Evaluation {
        variant: placeholder(),
        mapping,
        flows,
        kinds,
        nodes,
        edges,
        drawing: value,
        near: Vec::new(),
        free,
    }
}

/// For each unmatched block, the missing required node it is most likely meant as: some
/// shared words, or a related kind, and no better claim.
/// The drawing's value against the best-fitting design of `case`, 0..=1, and that
/// evaluation.
fn best_fit(
    drawing: &Drawing<'_>,
    case: &CaseStudy,
    catalog: &Catalog,
    config: &GradeConfig,
) -> Evaluation {
    let mut best: Option<Evaluation> = None;
    for variant in case.variants() {
        let evaluation = evaluate(drawing, variant, catalog, config);
        if best
            .as_ref()
            .is_none_or(|b| evaluation.drawing > b.drawing + 1e-6)
        {
            best = Some(evaluation);
        }
    }
    best.unwrap_or_else(|| evaluate(drawing, case.clone(), catalog, config))
}

fn to_score(value: f32) -> u32 {
    (100.0 * value).round().clamp(0.0, 100.0) as u32
}

/// The built-in cases, parsed once: what [`grade`] compares a drawing's words with.
fn builtin_library(catalog: &Catalog) -> &'static CaseLibrary {
    static LIBRARY: std::sync::OnceLock<CaseLibrary> = std::sync::OnceLock::new();
    LIBRARY.get_or_init(|| CaseLibrary::load(catalog, Vec::new()))
}

/// Grades `board` against `case`, with the built-in cases as the library its words are
/// compared with (see [`grade_in`]). Never fails; deterministic.
pub fn grade(
    board: &Board,
    case: &CaseStudy,
    catalog: &Catalog,
    config: &GradeConfig,
) -> GradeReport {
    grade_in(board, case, builtin_library(catalog), catalog, config)
}

/// Grades `board` against `case`, the best-fitting of its designs. The drawing's words are
/// compared with every case of the library: a drawing clearly about another case (an ad
/// system drawn for a news feed) has its grade shrunk and is told so first.
pub fn grade_in(
    board: &Board,
    case: &CaseStudy,
    library: &CaseLibrary,
    catalog: &Catalog,
    config: &GradeConfig,
) -> GradeReport {
    let drawing = Drawing::new(board);
    let mut evaluation = best_fit(&drawing, case, catalog, config);
    let topic = topic::topic(board, case, library);
    evaluation.drawing *= topic.factor();
    let resembles = topic.other.as_ref().and_then(|id| {
        let other = library.get(id)?;
        Some(Resemblance {
            case: other.id.clone(),
            title: other.title.clone(),
            share: (topic.share * 1000.0).round() / 1000.0,
        })
    });
    report(&drawing, case, &evaluation, resembles, config)
}

#[cfg(test)]
mod tests;
