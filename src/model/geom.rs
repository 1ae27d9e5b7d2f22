//! Board-space geometry: points, vectors and rectangles in f32, free of any UI crate.

use serde::{Deserialize, Serialize};

/// A point on the board, in board units (1 unit = 1 screen pixel at 100 % zoom).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Pos {
    pub x: f32,
    pub y: f32,
}

/// A displacement or a size on the board.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Vec2 {
    pub x: f32,
    pub y: f32,
}

/// An axis-aligned rectangle given by its top-left corner and its size.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    pub min: Pos,
    pub size: Vec2,
}

impl Pos {
    pub const fn new(x: f32, y: f32) -> Self {
        Self { x, y }
    }

    /// True when both coordinates are finite (not NaN, not infinite).
    pub fn is_finite(self) -> bool {
        self.x.is_finite() && self.y.is_finite()
    }

    pub fn distance(self, other: Pos) -> f32 {
        (self - other).length()
    }

    /// Rounds each coordinate to the nearest multiple of `step`.
    #[must_use]
    pub fn snapped(self, step: f32) -> Pos {
        if step <= 0.0 {
            return self;
        }
        Pos::new(
            (self.x / step).round() * step,
            (self.y / step).round() * step,
        )
    }
}

impl Vec2 {
    pub const ZERO: Vec2 = Vec2 { x: 0.0, y: 0.0 };

    pub const fn new(x: f32, y: f32) -> Self {
        Self { x, y }
    }

    pub fn length(self) -> f32 {
        self.x.hypot(self.y)
    }

    pub fn is_finite(self) -> bool {
        self.x.is_finite() && self.y.is_finite()
    }
}

impl std::ops::Add<Vec2> for Pos {
    type Output = Pos;
    fn add(self, v: Vec2) -> Pos {
        Pos::new(self.x + v.x, self.y + v.y)
    }
}

impl std::ops::Sub<Vec2> for Pos {
    type Output = Pos;
    fn sub(self, v: Vec2) -> Pos {
        Pos::new(self.x - v.x, self.y - v.y)
    }
}

impl std::ops::Sub for Pos {
    type Output = Vec2;
    fn sub(self, other: Pos) -> Vec2 {
        Vec2::new(self.x - other.x, self.y - other.y)
    }
}

impl std::ops::Add for Vec2 {
    type Output = Vec2;
    fn add(self, v: Vec2) -> Vec2 {
        Vec2::new(self.x + v.x, self.y + v.y)
    }
}

impl std::ops::Neg for Vec2 {
    type Output = Vec2;
    fn neg(self) -> Vec2 {
        Vec2::new(-self.x, -self.y)
    }
}

impl std::ops::Mul<f32> for Vec2 {
    type Output = Vec2;
    fn mul(self, k: f32) -> Vec2 {
        Vec2::new(self.x * k, self.y * k)
    }
}

impl Rect {
    pub const fn new(min: Pos, size: Vec2) -> Self {
        Self { min, size }
    }

    /// The rectangle spanned by two corners, in any order.
    pub fn from_corners(a: Pos, b: Pos) -> Self {
        let min = Pos::new(a.x.min(b.x), a.y.min(b.y));
        let max = Pos::new(a.x.max(b.x), a.y.max(b.y));
        Self::new(min, max - min)
    }

    pub fn max(&self) -> Pos {
        self.min + self.size
    }

    pub fn center(&self) -> Pos {
        self.min + self.size * 0.5
    }

    pub fn contains(&self, p: Pos) -> bool {
        let max = self.max();
        p.x >= self.min.x && p.x <= max.x && p.y >= self.min.y && p.y <= max.y
    }

    /// True when `other` lies entirely inside this rectangle.
    pub fn contains_rect(&self, other: &Rect) -> bool {
        self.contains(other.min) && self.contains(other.max())
    }

    pub fn intersects(&self, other: &Rect) -> bool {
        let (a, b) = (self.max(), other.max());
        self.min.x <= b.x && other.min.x <= a.x && self.min.y <= b.y && other.min.y <= a.y
    }

    #[must_use]
    pub fn expand(&self, margin: f32) -> Rect {
        Rect::new(
            self.min - Vec2::new(margin, margin),
            self.size + Vec2::new(2.0 * margin, 2.0 * margin),
        )
    }

    #[must_use]
    pub fn translate(&self, delta: Vec2) -> Rect {
        Rect::new(self.min + delta, self.size)
    }

    /// The smallest rectangle holding both.
    #[must_use]
    pub fn union(&self, other: &Rect) -> Rect {
        let (a, b) = (self.max(), other.max());
        Rect::from_corners(
            Pos::new(self.min.x.min(other.min.x), self.min.y.min(other.min.y)),
            Pos::new(a.x.max(b.x), a.y.max(b.y)),
        )
    }

    /// The point where the segment from the centre towards `target` leaves the rectangle.
    pub fn boundary_towards(&self, target: Pos) -> Pos {
        let c = self.center();
        let d = target - c;
        let (hw, hh) = (self.size.x * 0.5, self.size.y * 0.5);
        if d.x.abs() < f32::EPSILON && d.y.abs() < f32::EPSILON {
            return c;
        }
        let tx = if d.x.abs() > f32::EPSILON {
            hw / d.x.abs()
        } else {
            f32::INFINITY
        };
        let ty = if d.y.abs() > f32::EPSILON {
            hh / d.y.abs()
        } else {
            f32::INFINITY
        };
        let t = tx.min(ty).min(1.0);
        c + d * t
    }
}

/// Distance from `p` to the segment `a`–`b`.
pub fn distance_to_segment(p: Pos, a: Pos, b: Pos) -> f32 {
    let ab = b - a;
    let len_sq = ab.x * ab.x + ab.y * ab.y;
    if len_sq <= f32::EPSILON {
        return p.distance(a);
    }
    let ap = p - a;
    let t = ((ap.x * ab.x + ap.y * ab.y) / len_sq).clamp(0.0, 1.0);
    p.distance(a + ab * t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundary_point_lies_on_the_edge_facing_the_target() {
        let r = Rect::new(Pos::new(0.0, 0.0), Vec2::new(100.0, 40.0));
        let p = r.boundary_towards(Pos::new(500.0, 20.0));
        assert_eq!(p, Pos::new(100.0, 20.0));
        let q = r.boundary_towards(Pos::new(50.0, -300.0));
        assert_eq!(q, Pos::new(50.0, 0.0));
    }

    #[test]
    fn snapping_rounds_to_the_nearest_step() {
        assert_eq!(Pos::new(14.0, 26.0).snapped(20.0), Pos::new(20.0, 20.0));
        assert_eq!(Pos::new(-9.0, 31.0).snapped(20.0), Pos::new(-0.0, 40.0));
    }

    #[test]
    fn rect_from_corners_normalises_order_and_intersects() {
        let r = Rect::from_corners(Pos::new(10.0, 10.0), Pos::new(0.0, 0.0));
        assert_eq!(r.min, Pos::new(0.0, 0.0));
        assert!(r.intersects(&Rect::new(Pos::new(5.0, 5.0), Vec2::new(50.0, 50.0))));
        assert!(!r.intersects(&Rect::new(Pos::new(11.0, 0.0), Vec2::new(5.0, 5.0))));
        assert!(
            (distance_to_segment(Pos::new(5.0, 5.0), Pos::new(0.0, 0.0), Pos::new(10.0, 0.0))
                - 5.0)
                .abs()
                < 1e-6
        );
    }
}
