//! Routes around blocks: ports, bends, orthogonal paths, shared segments, labels.

use super::*;
use crate::model::{Block, DEFAULT_BLOCK_SIZE, Edge};

fn board(blocks: &[(u32, f32, f32)], edges: &[(u32, u32, Routing)]) -> Board {
    let mut board = Board::default();
    for &(id, x, y) in blocks {
        board.blocks.insert(
            BlockId(id),
            Block {
                id: BlockId(id),
                kind: "custom".into(),
                label: format!("b{id}"),
                pos: Pos::new(x, y),
                size: DEFAULT_BLOCK_SIZE,
                note: String::new(),
            },
        );
    }
    for (n, &(from, to, routing)) in edges.iter().enumerate() {
        let id = EdgeId(n as u32 + 1);
        board.edges.insert(
            id,
            Edge {
                id,
                from: BlockId(from),
                to: BlockId(to),
                label: String::new(),
                routing,
                undirected: false,
            },
        );
    }
    board
}

/// Every segment of every route is clear of every block it does not start or end on.
#[track_caller]
fn assert_clear(board: &Board, routes: &Routes) {
    for (id, route) in routes.iter() {
        let edge = board.edge(id).unwrap();
        for w in route.points.windows(2) {
            for block in board.blocks.values() {
                assert!(
                    !crosses(w[0], w[1], &block.rect()),
                    "arrow {id:?} ({} -> {}) runs through block {} at {:?}",
                    edge.from,
                    edge.to,
                    block.id,
                    route.points
                );
            }
        }
    }
}

#[test]
fn an_arrow_with_nothing_in_its_way_runs_straight_border_to_border() {
    let b = board(
        &[(1, 0.0, 0.0), (2, 400.0, 0.0)],
        &[(1, 2, Routing::Straight)],
    );
    let routes = Routes::of(&b);
    let route = routes.get(EdgeId(1)).unwrap();
    assert_eq!(
        route.points,
        vec![Pos::new(180.0, 32.0), Pos::new(400.0, 32.0)]
    );
    assert_eq!(route.label_at, Pos::new(290.0, 32.0));
    assert_eq!(route.label_wrap, crate::style::ARROW_LABEL_WRAP);
}

#[test]
fn a_straight_arrow_with_a_block_in_its_way_bends_once_around_it() {
    // A -> C with B right between them on the same row.
    let b = board(
        &[(1, 0.0, 0.0), (2, 300.0, 0.0), (3, 600.0, 0.0)],
        &[(1, 3, Routing::Straight)],
    );
    let routes = Routes::of(&b);
    let route = routes.get(EdgeId(1)).unwrap();
    assert_eq!(route.points.len(), 3, "{:?}", route.points);
    assert_clear(&b, &routes);
}

#[test]
fn an_elbow_arrow_goes_around_the_blocks_in_its_way_with_orthogonal_segments() {
    // A wall of blocks between the two ends.
    let b = board(
        &[
            (1, 0.0, 200.0),
            (2, 800.0, 200.0),
            (3, 400.0, 100.0),
            (4, 400.0, 200.0),
            (5, 400.0, 300.0),
        ],
        &[(1, 2, Routing::Elbow)],
    );
    let routes = Routes::of(&b);
    let route = routes.get(EdgeId(1)).unwrap();
    for w in route.points.windows(2) {
        assert!(
            (w[0].x - w[1].x).abs() < 0.01 || (w[0].y - w[1].y).abs() < 0.01,
            "{:?}",
            route.points
        );
    }
    assert_clear(&b, &routes);
}

#[test]
fn two_arrows_into_one_side_get_ports_of_their_own() {
    // Two blocks on the left both point at the right-hand block's left side.
    let b = board(
        &[(1, 0.0, 0.0), (2, 0.0, 120.0), (3, 400.0, 60.0)],
        &[(1, 3, Routing::Elbow), (2, 3, Routing::Elbow)],
    );
    let routes = Routes::of(&b);
    let a = *routes.get(EdgeId(1)).unwrap().points.last().unwrap();
    let c = *routes.get(EdgeId(2)).unwrap().points.last().unwrap();
    assert_eq!(a.x, 400.0);
    assert_eq!(c.x, 400.0);
    assert!(
        c.y - a.y > 10.0,
        "the upper block's arrow enters higher: {a:?} {c:?}"
    );
    assert!(shared_segments(&routes).is_empty());
}

