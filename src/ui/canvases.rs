//! The central area for each view: the board's canvas; the board and its reference in two
//! panes that share a camera, or on one canvas with the reference faintly under it; or a case
//! reference on its own canvas.

use egui::{Sense, UiBuilder};

use super::canvas::overlay::Overlay;
use super::canvas::{self, CanvasState, Underlay};
use super::compare::{self, CompareLayout};
use super::theme::Palette;
use super::view::View;
use crate::cases::CaseLibrary;
use crate::catalog::Catalog;
use crate::document::Document;
use crate::grader::GradeReport;
use crate::grader::marks::Marks;
use crate::model::Vec2;

/// What the central area needs besides the view and the board.
pub struct Context<'a> {
    pub catalog: &'a Catalog,
    pub cases: &'a CaseLibrary,
    /// The grade on screen, which marks the compared reference.
    pub grade: Option<&'a GradeReport>,
    pub palette: &'a Palette,
    /// Whether the side panels were laid out this frame.
    pub side_panels: bool,
}

/// Draws the central area for `view`, with the user's `canvas` and `doc`. Returns a refused
/// edit to report.
pub fn canvases_ui(
    ui: &mut egui::Ui,
    view: &mut View,
    (canvas, doc): (&mut CanvasState, &mut Document),
    cx: &Context<'_>,
) -> Option<String> {
    if view
        .compare()
        .is_some_and(|c| doc.board().case.as_deref() != Some(c.case_id.as_str()))
    {
        // The board now answers another case (or none): this reference no longer applies.
        view.close_compare();
    }
    if cx.side_panels == view.beside() {
        // The layout changed after the side panels were placed: lay the frame out again,
        // so that the canvases (and a pending fit) get their real size.
        ui.ctx().request_discard("the side panels come or go");
    }
    // Until then, a pending fit waits for the canvases' real size.
    let settled = !ui.ctx().will_discard();
    // The reference shows what is missing; ghosts would say it twice.
    canvas.show_ghosts = view.compare().is_none();
    match view {
        View::Board => canvas::canvas_ui(ui, canvas, doc, cx.catalog, cx.palette, None).error,
        View::Reference(reference) => {
            reference.canvas.show_grid = canvas.show_grid;
            canvas::canvas_ui(
                ui,
                &mut reference.canvas,
                &mut reference.doc,
                cx.catalog,
                cx.palette,
                None,
            )
            .error
        }
        View::Compare(compared) => compared_ui(ui, compared, (canvas, doc), cx, settled),
    }
}

/// The drawing and its reference: overlaid on one canvas, or in two panes side by side.
fn compared_ui(
    ui: &mut egui::Ui,
    compared: &mut compare::Compare,
    (canvas, doc): (&mut CanvasState, &mut Document),
    cx: &Context<'_>,
    settled: bool,
) -> Option<String> {
    let marks = cx
        .cases
        .get(&compared.case_id)
        .and_then(|case| {
            let mut marks = Overlay::new(Marks::on_reference(cx.grade?, case));
            // A clicked feedback line about a missing block highlights it in the reference.
            if let Some(overlay) = &canvas.overlay {
                marks.focus_blocks = overlay
                    .focus_refs
                    .iter()
                    .filter_map(|id| case.reference_block(id))
                    .collect();
            }
            Some(marks)
        })
        .unwrap_or_default();
    let whole = ui.available_rect_before_wrap();
    if compared.layout == CompareLayout::Overlaid {
        if settled && std::mem::take(&mut compared.fit_pending) {
            compare::fit_both(canvas, doc.board(), compared, whole);
        }
        let underlay = Underlay {
            board: &compared.overlaid,
            shift: Vec2::ZERO,
            marks: &marks,
            routes: &compared.overlaid_routes,
        };
        return canvas::canvas_ui(ui, canvas, doc, cx.catalog, cx.palette, Some(&underlay)).error;
    }
    if settled && std::mem::take(&mut compared.fit_pending) {
        compare::fit_both(canvas, doc.board(), compared, whole);
        canvas.fit_pending = false;
    }
    let (left, right) = compare::panes(whole, compared.split);
    let out = ui
        .scope_builder(UiBuilder::new().max_rect(left), |ui| {
            canvas::canvas_ui(ui, canvas, doc, cx.catalog, cx.palette, None)
        })
        .inner;
    // The pane follows the drawing; a pan or zoom in the pane moves the drawing too.
    let pane = &mut compared.pane;
    (pane.camera.offset, pane.camera.zoom) =
        (canvas.camera.offset - compared.shift, canvas.camera.zoom);
    let before = (pane.camera.offset, pane.camera.zoom);
    pane.show_grid = canvas.show_grid;
    pane.overlay = Some(marks);
    ui.scope_builder(UiBuilder::new().max_rect(right), |ui| {
        canvas::canvas_ui(
            ui,
            pane,
            &mut compared.reference,
            cx.catalog,
            cx.palette,
            None,
        )
    });
    let after = (pane.camera.offset, pane.camera.zoom);
    if after != before {
        canvas.camera.offset = after.0 + compared.shift;
        canvas.camera.zoom = after.1;
        ui.ctx().request_repaint();
    }
    let painter = ui.painter();
    painter.rect_filled(
        egui::Rect::from_min_max(
            egui::pos2(left.max.x, whole.min.y),
            egui::pos2(right.min.x, whole.max.y),
        ),
        0.0,
        ui.visuals().widgets.noninteractive.bg_stroke.color,
    );
    compare::pane_tag(painter, left, "Your drawing", cx.palette);
    compare::pane_tag(painter, right, "Reference", cx.palette);
    ui.allocate_rect(whole, Sense::hover());
    out.error
}
