//! Arrow routes: the polyline an arrow follows between two block rectangles.

use super::Routing;
use super::geom::{Pos, Rect, Vec2, distance_to_segment};

/// The points of an arrow from `from` to `to`, border to border. `lane` shifts the arrow
/// sideways (in board units) so that A->B and B->A do not draw on top of each other.
pub fn route(from: &Rect, to: &Rect, routing: Routing, lane: f32) -> Vec<Pos> {
    match routing {
        Routing::Straight => straight(from, to, lane),
        Routing::Elbow => elbow(from, to, lane),
    }
}

fn straight(from: &Rect, to: &Rect, lane: f32) -> Vec<Pos> {
    let (c1, c2) = (from.center(), to.center());
    let d = c2 - c1;
    let len = d.length();
    let normal = if len > f32::EPSILON {
        Vec2::new(-d.y / len, d.x / len)
    } else {
        Vec2::ZERO
    };
    let shift = normal * lane;
    let a = shifted_boundary(from, c1 + shift, c2 + shift);
    let b = shifted_boundary(to, c2 + shift, c1 + shift);
    vec![a, b]
}

/// Where the line from `rect`'s centre towards `towards` crosses its border.
pub fn border_point(rect: &Rect, towards: Pos) -> Pos {
    shifted_boundary(rect, rect.center(), towards)
}

/// Where the line from `inside` towards `outside` leaves `rect`.
fn shifted_boundary(rect: &Rect, inside: Pos, outside: Pos) -> Pos {
    let d = outside - inside;
    let (hw, hh) = (rect.size.x * 0.5, rect.size.y * 0.5);
    let c = rect.center();
    // Solve for the largest t in [0, 1] with inside + d·t still within the rectangle.
    let mut t_exit = 1.0_f32;
    for (origin, dir, lo, hi) in [
        (inside.x, d.x, c.x - hw, c.x + hw),
        (inside.y, d.y, c.y - hh, c.y + hh),
    ] {
        if dir.abs() > f32::EPSILON {
            let bound = if dir > 0.0 { hi } else { lo };
            let t = (bound - origin) / dir;
            if t >= 0.0 {
                t_exit = t_exit.min(t);
            }
        }
    }
    inside + d * t_exit
}

fn elbow(from: &Rect, to: &Rect, lane: f32) -> Vec<Pos> {
    let (c1, c2) = (from.center(), to.center());
    let d = c2 - c1;
    let gap_x = (d.x.abs() - (from.size.x + to.size.x) * 0.5).max(0.0);
    let gap_y = (d.y.abs() - (from.size.y + to.size.y) * 0.5).max(0.0);
    if gap_x >= gap_y {
        // Leave and enter through the left/right sides, with a vertical middle leg.
        let sx = d.x.signum();
        let a = Pos::new(c1.x + sx * from.size.x * 0.5, c1.y + lane);
        let b = Pos::new(c2.x - sx * to.size.x * 0.5, c2.y + lane);
        let mid_x = (a.x + b.x) * 0.5;
        if (a.y - b.y).abs() < 0.5 {
            return vec![a, b];
        }
        vec![a, Pos::new(mid_x, a.y), Pos::new(mid_x, b.y), b]
    } else {
        let sy = d.y.signum();
        let a = Pos::new(c1.x + lane, c1.y + sy * from.size.y * 0.5);
        let b = Pos::new(c2.x + lane, c2.y - sy * to.size.y * 0.5);
        let mid_y = (a.y + b.y) * 0.5;
        if (a.x - b.x).abs() < 0.5 {
            return vec![a, b];
        }
        vec![a, Pos::new(a.x, mid_y), Pos::new(b.x, mid_y), b]
    }
}

/// Distance from `p` to the polyline.
pub fn distance_to_route(p: Pos, points: &[Pos]) -> f32 {
    points
        .windows(2)
        .map(|w| distance_to_segment(p, w[0], w[1]))
        .fold(f32::INFINITY, f32::min)
}

/// The point halfway along the polyline.
pub fn midpoint(points: &[Pos]) -> Pos {
    point_at(points, 0.5)
}

/// The point a share `t` (0 to 1) of the way along the polyline.
pub fn point_at(points: &[Pos], t: f32) -> Pos {
    let total: f32 = points.windows(2).map(|w| w[0].distance(w[1])).sum();
    let mut left = total * t.clamp(0.0, 1.0);
    for w in points.windows(2) {
        let len = w[0].distance(w[1]);
        if len >= left && len > 0.0 {
            return w[0] + (w[1] - w[0]) * (left / len);
        }
        left -= len;
    }
    points.first().copied().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(x: f32, y: f32) -> Rect {
        Rect::new(Pos::new(x, y), Vec2::new(100.0, 50.0))
    }

    #[test]
    fn straight_arrows_run_border_to_border() {
        let points = route(&rect(0.0, 0.0), &rect(300.0, 0.0), Routing::Straight, 0.0);
        assert_eq!(points, vec![Pos::new(100.0, 25.0), Pos::new(300.0, 25.0)]);
        assert_eq!(midpoint(&points), Pos::new(200.0, 25.0));
    }

    #[test]
    fn opposite_lanes_separate_the_two_arrows() {
        let ab = route(&rect(0.0, 0.0), &rect(300.0, 0.0), Routing::Straight, 6.0);
        let ba = route(&rect(300.0, 0.0), &rect(0.0, 0.0), Routing::Straight, 6.0);
        assert!((ab[0].y - ba[1].y).abs() > 10.0, "{ab:?} {ba:?}");
    }

    #[test]
    fn elbow_arrows_are_orthogonal() {
        let points = route(&rect(0.0, 0.0), &rect(300.0, 200.0), Routing::Elbow, 0.0);
        assert_eq!(points.len(), 4);
        for w in points.windows(2) {
            assert!(w[0].x == w[1].x || w[0].y == w[1].y, "{points:?}");
        }
        assert!(distance_to_route(Pos::new(200.0, 120.0), &points) < 1.0);
    }
}
