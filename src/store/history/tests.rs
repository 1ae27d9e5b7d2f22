//! The practice history's promises: every attempt kept with its board, damaged and newer
//! databases never changed or erased, the earlier history file imported once.

use std::fs;

use super::*;
use crate::store::write_atomic;

fn attempt(score: u32, at: u64) -> Attempt {
    Attempt {
        case: "visual-search".into(),
        graded_at: at,
        score,
        time_secs: 600,
        hints_used: 1,
        missed: vec!["ann".into()],
        id: 0,
        grader: crate::grader::VERSION.into(),
        original_score: None,
        board_kept: true,
    }
}

fn board(title: &str) -> Board {
    Board {
        title: title.into(),
        ..Board::default()
    }
}

#[test]
fn attempts_are_kept_with_their_boards_and_reports() {
    let home = tempfile::tempdir().unwrap();
    let (first, note) =
        record_attempt(home.path(), attempt(40, 1_000), &board("one"), "{\"a\":1}").unwrap();
    assert!(note.is_none());
    let (second, _) = record_attempt(home.path(), attempt(80, 2_000), &board("two"), "{}").unwrap();
    assert_ne!(first.id, second.id);
    let (attempts, note) = load_attempts(home.path());
    assert!(note.is_none(), "{note:?}");
    assert_eq!(
        attempts.iter().map(|a| a.score).collect::<Vec<_>>(),
        [40, 80]
    );
    assert_eq!(attempts[0].missed, ["ann"]);
    assert_eq!(attempts[0].grader, crate::grader::VERSION);
    assert!(attempts.iter().all(|a| a.board_kept));
    let (stored, _) = load_stored(home.path()).unwrap();
    assert!(stored[0].board.contains("one") && stored[1].board.contains("two"));
    assert_eq!(stored[0].report, "{\"a\":1}");
}

#[test]
fn attempts_in_the_same_second_keep_a_board_each() {
    let home = tempfile::tempdir().unwrap();
    for n in 0..5 {
        record_attempt(
            home.path(),
            attempt(n, 1_000),
            &board(&format!("b{n}")),
            "{}",
        )
        .unwrap();
    }
    let (stored, _) = load_stored(home.path()).unwrap();
    assert_eq!(stored.len(), 5);
    for (n, s) in stored.iter().enumerate() {
        assert!(s.board.contains(&format!("b{n}")), "{}", s.board);
    }
}

#[test]
fn no_history_reads_as_empty_and_creates_nothing() {
    let home = tempfile::tempdir().unwrap();
    assert_eq!(load_attempts(home.path()), (Vec::new(), None));
    assert!(!database_file(home.path()).exists());
}

#[test]
fn a_damaged_database_is_kept_aside_and_a_new_one_started() {
    let home = tempfile::tempdir().unwrap();
    let path = database_file(home.path());
    let junk = b"this is not a database, but someone's data all the same".repeat(100);
    write_atomic(&path, &junk).unwrap();
    let (attempts, note) = load_attempts(home.path());
    assert!(attempts.is_empty());
    let note = note.unwrap();
    assert!(
        note.contains("damaged") && note.contains("damaged-1.sqlite3"),
        "{note}"
    );
    let aside = path.with_extension("damaged-1.sqlite3");
    assert_eq!(fs::read(&aside).unwrap(), junk);
    record_attempt(home.path(), attempt(70, 3_000), &board("b"), "{}").unwrap();
    assert_eq!(load_attempts(home.path()).0.len(), 1);
    assert_eq!(fs::read(&aside).unwrap(), junk);
}

#[test]
fn a_damaged_database_with_no_free_name_to_keep_it_is_left_alone() {
    let home = tempfile::tempdir().unwrap();
    let path = database_file(home.path());
    let junk = b"damaged, and still the only copy".repeat(100);
    write_atomic(&path, &junk).unwrap();
    for n in 1..10_000 {
        fs::File::create(path.with_extension(format!("damaged-{n}.sqlite3"))).unwrap();
    }
    let err = record_attempt(home.path(), attempt(70, 3_000), &board("b"), "{}").unwrap_err();
    assert!(err.to_string().contains("too many damaged copies"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), junk);
    let (attempts, note) = load_attempts(home.path());
    assert!(attempts.is_empty());
    assert!(note.unwrap().contains("too many damaged copies"));
    assert_eq!(fs::read(&path).unwrap(), junk);
}

#[cfg(unix)]
#[test]
fn a_history_linked_into_another_folder_stays_a_link_and_is_written_there() {
    let home = tempfile::tempdir().unwrap();
    let sync = tempfile::tempdir().unwrap();
    let real = sync.path().join("history.sqlite3");
    record_attempt(sync.path(), attempt(50, 1_000), &board("a"), "{}").unwrap();
    let path = database_file(home.path());
    std::os::unix::fs::symlink(&real, &path).unwrap();
    record_attempt(home.path(), attempt(60, 2_000), &board("b"), "{}").unwrap();
    assert!(path.is_symlink());
    assert_eq!(load_attempts(sync.path()).0.len(), 2);
    assert_eq!(load_attempts(home.path()).0.len(), 2);
}

