//! Every arrow's route on a board, worked out once per board state: the arrows on one side
//! of a block get ports of their own, a straight arrow with a block in its way bends around
//! it, an elbow arrow goes around every block in its way, no two arrows share a segment,
//! and a label sits on its arrow clear of the blocks.

use std::collections::{BTreeMap, HashMap};

use super::geom::{Pos, Rect, Vec2};
use super::route;
use super::{BlockId, Board, EdgeId, Routing};

mod path;
#[cfg(test)]
mod tests;

/// Space a route keeps from a block it goes around.
pub const CLEARANCE: f32 = 16.0;
/// The radius of an elbow route's corners, as drawn.
pub const CORNER_RADIUS: f32 = 10.0;
/// How far apart two arrows that would share a segment are moved.
const NUDGE: f32 = 8.0;
/// Space between a label's plate and a block.
const LABEL_MARGIN: f32 = 4.0;

/// One arrow's route: its polyline (border to border, corners sharp; draw elbow routes with
/// [`rounded`]), where its label goes, and the box around both.
#[derive(Clone, Debug, PartialEq)]
pub struct Route {
    pub points: Vec<Pos>,
    pub label_at: Pos,
    /// The width the label wraps at: narrower than usual when that is what keeps it off the
    /// blocks (a long label between two close blocks takes more lines).
    pub label_wrap: f32,
    pub bounds: Rect,
}

/// The routes of every arrow of a board.
#[derive(Clone, Debug, Default)]
pub struct Routes {
    routes: BTreeMap<EdgeId, Route>,
}

impl Routes {
    /// Routes every arrow of `board` (an arrow whose block is missing gets none).
    pub fn of(board: &Board) -> Routes {
        let blocks = Obstacles::new(board);
        let ports = path::ports(board);
        // Every port's first leg is taken before any path is searched, so that no path runs
        // into another arrow's port.
        let mut taken = path::Taken::default();
        for port in ports.values() {
            taken.add_port(*port);
        }
        let mut routes = BTreeMap::new();
        for edge in board.edges.values() {
            let (Some(start), Some(end)) = (
                ports.get(&(edge.id, path::End::From)),
                ports.get(&(edge.id, path::End::To)),
            ) else {
                continue;
            };
            let points = match edge.routing {
                Routing::Straight => path::straight(&blocks, &taken, *start, *end),
                Routing::Elbow => path::orthogonal(&blocks, &taken, *start, *end),
            };
            taken.add(&points);
            routes.insert(edge.id, points);
        }
        separate(&mut routes, &blocks);
        // Labels are placed in arrow order, each clear of the blocks and of the labels before.
        let mut plates: Vec<Rect> = Vec::new();
        let routes = routes
            .into_iter()
            .map(|(id, points)| {
                let label = board.edge(id).map_or("", |e| e.label.as_str());
                let (label_at, label_wrap) = label_spot(&points, label, (&blocks, &mut plates));
                let bounds = bounds(&points);
                (
                    id,
                    Route {
                        points,
                        label_at,
                        label_wrap,
                        bounds,
                    },
                )
            })
            .collect();
        Routes { routes }
    }

    pub fn get(&self, id: EdgeId) -> Option<&Route> {
        self.routes.get(&id)
    }

    /// Every route, by arrow id.
    pub fn iter(&self) -> impl Iterator<Item = (EdgeId, &Route)> {
        self.routes.iter().map(|(id, r)| (*id, r))
    }

    pub fn len(&self) -> usize {
        self.routes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.routes.is_empty()
    }
}

/// The box around a polyline.
fn bounds(points: &[Pos]) -> Rect {
    let mut it = points.iter();
    let Some(first) = it.next() else {
        return Rect::default();
    };
    let (mut lo, mut hi) = (*first, *first);
    for p in it {
        lo = Pos::new(lo.x.min(p.x), lo.y.min(p.y));
        hi = Pos::new(hi.x.max(p.x), hi.y.max(p.y));
    }
    Rect::from_corners(lo, hi)
}

