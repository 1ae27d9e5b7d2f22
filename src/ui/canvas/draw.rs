//! Painting the board: grid, frames, arrows with heads and labels, blocks with their text.

use egui::{
    Align2, Color32, CornerRadius, FontId, Painter, Pos2, Shape, Stroke, StrokeKind, epaint,
};

use super::camera::Camera;
use super::text::{self, Style, TextCache, TextKey};
use crate::catalog::Catalog;
use crate::model::{Block, Edge, Frame, Pos, Rect};
use crate::ui::theme::{self, Palette};

/// Below this zoom, text is left out and blocks are drawn as plain boxes.
pub const TEXT_MIN_ZOOM: f32 = 0.3;

pub fn grid(painter: &Painter, camera: &Camera, palette: &Palette) {
    let step = theme::GRID_STEP * camera.zoom;
    if step < 6.0 {
        return;
    }
    let view = camera.viewport;
    let start = camera.board_from_screen(view.min).snapped(theme::GRID_STEP);
    let first = camera.screen_from_board(start);
    let radius = (camera.zoom * 1.1).clamp(0.6, 1.6);
    let mut y = first.y - step;
    let mut shapes = Vec::new();
    while y < view.max.y + step {
        let mut x = first.x - step;
        while x < view.max.x + step {
            shapes.push(Shape::circle_filled(Pos2::new(x, y), radius, palette.grid));
            x += step;
        }
        y += step;
    }
    painter.extend(shapes);
}

pub fn frame(
    painter: &Painter,
    camera: &Camera,
    palette: &Palette,
    frame: &Frame,
    rect: &Rect,
    selected: bool,
) {
    let r = camera.screen_rect(rect);
    let rounding = CornerRadius::same((10.0 * camera.zoom).clamp(2.0, 20.0) as u8);
    painter.rect_filled(r, rounding, palette.frame_fill);
    let stroke = if selected {
        Stroke::new(2.0, palette.selection)
    } else {
        Stroke::new(1.2, palette.frame_stroke)
    };
    painter.rect_stroke(r, rounding, stroke, StrokeKind::Inside);
    if camera.zoom >= TEXT_MIN_ZOOM {
        let text = if frame.label.is_empty() {
            "Frame"
        } else {
            frame.label.as_str()
        };
        let pos = r.min + egui::vec2(12.0, 6.0) * camera.zoom;
        painter.text(
            pos,
            Align2::LEFT_TOP,
            text,
            FontId::proportional(14.0 * camera.zoom),
            palette.weak_text,
        );
    }
    if selected {
        let handle = r.max - egui::vec2(2.0, 2.0);
        painter.circle(
            handle,
            5.0,
            palette.canvas,
            Stroke::new(1.5, palette.selection),
        );
    }
}

/// Paints one arrow along `points` (board space), with a head at the end when `head` (a line
/// imported without direction has none).
pub fn arrow(
    painter: &Painter,
    camera: &Camera,
    points: &[Pos],
    (color, width): (Color32, f32),
    head: bool,
) {
    let mut line: Vec<Pos2> = points
        .iter()
        .map(|p| camera.screen_from_board(*p))
        .collect();
    let (Some(&tip), Some(&before)) = (
        line.last(),
        line.len().checked_sub(2).and_then(|i| line.get(i)),
    ) else {
        return;
    };
    let width = (width * camera.zoom).clamp(1.0, 4.0);
    if !head {
        painter.add(Shape::line(line, Stroke::new(width, color)));
        return;
    }
    let head_len = (11.0 * camera.zoom).clamp(4.0, 22.0);
    let dir = (tip - before).normalized();
    let base = tip - dir * head_len;
    if let Some(last) = line.last_mut() {
        *last = base;
    }
    painter.add(Shape::line(line, Stroke::new(width, color)));
    let normal = egui::vec2(-dir.y, dir.x) * head_len * 0.45;
    painter.add(Shape::convex_polygon(
        vec![tip, base + normal, base - normal],
        color,
        Stroke::NONE,
    ));
}

/// Paints an arrow's label on a small plate at `at` (on its route, clear of blocks), wrapped
/// at `wrap` board units. Labels are painted after blocks so a long label is never hidden
/// under one.
pub fn arrow_label(
    pen: Pen<'_>,
    texts: &mut TextCache,
    edge: &Edge,
    (at, wrap): (Pos, f32),
    color: Color32,
) {
    let Pen {
        painter,
        camera,
        palette,
    } = pen;
    if !edge.label.is_empty() && camera.zoom >= TEXT_MIN_ZOOM {
        let mid = camera.screen_from_board(at);
        let style = Style {
            size: theme::SMALL_SIZE * camera.zoom,
            wrap: wrap * camera.zoom,
            color: palette.text,
            fit: 0.0,
        };
        let galley = texts.get(TextKey::EdgeLabel(edge.id), &edge.label, style, || {
            text::layout(painter, &edge.label, style.size, style.color, style.wrap)
        });
        let rect = Align2::CENTER_CENTER
            .anchor_size(mid, galley.size())
            .expand(3.0 * camera.zoom);
        painter.rect(
            rect,
            CornerRadius::same(4),
            palette.label_background,
            Stroke::new(1.0, color.gamma_multiply(0.5)),
            StrokeKind::Inside,
        );
        painter.galley(
            rect.min + egui::vec2(3.0, 3.0) * camera.zoom,
            galley,
            palette.text,
        );
    }
}

