//! The grader's yardstick: boards drawn as candidates draw them (`tests/fixtures/<case>.ron`
//! and `tests/fixtures/styles/<case>/<style>.ron`), each style in the band an expert
//! interviewer would put it, and adversarial boards under their caps. Each test checks all
//! ten cases and reports every case that misses its band.

use std::fmt::Write as _;

use archdrill::cases::{CaseLibrary, CaseStudy};
use archdrill::catalog::Catalog;
use archdrill::grader::similarity::{Words, name_similarity};
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

/// A sibling case: a system of the same family whose good board must score lower. The
/// sibling boards of `tests/fixtures/styles` are the second case's `fine.ron`.
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

    fn style(&self, id: &str, style: &str) -> Board {
        let path = project_dir().join(format!("tests/fixtures/styles/{id}/{style}.ron"));
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
                undirected: false,
            },
        );
    }
    out
}

/// Runs `check` on every case and fails with every case whose board misses its band.
fn every_case(what: &str, check: impl Fn(&Setup, &str) -> Result<(), String>) {
    every_case_all(what, |s, id| check(s, id).err().into_iter().collect());
}

/// Runs `check` on every case, which returns every band its boards miss; fails with every
/// miss that is not in [`KNOWN_MISSES`] (those are printed).
fn every_case_all(what: &str, check: impl Fn(&Setup, &str) -> Vec<String>) {
    let s = Setup::new();
    let mut failures = Vec::new();
    for (c, _) in s.cases.cases.iter().take(10) {
        for miss in check(&s, &c.id) {
            let known = KNOWN_MISSES
                .iter()
                .any(|(case, start)| *case == c.id && miss.starts_with(start));
            if known {
                eprintln!("known miss, {}: {miss}", c.id);
            } else {
                failures.push(format!("{}: {miss}", c.id));
            }
        }
    }
    assert!(failures.is_empty(), "{what}:\n{}", failures.join("\n"));
}

/// Bands the grader does not reach yet, by case and the start of the miss: each one is an
/// open item of the grading work, printed with `--nocapture`. Remove a line when its band
/// holds.
const KNOWN_MISSES: &[(&str, &str)] = &[];

fn band(score: u32, range: std::ops::RangeInclusive<u32>, what: &str) -> Result<(), String> {
    if range.contains(&score) {
        Ok(())
    } else {
        Err(format!("{what} scored {score}, outside {range:?}"))
    }
}

/// Sibling pairs whose systems share most of their design (embedding retrieval, or
/// feature-based ranking of the same shape): their cap is 55 instead of 45.
const NEAR_TWINS: [(&str, &str); 4] = [
    ("visual-search", "similar-listings"),
    ("similar-listings", "visual-search"),
    ("video-search", "visual-search"),
    ("video-recommendation", "news-feed"),
];

#[test]
fn strong_answers_score_high_in_the_reference_grain_and_with_more_detail() {
    every_case_all("strong answers", |s, id| {
        let mut errs = Vec::new();
        errs.extend(band(s.score(&s.fixture(id), id), 90..=100, "the good board").err());
        errs.extend(
            band(
                s.score(&s.style(id, "fine"), id),
                85..=100,
                "fine (more detail)",
            )
            .err(),
        );
        errs.extend(
            band(
                s.score(&s.style(id, "holdout-good"), id),
                80..=100,
                "holdout-good",
            )
            .err(),
        );
        errs
    });
}

#[test]
fn coarser_answers_score_between_60_and_85() {
    every_case_all("coarse answers", |s, id| {
        let mut errs = Vec::new();
        errs.extend(band(s.score(&s.style(id, "coarse"), id), 60..=85, "coarse").err());
        errs.extend(
            band(
                s.score(&s.style(id, "holdout-coarse"), id),
                60..=85,
                "holdout-coarse",
            )
            .err(),
        );
        errs
    });
}

#[test]
fn reversed_arrows_and_missing_arrows_cost_most_of_the_grade() {
    every_case_all("reversed and unwired", |s, id| {
        let mut errs = Vec::new();
        errs.extend(
            band(
                s.score(&s.style(id, "reversed"), id),
                0..=54,
                "every arrow reversed",
            )
            .err(),
        );
        errs.extend(band(s.score(&s.style(id, "nolinks"), id), 20..=50, "no arrows").err());
        errs
    });
}

