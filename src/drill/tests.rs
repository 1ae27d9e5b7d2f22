//! The question files' checks, the cards' schedule, sessions and follow-ups.

use std::collections::BTreeSet;

use super::*;
use crate::grader::{self, GradeConfig};
use crate::practice::DAY_SECS;

fn catalog() -> Catalog {
    Catalog::builtin().expect("the built-in catalog loads")
}

fn library(catalog: &Catalog) -> CaseLibrary {
    CaseLibrary::load(catalog, Vec::new())
}

const ONE: &str = r#"(
    case: Some("visual-search"),
    questions: [
        (
            id: "visual-search/ann",
            question: "Why an approximate nearest-neighbour index?",
            chapter: "Ch. 2 Visual Search System",
            answer: "Exact search is linear in the number of images; the approximate index answers within the latency budget.",
            points: [
                (name: "linear cost", synonyms: ["linear"]),
                (name: "latency", synonyms: ["fast"]),
            ],
            nodes: ["nn_service"],
            kinds: ["ann_index"],
        ),
    ],
)"#;

fn parse(text: &str) -> Result<Vec<Question>, QuestionError> {
    let catalog = catalog();
    parse_questions(text, &catalog, &library(&catalog), &BTreeSet::new())
}

#[test]
fn a_question_file_loads_with_its_points_nodes_and_kinds() {
    let catalog = catalog();
    let cases = library(&catalog);
    let node = cases.get("visual-search").unwrap().nodes[0].id.clone();
    let text = ONE.replace("nn_service", &node);
    let questions = parse_questions(&text, &catalog, &cases, &BTreeSet::new()).unwrap();
    assert_eq!(questions.len(), 1);
    let q = &questions[0];
    assert_eq!(q.case.as_deref(), Some("visual-search"));
    assert_eq!(q.points.len(), 2);
    assert_eq!(
        coverage(q, "it is linear, scanning everything"),
        [true, false]
    );
}

#[test]
fn bad_question_files_are_refused_with_a_reason() {
    let catalog = catalog();
    let cases = library(&catalog);
    let node = cases.get("visual-search").unwrap().nodes[0].id.clone();
    let good = ONE.replace("nn_service", &node);
    let cases_of = |text: &str| parse_questions(text, &catalog, &cases, &BTreeSet::new());
    assert!(matches!(
        cases_of(&good.replace("visual-search\"", "no-such-case\"")),
        Err(QuestionError::UnknownCase(_))
    ));
    assert!(matches!(
        cases_of(ONE),
        Err(QuestionError::UnknownNode { .. })
    ));
    assert!(matches!(
        cases_of(&good.replace("\"ann_index\"", "\"no_such_kind\"")),
        Err(QuestionError::UnknownKind { .. })
    ));
    assert!(matches!(
        cases_of(&good.replace(
            "(name: \"latency\", synonyms: [\"fast\"])",
            "(name: \"calibration\")"
        )),
        Err(QuestionError::PointNotInAnswer { .. })
    ));
    assert!(matches!(
        cases_of(&good.replace("chapter: \"Ch. 2 Visual Search System\"", "chapter: \" \"")),
        Err(QuestionError::Empty {
            field: "chapter",
            ..
        })
    ));
    assert!(matches!(
        cases_of("(case: None, questions: [)"),
        Err(QuestionError::Syntax(_))
    ));
    let taken: BTreeSet<&str> = ["visual-search/ann"].into();
    assert!(matches!(
        parse_questions(&good, &catalog, &cases, &taken),
        Err(QuestionError::DuplicateId(_))
    ));
    assert!(parse("").is_err());
}

#[test]
fn every_built_in_question_loads_and_each_case_has_eight_to_twelve() {
    let catalog = catalog();
    let cases = library(&catalog);
    let bank = QuestionBank::builtin(&catalog, &cases);
    assert!(bank.problems.is_empty(), "{:?}", bank.problems);
    for (case, _) in &cases.cases {
        let n = bank.of_case(&case.id).count();
        assert!((8..=12).contains(&n), "{}: {n} questions", case.id);
    }
    let across = bank.questions.iter().filter(|q| q.case.is_none()).count();
    assert!(across >= 20, "{across} questions across cases");
    for q in &bank.questions {
        assert!(!q.chapter.is_empty(), "{}", q.id);
        if q.case.is_some() {
            assert!(!q.nodes.is_empty(), "{} names no node", q.id);
        }
        // Every key point is found in its own model answer.
        assert!(coverage(q, &q.answer).iter().all(|hit| *hit), "{}", q.id);
    }
}

