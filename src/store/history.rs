//! The practice history: one `SQLite` database in the data folder holding every graded attempt
//! with the board as graded and its grade report. Written in transactions with WAL and a busy
//! timeout, so the app and any number of command-line runs record at once and nothing is lost;
//! a damaged database is set aside (a hard link, so it is never erased) before a new one is
//! started; one written by a newer archdrill is read, never changed.

mod cards;
mod legacy;
mod regrade;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension as _, TransactionBehavior};
use serde::Serialize;
use thiserror::Error;

pub use cards::{load_card_reviews, record_card_review};
pub use regrade::{Regraded, Summary, regrade_all};

use super::board_to_text;
use crate::model::Board;
use crate::practice::Attempt;

/// The schema this version writes; older ones are migrated, newer ones only read.
const SCHEMA: i64 = 3;
/// How long a writer waits for another to finish its transaction.
const BUSY: Duration = Duration::from_secs(30);

const CREATE: &str = "
    CREATE TABLE IF NOT EXISTS attempts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        case_id TEXT NOT NULL,
        graded_at INTEGER NOT NULL,
        score INTEGER NOT NULL,
        time_secs INTEGER NOT NULL DEFAULT 0,
        hints_used INTEGER NOT NULL DEFAULT 0,
        missed TEXT NOT NULL DEFAULT '[]',
        board TEXT NOT NULL,
        report TEXT NOT NULL,
        grader TEXT NOT NULL,
        source TEXT
    );
    CREATE INDEX IF NOT EXISTS attempts_by_case ON attempts (case_id, graded_at);
    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
";

/// Schema 2: an attempt graded again by a later grader, the original kept.
const REGRADES: &str = "
    CREATE TABLE IF NOT EXISTS regrades (
        attempt_id INTEGER NOT NULL REFERENCES attempts (id),
        grader TEXT NOT NULL,
        score INTEGER NOT NULL,
        report TEXT NOT NULL,
        graded_at INTEGER NOT NULL,
        PRIMARY KEY (attempt_id, grader)
    );
";

/// Schema 3: every self-grade of a trade-off drill card, with the answer the user typed.
const CARD_REVIEWS: &str = "
    CREATE TABLE IF NOT EXISTS card_reviews (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        card TEXT NOT NULL,
        reviewed_at INTEGER NOT NULL,
        recall INTEGER NOT NULL,
        answer TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX IF NOT EXISTS card_reviews_by_card ON card_reviews (card, reviewed_at);
";

/// The database within a data folder.
pub fn database_file(data_dir: &Path) -> PathBuf {
    data_dir.join("history.sqlite3")
}

/// The history file of earlier versions, imported once into the database and left in place.
pub fn legacy_file(data_dir: &Path) -> PathBuf {
    data_dir.join("history.ron")
}

/// Why the history could not be read or written. Nothing was changed.
#[derive(Debug, Error)]
pub enum HistoryError {
    #[error("cannot open the practice history {}: {message}", path.display())]
    Open { path: PathBuf, message: String },
    #[error(
        "the practice history {} was written by a newer archdrill (schema {found}, this one knows {SCHEMA}); it is read but not changed, so this attempt was not recorded",
        path.display()
    )]
    Newer { path: PathBuf, found: i64 },
    #[error("the practice history {} is damaged and could not be set aside ({message}); it was left as it is", path.display())]
    Damaged { path: PathBuf, message: String },
    #[error("could not write the practice history {}: {message}", path.display())]
    Write { path: PathBuf, message: String },
}

/// An attempt with what the database keeps beside it.
#[derive(Clone, Debug)]
pub struct StoredAttempt {
    pub attempt: Attempt,
    /// The board as graded, as a board file's text.
    pub board: String,
    /// The grade report, as `archdrill grade --json` prints it.
    pub report: String,
}

/// An open history, and anything worth telling the user about how it was opened.
struct Opened {
    connection: Connection,
    notes: Vec<String>,
    /// Written by a newer version: read only.
    newer: Option<i64>,
}

