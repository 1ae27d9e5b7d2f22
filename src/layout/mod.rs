//! Tidy: a board laid out in layers from left to right, Online blocks in a band above Offline
//! ones, frames refitted around the blocks they held; and how many arrows cross.

mod bands;
mod layers;
mod place;
mod refine;

use std::collections::{BTreeMap, BTreeSet};

use crate::catalog::{Catalog, Stage};
use crate::model::{Block, BlockId, Board, Edit, FrameId, Pos, Rect};
use crate::style::GRID_STEP;

pub use place::{BAND_GAP, PIECE_GAP, RANK_GAP, STACK_GAP};

/// Which columns the blocks are put in before they are stacked.
enum Layering {
    /// Each band by its own arrows, its blocks given to dagre in id order or in reverse (dagre
    /// breaks cycles and ties by order); see [`bands::layer`].
    Bands { reversed: bool },
    /// The whole board by all its arrows at once; see [`layers::layer`].
    Whole,
}

/// The kind of the block standing for the user: a loop through it starts there.
const CLIENT_KIND: &str = "client";

/// Space a frame leaves around its blocks.
pub const FRAME_MARGIN: f32 = 24.0;
/// Extra space a frame leaves above its blocks, for its title.
pub const FRAME_TITLE_ROOM: f32 = 20.0;
/// Where a laid-out board starts: the top-left corner of its first block. The frames' margins
/// and titles fit between it and the origin.
pub const ORIGIN: Pos = Pos::new(40.0, 60.0);

/// Where Tidy puts things: the new top-left corner of every block laid out, and the new
/// rectangle of every frame that changes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Placement {
    pub blocks: BTreeMap<BlockId, Pos>,
    pub frames: BTreeMap<FrameId, Rect>,
}

impl Placement {
    /// The edits that move `board`'s blocks and frames there, leaving out those that would
    /// change nothing; empty when nothing moves.
    pub fn edits(&self, board: &Board) -> Vec<Edit> {
        let blocks = self.blocks.iter().filter_map(|(id, pos)| {
            let block = board.block(*id)?;
            (block.pos != *pos).then(|| Edit::SetBlockRect {
                id: *id,
                rect: Rect::new(*pos, block.size),
            })
        });
        let frames = self.frames.iter().filter_map(|(id, rect)| {
            (board.frame(*id)?.rect != *rect).then_some(Edit::SetFrameRect {
                id: *id,
                rect: *rect,
            })
        });
        blocks.chain(frames).collect()
    }
}

/// Lays `board` out: every block, or with `only` just those blocks (and the arrows among
/// them), placed so that their bounding box keeps its top-left corner (on the grid) while
/// the other blocks stay, then moved down together as far as it takes to overlap none of
/// those. Online blocks go in a band above Offline ones (see [`stages`]),
/// each band in columns by the flow of its arrows (dagre's layering of each connected piece;
/// an arrow points left to right unless it closes a cycle), the Offline band shifted under
/// the blocks its arrows lead to or come from; each column stacked in dagre's order with
/// chains kept level, then rearranged on a small board for fewer crossings; on the grid, no
/// two blocks overlapping. Every frame that
/// held a block that moves is refitted around the blocks it held ([`Refit::Fit`]). The same
/// board always gives the same placement, whatever the blocks' old positions (except through
/// the frames they lie in).
pub fn tidy(board: &Board, catalog: &Catalog, only: Option<&BTreeSet<BlockId>>) -> Placement {
    let stages = stages(board, catalog);
    let chosen: BTreeSet<BlockId> = match only {
        Some(only) => only
            .iter()
            .copied()
            .filter(|id| board.blocks.contains_key(id))
            .collect(),
        None => board.blocks.keys().copied().collect(),
    };
    let mut blocks = arrange(board, &chosen, &stages);
    if only.is_some() {
        let bounds = |at: &dyn Fn(&Block) -> Pos| {
            chosen
                .iter()
                .filter_map(|id| board.block(*id))
                .map(|b| Rect::new(at(b), b.size))
                .reduce(|a, b| a.union(&b))
        };
        if let (Some(before), Some(after)) = (bounds(&|b| b.pos), bounds(&|b| blocks[&b.id])) {
            let shift = before.min.snapped(GRID_STEP) - after.min;
            for pos in blocks.values_mut() {
                *pos = *pos + shift;
            }
        }
        clear_of_others(board, &mut blocks);
    }
    let frames = refit_frames(board, &blocks, Refit::Fit);
    Placement { blocks, frames }
}

