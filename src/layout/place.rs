//! Where each block goes: a column per rank, a band per stage (Online above Offline), the
//! pieces of a band one below the other, and in each column the blocks stacked in the
//! layering's order, level with their predecessor where there is room.

use std::collections::BTreeMap;

use super::layers::Slot;
use super::refine::{Cost, Holding};
use crate::catalog::Stage;
use crate::model::{Pos, Vec2};
use crate::style::GRID_STEP;

/// Space between one column's widest block and the next column.
pub const RANK_GAP: f32 = 100.0;
/// Space between two blocks stacked in one column.
pub const STACK_GAP: f32 = 40.0;
/// Space between two pieces of one band.
pub const PIECE_GAP: f32 = 80.0;
/// Space between the Online and the Offline band: room for the lower frame's title and both
/// frames' margins, with a gap between the frames.
pub const BAND_GAP: f32 = 120.0;

/// One block to place: its size, its stage and its slot from the layering.
pub(super) struct Node {
    pub size: Vec2,
    pub stage: Stage,
    pub slot: Slot,
}

/// The top-left corner of every node, on the grid, the first column and band starting at
/// `origin` (`edges` join node indices); on a board small enough to refine (with the arrows
/// `holding` says), with what the refined drawing still gets wrong.
pub(super) fn place(
    nodes: &[Node],
    edges: &[(usize, usize)],
    origin: Pos,
    holding: Holding<'_>,
) -> (Vec<Pos>, Option<Cost>) {
    let columns = columns(nodes, origin.x);
    let mut predecessors = vec![Vec::new(); nodes.len()];
    for &(a, b) in edges {
        predecessors[b].push(a);
    }
    let strips = strips(nodes);
    let mut ys: Vec<Option<f32>> = vec![None; nodes.len()];
    let mut top = origin.y;
    for strip in &strips {
        top = snap_up(top + strip.gap_before);
        let mut ranks: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for &i in &strip.members {
            ranks.entry(nodes[i].slot.rank).or_default().push(i);
        }
        top = stack(nodes, &mut ranks, &predecessors, &mut ys, top);
    }
    let mut at: Vec<Pos> = nodes
        .iter()
        .zip(ys)
        .map(|(node, y)| {
            let (x, width) = columns[node.slot.rank];
            Pos::new(x + snap((width - node.size.x) * 0.5), y.unwrap_or(origin.y))
        })
        .collect();
    let cost = (nodes.len() <= super::refine::MOST_BLOCKS)
        .then(|| super::refine::refine(nodes, edges, &strips, &mut at, (origin.y, holding)));
    (at, cost)
}

/// The blocks of one piece of one band, and the space above them.
pub(super) struct Strip {
    pub gap_before: f32,
    pub members: Vec<usize>,
}

/// The strips from top to bottom: the pieces of the Online band, then those of the Offline one.
pub(super) fn strips(nodes: &[Node]) -> Vec<Strip> {
    let mut out: Vec<Strip> = Vec::new();
    for stage in [Stage::Online, Stage::Offline] {
        let mut pieces: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (i, node) in nodes.iter().enumerate().filter(|(_, n)| n.stage == stage) {
            pieces.entry(node.slot.piece).or_default().push(i);
        }
        for (k, members) in pieces.into_values().enumerate() {
            let gap_before = match (out.is_empty(), k) {
                (true, _) => 0.0,
                (false, 0) => BAND_GAP,
                (false, _) => PIECE_GAP,
            };
            out.push(Strip {
                gap_before,
                members,
            });
        }
    }
    out
}

/// The left edge and width of every column: as wide as its widest block, `RANK_GAP` apart.
fn columns(nodes: &[Node], left: f32) -> Vec<(f32, f32)> {
    let count = nodes.iter().map(|n| n.slot.rank + 1).max().unwrap_or(0);
    let mut widths = vec![0.0f32; count];
    for node in nodes {
        widths[node.slot.rank] = widths[node.slot.rank].max(node.size.x);
    }
    let mut x = snap(left);
    widths
        .into_iter()
        .map(|width| {
            let column = (x, width);
            x = snap_up(x + width + RANK_GAP);
            column
        })
        .collect()
}

