//! The app driven through its widgets with `egui_kittest`: palette, inspector, canvas, menus.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use archdrill::catalog::Catalog;
use archdrill::document::Document;
use archdrill::model::BlockId;
use archdrill::ui::ArchdrillApp;
use archdrill::ui::files::{FileDialogs, Picked, Request};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

mod arrange;
mod dialogs;
mod drawing;
mod drill;
mod export;
mod import;
mod practice;
mod recovery;

/// File dialogs that answer with paths queued by the test (a cancel when none is queued),
/// or, made `unavailable`, like a desktop where the system dialog cannot be shown.
#[derive(Clone, Default)]
pub(super) struct Scripted {
    answers: Rc<RefCell<VecDeque<PathBuf>>>,
    unavailable: bool,
}

impl Scripted {
    pub(super) fn answer(&self, path: &Path) {
        self.answers.borrow_mut().push_back(path.to_path_buf());
    }

    pub(super) fn unavailable() -> Self {
        Scripted {
            unavailable: true,
            ..Scripted::default()
        }
    }
}

impl FileDialogs for Scripted {
    fn pick(&mut self, _request: &Request) -> Picked {
        if self.unavailable {
            return Picked::Unavailable(
                "The system file dialog could not be shown (no desktop portal or zenity)".into(),
            );
        }
        self.answers
            .borrow_mut()
            .pop_front()
            .map_or(Picked::Cancelled, Picked::Path)
    }
}

pub(super) fn harness(data_dir: &Path, dialogs: &Scripted) -> Harness<'static, ArchdrillApp> {
    let app = ArchdrillApp::new(
        Catalog::builtin().unwrap(),
        Document::default(),
        data_dir.to_path_buf(),
    )
    .with_dialogs(Box::new(dialogs.clone()));
    drive(app)
}

/// A 1280x800 harness around an app.
pub(super) fn drive(app: ArchdrillApp) -> Harness<'static, ArchdrillApp> {
    Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        // Short steps, so two clicks in successive steps count as a double-click.
        .with_step_dt(1.0 / 30.0)
        .build_ui_state(|ui, app: &mut ArchdrillApp| app.show(ui), app)
}

/// The app as `archdrill BOARD` starts it, on one of the example boards.
pub(super) fn opened(board: &str, home: &Path) -> Harness<'static, ArchdrillApp> {
    let path = crate::project_dir().join("boards").join(board);
    drive(archdrill::ui::app_for(
        Catalog::builtin().unwrap(),
        Some(path),
        home.to_path_buf(),
    ))
}

/// Drags with the primary button from `from` to `to` in small steps, as a hand would.
pub(super) fn drag(harness: &mut Harness<'_, ArchdrillApp>, from: egui::Pos2, to: egui::Pos2) {
    harness.hover_at(from);
    harness.step();
    harness.drag_at(from);
    harness.step();
    for i in 1..=6 {
        harness.hover_at(from + (to - from) * (i as f32 / 6.0));
        harness.step();
    }
    harness.drop_at(to);
    harness.run();
}

/// Clicks the button with this label and lets the app settle.
pub(super) fn click(harness: &mut Harness<'_, ArchdrillApp>, label: &str) {
    harness.get_by_role_and_label(Role::Button, label).click();
    harness.run();
}

pub(super) fn click_menu(harness: &mut Harness<'_, ArchdrillApp>, menu: &str, item: &str) {
    click(harness, menu);
    // A menu entry's accessible name also carries its shortcut ("Save As… Ctrl+Shift+S").
    harness.get_by_label_contains(item).click();
    harness.run();
}

