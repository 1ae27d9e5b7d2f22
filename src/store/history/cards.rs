//! The trade-off drill's cards in the practice history: every self-grade, appended in its own
//! transaction (so any number of app windows and terminal drills record at once), and read
//! back for the schedule to be replayed.

use std::path::Path;

use rusqlite::TransactionBehavior;

use super::{HistoryError, database_file, message, open};
use crate::drill::{CardReview, Recall};

/// Records one self-grade of a card, with the answer the user typed.
pub fn record_card_review(
    data_dir: &Path,
    review: &CardReview,
    answer: &str,
) -> Result<(), HistoryError> {
    let path = database_file(data_dir);
    let fail = |e: rusqlite::Error| HistoryError::Write {
        path: path.clone(),
        message: message(&e),
    };
    let Some(mut opened) = open(data_dir, true)? else {
        return Err(HistoryError::Open {
            path,
            message: "it could not be created".into(),
        });
    };
    if let Some(found) = opened.newer {
        return Err(HistoryError::Newer { path, found });
    }
    let tx = opened
        .connection
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(fail)?;
    tx.execute(
        "INSERT INTO card_reviews (card, reviewed_at, recall, answer) VALUES (?1, ?2, ?3, ?4)",
        rusqlite::params![
            review.card,
            i64::try_from(review.at_secs).unwrap_or(i64::MAX),
            review.recall.number(),
            answer,
        ],
    )
    .map_err(fail)?;
    tx.commit().map_err(fail)
}

/// Every self-grade, oldest first, and what opening the history had to say. A history from
/// before the drill has none; a grade this version does not know is skipped.
pub fn load_card_reviews(data_dir: &Path) -> Result<(Vec<CardReview>, Vec<String>), HistoryError> {
    let Some(opened) = open(data_dir, false)? else {
        return Ok((Vec::new(), Vec::new()));
    };
    let path = database_file(data_dir);
    let fail = |e: rusqlite::Error| HistoryError::Open {
        path: path.clone(),
        message: message(&e),
    };
    // A newer history (read only, not migrated) may lack the table or name it otherwise.
    let Ok(mut statement) = opened
        .connection
        .prepare("SELECT card, reviewed_at, recall FROM card_reviews ORDER BY reviewed_at, id")
    else {
        return Ok((Vec::new(), opened.notes));
    };
    let rows = statement
        .query_map([], |row| {
            let recall: i64 = row.get(2)?;
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, i64>(1)?.max(0) as u64,
                u8::try_from(recall).ok().and_then(Recall::from_number),
            ))
        })
        .map_err(fail)?;
    let mut reviews = Vec::new();
    for row in rows {
        let (card, at_secs, recall) = row.map_err(fail)?;
        if let Some(recall) = recall {
            reviews.push(CardReview {
                card,
                at_secs,
                recall,
            });
        }
    }
    Ok((reviews, opened.notes))
}
