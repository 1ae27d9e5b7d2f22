//! The practice loop driven through its widgets: start screen, timed attempt, hints, notes,
//! grade, the reference beside the drawing, and the progress view.

use archdrill::catalog::Catalog;
use archdrill::model::Board;
use archdrill::practice::{Attempt, DAY_SECS};
use archdrill::ui::command::Command;
use archdrill::ui::compare::CompareLayout;
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use super::{click, drive, opened};

#[test]
fn framework_notes_are_edited_in_the_side_panel_and_graded() {
    let home = tempfile::tempdir().unwrap();
    let mut harness = opened("visual-search.ron", home.path());
    harness.run();
    harness.get_by_label("Framework notes").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Evaluation")
        .focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Evaluation")
        .type_text("Offline nDCG; online CTR");
    harness.run();
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert_eq!(
        harness.state().doc.board().notes.evaluation,
        "Offline nDCG; online CTR"
    );
    assert!(harness.state().doc.is_dirty());
    click(&mut harness, "Grade");
    let report = &harness.state().grade.as_ref().unwrap().report;
    let evaluation = report
        .concepts
        .iter()
        .find(|s| s.step == "Evaluation")
        .unwrap();
    assert!(
        evaluation.covered.iter().any(|c| c == "nDCG"),
        "{evaluation:?}"
    );
    // Undo takes the notes back in one step.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert!(harness.state().doc.board().notes.is_empty());
}

#[test]
fn the_practice_loop_from_start_screen_to_history() {
    let home = tempfile::tempdir().unwrap();
    let mut harness = drive(archdrill::ui::app_for(
        Catalog::builtin().unwrap(),
        None,
        home.path().to_path_buf(),
    ));
    harness.run();
    // The start screen lists the cases; every one is new, so the first is next.
    click(&mut harness, "Practise next: Visual Search System");
    let app = harness.state();
    assert!(!app.windows.start);
    assert_eq!(
        app.session.as_ref().map(|s| s.case_id.as_str()),
        Some("visual-search")
    );
    assert_eq!(app.doc.board().case.as_deref(), Some("visual-search"));
    harness.get_by_label_contains("left");

    // Draw two blocks and take a hint.
    click(&mut harness, "Embedding model");
    click(&mut harness, "ANN index");
    click(&mut harness, "Hint (0/5)");
    assert_eq!(harness.state().session.as_ref().unwrap().hints_shown, 1);
    harness.get_by_label_contains("Hint: ");

    // Grade: the attempt is saved with its hint and score.
    click(&mut harness, "Grade");
    let app = harness.state();
    let score = app.grade.as_ref().unwrap().report.score;
    assert!(score > 0 && score < 60, "{score}");
    assert_eq!(app.attempts.len(), 1);
    let attempt = &app.attempts[0];
    assert_eq!(
        (attempt.case.as_str(), attempt.score, attempt.hints_used),
        ("visual-search", score, 1)
    );
    // The board and the report are stored with it, the report as `archdrill grade --json`
    // prints it.
    let (kept, _) = archdrill::store::history::load_stored(home.path()).unwrap();
    assert_eq!(kept[0].attempt.id, attempt.id);
    assert!(kept[0].board.contains("visual-search"), "{}", kept[0].board);
    let report: serde_json::Value = serde_json::from_str(&kept[0].report).unwrap();
    assert_eq!(report["score"], score);
    assert_eq!(report["case"], "visual-search");
    let (stored, _) = archdrill::store::history::load_attempts(home.path());
    assert_eq!(stored, app.attempts);

    // The reference beside the drawing: both on screen, same zoom, marked by the grade.
    click(&mut harness, "Show reference");
    let app = harness.state();
    let compare = app.compare().expect("the reference is shown");
    assert_eq!(compare.layout, CompareLayout::Beside);
    assert_eq!(app.doc.board().blocks.len(), 2, "the drawing stays");
    let nodes = app
        .cases
        .get("visual-search")
        .unwrap()
        .default_variant()
        .nodes
        .len();
    assert_eq!(
        compare.reference().blocks.len(),
        nodes,
        "every node of the case"
    );
    assert_eq!(compare.pane.camera.zoom, app.canvas.camera.zoom);
    assert!(compare.pane.camera.viewport.min.x >= app.canvas.camera.viewport.max.x);
    // Each side wholly in its pane: the wide reference gets the wider pane.
    for (camera, board) in [
        (&app.canvas.camera, app.doc.board()),
        (&compare.pane.camera, compare.reference()),
    ] {
        for block in board.blocks.values() {
            let on_screen = camera.screen_rect(&block.rect());
            assert!(
                camera.viewport.contains_rect(on_screen),
                "{} at {on_screen:?} is outside {:?}",
                block.label,
                camera.viewport
            );
        }
    }
    assert!(compare.pane.camera.viewport.width() > app.canvas.camera.viewport.width());
    let marks = &compare.pane.overlay.as_ref().unwrap().marks;
    assert_eq!(marks.matched.len(), 2, "both drawn blocks are matched");
    assert!(marks.missed.len() >= 5, "{marks:?}");
    // A feedback line about a missing block highlights that block in the reference.
    harness
        .query_all_by_label_contains("Missing: ")
        .next()
        .unwrap()
        .click();
    harness.run();
    let focus = &harness.state().compare().unwrap().pane.overlay;
    let focus = &focus.as_ref().unwrap().focus_blocks;
    assert_eq!(focus.len(), 1);
    assert!(marks_missed(&harness).is_superset(focus));
    // Zooming the drawing zooms the reference pane with it.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Minus);
    harness.run();
    let app = harness.state();
    let pane = &app.compare().unwrap().pane;
    assert_eq!(pane.camera.zoom, app.canvas.camera.zoom);
    assert_eq!(
        pane.camera.offset + app.compare().unwrap().shift,
        app.canvas.camera.offset
    );
    // Overlaid: one canvas again, the reference under the drawing.
    harness
        .get_by_role_and_label(Role::Button, "Overlaid")
        .click();
    harness.run();
    assert_eq!(
        harness.state().compare().unwrap().layout,
        CompareLayout::Overlaid
    );
    click(&mut harness, "Close reference");
    let app = harness.state();
    assert!(app.compare().is_none());
    assert_eq!(
        app.doc.board().blocks.len(),
        2,
        "the attempt's board is kept"
    );
    click(&mut harness, "Try again");
    click(&mut harness, "Don't save");
    let app = harness.state();
    assert!(app.doc.board().blocks.is_empty());
    assert!(
        app.session
            .as_ref()
            .is_some_and(|s| !s.recorded && s.hints_shown == 0)
    );
    // A new attempt hides the reference until it is graded.
    assert!(!app.is_enabled(Command::CompareReference));

    // The overview shows the attempt.
    click(&mut harness, "Cases");
    harness.get_by_label("Practice overview…").click();
    harness.run();
    assert!(harness.state().windows.start);
    // Best and last score of the case are this attempt's.
    assert_eq!(harness.query_all_by_label(&score.to_string()).count(), 2);
}

