//! A grade as marks on a board, the one form the canvas overlay, the compared reference and
//! the PNG and SVG export all draw: which blocks matched or are extra, which arrows carry a
//! flow, run the wrong way or answer nothing, and the ghosts of missing blocks.

use std::collections::BTreeSet;

use super::placement::{self, Ghosts};
use super::{ArrowStatus, EdgeStatus, GradeConfig, GradeReport};
use crate::cases::CaseStudy;
use crate::catalog::Catalog;
use crate::model::{BlockId, Board};

/// What a grade marks on a board.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Marks {
    pub matched: BTreeSet<BlockId>,
    pub extra: BTreeSet<BlockId>,
    /// Arrows (from, to) that point the wrong way.
    pub reversed: BTreeSet<(BlockId, BlockId)>,
    /// Drawn arrows that answer nothing in the reference.
    pub extra_arrows: BTreeSet<(BlockId, BlockId)>,
    /// Drawn arrows that carry a reference flow (directly, through infrastructure, or past
    /// an undrawn block).
    pub credited: BTreeSet<(BlockId, BlockId)>,
    /// Dashed blocks and arrows where the drawing lacks them.
    pub ghosts: Ghosts,
    /// On a reference: the blocks and arrows the drawing lacks.
    pub missed: BTreeSet<BlockId>,
    pub missed_arrows: BTreeSet<(BlockId, BlockId)>,
}

/// How an arrow is marked, in the order the marks win when several apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArrowMark {
    Reversed,
    Missed,
    Extra,
    Credited,
}

impl Marks {
    /// The marks of a grade on the graded board, with the ghosts placed for its missing
    /// blocks.
    pub fn from_report(report: &GradeReport, ghosts: Ghosts) -> Marks {
        Marks {
            matched: report.matched.iter().map(|m| m.block).collect(),
            extra: report.extra.iter().map(|e| e.block).collect(),
            reversed: arrows_with(report, &[ArrowStatus::Reversed]),
            extra_arrows: arrows_with(report, &[ArrowStatus::Extra]),
            credited: arrows_with(
                report,
                &[
                    ArrowStatus::Direct,
                    ArrowStatus::ThroughInfrastructure,
                    ArrowStatus::ThroughStep,
                    ArrowStatus::ThroughData,
                    ArrowStatus::Contracted,
                ],
            ),
            ghosts,
            ..Marks::default()
        }
    }

    /// Grades `board` against `case` and marks it.
    pub fn graded(board: &Board, case: &CaseStudy, catalog: &Catalog) -> Marks {
        let report = super::grade(board, case, catalog, &GradeConfig::default());
        let ghosts = placement::place(&report, case, board);
        Marks::from_report(&report, ghosts)
    }

    /// The marks of a grade on the case's reference board: matched nodes, missed nodes and
    /// arrows, and arrows the drawing has the wrong way round.
    pub fn on_reference(report: &GradeReport, case: &CaseStudy) -> Marks {
        let block = |id: &str| case.reference_block(id);
        let mut marks = Marks {
            matched: report
                .matched
                .iter()
                .filter_map(|m| block(&m.reference))
                .collect(),
            missed: report
                .missing
                .iter()
                .filter_map(|m| block(&m.reference))
                .collect(),
            ..Marks::default()
        };
        for edge in &report.edge_results {
            let (Some(from), Some(to)) = (block(&edge.from), block(&edge.to)) else {
                continue;
            };
            match edge.status {
                EdgeStatus::Missing if !edge.optional => {
                    marks.missed_arrows.insert((from, to));
                }
                EdgeStatus::Reversed => {
                    marks.reversed.insert((from, to));
                }
                _ => {}
            }
        }
        marks
    }

    /// How the arrow from `from` to `to` is marked, if it is.
    pub fn arrow(&self, from: BlockId, to: BlockId) -> Option<ArrowMark> {
        let pair = (from, to);
        if self.reversed.contains(&pair) {
            Some(ArrowMark::Reversed)
        } else if self.missed_arrows.contains(&pair) {
            Some(ArrowMark::Missed)
        } else if self.extra_arrows.contains(&pair) {
            Some(ArrowMark::Extra)
        } else if self.credited.contains(&pair) {
            Some(ArrowMark::Credited)
        } else {
            None
        }
    }
}

/// The drawn arrows whose status is one of `statuses`, as (from, to).
fn arrows_with(report: &GradeReport, statuses: &[ArrowStatus]) -> BTreeSet<(BlockId, BlockId)> {
    report
        .arrows
        .iter()
        .filter(|a| statuses.contains(&a.status))
        .map(|a| (a.from, a.to))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::CaseLibrary;

    fn catalog() -> Catalog {
        Catalog::builtin().expect("the built-in catalog loads")
    }

    fn case(id: &str) -> CaseStudy {
        CaseLibrary::load(&catalog(), Vec::new())
            .get(id)
            .cloned()
            .expect("built-in case")
    }

    #[test]
    fn marks_name_matched_and_missed_reference_blocks() {
        let case = case("visual-search");
        let mut drawing = case.reference_board();
        let dropped = case
            .nodes
            .iter()
            .find(|n| !n.optional)
            .expect("a required node");
        let dropped_block = case.reference_block(&dropped.id).expect("on the board");
        drawing.blocks.remove(&dropped_block);
        drawing
            .edges
            .retain(|_, e| e.from != dropped_block && e.to != dropped_block);
        let report = super::super::grade(&drawing, &case, &catalog(), &GradeConfig::default());
        let marks = Marks::on_reference(&report, &case);
        assert!(marks.missed.contains(&dropped_block));
        assert!(!marks.matched.contains(&dropped_block));
        assert_eq!(marks.matched.len(), drawing.blocks.len());
        let touching = case
            .edges
            .iter()
            .filter(|e| !e.optional && (e.from == dropped.id || e.to == dropped.id))
            .count();
        assert_eq!(marks.missed_arrows.len(), touching);
    }

    #[test]
    fn an_arrow_takes_the_first_mark_that_applies() {
        let pair = (BlockId(1), BlockId(2));
        let mut marks = Marks::default();
        assert_eq!(marks.arrow(pair.0, pair.1), None);
        marks.credited.insert(pair);
        assert_eq!(marks.arrow(pair.0, pair.1), Some(ArrowMark::Credited));
        marks.extra_arrows.insert(pair);
        assert_eq!(marks.arrow(pair.0, pair.1), Some(ArrowMark::Extra));
        marks.missed_arrows.insert(pair);
        assert_eq!(marks.arrow(pair.0, pair.1), Some(ArrowMark::Missed));
        marks.reversed.insert(pair);
        assert_eq!(marks.arrow(pair.0, pair.1), Some(ArrowMark::Reversed));
        assert_eq!(
            marks.arrow(pair.1, pair.0),
            None,
            "an arrow has a direction"
        );
    }
}
