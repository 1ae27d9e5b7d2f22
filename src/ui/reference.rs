//! A case's reference shown on its own, read-only: opening it, its strip, and the way back.

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
