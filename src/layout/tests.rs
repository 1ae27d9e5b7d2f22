//! Tidy's rules on small boards: columns by flow, stages in bands, frames kept, `only`.

use std::collections::BTreeSet;

use super::*;
use crate::model::{DEFAULT_BLOCK_SIZE, Edge, EdgeId, Frame, Routing, Vec2};

fn catalog() -> Catalog {
    Catalog::builtin().unwrap()
}

fn block(id: u32, kind: &str, x: f32, y: f32) -> Block {
    Block {
        id: BlockId(id),
        kind: kind.to_owned(),
        label: format!("b{id}"),
        pos: Pos::new(x, y),
        size: DEFAULT_BLOCK_SIZE,
        note: String::new(),
    }
}

fn board(blocks: &[Block], arrows: &[(u32, u32)]) -> Board {
    let mut board = Board::default();
    for b in blocks {
        board.blocks.insert(b.id, b.clone());
    }
    for (n, (from, to)) in arrows.iter().enumerate() {
        let id = EdgeId(n as u32 + 1);
        board.edges.insert(
            id,
            Edge {
                id,
                from: BlockId(*from),
                to: BlockId(*to),
                label: String::new(),
                routing: Routing::Straight,
                undirected: false,
            },
        );
    }
    board
}

fn frame(board: &mut Board, id: u32, label: &str, rect: Rect) {
    let id = FrameId(id);
    board.frames.insert(
        id,
        Frame {
            id,
            label: label.to_owned(),
            rect,
        },
    );
}

fn moved(board: &Board, placement: &Placement) -> Board {
    let mut out = board.clone();
    for edit in placement.edits(board) {
        edit.apply(&mut out).unwrap();
    }
    out
}

#[test]
fn a_chain_reads_left_to_right_on_one_row() {
    let b = board(
        &[
            block(3, "ranker", 0.0, 0.0),
            block(1, "client", 500.0, 300.0),
            block(2, "api_service", 17.0, 900.0),
        ],
        &[(1, 2), (2, 3)],
    );
    let placed = tidy(&b, &catalog(), None);
    assert_eq!(placed.blocks[&BlockId(1)], ORIGIN);
    assert_eq!(placed.blocks[&BlockId(2)], Pos::new(320.0, 60.0));
    assert_eq!(placed.blocks[&BlockId(3)], Pos::new(600.0, 60.0));
    assert!(placed.frames.is_empty());
}

#[test]
fn offline_kinds_go_in_a_band_below_and_a_stage_frame_overrides_the_kind() {
    let mut b = board(
        &[
            block(1, "client", 0.0, 0.0),
            block(2, "ranker", 300.0, 0.0),
            block(3, "training_pipeline", 0.0, 300.0),
            block(4, "batch_pipeline", 300.0, 300.0),
        ],
        &[(3, 2), (1, 2)],
    );
    // A batch pipeline drawn inside an "Online" frame is online.
    frame(
        &mut b,
        1,
        "ONLINE serving",
        Rect::new(Pos::new(280.0, 280.0), Vec2::new(300.0, 200.0)),
    );
    let stages = stages(&b, &catalog());
    assert_eq!(stages[&BlockId(3)], Stage::Offline);
    assert_eq!(stages[&BlockId(4)], Stage::Online);
    let placed = tidy(&b, &catalog(), None);
    let y = |id| placed.blocks[&BlockId(id)].y;
    assert!(y(3) > y(1) && y(3) > y(2) && y(3) > y(4));
    // The frame now holds its block where it went.
    let after = moved(&b, &placed);
    assert!(
        after.frames[&FrameId(1)]
            .rect
            .contains_rect(&after.blocks[&BlockId(4)].rect())
    );
}

#[test]
fn a_frame_naming_no_stage_takes_the_stage_most_of_its_blocks_have() {
    let mut b = board(
        &[
            block(1, "data_source", 0.0, 0.0),
            block(2, "batch_pipeline", 300.0, 0.0),
            block(3, "training_pipeline", 600.0, 0.0),
            block(4, "client", 0.0, 400.0),
        ],
        &[(1, 2), (2, 3)],
    );
    frame(
        &mut b,
        1,
        "Training loop",
        Rect::new(Pos::new(-20.0, -40.0), Vec2::new(840.0, 140.0)),
    );
    let stages = stages(&b, &catalog());
    assert_eq!(stages[&BlockId(1)], Stage::Offline);
    assert_eq!(stages[&BlockId(4)], Stage::Online);
}

#[test]
fn frames_are_refitted_with_frame_around_margins_and_empty_ones_stay() {
    let mut b = board(
        &[block(1, "client", 0.0, 0.0), block(2, "ranker", 0.0, 200.0)],
        &[(1, 2)],
    );
    frame(
        &mut b,
        1,
        "Serving",
        Rect::new(Pos::new(-50.0, -50.0), Vec2::new(400.0, 400.0)),
    );
    let empty = Rect::new(Pos::new(2000.0, 2000.0), Vec2::new(100.0, 100.0));
    frame(&mut b, 2, "Nothing yet", empty);
    let placed = tidy(&b, &catalog(), None);
    let bounds = Rect::new(ORIGIN, Vec2::new(280.0 + 180.0, 64.0));
    assert_eq!(placed.frames[&FrameId(1)], frame_around(bounds));
    assert!(!placed.frames.contains_key(&FrameId(2)));
}

