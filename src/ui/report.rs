//! The grade on screen (`GradeView`) and the report panel under the canvas: score,
//! breakdown, and feedback lines that highlight what they name when clicked.

use crate::grader::{FeedbackKind, GradeReport};

/// A grade on screen: the report, and the board revision it was computed for.
#[derive(Debug)]
pub struct GradeView {
    pub report: GradeReport,
    pub(super) revision: u64,
    /// The feedback line the user clicked.
    pub focus: Option<usize>,
}

/// What the user asked from the report panel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReportAsk {
    Hide,
    ShowReference,
    /// Highlight what this feedback line names (none: highlight nothing).
    Focus(Option<usize>),
    /// Ask the follow-up question with this id.
    Ask(String),
}

/// The report panel under the canvas for `view`; `offer_reference` shows the button that
/// compares the drawing with the reference.
///
/// `questions` holds, for each feedback line, the follow-up question about what it names, if
/// there is one: the line offers it.
pub fn report_ui(
    ui: &mut egui::Ui,
    view: &GradeView,
    offer_reference: bool,
    questions: &[Option<(String, String)>],
) -> Option<ReportAsk> {
    let report = &view.report;
    let palette = super::theme::Palette::for_dark_mode(ui.visuals().dark_mode);
    let mut ask = None;
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
                ask = Some(ReportAsk::Hide);
            }
            if offer_reference
                && ui
                    .button("Show reference")
                    .on_hover_text("The reference beside your drawing, marked by this grade")
                    .clicked()
            {
                ask = Some(ReportAsk::ShowReference);
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
                        // Only a line about blocks or missing parts can highlight them.
                        if line.blocks.is_empty() && line.references.is_empty() {
                            ui.add(egui::Label::new(text).wrap());
                            continue;
                        }
                        let line_button = egui::Button::selectable(selected, text)
                            .wrap_mode(egui::TextWrapMode::Wrap);
                        if ui
                            .add(line_button)
                            .on_hover_text("Click to highlight the blocks this line is about")
                            .clicked()
                        {
                            ask = Some(ReportAsk::Focus((!selected).then_some(i)));
                        }
                        if let Some(Some((id, question))) = questions.get(i)
                            && ui
                                .small_button(format!("Defend it: {question}"))
                                .on_hover_text("Answer the interviewer's question about this, then see the model answer")
                                .clicked()
                        {
                            ask = Some(ReportAsk::Ask(id.clone()));
                        }
                    }
                });
        });
    });
    ask
}
