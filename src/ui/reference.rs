//! Case references in the app: the Cases menu and the read-only reference view.

use super::app::ArchdrillApp;
use super::files::Pending;
use super::view::{CaseReference, View};
use crate::document::Document;

impl ArchdrillApp {
    pub fn showing_reference(&self) -> Option<&str> {
        self.view.reference().map(|r| r.case_id.as_str())
    }

    /// Shows a case's reference, read-only, in place of the user's board (which waits
    /// unchanged, with its camera and selection).
    pub fn open_reference(&mut self, id: &str) {
        let Some(case) = self.cases.get(id) else {
            self.notify(format!("There is no case `{id}`"));
            return;
        };
        let doc = Document::new(case.reference_board(), None);
        self.view = View::Reference(CaseReference::new(id, doc, self.canvas.show_grid));
        // A rename or quick add in progress on the board is left, not finished unseen.
        self.canvas.editing = None;
        self.canvas.quick_add = None;
        self.hide_grade();
    }

    /// Puts the user's board back on the canvas, as it was left.
    pub fn close_reference(&mut self) {
        if self.view.reference().is_some() {
            self.view = View::Board;
        }
    }

    /// Leaves the reference and starts a new board answering that case.
    pub fn new_board_for_case(&mut self, id: &str) {
        self.close_reference();
        self.guard_unsaved(Pending::NewForCase(id.to_owned()));
    }

    pub(crate) fn cases_menu_ui(&mut self, ui: &mut egui::Ui) {
        if ui
            .button("Practice overview…")
            .on_hover_text("Every case with your scores and when it is due")
            .clicked()
        {
            self.show_start = true;
            ui.close();
        }
        if ui
            .button("Progress…")
            .on_hover_text("Your scores over time and the components you miss most")
            .clicked()
        {
            self.show_progress = true;
            ui.close();
        }
        ui.separator();
        ui.label(
            egui::RichText::new("Show a reference architecture")
                .small()
                .weak(),
        );
        let mut chosen = None;
        for (case, _) in &self.cases.cases {
            let selected = self.showing_reference() == Some(case.id.as_str());
            if ui
                .selectable_label(selected, &case.title)
                .on_hover_text(&case.prompt)
                .clicked()
            {
                chosen = Some(case.id.clone());
                ui.close();
            }
        }
        if !self.cases.problems.is_empty() {
            ui.separator();
            for problem in &self.cases.problems {
                ui.colored_label(ui.visuals().warn_fg_color, format!("Not loaded: {problem}"));
            }
        }
        if let Some(id) = chosen {
            self.open_reference(&id);
        }
    }

    /// The strip above a reference: what it is, and the ways out.
    pub(crate) fn reference_banner_ui(&mut self, ui: &mut egui::Ui) {
        let Some(id) = self.showing_reference().map(str::to_owned) else {
            return;
        };
        let title = self
            .cases
            .get(&id)
            .map_or_else(|| id.clone(), |c| c.title.clone());
        super::theme::banner_frame(ui.visuals()).show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.strong(format!("Reference: {title}"));
                ui.weak("read-only")
                    .on_hover_text("Hover a block to see the other names people write for it");
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .button("Close reference")
                        .on_hover_text("Back to your own board")
                        .clicked()
                    {
                        self.close_reference();
                    }
                    if ui
                        .button("New board for this case")
                        .on_hover_text("Start drawing this case from memory")
                        .clicked()
                    {
                        self.new_board_for_case(&id);
                    }
                });
            });
        });
    }
}