/// The blocks of a board, found by area quickly: a route only looks at the blocks near it.
pub struct Obstacles {
    rects: Vec<(BlockId, Rect)>,
    cells: HashMap<(i32, i32), Vec<usize>>,
}

/// The side of one cell of the obstacle index, in board units.
const CELL: f32 = 256.0;

fn cell_range(rect: &Rect) -> (std::ops::RangeInclusive<i32>, std::ops::RangeInclusive<i32>) {
    let max = rect.max();
    let to_cell = |v: f32| (v / CELL).floor().clamp(-1.0e6, 1.0e6) as i32;
    (
        to_cell(rect.min.x)..=to_cell(max.x),
        to_cell(rect.min.y)..=to_cell(max.y),
    )
}

impl Obstacles {
    pub fn new(board: &Board) -> Obstacles {
        let rects: Vec<(BlockId, Rect)> = board.blocks.values().map(|b| (b.id, b.rect())).collect();
        let mut cells: HashMap<(i32, i32), Vec<usize>> = HashMap::new();
        for (index, (_, rect)) in rects.iter().enumerate() {
            let (xs, ys) = cell_range(rect);
            for x in xs {
                for y in ys.clone() {
                    cells.entry((x, y)).or_default().push(index);
                }
            }
        }
        Obstacles { rects, cells }
    }

    /// The blocks whose rectangles meet `area`, each once, in board order.
    pub fn near(&self, area: &Rect) -> Vec<(BlockId, Rect)> {
        let (xs, ys) = cell_range(area);
        // A huge area (a route across a sparse board) is cheaper to scan whole.
        let cells = (xs.end() - xs.start() + 1) as i64 * (ys.end() - ys.start() + 1) as i64;
        let mut found: Vec<usize> = if cells > self.cells.len() as i64 {
            (0..self.rects.len()).collect()
        } else {
            let mut found = Vec::new();
            for x in xs {
                for y in ys.clone() {
                    if let Some(list) = self.cells.get(&(x, y)) {
                        found.extend_from_slice(list);
                    }
                }
            }
            found.sort_unstable();
            found.dedup();
            found
        };
        found.retain(|&i| self.rects[i].1.intersects(area));
        found.into_iter().map(|i| self.rects[i]).collect()
    }

    /// Whether the segment `a`–`b` runs through a block, kept `margin` clear of it. A segment
    /// may start or end on a block's border (its own block) but not pass inside.
    pub fn blocks(&self, a: Pos, b: Pos, margin: f32) -> bool {
        let area = Rect::from_corners(a, b).expand(margin + 1.0);
        self.near(&area)
            .iter()
            .any(|(_, rect)| crosses(a, b, &rect.expand(margin)))
    }
}

/// Whether the segment `a`–`b` passes through the inside of `rect` (touching its border, or
/// running along it, does not count).
pub fn crosses(a: Pos, b: Pos, rect: &Rect) -> bool {
    // Liang–Barsky clipping against the rectangle shrunk by a hair.
    let inner = rect.expand(-0.5);
    if inner.size.x <= 0.0 || inner.size.y <= 0.0 {
        return false;
    }
    let d = b - a;
    let (mut t0, mut t1) = (0.0_f32, 1.0_f32);
    let max = inner.max();
    for (p, q) in [
        (-d.x, a.x - inner.min.x),
        (d.x, max.x - a.x),
        (-d.y, a.y - inner.min.y),
        (d.y, max.y - a.y),
    ] {
        if p.abs() < f32::EPSILON {
            if q < 0.0 {
                return false;
            }
        } else {
            let r = q / p;
            if p < 0.0 {
                t0 = t0.max(r);
            } else {
                t1 = t1.min(r);
            }
        }
    }
    t1 - t0 > 1e-4
}

