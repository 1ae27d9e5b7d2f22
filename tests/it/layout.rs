//! Tidy on the ten references and the example boards: no overlaps, flow left to right,
//! Online above Offline, frames kept, the grid, no more crossings than by hand, the same
//! placement twice and under other ids, and each arranging gesture one undo step.

use std::collections::{BTreeMap, BTreeSet};

use archdrill::cases::{CaseLibrary, CaseStudy, Stage};
use archdrill::catalog::Catalog;
use archdrill::document::{Align, Axis, Document, Selection};
use archdrill::layout::{self, Placement};
use archdrill::model::{BlockId, Board, Edge, EdgeId, FrameId, Pos};
use archdrill::store;
use archdrill::style::GRID_STEP;
use proptest::prelude::*;

use crate::project_dir;

/// A board as drawn before Tidy, and after it.
struct Case {
    name: String,
    before: Board,
    after: Board,
}

fn catalog() -> Catalog {
    Catalog::builtin().unwrap()
}

fn applied(board: &Board, placement: &Placement) -> Board {
    let mut out = board.clone();
    for edit in placement.edits(board) {
        edit.apply(&mut out).unwrap();
    }
    out
}

/// A reference laid out by hand on its grid cells, as references were before Tidy: column
/// steps of 280, row steps of 130, the Offline rows 60 lower.
fn by_hand(case: &CaseStudy) -> Board {
    let case = if case.alternatives.is_empty() {
        case.clone()
    } else {
        case.default_variant()
    };
    let mut board = case.reference_board();
    for (index, node) in case.nodes.iter().enumerate() {
        let (column, row) = node.cell.expect("every built-in node keeps its cell");
        let gap = if node.stage == Stage::Offline {
            60.0
        } else {
            0.0
        };
        let block = board.blocks.get_mut(&BlockId(index as u32 + 1)).unwrap();
        block.pos = Pos::new(
            40.0 + 280.0 * column as f32,
            60.0 + 130.0 * row as f32 + gap,
        );
    }
    // A frame around each stage's blocks, as the hand-made boards had.
    for (id, stage) in [(FrameId(1), Stage::Online), (FrameId(2), Stage::Offline)] {
        let bounds = case
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.stage == stage)
            .map(|(index, _)| board.blocks[&BlockId(index as u32 + 1)].rect())
            .reduce(|a, b| a.union(&b));
        if let (Some(bounds), Some(frame)) = (bounds, board.frames.get_mut(&id)) {
            frame.rect = layout::frame_around(bounds);
        }
    }
    board
}

/// The ten references (hand-placed, and as the app lays them out) and the example boards
/// (as drawn, and tidied).
fn boards() -> Vec<Case> {
    let catalog = catalog();
    let library = CaseLibrary::load(&catalog, Vec::new());
    let mut out: Vec<Case> = library
        .cases
        .iter()
        .map(|(case, _)| Case {
            name: format!("reference {}", case.id),
            before: by_hand(case),
            after: case.reference_board(),
        })
        .collect();
    for path in store::list_boards(&project_dir().join("boards")) {
        let before = store::load_board(&path, &catalog).unwrap().board;
        let after = applied(&before, &layout::tidy(&before, &catalog, None));
        out.push(Case {
            name: path.display().to_string(),
            before,
            after,
        });
    }
    assert_eq!(out.len(), 13);
    out
}

/// True when the arrows lead from `from` to `to`.
fn path_exists(board: &Board, from: BlockId, to: BlockId) -> bool {
    let mut seen = BTreeSet::from([from]);
    let mut todo = vec![from];
    while let Some(at) = todo.pop() {
        if at == to {
            return true;
        }
        for e in board.edges.values().filter(|e| e.from == at) {
            if seen.insert(e.to) {
                todo.push(e.to);
            }
        }
    }
    false
}

fn assert_no_overlaps(name: &str, board: &Board) {
    let blocks: Vec<_> = board.blocks.values().collect();
    for (i, a) in blocks.iter().enumerate() {
        for b in &blocks[i + 1..] {
            assert!(
                !a.rect().intersects(&b.rect()),
                "{name}: `{}` and `{}` overlap",
                a.label,
                b.label
            );
        }
    }
}