/// Moves the laid-out `blocks` (a selection) down together, a grid step at a time past what
/// is in the way, until none of them overlaps a block that was not laid out.
fn clear_of_others(board: &Board, blocks: &mut BTreeMap<BlockId, Pos>) {
    let others: Vec<Rect> = board
        .blocks
        .values()
        .filter(|b| !blocks.contains_key(&b.id))
        .map(|b| b.rect().expand(place::STACK_GAP * 0.5))
        .collect();
    let sizes: BTreeMap<BlockId, crate::model::Vec2> = blocks
        .keys()
        .filter_map(|id| Some((*id, board.block(*id)?.size)))
        .collect();
    // Each pass moves below the lowest block in the way, so there are at most as many
    // passes as other blocks.
    for _ in 0..=others.len() {
        let in_way = blocks
            .iter()
            .filter_map(|(id, pos)| {
                let placed = Rect::new(*pos, sizes[id]);
                others
                    .iter()
                    .filter(|o| o.intersects(&placed))
                    .map(|o| o.max().y - placed.min.y)
                    .reduce(f32::max)
            })
            .reduce(f32::max);
        let Some(down) = in_way else {
            return;
        };
        let down = place::snap_up(down.max(GRID_STEP));
        for pos in blocks.values_mut() {
            pos.y += down;
        }
    }
}

/// The top-left corners of `blocks` laid out as [`tidy`] does, with the arrows among them and
/// each block's stage from `stages` (Online when missing), the first block at [`ORIGIN`].
pub fn arrange(
    board: &Board,
    blocks: &BTreeSet<BlockId>,
    stages: &BTreeMap<BlockId, Stage>,
) -> BTreeMap<BlockId, Pos> {
    let chosen: Vec<&Block> = blocks.iter().filter_map(|id| board.block(*id)).collect();
    let index: BTreeMap<BlockId, usize> =
        chosen.iter().enumerate().map(|(i, b)| (b.id, i)).collect();
    // In block id order, whatever order the file listed the arrows in.
    let edges: BTreeSet<(usize, usize)> = board
        .edges
        .values()
        .filter_map(|e| Some((*index.get(&e.from)?, *index.get(&e.to)?)))
        .filter(|(a, b)| a != b)
        .collect();
    let edges: Vec<(usize, usize)> = edges.into_iter().collect();
    // A loop through the user closes with the answer returned to them: the layering sees the
    // arrows into a client on a loop turned round, so the client starts the flow.
    let cycle = layers::cycles(chosen.len(), &edges);
    let layered: BTreeSet<(usize, usize)> = edges
        .iter()
        .map(|&(a, b)| {
            if chosen[b].kind == CLIENT_KIND && cycle[a] == cycle[b] {
                (b, a)
            } else {
                (a, b)
            }
        })
        .collect();
    let layered: Vec<(usize, usize)> = layered.into_iter().collect();
    let sizes: Vec<_> = chosen.iter().map(|b| b.size).collect();
    let stage_of: Vec<Stage> = chosen
        .iter()
        .map(|b| stages.get(&b.id).copied().unwrap_or(Stage::Online))
        .collect();
    // Whether an arrow between Online blocks lies on a loop (the two holdings then differ).
    let online_loop = edges.iter().any(|&(a, b)| {
        stage_of[a] == Stage::Online && stage_of[b] == Stage::Online && cycle[a] == cycle[b]
    });
    // A board small enough to refine tries three layerings and keeps the drawing with the
    // fewest faults (the first on a tie).
    let layerings: &[Layering] = if chosen.len() <= refine::MOST_BLOCKS {
        &[
            Layering::Bands { reversed: false },
            Layering::Bands { reversed: true },
            Layering::Whole,
        ]
    } else {
        &[Layering::Bands { reversed: false }]
    };
    let positions = layerings
        .iter()
        .flat_map(|layering| {
            let slots = match layering {
                Layering::Bands { reversed } => {
                    bands::layer(&sizes, &stage_of, &layered, *reversed)
                }
                Layering::Whole => layers::layer(&sizes, &layered),
            };
            let nodes: Vec<place::Node> = sizes
                .iter()
                .zip(&stage_of)
                .zip(slots)
                .map(|((size, stage), slot)| place::Node {
                    size: *size,
                    stage: *stage,
                    slot,
                })
                .collect();
            // Round a loop, the flow left to right first; then, on a board small enough to
            // refine, the loop free to turn where that crosses fewer arrows.
            let mut holdings = vec![refine::Holding::Layered];
            if nodes.len() <= refine::MOST_BLOCKS && online_loop {
                holdings.push(refine::Holding::OffLoops(&cycle));
            }
            holdings
                .into_iter()
                .map(|holding| {
                    let (at, cost) = place::place(&nodes, &edges, ORIGIN, holding);
                    // A loop turned round wins only by fewer arrows through blocks or
                    // crossing; on a tie there, the flow left to right does.
                    let turned = holding != refine::Holding::Layered;
                    let rank = cost.map(|c| ((c.0, c.1), turned, c));
                    (at, rank)
                })
                .collect::<Vec<_>>()
        })
        .reduce(|best, next| match (&best.1, &next.1) {
            (Some(a), Some(b)) if b < a => next,
            _ => best,
        })
        .map(|(at, _)| at)
        .unwrap_or_default();
    chosen.iter().map(|b| b.id).zip(positions).collect()
}