/// Moves apart the axis-parallel segments of different arrows that lie on one line and
/// overlap, so that no two arrows share a segment. Only a segment between two corners moves
/// (the ones at a block keep their port); it moves to the nearest free offset that runs
/// through no block.
fn separate(routes: &mut BTreeMap<EdgeId, Vec<Pos>>, blocks: &Obstacles) {
    // A few passes: moving one segment can only meet segments already looked at again.
    for _ in 0..4 {
        let Some((id, index, horizontal)) = first_shared(routes) else {
            return;
        };
        let Some(points) = routes.get(&id) else {
            return;
        };
        let moved = [1.0, -1.0, 2.0, -2.0, 3.0, -3.0]
            .into_iter()
            .map(|k| shifted(points, index, horizontal, k * NUDGE))
            .find(|candidate| {
                candidate
                    .windows(2)
                    .skip(index.saturating_sub(1))
                    .take(3)
                    .all(|w| !blocks.blocks(w[0], w[1], 0.0))
            });
        match moved {
            Some(points) => {
                routes.insert(id, points);
            }
            None => return,
        }
    }
}

/// The polyline with segment `index` (from point `index` to `index + 1`) moved across by
/// `by`.
fn shifted(points: &[Pos], index: usize, horizontal: bool, by: f32) -> Vec<Pos> {
    let mut out = points.to_vec();
    for p in &mut out[index..=index + 1] {
        if horizontal {
            p.y += by;
        } else {
            p.x += by;
        }
    }
    out
}

/// A segment on a line: from, to, its arrow and its index in the arrow's polyline.
type Stretch = (f32, f32, EdgeId, usize);

/// The first interior segment that lies on top of another arrow's segment: (arrow, segment
/// index, horizontal).
fn first_shared(routes: &BTreeMap<EdgeId, Vec<Pos>>) -> Option<(EdgeId, usize, bool)> {
    let mut lines: BTreeMap<(bool, i64), Vec<Stretch>> = BTreeMap::new();
    for (id, points) in routes {
        for (index, w) in points.windows(2).enumerate() {
            let (a, b) = (w[0], w[1]);
            let horizontal = (a.y - b.y).abs() < 0.01 && (a.x - b.x).abs() > 0.5;
            let vertical = (a.x - b.x).abs() < 0.01 && (a.y - b.y).abs() > 0.5;
            if !horizontal && !vertical {
                continue;
            }
            let (level, lo, hi) = if horizontal {
                (a.y, a.x.min(b.x), a.x.max(b.x))
            } else {
                (a.x, a.y.min(b.y), a.y.max(b.y))
            };
            let key = (horizontal, (level * 2.0).round() as i64);
            lines.entry(key).or_default().push((lo, hi, *id, index));
        }
    }
    for ((horizontal, _), mut segments) in lines {
        segments.sort_by(|a, b| a.0.total_cmp(&b.0));
        for (i, a) in segments.iter().enumerate() {
            for b in &segments[i + 1..] {
                if b.0 >= a.1 - 0.5 {
                    break;
                }
                if a.2 == b.2 {
                    continue;
                }
                // Move the one that can move: a segment between two corners.
                let movable = |(_, _, id, index): &Stretch| {
                    let len = routes.get(id).map_or(0, Vec::len);
                    *index > 0 && index + 2 < len
                };
                if movable(b) {
                    return Some((b.2, b.3, horizontal));
                }
                if movable(a) {
                    return Some((a.2, a.3, horizontal));
                }
            }
        }
    }
    None
}

/// Every pair of arrows that share a stretch of segment (for tests and checks).
pub fn shared_segments(routes: &Routes) -> Vec<(EdgeId, EdgeId)> {
    let mut found = Vec::new();
    let all: Vec<(EdgeId, &Route)> = routes.iter().collect();
    for (i, (a, ra)) in all.iter().enumerate() {
        for (b, rb) in &all[i + 1..] {
            if !ra.bounds.expand(1.0).intersects(&rb.bounds.expand(1.0)) {
                continue;
            }
            let overlap = ra.points.windows(2).any(|s| {
                rb.points
                    .windows(2)
                    .any(|t| collinear_overlap(s[0], s[1], t[0], t[1]))
            });
            if overlap {
                found.push((*a, *b));
            }
        }
    }
    found
}

