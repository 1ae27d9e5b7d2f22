//! Feedback on the reference's flows: drawn the wrong way round (with one summary line when
//! most are), or missing between drawn blocks.

use super::{FeedbackKind, line, quoted};
use crate::grader::{ArrowStatus, EdgeResult, EdgeStatus, Feedback, GradeReport};
use crate::model::{BlockId, Board};

/// Reversed flows spelled out after the summary line.
const SUMMARY_EXAMPLES: usize = 3;

/// Missing flows between one pair of blocks: the pair, the flows' labels, their nodes.
type MissingBetween = ((BlockId, BlockId), Vec<String>, Vec<String>);

/// Appends the flow lines, in the reference's order (missing ones after the rest).
pub(super) fn lines(report: &GradeReport, board: &Board, out: &mut Vec<Feedback>) {
    // Most arrows drawn the wrong way round is one mistake, said once before the details.
    // It counts the arrows as drawn (one arrow may stand for several flows of the reference).
    let carrying = report
        .arrows
        .iter()
        .filter(|a| {
            matches!(
                a.status,
                ArrowStatus::Direct
                    | ArrowStatus::ThroughInfrastructure
                    | ArrowStatus::ThroughStep
                    | ArrowStatus::ThroughData
                    | ArrowStatus::Contracted
                    | ArrowStatus::Reversed
            )
        })
        .count();
    let backwards = report
        .arrows
        .iter()
        .filter(|a| a.status == ArrowStatus::Reversed)
        .count();
    let reversed: Vec<&EdgeResult> = report
        .edge_results
        .iter()
        .filter(|e| e.status == EdgeStatus::Reversed)
        .collect();
    let summarised = backwards >= 3 && backwards * 2 >= carrying;
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
            if backwards == carrying {
                format!(
                    "Your arrows point against the data: all {backwards} arrows along the design's flows run backwards. An arrow goes from the part that sends to the part that receives."
                )
            } else {
                format!(
                    "Most of your arrows point against the data: {backwards} of the {carrying} arrows along the design's flows run backwards. An arrow goes from the part that sends to the part that receives."
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
    let mut missing: Vec<MissingBetween> = Vec::new();
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
            // Two flows of the reference between the same two blocks are one line.
            EdgeStatus::Missing if !edge.optional && any_arrow => {
                match missing.iter_mut().find(|m| m.0 == (a, b)) {
                    Some(m) => {
                        m.1.push(edge.label.clone());
                        m.2.extend(refs);
                    }
                    None => missing.push(((a, b), vec![edge.label.clone()], refs)),
                }
            }
            _ => {}
        }
    }
    for ((a, b), labels, mut refs) in missing {
        refs.dedup();
        let labels: Vec<String> = labels.into_iter().filter(|l| !l.is_empty()).collect();
        let what = if labels.is_empty() {
            String::new()
        } else {
            format!(" ({})", labels.join("; "))
        };
        out.push(line(
            FeedbackKind::MissingArrow,
            format!(
                "Missing flow: {} -> {}{what}.",
                quoted(board, a),
                quoted(board, b)
            ),
            vec![a, b],
            refs,
        ));
    }
}
