//! Export and remembered settings, driven through the app: the export dialog writes a PNG
//! and an SVG in the background; grid, snap and theme come back on the next start.

use archdrill::catalog::Catalog;
use archdrill::ui::ArchdrillApp;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use super::{Scripted, click, drive};

fn opened(home: &std::path::Path, dialogs: &Scripted) -> Harness<'static, ArchdrillApp> {
    let board = crate::project_dir().join("boards/visual-search.ron");
    let app = archdrill::ui::app_for(Catalog::builtin().unwrap(), Some(board), home.to_path_buf())
        .with_dialogs(Box::new(dialogs.clone()));
    let mut harness = drive(app);
    harness.run();
    harness
}

/// Clicks "Export…" and lets one frame pass (the export then runs with a spinner showing).
pub(super) fn start_export(harness: &mut Harness<'_, ArchdrillApp>) {
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "Export…")
        .click();
    harness.step();
}

#[test]
fn the_export_dialog_writes_a_png_and_an_svg_of_the_board() {
    let home = tempfile::tempdir().unwrap();
    let dialogs = Scripted::default();
    let mut harness = opened(home.path(), &dialogs);

    // PNG at 1x on a dark background.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    harness.run();
    harness.get_by_label("Export as PNG");
    click(&mut harness, "1x");
    click(&mut harness, "Dark background");
    let expected = archdrill::export::scene(
        harness.state().doc.board(),
        &harness.state().catalog,
        &harness.state().export_options(),
    )
    .unwrap();
    harness.get_by_label(&format!("{} x {} pixels", expected.width, expected.height));
    let png = home.path().join("out.png");
    dialogs.answer(&png);
    start_export(&mut harness);
    harness.state_mut().finish_job();
    harness.run();
    assert!(
        harness.state().messages.error.is_none(),
        "{:?}",
        harness.state().messages.error
    );
    let image = image::open(&png).unwrap();
    assert_eq!(
        (image.width(), image.height()),
        (expected.width, expected.height)
    );

    // SVG from the File menu; a name without an extension gets one.
    click(&mut harness, "File");
    harness.get_by_label_contains("Export SVG…").click();
    harness.run();
    harness.get_by_label("Export as SVG");
    dialogs.answer(&home.path().join("drawing"));
    start_export(&mut harness);
    harness.state_mut().finish_job();
    let svg = std::fs::read_to_string(home.path().join("drawing.svg")).unwrap();
    assert!(svg.starts_with("<?xml") && svg.contains("FAISS"), "{svg}");
}

#[test]
fn grid_snap_and_theme_are_remembered_between_runs() {
    let home = tempfile::tempdir().unwrap();
    let mut first = opened(home.path(), &Scripted::default());
    assert!(first.state().canvas.show_grid && first.state().canvas.snap);
    click(&mut first, "Grid");
    click(&mut first, "Snap");
    click(&mut first, "Dark");
    for _ in 0..40 {
        first.step();
    }
    drop(first);
    let mut second = opened(home.path(), &Scripted::default());
    let app = second.state();
    assert!(!app.canvas.show_grid && !app.canvas.snap);
    second.run();
    assert_eq!(
        second.ctx.options(|o| o.theme_preference),
        egui::ThemePreference::Dark
    );
}

#[test]
fn question_mark_and_f1_open_the_shortcut_sheet() {
    let home = tempfile::tempdir().unwrap();
    let mut harness = opened(home.path(), &Scripted::default());
    harness.event(egui::Event::Text("?".into()));
    harness.run();
    assert!(harness.state().windows.shortcuts);
    harness.get_by_label("Keyboard shortcuts");
    harness.key_press(egui::Key::F1);
    harness.run();
    assert!(!harness.state().windows.shortcuts);
}

