//! Straight arrows kept readable on small boards: blocks moved, one at a time, to another row
//! of their column (swapped with the block there, or with room made), to a new top row, to
//! another column their arrows allow, or to the place of a block in another column (the two
//! swapped), while that lowers, in this order, the arrows running through a block, the pairs
//! of crossing arrows, the arrows that do not point right, how far arrows run (across and up
//! or down), and the height used. Arrows between Online blocks hold their blocks in order
//! (see [`Holding`]); the Offline band and the arrows between the bands are free to go where
//! they cross least.
//!
//! A drawing here is a state vector: every block's row (within its strip), then every
//! block's column (`state[n + i]` for block `i` of `n`).

use std::collections::BTreeMap;

use super::place::{Node, STACK_GAP, Strip, snap_up};
use crate::catalog::Stage;
use crate::model::{Pos, Rect};

/// Boards up to this many blocks are refined: each try measures the whole drawing again.
pub(super) const MOST_BLOCKS: usize = 80;
/// Most passes over all blocks.
const ROUNDS: usize = 8;
/// Boards up to this many blocks where arrows still run through blocks or cross try harder.
const KICK_BLOCKS: usize = 24;
/// Most work one start may do, in steps of measuring a drawing (a block, an arrow against a
/// block, a pair of arrows): about a tenth of a second, whatever the board.
const WORK_PER_START: usize = 5_000_000;
/// Most kicks in a row, each from the best drawing the last one found.
const KICKS: usize = 4;
/// How far an arrow keeps from a block it passes.
const CLEARANCE: f32 = 8.0;

/// A drawing's faults, worst first: arrows through blocks, crossing pairs, arrows within a band
/// that do not point right, the total run of the arrows (across plus up or down), and the
/// height used.
pub(super) type Cost = (usize, usize, usize, u64, u64);

/// Which arrows between Online blocks hold a block to the columns after its predecessors'.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Holding<'a> {
    /// Every arrow the layering points right: only those it turned back to break a loop are
    /// free, so the flow reads left to right all the way round a loop.
    Layered,
    /// Only the arrows that close no loop (given each node's loop, see
    /// [`super::layers::cycles`]): the blocks of a loop may also be drawn round it the other
    /// way, where that crosses fewer arrows.
    OffLoops(&'a [usize]),
}

/// What stays fixed while blocks move: the blocks, arrows and strips, each strip's rows, and
/// the columns.
struct Grid<'a> {
    nodes: &'a [Node],
    edges: &'a [(usize, usize)],
    strips: &'a [Strip],
    strip_of: Vec<usize>,
    /// Each strip's row height: its tallest block and the stacking gap, on the grid.
    pitch: Vec<f32>,
    /// Each column's left edge and width.
    columns: Vec<(f32, f32)>,
    top: f32,
    /// Whether each arrow holds its ends in order (see [`Holding`]).
    holds: Vec<bool>,
    /// Work done since the current start, in `cost` units (see [`WORK_PER_START`]).
    spent: std::cell::Cell<usize>,
}

