//! Never losing a board, driven through the app: autosave, the recovery question after a
//! crash, and a save that fails.

use std::path::Path;

use archdrill::catalog::Catalog;
use archdrill::store::recovery::recovery_dir;
use archdrill::ui::ArchdrillApp;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use super::{click, drive, harness};

fn app(home: &Path) -> Harness<'static, ArchdrillApp> {
    let mut harness = drive(archdrill::ui::app_for(
        Catalog::builtin().unwrap(),
        Some(home.join("board.ron")),
        home.to_path_buf(),
    ));
    harness.run();
    harness
}

/// The recovery files in the data folder.
fn recovery_files(home: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(recovery_dir(home))
        .map(|dir| {
            dir.map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "ron"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Lets a couple of seconds of app time pass (the autosave delay), then waits for the disk.
fn let_autosave_run(harness: &mut Harness<'_, ArchdrillApp>) {
    for _ in 0..80 {
        harness.step();
    }
    harness.state().autosave.flush();
}

#[test]
fn unsaved_work_is_autosaved_and_offered_back_after_a_crash() {
    let home = tempfile::tempdir().unwrap();
    let mut first = app(home.path());
    click(&mut first, "ANN index");
    click(&mut first, "Ranker");
    assert!(first.state().doc.is_dirty());
    // Nothing is written at once, but a moment later it is.
    assert!(recovery_files(home.path()).is_empty());
    let_autosave_run(&mut first);
    let files = recovery_files(home.path());
    assert_eq!(files.len(), 1);
    // The app dies without saving or asking (its lock goes with it, its file stays).
    drop(first);
    assert_eq!(recovery_files(home.path()), files);

    // The next start asks about it; nothing is deleted before the answer.
    let mut second = app(home.path());
    second.get_by_label("Restore unsaved work?");
    second.get_by_label_contains("2 blocks, kept just now");
    assert_eq!(recovery_files(home.path()), files);
    click(&mut second, "Restore");
    let app = second.state();
    assert_eq!(app.doc.board().blocks.len(), 2);
    assert!(app.doc.is_dirty(), "restored work is unsaved until saved");
    assert_eq!(
        app.doc.path(),
        Some(home.path().join("board.ron").as_path())
    );
    // The old file is gone only now, and the board is already in this app's own file.
    let now = recovery_files(home.path());
    assert_eq!(now.len(), 1);
    assert_ne!(now, files);
    assert_eq!(Some(now[0].as_path()), app.autosave.file());

    // Saving leaves nothing to recover.
    second.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    second.run();
    assert!(!second.state().doc.is_dirty());
    let_autosave_run(&mut second);
    assert!(recovery_files(home.path()).is_empty());
    assert!(home.path().join("board.ron").exists());
}

#[test]
fn later_keeps_the_recovery_file_and_discard_deletes_it() {
    let home = tempfile::tempdir().unwrap();
    let mut first = app(home.path());
    click(&mut first, "Feature store");
    let_autosave_run(&mut first);
    drop(first);
    let files = recovery_files(home.path());
    assert_eq!(files.len(), 1);

    let mut second = app(home.path());
    click(&mut second, "Later");
    assert!(second.query_by_label("Restore unsaved work?").is_none());
    assert_eq!(second.state().doc.board().blocks.len(), 0);
    drop(second);
    assert_eq!(recovery_files(home.path()), files, "asked again next time");

    let mut third = app(home.path());
    click(&mut third, "Discard");
    assert!(recovery_files(home.path()).is_empty());
    drop(third);
    assert!(
        app(home.path())
            .query_by_label("Restore unsaved work?")
            .is_none()
    );
}

#[test]
fn quitting_without_saving_on_purpose_leaves_nothing_to_recover() {
    let home = tempfile::tempdir().unwrap();
    let mut harness = app(home.path());
    click(&mut harness, "ANN index");
    let_autosave_run(&mut harness);
    assert_eq!(recovery_files(home.path()).len(), 1);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Q);
    harness.run();
    click(&mut harness, "Don't save");
    assert!(recovery_files(home.path()).is_empty());
}

#[test]
fn a_failed_save_says_why_and_keeps_the_board_open_and_unsaved() {
    let home = tempfile::tempdir().unwrap();
    // A folder that cannot exist: its parent is a file.
    let blocker = crate::write(home.path(), "not-a-folder", "x");
    let dialogs = super::Scripted::default();
    dialogs.answer(&blocker.join("board.ron"));
    let mut harness = harness(home.path(), &dialogs);
    click(&mut harness, "ANN index");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    let app = harness.state();
    let (title, message) = app.messages.error.clone().expect("the failure is shown");
    assert_eq!(title, "Could not save the board");
    assert!(message.contains("not-a-folder"), "{message}");
    assert!(message.contains("still open"), "{message}");
    assert!(app.doc.is_dirty());
    assert_eq!(app.doc.board().blocks.len(), 1);
    assert_eq!(app.doc.path(), None);
    assert_eq!(std::fs::read_to_string(&blocker).unwrap(), "x");
}
