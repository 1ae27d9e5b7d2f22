//! A case's reference shown on its own, read-only: its document and canvas state, and the
//! strip above it with the ways out.

use super::canvas::CanvasState;
use crate::cases::CaseLibrary;
use crate::document::Document;

/// A case's reference shown on its own.
#[derive(Debug)]
pub struct CaseReference {
    /// The case whose reference this is.
    pub case_id: String,
    pub doc: Document,
    /// Its own camera and selection: the board's are kept for the way back.
    pub canvas: CanvasState,
}

impl CaseReference {
    /// The reference of case `case_id`, framed on the next frame, with the grid as `grid`.
    pub fn new(case_id: &str, doc: Document, grid: bool) -> Self {
        CaseReference {
            case_id: case_id.to_owned(),
            doc,
            canvas: CanvasState {
                read_only: true,
                show_grid: grid,
                ..CanvasState::default()
            },
        }
    }
}

/// What the user asked from the strip above a reference.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BannerAsk {
    /// Back to the user's own board.
    Close,
    /// Back, and a new board answering this case.
    NewBoard,
}

/// The strip above a reference: what it is, and the ways out.
pub fn banner_ui(
    ui: &mut egui::Ui,
    reference: &CaseReference,
    cases: &CaseLibrary,
) -> Option<BannerAsk> {
    let id = &reference.case_id;
    let title = cases
        .get(id)
        .map_or_else(|| id.clone(), |c| c.title.clone());
    let mut ask = None;
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
                    ask = Some(BannerAsk::Close);
                }
                if ui
                    .button("New board for this case")
                    .on_hover_text("Start drawing this case from memory")
                    .clicked()
                {
                    ask = Some(BannerAsk::NewBoard);
                }
            });
        });
    });
    ask
}