#[test]
fn words_count_as_much_as_kinds_and_typos_are_tolerated() {
    every_case_all("words over kinds", |s, id| {
        let mut errs = Vec::new();
        let good = s.score(&s.fixture(id), id);
        let custom = s.score(&s.style(id, "custom-only"), id);
        if custom + 15 < good {
            errs.push(format!(
                "custom-only {custom} is more than 15 below the good board {good}"
            ));
        }
        let typos = s.score(&s.style(id, "typos"), id);
        errs.extend(band(typos, 80..=100, "typos").err());
        if typos + 10 < good {
            errs.push(format!(
                "typos {typos} is more than 10 below the good board {good}"
            ));
        }
        errs.extend(
            band(
                s.score(&s.style(id, "typos-custom"), id),
                65..=100,
                "typos, custom",
            )
            .err(),
        );
        let products = s.score(&s.style(id, "product-names"), id);
        errs.extend(band(products, 60..=100, "product names").err());
        let half = s.score(&half(&s.fixture(id)), id);
        if products <= half {
            errs.push(format!(
                "product names {products} is not above the half board {half}"
            ));
        }
        errs
    });
}

#[test]
fn one_block_of_every_kind_chained_scores_under_25() {
    every_case_all("every kind chained", |s, id| {
        let mut errs = Vec::new();
        errs.extend(
            band(
                s.score(&s.style(id, "every-kind-chained"), id),
                0..=24,
                "every kind chained",
            )
            .err(),
        );
        errs
    });
}

#[test]
fn a_sibling_cases_answer_scores_low_and_well_below_the_cases_own() {
    every_case_all("sibling answers", |s, id| {
        let mut errs = Vec::new();
        let sibling = s.score(&s.style(id, "sibling"), id);
        let twin =
            NEAR_TWINS.contains(&(id, SIBLING.iter().find(|p| p.0 == id).map_or("", |p| p.1)));
        errs.extend(
            band(
                sibling,
                0..=if twin { 55 } else { 45 },
                "the sibling's fine board",
            )
            .err(),
        );
        let own = s.score(&s.style(id, "fine"), id);
        if sibling + 20 > own {
            errs.push(format!("the sibling's board {sibling} is less than 20 below the case's own fine board {own}"));
        }
        errs
    });
}

#[test]
fn half_finished_miswired_and_other_system_boards_are_ordered() {
    every_case_all("ordered checks", |s, id| {
        let mut errs = Vec::new();
        let good_board = s.fixture(id);
        let good = s.score(&good_board, id);
        errs.extend(band(good, 80..=100, "the good board").err());
        let half_score = s.score(&half(&good_board), id);
        errs.extend(band(half_score, 25..=75, "half a board").err());
        if half_score + 15 > good {
            errs.push(format!(
                "half a board {half_score} is less than 15 below good {good}"
            ));
        }
        let bad = s.score(&miswired(&good_board), id);
        if bad + 20 > good {
            errs.push(format!("miswired {bad} is less than 20 below good {good}"));
        }
        let sibling = SIBLING.iter().find(|p| p.0 == id).map_or(id, |p| p.1);
        let theirs = s.score(&s.fixture(sibling), id);
        if theirs >= good {
            errs.push(format!(
                "{sibling}'s good board scored {theirs}, the case's own {good}"
            ));
        }
        let other = OTHER_KIND.iter().find(|p| p.0 == id).map_or(id, |p| p.1);
        let theirs = s.score(&s.fixture(other), id);
        if theirs >= 40 || theirs >= half_score {
            errs.push(format!("{other}'s board scored {theirs} (half board {half_score}); it must be under 40 and below the half board"));
        }
        errs
    });
}

