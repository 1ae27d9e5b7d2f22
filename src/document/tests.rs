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

fn chain(text: &str) -> Vec<String> {
    crate::chain::parse(text).unwrap()
}

/// Each id's block as (kind, label).
fn kinds_and_labels<'a>(doc: &'a Document, ids: &[BlockId]) -> Vec<(&'a str, &'a str)> {
    ids.iter()
        .map(|id| {
            let block = doc.board().block(*id).unwrap();
            (block.kind.as_str(), block.label.as_str())
        })
        .collect()
}

#[test]
fn a_typed_chain_of_new_names_is_a_row_of_blocks_and_arrows_undone_in_one_step() {
    let catalog = catalog();
    let mut doc = Document::default();
    let names = chain("query image -> encoder -> FAISS -> re-rank");
    let at = Pos::new(100.0, 200.0);
    let ids = doc.add_chain(&catalog, None, &names, at, None).unwrap();
    assert_eq!(ids.len(), 4);
    assert_eq!(doc.board().blocks.len(), 4);
    assert_eq!(doc.board().edges.len(), 3);
    let query_image = catalog
        .infer_kind("query image")
        .map_or(crate::catalog::CUSTOM_KIND, |k| k.id.as_str());
    assert_eq!(
        kinds_and_labels(&doc, &ids),
        [
            (query_image, "query image"),
            ("embedding_model", "encoder"),
            ("ann_index", "FAISS"),
            ("reranker", "re-rank"),
        ]
    );
    for (n, id) in ids.iter().enumerate() {
        let pos = doc.board().block(*id).unwrap().pos;
        let step = DEFAULT_BLOCK_SIZE.x + connected::CHAIN_GAP;
        assert_eq!(pos, Pos::new(at.x + n as f32 * step, at.y), "block {n}");
    }
    for pair in ids.windows(2) {
        let edge = doc.board().find_edge(pair[0], pair[1]).unwrap();
        let edge = doc.board().edge(edge).unwrap();
        assert_eq!((edge.label.as_str(), edge.routing), ("", Routing::Straight));
    }
    assert!(doc.undo());
    assert!(doc.board().blocks.is_empty() && doc.board().edges.is_empty());
    assert!(!doc.can_undo());
}

#[test]
fn a_chain_joins_the_blocks_already_named_without_twins_or_second_arrows() {
    let catalog = catalog();
    let mut doc = Document::default();
    let client = doc
        .add_block(&catalog, "client", None, Pos::new(0.0, 0.0))
        .unwrap();
    let encoder = doc
        .add_block(
            &catalog,
            "embedding_model",
            Some("Encoder"),
            Pos::new(0.0, 200.0),
        )
        .unwrap();
    let faiss = doc
        .add_block(&catalog, "custom", Some("faiss"), Pos::new(300.0, 200.0))
        .unwrap();
    let reranker = doc
        .add_block(&catalog, "reranker", None, Pos::new(600.0, 200.0))
        .unwrap();
    doc.connect(encoder, faiss).unwrap();
    let names = chain("encoder -> FAISS -> re-rank -> Redis");
    let ids = doc
        .add_chain(&catalog, Some(client), &names, Pos::new(0.0, 400.0), None)
        .unwrap();
    assert_eq!(&ids[..3], [encoder, faiss, reranker]);
    assert_eq!(doc.board().blocks.len(), 5, "only Redis is new");
    assert_eq!(kinds_and_labels(&doc, &ids[3..]), [("cache", "Redis")]);
    assert_eq!(
        doc.board().edges.len(),
        4,
        "encoder -> faiss is not drawn twice"
    );
    for (from, to) in [(client, encoder), (faiss, reranker), (reranker, ids[3])] {
        assert!(doc.board().find_edge(from, to).is_some(), "{from} -> {to}");
    }
    assert!(doc.undo());
    assert_eq!(doc.board().blocks.len(), 4);
    assert_eq!(doc.board().edges.len(), 1);
}