fn review(card: &str, day: i64, recall: Recall) -> CardReview {
    CardReview {
        card: card.to_owned(),
        at_secs: day as u64 * DAY_SECS + 3_600,
        recall,
    }
}

#[test]
fn a_card_moves_as_sm2_says_for_each_self_grade() {
    let catalog = catalog();
    let cases = library(&catalog);
    let bank = QuestionBank::builtin(&catalog, &cases);
    let id = bank.questions[0].id.clone();
    let day = 20_000;
    let after = |reviews: &[CardReview]| {
        let all = cards(&bank, reviews);
        let card = all.iter().find(|c| c.question.id == id).copied().unwrap();
        (card.state(), card.review.map(|r| r.due_day - day))
    };
    assert_eq!(after(&[]), (CardState::New, None));
    // Good: 1 day, then 6, then 6 × ease.
    let good = [review(&id, day, Recall::Good)];
    assert_eq!(after(&good), (CardState::Learning, Some(1)));
    let twice = [
        review(&id, day, Recall::Good),
        review(&id, day + 1, Recall::Good),
    ];
    assert_eq!(after(&twice).1, Some(1 + 6));
    // Again is a lapse: back tomorrow, learning again.
    let lapse = [
        review(&id, day, Recall::Good),
        review(&id, day + 1, Recall::Good),
        review(&id, day + 7, Recall::Again),
    ];
    assert_eq!(after(&lapse), (CardState::Learning, Some(7 + 1)));
    assert_eq!(Recall::parse("E"), Some(Recall::Easy));
    assert_eq!(Recall::parse(" 2 "), Some(Recall::Hard));
    assert_eq!(Recall::parse("maybe"), None);
}

#[test]
fn a_session_takes_due_cards_first_then_new_ones() {
    let catalog = catalog();
    let cases = library(&catalog);
    let bank = QuestionBank::builtin(&catalog, &cases);
    let day = 20_000;
    let first = bank.questions[0].id.clone();
    let reviews = [review(&first, day - 10, Recall::Good)];
    let all = cards(&bank, &reviews);
    let picked = session(&all, None, false, 3, day);
    assert_eq!(picked[0].id, first, "the overdue card first");
    assert_eq!(picked.len(), 3);
    assert!(picked[1..].iter().all(|q| q.id != first));
    let due_only = session(&all, None, true, 10, day);
    assert_eq!(due_only.len(), 1);
    let (counts, due) = card_counts(&all, day);
    assert_eq!((counts[&CardState::Learning], due), (1, 1));
}

#[test]
fn follow_ups_ask_first_about_what_the_drawing_missed() {
    let catalog = catalog();
    let cases = library(&catalog);
    let bank = QuestionBank::builtin(&catalog, &cases);
    let case = cases.get("visual-search").unwrap();
    // The reference without one node that a question is about (one the grade then calls
    // missing: not optional, not answered by a neighbour).
    let (report, missing) = bank
        .of_case("visual-search")
        .flat_map(|q| q.nodes.iter())
        .find_map(|node| {
            let mut board = case.reference_board();
            let block = case.reference_block(node)?;
            board.blocks.remove(&block);
            board.edges.retain(|_, e| e.from != block && e.to != block);
            let report = grader::grade(&board, case, &catalog, &GradeConfig::default());
            report
                .missing
                .iter()
                .any(|m| &m.reference == node)
                .then(|| (report, node.clone()))
        })
        .expect("a question about a node whose absence is missed");
    let all = cards(&bank, &[]);
    let three = follow_ups(&all, &report, 3, 20_000);
    assert_eq!(three.len(), 3);
    assert!(three[0].nodes.contains(&missing), "{:?}", three[0].id);
    assert!(
        three
            .iter()
            .all(|q| q.case.as_deref() == Some("visual-search"))
    );
}