/// Prints every style's score for every case: `cargo test --test it yardstick_table --
/// --ignored --nocapture`.
#[test]
#[ignore = "prints the table of scores"]
fn yardstick_table() {
    let s = Setup::new();
    let styles = [
        "fine",
        "holdout-good",
        "coarse",
        "holdout-coarse",
        "reversed",
        "nolinks",
        "custom-only",
        "typos",
        "typos-custom",
        "product-names",
        "every-kind-chained",
        "sibling",
    ];
    let mut out = format!("{:<26} good half  misw", "case");
    for style in styles {
        let _ = write!(out, " {:>5}", &style[..style.len().min(5)]);
    }
    out.push('\n');
    for (c, _) in s.cases.cases.iter().take(10) {
        let id = c.id.as_str();
        let good = s.fixture(id);
        let _ = write!(
            out,
            "{id:<26} {:>4} {:>4} {:>5}",
            s.score(&good, id),
            s.score(&half(&good), id),
            s.score(&miswired(&good), id)
        );
        for style in styles {
            let _ = write!(out, " {:>5}", s.score(&s.style(id, style), id));
        }
        out.push('\n');
    }
    eprintln!("{out}");
}

fn add_arrow(board: &mut Board, from: BlockId, to: BlockId) {
    let id = EdgeId(board.edges.keys().map(|e| e.0).max().unwrap_or(0) + 1);
    board.edges.insert(
        id,
        Edge {
            id,
            from,
            to,
            label: String::new(),
            routing: Routing::Straight,
            undirected: false,
        },
    );
}

fn add_block(board: &mut Board, kind: &str, label: &str) -> BlockId {
    let id = BlockId(board.blocks.keys().map(|b| b.0).max().unwrap_or(0) + 1);
    board.blocks.insert(
        id,
        archdrill::model::Block {
            id,
            kind: kind.to_owned(),
            label: label.to_owned(),
            pos: archdrill::model::Pos::new(id.0 as f32 * 40.0, 900.0),
            size: archdrill::model::DEFAULT_BLOCK_SIZE,
            note: String::new(),
        },
    );
    id
}

#[test]
fn one_block_naming_every_node_scores_at_most_30() {
    every_case_all("one block names everything", |s, id| {
        let mut errs = Vec::new();
        let case = s.case(id);
        let mut board = Board::default();
        let names: Vec<&str> = case.nodes.iter().map(|n| n.label.as_str()).collect();
        add_block(&mut board, "custom", &names.join(", "));
        errs.extend(band(s.score(&board, id), 0..=30, "one block naming every node").err());
        errs
    });
}

#[test]
fn a_hub_through_one_queue_scores_at_most_the_unwired_board_plus_10() {
    every_case_all("hub", |s, id| {
        let mut errs = Vec::new();
        let mut board = s.fixture(id);
        board.edges.clear();
        let unwired = s.score(&board, id);
        let blocks: Vec<BlockId> = board.blocks.keys().copied().collect();
        let hub = add_block(&mut board, "event_stream", "Kafka");
        for b in blocks {
            add_arrow(&mut board, b, hub);
            add_arrow(&mut board, hub, b);
        }
        errs.extend(
            band(
                s.score(&board, id),
                0..=unwired + 10,
                "every block through one queue",
            )
            .err(),
        );
        errs
    });
}

#[test]
fn wiring_every_block_to_every_other_scores_at_most_50() {
    every_case_all("complete graph", |s, id| {
        let mut errs = Vec::new();
        let mut board = s.fixture(id);
        board.edges.clear();
        let blocks: Vec<BlockId> = board.blocks.keys().copied().collect();
        let mut one_way = board.clone();
        for (i, &a) in blocks.iter().enumerate() {
            for (j, &b) in blocks.iter().enumerate() {
                if i != j {
                    add_arrow(&mut board, a, b);
                }
                if i < j {
                    add_arrow(&mut one_way, a, b);
                }
            }
        }
        errs.extend(
            band(
                s.score(&board, id),
                0..=50,
                "every block to every other, both ways",
            )
            .err(),
        );
        errs.extend(
            band(
                s.score(&one_way, id),
                0..=50,
                "every block to every later one",
            )
            .err(),
        );
        errs
    });
}

/// The boards the properties are checked on: every style that has arrows.
const PROPERTY_STYLES: [&str; 6] = [
    "fine",
    "coarse",
    "typos",
    "product-names",
    "holdout-good",
    "holdout-coarse",
];

fn property_boards(s: &Setup, id: &str) -> Vec<(String, Board)> {
    let mut out = vec![
        ("good".to_owned(), s.fixture(id)),
        ("half".to_owned(), half(&s.fixture(id))),
    ];
    out.extend(
        PROPERTY_STYLES
            .iter()
            .map(|st| ((*st).to_owned(), s.style(id, st))),
    );
    out
}