/// Stacks one piece of one band, column by column from the left, from `top` down; returns
/// the lowest bottom edge. A block goes level with its predecessors (the middle one of those
/// already placed, centre to centre), or as high as its column allows.
fn stack(
    nodes: &[Node],
    ranks: &mut BTreeMap<usize, Vec<usize>>,
    predecessors: &[Vec<usize>],
    ys: &mut [Option<f32>],
    top: f32,
) -> f32 {
    let mut bottom = top;
    for column in ranks.values_mut() {
        column.sort_by_key(|&i| (nodes[i].slot.order, i));
        let mut cursor = top;
        for &i in column.iter() {
            let height = nodes[i].size.y;
            let mut centres: Vec<f32> = predecessors[i]
                .iter()
                .filter(|&&p| {
                    nodes[p].slot.piece == nodes[i].slot.piece && nodes[p].stage == nodes[i].stage
                })
                .filter_map(|&p| Some(ys[p]? + nodes[p].size.y * 0.5))
                .collect();
            centres.sort_by(f32::total_cmp);
            let wanted = centres
                .get(centres.len().saturating_sub(1) / 2)
                .map_or(cursor, |centre| snap(centre - height * 0.5));
            let y = snap_up(cursor).max(wanted);
            ys[i] = Some(y);
            cursor = y + height + STACK_GAP;
            bottom = bottom.max(y + height);
        }
    }
    bottom
}

/// The nearest grid line.
pub(super) fn snap(v: f32) -> f32 {
    (v / GRID_STEP).round() * GRID_STEP
}

/// The first grid line at or after `v`.
pub(super) fn snap_up(v: f32) -> f32 {
    // A value a rounding error past a grid line is on it.
    ((v - 0.01) / GRID_STEP).ceil() * GRID_STEP
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(piece: usize, rank: usize, order: usize, stage: Stage) -> Node {
        Node {
            size: crate::model::DEFAULT_BLOCK_SIZE,
            stage,
            slot: Slot {
                piece,
                rank,
                order,
                lane: order as i64,
            },
        }
    }

    #[test]
    fn a_chain_stays_on_one_row_and_a_branch_stacks_below() {
        let nodes = [
            node(0, 0, 0, Stage::Online),
            node(0, 1, 0, Stage::Online),
            node(0, 1, 1, Stage::Online),
            node(0, 2, 0, Stage::Online),
        ];
        let (at, _) = place(
            &nodes,
            &[(0, 1), (0, 2), (2, 3)],
            Pos::new(40.0, 60.0),
            Holding::Layered,
        );
        assert_eq!(at[0], Pos::new(40.0, 60.0));
        assert_eq!(at[1], Pos::new(320.0, 60.0));
        assert_eq!(at[2], Pos::new(320.0, 180.0));
        // Level with its one predecessor, not pulled up to the top.
        assert_eq!(at[3], Pos::new(600.0, 180.0));
    }

    #[test]
    fn the_offline_band_lies_below_the_online_one() {
        let nodes = [node(0, 0, 1, Stage::Offline), node(0, 1, 0, Stage::Online)];
        let (at, _) = place(&nodes, &[(0, 1)], Pos::new(40.0, 60.0), Holding::Layered);
        assert_eq!(at[1].y, 60.0);
        assert_eq!(at[0].y, snap_up(60.0 + 64.0 + BAND_GAP));
    }

    #[test]
    fn snapping_keeps_values_already_on_the_grid() {
        assert_eq!(snap_up(120.0), 120.0);
        assert_eq!(snap_up(120.5), 140.0);
        assert_eq!(snap(29.0), 20.0);
    }
}