fn message(err: &rusqlite::Error) -> String {
    match err.sqlite_error_code() {
        Some(ErrorCode::CannotOpen) => "the file cannot be opened (check its permissions)".into(),
        Some(ErrorCode::PermissionDenied) => "permission denied".into(),
        Some(ErrorCode::ReadOnly) => "the file is read-only".into(),
        Some(ErrorCode::DiskFull) => "the disk is full".into(),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            "another archdrill kept it busy for too long".into()
        }
        _ => err.to_string(),
    }
}

fn is_damage(err: &rusqlite::Error) -> bool {
    matches!(
        err.sqlite_error_code(),
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt)
    )
}

/// Opens (creating it when `create`) the history of `data_dir`, migrating an older schema and
/// importing the history file of earlier versions once. `None` when there is no history yet
/// and `create` is false.
fn open(data_dir: &Path, create: bool) -> Result<Option<Opened>, HistoryError> {
    let path = database_file(data_dir);
    let open_error = |err: &rusqlite::Error| HistoryError::Open {
        path: path.clone(),
        message: message(err),
    };
    if let Ok(meta) = std::fs::metadata(&path) {
        if !meta.is_file() {
            return Err(HistoryError::Open {
                path,
                message: "it is not a regular file".into(),
            });
        }
    } else if !create && !legacy_file(data_dir).exists() {
        return Ok(None);
    }
    std::fs::create_dir_all(data_dir).map_err(|e| HistoryError::Open {
        path: path.clone(),
        message: super::plain_io(&e),
    })?;
    let mut notes = Vec::new();
    let connection = match connect(&path) {
        Ok(connection) => connection,
        Err(err) if is_damage(&err) => {
            let aside = super::keep_aside(&path, &["-wal", "-shm"]).map_err(|message| {
                HistoryError::Damaged {
                    path: path.clone(),
                    message,
                }
            })?;
            notes.push(format!(
                "the practice history was damaged ({}); it was kept as {} and a new one started",
                message(&err),
                aside.display()
            ));
            connect(&path).map_err(|e| open_error(&e))?
        }
        Err(err) => return Err(open_error(&err)),
    };
    let mut opened = Opened {
        connection,
        notes,
        newer: None,
    };
    let version: i64 = opened
        .connection
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .map_err(|e| open_error(&e))?;
    if version > SCHEMA {
        opened.newer = Some(version);
        return Ok(Some(opened));
    }
    if version < SCHEMA {
        migrate(&mut opened.connection).map_err(|e| open_error(&e))?;
    }
    if let Some(note) =
        legacy::import_once(&mut opened.connection, data_dir).map_err(|e| open_error(&e))?
    {
        opened.notes.push(note);
    }
    Ok(Some(opened))
}

/// A connection with the settings every writer shares; reading the schema version checks
/// that the file is a database at all.
fn connect(path: &Path) -> rusqlite::Result<Connection> {
    let connection = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    connection.busy_timeout(BUSY)?;
    connection.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))?;
    connection.query_row("PRAGMA user_version", [], |row| row.get::<_, i64>(0))?;
    Ok(connection)
}

/// Brings an older (or new, empty) database to [`SCHEMA`], in one transaction that a second
/// process waits for and then finds done.
fn migrate(connection: &mut Connection) -> rusqlite::Result<()> {
    let tx = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let version: i64 = tx.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if version < 1 {
        tx.execute_batch(CREATE)?;
    }
    if version < 2 {
        tx.execute_batch(REGRADES)?;
    }
    if version < 3 {
        tx.execute_batch(CARD_REVIEWS)?;
    }
    tx.execute_batch(&format!("PRAGMA user_version = {SCHEMA}"))?;
    tx.commit()
}

