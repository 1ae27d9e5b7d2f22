//! The history file of earlier versions (`history.ron` and the boards under `attempts/`),
//! imported into the database once, in one transaction, and left in place.

use std::path::Path;

use rusqlite::{Connection, TransactionBehavior};
use serde::Deserialize;

use super::{legacy_file, meta};
use crate::store::{MAX_FILE_BYTES, read_text};

/// Largest history file read, in bytes.
const MAX_HISTORY_BYTES: u64 = 50 * 1024 * 1024;
/// The `meta` key set once the file is imported.
const IMPORTED: &str = "imported history.ron";

#[derive(Deserialize)]
struct LegacyHistory {
    attempts: Vec<LegacyAttempt>,
}

#[derive(Deserialize)]
struct LegacyAttempt {
    case: String,
    graded_at: u64,
    score: u32,
    #[serde(default)]
    time_secs: u32,
    #[serde(default)]
    hints_used: u32,
    #[serde(default)]
    missed: Vec<String>,
    #[serde(default)]
    board_file: String,
    #[serde(default)]
    report_file: String,
}

/// Imports `history.ron` unless it was imported already (by this process or another: the
/// check is repeated inside the transaction). Returns what to tell the user.
pub(super) fn import_once(
    connection: &mut Connection,
    data_dir: &Path,
) -> rusqlite::Result<Option<String>> {
    let file = legacy_file(data_dir);
    if meta(connection, IMPORTED)?.is_some() || !file.exists() {
        return Ok(None);
    }
    let tx = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    if meta(&tx, IMPORTED)?.is_some() {
        return Ok(None);
    }
    let parsed = read_text(&file, MAX_HISTORY_BYTES)
        .map_err(|e| e.to_string())
        .and_then(|text| ron::from_str::<LegacyHistory>(&text).map_err(|e| e.to_string()));
    let history = match parsed {
        Ok(history) => history,
        Err(problem) => {
            return Ok(Some(format!(
                "the earlier practice history {} could not be imported ({problem}); it was left as it is",
                file.display()
            )));
        }
    };
    // A board or report file that is gone or unreadable leaves its attempt without it.
    let beside = |name: &str| -> String {
        if name.is_empty() || Path::new(name).is_absolute() || name.contains("..") {
            return String::new();
        }
        read_text(&data_dir.join(name), MAX_FILE_BYTES).unwrap_or_default()
    };
    for a in &history.attempts {
        tx.execute(
            "INSERT INTO attempts
                (case_id, graded_at, score, time_secs, hints_used, missed, board, report, grader,
                 source)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, '', 'history.ron')",
            rusqlite::params![
                a.case,
                i64::try_from(a.graded_at).unwrap_or(i64::MAX),
                a.score.min(100),
                a.time_secs,
                a.hints_used,
                serde_json::to_string(&a.missed).unwrap_or_else(|_| "[]".into()),
                beside(&a.board_file),
                beside(&a.report_file),
            ],
        )?;
    }
    tx.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)",
        [IMPORTED, &history.attempts.len().to_string()],
    )?;
    tx.commit()?;
    Ok(Some(format!(
        "{} earlier attempts were imported from {} (the file is left in place)",
        history.attempts.len(),
        file.display()
    )))
}
