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
fn start_export(harness: &mut Harness<'_, ArchdrillApp>) {
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
        harness.state().error.is_none(),
        "{:?}",
        harness.state().error
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
    assert!(harness.state().show_shortcuts);
    harness.get_by_label("Keyboard shortcuts");
    harness.key_press(egui::Key::F1);
    harness.run();
    assert!(!harness.state().show_shortcuts);
}