/// Whether two segments lie on one line and overlap over more than a point.
fn collinear_overlap(s0: Pos, s1: Pos, t0: Pos, t1: Pos) -> bool {
    let run = s1 - s0;
    let len = run.length();
    if len < 0.5 || (t1 - t0).length() < 0.5 {
        return false;
    }
    let dir = Vec2::new(run.x / len, run.y / len);
    let off = |p: Pos| {
        let rel = p - s0;
        (rel.x * dir.y - rel.y * dir.x).abs()
    };
    if off(t0) > 0.5 || off(t1) > 0.5 {
        return false;
    }
    let along = |p: Pos| {
        let rel = p - s0;
        rel.x * dir.x + rel.y * dir.y
    };
    let (lo, hi) = (along(t0).min(along(t1)), along(t0).max(along(t1)));
    hi.min(len) - lo.max(0.0) > 1.0
}

/// Where an arrow's label goes, and the width it wraps at: halfway along, or the nearest
/// spot along the arrow where its plate keeps clear of every block; failing that, the same
/// wrapped narrower (more lines), and at last halfway at full width.
fn label_spot(
    points: &[Pos],
    label: &str,
    (blocks, plates): (&Obstacles, &mut Vec<Rect>),
) -> (Pos, f32) {
    let half = route::midpoint(points);
    let full = crate::style::ARROW_LABEL_WRAP;
    if label.trim().is_empty() {
        return (half, full);
    }
    let plate_at = |at: Pos, wrap: f32| {
        let plate = label_plate(label, wrap);
        Rect::new(at - plate * 0.5, plate)
    };
    for wrap in [full, full * 0.6, full * 0.4] {
        let clear = |at: &Pos| {
            let rect = plate_at(*at, wrap).expand(LABEL_MARGIN);
            blocks.near(&rect).is_empty() && !plates.iter().any(|p| p.intersects(&rect))
        };
        let spot = [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9]
            .into_iter()
            .map(|t| route::point_at(points, t))
            .find(clear);
        if let Some(at) = spot {
            plates.push(plate_at(at, wrap));
            return (at, wrap);
        }
    }
    // Nowhere clear of blocks: at least clear of the other labels, at the shortest wrap.
    let narrow = full * 0.4;
    let spot = [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9]
        .into_iter()
        .map(|t| route::point_at(points, t))
        .find(|at| {
            let rect = plate_at(*at, narrow).expand(LABEL_MARGIN);
            !plates.iter().any(|p| p.intersects(&rect))
        });
    if let Some(at) = spot {
        plates.push(plate_at(at, narrow));
        return (at, narrow);
    }
    plates.push(plate_at(half, full));
    (half, full)
}

/// The size a label's plate is about when wrapped at `wrap` (the renderers measure the real
/// text; this is for keeping it off blocks, so it errs large).
fn label_plate(label: &str, wrap: f32) -> Vec2 {
    let chars = label.chars().count() as f32;
    let run = chars * 6.5;
    let width = run.min(wrap) + 12.0;
    let lines = (run / wrap).ceil().max(1.0);
    Vec2::new(width, lines * 15.0 + 6.0)
}

/// The polyline with its corners rounded (as elbow routes are drawn): each corner becomes a
/// short arc of `radius`, or less where a segment is short.
pub fn rounded(points: &[Pos], radius: f32) -> Vec<Pos> {
    if points.len() < 3 {
        return points.to_vec();
    }
    let mut out = vec![points[0]];
    for w in points.windows(3) {
        let (before, corner, after) = (w[0], w[1], w[2]);
        let (in_len, out_len) = (corner.distance(before), corner.distance(after));
        let arc = radius.min(in_len * 0.5).min(out_len * 0.5);
        if arc < 0.5 {
            out.push(corner);
            continue;
        }
        let towards = |p: Pos, len: f32| corner + (p - corner) * (arc / len);
        let (start, end) = (towards(before, in_len), towards(after, out_len));
        // A quadratic curve through the corner, in a few steps.
        for step in 0..=4 {
            let t = step as f32 / 4.0;
            let u = 1.0 - t;
            out.push(Pos::new(
                u * u * start.x + 2.0 * u * t * corner.x + t * t * end.x,
                u * u * start.y + 2.0 * u * t * corner.y + t * t * end.y,
            ));
        }
    }
    if let Some(last) = points.last() {
        out.push(*last);
    }
    out
}
