//! One arrow's path: where it leaves and enters its blocks (ports spread along a side), a
//! straight line bent once around a block in its way, and an orthogonal path around every
//! block in its way (a shortest path with few turns over the lines the blocks' edges make).

use std::collections::{BTreeMap, BinaryHeap};

use super::{CLEARANCE, Obstacles, crosses};
use crate::model::geom::{Pos, Rect, Vec2};
use crate::model::{Board, EdgeId, Routing};

/// Space kept between an orthogonal path and the blocks it passes (less than the clearance
/// of its first and last legs, so that blocks close together leave a channel between them).
const PASSING: f32 = 8.0;
/// What a turn costs an orthogonal path, in board units of length.
const TURN: i64 = 40;
/// What running along another arrow's segment costs, in board units of length.
const SHARED: i64 = 2_000;
/// Most crossing lines an orthogonal search looks at, so a huge board stays quick.
const MAX_NODES: usize = 60_000;

/// Which end of an arrow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum End {
    From,
    To,
}

/// A side of a block.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Side {
    Left,
    Right,
    Top,
    Bottom,
}

impl Side {
    /// The way out of the block through this side.
    fn normal(self) -> Vec2 {
        match self {
            Side::Left => Vec2::new(-1.0, 0.0),
            Side::Right => Vec2::new(1.0, 0.0),
            Side::Top => Vec2::new(0.0, -1.0),
            Side::Bottom => Vec2::new(0.0, 1.0),
        }
    }

    fn horizontal(self) -> bool {
        matches!(self, Side::Left | Side::Right)
    }
}

/// Where an arrow leaves or enters a block.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Port {
    pub at: Pos,
    pub side: Side,
}

/// The side of `rect` through which the line from its centre towards `towards` leaves.
fn exit_side(rect: &Rect, towards: Pos) -> Side {
    let d = towards - rect.center();
    let (hw, hh) = (rect.size.x * 0.5, rect.size.y * 0.5);
    if d.x.abs() * hh >= d.y.abs() * hw {
        if d.x >= 0.0 { Side::Right } else { Side::Left }
    } else if d.y >= 0.0 {
        Side::Bottom
    } else {
        Side::Top
    }
}

/// The sides an arrow from `from` to `to` leaves and enters by.
fn sides(from: &Rect, to: &Rect, routing: Routing) -> (Side, Side) {
    match routing {
        Routing::Straight => (exit_side(from, to.center()), exit_side(to, from.center())),
        Routing::Elbow => {
            let d = to.center() - from.center();
            let gap_x = (d.x.abs() - (from.size.x + to.size.x) * 0.5).max(0.0);
            let gap_y = (d.y.abs() - (from.size.y + to.size.y) * 0.5).max(0.0);
            if gap_x >= gap_y {
                if d.x >= 0.0 {
                    (Side::Right, Side::Left)
                } else {
                    (Side::Left, Side::Right)
                }
            } else if d.y >= 0.0 {
                (Side::Bottom, Side::Top)
            } else {
                (Side::Top, Side::Bottom)
            }
        }
    }
}

/// The point `along` units from the start (top or left) of a side.
fn side_point(rect: &Rect, side: Side, along: f32) -> Pos {
    let max = rect.max();
    match side {
        Side::Left => Pos::new(rect.min.x, rect.min.y + along),
        Side::Right => Pos::new(max.x, rect.min.y + along),
        Side::Top => Pos::new(rect.min.x + along, rect.min.y),
        Side::Bottom => Pos::new(rect.min.x + along, max.y),
    }
}

/// An arrow end on a side of a block: where along the side its other block lies, the arrow,
/// which end, its natural point, and how it is routed.
type Attachment = (f32, EdgeId, End, Pos, Routing);