#[test]
fn a_big_board_opens_in_the_background_with_a_spinner() {
    let home = tempfile::tempdir().unwrap();
    let catalog = Catalog::builtin().unwrap();
    let mut board = archdrill::model::Board::default();
    for i in 0..7_000_u32 {
        let id = archdrill::model::BlockId(i + 1);
        board.blocks.insert(
            id,
            archdrill::model::Block {
                id,
                kind: "ranker".into(),
                label: format!("Ranking model number {i}"),
                pos: archdrill::model::Pos::new((i % 50) as f32 * 200.0, (i / 50) as f32 * 100.0),
                size: archdrill::model::DEFAULT_BLOCK_SIZE,
                note: String::new(),
            },
        );
    }
    let path = home.path().join("big.ron");
    archdrill::store::save_board(&path, &board).unwrap();
    assert!(std::fs::metadata(&path).unwrap().len() > 512 * 1024);
    let app = archdrill::ui::app_for(catalog, Some(path), home.path().to_path_buf());
    // The file is still being read: the window shows it and the canvas is empty so far.
    assert!(app.job.as_ref().is_some_and(|j| j.blocking));
    let mut harness = drive(app);
    harness.state_mut().finish_job();
    harness.step();
    let app = harness.state();
    assert!(app.job.is_none());
    assert_eq!(app.doc.board().blocks.len(), 7_000);
    assert!(!app.doc.is_dirty());
}

#[test]
fn while_a_board_opens_the_window_says_so_and_waits() {
    let home = tempfile::tempdir().unwrap();
    let mut harness = opened(home.path(), &Scripted::default());
    // A job the test finishes when it wants: the window keeps drawing meanwhile.
    let (go, wait) = std::sync::mpsc::channel::<()>();
    let path = home.path().join("slow.ron");
    let mut job = archdrill::ui::jobs::Job::start("Opening slow.ron…".into(), move || {
        let _ = wait.recv();
        archdrill::ui::jobs::Outcome::Opened(path, Err("the test says no".into()))
    })
    .unwrap();
    job.blocking = true;
    harness.state_mut().job = Some(job);
    for _ in 0..3 {
        harness.step();
    }
    harness.get_by_label("Opening slow.ron…");
    assert!(harness.state().job.is_some());
    go.send(()).unwrap();
    harness.state_mut().finish_job();
    harness.step();
    let app = harness.state();
    assert!(app.job.is_none());
    let (title, message) = app.messages.error.clone().unwrap();
    assert_eq!(title, "Could not open the board");
    assert_eq!(message, "the test says no");
    assert!(!app.doc.board().blocks.is_empty(), "the open board stays");
}

#[test]
fn exporting_over_the_open_boards_file_is_refused() {
    let home = tempfile::tempdir().unwrap();
    let board = home.path().join("b.ron");
    std::fs::copy(
        crate::project_dir().join("boards/visual-search.ron"),
        &board,
    )
    .unwrap();
    let before = std::fs::read(&board).unwrap();
    let mut app = archdrill::ui::app_for(
        Catalog::builtin().unwrap(),
        Some(board.clone()),
        home.path().to_path_buf(),
    );
    app.export_to(home.path().join(".").join("b.ron"));
    let (title, message) = app.messages.error.clone().unwrap();
    assert_eq!(title, "Could not export");
    assert!(message.contains("the open board's file"), "{message}");
    assert!(app.job.is_none());
    assert_eq!(std::fs::read(&board).unwrap(), before);
}

#[test]
fn grid_snap_theme_and_the_shortcut_sheet_are_commands_in_the_menu() {
    let home = tempfile::tempdir().unwrap();
    let mut harness = opened(home.path(), &Scripted::default());
    super::click_menu(&mut harness, "Help", "Show keyboard shortcuts");
    assert!(harness.state().windows.shortcuts);
    harness.key_press(egui::Key::F1);
    harness.run();
    assert!(!harness.state().windows.shortcuts);
    let grid = harness.state().canvas.show_grid;
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Show grid").click();
    harness.run();
    assert_eq!(harness.state().canvas.show_grid, !grid);
    // The toolbar's switch runs the same command as the menu's.
    harness.get_all_by_label("Dark").next().unwrap().click();
    harness.run();
    harness.run();
    assert_eq!(
        harness.ctx.options(|o| o.theme_preference),
        egui::ThemePreference::Dark
    );
}
