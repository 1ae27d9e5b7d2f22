//! Case references in the app: the Cases menu and the read-only reference view.

use super::app::ArchdrillApp;
use super::canvas::Camera;
use super::files::Pending;
use crate::document::Document;

/// The user's own board, put aside while a reference is shown.
#[derive(Debug)]
pub struct ReferenceView {
    /// The case whose reference is on the canvas.
    pub case_id: String,
    stashed: Document,
    stashed_camera: Camera,
}

impl ArchdrillApp {
    pub fn showing_reference(&self) -> Option<&str> {
        self.reference.as_ref().map(|r| r.case_id.as_str())
    }

    /// Shows a case's reference, read-only, in place of the user's board (which is kept).
    pub fn open_reference(&mut self, id: &str) {
        let Some(case) = self.cases.get(id) else {
            self.notify(format!("There is no case `{id}`"));
            return;
        };
        let board = case.reference_board();
        let shown = Document::new(board, None);
        self.compare = None;
        if let Some(view) = &mut self.reference {
            id.clone_into(&mut view.case_id);
        } else {
            let stashed = std::mem::take(&mut self.doc);
            self.reference = Some(ReferenceView {
                case_id: id.to_owned(),
                stashed,
                stashed_camera: self.canvas.camera,
            });
        }
        self.doc = shown;
        self.canvas.reset_for_new_board();
        self.grade = None;
        self.canvas.read_only = true;
    }

    /// Puts the user's board back on the canvas.
    pub fn close_reference(&mut self) {
        let Some(view) = self.reference.take() else {
            return;
        };
        self.doc = view.stashed;
        self.canvas.reset_for_new_board();
        self.grade = None;
        self.canvas.fit_pending = false;
        self.canvas.camera = Camera {
            viewport: self.canvas.camera.viewport,
            ..view.stashed_camera
        };
        self.canvas.read_only = false;
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