/// Moves the blocks at `at` (as stacked) between rows to make straight arrows clearer.
pub(super) fn refine(
    nodes: &[Node],
    edges: &[(usize, usize)],
    strips: &[Strip],
    at: &mut [Pos],
    (top, holding): (f32, Holding<'_>),
) -> Cost {
    let mut strip_of = vec![0; nodes.len()];
    for (k, strip) in strips.iter().enumerate() {
        for &i in &strip.members {
            strip_of[i] = k;
        }
    }
    let pitch = strips
        .iter()
        .map(|s| {
            let tallest = s
                .members
                .iter()
                .map(|&i| nodes[i].size.y)
                .fold(0.0, f32::max);
            snap_up(tallest + STACK_GAP)
        })
        .collect();
    let grid = Grid {
        nodes,
        edges,
        strips,
        strip_of,
        pitch,
        columns: columns(nodes, at),
        top,
        holds: holds(nodes, edges, holding),
        spent: std::cell::Cell::new(0),
    };
    let stacked = grid.rows_of(at);
    // From the stacking and from dagre's lanes, each also upside down; the best result wins.
    let lanes = grid.lanes();
    let (rows, cost) = [
        grid.start(&stacked, false),
        grid.start(&stacked, true),
        grid.start(&lanes, false),
        grid.start(&lanes, true),
    ]
    .into_iter()
    .map(|start| {
        grid.spent.set(0);
        let (state, cost) = grid.descend(start);
        grid.kick(state, cost)
    })
    .min_by(|a, b| a.1.cmp(&b.1))
    .unwrap_or_else(|| (stacked.clone(), grid.cost(&stacked)));
    let placed = grid.positions(&rows);
    at.copy_from_slice(&placed);
    cost
}

impl Grid<'_> {
    /// A drawing as it is, or with each column of each strip upside down.
    fn start(&self, stacked: &[usize], flip: bool) -> Vec<usize> {
        if !flip {
            return stacked.to_vec();
        }
        let mut last: BTreeMap<(usize, usize), usize> = BTreeMap::new();
        for (i, node) in self.nodes.iter().enumerate() {
            let key = (self.strip_of[i], node.slot.rank);
            let top = last.entry(key).or_insert(0);
            *top = (*top).max(stacked[i]);
        }
        (0..self.nodes.len())
            .map(|i| last[&(self.strip_of[i], self.nodes[i].slot.rank)] - stacked[i])
            .chain(stacked[self.nodes.len()..].iter().copied())
            .collect()
    }

    /// Each block on the row of its lane: the lanes of a strip, numbered from the top.
    fn lanes(&self) -> Vec<usize> {
        let mut rows = vec![0; self.nodes.len()];
        rows.extend(self.nodes.iter().map(|n| n.slot.rank));
        for strip in self.strips {
            let mut lanes: Vec<i64> = strip
                .members
                .iter()
                .map(|&i| self.nodes[i].slot.lane)
                .collect();
            lanes.sort_unstable();
            lanes.dedup();
            for &i in &strip.members {
                rows[i] = lanes.binary_search(&self.nodes[i].slot.lane).unwrap_or(0);
            }
        }
        // Blocks that met in one lane of one column (pieces shifted into the same columns)
        // take the next free rows.
        let mut by_place: Vec<usize> = (0..self.nodes.len()).collect();
        by_place.sort_by_key(|&i| (self.strip_of[i], self.nodes[i].slot.rank, rows[i], i));
        let mut last: Option<((usize, usize), usize)> = None;
        for i in by_place {
            let key = (self.strip_of[i], self.nodes[i].slot.rank);
            if let Some((at, row)) = last
                && at == key
            {
                rows[i] = rows[i].max(row + 1);
            }
            last = Some((key, rows[i]));
        }
        rows
    }

    /// Moves blocks while that lowers the cost, for at most `ROUNDS` passes and within the
    /// start's work.
    fn descend(&self, mut rows: Vec<usize>) -> (Vec<usize>, Cost) {
        let grid = self;
        let mut cost = grid.cost(&rows);
        for _ in 0..ROUNDS {
            let before = cost;
            for i in 0..self.nodes.len() {
                if self.exhausted() {
                    return (rows, cost);
                }
                if let Some((better, moved)) = grid.best_move(&rows, i, cost) {
                    cost = better;
                    rows = moved;
                }
            }
            (rows, cost) = grid.trim(rows, cost);
            if cost == before {
                break;
            }
        }
        (rows, cost)
    }

    /// The drawing as stacked: each block's row (measured from its strip's top; a taken row
    /// moves its block to the next free one) and column.
    fn rows_of(&self, at: &[Pos]) -> Vec<usize> {
        let mut rows = vec![0; self.nodes.len()];
        rows.extend(self.nodes.iter().map(|n| n.slot.rank));
        let mut taken = std::collections::BTreeSet::new();
        for (k, strip) in self.strips.iter().enumerate() {
            let top = strip
                .members
                .iter()
                .map(|&i| at[i].y)
                .fold(f32::MAX, f32::min);
            let mut members = strip.members.clone();
            members.sort_by(|&a, &b| at[a].y.total_cmp(&at[b].y).then(a.cmp(&b)));
            for i in members {
                let column = self.nodes[i].slot.rank;
                let mut row = ((at[i].y - top) / self.pitch[k]).round().max(0.0) as usize;
                while !taken.insert((k, column, row)) {
                    row += 1;
                }
                rows[i] = row;
            }
        }
        rows
    }

    /// Top-left corners: each strip below the one above it with its gap, each block on its row.
    fn positions(&self, rows: &[usize]) -> Vec<Pos> {
        let mut at = vec![Pos::default(); self.nodes.len()];
        let mut bottom = self.top;
        for (k, strip) in self.strips.iter().enumerate() {
            let top = if k == 0 {
                self.top
            } else {
                snap_up(bottom + strip.gap_before)
            };
            for &i in &strip.members {
                let (x, width) = self.columns[rows[self.nodes.len() + i]];
                let x = x + super::place::snap((width - self.nodes[i].size.x) * 0.5);
                at[i] = Pos::new(x, top + rows[i] as f32 * self.pitch[k]);
                bottom = bottom.max(at[i].y + self.nodes[i].size.y);
            }
        }
        at
    }

    /// True when the current start has used its share of work.
    fn exhausted(&self) -> bool {
        self.spent.get() >= WORK_PER_START
    }

    /// Measures a drawing, counting the work against the start's share.
    fn cost(&self, rows: &[usize]) -> Cost {
        let (n, e) = (self.nodes.len(), self.edges.len());
        self.spent.set(self.spent.get() + n + e * (n + e / 2));
        let at = self.positions(rows);
        let rect = |i: usize| Rect::new(at[i], self.nodes[i].size);
        let segments: Vec<(Pos, Pos)> = self
            .edges
            .iter()
            .map(|&(a, b)| (rect(a).center(), rect(b).center()))
            .collect();
        let mut through = 0;
        let mut run = 0u64;
        let mut backwards = 0;
        let rank = |i: usize| rows[self.nodes.len() + i];
        for (&(a, b), &(from, to)) in self.edges.iter().zip(&segments) {
            run += ((from.y - to.y).abs() + (from.x - to.x).abs()) as u64;
            if rank(b) <= rank(a) && self.nodes[a].stage == self.nodes[b].stage {
                backwards += 1;
            }
            let (lo, hi) = (rank(a).min(rank(b)), rank(a).max(rank(b)));
            through += (0..self.nodes.len())
                .filter(|&x| x != a && x != b && (lo..=hi).contains(&rank(x)))
                .filter(|&x| passes_through(from, to, &rect(x).expand(CLEARANCE)))
                .count();
        }
        let mut crossing = 0;
        for (n, (&(a, b), p)) in self.edges.iter().zip(&segments).enumerate() {
            for (&(c, d), q) in self.edges[n + 1..].iter().zip(&segments[n + 1..]) {
                let shared = a == c || a == d || b == c || b == d;
                if !shared && super::segments_meet(*p, *q) {
                    crossing += 1;
                }
            }
        }
        let height = at
            .iter()
            .zip(self.nodes)
            .map(|(p, n)| p.y + n.size.y)
            .fold(self.top, f32::max);
        (
            through,
            crossing,
            backwards,
            run,
            (height - self.top) as u64,
        )
    }

    /// The best drawing reached by one move of block `i` (see [`Grid::moves`]), if it costs
    /// less than `now`.
    fn best_move(&self, state: &[usize], i: usize, now: Cost) -> Option<(Cost, Vec<usize>)> {
        let mut best: Option<(Cost, Vec<usize>)> = None;
        for tried in self.moves(state, i) {
            let cost = self.cost(&tried);
            if cost < best.as_ref().map_or(now, |b| b.0) {
                best = Some((cost, tried));
            }
        }
        best
    }

    /// Every drawing one move of block `i` makes: to another row of its column (swapping with
    /// the block there, or that block and those below it making room), to a new row above
    /// its strip, to a free row of another column it may take (see [`Grid::slack`]), or to
    /// the place of a block of another column that may take its place in turn.
    fn moves(&self, state: &[usize], i: usize) -> Vec<Vec<usize>> {
        let k = self.strip_of[i];
        let n = self.nodes.len();
        let column = state[n + i];
        let mut at_row: BTreeMap<usize, usize> = BTreeMap::new();
        let mut last = 0;
        for &j in &self.strips[k].members {
            last = last.max(state[j]);
            if state[n + j] == column {
                at_row.insert(state[j], j);
            }
        }
        let mut out = Vec::new();
        let mut above = state.to_vec();
        for &j in &self.strips[k].members {
            above[j] += 1;
        }
        above[i] = 0;
        out.push(above);
        for row in (0..=last + 1).filter(|&row| row != state[i]) {
            let mut swapped = state.to_vec();
            swapped[i] = row;
            if let Some(&other) = at_row.get(&row) {
                swapped[other] = state[i];
            }
            let mut inserted = state.to_vec();
            for (&r, &j) in at_row.range(row..) {
                if j != i {
                    inserted[j] = r + 1;
                }
            }
            inserted[i] = row;
            out.push(swapped);
            out.push(inserted);
        }
        // Places swapped with a block of another column, where both may go.
        let (lo, hi) = self.span(state, i);
        for &j in &self.strips[k].members {
            let there = state[n + j];
            if there == column || !(lo..=hi).contains(&there) || !self.fits(i, there) {
                continue;
            }
            let (their_lo, their_hi) = self.span(state, j);
            if !(their_lo..=their_hi).contains(&column) || !self.fits(j, column) {
                continue;
            }
            let mut swapped = state.to_vec();
            swapped.swap(i, j);
            swapped.swap(n + i, n + j);
            out.push(swapped);
        }
        for other in self.slack(state, i) {
            let taken: std::collections::BTreeSet<usize> = self.strips[k]
                .members
                .iter()
                .filter(|&&j| state[n + j] == other)
                .map(|&j| state[j])
                .collect();
            for row in (0..=last + 1).filter(|r| !taken.contains(r)) {
                let mut tried = state.to_vec();
                tried[i] = row;
                tried[n + i] = other;
                out.push(tried);
            }
        }
        out
    }

    /// When arrows still run through blocks or cross on a small board: every move of a block
    /// those arrows touch, each followed by the descent, and the best result if it costs less.
    fn kick(&self, state: Vec<usize>, cost: Cost) -> (Vec<usize>, Cost) {
        let mut best = (state, cost);
        for _ in 0..KICKS {
            if (best.1.0, best.1.1) == (0, 0) || self.nodes.len() > KICK_BLOCKS {
                break;
            }
            let from = best.clone();
            for i in self.touched(&from.0) {
                for start in self.moves(&from.0, i) {
                    if self.exhausted() {
                        return best;
                    }
                    let tried = self.descend(start);
                    if tried.1 < best.1 {
                        best = tried;
                    }
                }
            }
            if best.1 == from.1 {
                break;
            }
        }
        best
    }

    /// The blocks an arrow runs through, those arrows' ends, and the ends of crossing arrows,
    /// in index order.
    fn touched(&self, state: &[usize]) -> std::collections::BTreeSet<usize> {
        let at = self.positions(state);
        let n = self.nodes.len();
        let rect = |i: usize| Rect::new(at[i], self.nodes[i].size);
        let mut out = std::collections::BTreeSet::new();
        for &(a, b) in self.edges {
            let (from, to) = (rect(a).center(), rect(b).center());
            for x in (0..n).filter(|&x| x != a && x != b) {
                if passes_through(from, to, &rect(x).expand(CLEARANCE)) {
                    out.extend([a, b, x]);
                }
            }
        }
        for (m, &(a, b)) in self.edges.iter().enumerate() {
            for &(c, d) in &self.edges[m + 1..] {
                let shared = a == c || a == d || b == c || b == d;
                let p = (rect(a).center(), rect(b).center());
                if !shared && super::segments_meet(p, (rect(c).center(), rect(d).center())) {
                    out.extend([a, b, c, d]);
                }
            }
        }
        out
    }

    /// The other columns block `i` can go to (see [`Grid::span`]) that are as wide as it.
    fn slack(&self, state: &[usize], i: usize) -> Vec<usize> {
        let now = state[self.nodes.len() + i];
        let (lo, hi) = self.span(state, i);
        (lo..=hi).filter(|&c| c != now && self.fits(i, c)).collect()
    }

    /// True when block `i` is no wider than column `c`.
    fn fits(&self, i: usize, c: usize) -> bool {
        self.columns[c].1 >= self.nodes[i].size.x
    }

    /// The first and last column block `i` can take with every arrow that holds its ends in
    /// order (see [`Holding`]) still pointing right.
    fn span(&self, state: &[usize], i: usize) -> (usize, usize) {
        let n = self.nodes.len();
        let now = state[n + i];
        let (mut lo, mut hi) = (0, self.columns.len().saturating_sub(1));
        for (&(a, b), _) in self.edges.iter().zip(&self.holds).filter(|(_, h)| **h) {
            if b == i && state[n + a] < now {
                lo = lo.max(state[n + a] + 1);
            }
            if a == i && state[n + b] > now {
                hi = hi.min(state[n + b] - 1);
            }
        }
        (lo, hi)
    }

    /// Drops rows no block of a strip uses, where that costs nothing.
    fn trim(&self, mut rows: Vec<usize>, mut cost: Cost) -> (Vec<usize>, Cost) {
        for strip in self.strips {
            let mut row = 0;
            loop {
                let used: Vec<usize> = strip.members.iter().map(|&i| rows[i]).collect();
                let Some(&last) = used.iter().max() else {
                    break;
                };
                if row > last {
                    break;
                }
                if used.contains(&row) {
                    row += 1;
                    continue;
                }
                let mut tried = rows.clone();
                for &i in &strip.members {
                    if tried[i] > row {
                        tried[i] -= 1;
                    }
                }
                let trimmed = self.cost(&tried);
                if trimmed <= cost {
                    rows = tried;
                    cost = trimmed;
                } else {
                    row += 1;
                }
            }
        }
        (rows, cost)
    }
}

