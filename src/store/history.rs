//! The attempt history in the user data folder: every graded attempt, written atomically;
//! a damaged history file is set aside and reported, never silently emptied.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{SaveError, read_text, save_board, write_atomic};
use crate::model::Board;
use crate::practice::Attempt;

/// Largest history file read, in bytes.
const MAX_HISTORY_BYTES: u64 = 50 * 1024 * 1024;

#[derive(Default, Serialize, Deserialize)]
struct HistoryFile {
    version: u32,
    attempts: Vec<Attempt>,
}

/// The history file within a data folder.
pub fn history_file(data_dir: &Path) -> PathBuf {
    data_dir.join("history.ron")
}

/// The attempts so far, oldest first, and a message when the file was damaged (it is then
/// renamed next to itself so nothing is lost, and the history starts empty).
pub fn load_attempts(data_dir: &Path) -> (Vec<Attempt>, Option<String>) {
    let path = history_file(data_dir);
    if !path.exists() {
        return (Vec::new(), None);
    }
    let parsed = read_text(&path, MAX_HISTORY_BYTES)
        .map_err(|e| e.to_string())
        .and_then(|text| ron::from_str::<HistoryFile>(&text).map_err(|e| e.to_string()));
    match parsed {
        Ok(file) => (file.attempts, None),
        Err(problem) => {
            let aside = set_aside(&path);
            let message = match aside {
                Some(aside) => format!(
                    "the practice history was damaged ({problem}); it was kept as {}",
                    aside.display()
                ),
                None => format!(
                    "the practice history was damaged ({problem}) and could not be set aside"
                ),
            };
            (Vec::new(), Some(message))
        }
    }
}

fn set_aside(path: &Path) -> Option<PathBuf> {
    (1..1000)
        .map(|n| path.with_extension(format!("damaged-{n}.ron")))
        .find(|p| !p.exists())
        .and_then(|aside| {
            fs::rename(path, &aside).ok()?;
            Some(aside)
        })
}

/// Stores an attempt: its board and its grade report (JSON) under `attempts/`, then the
/// history with the attempt added. Returns the attempt with `board_file` and `report_file`
/// filled in, and a note if an old history was damaged.
pub fn record_attempt(
    data_dir: &Path,
    mut attempt: Attempt,
    board: &Board,
    report_json: &str,
) -> Result<(Attempt, Option<String>), SaveError> {
    let stem = format!("attempts/{}-{}", attempt.case, attempt.graded_at);
    let board_file = format!("{stem}.ron");
    save_board(&data_dir.join(&board_file), board)?;
    let report_file = format!("{stem}.report.json");
    let report_path = data_dir.join(&report_file);
    write_atomic(&report_path, report_json.as_bytes()).map_err(|source| SaveError {
        path: report_path.clone(),
        source,
    })?;
    attempt.board_file = board_file;
    attempt.report_file = report_file;
    let (mut attempts, note) = load_attempts(data_dir);
    attempts.push(attempt.clone());
    let file = HistoryFile {
        version: 1,
        attempts,
    };
    let path = history_file(data_dir);
    let fail = |source| SaveError {
        path: path.clone(),
        source,
    };
    let text = ron::ser::to_string_pretty(&file, ron::ser::PrettyConfig::new().depth_limit(2))
        .map_err(|e| fail(std::io::Error::other(e.to_string())))?;
    fs::create_dir_all(data_dir).map_err(fail)?;
    write_atomic(&path, text.as_bytes()).map_err(fail)?;
    Ok((attempt, note))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attempt(score: u32, at: u64) -> Attempt {
        Attempt {
            case: "visual-search".into(),
            graded_at: at,
            score,
            time_secs: 600,
            hints_used: 1,
            missed: vec!["ann".into()],
            board_file: String::new(),
            report_file: String::new(),
        }
    }

    #[test]
    fn attempts_are_appended_with_their_boards() {
        let home = tempfile::tempdir().unwrap();
        let (first, _) =
            record_attempt(home.path(), attempt(40, 1_000), &Board::default(), "{}").unwrap();
        assert_eq!(first.board_file, "attempts/visual-search-1000.ron");
        assert!(home.path().join(&first.board_file).exists());
        assert_eq!(first.report_file, "attempts/visual-search-1000.report.json");
        assert_eq!(
            fs::read_to_string(home.path().join(&first.report_file)).unwrap(),
            "{}"
        );
        record_attempt(home.path(), attempt(80, 2_000), &Board::default(), "{}").unwrap();
        let (attempts, note) = load_attempts(home.path());
        assert!(note.is_none());
        assert_eq!(
            attempts.iter().map(|a| a.score).collect::<Vec<_>>(),
            [40, 80]
        );
    }

    #[test]
    fn a_damaged_history_is_set_aside_and_reported_not_emptied() {
        let home = tempfile::tempdir().unwrap();
        let path = history_file(home.path());
        write_atomic(&path, b"(version: 1, attempts: [(case: ").unwrap();
        let (attempts, note) = load_attempts(home.path());
        assert!(attempts.is_empty());
        let note = note.unwrap();
        assert!(
            note.contains("damaged") && note.contains("damaged-1.ron"),
            "{note}"
        );
        let aside = path.with_extension("damaged-1.ron");
        assert_eq!(
            fs::read(&aside).unwrap(),
            b"(version: 1, attempts: [(case: "
        );
        // Recording again starts a fresh history and keeps the damaged copy.
        record_attempt(home.path(), attempt(70, 3_000), &Board::default(), "{}").unwrap();
        assert_eq!(load_attempts(home.path()).0.len(), 1);
        assert!(aside.exists());
    }
}