#[test]
fn opposite_arrows_between_two_blocks_stay_apart() {
    for routing in [Routing::Straight, Routing::Elbow] {
        let b = board(
            &[(1, 0.0, 0.0), (2, 400.0, 100.0)],
            &[(1, 2, routing), (2, 1, routing)],
        );
        let routes = Routes::of(&b);
        assert!(shared_segments(&routes).is_empty(), "{routing:?}");
        let (ab, ba) = (
            routes.get(EdgeId(1)).unwrap(),
            routes.get(EdgeId(2)).unwrap(),
        );
        assert!(ab.points[0].distance(*ba.points.last().unwrap()) > 10.0);
    }
}

#[test]
fn elbow_arrows_that_would_run_together_are_moved_apart() {
    // Two arrows from one column to another, each around the same block in between, would
    // share the channel's middle.
    let b = board(
        &[
            (1, 0.0, 0.0),
            (2, 0.0, 300.0),
            (3, 600.0, 0.0),
            (4, 600.0, 300.0),
            (5, 300.0, 150.0),
        ],
        &[(1, 4, Routing::Elbow), (2, 3, Routing::Elbow)],
    );
    let routes = Routes::of(&b);
    assert!(shared_segments(&routes).is_empty(), "{routes:?}");
    assert_clear(&b, &routes);
}

#[test]
fn a_label_moves_along_its_arrow_off_a_block() {
    // The arrow runs close past a block: halfway, its label would sit on it.
    let mut b = board(
        &[(1, 0.0, 0.0), (2, 500.0, 0.0), (3, 250.0, 50.0)],
        &[(1, 2, Routing::Straight)],
    );
    b.edges.get_mut(&EdgeId(1)).unwrap().label = "thousands of candidates".into();
    let routes = Routes::of(&b);
    let route = routes.get(EdgeId(1)).unwrap();
    let plate = label_plate("thousands of candidates", route.label_wrap);
    let rect = Rect::new(route.label_at - plate * 0.5, plate);
    assert!(!rect.intersects(&b.blocks[&BlockId(3)].rect()), "{route:?}");
}

#[test]
fn rounded_corners_keep_the_ends_and_stay_near_the_corner() {
    let points = [
        Pos::new(0.0, 0.0),
        Pos::new(100.0, 0.0),
        Pos::new(100.0, 100.0),
    ];
    let round = rounded(&points, 10.0);
    assert_eq!(round.first(), Some(&points[0]));
    assert_eq!(round.last(), Some(&points[2]));
    assert!(round.len() > 3);
    assert!(
        round
            .iter()
            .all(|p| p.distance(points[1]) <= 10.5 || p.y == 0.0 || p.x == 100.0)
    );
}

#[test]
fn routes_never_panic_on_overlapping_or_touching_blocks() {
    let b = board(
        &[(1, 0.0, 0.0), (2, 10.0, 10.0), (3, 180.0, 0.0)],
        &[
            (1, 2, Routing::Elbow),
            (2, 3, Routing::Straight),
            (3, 1, Routing::Elbow),
        ],
    );
    let routes = Routes::of(&b);
    assert_eq!(routes.len(), 3);
    for (_, route) in routes.iter() {
        assert!(route.points.len() >= 2);
        assert!(route.points.iter().all(|p| p.is_finite()));
    }
}

#[test]
fn a_long_label_between_close_blocks_wraps_narrower_to_stay_off_them() {
    // 100 units between the blocks: "thousands of candidates" does not fit on one line.
    let mut b = board(
        &[(1, 0.0, 0.0), (2, 280.0, 0.0)],
        &[(1, 2, Routing::Straight)],
    );
    b.edges.get_mut(&EdgeId(1)).unwrap().label = "thousands of candidates".into();
    let routes = Routes::of(&b);
    let route = routes.get(EdgeId(1)).unwrap();
    assert!(
        route.label_wrap < crate::style::ARROW_LABEL_WRAP,
        "{route:?}"
    );
    let plate = label_plate("thousands of candidates", route.label_wrap);
    let rect = Rect::new(route.label_at - plate * 0.5, plate);
    for block in b.blocks.values() {
        assert!(!rect.intersects(&block.rect()), "{route:?}");
    }
}
