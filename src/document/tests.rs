//! Tests of the document and its gestures.

use super::*;

fn catalog() -> Catalog {
    Catalog::builtin().unwrap()
}

#[test]
fn a_frame_the_board_refuses_is_an_error_not_nothing() {
    let catalog = catalog();
    let mut doc = Document::default();
    let a = doc
        .add_block(&catalog, "ranker", None, Pos::new(0.0, 0.0))
        .unwrap();
    assert_eq!(doc.frame_around(&Selection::default(), "F"), Ok(None));
    let mut board = doc.board().clone();
    for n in 0..crate::model::MAX_ITEMS as u32 {
        let id = FrameId(n);
        let rect = crate::model::Rect::new(Pos::new(0.0, 500.0), Vec2::new(10.0, 10.0));
        board.frames.insert(
            id,
            Frame {
                id,
                label: String::new(),
                rect,
            },
        );
    }
    doc.reset(board, None);
    let refused = doc.frame_around(&Selection::only_block(a), "F");
    assert!(
        matches!(refused, Err(EditError::TooMany { .. })),
        "{refused:?}"
    );
}

#[test]
fn add_connect_rename_undo_redo() {
    let catalog = catalog();
    let mut doc = Document::default();
    let a = doc
        .add_block(&catalog, "embedding_model", None, Pos::new(0.0, 0.0))
        .unwrap();
    let b = doc
        .add_block(&catalog, "ann_index", Some("FAISS"), Pos::new(300.0, 0.0))
        .unwrap();
    assert_eq!(doc.board().block(b).unwrap().label, "FAISS");
    let e = doc.connect(a, b).unwrap();
    assert_eq!(
        doc.connect(a, b).unwrap(),
        e,
        "a second arrow the same way is not added"
    );
    let back = doc.connect(b, a).unwrap();
    assert_ne!(back, e, "the opposite arrow is its own arrow");
    doc.apply(Edit::SetBlockLabel {
        id: a,
        label: "Image encoder".into(),
    })
    .unwrap();
    assert!(doc.is_dirty());
    assert!(doc.undo());
    assert_eq!(
        doc.board().block(a).unwrap().label,
        catalog.kind("embedding_model").unwrap().name
    );
    assert!(doc.undo());
    assert!(doc.board().edge(back).is_none());
    assert!(doc.redo() && doc.redo());
    assert_eq!(doc.board().block(a).unwrap().label, "Image encoder");
    assert!(!doc.can_redo());
}

#[test]
fn delete_takes_the_arrows_along_and_undo_brings_everything_back() {
    let catalog = catalog();
    let mut doc = Document::default();
    let a = doc
        .add_block(&catalog, "client", None, Pos::new(0.0, 0.0))
        .unwrap();
    let b = doc
        .add_block(&catalog, "api_service", None, Pos::new(300.0, 0.0))
        .unwrap();
    doc.connect(a, b).unwrap();
    let before = doc.board().clone();
    doc.delete(&Selection::only_block(b)).unwrap();
    assert_eq!(doc.board().blocks.len(), 1);
    assert!(doc.board().edges.is_empty());
    doc.undo();
    assert_eq!(*doc.board(), before);
}

#[test]
fn duplicate_copies_blocks_and_inner_arrows_with_fresh_ids() {
    let catalog = catalog();
    let mut doc = Document::default();
    let a = doc
        .add_block(&catalog, "ranker", None, Pos::new(0.0, 0.0))
        .unwrap();
    let b = doc
        .add_block(&catalog, "reranker", None, Pos::new(300.0, 0.0))
        .unwrap();
    doc.connect(a, b).unwrap();
    let selection = Selection {
        blocks: [a, b].into(),
        ..Selection::default()
    };
    let copy = doc.duplicate(&selection).unwrap();
    assert_eq!(copy.blocks.len(), 2);
    assert_eq!(copy.edges.len(), 1);
    assert_eq!(doc.board().blocks.len(), 4);
    let new_a = doc.board().block(*copy.blocks.first().unwrap()).unwrap();
    assert_eq!(new_a.pos, Pos::new(24.0, 24.0));
    assert!(doc.undo());
    assert_eq!(doc.board().blocks.len(), 2);
}

#[test]
fn moving_a_frame_moves_the_blocks_inside_it_in_one_step() {
    let catalog = catalog();
    let mut doc = Document::default();
    let a = doc
        .add_block(&catalog, "ranker", None, Pos::new(10.0, 40.0))
        .unwrap();
    let outside = doc
        .add_block(&catalog, "cache", None, Pos::new(900.0, 40.0))
        .unwrap();
    let frame = doc
        .frame_around(&Selection::only_block(a), "Online")
        .unwrap()
        .unwrap();
    let selection = Selection {
        frames: [frame].into(),
        ..Selection::default()
    };
    doc.move_items(&selection, Vec2::new(100.0, 0.0)).unwrap();
    assert_eq!(doc.board().block(a).unwrap().pos, Pos::new(110.0, 40.0));
    assert_eq!(
        doc.board().block(outside).unwrap().pos,
        Pos::new(900.0, 40.0)
    );
    doc.undo();
    assert_eq!(doc.board().block(a).unwrap().pos, Pos::new(10.0, 40.0));
    assert!(doc.board().frame(frame).is_some());
}
