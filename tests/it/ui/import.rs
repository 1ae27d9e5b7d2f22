//! Drawings of other tools in the app: File -> Import drawing…, a file dropped on the window
//! and `archdrill DRAWING` each make a new unsaved board; lines without direction are drawn
//! and edited as such; the export dialog writes Excalidraw and Mermaid.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use archdrill::catalog::Catalog;
use archdrill::model::{BlockId, EdgeId};
use archdrill::ui::ArchdrillApp;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use super::{Scripted, click, click_menu, drive, harness};

fn fixture(name: &str) -> PathBuf {
    crate::project_dir()
        .join("tests/fixtures/excalidraw")
        .join(name)
}

/// A file as the window system hands it over when it is dropped on the window.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn drop_file(harness: &mut Harness<'_, ArchdrillApp>, path: &Path) {
    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(Dropped(path.to_path_buf())));
    harness.run();
}

fn notice(harness: &Harness<'_, ArchdrillApp>) -> String {
    harness
        .state()
        .messages
        .notice
        .as_ref()
        .map(|(text, _)| text.clone())
        .unwrap_or_default()
}

#[test]
fn file_import_makes_a_new_unsaved_board_named_after_the_drawing() {
    let home = tempfile::tempdir().unwrap();
    let dialogs = Scripted::default();
    let mut harness = harness(home.path(), &dialogs);
    harness.run();
    let drawing = fixture("video-recommendation.excalidraw");
    dialogs.answer(&drawing);
    click_menu(&mut harness, "File", "Import drawing…");
    let app = harness.state();
    assert!(app.messages.error.is_none(), "{:?}", app.messages.error);
    assert!(
        app.doc.board().blocks.len() >= 8,
        "the drawing's shapes are blocks"
    );
    assert!(!app.doc.board().edges.is_empty(), "and its arrows arrows");
    assert_eq!(
        app.doc.path(),
        None,
        "the drawing is never the board's file"
    );
    assert!(app.doc.is_dirty(), "an imported board is unsaved");
    assert_eq!(
        app.window_title(),
        "● video-recommendation.excalidraw (imported) — archdrill"
    );
    assert!(
        notice(&harness)
            .starts_with("Imported video-recommendation.excalidraw (Excalidraw drawing)"),
        "{}",
        notice(&harness)
    );
    assert_eq!(app.doc.suggested_file_name(), "video-recommendation.ron");
    // Saving asks for a new file: the drawing stays as it was.
    let before = std::fs::read(&drawing).unwrap();
    let board_file = home.path().join("video-recommendation.ron");
    dialogs.answer(&board_file);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    assert_eq!(harness.state().doc.path(), Some(board_file.as_path()));
    assert!(!harness.state().doc.is_dirty());
    assert_eq!(std::fs::read(&drawing).unwrap(), before);
    let saved = archdrill::store::load_board(&board_file, &Catalog::builtin().unwrap()).unwrap();
    assert_eq!(saved.board, *harness.state().doc.board());
}

#[test]
fn a_drawing_dropped_on_the_window_is_imported_after_the_unsaved_question() {
    let home = tempfile::tempdir().unwrap();
    let dialogs = Scripted::default();
    let mut harness = harness(home.path(), &dialogs);
    harness.run();
    click(&mut harness, "Ranker");
    assert!(harness.state().doc.is_dirty());
    let drawing = home.path().join("chart.mmd");
    std::fs::write(
        &drawing,
        "flowchart LR\n  A[Kafka] --> B[Ranker]\n  B --- C[(Feature store)]\n",
    )
    .unwrap();
    drop_file(&mut harness, &drawing);
    // The drawn block is not thrown away unasked.
    assert_eq!(harness.state().doc.board().blocks.len(), 1);
    click(&mut harness, "Don't save");
    let board = harness.state().doc.board().clone();
    assert_eq!(board.blocks.len(), 3, "{board:?}");
    assert_eq!(board.edges.len(), 2);
    assert_eq!(board.edges.values().filter(|e| e.undirected).count(), 1);
    assert!(harness.state().doc.is_dirty());
    assert_eq!(harness.state().doc.suggested_file_name(), "chart.ron");

    // A file that is not a drawing: one line, and the board stays.
    let junk = home.path().join("notes.txt");
    std::fs::write(&junk, "just some words\n").unwrap();
    drop_file(&mut harness, &junk);
    click(&mut harness, "Don't save");
    let error = harness.state().messages.error.clone();
    assert!(
        error.as_ref().is_some_and(|(_, e)| !e.contains('\n')),
        "{error:?}"
    );
    assert_eq!(
        *harness.state().doc.board(),
        board,
        "the board stays as it was"
    );
}

