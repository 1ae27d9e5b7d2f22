//! Grading the stored boards again with this version's grader, the original scores kept:
//! scores of different graders are never mixed without the user knowing.

use std::path::Path;

use super::{HistoryError, load_stored, record_regrade};
use crate::cases::CaseLibrary;
use crate::catalog::Catalog;
use crate::grader::{self, GradeConfig};

/// One attempt graded again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Regraded {
    pub id: i64,
    pub case: String,
    /// The score it had, and the version of the grader that gave it (empty: unknown).
    pub before: u32,
    pub by: String,
    /// The score this grader gives the same board.
    pub now: u32,
}

/// What [`regrade_all`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub regraded: Vec<Regraded>,
    /// Attempts this grader had scored already.
    pub current: usize,
    /// Attempts that could not be graded again: no board was kept, or their case is gone.
    pub skipped: Vec<i64>,
    /// What opening the history had to say.
    pub notes: Vec<String>,
}

/// Grades every attempt this grader has not scored with it, and stores each new grade beside
/// the original, stamped `now` (Unix seconds).
pub fn regrade_all(
    catalog: &Catalog,
    library: &CaseLibrary,
    data_dir: &Path,
    now: u64,
) -> Result<Summary, HistoryError> {
    let (stored, notes) = load_stored(data_dir)?;
    let mut summary = Summary {
        notes,
        ..Summary::default()
    };
    for s in &stored {
        let a = &s.attempt;
        if a.grader == grader::VERSION {
            summary.current += 1;
            continue;
        }
        let board = crate::store::parse_board(&s.board, catalog).map(|l| l.board);
        let (Ok(board), Some(study)) = (board, library.get(&a.case)) else {
            summary.skipped.push(a.id);
            continue;
        };
        let report = grader::grade(&board, study, catalog, &GradeConfig::default());
        let json = report
            .to_json(&study.title)
            .map_err(|e| HistoryError::Write {
                path: super::database_file(data_dir),
                message: e.to_string(),
            })?;
        record_regrade(data_dir, a.id, (grader::VERSION, report.score, &json), now)?;
        summary.regraded.push(Regraded {
            id: a.id,
            case: a.case.clone(),
            before: a.score,
            by: a.grader.clone(),
            now: report.score,
        });
    }
    Ok(summary)
}
