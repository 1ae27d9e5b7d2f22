//! The grade overlay on the canvas: matched, extra and focused blocks, wrong-way arrows, and
//! missing parts as dashed ghost blocks and arrows.

use std::collections::BTreeSet;

use egui::{Align2, FontId, Painter, Shape, Stroke, StrokeKind};

use super::camera::Camera;
use crate::grader::marks::{ArrowMark, Marks};
use crate::model::{BlockId, Rect, route};
use crate::style;
use crate::ui::theme::{self, Palette};

/// What the overlay marks: a grade's marks, and what the clicked feedback line names.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Overlay {
    pub marks: Marks,
    /// Blocks and reference nodes named by the feedback line the user clicked.
    pub focus_blocks: BTreeSet<BlockId>,
    pub focus_refs: BTreeSet<String>,
}

impl Overlay {
    pub fn new(marks: Marks) -> Self {
        Overlay {
            marks,
            ..Overlay::default()
        }
    }

    /// The colour an arrow gets, if the overlay marks it.
    pub fn arrow_color(
        &self,
        palette: &Palette,
        from: BlockId,
        to: BlockId,
    ) -> Option<egui::Color32> {
        Some(match self.marks.arrow(from, to)? {
            ArrowMark::Reversed => palette.wrong_way,
            ArrowMark::Missed => palette.missing,
            ArrowMark::Extra => palette.extra,
            ArrowMark::Credited => palette.matched,
        })
    }
}

/// Outlines a block by how the grade sees it.
pub fn block_mark(
    painter: &Painter,
    camera: &Camera,
    palette: &Palette,
    overlay: &Overlay,
    id: BlockId,
    rect: &Rect,
) {
    let r = camera.screen_rect(rect).expand(style::MARK_GAP);
    let rounding = (theme::BLOCK_ROUNDING * camera.zoom + style::MARK_GAP).clamp(2.0, 30.0);
    if overlay.focus_blocks.contains(&id) {
        painter.rect_stroke(
            r.expand(2.0),
            rounding,
            Stroke::new(3.5, palette.focus),
            StrokeKind::Outside,
        );
    } else if overlay.marks.matched.contains(&id) {
        painter.rect_stroke(
            r,
            rounding,
            Stroke::new(style::MATCHED_MARK_WIDTH, palette.matched),
            StrokeKind::Outside,
        );
    } else if overlay.marks.extra.contains(&id) {
        painter.rect_filled(
            camera.screen_rect(rect),
            rounding,
            palette.extra.gamma_multiply(style::EXTRA_FILL_ALPHA),
        );
        painter.rect_stroke(
            r,
            rounding,
            Stroke::new(style::EXTRA_MARK_WIDTH, palette.extra),
            StrokeKind::Outside,
        );
    } else if overlay.marks.missed.contains(&id) {
        painter.rect_filled(r, rounding, palette.ghost_fill);
        painter.extend(dashed_rect(r, Stroke::new(2.0, palette.missing)));
    }
}

fn dashed_rect(r: egui::Rect, stroke: Stroke) -> Vec<Shape> {
    let corners = [
        r.left_top(),
        r.right_top(),
        r.right_bottom(),
        r.left_bottom(),
        r.left_top(),
    ];
    Shape::dashed_line(&corners, stroke, 7.0, 5.0)
}

/// Missing arrows as dashed lines (painted under the blocks).
pub fn ghost_links(painter: &Painter, camera: &Camera, palette: &Palette, overlay: &Overlay) {
    for link in &overlay.marks.ghosts.links {
        let points = route::route(&link.from, &link.to, crate::model::Routing::Straight, 0.0);
        let screen: Vec<egui::Pos2> = points
            .iter()
            .map(|p| camera.screen_from_board(*p))
            .collect();
        painter.extend(Shape::dashed_line(
            &screen,
            Stroke::new(1.8, palette.missing),
            8.0,
            6.0,
        ));
        if let [.., before, tip] = screen.as_slice() {
            let dir = (*tip - *before).normalized();
            let head = 10.0 * camera.zoom.clamp(0.5, 2.0);
            let base = *tip - dir * head;
            let normal = egui::vec2(-dir.y, dir.x) * head * 0.45;
            painter.add(Shape::convex_polygon(
                vec![*tip, base + normal, base - normal],
                palette.missing,
                Stroke::NONE,
            ));
        }
    }
}

/// Missing blocks as dashed ghosts with their reference label.
pub fn ghosts(painter: &Painter, camera: &Camera, palette: &Palette, overlay: &Overlay) {
    for ghost in &overlay.marks.ghosts.ghosts {
        let r = camera.screen_rect(&ghost.rect);
        let focused = overlay.focus_refs.contains(&ghost.reference);
        painter.rect_filled(
            r,
            style::GHOST_ROUNDING,
            if focused {
                palette.missing.gamma_multiply(style::EXTRA_FILL_ALPHA)
            } else {
                palette.ghost_fill
            },
        );
        let width = if focused {
            3.0
        } else {
            style::GHOST_STROKE_WIDTH
        };
        painter.extend(dashed_rect(
            r,
            Stroke::new(
                width,
                if focused {
                    palette.focus
                } else {
                    palette.missing
                },
            ),
        ));
        if camera.zoom >= super::draw::TEXT_MIN_ZOOM {
            painter.text(
                r.min + egui::vec2(10.0, 6.0) * camera.zoom,
                Align2::LEFT_TOP,
                "MISSING",
                FontId::proportional(theme::SMALL_SIZE * style::GHOST_TAG_SCALE * camera.zoom),
                palette.missing,
            );
            let galley = painter.layout(
                ghost.label.clone(),
                FontId::proportional(theme::LABEL_SIZE * style::GHOST_LABEL_SCALE * camera.zoom),
                palette.text,
                r.width() - 16.0 * camera.zoom,
            );
            let pos = Align2::CENTER_CENTER
                .anchor_size(
                    r.center() + egui::vec2(0.0, 7.0 * camera.zoom),
                    galley.size(),
                )
                .min;
            painter.galley(pos, galley, palette.text);
        }
    }
}
