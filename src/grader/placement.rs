//! Where to show what is missing: ghost blocks placed next to the blocks they belong with.

use std::collections::BTreeMap;

use super::GradeReport;
use crate::cases::CaseStudy;
use crate::model::{BlockId, Board, DEFAULT_BLOCK_SIZE, Rect, Vec2};

/// A missing reference node drawn as a dashed block on the user's board.
#[derive(Clone, Debug, PartialEq)]
pub struct Ghost {
    pub reference: String,
    pub label: String,
    pub kind: String,
    pub rect: Rect,
}

/// A missing arrow, between two blocks or ghosts, drawn dashed.
#[derive(Clone, Debug, PartialEq)]
pub struct GhostLink {
    pub from: Rect,
    pub to: Rect,
    pub label: String,
}

/// The missing part of a drawing, laid out on the user's board.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Ghosts {
    pub ghosts: Vec<Ghost>,
    pub links: Vec<GhostLink>,
}

/// Places each missing node where the reference has it relative to the nodes the user did
/// draw (the average over its drawn neighbours, or over all drawn nodes), then moves it to a
/// free spot so it covers nothing.
pub fn place(report: &GradeReport, case: &CaseStudy, board: &Board) -> Ghosts {
    let mut drawn: BTreeMap<&str, Rect> = BTreeMap::new();
    for m in &report.matched {
        if let Some(block) = board.block(m.block) {
            drawn.insert(m.reference.as_str(), block.rect());
        }
    }
    let offset_from = |ids: &mut dyn Iterator<Item = &str>| -> Option<Vec2> {
        let shifts: Vec<Vec2> = ids
            .filter_map(|id| Some((drawn.get(id)?, case.node(id)?)))
            .map(|(rect, node)| rect.min - case.node_rect(node).min)
            .collect();
        let n = shifts.len() as f32;
        (n > 0.0).then(|| shifts.iter().fold(Vec2::ZERO, |a, b| a + *b) * (1.0 / n))
    };
    let global = offset_from(&mut drawn.keys().copied()).unwrap_or(Vec2::ZERO);
    let mut occupied = board.clone();
    let mut out = Ghosts::default();
    let mut placed: BTreeMap<&str, Rect> = BTreeMap::new();
    for missing in &report.missing {
        let Some(node) = case.node(&missing.reference) else {
            continue;
        };
        let mut neighbours = case.edges.iter().filter_map(|e| {
            if e.from == node.id {
                Some(e.to.as_str())
            } else if e.to == node.id {
                Some(e.from.as_str())
            } else {
                None
            }
        });
        let shift = offset_from(&mut neighbours).unwrap_or(global);
        let wanted = case.node_rect(node).min + shift;
        let spot = occupied.free_spot(wanted, DEFAULT_BLOCK_SIZE);
        let rect = Rect::new(spot, DEFAULT_BLOCK_SIZE);
        // Ghosts occupy room too, so two ghosts never stack.
        let id = BlockId(u32::MAX - out.ghosts.len() as u32);
        occupied.blocks.insert(
            id,
            crate::model::Block {
                id,
                kind: node.kind.clone(),
                label: String::new(),
                pos: spot,
                size: DEFAULT_BLOCK_SIZE,
                note: String::new(),
            },
        );
        placed.insert(node.id.as_str(), rect);
        out.ghosts.push(Ghost {
            reference: node.id.clone(),
            label: node.label.clone(),
            kind: node.kind.clone(),
            rect,
        });
    }
    for edge in &report.edge_results {
        if edge.optional || edge.status != super::EdgeStatus::Missing {
            continue;
        }
        let end = |id: &str| drawn.get(id).or_else(|| placed.get(id)).copied();
        if let (Some(from), Some(to)) = (end(&edge.from), end(&edge.to)) {
            out.links.push(GhostLink {
                from,
                to,
                label: edge.label.clone(),
            });
        }
    }
    out
}