#[test]
fn draw_rename_connect_undo_save_and_reopen() {
    let home = tempfile::tempdir().unwrap();
    let dialogs = Scripted::default();
    let mut harness = harness(home.path(), &dialogs);
    harness.run();

    // Add two blocks from the palette.
    click(&mut harness, "Feature store");
    click(&mut harness, "Ranker");
    let board = harness.state().doc.board().clone();
    let kinds: Vec<&str> = board.blocks.values().map(|b| b.kind.as_str()).collect();
    assert_eq!(kinds, ["feature_store", "ranker"]);
    let (store_id, ranker_id) = (BlockId(1), BlockId(2));
    assert!(
        !board.blocks[&store_id]
            .rect()
            .intersects(&board.blocks[&ranker_id].rect()),
        "palette blocks must not overlap"
    );

    // Rename the selected block (the ranker) in the inspector.
    let field = harness.get_by_role_and_label(Role::TextInput, "Label");
    field.focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Label")
        .type_text(" (heavy)");
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(
        harness.state().doc.board().blocks[&ranker_id].label,
        "Ranker (heavy)"
    );

    // Connect: drag from the feature store's right-hand handle onto the ranker.
    let app = harness.state();
    let from_rect = app
        .canvas
        .camera
        .screen_rect(&app.doc.board().blocks[&store_id].rect());
    let to = app.canvas.screen_center_of(&app.doc, ranker_id).unwrap();
    drag(
        &mut harness,
        egui::pos2(from_rect.max.x, from_rect.center().y),
        to,
    );
    let edges: Vec<(BlockId, BlockId)> = harness
        .state()
        .doc
        .board()
        .edges
        .values()
        .map(|e| (e.from, e.to))
        .collect();
    assert_eq!(edges, [(store_id, ranker_id)]);

    // Undo removes the arrow and keeps the renamed blocks.
    click(&mut harness, "Undo");
    let board = harness.state().doc.board().clone();
    assert!(board.edges.is_empty());
    assert_eq!(board.blocks.len(), 2);
    click(&mut harness, "Redo");
    assert_eq!(harness.state().doc.board().edges.len(), 1);

    // Save As into a temporary folder; the title loses its unsaved mark.
    assert!(harness.state().window_title().starts_with("● Untitled"));
    let path = home.path().join("drill");
    dialogs.answer(&path);
    click_menu(&mut harness, "File", "Save As…");
    let saved = path.with_extension("ron");
    assert!(saved.exists(), "Save As should add .ron and write the file");
    assert_eq!(harness.state().window_title(), "drill.ron — archdrill");
    assert_eq!(
        harness.state().files.recent.len(),
        1,
        "saved boards go on the recent list"
    );
    let drawn = harness.state().doc.board().clone();

    // Reopen in a fresh app through File → Open.
    let dialogs = Scripted::default();
    let mut reopened = self::harness(home.path(), &dialogs);
    reopened.run();
    dialogs.answer(&saved);
    click_menu(&mut reopened, "File", "Open…");
    assert_eq!(*reopened.state().doc.board(), drawn);
    assert!(!reopened.state().doc.is_dirty());
}

#[test]
fn opening_a_bad_file_shows_the_error_and_keeps_the_board() {
    let home = tempfile::tempdir().unwrap();
    let dialogs = Scripted::default();
    let mut harness = harness(home.path(), &dialogs);
    harness.run();
    // The serving group is below the fold of the palette: scroll to it like a user would.
    harness
        .get_by_role_and_label(Role::Button, "Cache")
        .scroll_to_me();
    harness.run();
    click(&mut harness, "Cache");
    assert!(harness.state().doc.is_dirty());
    let bad = crate::write(
        home.path(),
        "bad.ron",
        "(version: 1, blocks: [(id: 1, kind: \"cache\", pos: (0.0, 0.0))], edges: [(from: 1, to: 3)])",
    );
    dialogs.answer(&bad);
    click_menu(&mut harness, "File", "Open…");
    // The board has unsaved changes, so the app asks first.
    click(&mut harness, "Don't save");
    harness.get_by_label_contains("points to block 3, which does not exist");
    assert_eq!(
        harness.state().doc.board().blocks.len(),
        1,
        "the open board stays"
    );
    assert_eq!(
        harness.state().doc.board().blocks[&BlockId(1)].kind,
        "cache"
    );
    click(&mut harness, "OK");
    assert!(harness.state().messages.error.is_none());
}