#[test]
fn only_lays_out_the_chosen_blocks_where_they_were() {
    let b = board(
        &[
            block(1, "client", 1000.0, 1010.0),
            block(2, "ranker", 1500.0, 1600.0),
            block(3, "cache", 0.0, 0.0),
        ],
        &[(1, 2), (2, 3)],
    );
    let only: BTreeSet<BlockId> = [BlockId(1), BlockId(2)].into();
    let placed = tidy(&b, &catalog(), Some(&only));
    assert_eq!(placed.blocks.len(), 2);
    assert_eq!(placed.blocks[&BlockId(1)], Pos::new(1000.0, 1020.0));
    assert_eq!(placed.blocks[&BlockId(2)], Pos::new(1280.0, 1020.0));
}

#[test]
fn an_empty_board_and_a_lone_block_are_fine() {
    assert_eq!(
        tidy(&Board::default(), &catalog(), None),
        Placement::default()
    );
    let b = board(&[block(7, "client", 33.0, 44.0)], &[]);
    assert_eq!(tidy(&b, &catalog(), None).blocks[&BlockId(7)], ORIGIN);
}

#[test]
fn blocks_without_arrows_fill_a_grid_below_the_connected_ones() {
    let mut blocks: Vec<Block> = (1..=6).map(|i| block(i, "cache", 0.0, 0.0)).collect();
    blocks.push(block(7, "client", 0.0, 0.0));
    blocks.push(block(8, "ranker", 0.0, 0.0));
    let b = board(&blocks, &[(7, 8)]);
    let placed = tidy(&b, &catalog(), None);
    let rects: Vec<Rect> = placed
        .blocks
        .values()
        .map(|p| Rect::new(*p, DEFAULT_BLOCK_SIZE))
        .collect();
    for (i, a) in rects.iter().enumerate() {
        for r in &rects[i + 1..] {
            assert!(!a.intersects(r), "{a:?} and {r:?} overlap");
        }
    }
    assert!(placed.blocks[&BlockId(1)].y > placed.blocks[&BlockId(7)].y);
}

#[test]
fn crossings_count_pairs_of_arrows_that_cross_and_not_those_sharing_a_block() {
    // An X: 1 -> 4 and 2 -> 3 cross; 1 -> 3 shares a block with both.
    let b = board(
        &[
            block(1, "client", 0.0, 0.0),
            block(2, "client", 0.0, 200.0),
            block(3, "ranker", 400.0, 0.0),
            block(4, "ranker", 400.0, 200.0),
        ],
        &[(1, 4), (2, 3), (1, 3)],
    );
    assert_eq!(crossings(&b), 1);
    assert_eq!(crossings(&Board::default()), 0);
}

#[test]
fn the_same_board_gives_the_same_placement_every_time() {
    let blocks: Vec<Block> = (1..=12).map(|i| block(i, "ranker", 0.0, 0.0)).collect();
    let arrows = [
        (1, 2),
        (2, 3),
        (3, 1),
        (1, 4),
        (4, 5),
        (5, 6),
        (2, 6),
        (7, 8),
        (8, 9),
        (9, 7),
        (10, 11),
        (3, 5),
    ];
    let b = board(&blocks, &arrows);
    let first = tidy(&b, &catalog(), None);
    for _ in 0..3 {
        assert_eq!(tidy(&b, &catalog(), None), first);
    }
}

#[test]
fn a_loop_through_the_user_starts_at_the_user_and_reads_left_to_right() {
    // The API, ranker and re-ranker in id order before the user; the re-ranker answers the
    // user, closing the loop.
    let b = board(
        &[
            block(1, "api_service", 0.0, 0.0),
            block(2, "ranker", 0.0, 0.0),
            block(3, "reranker", 0.0, 0.0),
            block(4, "client", 0.0, 0.0),
        ],
        &[(4, 1), (1, 2), (2, 3), (3, 4)],
    );
    let placement = tidy(&b, &catalog(), None);
    let x = |id: u32| placement.blocks[&BlockId(id)].x;
    assert!(x(4) < x(1) && x(1) < x(2) && x(2) < x(3), "{placement:?}");
}

#[test]
fn a_tidied_selection_moves_down_clear_of_the_blocks_left_out() {
    // 1 -> 2 tidied side by side from 1's corner, where block 3 (not selected) stands.
    let b = board(
        &[
            block(1, "client", 0.0, 0.0),
            block(2, "ranker", 0.0, 300.0),
            block(3, "cache", 280.0, 0.0),
            block(4, "cache", 280.0, 100.0),
        ],
        &[(1, 2)],
    );
    let only: BTreeSet<BlockId> = [BlockId(1), BlockId(2)].into();
    let after = moved(&b, &tidy(&b, &catalog(), Some(&only)));
    let blocks: Vec<&Block> = after.blocks.values().collect();
    for (i, x) in blocks.iter().enumerate() {
        for y in &blocks[i + 1..] {
            assert!(
                !x.rect().intersects(&y.rect()),
                "{} and {} overlap",
                x.id.0,
                y.id.0
            );
        }
    }
    // Still side by side, on the grid.
    assert_eq!(
        after.blocks[&BlockId(1)].pos.y,
        after.blocks[&BlockId(2)].pos.y
    );
    assert_eq!(
        after.blocks[&BlockId(1)].pos,
        after.blocks[&BlockId(1)].pos.snapped(GRID_STEP)
    );
}
