//! Grading in the app: the Grade command, and keeping the grade and the canvas overlay in
//! step with the board.

use super::super::canvas::overlay::Overlay;
use super::super::report::GradeView;
use super::ArchdrillApp;
use crate::clock::now_secs;
use crate::grader::marks::Marks;
use crate::grader::{self, GradeConfig, placement};
use crate::practice::Attempt;
use crate::store;

impl ArchdrillApp {
    /// Why the board cannot be graded now, if it cannot.
    pub fn grade_blocker(&self) -> Option<String> {
        if self.showing_reference().is_some() {
            return Some("Close the reference to grade your own board".to_owned());
        }
        match self.doc.board().case.as_deref() {
            None => Some(
                "Choose the case this board answers (in the side panel) to grade it".to_owned(),
            ),
            Some(id) if self.cases.get(id).is_none() => {
                Some(format!("The case `{id}` is not installed"))
            }
            Some(_) => None,
        }
    }

    /// Grades the board against its case and shows the result.
    pub fn grade_now(&mut self) {
        if let Some(reason) = self.grade_blocker() {
            self.notify(reason);
            return;
        }
        self.regrade(None);
        self.show_ghosts();
        self.record_practice();
        if let Some(view) = &self.grade {
            let score = view.report.score;
            self.notify(format!("Graded: {score}/100"));
        }
    }

    fn regrade(&mut self, focus: Option<usize>) {
        let Some(case) = self
            .doc
            .board()
            .case
            .as_deref()
            .and_then(|id| self.cases.get(id))
        else {
            self.hide_grade();
            return;
        };
        let report = grader::grade(
            self.doc.board(),
            case,
            &self.catalog,
            &GradeConfig::default(),
        );
        let ghosts = placement::place(&report, case, self.doc.board());
        self.canvas.overlay = Some(Overlay::new(Marks::from_report(&report, ghosts)));
        self.grade = Some(GradeView {
            report,
            revision: self.doc.revision(),
            focus: None,
        });
        self.set_focus(focus);
    }

    /// Asks the canvas to bring the ghosts of missing blocks into view once it knows its new
    /// size: the zoom stays unless they would be off screen at it.
    fn show_ghosts(&mut self) {
        let Some(overlay) = &self.canvas.overlay else {
            return;
        };
        self.canvas.reveal = overlay
            .marks
            .ghosts
            .ghosts
            .iter()
            .map(|g| g.rect)
            .reduce(|a, b| a.union(&b));
    }

    pub fn hide_grade(&mut self) {
        self.grade = None;
        self.canvas.overlay = None;
    }

    /// Keeps a shown grade true to the board: after any change, it is computed again.
    pub(crate) fn refresh_grade(&mut self) {
        let stale = self
            .grade
            .as_ref()
            .is_some_and(|g| g.revision != self.doc.revision());
        if stale {
            self.regrade(None);
        }
    }

    /// Highlights the blocks and ghosts a feedback line names.
    pub fn set_focus(&mut self, focus: Option<usize>) {
        let Some(view) = self.grade.as_mut() else {
            return;
        };
        view.focus = focus.filter(|&i| i < view.report.feedback.len());
        if let Some(overlay) = self.canvas.overlay.as_mut() {
            let line = view.focus.and_then(|i| view.report.feedback.get(i));
            overlay.focus_blocks = line
                .map(|l| l.blocks.iter().copied().collect())
                .unwrap_or_default();
            overlay.focus_refs = line
                .map(|l| l.references.iter().cloned().collect())
                .unwrap_or_default();
        }
    }

    /// After a grade in a practice session: saves the attempt once.
    pub(crate) fn record_practice(&mut self) {
        let (Some(session), Some(view)) = (self.session.as_mut(), self.grade.as_ref()) else {
            return;
        };
        if session.recorded || self.doc.board().case.as_deref() != Some(session.case_id.as_str()) {
            return;
        }
        session.recorded = true;
        session.running = false;
        let attempt = Attempt::of_grade(
            &session.case_id,
            &view.report,
            now_secs(),
            session.elapsed_secs.round() as u32,
            session.hints_shown as u32,
        );
        let title = self
            .cases
            .get(&session.case_id)
            .map_or_else(|| session.case_id.clone(), |c| c.title.clone());
        let report_json = match view.report.to_json(&title) {
            Ok(json) => json,
            Err(err) => {
                self.show_error("Could not save the attempt", err.to_string());
                return;
            }
        };
        match store::history::record_attempt(
            &self.data_dir,
            attempt,
            self.doc.board(),
            &report_json,
        ) {
            Ok((saved, note)) => {
                self.attempts.push(saved);
                if let Some(note) = note {
                    self.show_error("The practice history", note);
                }
                // Then the interviewer's follow-up questions, about what was missed first.
                self.start_follow_ups();
            }
            Err(err) => self.show_error("Could not save the attempt", err.to_string()),
        }
    }
}
