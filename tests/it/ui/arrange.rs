//! Tidy, align and distribute from the window: each one undo step.

use archdrill::model::{Board, Pos};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use super::{click, click_menu, opened};
use archdrill::ui::ArchdrillApp;

fn positions(board: &Board) -> Vec<Pos> {
    board.blocks.values().map(|b| b.pos).collect()
}

/// Selects every block (Ctrl+A) on the canvas.
fn select_all(harness: &mut Harness<'static, ArchdrillApp>) {
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
}

fn undo(harness: &mut Harness<'static, ArchdrillApp>) {
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
}

#[test]
fn tidy_lays_the_board_out_and_one_ctrl_z_puts_it_back() {
    let home = tempfile::tempdir().unwrap();
    let mut harness = opened("video-recommendation.ron", home.path());
    harness.run();
    let before = harness.state().doc.board().clone();
    click(&mut harness, "Tidy");
    let after = harness.state().doc.board().clone();
    assert_ne!(positions(&after), positions(&before), "the blocks moved");
    assert_eq!(after.blocks.len(), before.blocks.len());
    undo(&mut harness);
    assert_eq!(*harness.state().doc.board(), before, "one step back");
    // The T key does the same.
    harness.key_press(egui::Key::T);
    harness.run();
    assert_eq!(positions(harness.state().doc.board()), positions(&after));
}

#[test]
fn align_and_distribute_are_each_one_undo_step() {
    let home = tempfile::tempdir().unwrap();
    let mut harness = opened("visual-search.ron", home.path());
    harness.run();
    let before = harness.state().doc.board().clone();
    select_all(&mut harness);
    click_menu(&mut harness, "Edit", "Align and distribute");
    // The menu's entry (its name carries the shortcut), not the selection panel's button.
    harness
        .get_all_by_label_contains("Align left")
        .find(|n| n.accesskit_node().label().is_some_and(|l| l.contains('+')))
        .expect("the menu entry")
        .click();
    harness.run();
    let aligned = harness.state().doc.board().clone();
    let lefts: Vec<f32> = aligned.blocks.values().map(|b| b.pos.x).collect();
    assert!(lefts.windows(2).all(|w| w[0] == w[1]), "{lefts:?}");
    undo(&mut harness);
    assert_eq!(*harness.state().doc.board(), before);

    // Distribute from the keyboard (Ctrl+Alt+H), then undo.
    select_all(&mut harness);
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::ALT,
        egui::Key::H,
    );
    harness.run();
    assert_ne!(*harness.state().doc.board(), before, "distributed");
    undo(&mut harness);
    assert_eq!(*harness.state().doc.board(), before);

    // Align from the selection panel.
    select_all(&mut harness);
    click(&mut harness, "Align top");
    let tops: Vec<f32> = harness
        .state()
        .doc
        .board()
        .blocks
        .values()
        .map(|b| b.pos.y)
        .collect();
    assert!(tops.windows(2).all(|w| w[0] == w[1]), "{tops:?}");
    undo(&mut harness);
    assert_eq!(*harness.state().doc.board(), before);
}
