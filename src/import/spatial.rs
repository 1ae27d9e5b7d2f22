//! A grid of rectangles for the importers' geometry questions (which shape holds this point,
//! which is within reach of this arrow's end), so a drawing of thousands of elements is not
//! compared pair by pair.

use std::collections::BTreeMap;

use crate::model::{Pos, Rect};

/// Most cells one rectangle is entered in; larger ones are kept in a list of their own that
/// every question looks at, so one huge rectangle cannot fill memory.
const MAX_CELLS: i64 = 64;

/// Rectangles by the grid cells they overlap.
pub(crate) struct Grid {
    cell: f32,
    cells: BTreeMap<(i64, i64), Vec<usize>>,
    /// Rectangles too large for the cells.
    large: Vec<usize>,
}

impl Grid {
    /// Indexes `rects`, each grown by `margin` on every side. The cells are about twice the
    /// size of a typical rectangle.
    pub fn new(rects: &[Rect], margin: f32) -> Grid {
        let grown: Vec<Rect> = rects.iter().map(|r| r.expand(margin)).collect();
        let mut sides: Vec<f32> = grown
            .iter()
            .map(|r| r.size.x.max(r.size.y))
            .filter(|s| s.is_finite())
            .collect();
        sides.sort_by(f32::total_cmp);
        let typical = sides.get(sides.len() / 2).copied().unwrap_or(64.0);
        let cell = (2.0 * typical).clamp(32.0, 1e6);
        let mut cells: BTreeMap<(i64, i64), Vec<usize>> = BTreeMap::new();
        let mut large = Vec::new();
        for (i, r) in grown.iter().enumerate() {
            let (x0, y0, x1, y1) = span(r, cell);
            if (x1 - x0 + 1).saturating_mul(y1 - y0 + 1) > MAX_CELLS {
                large.push(i);
                continue;
            }
            for x in x0..=x1 {
                for y in y0..=y1 {
                    cells.entry((x, y)).or_default().push(i);
                }
            }
        }
        Grid { cell, cells, large }
    }

    /// The rectangles whose grown area may hold `p`, each once, in no particular order.
    pub fn near(&self, p: Pos) -> impl Iterator<Item = usize> + '_ {
        let key = (cell_of(p.x, self.cell), cell_of(p.y, self.cell));
        self.cells
            .get(&key)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .chain(&self.large)
            .copied()
    }

    /// The rectangles whose grown area may meet `r`, each once, in index order.
    pub fn meeting(&self, r: &Rect) -> Vec<usize> {
        let (x0, y0, x1, y1) = span(r, self.cell);
        let mut found = self.large.clone();
        if (x1 - x0 + 1).saturating_mul(y1 - y0 + 1) > MAX_CELLS {
            // A large question: every indexed rectangle is a candidate.
            found.extend(self.cells.values().flatten());
        } else {
            for x in x0..=x1 {
                for y in y0..=y1 {
                    if let Some(list) = self.cells.get(&(x, y)) {
                        found.extend_from_slice(list);
                    }
                }
            }
        }
        found.sort_unstable();
        found.dedup();
        found
    }
}

fn cell_of(v: f32, cell: f32) -> i64 {
    if v.is_finite() {
        (v / cell).floor() as i64
    } else {
        0
    }
}

/// The cells a rectangle covers: (first x, first y, last x, last y).
fn span(r: &Rect, cell: f32) -> (i64, i64, i64, i64) {
    let max = r.max();
    (
        cell_of(r.min.x, cell),
        cell_of(r.min.y, cell),
        cell_of(max.x, cell).max(cell_of(r.min.x, cell)),
        cell_of(max.y, cell).max(cell_of(r.min.y, cell)),
    )
}

/// How far `p` lies outside `r` (0 inside it).
pub(crate) fn distance_outside(r: &Rect, p: Pos) -> f32 {
    let max = r.max();
    let dx = (r.min.x - p.x).max(p.x - max.x).max(0.0);
    let dy = (r.min.y - p.y).max(p.y - max.y).max(0.0);
    (dx * dx + dy * dy).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Vec2;

    #[test]
    fn finds_the_rectangles_near_a_point_and_bounds_a_huge_one() {
        let rects = [
            Rect::new(Pos::new(0.0, 0.0), Vec2::new(100.0, 50.0)),
            Rect::new(Pos::new(500.0, 500.0), Vec2::new(10.0, 10.0)),
            Rect::new(Pos::new(-1e6, -1e6), Vec2::new(2e6, 2e6)),
        ];
        let grid = Grid::new(&rects, 24.0);
        let near: Vec<usize> = grid.near(Pos::new(110.0, 10.0)).collect();
        assert!(near.contains(&0) && near.contains(&2) && !near.contains(&1));
        assert_eq!(grid.meeting(&rects[1]), vec![1, 2]);
        assert_eq!(grid.large, vec![2]);
        assert_eq!(distance_outside(&rects[0], Pos::new(103.0, 54.0)), 5.0);
        assert_eq!(distance_outside(&rects[0], Pos::new(50.0, 25.0)), 0.0);
    }
}