/// How a block stands out from the rest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Emphasis {
    Plain,
    Hovered,
    Selected,
}

/// Where and how to paint: the painter, the view and the colours.
#[derive(Clone, Copy)]
pub struct Pen<'a> {
    pub painter: &'a Painter,
    pub camera: &'a Camera,
    pub palette: &'a Palette,
}

/// Paints one block at `rect` (board space, which may differ from `block.rect()` mid-drag).
pub fn block(
    pen: Pen<'_>,
    catalog: &Catalog,
    texts: &mut TextCache,
    block: &Block,
    rect: &Rect,
    emphasis: Emphasis,
) {
    let Pen {
        painter,
        camera,
        palette,
    } = pen;
    let r = camera.screen_rect(rect);
    let kind = catalog.kind(&block.kind);
    let rgb = kind.map_or((127, 140, 141), |k| k.color);
    if camera.zoom < TEXT_MIN_ZOOM {
        // Far out, a block is a box in its kind's colour: one shape, no text.
        let stroke = match emphasis {
            Emphasis::Selected => Stroke::new(2.0, palette.selection),
            Emphasis::Hovered => Stroke::new(1.5, palette.hover),
            Emphasis::Plain => Stroke::new(1.0, Palette::accent(rgb)),
        };
        painter.rect(r, 1.0, palette.block_fill(rgb), stroke, StrokeKind::Inside);
        return;
    }
    let rounding = CornerRadius::same((theme::BLOCK_ROUNDING * camera.zoom).clamp(1.0, 30.0) as u8);
    painter.add(epaint::RectShape::filled(
        r.translate(egui::vec2(0.0, 2.0 * camera.zoom)),
        rounding,
        palette.block_shadow,
    ));
    painter.rect_filled(r, rounding, palette.block_fill(rgb));
    // A coloured strip on the left says the kind at a glance.
    let strip = egui::Rect::from_min_max(r.min, egui::pos2(r.min.x + 6.0 * camera.zoom, r.max.y));
    let strip_round = CornerRadius {
        nw: rounding.nw,
        sw: rounding.sw,
        ne: 0,
        se: 0,
    };
    painter.rect_filled(strip, strip_round, Palette::accent(rgb));
    let stroke = match emphasis {
        Emphasis::Selected => Stroke::new(2.2, palette.selection),
        Emphasis::Hovered => Stroke::new(1.6, palette.hover),
        Emphasis::Plain => palette.block_stroke(rgb),
    };
    painter.rect_stroke(r, rounding, stroke, StrokeKind::Outside);
    let clip = painter.with_clip_rect(r.intersect(painter.clip_rect()));
    let pad = 10.0 * camera.zoom;
    let kind_name = kind.map_or(block.kind.as_str(), |k| k.name.as_str());
    let small = crate::style::KIND_CAPTION_SIZE * camera.zoom;
    let kind_style = Style {
        size: small,
        wrap: f32::INFINITY,
        color: palette.weak_text,
        fit: 0.0,
    };
    let kind_galley = texts.get(TextKey::BlockKind(block.id), kind_name, kind_style, || {
        text::layout(
            painter,
            &kind_name.to_uppercase(),
            small,
            palette.weak_text,
            f32::INFINITY,
        )
    });
    clip.galley(
        r.min + egui::vec2(pad + 4.0 * camera.zoom, 6.0 * camera.zoom),
        kind_galley,
        palette.weak_text,
    );
    let label = if block.label.trim().is_empty() {
        kind_name
    } else {
        block.label.as_str()
    };
    let top_band = 18.0 * camera.zoom;
    let body = egui::Rect::from_min_max(
        egui::pos2(r.min.x + 6.0 * camera.zoom, r.min.y + top_band),
        r.max,
    );
    let wrap = (r.width() - 2.0 * pad - 6.0 * camera.zoom).max(10.0);
    let size = theme::LABEL_SIZE * camera.zoom;
    let style = Style {
        size,
        wrap,
        color: palette.text,
        fit: body.height(),
    };
    let galley = texts.get(TextKey::BlockLabel(block.id), label, style, || {
        let galley = text::layout(painter, label, size, palette.text, wrap);
        // A long label gets a smaller font rather than being cut off at the block's edge.
        if galley.size().y > body.height() {
            text::layout(painter, label, size * 0.8, palette.text, wrap)
        } else {
            galley
        }
    });
    let pos = Align2::CENTER_CENTER
        .anchor_size(body.center(), galley.size())
        .min;
    clip.galley(
        egui::pos2(pos.x, pos.y.max(body.min.y)),
        galley,
        palette.text,
    );
}

/// The four connection handles of a block, on screen.
pub fn handle_points(camera: &Camera, rect: &Rect) -> [Pos2; 4] {
    let r = camera.screen_rect(rect);
    [
        egui::pos2(r.center().x, r.min.y),
        egui::pos2(r.max.x, r.center().y),
        egui::pos2(r.center().x, r.max.y),
        egui::pos2(r.min.x, r.center().y),
    ]
}

pub fn handles(painter: &Painter, camera: &Camera, palette: &Palette, rect: &Rect) {
    for p in handle_points(camera, rect) {
        painter.circle(p, 5.0, palette.canvas, Stroke::new(1.6, palette.selection));
    }
}