#[test]
fn a_line_without_direction_can_be_given_one_in_one_undo_step() {
    let home = tempfile::tempdir().unwrap();
    let drawing = home.path().join("line.mmd");
    std::fs::write(&drawing, "graph TD\n  a[Ranker] --- b[Feature store]\n").unwrap();
    let app = archdrill::ui::app_for(
        Catalog::builtin().unwrap(),
        Some(drawing.clone()),
        home.path().to_path_buf(),
    );
    let mut harness = drive(app);
    harness.run();
    assert_eq!(harness.state().doc.path(), None);
    let edge = *harness.state().doc.board().edges.keys().next().unwrap();
    assert!(harness.state().doc.board().edges[&edge].undirected);
    harness.state_mut().canvas.selection.edges.insert(edge);
    harness.run();
    harness.get_by_label("Line");
    harness.get_by_label_contains("No direction");
    click(&mut harness, "Point it Ranker -> Feature store");
    let directed =
        |h: &Harness<'_, ArchdrillApp>, id: EdgeId| !h.state().doc.board().edges[&id].undirected;
    assert!(directed(&harness, edge));
    let e = &harness.state().doc.board().edges[&edge];
    let label = |id: BlockId| harness.state().doc.board().blocks[&id].label.clone();
    assert_eq!(
        (label(e.from), label(e.to)),
        ("Ranker".to_owned(), "Feature store".to_owned())
    );
    harness.get_by_label("Arrow");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert!(
        !directed(&harness, edge),
        "one Ctrl+Z takes the direction away again"
    );
}

#[test]
fn a_missing_drawing_on_the_command_line_is_an_error_not_a_new_board() {
    let home = tempfile::tempdir().unwrap();
    let missing = home.path().join("gone.excalidraw");
    let app = archdrill::ui::app_for(
        Catalog::builtin().unwrap(),
        Some(missing.clone()),
        home.path().to_path_buf(),
    );
    assert_eq!(
        app.doc.path(),
        None,
        "nothing will ever be saved over a drawing's name"
    );
    let error = app.messages.error.clone();
    assert!(
        error
            .as_ref()
            .is_some_and(|(_, e)| e.contains("gone.excalidraw")),
        "{error:?}"
    );
    assert!(!missing.exists());
}

#[test]
fn the_board_note_is_shown_and_edited_in_the_side_panel() {
    let home = tempfile::tempdir().unwrap();
    let mut harness = super::opened("visual-search.ron", home.path());
    harness.run();
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Note")
        .focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "Note")
        .type_text("Serving first, then training");
    harness.run();
    // Committed when the field loses the focus, as one undo step.
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert_eq!(
        harness.state().doc.board().note,
        "Serving first, then training"
    );
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(harness.state().doc.board().note, "");
}

#[test]
fn the_export_dialog_writes_excalidraw_and_mermaid_that_import_back() {
    let home = tempfile::tempdir().unwrap();
    let dialogs = Scripted::default();
    let board = crate::project_dir().join("boards/visual-search.ron");
    let app = archdrill::ui::app_for(
        Catalog::builtin().unwrap(),
        Some(board),
        home.path().to_path_buf(),
    )
    .with_dialogs(Box::new(dialogs.clone()));
    let mut harness = drive(app);
    harness.run();
    let catalog = Catalog::builtin().unwrap();
    for (format, file) in [("Excalidraw", "out.excalidraw"), ("Mermaid", "out.mmd")] {
        click_menu(&mut harness, "File", "Export Excalidraw or Mermaid…");
        click(&mut harness, format);
        harness.get_by_label(&format!("Export as {format}"));
        let out = home.path().join(file);
        dialogs.answer(&out);
        super::export::start_export(&mut harness);
        harness.state_mut().finish_job();
        harness.run();
        assert!(
            harness.state().messages.error.is_none(),
            "{:?}",
            harness.state().messages.error
        );
        let back = archdrill::store::load_drawing(&out, &catalog, None).unwrap();
        let drawn = harness.state().doc.board();
        assert_eq!(back.board.blocks.len(), drawn.blocks.len(), "{format}");
        assert_eq!(back.board.edges.len(), drawn.edges.len(), "{format}");
    }
}
