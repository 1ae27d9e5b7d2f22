//! The app's trade-off drill: the follow-up round after a graded attempt, a session from the
//! practice overview, a question asked from the report, and recording each self-grade.

use super::ArchdrillApp;
use crate::clock::now_secs;
use crate::drill::{self, CardReview, CardState};
use crate::practice::DAY_SECS;
use crate::store;
use crate::ui::drill::{DrillAsk, Round};

/// How many follow-up questions come after a graded attempt.
const FOLLOW_UPS: usize = 3;

impl ArchdrillApp {
    fn today() -> i64 {
        (now_secs() / DAY_SECS) as i64
    }

    /// Cards due today and cards never asked.
    pub(super) fn cards_today(&self) -> (usize, usize) {
        let cards = drill::cards(&self.drill.bank, &self.drill.reviews);
        let (counts, due) = drill::card_counts(&cards, Self::today());
        (due, counts.get(&CardState::New).copied().unwrap_or(0))
    }

    /// "12 new, 3 learning, …; 2 due today", for the progress window.
    pub(super) fn cards_summary(&self) -> String {
        let cards = drill::cards(&self.drill.bank, &self.drill.reviews);
        let (counts, due) = drill::card_counts(&cards, Self::today());
        let states: Vec<String> = CardState::ALL
            .iter()
            .map(|s| format!("{} {}", counts.get(s).copied().unwrap_or(0), s.name()))
            .collect();
        format!("{}; {due} due today.", states.join(", "))
    }

    /// After a practice attempt is graded and recorded: three questions about the design,
    /// first about what the drawing missed or got wrong.
    pub(crate) fn start_follow_ups(&mut self) {
        let Some(view) = self.grade.as_ref() else {
            return;
        };
        let cards = drill::cards(&self.drill.bank, &self.drill.reviews);
        let ids: Vec<String> = drill::follow_ups(&cards, &view.report, FOLLOW_UPS, Self::today())
            .into_iter()
            .map(|q| q.id.clone())
            .collect();
        if !ids.is_empty() {
            self.drill.round = Some(Round::new("Follow-up questions", ids));
        }
    }

    /// A session from the practice overview: the due cards, then new ones.
    pub(crate) fn start_drill(&mut self, length: usize) {
        let cards = drill::cards(&self.drill.bank, &self.drill.reviews);
        let ids: Vec<String> = drill::session(&cards, None, false, length, Self::today())
            .into_iter()
            .map(|q| q.id.clone())
            .collect();
        if ids.is_empty() {
            self.notify("No card is due today, and none is new");
        } else {
            self.drill.round = Some(Round::new("Drill trade-offs", ids));
        }
    }

    /// For each feedback line of a grade, the question about what it names when the line is
    /// about a missing part or a wrong-way flow: (id, question).
    pub(super) fn questions_for(
        &self,
        report: &crate::grader::GradeReport,
    ) -> Vec<Option<(String, String)>> {
        use crate::grader::FeedbackKind;
        let mut offered = std::collections::BTreeSet::new();
        report
            .feedback
            .iter()
            .map(|line| {
                if !matches!(
                    line.kind,
                    FeedbackKind::MissingNode
                        | FeedbackKind::MissingArrow
                        | FeedbackKind::WrongDirection
                ) {
                    return None;
                }
                // Each question is offered once, by the first line about its part.
                let question = line.references.iter().find_map(|node| {
                    self.drill
                        .bank
                        .about_node(&report.case, node)
                        .find(|q| !offered.contains(&q.id))
                })?;
                offered.insert(question.id.clone());
                Some((question.id.clone(), question.question.clone()))
            })
            .collect()
    }

    /// One question, asked from a line of the report.
    pub(crate) fn ask_question(&mut self, id: &str) {
        if self.drill.bank.get(id).is_some() {
            self.drill.round = Some(Round::new("Follow-up question", vec![id.to_owned()]));
        }
    }

    /// The drill window while a round is open; records each self-grade.
    pub(super) fn drill_window(&mut self, ctx: &egui::Context) {
        match crate::ui::drill::drill_ui(ctx, &mut self.drill, &self.cases, now_secs()) {
            Some(DrillAsk::Grade {
                card,
                recall,
                answer,
            }) => {
                let review = CardReview {
                    card,
                    at_secs: now_secs(),
                    recall,
                };
                match store::history::record_card_review(&self.data_dir, &review, &answer) {
                    Ok(()) => {
                        self.drill.reviews.push(review);
                        if let Some(round) = self.drill.round.as_mut() {
                            round.graded += 1;
                            round.next();
                        }
                    }
                    Err(err) => self.show_error("Could not record the card", err.to_string()),
                }
            }
            Some(DrillAsk::Close) => self.drill.round = None,
            None => {}
        }
    }
}