#[test]
fn tidy_keeps_its_rules_on_every_reference_and_example_board() {
    let catalog = catalog();
    for Case {
        name,
        before,
        after,
    } in boards()
    {
        assert_no_overlaps(&name, &after);
        let stages = layout::stages(&before, &catalog);
        for block in after.blocks.values() {
            assert_eq!(block.size, before.blocks[&block.id].size, "{name}");
            let snapped = block.pos.snapped(GRID_STEP);
            assert_eq!(
                block.pos, snapped,
                "{name}: `{}` is off the grid",
                block.label
            );
        }
        for e in after.edges.values() {
            let (from, to) = (&after.blocks[&e.from], &after.blocks[&e.to]);
            let online = stages[&e.from] == Stage::Online && stages[&e.to] == Stage::Online;
            if online && !path_exists(&after, e.to, e.from) {
                assert!(
                    from.rect().center().x < to.rect().center().x,
                    "{name}: `{}` -> `{}` points left",
                    from.label,
                    to.label
                );
            }
        }
        let lowest_online = after
            .blocks
            .values()
            .filter(|b| stages[&b.id] == Stage::Online)
            .map(|b| b.rect().max().y)
            .fold(f32::MIN, f32::max);
        let highest_offline = after
            .blocks
            .values()
            .filter(|b| stages[&b.id] == Stage::Offline)
            .map(|b| b.pos.y)
            .fold(f32::MAX, f32::min);
        assert!(lowest_online < highest_offline, "{name}: the bands mix");
        // Frames of the two bands never overlap.
        let band_of = |frame: &archdrill::model::Frame| {
            let held = before.blocks_inside(&frame.rect);
            let first = held.first().map(|id| stages[id])?;
            held.iter().all(|id| stages[id] == first).then_some(first)
        };
        for a in before.frames.values() {
            for b in before.frames.values() {
                if band_of(a) == Some(Stage::Online) && band_of(b) == Some(Stage::Offline) {
                    let (a, b) = (&after.frames[&a.id], &after.frames[&b.id]);
                    assert!(
                        !a.rect.intersects(&b.rect),
                        "{name}: `{}` overlaps `{}`",
                        a.label,
                        b.label
                    );
                }
            }
        }
        for frame in before.frames.values() {
            let held = before.blocks_inside(&frame.rect);
            let now = after.blocks_inside(&after.frames[&frame.id].rect);
            assert!(
                held.iter().all(|id| now.contains(id)),
                "{name}: the frame `{}` lost blocks",
                frame.label
            );
        }
    }
}

#[test]
fn tidy_crosses_no_more_arrows_than_the_boards_drawn_by_hand() {
    for Case {
        name,
        before,
        after,
    } in boards()
    {
        let (by_hand, tidied) = (layout::crossings(&before), layout::crossings(&after));
        assert!(
            tidied <= by_hand,
            "{name}: {tidied} crossings, {by_hand} by hand"
        );
    }
}

#[test]
fn tidy_twice_and_under_other_ids_gives_the_same_drawing() {
    let catalog = catalog();
    for Case { name, after, .. } in boards() {
        let again = layout::tidy(&after, &catalog, None);
        assert!(
            again.edits(&after).is_empty(),
            "{name}: a second tidy moves things"
        );
        // Ids spread out in the same order, and blocks elsewhere: the same geometry (compared
        // without frames, which hold blocks by where they are).
        let renumber = |id: BlockId| BlockId(id.0 * 7 + 100);
        let mut other = after.clone();
        other.blocks = after
            .blocks
            .values()
            .map(|b| {
                let mut b = b.clone();
                b.id = renumber(b.id);
                b.pos = Pos::new(0.0, 0.0);
                (b.id, b)
            })
            .collect();
        other.edges = after
            .edges
            .values()
            .map(|e| {
                let e = Edge {
                    id: EdgeId(e.id.0 + 50),
                    from: renumber(e.from),
                    to: renumber(e.to),
                    ..e.clone()
                };
                (e.id, e)
            })
            .collect();
        other.frames = BTreeMap::new();
        let mut plain = after.clone();
        plain.frames = BTreeMap::new();
        let tidied = layout::tidy(&plain, &catalog, None);
        let renumbered = layout::tidy(&other, &catalog, None);
        for (id, pos) in &tidied.blocks {
            assert_eq!(renumbered.blocks[&renumber(*id)], *pos, "{name}");
        }
    }
}

#[test]
fn each_arranging_gesture_is_one_undo_step_that_restores_the_board() {
    let catalog = catalog();
    for Case { name, before, .. } in boards() {
        let all = Selection::all(&before);
        let gestures: [&dyn Fn(&mut Document); 5] = [
            &|doc| doc.tidy(&catalog, None).unwrap(),
            &|doc| doc.tidy(&catalog, Some(&all)).unwrap(),
            &|doc| doc.align(&all, Align::Top).unwrap(),
            &|doc| doc.align(&all, Align::Centre).unwrap(),
            &|doc| doc.distribute(&all, Axis::Vertical).unwrap(),
        ];
        for gesture in gestures {
            let mut doc = Document::new(before.clone(), None);
            gesture(&mut doc);
            assert_ne!(doc.board(), &before, "{name}: nothing moved");
            assert!(doc.undo(), "{name}");
            assert!(!doc.can_undo(), "{name}: more than one step");
            assert_eq!(doc.board(), &before, "{name}");
        }
    }
}