#[test]
fn a_chain_that_changes_nothing_records_nothing_and_never_loops() {
    let catalog = catalog();
    let mut doc = Document::default();
    let names = chain("Kafka -> Flink");
    let ids = doc
        .add_chain(&catalog, None, &names, Pos::new(0.0, 0.0), None)
        .unwrap();
    let revision = doc.revision();
    assert_eq!(
        doc.add_chain(&catalog, None, &names, Pos::new(0.0, 300.0), None),
        Ok(ids.clone())
    );
    assert_eq!(
        doc.revision(),
        revision,
        "no edit for a chain already drawn"
    );
    let names = chain("kafka -> Kafka -> flink");
    let again = doc
        .add_chain(&catalog, Some(ids[0]), &names, Pos::new(0.0, 300.0), None)
        .unwrap();
    assert_eq!(again, [ids[0], ids[0], ids[1]]);
    assert_eq!(
        doc.revision(),
        revision,
        "a name twice in a row is no self-loop"
    );
    assert_eq!(doc.board().edges.len(), 1);
}

#[test]
fn new_chain_blocks_go_around_existing_blocks_on_the_grid() {
    let catalog = catalog();
    let mut doc = Document::default();
    let at = Pos::new(13.0, 27.0);
    doc.add_block(&catalog, "cache", None, at).unwrap();
    doc.add_block(&catalog, "cdn", None, Pos::new(480.0, 20.0))
        .unwrap();
    let names = chain("a -> b -> c");
    let ids = doc
        .add_chain(&catalog, None, &names, at, Some(20.0))
        .unwrap();
    let board = doc.board();
    let rects: Vec<Rect> = board.blocks.values().map(Block::rect).collect();
    for (n, a) in rects.iter().enumerate() {
        for b in &rects[n + 1..] {
            assert!(!a.intersects(b), "{a:?} overlaps {b:?}");
        }
    }
    for id in &ids {
        let pos = board.block(*id).unwrap().pos;
        assert_eq!(pos, pos.snapped(20.0), "{pos:?} is on the grid");
        assert_eq!(pos.y, 20.0, "the chain stays on its row");
    }
}

#[test]
fn a_chain_the_board_refuses_leaves_it_unchanged() {
    let catalog = catalog();
    let mut doc = Document::default();
    let a = doc
        .add_block(&catalog, "client", None, Pos::new(0.0, 0.0))
        .unwrap();
    let before = doc.board().clone();
    let long = "x".repeat(crate::model::MAX_LABEL_CHARS + 1);
    let names = vec!["API".to_owned(), long];
    let refused = doc.add_chain(&catalog, Some(a), &names, Pos::new(0.0, 200.0), None);
    assert!(
        matches!(refused, Err(EditError::TooLong { .. })),
        "{refused:?}"
    );
    assert_eq!(*doc.board(), before);
    assert!(
        doc.undo() && !doc.can_undo(),
        "only the first block was an undo step"
    );
}

#[test]
fn a_block_added_from_an_arrow_comes_with_the_arrow_in_one_step() {
    let catalog = catalog();
    let mut doc = Document::default();
    let from = doc
        .add_block(&catalog, "client", None, Pos::new(0.0, 0.0))
        .unwrap();
    let id = doc
        .add_connected(&catalog, from, "api_service", "", Pos::new(300.0, 0.0))
        .unwrap();
    assert_eq!(doc.board().block(id).unwrap().label, "API service");
    assert!(doc.board().find_edge(from, id).is_some());
    assert!(doc.undo());
    assert_eq!(doc.board().blocks.len(), 1);
    assert!(doc.board().edges.is_empty());
}

#[test]
fn a_chain_completes_names_typed_short_and_finds_the_blocks_they_name() {
    let catalog = catalog();
    let mut doc = Document::default();
    let reranker = doc
        .add_block(&catalog, "reranker", None, Pos::new(0.0, 300.0))
        .unwrap();
    let names = chain("cand->faiss->ranker->rera");
    let ids = doc
        .add_chain(&catalog, None, &names, Pos::new(0.0, 0.0), None)
        .unwrap();
    assert_eq!(ids[3], reranker, "\"rera\" is the Re-ranker already there");
    assert_eq!(
        kinds_and_labels(&doc, &ids),
        [
            ("candidate_generation", "Candidate generation"),
            ("ann_index", "FAISS"),
            ("ranker", "Ranker"),
            ("reranker", "Re-ranker"),
        ]
    );
    assert_eq!(doc.board().edges.len(), 3);
}