/// An attempt graded `day` days after the epoch, missing `missed`.
fn attempt(case: &str, day: u64, score: u32, missed: &[&str]) -> Attempt {
    Attempt {
        case: case.to_owned(),
        graded_at: day * DAY_SECS + 3600,
        score,
        time_secs: 1800,
        hints_used: 0,
        missed: missed.iter().map(|m| (*m).to_owned()).collect(),
        id: 0,
        grader: String::new(),
        original_score: None,
        board_kept: true,
    }
}

#[test]
fn the_progress_view_plots_the_scores_and_lists_the_weakest_components() {
    let home = tempfile::tempdir().unwrap();
    // The first run has nothing to plot, and says so.
    let mut harness = drive(archdrill::ui::app_for(
        Catalog::builtin().unwrap(),
        None,
        home.path().to_path_buf(),
    ));
    harness.run();
    click(&mut harness, "Progress…");
    assert!(harness.state().windows.progress);
    harness.get_by_label_contains("No graded attempts yet");
    drop(harness);

    for a in [
        attempt("visual-search", 20_400, 42, &["rerank", "indexer"]),
        attempt("visual-search", 20_403, 71, &["rerank"]),
        attempt("news-feed", 20_403, 55, &["ranker"]),
    ] {
        archdrill::store::history::record_attempt(home.path(), a, &Board::default(), "{}").unwrap();
    }
    let mut harness = drive(archdrill::ui::app_for(
        Catalog::builtin().unwrap(),
        None,
        home.path().to_path_buf(),
    ));
    harness.run();
    // This time from the Cases menu, with the start screen closed.
    harness.get_by_label("Close window").click();
    harness.run();
    assert!(!harness.state().windows.start);
    click(&mut harness, "Cases");
    click(&mut harness, "Progress…");
    harness.get_by_label("Scores over time");
    // The weakest component first, with how often it was missed.
    let mut rows: Vec<(f64, String)> = harness
        .query_all_by_label_contains(" attempt")
        .map(|n| n.accesskit_node())
        .filter(|n| n.role() == Role::Label)
        .filter_map(|n| Some((n.bounding_box()?.y0, n.value()?)))
        .filter(|(_, v)| !v.contains("grader"))
        .collect();
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    let rows: Vec<String> = rows.into_iter().map(|(_, v)| v).collect();
    assert_eq!(rows.first().map(String::as_str), Some("2 of 2 attempts"));
    assert_eq!(rows.len(), 3, "{rows:?}");
    harness.get_by_label("Re-ranking service");
    harness.get_by_label("Indexing service");
    // Closed from its title bar, it stays closed.
    harness.get_by_label("Close window").click();
    harness.run();
    assert!(!harness.state().windows.progress);
}

#[test]
fn the_progress_view_grades_older_attempts_again_and_keeps_their_scores() {
    let home = tempfile::tempdir().unwrap();
    let catalog = Catalog::builtin().unwrap();
    let board = archdrill::store::load_board(
        &crate::project_dir().join("tests/fixtures/visual-search.ron"),
        &catalog,
    )
    .unwrap()
    .board;
    // Scored 12 by a grader before this one.
    let old = attempt("visual-search", 20_400, 12, &[]);
    archdrill::store::history::record_attempt(home.path(), old, &board, "{}").unwrap();
    let mut harness = drive(archdrill::ui::app_for(
        catalog,
        None,
        home.path().to_path_buf(),
    ));
    harness.run();
    harness.get_by_label("Close window").click();
    harness.run();
    click(&mut harness, "Cases");
    click(&mut harness, "Progress…");
    harness.get_by_label_contains("Your attempt was scored by an earlier grader than this one");
    click(&mut harness, "Grade them again");
    let app = harness.state();
    assert_eq!(app.attempts[0].score, 100);
    assert_eq!(app.attempts[0].original_score, Some(12));
    assert_eq!(app.attempts[0].grader, archdrill::grader::VERSION);
    harness.get_by_label(&format!("Scores by grader {}.", archdrill::grader::VERSION));
}

/// The reference blocks the compare pane marks as missed.
fn marks_missed(
    harness: &egui_kittest::Harness<'_, archdrill::ui::ArchdrillApp>,
) -> std::collections::BTreeSet<archdrill::model::BlockId> {
    let compare = harness.state().compare().unwrap();
    compare.pane.overlay.as_ref().unwrap().marks.missed.clone()
}