/// Every block's stage: that of the smallest frame holding it whose label names a stage
/// ("Online: prediction pipeline", "offline"); else, in a frame naming none, the stage most
/// blocks of the largest such frame have by their kind (Online on a tie); else its kind's
/// stage hint in the catalog; else Online.
pub fn stages(board: &Board, catalog: &Catalog) -> BTreeMap<BlockId, Stage> {
    let hint = |b: &Block| {
        catalog
            .kind(&b.kind)
            .and_then(|k| k.stage)
            .unwrap_or(Stage::Online)
    };
    let members = members(board);
    let frame_stage: BTreeMap<FrameId, (Option<Stage>, Stage)> = members
        .iter()
        .filter_map(|(id, blocks)| {
            let frame = board.frame(*id)?;
            let offline = blocks
                .iter()
                .filter_map(|b| board.block(*b))
                .filter(|b| hint(b) == Stage::Offline)
                .count();
            let most = if 2 * offline > blocks.len() {
                Stage::Offline
            } else {
                Stage::Online
            };
            Some((*id, (Stage::named_in(&frame.label), most)))
        })
        .collect();
    let mut holding: BTreeMap<BlockId, Vec<FrameId>> = BTreeMap::new();
    for (frame, blocks) in &members {
        for block in blocks {
            holding.entry(*block).or_default().push(*frame);
        }
    }
    let area = |id: &FrameId| {
        board
            .frame(*id)
            .map_or(0.0, |f| f.rect.size.x * f.rect.size.y)
    };
    board
        .blocks
        .values()
        .map(|block| {
            let frames = holding.get(&block.id).map_or(&[][..], Vec::as_slice);
            let named = frames
                .iter()
                .filter_map(|f| Some((area(f), *f, frame_stage.get(f)?.0?)))
                .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            let largest = frames
                .iter()
                .max_by(|a, b| area(a).total_cmp(&area(b)).then(b.cmp(a)));
            let stage = match (named, largest) {
                (Some((_, _, stage)), _) => stage,
                (None, Some(frame)) => frame_stage.get(frame).map_or(hint(block), |s| s.1),
                (None, None) => hint(block),
            };
            (block.id, stage)
        })
        .collect()
}

/// The blocks each frame holds (lying wholly inside it), in id order; frames holding none are
/// left out.
fn members(board: &Board) -> BTreeMap<FrameId, Vec<BlockId>> {
    board
        .frames
        .values()
        .map(|f| (f.id, board.blocks_inside(&f.rect)))
        .filter(|(_, blocks)| !blocks.is_empty())
        .collect()
}

/// A frame's rectangle around blocks whose bounds are `bounds`: [`FRAME_MARGIN`] on every
/// side and [`FRAME_TITLE_ROOM`] more above.
pub fn frame_around(bounds: Rect) -> Rect {
    let mut rect = bounds.expand(FRAME_MARGIN);
    rect.min.y -= FRAME_TITLE_ROOM;
    rect.size.y += FRAME_TITLE_ROOM;
    rect
}

/// What happens to a frame whose blocks move.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refit {
    /// Fitted around its blocks as [`frame_around`] draws it.
    Fit,
    /// Grown just enough to hold them still, never shrunk.
    Grow,
}

