//! Unit tests of edits: each applies and returns its inverse, or is refused and changes nothing.

use super::*;
use crate::model::{DEFAULT_BLOCK_SIZE, Pos};

fn block(id: u32) -> Block {
    Block {
        id: BlockId(id),
        kind: "ranker".into(),
        label: format!("b{id}"),
        pos: Pos::new(id as f32 * 200.0, 0.0),
        size: DEFAULT_BLOCK_SIZE,
        note: String::new(),
    }
}

fn edge(id: u32, from: u32, to: u32) -> Edge {
    Edge {
        id: EdgeId(id),
        from: BlockId(from),
        to: BlockId(to),
        label: String::new(),
        routing: Routing::Straight,
        undirected: false,
    }
}

fn two_connected() -> Board {
    let mut board = Board::default();
    let items = Items {
        blocks: vec![block(1), block(2)],
        edges: vec![edge(1, 1, 2)],
        frames: vec![],
    };
    Edit::Insert(items).apply(&mut board).unwrap();
    board
}

#[test]
fn insert_then_inverse_restores_the_empty_board() {
    let mut board = two_connected();
    assert_eq!(board.blocks.len(), 2);
    let inverse = Edit::Remove(board.fragment(&[BlockId(1), BlockId(2)], &[]))
        .apply(&mut board)
        .unwrap();
    assert!(board.is_empty());
    inverse.apply(&mut board).unwrap();
    assert_eq!(board, two_connected());
}

#[test]
fn removing_a_block_without_its_arrows_is_refused_and_changes_nothing() {
    let mut board = two_connected();
    let before = board.clone();
    let items = Items {
        blocks: vec![block(1)],
        ..Items::default()
    };
    assert_eq!(
        Edit::Remove(items).apply(&mut board),
        Err(EditError::WouldDangle(BlockId(1)))
    );
    assert_eq!(board, before);
}

#[test]
fn insert_rejects_dangling_arrows_self_loops_and_taken_ids() {
    let mut board = two_connected();
    let before = board.clone();
    let dangling = Items {
        edges: vec![edge(5, 1, 9)],
        ..Items::default()
    };
    assert_eq!(
        Edit::Insert(dangling).apply(&mut board),
        Err(EditError::NoBlock(BlockId(9)))
    );
    let looped = Items {
        edges: vec![edge(5, 1, 1)],
        ..Items::default()
    };
    assert_eq!(
        Edit::Insert(looped).apply(&mut board),
        Err(EditError::SelfLoop)
    );
    let taken = Items {
        blocks: vec![block(2)],
        ..Items::default()
    };
    assert!(matches!(
        Edit::Insert(taken).apply(&mut board),
        Err(EditError::IdTaken(_))
    ));
    assert_eq!(board, before);
}

#[test]
fn setters_return_the_old_value_as_inverse() {
    let mut board = two_connected();
    let inverse = Edit::SetBlockLabel {
        id: BlockId(1),
        label: "FAISS".into(),
    }
    .apply(&mut board)
    .unwrap();
    assert_eq!(board.blocks[&BlockId(1)].label, "FAISS");
    assert_eq!(
        inverse,
        Edit::SetBlockLabel {
            id: BlockId(1),
            label: "b1".into()
        }
    );
    let inverse = Edit::ReverseEdge { id: EdgeId(1) }
        .apply(&mut board)
        .unwrap();
    assert_eq!(board.edges[&EdgeId(1)].from, BlockId(2));
    inverse.apply(&mut board).unwrap();
    assert_eq!(board.edges[&EdgeId(1)].from, BlockId(1));
}

#[test]
fn move_shifts_blocks_and_frames_and_rejects_nan() {
    let mut board = two_connected();
    let inverse = Edit::Move {
        blocks: vec![BlockId(1)],
        frames: vec![],
        delta: Vec2::new(10.0, 5.0),
    }
    .apply(&mut board)
    .unwrap();
    assert_eq!(board.blocks[&BlockId(1)].pos, Pos::new(210.0, 5.0));
    inverse.apply(&mut board).unwrap();
    assert_eq!(board.blocks[&BlockId(1)].pos, Pos::new(200.0, 0.0));
    let nan = Edit::Move {
        blocks: vec![BlockId(1)],
        frames: vec![],
        delta: Vec2::new(f32::NAN, 0.0),
    };
    assert_eq!(nan.apply(&mut board), Err(EditError::NotFinite));
}

