//! Feedback on the reference's flows: drawn the wrong way round (with one summary line when
//! most are), or missing between drawn blocks.

use super::{FeedbackKind, line, quoted};
use crate::grader::{EdgeResult, EdgeStatus, Feedback, GradeReport};
use crate::model::{BlockId, Board};

/// Reversed flows spelled out after the summary line.
const SUMMARY_EXAMPLES: usize = 3;

/// Appends the flow lines, in the reference's order.
pub(super) fn lines(report: &GradeReport, board: &Board, out: &mut Vec<Feedback>) {
    // Most flows drawn the wrong way round is one mistake, said once before the details.
    let drawn_flows: Vec<&EdgeResult> = report
        .edge_results
        .iter()
        .filter(|e| !matches!(e.status, EdgeStatus::Missing | EdgeStatus::Within))
        .collect();
    let reversed: Vec<&EdgeResult> = drawn_flows
        .iter()
        .copied()
        .filter(|e| e.status == EdgeStatus::Reversed)
        .collect();
    let summarised = reversed.len() >= 3 && reversed.len() * 2 >= drawn_flows.len();
    if summarised {
        let mut blocks: Vec<BlockId> = reversed
            .iter()
            .flat_map(|e| [report.block_for(&e.from), report.block_for(&e.to)])
            .flatten()
            .collect();
        blocks.sort_unstable();
        blocks.dedup();
        out.push(line(
            FeedbackKind::WrongDirection,
            if reversed.len() == drawn_flows.len() {
                format!(
                    "Your arrows point against the data: all {} flows you drew run backwards. An arrow goes from the part that sends to the part that receives.",
                    reversed.len()
                )
            } else {
                format!(
                    "Most of your arrows point against the data: {} of the {} flows you drew run backwards. An arrow goes from the part that sends to the part that receives.",
                    reversed.len(),
                    drawn_flows.len()
                )
            },
            blocks,
            Vec::new(),
        ));
    }
    // After the summary, a few examples; the arrow list names every one.
    let mut examples = if summarised {
        SUMMARY_EXAMPLES
    } else {
        usize::MAX
    };
    // With no arrow at all, the "no arrows" line says it once: every flow is missing.
    let any_arrow = !board.edges.is_empty();
    for edge in &report.edge_results {
        let what = if edge.label.is_empty() {
            String::new()
        } else {
            format!(" ({})", edge.label)
        };
        let (Some(a), Some(b)) = (report.block_for(&edge.from), report.block_for(&edge.to)) else {
            continue;
        };
        let refs = vec![edge.from.clone(), edge.to.clone()];
        match &edge.status {
            EdgeStatus::Reversed if examples > 0 => {
                examples -= 1;
                out.push(line(
                FeedbackKind::WrongDirection,
                format!(
                    "The flow between {} and {} points the wrong way: data goes from {} to {}{what}.",
                    quoted(board, a),
                    quoted(board, b),
                    quoted(board, a),
                    quoted(board, b)
                ),
                vec![a, b],
                refs,
            ));
            }
            EdgeStatus::Missing if !edge.optional && any_arrow => out.push(line(
                FeedbackKind::MissingArrow,
                format!(
                    "Missing flow: {} -> {}{what}.",
                    quoted(board, a),
                    quoted(board, b)
                ),
                vec![a, b],
                refs,
            )),
            _ => {}
        }
    }
}
