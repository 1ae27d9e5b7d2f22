//! Drawing at the speed of recall: an arrow dropped on empty canvas, Tab, quick add with the
//! keyboard, chains typed in one line, the Edit menu's clipboard, folding the side panels.

use archdrill::model::BlockId;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use super::{Scripted, click, click_menu, drag, harness};
use archdrill::ui::ArchdrillApp;

/// A fresh app with one block of `kind` added from the palette, selected.
fn with_block(label: &str) -> (tempfile::TempDir, Harness<'static, ArchdrillApp>) {
    let home = tempfile::tempdir().unwrap();
    let mut harness = harness(home.path(), &Scripted::default());
    harness.run();
    click(&mut harness, label);
    (home, harness)
}

/// Drags an arrow from the right-hand handle of block `id` to `to` (screen).
fn arrow_from(harness: &mut Harness<'static, ArchdrillApp>, id: BlockId, to: egui::Pos2) {
    let app = harness.state();
    let rect = app
        .canvas
        .camera
        .screen_rect(&app.doc.board().blocks[&id].rect());
    drag(harness, egui::pos2(rect.max.x, rect.center().y), to);
}

/// Types into the quick-add box and presses Enter.
fn quick_type(harness: &mut Harness<'static, ArchdrillApp>, caption: &str, text: &str) {
    harness
        .get_by_role_and_label(Role::TextInput, caption)
        .type_text(text);
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
}

/// Double-clicks the canvas at `at` (screen), after a pause long enough that an earlier
/// click does not count as its first half.
fn double_click(harness: &mut Harness<'static, ArchdrillApp>, at: egui::Pos2) {
    harness.hover_at(at);
    harness.run_steps(20);
    for pressed in [true, false, true, false] {
        harness.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
        harness.step();
    }
    harness.run();
}

fn edges(harness: &Harness<'static, ArchdrillApp>) -> Vec<(BlockId, BlockId)> {
    let board = harness.state().doc.board();
    board.edges.values().map(|e| (e.from, e.to)).collect()
}

#[test]
fn an_arrow_dropped_on_empty_canvas_creates_the_next_block_connected_in_one_undo_step() {
    let (_home, mut harness) = with_block("Ranker");
    let ranker = BlockId(1);
    let to = harness.state().canvas.camera.viewport.right_top() + egui::vec2(-120.0, 120.0);
    arrow_from(&mut harness, ranker, to);
    let quick = harness.state().canvas.quick_add.clone();
    let quick = quick.expect("the arrow dropped on empty canvas opens quick add");
    assert_eq!(quick.from, Some(ranker));
    assert_eq!(
        harness.state().doc.board().blocks.len(),
        1,
        "nothing is created before a name is chosen"
    );
    quick_type(&mut harness, "Add the next block", "faiss");
    let board = harness.state().doc.board().clone();
    assert_eq!(board.blocks.len(), 2);
    let added = board.blocks.values().find(|b| b.id != ranker).unwrap();
    assert_eq!(
        (added.kind.as_str(), added.label.as_str()),
        ("ann_index", "FAISS")
    );
    assert_eq!(edges(&harness), [(ranker, added.id)]);
    // The new block sits where the arrow was dropped.
    let centre = harness
        .state()
        .canvas
        .screen_center_of(&harness.state().doc, added.id)
        .unwrap();
    assert!(centre.distance(to) < 40.0, "{centre:?} vs {to:?}");
    // One undo takes the block and its arrow away together.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(harness.state().doc.board().blocks.len(), 1);
    assert!(edges(&harness).is_empty());
}

#[test]
fn escape_after_an_arrow_to_nowhere_leaves_nothing_behind() {
    let (_home, mut harness) = with_block("Ranker");
    let before = harness.state().doc.board().clone();
    let to = harness.state().canvas.camera.viewport.right_top() + egui::vec2(-120.0, 160.0);
    arrow_from(&mut harness, BlockId(1), to);
    assert!(harness.state().canvas.quick_add.is_some());
    harness
        .get_by_role_and_label(Role::TextInput, "Add the next block")
        .type_text("kafka");
    harness.run();
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.state().canvas.quick_add.is_none());
    assert_eq!(*harness.state().doc.board(), before);
}

