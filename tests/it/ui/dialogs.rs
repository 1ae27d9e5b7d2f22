//! The built-in file dialog (where the system's cannot be shown), the shortcut sheet, and
//! shortcuts that arrive as keys or as text.

use archdrill::catalog::Catalog;
use archdrill::document::Document;
use archdrill::ui::ArchdrillApp;
use archdrill::ui::files::{BuiltinDialogs, Purpose};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use super::{Scripted, click, drive, harness};

/// An app on a desktop with no system file dialog (no portal, no zenity).
fn without_system_dialogs(home: &std::path::Path) -> Harness<'static, ArchdrillApp> {
    let app = ArchdrillApp::new(
        Catalog::builtin().unwrap(),
        Document::default(),
        home.to_path_buf(),
    )
    .with_dialogs(Box::new(BuiltinDialogs));
    let mut harness = drive(app);
    harness.run();
    harness
}

/// Types `text` into the built-in dialog's name field (its whole text is selected when the
/// dialog opens, so typing replaces it) and presses Enter.
fn type_name(harness: &mut Harness<'static, ArchdrillApp>, text: &str) {
    harness
        .get_by_role_and_label(Role::TextInput, "Name:")
        .type_text(text);
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
}

#[test]
fn the_built_in_dialog_saves_and_opens_a_board_from_a_typed_path() {
    let home = tempfile::tempdir().unwrap();
    let mut harness = without_system_dialogs(home.path());
    click(&mut harness, "Ranker");
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::S,
    );
    harness.run();
    let picker = &harness.state().files.picker;
    let purpose = picker.as_ref().map(|(p, _)| p.purpose);
    assert_eq!(
        purpose,
        Some(Purpose::SaveBoard),
        "Save As shows the built-in dialog"
    );
    assert!(
        harness
            .get_by_role_and_label(Role::TextInput, "Name:")
            .accesskit_node()
            .is_focused(),
        "the name field has the focus"
    );
    // A whole path, in another folder, without the extension.
    let folder = home.path().join("elsewhere");
    std::fs::create_dir(&folder).unwrap();
    let typed = folder.join("video-rec");
    type_name(&mut harness, &typed.display().to_string());
    let saved = folder.join("video-rec.ron");
    assert!(saved.exists(), "Enter writes the board, with .ron added");
    assert!(harness.state().files.picker.is_none());
    assert!(!harness.state().doc.is_dirty());
    assert_eq!(harness.state().window_title(), "video-rec.ron — archdrill");
    let drawn = harness.state().doc.board().clone();

    // Open it again in a fresh app, through the same dialog: the folder is listed and a name
    // typed relative to it is enough.
    let mut again = without_system_dialogs(home.path());
    again.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    again.run();
    let picker = &again.state().files.picker;
    assert_eq!(
        picker.as_ref().map(|(p, _)| p.purpose),
        Some(Purpose::OpenBoard)
    );
    type_name(&mut again, &folder.display().to_string());
    assert_eq!(
        again
            .state()
            .files
            .picker
            .as_ref()
            .map(|(p, _)| p.folder().to_path_buf()),
        Some(folder.clone()),
        "a typed folder is entered"
    );
    again.get_by_label("video-rec.ron");
    type_name(&mut again, "video-rec.ron");
    assert_eq!(*again.state().doc.board(), drawn);
    assert_eq!(again.state().doc.path(), Some(saved.as_path()));
}

#[test]
fn the_built_in_dialog_asks_before_replacing_a_file_and_cancels_on_escape() {
    let home = tempfile::tempdir().unwrap();
    let existing = crate::write(home.path(), "taken.ron", "keep me");
    let mut harness = without_system_dialogs(home.path());
    click(&mut harness, "Ranker");
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::S,
    );
    harness.run();
    type_name(&mut harness, &existing.display().to_string());
    harness.get_by_label_contains("already exists. Replace it?");
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "keep me");
    click(&mut harness, "Keep it");
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "keep me");
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(
        harness.state().files.picker.is_none(),
        "Escape closes the dialog"
    );
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "keep me");
    assert!(harness.state().doc.is_dirty(), "nothing was saved");

    // Again, and this time replace it.
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::S,
    );
    harness.run();
    type_name(&mut harness, &existing.display().to_string());
    click(&mut harness, "Replace");
    assert!(
        std::fs::read_to_string(&existing)
            .unwrap()
            .contains("ranker")
    );
    assert!(!harness.state().doc.is_dirty());
}