#[test]
fn edits_never_make_a_rectangle_a_board_file_would_refuse() {
    let mut board = two_connected();
    let before = board.clone();
    let far = Edit::Move {
        blocks: vec![BlockId(1)],
        frames: vec![],
        delta: Vec2::new(MAX_COORD, 0.0),
    };
    assert_eq!(far.apply(&mut board), Err(EditError::OutOfRange));
    let huge = Edit::SetBlockRect {
        id: BlockId(2),
        rect: Rect::new(Pos::new(0.0, 0.0), Vec2::new(2.0 * MAX_COORD, 10.0)),
    };
    assert_eq!(huge.apply(&mut board), Err(EditError::OutOfRange));
    let flat = Edit::SetBlockRect {
        id: BlockId(2),
        rect: Rect::new(Pos::new(0.0, 0.0), Vec2::new(10.0, 0.0)),
    };
    assert_eq!(flat.apply(&mut board), Err(EditError::NotPositive));
    let mut outside = block(3);
    outside.pos = Pos::new(0.0, -2.0 * MAX_COORD);
    let insert = Edit::Insert(Items {
        blocks: vec![outside],
        ..Items::default()
    });
    assert_eq!(insert.apply(&mut board), Err(EditError::OutOfRange));
    assert_eq!(board, before);
    // Right up to the limit is fine.
    let to_edge = Edit::Move {
        blocks: vec![BlockId(1)],
        frames: vec![],
        delta: Vec2::new(MAX_COORD - 200.0, 0.0),
    };
    assert!(to_edge.apply(&mut board).is_ok());
    assert_eq!(board.blocks[&BlockId(1)].pos.x, MAX_COORD);
}

#[test]
fn arrows_never_repeat_by_insert_or_reverse() {
    let mut board = two_connected();
    let again = Items {
        edges: vec![edge(5, 1, 2)],
        ..Items::default()
    };
    assert_eq!(
        Edit::Insert(again).apply(&mut board),
        Err(EditError::DuplicateArrow(BlockId(1), BlockId(2)))
    );
    let back = Items {
        edges: vec![edge(2, 2, 1)],
        ..Items::default()
    };
    Edit::Insert(back).apply(&mut board).unwrap();
    let before = board.clone();
    // 2 -> 1 reversed would be a second 1 -> 2.
    assert_eq!(
        Edit::ReverseEdge { id: EdgeId(2) }.apply(&mut board),
        Err(EditError::DuplicateArrow(BlockId(1), BlockId(2)))
    );
    assert_eq!(board, before);
}

#[test]
fn undoing_a_move_restores_the_exact_position() {
    let mut board = two_connected();
    board.blocks.get_mut(&BlockId(1)).unwrap().pos = Pos::new(0.1, 0.0);
    let before = board.clone();
    let delta = Vec2::new(100_000.0, 0.0);
    let inverse = Edit::Move {
        blocks: vec![BlockId(1), BlockId(1)],
        frames: vec![],
        delta,
    }
    .apply(&mut board)
    .unwrap();
    // Listed twice, moved once.
    assert_eq!(board.blocks[&BlockId(1)].pos, Pos::new(100_000.1, 0.0));
    // Moving back by the offset would round: 0.1 + 1e5 - 1e5 is 0.1015625 in f32.
    assert_ne!(board.blocks[&BlockId(1)].pos + -delta, Pos::new(0.1, 0.0));
    inverse.apply(&mut board).unwrap();
    assert_eq!(board, before);
}

#[test]
fn a_failing_batch_rolls_back_its_earlier_steps() {
    let mut board = two_connected();
    let before = board.clone();
    let batch = Edit::Batch(vec![
        Edit::SetBlockLabel {
            id: BlockId(1),
            label: "changed".into(),
        },
        Edit::SetBlockLabel {
            id: BlockId(99),
            label: "nope".into(),
        },
    ]);
    assert_eq!(
        batch.apply(&mut board),
        Err(EditError::NoBlock(BlockId(99)))
    );
    assert_eq!(board, before);
}

#[test]
fn edits_keep_to_the_limits_a_board_file_has() {
    let mut board = two_connected();
    let before = board.clone();
    let long = "x".repeat(MAX_LABEL_CHARS + 1);
    let rename = Edit::SetBlockLabel {
        id: BlockId(1),
        label: long.clone(),
    };
    assert!(matches!(
        rename.apply(&mut board),
        Err(EditError::TooLong { .. })
    ));
    let mut labelled = block(9);
    labelled.label = long;
    let insert = Edit::Insert(Items {
        blocks: vec![labelled],
        ..Items::default()
    });
    assert!(matches!(
        insert.apply(&mut board),
        Err(EditError::TooLong { .. })
    ));
    let note = Edit::SetBlockNote {
        id: BlockId(1),
        note: "n".repeat(MAX_NOTE_CHARS + 1),
    };
    assert!(matches!(
        note.apply(&mut board),
        Err(EditError::TooLong { .. })
    ));
    assert_eq!(board, before);
    // Right at the limit is fine.
    let at_limit = Edit::SetBlockLabel {
        id: BlockId(1),
        label: "é".repeat(MAX_LABEL_CHARS),
    };
    assert!(at_limit.apply(&mut board).is_ok());

    // A full board takes no more blocks.
    let mut full = Board::default();
    let placed = |id: u32| Block {
        pos: Pos::new((id % 100) as f32 * 200.0, (id / 100) as f32 * 100.0),
        ..block(id)
    };
    let blocks: Vec<Block> = (1..=MAX_ITEMS as u32).map(placed).collect();
    Edit::Insert(Items {
        blocks,
        ..Items::default()
    })
    .apply(&mut full)
    .unwrap();
    let one_more = Edit::Insert(Items {
        blocks: vec![placed(MAX_ITEMS as u32 + 1)],
        ..Items::default()
    });
    let err = one_more.apply(&mut full).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("a board holds at most {MAX_ITEMS} blocks")
    );
    assert_eq!(full.blocks.len(), MAX_ITEMS);
}