/// The new rectangles of the frames that held a block of `moved` (block -> new top-left),
/// held around the same blocks: a frame holding another frame holds its new rectangle too.
/// Frames holding no block, and those that would not change, are left out.
pub fn refit_frames(
    board: &Board,
    moved: &BTreeMap<BlockId, Pos>,
    how: Refit,
) -> BTreeMap<FrameId, Rect> {
    let members = members(board);
    let rect_of = |b: &Block| Rect::new(moved.get(&b.id).copied().unwrap_or(b.pos), b.size);
    // Inner frames first, so that a frame around them knows their new rectangles.
    let mut frames: Vec<_> = board
        .frames
        .values()
        .filter(|f| members.contains_key(&f.id))
        .collect();
    frames.sort_by(|a, b| {
        let area = |r: &Rect| r.size.x * r.size.y;
        area(&a.rect)
            .total_cmp(&area(&b.rect))
            .then(a.id.cmp(&b.id))
    });
    let mut out: BTreeMap<FrameId, Rect> = BTreeMap::new();
    for (k, frame) in frames.iter().enumerate() {
        let blocks = members.get(&frame.id).map_or(&[][..], Vec::as_slice);
        let shifted = blocks.iter().any(|id| {
            board
                .block(*id)
                .is_some_and(|b| moved.get(id).is_some_and(|p| *p != b.pos))
        });
        let inner: Vec<Rect> = frames[..k]
            .iter()
            .filter(|f| frame.rect.contains_rect(&f.rect))
            .filter_map(|f| out.get(&f.id).copied())
            .collect();
        if !shifted && inner.is_empty() {
            continue;
        }
        let Some(bounds) = blocks
            .iter()
            .filter_map(|id| board.block(*id))
            .map(rect_of)
            .reduce(|a, b| a.union(&b))
        else {
            continue;
        };
        let mut rect = inner
            .iter()
            .fold(frame_around(bounds), |acc, r| acc.union(r));
        if how == Refit::Grow {
            rect = rect.union(&frame.rect);
        }
        if rect != frame.rect {
            out.insert(frame.id, rect);
        }
    }
    out
}

/// How many pairs of arrows cross, each drawn as a straight line between its blocks' centres;
/// two arrows that share a block never count.
pub fn crossings(board: &Board) -> usize {
    let segments: Vec<(BlockId, BlockId, Pos, Pos)> = board
        .edges
        .values()
        .filter_map(|e| {
            let (from, to) = (board.block(e.from)?, board.block(e.to)?);
            Some((e.from, e.to, from.rect().center(), to.rect().center()))
        })
        .collect();
    let mut count = 0;
    for (i, a) in segments.iter().enumerate() {
        for b in &segments[i + 1..] {
            let shared = a.0 == b.0 || a.0 == b.1 || a.1 == b.0 || a.1 == b.1;
            if !shared && segments_meet((a.2, a.3), (b.2, b.3)) {
                count += 1;
            }
        }
    }
    count
}

/// True when two segments have a point in common.
fn segments_meet(p: (Pos, Pos), q: (Pos, Pos)) -> bool {
    /// Which side of the line a -> b the point c lies on: 1, -1, or 0 on the line.
    fn side(a: Pos, b: Pos, c: Pos) -> i8 {
        let cross = (f64::from(b.x) - f64::from(a.x)) * (f64::from(c.y) - f64::from(a.y))
            - (f64::from(b.y) - f64::from(a.y)) * (f64::from(c.x) - f64::from(a.x));
        match cross.partial_cmp(&0.0) {
            Some(std::cmp::Ordering::Greater) => 1,
            Some(std::cmp::Ordering::Less) => -1,
            _ => 0,
        }
    }
    fn within(a: Pos, b: Pos, c: Pos) -> bool {
        c.x >= a.x.min(b.x) && c.x <= a.x.max(b.x) && c.y >= a.y.min(b.y) && c.y <= a.y.max(b.y)
    }
    let (d1, d2) = (side(q.0, q.1, p.0), side(q.0, q.1, p.1));
    let (d3, d4) = (side(p.0, p.1, q.0), side(p.0, p.1, q.1));
    if d1 * d2 < 0 && d3 * d4 < 0 {
        return true;
    }
    (d1 == 0 && within(q.0, q.1, p.0))
        || (d2 == 0 && within(q.0, q.1, p.1))
        || (d3 == 0 && within(p.0, p.1, q.0))
        || (d4 == 0 && within(p.0, p.1, q.1))
}

#[cfg(test)]
mod tests;