#[test]
fn without_a_system_dialog_the_status_line_says_why_and_exports_get_their_own_filter() {
    let home = tempfile::tempdir().unwrap();
    // A system dialog that cannot be shown answers at once, with a reason.
    let mut harness = harness(home.path(), &Scripted::unavailable());
    harness.run();
    click(&mut harness, "Ranker");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Export…")
        .click();
    harness.run();
    let picker = &harness.state().files.picker;
    assert_eq!(
        picker.as_ref().map(|(p, _)| p.purpose),
        Some(Purpose::ExportPng)
    );
    let notice = harness.state().messages.notice.clone().unwrap().0;
    assert!(notice.contains("could not be shown"), "{notice}");
    harness.get_by_label("Export PNG picture");
    let target = home.path().join("picture");
    harness
        .get_by_role_and_label(Role::TextInput, "Name:")
        .type_text(&target.display().to_string());
    harness.run();
    harness.key_press(egui::Key::Enter);
    // The export runs in the background, with a spinner: step, then wait for it.
    harness.step();
    harness.state_mut().finish_job();
    let png = std::fs::read(home.path().join("picture.png")).unwrap();
    assert!(
        png.starts_with(b"\x89PNG"),
        "the picture gets .png, not .ron"
    );
}

#[test]
fn the_shortcut_sheet_fits_the_window_scrolls_and_closes_on_escape() {
    let home = tempfile::tempdir().unwrap();
    let mut harness = harness(home.path(), &Scripted::default());
    harness.run();
    harness.key_press(egui::Key::F1);
    harness.run();
    assert!(harness.state().windows.shortcuts);
    let sheet = harness.get_by_label("Keyboard shortcuts");
    let _ = sheet;
    // Every row of the sheet lies inside the 800-point window or is scrolled out of it; the
    // window itself does.
    let window = harness
        .query_all_by_role(Role::Window)
        .filter_map(|n| n.accesskit_node().bounding_box())
        .fold(0.0_f64, |bottom, r| bottom.max(r.y1));
    assert!(window <= 800.0, "the sheet ends at {window}");
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(
        !harness.state().windows.shortcuts,
        "Escape closes the sheet"
    );
}

/// The board's blocks are all in view.
fn whole_board_visible(harness: &Harness<'static, ArchdrillApp>) -> bool {
    let app = harness.state();
    let bounds = app.doc.board().bounds().unwrap();
    app.canvas
        .camera
        .visible_board_rect()
        .contains_rect(&bounds)
}

/// Pans the view far away from the board.
fn pan_away(harness: &mut Harness<'static, ArchdrillApp>) {
    harness.state_mut().canvas.camera.offset = archdrill::model::Pos::new(5_000.0, 5_000.0);
    harness.run();
    assert!(!whole_board_visible(harness));
}

#[test]
fn shift_1_fits_the_view_whether_it_arrives_as_a_key_or_as_text() {
    let home = tempfile::tempdir().unwrap();
    let mut harness = harness(home.path(), &Scripted::default());
    harness.run();
    click(&mut harness, "Ranker");
    harness.key_press(egui::Key::Escape);
    harness.run();

    // As the key itself.
    pan_away(&mut harness);
    harness.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::Num1);
    harness.run();
    assert!(whole_board_visible(&harness), "Shift+1 as a key");

    // As X11 sends it with a US layout: the key "!" (at the place of 1) and the text "!".
    pan_away(&mut harness);
    for pressed in [true, false] {
        harness.event(egui::Event::Key {
            key: egui::Key::Exclamationmark,
            physical_key: Some(egui::Key::Num1),
            pressed,
            repeat: false,
            modifiers: egui::Modifiers::SHIFT,
        });
        if pressed {
            harness.event(egui::Event::Text("!".to_owned()));
        }
    }
    harness.run();
    assert!(whole_board_visible(&harness), "Shift+1 as \"!\"");

    // As text alone, as some input methods send it.
    pan_away(&mut harness);
    harness.event(egui::Event::Text("!".to_owned()));
    harness.run();
    assert!(whole_board_visible(&harness), "Shift+1 as text alone");
}
