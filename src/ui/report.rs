//! Grading in the app: the Grade command, the report panel with clickable feedback, and
//! keeping the canvas overlay in step with the board.

use super::app::ArchdrillApp;
use super::canvas::overlay::Overlay;
use crate::grader::marks::Marks;
use crate::grader::{self, FeedbackKind, GradeConfig, GradeReport, placement};

/// A grade on screen: the report, and the board revision it was computed for.
#[derive(Debug)]
pub struct GradeView {
    pub report: GradeReport,
    revision: u64,
    /// The feedback line the user clicked.
    pub focus: Option<usize>,
}

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

    /// Asks the canvas to bring the ghosts of missing blocks into view (zooming out if
    /// needed) once it knows its new size.
    fn show_ghosts(&mut self) {
        let Some(overlay) = &self.canvas.overlay else {
            return;
        };
        let ghosts = overlay.marks.ghosts.ghosts.iter().map(|g| g.rect);
        self.canvas.reveal = self
            .doc
            .board()
            .bounds()
            .into_iter()
            .chain(ghosts)
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

    /// The report panel under the canvas.
    pub(crate) fn report_ui(&mut self, ui: &mut egui::Ui) {
        let Some(view) = &self.grade else { return };
        let report = &view.report;
        let palette = super::theme::Palette::for_dark_mode(ui.visuals().dark_mode);
        let mut clicked = None;
        let mut hide = false;
        let mut compare = false;
        ui.horizontal_top(|ui| {
            ui.vertical(|ui| {
                ui.set_width(230.0);
                ui.heading(format!("Score {}/100", report.score));
                ui.add(egui::ProgressBar::new(report.score as f32 / 100.0).desired_width(210.0));
                for line in report.breakdown() {
                    ui.label(line);
                }
                ui.add_space(4.0);
                if ui
                    .button("Hide grade")
                    .on_hover_text("Remove the overlay; grade again with Ctrl+Enter")
                    .clicked()
                {
                    hide = true;
                }
                if self.session.is_none()
                    && self.compare().is_none()
                    && ui
                        .button("Show reference")
                        .on_hover_text("The reference beside your drawing, marked by this grade")
                        .clicked()
                {
                    compare = true;
                }
            });
            ui.separator();
            // A vertical list (the row around it is horizontal), lines wrapping at the width.
            ui.vertical(|ui| {
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        if report.feedback.is_empty() {
                            ui.label("Nothing to add: the drawing matches the reference.");
                        }
                        for (i, line) in report.feedback.iter().enumerate() {
                            let color = match line.kind {
                                FeedbackKind::NoArrows
                                | FeedbackKind::OtherSystem
                                | FeedbackKind::NoOffline
                                | FeedbackKind::OpenLoop
                                | FeedbackKind::MissingNode
                                | FeedbackKind::Unconnected
                                | FeedbackKind::MissingArrow => palette.missing,
                                FeedbackKind::WrongDirection => palette.wrong_way,
                                FeedbackKind::NearMiss
                                | FeedbackKind::ExtraNode
                                | FeedbackKind::ExtraArrow
                                | FeedbackKind::MissedConcepts => palette.extra,
                                FeedbackKind::Merged
                                | FeedbackKind::Split
                                | FeedbackKind::Infrastructure
                                | FeedbackKind::Alternative
                                | FeedbackKind::MisplacedConcept => palette.text,
                            };
                            let selected = view.focus == Some(i);
                            let text = egui::RichText::new(&line.text).color(if selected {
                                ui.visuals().strong_text_color()
                            } else {
                                color
                            });
                            let line_button = egui::Button::selectable(selected, text)
                                .wrap_mode(egui::TextWrapMode::Wrap);
                            if ui
                                .add(line_button)
                                .on_hover_text("Click to highlight the blocks this line is about")
                                .clicked()
                            {
                                clicked = Some(if selected { None } else { Some(i) });
                            }
                        }
                    });
            });
        });
        if compare {
            self.open_compare(super::compare::CompareLayout::Beside);
        }
        if hide {
            self.hide_grade();
        } else if let Some(focus) = clicked {
            self.set_focus(focus);
        }
    }
}