#[test]
fn adding_a_missing_required_arrow_never_lowers_the_grade() {
    every_case("adding a required arrow", |s, id| {
        let case = s.case(id);
        for (style, board) in property_boards(s, id) {
            let report = grade(&board, case, &s.catalog, &GradeConfig::default());
            for edge in case.edges.iter().filter(|e| !e.optional) {
                let (Some(a), Some(b)) = (report.block_for(&edge.from), report.block_for(&edge.to))
                else {
                    continue;
                };
                if a == b || board.find_edge(a, b).is_some() {
                    continue;
                }
                let mut more = board.clone();
                add_arrow(&mut more, a, b);
                let after = s.score(&more, id);
                if after < report.score {
                    return Err(format!(
                        "{style}: adding {} -> {} lowered {} to {after}",
                        edge.from, edge.to, report.score
                    ));
                }
            }
        }
        Ok(())
    });
}

#[test]
fn reversing_a_processing_arrow_never_raises_the_grade() {
    every_case("reversing an arrow", |s, id| {
        let case = s.case(id);
        for (style, board) in property_boards(s, id) {
            let report = grade(&board, case, &s.catalog, &GradeConfig::default());
            let before = report.score;
            // Processing arrows: those carrying a flow directly, with no store at either end
            // (a store's reads may be drawn either way).
            let store = |b: BlockId| {
                report.matched.iter().any(|m| {
                    m.block == b
                        && case
                            .node(&m.reference)
                            .is_some_and(|n| archdrill::grader::kinds::is_store(&n.kind))
                })
            };
            for (edge_id, edge) in &board.edges {
                let processing = report.arrows.iter().any(|a| {
                    a.from == edge.from
                        && a.to == edge.to
                        && a.status == archdrill::grader::ArrowStatus::Direct
                });
                if !processing
                    || store(edge.from)
                    || store(edge.to)
                    || board.find_edge(edge.to, edge.from).is_some()
                {
                    continue;
                }
                let mut flipped = board.clone();
                if let Some(e) = flipped.edges.get_mut(edge_id) {
                    std::mem::swap(&mut e.from, &mut e.to);
                }
                let after = s.score(&flipped, id);
                if after > before {
                    return Err(format!(
                        "{style}: reversing an arrow raised {before} to {after}"
                    ));
                }
            }
        }
        Ok(())
    });
}

#[test]
fn adding_a_block_of_another_cases_reference_never_raises_the_grade() {
    every_case("adding another case's block", |s, id| {
        // On a finished board every block of another case is extra; on an unfinished one, a
        // block of a kind this case needs, or whose words name one of its nodes, may rightly
        // fill a gap ("Model training" is training everywhere, "Kafka" is the interaction
        // log of several), so there only blocks of other kinds and other words are added.
        let own_kinds: Vec<&str> = s.case(id).nodes.iter().map(|n| n.kind.as_str()).collect();
        let own_names: Vec<Words> = s
            .case(id)
            .nodes
            .iter()
            .flat_map(|n| std::iter::once(&n.label).chain(&n.aliases))
            .map(|t| Words::new(t))
            .collect();
        let names_own_node = |label: &str| {
            let words = Words::new(label);
            own_names
                .iter()
                .any(|name| name_similarity(&words, name).0 >= 0.5)
        };
        for (style, board) in property_boards(s, id).into_iter().take(4) {
            let finished = style != "half";
            let before = s.score(&board, id);
            for (other, _) in s.cases.cases.iter().filter(|(c, _)| c.id != id).take(10) {
                for node in other.nodes.iter().filter(|n| {
                    finished || !own_kinds.contains(&n.kind.as_str()) && !names_own_node(&n.label)
                }) {
                    let mut more = board.clone();
                    add_block(&mut more, &node.kind, &node.label);
                    let after = s.score(&more, id);
                    if after > before {
                        return Err(format!(
                            "{style}: adding {}'s \"{}\" raised {before} to {after}",
                            other.id, node.label
                        ));
                    }
                }
            }
        }
        Ok(())
    });
}