/// Every attempt, oldest first, with a message when something about the history needs
/// saying (it was damaged and set aside, imported, newer than this version, unreadable).
pub fn load_attempts(data_dir: &Path) -> (Vec<Attempt>, Option<String>) {
    match read_all(data_dir, false) {
        Ok((stored, notes)) => (
            stored.into_iter().map(|s| s.attempt).collect(),
            (!notes.is_empty()).then(|| notes.join("; ")),
        ),
        Err(err) => (Vec::new(), Some(err.to_string())),
    }
}

/// Every attempt with its board and report, oldest first, and the notes of opening.
pub fn load_stored(data_dir: &Path) -> Result<(Vec<StoredAttempt>, Vec<String>), HistoryError> {
    read_all(data_dir, true)
}

fn read_all(
    data_dir: &Path,
    with_texts: bool,
) -> Result<(Vec<StoredAttempt>, Vec<String>), HistoryError> {
    let Some(opened) = open(data_dir, false)? else {
        return Ok((Vec::new(), Vec::new()));
    };
    let path = database_file(data_dir);
    let fail = |e: rusqlite::Error| HistoryError::Open {
        path: path.clone(),
        message: message(&e),
    };
    let mut notes = opened.notes;
    if let Some(found) = opened.newer {
        notes.push(format!(
            "the practice history was written by a newer archdrill (schema {found}); it is shown but not changed"
        ));
    }
    let texts = if with_texts {
        "a.board, a.report"
    } else {
        "'', ''"
    };
    // An attempt graded again by this grader shows that grade, with the original beside it.
    let mut statement = opened
        .connection
        .prepare(&format!(
            "SELECT a.id, a.case_id, a.graded_at, a.score, a.time_secs, a.hints_used, a.missed,
                    a.grader, {texts}, r.score, a.board != ''
             FROM attempts a
             LEFT JOIN regrades r ON r.attempt_id = a.id AND r.grader = ?1
             ORDER BY a.graded_at, a.id"
        ))
        .map_err(fail)?;
    let score = |v: i64| v.clamp(0, 100) as u32;
    let rows = statement
        .query_map([crate::grader::VERSION], |row| {
            let missed: String = row.get(6)?;
            let original = score(row.get(3)?);
            let regraded: Option<i64> = row.get(10)?;
            Ok(StoredAttempt {
                attempt: Attempt {
                    id: row.get(0)?,
                    case: row.get(1)?,
                    graded_at: row.get::<_, i64>(2)?.max(0) as u64,
                    score: regraded.map_or(original, score),
                    time_secs: row.get::<_, i64>(4)?.clamp(0, i64::from(u32::MAX)) as u32,
                    hints_used: row.get::<_, i64>(5)?.clamp(0, i64::from(u32::MAX)) as u32,
                    missed: serde_json::from_str(&missed).unwrap_or_default(),
                    grader: if regraded.is_some() {
                        crate::grader::VERSION.to_owned()
                    } else {
                        row.get(7)?
                    },
                    original_score: regraded.map(|_| original),
                    board_kept: row.get(11)?,
                },
                board: row.get(8)?,
                report: row.get(9)?,
            })
        })
        .map_err(fail)?;
    let stored = rows.collect::<Result<Vec<_>, _>>().map_err(fail)?;
    Ok((stored, notes))
}