/// Every arrow end's port. An end alone on its side of a block takes the natural point (a
/// straight arrow where the line between the centres crosses the border, an elbow arrow the
/// middle of the side); several ends on one side are spread along it, in the order of the
/// blocks they come from, so that they neither meet nor cross there.
pub(super) fn ports(board: &Board) -> BTreeMap<(EdgeId, End), Port> {
    let mut sides_of: BTreeMap<(crate::model::BlockId, Side), Vec<Attachment>> = BTreeMap::new();
    for edge in board.edges.values() {
        let (Some(from), Some(to)) = (board.block(edge.from), board.block(edge.to)) else {
            continue;
        };
        let (a, b) = (from.rect(), to.rect());
        let (side_a, side_b) = sides(&a, &b, edge.routing);
        for (block, rect, side, other, end) in [
            (from.id, a, side_a, b, End::From),
            (to.id, b, side_b, a, End::To),
        ] {
            let key = if side.horizontal() {
                other.center().y
            } else {
                other.center().x
            };
            let natural = match edge.routing {
                Routing::Straight => crate::model::route::border_point(&rect, other.center()),
                Routing::Elbow => {
                    let len = if side.horizontal() {
                        rect.size.y
                    } else {
                        rect.size.x
                    };
                    side_point(&rect, side, len * 0.5)
                }
            };
            sides_of.entry((block, side)).or_default().push((
                key,
                edge.id,
                end,
                natural,
                edge.routing,
            ));
        }
    }
    let mut ports = BTreeMap::new();
    for ((block, side), mut ends) in sides_of {
        let Some(rect) = board.block(block).map(crate::model::Block::rect) else {
            continue;
        };
        if let [(_, id, end, natural, _)] = ends.as_slice() {
            ports.insert((*id, *end), Port { at: *natural, side });
            continue;
        }
        ends.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let len = if side.horizontal() {
            rect.size.y
        } else {
            rect.size.x
        };
        let n = ends.len() as f32;
        for (i, (_, id, end, _, _)) in ends.into_iter().enumerate() {
            let along = len * (i as f32 + 1.0) / (n + 1.0);
            ports.insert(
                (id, end),
                Port {
                    at: side_point(&rect, side, along),
                    side,
                },
            );
        }
    }
    ports
}

/// A straight arrow: one segment, or, with a block in the way, the shortest path with one
/// bend that clears every block; failing that, an orthogonal path.
pub(super) fn straight(blocks: &Obstacles, taken: &Taken, start: Port, end: Port) -> Vec<Pos> {
    let (a, b) = (start.at, end.at);
    if !blocks.blocks(a, b, 0.0) {
        return vec![a, b];
    }
    let area = Rect::from_corners(a, b).expand(1.0);
    let mut candidates = vec![Pos::new(a.x, b.y), Pos::new(b.x, a.y)];
    for (_, rect) in blocks.near(&area) {
        if crosses(a, b, &rect) {
            let r = rect.expand(CLEARANCE);
            let (max, c) = (r.max(), r.center());
            candidates.extend([
                r.min,
                Pos::new(max.x, r.min.y),
                Pos::new(r.min.x, max.y),
                max,
            ]);
            // Further out beside the block, for a line that runs along it.
            for out in [40.0, 100.0, 200.0, 400.0] {
                candidates.extend([
                    Pos::new(c.x, r.min.y - out),
                    Pos::new(c.x, max.y + out),
                    Pos::new(r.min.x - out, c.y),
                    Pos::new(max.x + out, c.y),
                ]);
            }
        }
    }
    let best = candidates
        .into_iter()
        .filter(|w| !blocks.blocks(a, *w, 0.0) && !blocks.blocks(*w, b, 0.0))
        .min_by(|p, q| {
            let len = |w: &Pos| a.distance(*w) + w.distance(b);
            len(p).total_cmp(&len(q))
        });
    match best {
        Some(w) => vec![a, w, b],
        None => orthogonal(blocks, taken, start, end),
    }
}

/// An orthogonal path from `start` to `end` around the blocks in its way: out of each block
/// by a short leg along the side's normal, then the path with the least length and turns
/// over the lines through the blocks' edges, searched in a box around the two ends that
/// grows until a path is found. Failing that (blocks packed too tight), the plain elbow.
pub(super) fn orthogonal(blocks: &Obstacles, taken: &Taken, start: Port, end: Port) -> Vec<Pos> {
    let s = start.at + start.side.normal() * CLEARANCE;
    let e = end.at + end.side.normal() * CLEARANCE;
    for grow in [120.0, 480.0, 1600.0] {
        let region = Rect::from_corners(s, e).expand(grow);
        let obstacles: Vec<Rect> = blocks
            .near(&region)
            .into_iter()
            .map(|(_, r)| r.expand(PASSING))
            .collect();
        if let Some(middle) = search(
            (s, start.side.horizontal()),
            (e, end.side.horizontal()),
            &obstacles,
            (&region, taken),
        ) {
            let mut points = vec![start.at];
            points.extend(middle);
            points.push(end.at);
            return at_least_two(simplify(points), start, end);
        }
    }
    at_least_two(plain_elbow(start, end), start, end)
}