#[test]
fn tab_adds_the_next_block_to_the_right_connected_and_tab_again_goes_on() {
    let (_home, mut harness) = with_block("Feature store");
    let store = BlockId(1);
    harness.key_press(egui::Key::Tab);
    harness.run();
    quick_type(&mut harness, "Add the next block", "ranker");
    harness.key_press(egui::Key::Tab);
    harness.run();
    quick_type(&mut harness, "Add the next block", "re-rank");
    let board = harness.state().doc.board().clone();
    let by_label = |label: &str| board.blocks.values().find(|b| b.label == label).unwrap();
    let (ranker, rerank) = (by_label("Ranker"), by_label("re-rank"));
    assert_eq!(rerank.kind, "reranker");
    assert_eq!(
        edges(&harness),
        [(store, ranker.id), (ranker.id, rerank.id)]
    );
    let first = &board.blocks[&store];
    assert!(ranker.pos.x > first.pos.x + first.size.x, "to the right");
    assert!(
        rerank.pos.x > ranker.pos.x + ranker.size.x,
        "and on to the right"
    );
    assert!((ranker.pos.y - first.pos.y).abs() < 1.0, "on the same row");
}

#[test]
fn quick_add_keeps_the_typed_words_and_the_arrow_keys_choose_what_enter_takes() {
    let home = tempfile::tempdir().unwrap();
    let mut harness = harness(home.path(), &Scripted::default());
    harness.run();
    let centre = harness.state().canvas.camera.viewport.center();
    double_click(&mut harness, centre);
    harness
        .get_by_role_and_label(Role::TextInput, "Add block")
        .type_text("watch logs");
    harness.run();
    // The suggestion Enter takes is marked; Down moves the mark to the next one.
    harness.get_by_label_contains("(Enter)");
    harness.key_press(egui::Key::ArrowDown);
    harness.run();
    let second = harness.state().canvas.quick_add.clone().unwrap();
    assert_eq!(second.highlighted, 1);
    harness.key_press(egui::Key::ArrowUp);
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    let board = harness.state().doc.board();
    let block = board.blocks.values().next().expect("a block was added");
    assert_eq!(block.label, "watch logs", "the user's words are the label");
    assert_ne!(block.kind, "custom", "and the kind is inferred from them");
}

#[test]
fn a_chain_typed_in_one_line_reuses_a_block_already_on_the_board() {
    let home = tempfile::tempdir().unwrap();
    let mut harness = harness(home.path(), &Scripted::default());
    harness.run();
    let centre = harness.state().canvas.camera.viewport.center();
    double_click(&mut harness, centre);
    quick_type(&mut harness, "Add block", "faiss");
    assert_eq!(harness.state().doc.board().blocks.len(), 1);
    let faiss = BlockId(1);
    // Somewhere else, the whole pipeline in one line.
    let at = centre + egui::vec2(-300.0, 180.0);
    harness.key_press(egui::Key::Escape);
    harness.run();
    double_click(&mut harness, at);
    quick_type(
        &mut harness,
        "Add block",
        "query image -> encoder -> FAISS -> re-rank",
    );
    let board = harness.state().doc.board().clone();
    assert_eq!(board.blocks.len(), 4, "FAISS is reused, not added twice");
    let id = |label: &str| board.blocks.values().find(|b| b.label == label).unwrap().id;
    let (query, encoder, rerank) = (id("query image"), id("encoder"), id("re-rank"));
    assert_eq!(board.blocks[&encoder].kind, "embedding_model");
    assert_eq!(board.blocks[&rerank].kind, "reranker");
    let mut drawn = edges(&harness);
    drawn.sort();
    let mut wanted = vec![(query, encoder), (encoder, faiss), (faiss, rerank)];
    wanted.sort();
    assert_eq!(drawn, wanted);
    // One undo takes the whole chain away, and keeps the block that was there.
    click(&mut harness, "Undo");
    let board = harness.state().doc.board();
    assert_eq!(board.blocks.keys().copied().collect::<Vec<_>>(), [faiss]);
    assert!(board.edges.is_empty());
}