#[test]
fn double_click_quick_add_turns_faiss_into_an_ann_index() {
    let home = tempfile::tempdir().unwrap();
    let mut harness = harness(home.path(), &Scripted::default());
    harness.run();
    let center = harness.state().canvas.camera.viewport.center();
    harness.hover_at(center);
    harness.step();
    for pressed in [true, false, true, false] {
        harness.event(egui::Event::PointerButton {
            pos: center,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
        harness.step();
    }
    harness.run();
    assert!(
        harness.state().canvas.quick_add.is_some(),
        "double-click opens the quick-add box"
    );
    harness
        .get_by_role_and_label(Role::TextInput, "Add block")
        .type_text("faiss");
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    let board = harness.state().doc.board();
    let block = board.blocks.values().next().expect("a block was added");
    assert_eq!(
        (block.kind.as_str(), block.label.as_str()),
        ("ann_index", "FAISS")
    );
}

/// A fresh app with one ranker block added from the palette (and its data folder, kept alive).
fn with_ranker() -> (tempfile::TempDir, Harness<'static, ArchdrillApp>) {
    let home = tempfile::tempdir().unwrap();
    let mut harness = harness(home.path(), &Scripted::default());
    harness.run();
    click(&mut harness, "Ranker");
    (home, harness)
}

#[test]
fn quitting_with_unsaved_changes_asks_first() {
    let (_home, mut harness) = with_ranker();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Q);
    harness.run();
    harness.get_by_label("Unsaved changes");
    click(&mut harness, "Cancel");
    assert!(harness.query_by_label("Unsaved changes").is_none());
    assert_eq!(
        harness.state().doc.board().blocks.len(),
        1,
        "cancel keeps the board"
    );
    assert!(harness.state().doc.is_dirty());
}

#[test]
fn undo_and_redo_shortcuts_and_delete_key_work_on_the_canvas() {
    let (_home, mut harness) = with_ranker();
    harness.key_press(egui::Key::Delete);
    harness.run();
    assert!(
        harness.state().doc.board().blocks.is_empty(),
        "Delete removes the selected block"
    );
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(
        harness.state().doc.board().blocks.len(),
        1,
        "Ctrl+Z brings it back"
    );
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    harness.run();
    assert!(
        harness.state().doc.board().blocks.is_empty(),
        "Ctrl+Shift+Z deletes it again"
    );
}

#[test]
fn a_case_reference_opens_read_only_and_closes_back_to_the_board() {
    let (_home, mut harness) = with_ranker();
    click(&mut harness, "Cases");
    harness.get_by_label("Visual Search System").click();
    harness.run();
    let app = harness.state();
    assert_eq!(app.showing_reference(), Some("visual-search"));
    let reference = app.active_doc().board().clone();
    assert!(
        reference.blocks.len() >= 6,
        "the reference is on the canvas"
    );
    assert_eq!(reference.frames.len(), 2, "Online and Offline frames");
    assert!(
        reference
            .blocks
            .values()
            .all(|b| b.note.contains("Also written as"))
    );
    assert!(
        app.window_title()
            .starts_with("Reference: Visual Search System")
    );

    // Nothing can be changed: select everything, press Delete, try undo.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness.key_press(egui::Key::Delete);
    harness.run();
    assert_eq!(*harness.state().active_doc().board(), reference);
    assert!(!harness.state().active_doc().is_dirty());

    click(&mut harness, "Close reference");
    let app = harness.state();
    assert_eq!(app.showing_reference(), None);
    let kinds: Vec<&str> = app
        .doc
        .board()
        .blocks
        .values()
        .map(|b| b.kind.as_str())
        .collect();
    assert_eq!(
        kinds,
        ["ranker"],
        "the user's board is back, unsaved changes and all"
    );
    assert!(app.doc.is_dirty());
}

#[test]
fn the_board_waits_unchanged_behind_a_reference_with_its_selection() {
    let (_home, mut harness) = with_ranker();
    let before = harness.state().doc.board().clone();
    let selection = harness.state().canvas.selection.clone();
    assert!(!selection.is_empty(), "the new block is selected");
    click(&mut harness, "Cases");
    harness.get_by_label("Visual Search System").click();
    harness.run();
    // Keys while the reference is shown never reach the board behind it.
    harness.key_press(egui::Key::ArrowRight);
    harness.key_press(egui::Key::Delete);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(*harness.state().doc.board(), before);
    assert!(harness.state().active_doc().board().blocks.len() >= 6);
    click(&mut harness, "Close reference");
    let app = harness.state();
    assert_eq!(*app.doc.board(), before);
    assert_eq!(
        app.canvas.selection, selection,
        "the selection is as it was left"
    );
    assert!(app.doc.can_undo(), "and the history too");
}

#[test]
fn grading_shows_the_score_overlay_and_feedback_and_can_be_dismissed() {
    let home = tempfile::tempdir().unwrap();
    let mut harness = opened("visual-search.ron", home.path());
    harness.run();
    click(&mut harness, "Grade");
    let app = harness.state();
    let report = &app.grade.as_ref().expect("a grade is shown").report;
    assert!(
        report.score > 40 && report.score < 100,
        "score {}",
        report.score
    );
    let overlay = app
        .canvas
        .overlay
        .as_ref()
        .expect("the canvas shows the overlay");
    assert!(!overlay.marks.matched.is_empty());
    assert_eq!(
        overlay.marks.ghosts.ghosts.len(),
        report.missing.len(),
        "every missing block has a ghost"
    );
    harness.get_by_label_contains(&format!("Score {}/100", report.score));

    // Clicking a feedback line highlights what it names.
    let first = report.feedback[0].text.clone();
    harness.get_by_label(&first).click();
    harness.run();
    let overlay = harness.state().canvas.overlay.as_ref().unwrap();
    assert!(!overlay.focus_refs.is_empty() || !overlay.focus_blocks.is_empty());

    // The board stays editable, and the grade follows the change.
    let before = harness.state().grade.as_ref().unwrap().report.matched.len();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness.key_press(egui::Key::Delete);
    harness.run();
    assert!(harness.state().doc.board().blocks.is_empty());
    let after = &harness.state().grade.as_ref().unwrap().report;
    assert!(after.matched.is_empty() && before > 0 && after.score == 0);

    click(&mut harness, "Hide grade");
    assert!(harness.state().grade.is_none() && harness.state().canvas.overlay.is_none());
}