/// A route has two points at least, even between blocks that overlap.
fn at_least_two(points: Vec<Pos>, start: Port, end: Port) -> Vec<Pos> {
    if points.len() >= 2 {
        points
    } else {
        vec![start.at, end.at]
    }
}

/// The elbow through the middle, from port to port, when no search finds a way.
fn plain_elbow(start: Port, end: Port) -> Vec<Pos> {
    let (a, b) = (start.at, end.at);
    let points = if start.side.horizontal() {
        let mid = (a.x + b.x) * 0.5;
        vec![a, Pos::new(mid, a.y), Pos::new(mid, b.y), b]
    } else {
        let mid = (a.y + b.y) * 0.5;
        vec![a, Pos::new(a.x, mid), Pos::new(b.x, mid), b]
    };
    simplify(points)
}

/// Drops repeated points and points in the middle of a straight run.
fn simplify(points: Vec<Pos>) -> Vec<Pos> {
    let mut out: Vec<Pos> = Vec::with_capacity(points.len());
    for p in points {
        if out.last().is_some_and(|q| q.distance(p) < 0.01) {
            continue;
        }
        if out.len() >= 2 {
            let (a, b) = (out[out.len() - 2], out[out.len() - 1]);
            let cross = (b.x - a.x) * (p.y - b.y) - (b.y - a.y) * (p.x - b.x);
            if cross.abs() < 0.01 {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

/// A search state: a crossing of two lines and the way the path arrived there.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct State {
    x: usize,
    y: usize,
    horizontal: bool,
}

/// The least-cost orthogonal path from `s` to `e` (each with the axis of its leg out of its
/// block) over the lines through the obstacles' edges and the two points, inside `region`.
fn search(
    (s, s_horizontal): (Pos, bool),
    (e, e_horizontal): (Pos, bool),
    obstacles: &[Rect],
    (region, taken): (&Rect, &Taken),
) -> Option<Vec<Pos>> {
    let inside = |p: Pos| obstacles.iter().any(|r| r.expand(-0.5).contains(p));
    if inside(s) || inside(e) {
        return None;
    }
    let mut xs = vec![s.x, e.x, region.min.x, region.max().x];
    let mut ys = vec![s.y, e.y, region.min.y, region.max().y];
    for r in obstacles {
        xs.extend([r.min.x, r.max().x]);
        ys.extend([r.min.y, r.max().y]);
    }
    let lines = |mut v: Vec<f32>, lo: f32, hi: f32| {
        v.retain(|c| *c >= lo && *c <= hi);
        v.sort_by(f32::total_cmp);
        v.dedup_by(|a, b| (*a - *b).abs() < 0.5);
        // Channels' middles too, so a path runs down the middle of a gap.
        let mids: Vec<f32> = v.windows(2).map(|w| (w[0] + w[1]) * 0.5).collect();
        v.extend(mids);
        v.sort_by(f32::total_cmp);
        v
    };
    let xs = lines(xs, region.min.x, region.max().x);
    let ys = lines(ys, region.min.y, region.max().y);
    if xs.len() * ys.len() > MAX_NODES {
        return None;
    }
    let index = |v: &[f32], c: f32| v.iter().position(|x| (x - c).abs() < 0.5);
    let (sx, sy, ex, ey) = (
        index(&xs, s.x)?,
        index(&ys, s.y)?,
        index(&xs, e.x)?,
        index(&ys, e.y)?,
    );
    let at = |x: usize, y: usize| Pos::new(xs[x], ys[y]);
    let free = |a: Pos, b: Pos| !obstacles.iter().any(|r| crosses(a, b, r)) && !inside(b);
    let heuristic = |x: usize, y: usize| {
        let p = at(x, y);
        ((p.x - e.x).abs() + (p.y - e.y).abs()) as i64
    };
    let start = State {
        x: sx,
        y: sy,
        horizontal: s_horizontal,
    };
    let mut best: BTreeMap<State, i64> = BTreeMap::new();
    let mut came: BTreeMap<State, State> = BTreeMap::new();
    let mut open = BinaryHeap::new();
    best.insert(start, 0);
    open.push(std::cmp::Reverse((heuristic(sx, sy), 0_i64, start)));
    while let Some(std::cmp::Reverse((_, cost, state))) = open.pop() {
        if best.get(&state).is_some_and(|c| *c < cost) {
            continue;
        }
        if (state.x, state.y) == (ex, ey) {
            return Some(walk_back(&came, state, &at));
        }
        let steps: [(isize, isize, bool); 4] =
            [(1, 0, true), (-1, 0, true), (0, 1, false), (0, -1, false)];
        for (dx, dy, horizontal) in steps {
            let (Some(nx), Some(ny)) = (
                state.x.checked_add_signed(dx),
                state.y.checked_add_signed(dy),
            ) else {
                continue;
            };
            if nx >= xs.len() || ny >= ys.len() {
                continue;
            }
            let (from, to) = (at(state.x, state.y), at(nx, ny));
            if !free(from, to) {
                continue;
            }
            let mut step = ((to.x - from.x).abs() + (to.y - from.y).abs()) as i64;
            if horizontal != state.horizontal {
                step += TURN;
            }
            // Running along another arrow is allowed only when nothing else will do.
            if taken.overlaps(from, to) {
                step += SHARED;
            }
            // Arriving across the last leg's axis costs the turn into it.
            if (nx, ny) == (ex, ey) && horizontal != e_horizontal {
                step += TURN;
            }
            let next = State {
                x: nx,
                y: ny,
                horizontal,
            };
            let total = cost + step;
            if best.get(&next).is_none_or(|c| total < *c) {
                best.insert(next, total);
                came.insert(next, state);
                open.push(std::cmp::Reverse((total + heuristic(nx, ny), total, next)));
            }
        }
    }
    None
}

fn walk_back(
    came: &BTreeMap<State, State>,
    mut state: State,
    at: &impl Fn(usize, usize) -> Pos,
) -> Vec<Pos> {
    let mut points = vec![at(state.x, state.y)];
    while let Some(prev) = came.get(&state) {
        points.push(at(prev.x, prev.y));
        state = *prev;
    }
    points.reverse();
    points
}

/// The axis-parallel segments arrows already use, by line: a new orthogonal path keeps off
/// them where it can.
#[derive(Debug, Default)]
pub(super) struct Taken {
    lines: BTreeMap<(bool, i64), Vec<(f32, f32)>>,
}

impl Taken {
    fn key(a: Pos, b: Pos) -> Option<((bool, i64), f32, f32)> {
        if (a.y - b.y).abs() < 0.01 && (a.x - b.x).abs() > 0.5 {
            Some((
                (true, (a.y * 2.0).round() as i64),
                a.x.min(b.x),
                a.x.max(b.x),
            ))
        } else if (a.x - b.x).abs() < 0.01 && (a.y - b.y).abs() > 0.5 {
            Some((
                (false, (a.x * 2.0).round() as i64),
                a.y.min(b.y),
                a.y.max(b.y),
            ))
        } else {
            None
        }
    }

    /// Records the axis-parallel segments of a polyline.
    pub(super) fn add(&mut self, points: &[Pos]) {
        for w in points.windows(2) {
            if let Some((line, lo, hi)) = Taken::key(w[0], w[1]) {
                self.lines.entry(line).or_default().push((lo, hi));
            }
        }
    }

    /// Records the first leg of a port: out of its block along the side's normal.
    pub(super) fn add_port(&mut self, port: Port) {
        self.add(&[port.at, port.at + port.side.normal() * CLEARANCE]);
    }

    /// Whether the segment `a`–`b` runs along a recorded one for more than a point.
    fn overlaps(&self, a: Pos, b: Pos) -> bool {
        let Some((line, lo, hi)) = Taken::key(a, b) else {
            return false;
        };
        self.lines
            .get(&line)
            .is_some_and(|list| list.iter().any(|(l, h)| hi.min(*h) - lo.max(*l) > 1.0))
    }
}
