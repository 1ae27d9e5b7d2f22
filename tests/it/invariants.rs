//! Grading invariants (SPEC §5), checked on every case and with property tests.

use std::collections::BTreeMap;

use archdrill::cases::CaseLibrary;
use archdrill::catalog::Catalog;
use archdrill::grader::{GradeConfig, GradeReport, grade};
use archdrill::model::{
    Block, BlockId, Board, DEFAULT_BLOCK_SIZE, Edge, EdgeId, Pos, Routing, Vec2,
};
use archdrill::store;
use proptest::prelude::*;

use crate::project_dir;

fn setup() -> (Catalog, CaseLibrary) {
    let catalog = Catalog::builtin().unwrap();
    let cases = CaseLibrary::load(&catalog, Vec::new());
    (catalog, cases)
}

fn grade_case(board: &Board, case: usize) -> GradeReport {
    let (catalog, cases) = setup();
    grade(
        board,
        &cases.cases[case].0,
        &catalog,
        &GradeConfig::default(),
    )
}

fn fixture(case: usize) -> Board {
    let (catalog, cases) = setup();
    let id = &cases.cases[case].0.id;
    store::load_board(
        &project_dir().join(format!("tests/fixtures/{id}.ron")),
        &catalog,
    )
    .unwrap()
    .board
}

/// Score, missing nodes, (node, block label) pairs and extra labels of a report.
type Essence = (u32, Vec<String>, Vec<(String, String)>, Vec<String>);

/// What a report says, independent of block ids and positions.
fn essence(report: &GradeReport, board: &Board) -> Essence {
    let label = |id: BlockId| board.block(id).map(|b| b.label.clone()).unwrap_or_default();
    let mut matched: Vec<(String, String)> = report
        .matched
        .iter()
        .map(|m| (m.reference.clone(), label(m.block)))
        .collect();
    matched.sort();
    let mut extra: Vec<String> = report.extra.iter().map(|e| e.label.clone()).collect();
    extra.sort();
    (
        report.score,
        report.missing.iter().map(|m| m.reference.clone()).collect(),
        matched,
        extra,
    )
}

/// A pseudo-random stream from a seed (a tiny LCG, so the permutation depends only on it).
struct Stream(u64);

impl Stream {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

/// The same drawing with fresh, shuffled ids and every block moved.
fn renumbered_and_moved(board: &Board, seed: u64) -> Board {
    let mut stream = Stream(seed);
    let mut fresh: Vec<u32> = Vec::new();
    while fresh.len() < board.blocks.len() {
        let id = (stream.next() % 1_000_000) as u32 + 1;
        if !fresh.contains(&id) {
            fresh.push(id);
        }
    }
    let renamed: BTreeMap<BlockId, BlockId> = board
        .blocks
        .keys()
        .copied()
        .zip(fresh.into_iter().map(BlockId))
        .collect();
    let mut out = Board {
        case: board.case.clone(),
        title: board.title.clone(),
        ..Board::default()
    };
    for block in board.blocks.values() {
        let id = renamed[&block.id];
        let shift = Vec2::new(
            (stream.next() % 2000) as f32 - 1000.0,
            (stream.next() % 2000) as f32 - 1000.0,
        );
        out.blocks.insert(
            id,
            Block {
                id,
                pos: block.pos + shift,
                ..block.clone()
            },
        );
    }
    // Arrows are listed in a different order too.
    let mut edges: Vec<&Edge> = board.edges.values().collect();
    edges.sort_by_key(|e| stream.next() % 997 + u64::from(e.id.0));
    for (i, e) in edges.into_iter().enumerate() {
        let id = EdgeId(i as u32 + 1);
        out.edges.insert(
            id,
            Edge {
                id,
                from: renamed[&e.from],
                to: renamed[&e.to],
                ..e.clone()
            },
        );
    }
    out
}

#[test]
fn every_reference_graded_against_itself_scores_100_and_grading_is_deterministic() {
    let (catalog, cases) = setup();
    for (case, _) in &cases.cases {
        let board = case.reference_board();
        let report = grade(&board, case, &catalog, &GradeConfig::default());
        assert_eq!(report.score, 100, "{}: {:#?}", case.id, report.feedback);
        assert_eq!(
            report,
            grade(&board, case, &catalog, &GradeConfig::default())
        );
        assert_eq!(
            grade(&Board::default(), case, &catalog, &GradeConfig::default()).score,
            0
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn renumbering_reordering_and_moving_blocks_change_nothing(case in 0usize..10, seed in any::<u64>()) {
        let board = fixture(case);
        let changed = renumbered_and_moved(&board, seed);
        let (a, b) = (grade_case(&board, case), grade_case(&changed, case));
        prop_assert_eq!(essence(&a, &board), essence(&b, &changed));
    }

    #[test]
    fn removing_a_reference_block_lowers_the_score_of_a_perfect_board(case in 0usize..10, pick in any::<prop::sample::Index>()) {
        let (_, cases) = setup();
        let study = &cases.cases[case].0.default_variant();
        let mut board = study.reference_board();
        // Blocks of a reference board are numbered in node order (of the design shown).
        let index = pick.index(study.nodes.len());
        let gone = BlockId(index as u32 + 1);
        board.blocks.remove(&gone);
        board.edges.retain(|_, e| e.from != gone && e.to != gone);
        let score = grade_case(&board, case).score;
        if study.nodes[index].optional {
            prop_assert_eq!(score, 100, "optional parts never cost points");
        } else {
            prop_assert!(score < 100, "removing `{}` left the score at 100", study.nodes[index].id);
        }
        prop_assert!(score >= 50, "one missing block should not sink the score: {score}");
    }

    #[test]
    fn any_board_scores_between_0_and_100(
        case in 0usize..10,
        blocks in prop::collection::vec((0usize..43, 0usize..12), 0..24),
        edges in prop::collection::vec((0usize..24, 0usize..24), 0..40),
    ) {
        let (catalog, _) = setup();
        let words = ["FAISS", "ranker", "feature store", "Kafka", "user", "model", "index", "re-ranking", "encoder", "S3", "two-tower", "cache"];
        let mut board = Board::default();
        for (i, (kind, word)) in blocks.iter().enumerate() {
            let id = BlockId(i as u32 + 1);
            let kind = catalog.kinds()[kind % catalog.kinds().len()].id.clone();
            board.blocks.insert(id, Block { id, kind, label: words[*word].to_owned(), pos: Pos::new(i as f32 * 10.0, 0.0), size: DEFAULT_BLOCK_SIZE, note: String::new() });
        }
        let n = board.blocks.len() as u32;
        for (i, (a, b)) in edges.iter().enumerate() {
            let (a, b) = (*a as u32 % n.max(1) + 1, *b as u32 % n.max(1) + 1);
            if n > 1 && a != b && board.find_edge(BlockId(a), BlockId(b)).is_none() {
                let id = EdgeId(i as u32 + 1);
                board.edges.insert(id, Edge { id, from: BlockId(a), to: BlockId(b), label: String::new(), routing: Routing::Straight, undirected: false });
            }
        }
        let report = grade_case(&board, case);
        prop_assert!(report.score <= 100);
        prop_assert!((0.0..=1.0).contains(&report.nodes.recall) && (0.0..=1.0).contains(&report.edges.precision));
        prop_assert_eq!(report.score, grade_case(&board, case).score);
    }
}
