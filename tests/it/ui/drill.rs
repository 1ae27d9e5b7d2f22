//! The trade-off drill in the window: follow-up questions after a graded attempt, the first
//! about what the drawing missed, and each self-grade moving its card as SM-2 says.

use archdrill::catalog::Catalog;
use archdrill::drill::{self, Recall};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;

use super::{click, drive};

#[test]
fn a_graded_attempt_asks_three_follow_ups_and_a_self_grade_schedules_the_card() {
    let home = tempfile::tempdir().unwrap();
    let mut harness = drive(archdrill::ui::app_for(
        Catalog::builtin().unwrap(),
        None,
        home.path().to_path_buf(),
    ));
    harness.run();
    click(&mut harness, "Practise next: Visual Search System");
    click(&mut harness, "Embedding model");
    click(&mut harness, "ANN index");
    click(&mut harness, "Grade");
    let app = harness.state();
    let round = app
        .drill
        .round
        .clone()
        .expect("follow-up questions after the grade");
    assert_eq!(round.questions.len(), 3);
    let report = &app.grade.as_ref().unwrap().report;
    let first = app.drill.bank.get(&round.questions[0]).unwrap().clone();
    let missed: Vec<&str> = report
        .missing
        .iter()
        .map(|m| m.reference.as_str())
        .collect();
    assert!(
        first.nodes.iter().any(|n| missed.contains(&n.as_str())),
        "the first question is about a missing part: {} {:?}",
        first.id,
        first.nodes
    );
    harness.get_by_label(&first.question);

    // Answer, reveal, grade.
    harness
        .get_by_role_and_label(
            Role::MultilineTextInput,
            "Your answer, as you would say it to the interviewer:",
        )
        .type_text("I would add the missing part because the design needs it.");
    harness.run();
    click(&mut harness, "Show the model answer");
    harness.get_by_label(&first.answer);
    harness.get_by_label_contains("Key points");
    click(&mut harness, "3 Good");
    let app = harness.state();
    assert_eq!(
        app.drill.round.as_ref().unwrap().index,
        1,
        "on to the second question"
    );
    let (reviews, _) = archdrill::store::history::load_card_reviews(home.path()).unwrap();
    assert_eq!(reviews.len(), 1);
    assert_eq!(
        (reviews[0].card.as_str(), reviews[0].recall),
        (first.id.as_str(), Recall::Good)
    );
    // SM-2: a first good recall comes back in a day.
    let today = (archdrill::clock::now_secs() / archdrill::practice::DAY_SECS) as i64;
    let cards = drill::cards(&app.drill.bank, &app.drill.reviews);
    let card = cards.iter().find(|c| c.question.id == first.id).unwrap();
    assert_eq!(card.review.unwrap().due_day, today + 1);
    assert_eq!(card.review.unwrap().interval_days, 1);

    // The two others, with the number keys; then the round ends and closes.
    for _ in 0..2 {
        click(&mut harness, "Show the model answer");
        harness.key_press(egui::Key::Num4);
        harness.run();
    }
    harness.get_by_label_contains("Done: 3 of 3 cards graded");
    click(&mut harness, "Close");
    assert!(harness.state().drill.round.is_none());
    let (reviews, _) = archdrill::store::history::load_card_reviews(home.path()).unwrap();
    assert_eq!(reviews.len(), 3);
}

#[test]
fn the_practice_overview_starts_a_drill_session_and_progress_counts_the_cards() {
    let home = tempfile::tempdir().unwrap();
    let mut harness = drive(archdrill::ui::app_for(
        Catalog::builtin().unwrap(),
        None,
        home.path().to_path_buf(),
    ));
    harness.run();
    harness.get_by_label_contains("Trade-off drill: 0 due today");
    click(&mut harness, "Drill trade-offs");
    let round = harness.state().drill.round.clone().expect("a session");
    assert_eq!(round.questions.len(), 10, "ten new cards by default");
    click(&mut harness, "Show the model answer");
    click(&mut harness, "1 Again");
    harness.key_press(egui::Key::Escape);
    harness.run();
    click(&mut harness, "Close window");
    assert!(harness.state().drill.round.is_none());
    click(&mut harness, "Cases");
    click(&mut harness, "Progress…");
    harness.get_by_label_contains("1 learning");
}

#[test]
fn a_broken_question_file_of_the_user_is_named_and_the_others_load() {
    let home = tempfile::tempdir().unwrap();
    let folder = home.path().join("questions");
    std::fs::create_dir(&folder).unwrap();
    crate::write(
        &folder,
        "mine.ron",
        "(case: Some(\"visual-search\"), questions: [(id: \"x\")])",
    );
    let mut harness = drive(archdrill::ui::app_for(
        Catalog::builtin().unwrap(),
        None,
        home.path().to_path_buf(),
    ));
    harness.run();
    let app = harness.state();
    assert_eq!(app.drill.bank.problems.len(), 1);
    assert!(
        app.drill.bank.questions.len() > 100,
        "the built-in questions load"
    );
    let notice = app.messages.notice.clone().unwrap().0;
    assert!(notice.contains("could not be loaded"), "{notice}");
    harness.key_press(egui::Key::Escape);
    harness.run();
    click(&mut harness, "Cases");
    harness.get_by_label_contains("Questions not loaded:");
}

#[test]
fn a_case_reference_lists_the_questions_about_each_block() {
    let home = tempfile::tempdir().unwrap();
    let mut harness = super::harness(home.path(), &super::Scripted::default());
    harness.run();
    harness.state_mut().open_reference("visual-search");
    harness.run();
    let app = harness.state();
    let board = app.active_doc().board();
    let asked: Vec<&str> = board
        .blocks
        .values()
        .filter(|b| b.note.contains("An interviewer asks:"))
        .map(|b| b.label.as_str())
        .collect();
    assert!(asked.len() >= 3, "{asked:?}");
    // The user's own board is left alone.
    assert!(app.doc.board().blocks.is_empty());
}