/// Whether each arrow holds its ends in order: one between Online blocks that the layering
/// points right, and with `OffLoops` one that closes no loop either.
fn holds(nodes: &[Node], edges: &[(usize, usize)], holding: Holding<'_>) -> Vec<bool> {
    edges
        .iter()
        .map(|&(a, b)| {
            nodes[a].stage == Stage::Online
                && nodes[b].stage == Stage::Online
                && nodes[a].slot.rank < nodes[b].slot.rank
                && match holding {
                    Holding::Layered => true,
                    Holding::OffLoops(cycle) => cycle[a] != cycle[b],
                }
        })
        .collect()
}

/// Each column's left edge and width, from the stacked blocks.
fn columns(nodes: &[Node], at: &[Pos]) -> Vec<(f32, f32)> {
    let count = nodes.iter().map(|n| n.slot.rank + 1).max().unwrap_or(0);
    let mut columns = vec![(f32::MAX, 0.0f32); count];
    for (node, p) in nodes.iter().zip(at) {
        let column = &mut columns[node.slot.rank];
        column.0 = column.0.min(p.x);
        column.1 = column.1.max(node.size.x);
    }
    columns
}

/// True when the segment from `a` to `b` passes through `rect`.
fn passes_through(a: Pos, b: Pos, rect: &Rect) -> bool {
    // Clip the segment's parameter range to the rectangle's slab on each axis.
    let (mut t0, mut t1) = (0.0f32, 1.0f32);
    let max = rect.max();
    for (start, delta, lo, hi) in [
        (a.x, b.x - a.x, rect.min.x, max.x),
        (a.y, b.y - a.y, rect.min.y, max.y),
    ] {
        if delta.abs() < f32::EPSILON {
            if start < lo || start > hi {
                return false;
            }
            continue;
        }
        let (enter, leave) = {
            let (p, q) = ((lo - start) / delta, (hi - start) / delta);
            (p.min(q), p.max(q))
        };
        t0 = t0.max(enter);
        t1 = t1.min(leave);
        if t0 > t1 {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_segment_passes_through_a_rectangle_it_enters() {
        let r = Rect::new(Pos::new(10.0, 10.0), crate::model::Vec2::new(10.0, 10.0));
        assert!(passes_through(
            Pos::new(0.0, 15.0),
            Pos::new(30.0, 15.0),
            &r
        ));
        assert!(!passes_through(Pos::new(0.0, 0.0), Pos::new(30.0, 5.0), &r));
        assert!(!passes_through(
            Pos::new(0.0, 15.0),
            Pos::new(5.0, 15.0),
            &r
        ));
        assert!(passes_through(
            Pos::new(15.0, 0.0),
            Pos::new(15.0, 30.0),
            &r
        ));
    }
}
