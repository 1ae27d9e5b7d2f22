//! The grader on boards written as users draw them (`tests/fixtures/<case>.ron`): good boards
//! score high, half-finished ones in between, miswired ones lower, other systems low.

use std::collections::BTreeMap;

use archdrill::cases::{CaseLibrary, CaseStudy};
use archdrill::catalog::Catalog;
use archdrill::grader::{GradeConfig, grade};
use archdrill::model::{BlockId, Board, Edge, EdgeId, Routing};
use archdrill::store;

use crate::project_dir;

/// A case of another kind of system for each case (detection vs recommendation/search).
const OTHER_KIND: [(&str, &str); 10] = [
    ("visual-search", "street-view-blurring"),
    ("street-view-blurring", "video-recommendation"),
    ("video-search", "harmful-content-detection"),
    ("harmful-content-detection", "news-feed"),
    ("video-recommendation", "street-view-blurring"),
    ("event-recommendation", "street-view-blurring"),
    ("ad-click-prediction", "street-view-blurring"),
    ("similar-listings", "harmful-content-detection"),
    ("news-feed", "street-view-blurring"),
    ("people-you-may-know", "street-view-blurring"),
];

/// A sibling case: a system of the same family whose good board must score lower.
const SIBLING: [(&str, &str); 10] = [
    ("visual-search", "similar-listings"),
    ("street-view-blurring", "harmful-content-detection"),
    ("video-search", "visual-search"),
    ("harmful-content-detection", "street-view-blurring"),
    ("video-recommendation", "news-feed"),
    ("event-recommendation", "ad-click-prediction"),
    ("ad-click-prediction", "event-recommendation"),
    ("similar-listings", "visual-search"),
    ("news-feed", "video-recommendation"),
    ("people-you-may-know", "video-recommendation"),
];

struct Setup {
    catalog: Catalog,
    cases: CaseLibrary,
}

impl Setup {
    fn new() -> Self {
        let catalog = Catalog::builtin().unwrap();
        let cases = CaseLibrary::load(&catalog, Vec::new());
        Setup { catalog, cases }
    }

    fn case(&self, id: &str) -> &CaseStudy {
        self.cases.get(id).unwrap()
    }

    fn fixture(&self, id: &str) -> Board {
        let path = project_dir().join(format!("tests/fixtures/{id}.ron"));
        store::load_board(&path, &self.catalog)
            .unwrap_or_else(|e| panic!("{e}"))
            .board
    }

    fn score(&self, board: &Board, case: &str) -> u32 {
        grade(
            board,
            self.case(case),
            &self.catalog,
            &GradeConfig::default(),
        )
        .score
    }
}

/// A half-finished drawing: the first half of the blocks (in the order they were drawn, that
/// is by id), with the arrows among them.
fn half(board: &Board) -> Board {
    let mut out = board.clone();
    let keep = board.blocks.len().div_ceil(2);
    let drop: Vec<BlockId> = board.blocks.keys().copied().skip(keep).collect();
    out.blocks.retain(|id, _| !drop.contains(id));
    out.edges
        .retain(|_, e| !drop.contains(&e.from) && !drop.contains(&e.to));
    out
}

/// The same blocks with every arrow pointing somewhere it should not: each arrow keeps its
/// start and ends at the block three places further on in id order.
fn miswired(board: &Board) -> Board {
    let ids: Vec<BlockId> = board.blocks.keys().copied().collect();
    let mut out = board.clone();
    out.edges.clear();
    let mut seen = std::collections::BTreeSet::new();
    for (i, e) in board.edges.values().enumerate() {
        let at = ids.iter().position(|id| *id == e.from).unwrap_or(0);
        let mut to = ids[(at + 3 + i % 2) % ids.len()];
        if to == e.from {
            to = ids[(at + 1) % ids.len()];
        }
        if board.find_edge(e.from, to).is_some()
            || board.find_edge(to, e.from).is_some()
            || !seen.insert((e.from, to))
        {
            continue;
        }
        let id = EdgeId(out.edges.len() as u32 + 1);
        out.edges.insert(
            id,
            Edge {
                id,
                from: e.from,
                to,
                label: String::new(),
                routing: Routing::Straight,
            },
        );
    }
    out
}

#[test]
fn a_good_board_in_synonyms_scores_at_least_80() {
    let s = Setup::new();
    let mut scores = BTreeMap::new();
    for (id, _) in OTHER_KIND {
        scores.insert(id, s.score(&s.fixture(id), id));
    }
    assert!(scores.values().all(|&v| v >= 80), "{scores:#?}");
}

#[test]
fn half_a_board_scores_between_25_and_75() {
    let s = Setup::new();
    for (id, _) in OTHER_KIND {
        let score = s.score(&half(&s.fixture(id)), id);
        assert!(
            (25..=75).contains(&score),
            "{id}: half a board scored {score}"
        );
    }
}

#[test]
fn miswired_arrows_cost_at_least_20_points() {
    let s = Setup::new();
    for (id, _) in OTHER_KIND {
        let good = s.fixture(id);
        let (good_score, bad_score) = (s.score(&good, id), s.score(&miswired(&good), id));
        assert!(
            bad_score + 20 <= good_score,
            "{id}: good {good_score}, miswired {bad_score}"
        );
    }
}

#[test]
fn a_different_kind_of_system_scores_below_35() {
    let s = Setup::new();
    for (id, other) in OTHER_KIND {
        let score = s.score(&s.fixture(other), id);
        assert!(score < 35, "{other} graded as {id} scored {score}");
    }
}

#[test]
fn a_sibling_case_scores_below_the_case_itself() {
    let s = Setup::new();
    for (id, sibling) in SIBLING {
        let own = s.score(&s.fixture(id), id);
        let theirs = s.score(&s.fixture(sibling), id);
        assert!(
            theirs < own,
            "{sibling} graded as {id} scored {theirs}, the case's own board {own}"
        );
    }
}