/// Records an attempt with its board and grade report (JSON) in one transaction. Returns the
/// attempt with its number, and a note when opening the history had something to say.
pub fn record_attempt(
    data_dir: &Path,
    mut attempt: Attempt,
    board: &Board,
    report_json: &str,
) -> Result<(Attempt, Option<String>), HistoryError> {
    let path = database_file(data_dir);
    let fail = |e: rusqlite::Error| HistoryError::Write {
        path: path.clone(),
        message: message(&e),
    };
    let board_text = board_to_text(board).map_err(|message| HistoryError::Write {
        path: path.clone(),
        message,
    })?;
    let Some(mut opened) = open(data_dir, true)? else {
        return Err(HistoryError::Open {
            path,
            message: "it could not be created".into(),
        });
    };
    if let Some(found) = opened.newer {
        return Err(HistoryError::Newer { path, found });
    }
    let missed = serde_json::to_string(&attempt.missed).unwrap_or_else(|_| "[]".into());
    let tx = opened
        .connection
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(fail)?;
    tx.execute(
        "INSERT INTO attempts
            (case_id, graded_at, score, time_secs, hints_used, missed, board, report, grader)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        rusqlite::params![
            attempt.case,
            i64::try_from(attempt.graded_at).unwrap_or(i64::MAX),
            attempt.score,
            attempt.time_secs,
            attempt.hints_used,
            missed,
            board_text,
            report_json,
            attempt.grader,
        ],
    )
    .map_err(fail)?;
    attempt.id = tx.last_insert_rowid();
    tx.commit().map_err(fail)?;
    let note = (!opened.notes.is_empty()).then(|| opened.notes.join("; "));
    Ok((attempt, note))
}

/// Stores what the grader `grader` gives attempt `id`, graded again at `now` (Unix seconds),
/// beside its original grade.
pub fn record_regrade(
    data_dir: &Path,
    id: i64,
    (grader, score, report_json): (&str, u32, &str),
    now: u64,
) -> Result<(), HistoryError> {
    let path = database_file(data_dir);
    let fail = |e: rusqlite::Error| HistoryError::Write {
        path: path.clone(),
        message: message(&e),
    };
    let Some(opened) = open(data_dir, false)? else {
        return Ok(());
    };
    if let Some(found) = opened.newer {
        return Err(HistoryError::Newer { path, found });
    }
    opened
        .connection
        .execute(
            "INSERT OR REPLACE INTO regrades (attempt_id, grader, score, report, graded_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            rusqlite::params![
                id,
                grader,
                score,
                report_json,
                i64::try_from(now).unwrap_or(0)
            ],
        )
        .map_err(fail)?;
    Ok(())
}

/// The whole history as plain text, every attempt with its board and report: JSON, or RON
/// when `json` is false.
pub fn export(data_dir: &Path, json: bool) -> Result<String, HistoryError> {
    #[derive(Serialize)]
    struct Export {
        version: u32,
        attempts: Vec<Exported>,
        /// Every self-grade of a trade-off drill card, oldest first.
        card_reviews: Vec<crate::drill::CardReview>,
    }
    #[derive(Serialize)]
    struct Exported {
        id: i64,
        case: String,
        graded_at: u64,
        score: u32,
        time_secs: u32,
        hints_used: u32,
        missed: Vec<String>,
        grader: String,
        /// The score of the attempt's own grader, when `score` is a later grader's.
        original_score: Option<u32>,
        board: String,
        report: String,
    }
    let (stored, _) = load_stored(data_dir)?;
    let attempts = stored
        .into_iter()
        .map(
            |StoredAttempt {
                 attempt: a,
                 board,
                 report,
             }| Exported {
                id: a.id,
                case: a.case,
                graded_at: a.graded_at,
                score: a.score,
                time_secs: a.time_secs,
                hints_used: a.hints_used,
                missed: a.missed,
                grader: a.grader,
                original_score: a.original_score,
                board,
                report,
            },
        )
        .collect();
    let export = Export {
        version: 1,
        attempts,
        card_reviews: load_card_reviews(data_dir)?.0,
    };
    let text = if json {
        serde_json::to_string_pretty(&export).map_err(|e| e.to_string())
    } else {
        ron::ser::to_string_pretty(&export, ron::ser::PrettyConfig::new().depth_limit(3))
            .map_err(|e| e.to_string())
    };
    text.map(|t| t + "\n")
        .map_err(|message| HistoryError::Write {
            path: database_file(data_dir),
            message,
        })
}

/// A value kept beside the attempts (`meta` table), if set.
fn meta(connection: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    connection
        .query_row("SELECT value FROM meta WHERE key = ?1", [key], |row| {
            row.get(0)
        })
        .optional()
}