#[test]
fn f2_right_after_a_click_renames_the_block_just_clicked() {
    let (_home, mut harness) = with_block("Ranker");
    click(&mut harness, "Feature store");
    let ranker = BlockId(1);
    let at = harness
        .state()
        .canvas
        .screen_center_of(&harness.state().doc, ranker)
        .unwrap();
    // Click and F2 in the same frame, as a quick hand does.
    harness.hover_at(at);
    harness.step();
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    harness.key_press(egui::Key::F2);
    harness.run();
    let editing = harness.state().canvas.editing.clone();
    assert_eq!(
        editing.map(|e| e.target),
        Some(archdrill::ui::canvas::Target::Block(ranker))
    );
}

#[test]
fn the_edit_menu_copies_cuts_and_pastes() {
    let (_home, mut harness) = with_block("Ranker");
    click_menu(&mut harness, "Edit", "Copy");
    click_menu(&mut harness, "Edit", "Paste");
    assert_eq!(harness.state().doc.board().blocks.len(), 2);
    click_menu(&mut harness, "Edit", "Cut");
    assert_eq!(harness.state().doc.board().blocks.len(), 1);
    click_menu(&mut harness, "Edit", "Paste");
    assert_eq!(harness.state().doc.board().blocks.len(), 2);
}

#[test]
fn the_side_panels_fold_away_and_stay_folded_in_the_next_run() {
    let home = tempfile::tempdir().unwrap();
    let mut harness = harness(home.path(), &Scripted::default());
    harness.run();
    let wide = harness.state().canvas.camera.viewport.width();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::B);
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::I);
    harness.run();
    let wider = harness.state().canvas.camera.viewport.width();
    assert!(wider > wide + 400.0, "{wide} -> {wider}");
    assert!(harness.query_by_label("Blocks").is_none());
    // Settings are written at most once a second (of the harness's clock).
    harness.run_steps(45);
    drop(harness);
    let mut again = super::harness(home.path(), &Scripted::default());
    again.run();
    assert!(!again.state().prefs.switches.palette);
    assert!(!again.state().prefs.switches.inspector);
    // The folded palette's button brings it back.
    again.get_by_role_and_label(Role::Button, "›").click();
    again.run();
    assert!(again.state().prefs.switches.palette);
    again.get_by_label("Blocks");
}

#[test]
fn tab_in_quick_add_adds_the_block_and_goes_on_joining_blocks_already_there() {
    let (_home, mut harness) = with_block("Ranker");
    let ranker = BlockId(1);
    let centre = harness.state().canvas.camera.viewport.center() + egui::vec2(0.0, 200.0);
    double_click(&mut harness, centre);
    // "cand", Tab, "fai", Tab, "rank", Enter: three names, two of them typed short, and the
    // last one the ranker already on the board.
    for (text, key) in [
        ("cand", egui::Key::Tab),
        ("fai", egui::Key::Tab),
        ("rank", egui::Key::Enter),
    ] {
        let caption = if harness
            .state()
            .canvas
            .quick_add
            .as_ref()
            .unwrap()
            .from
            .is_some()
        {
            "Add the next block"
        } else {
            "Add block"
        };
        harness
            .get_by_role_and_label(Role::TextInput, caption)
            .type_text(text);
        harness.run();
        harness.key_press(key);
        harness.run();
    }
    assert!(
        harness.state().canvas.quick_add.is_none(),
        "Enter ends the run"
    );
    let board = harness.state().doc.board().clone();
    let labels: Vec<&str> = board.blocks.values().map(|b| b.label.as_str()).collect();
    assert_eq!(labels, ["Ranker", "Candidate generation", "FAISS"]);
    let id = |label: &str| board.blocks.values().find(|b| b.label == label).unwrap().id;
    let (cand, faiss) = (id("Candidate generation"), id("FAISS"));
    assert_eq!(edges(&harness), [(cand, faiss), (faiss, ranker)]);
}