/// A board of `sizes.len()` blocks (sizes in grid steps) with these arrows, all at the origin.
fn random_board(sizes: &[(u8, u8)], arrows: &[(usize, usize)], kinds: &[&str]) -> Board {
    let mut board = Board::default();
    for (i, (w, h)) in sizes.iter().enumerate() {
        let id = BlockId(i as u32 + 1);
        let kind = kinds[i % kinds.len()];
        board.blocks.insert(
            id,
            archdrill::model::Block {
                id,
                kind: kind.to_owned(),
                label: format!("{kind} {i}"),
                pos: Pos::new(13.0 * i as f32, 7.0 * i as f32),
                size: archdrill::model::Vec2::new(
                    f32::from(*w) * 20.0 + 20.0,
                    f32::from(*h) * 10.0 + 20.0,
                ),
                note: String::new(),
            },
        );
    }
    let n = sizes.len();
    let mut seen = BTreeSet::new();
    for &(a, b) in arrows {
        let (a, b) = (a % n.max(1), b % n.max(1));
        if a != b && seen.insert((a, b)) {
            let id = EdgeId(seen.len() as u32);
            board.edges.insert(
                id,
                Edge {
                    id,
                    from: BlockId(a as u32 + 1),
                    to: BlockId(b as u32 + 1),
                    label: String::new(),
                    routing: archdrill::model::Routing::Straight,
                    undirected: false,
                },
            );
        }
    }
    board
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn any_board_tidies_without_overlaps_or_panics(
        sizes in prop::collection::vec((0u8..12, 0u8..10), 0..30),
        arrows in prop::collection::vec((0usize..40, 0usize..40), 0..70),
        only in prop::collection::btree_set(1u32..40, 0..10),
    ) {
        let kinds = ["client", "training_pipeline", "ranker", "data_lake", "custom"];
        let board = random_board(&sizes, &arrows, &kinds);
        let catalog = catalog();
        let placement = layout::tidy(&board, &catalog, None);
        prop_assert_eq!(placement.blocks.len(), board.blocks.len());
        let after = applied(&board, &placement);
        assert_no_overlaps("random", &after);
        for block in after.blocks.values() {
            prop_assert_eq!(block.pos, block.pos.snapped(GRID_STEP));
        }
        let only: BTreeSet<BlockId> = only.into_iter().map(BlockId).collect();
        let part = layout::tidy(&board, &catalog, Some(&only));
        prop_assert!(part.blocks.keys().all(|id| only.contains(id)));
        // A selection tidied on a tidy board overlaps nothing it was not laid out with.
        let again = applied(&after, &layout::tidy(&after, &catalog, Some(&only)));
        assert_no_overlaps("random, then a selection", &again);
    }
}

/// Boards drawn by others, in many styles (every other one, for time): Tidy never leaves one
/// with more crossing arrows than its author drew, and crosses far fewer in all.
#[test]
fn tidy_untangles_boards_drawn_by_others() {
    let catalog = catalog();
    let mut paths = Vec::new();
    for dir in ["tests/fixtures/holdout", "tests/fixtures/styles"] {
        for case in std::fs::read_dir(project_dir().join(dir)).unwrap() {
            paths.extend(store::list_boards(&case.unwrap().path()));
        }
    }
    paths.sort();
    let paths: Vec<_> = paths.into_iter().step_by(2).collect();
    assert!(paths.len() >= 50, "{} boards", paths.len());
    let (mut drawn, mut tidied) = (0, 0);
    for path in paths {
        let before = store::load_board(&path, &catalog).unwrap().board;
        let after = applied(&before, &layout::tidy(&before, &catalog, None));
        assert_no_overlaps(&path.display().to_string(), &after);
        let (b, a) = (layout::crossings(&before), layout::crossings(&after));
        assert!(
            a <= b,
            "{}: {b} crossings drawn, {a} tidied",
            path.display()
        );
        drawn += b;
        tidied += a;
    }
    assert!(
        tidied * 10 <= drawn,
        "{tidied} crossings tidied, {drawn} drawn"
    );
}