#[test]
fn a_newer_database_is_read_and_never_changed() {
    let home = tempfile::tempdir().unwrap();
    record_attempt(home.path(), attempt(55, 1_000), &board("b"), "{}").unwrap();
    let path = database_file(home.path());
    {
        let c = Connection::open(&path).unwrap();
        c.execute_batch("PRAGMA user_version = 99; PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
    }
    let before = fs::read(&path).unwrap();
    let (attempts, note) = load_attempts(home.path());
    assert_eq!(attempts.len(), 1);
    assert!(note.unwrap().contains("newer archdrill"));
    let err = record_attempt(home.path(), attempt(60, 2_000), &board("b"), "{}").unwrap_err();
    assert!(
        matches!(err, HistoryError::Newer { found: 99, .. }),
        "{err}"
    );
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn the_earlier_history_file_is_imported_once_and_left_in_place() {
    let home = tempfile::tempdir().unwrap();
    fs::create_dir_all(home.path().join("attempts")).unwrap();
    write_atomic(
        &home.path().join("attempts/visual-search-100.ron"),
        b"(version: 1, title: \"old board\")",
    )
    .unwrap();
    let legacy = "(version: 1, attempts: [
        (case: \"visual-search\", graded_at: 100, score: 61, board_file: \"attempts/visual-search-100.ron\"),
        (case: \"news-feed\", graded_at: 200, score: 72, missed: [\"ranking\"]),
    ])";
    write_atomic(&legacy_file(home.path()), legacy.as_bytes()).unwrap();
    let (attempts, note) = load_attempts(home.path());
    assert_eq!(
        attempts.iter().map(|a| a.score).collect::<Vec<_>>(),
        [61, 72]
    );
    assert!(note.unwrap().contains("2 earlier attempts were imported"));
    let (stored, _) = load_stored(home.path()).unwrap();
    assert!(stored[0].board.contains("old board"));
    // The second had no board file: it cannot be graded again, and says so.
    assert_eq!(
        attempts.iter().map(|a| a.board_kept).collect::<Vec<_>>(),
        [true, false]
    );
    // Again: nothing more is imported; the file is still there.
    let (attempts, note) = load_attempts(home.path());
    assert_eq!(attempts.len(), 2);
    assert!(note.is_none());
    assert_eq!(
        fs::read_to_string(legacy_file(home.path())).unwrap(),
        legacy
    );
}

#[test]
fn a_damaged_earlier_history_file_is_reported_and_left_as_it_is() {
    let home = tempfile::tempdir().unwrap();
    write_atomic(
        &legacy_file(home.path()),
        b"(version: 1, attempts: [(case: ",
    )
    .unwrap();
    let (attempts, note) = load_attempts(home.path());
    assert!(attempts.is_empty());
    assert!(note.unwrap().contains("could not be imported"));
    assert_eq!(
        fs::read(legacy_file(home.path())).unwrap(),
        b"(version: 1, attempts: [(case: "
    );
    record_attempt(home.path(), attempt(70, 3_000), &board("b"), "{}").unwrap();
    assert_eq!(load_attempts(home.path()).0.len(), 1);
}

#[cfg(unix)]
#[test]
fn an_unreadable_database_is_an_error_not_damage() {
    use std::os::unix::fs::PermissionsExt as _;
    let home = tempfile::tempdir().unwrap();
    record_attempt(home.path(), attempt(55, 1_000), &board("b"), "{}").unwrap();
    let path = database_file(home.path());
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::File::open(&path).is_ok() {
        // Running as root: permissions do not stop us, so there is nothing to test.
        return;
    }
    let err = record_attempt(home.path(), attempt(60, 2_000), &board("b"), "{}").unwrap_err();
    assert!(matches!(err, HistoryError::Open { .. }), "{err}");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
    assert!(!path.with_extension("damaged-1.sqlite3").exists());
    assert_eq!(load_attempts(home.path()).0.len(), 1);
}

#[test]
fn a_first_schema_database_is_migrated_and_regrades_keep_the_original() {
    let home = tempfile::tempdir().unwrap();
    let path = database_file(home.path());
    {
        let c = Connection::open(&path).unwrap();
        c.execute_batch(CREATE).unwrap();
        c.execute_batch(
            "INSERT INTO attempts (case_id, graded_at, score, board, report, grader)
             VALUES ('visual-search', 5, 33, '(version: 1)', '{}', 'old');
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    let (attempts, _) = load_attempts(home.path());
    assert_eq!(
        (attempts[0].score, attempts[0].grader.as_str()),
        (33, "old")
    );
    record_regrade(
        home.path(),
        attempts[0].id,
        (crate::grader::VERSION, 90, "{}"),
        7,
    )
    .unwrap();
    let (attempts, _) = load_attempts(home.path());
    assert_eq!(attempts[0].score, 90);
    assert_eq!(attempts[0].original_score, Some(33));
    assert_eq!(attempts[0].grader, crate::grader::VERSION);
}
