//! A board laid out for export as a flat list of shapes in pixels, drawn the way the canvas
//! draws it: frames, arrows with heads and labels, blocks with their kind strip, kind and
//! label, and (optionally) the grade overlay. The PNG and the SVG both render this list.

use std::collections::BTreeSet;

use super::text::{Font, TextBlock};
use super::{ExportError, ExportOptions};
use crate::catalog::Catalog;
use crate::grader::marks::{ArrowMark, Marks};
use crate::model::routes::{self, Routes};
use crate::model::{Block, BlockId, Board, Edge, Pos, Rect, Vec2, route};
use crate::style::{self, Colors, Rgba};

/// Largest picture, in pixels per side.
pub const MAX_SIDE: u32 = 16_384;
/// Largest picture, in pixels: a larger one is drawn at a smaller scale to fit.
pub const MAX_PIXELS: u64 = 32_000_000;
/// Below this scale a picture says nothing: a board that needs less is refused.
const MIN_FIT_SCALE: f32 = 0.01;

/// A rectangle in pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Px {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Px {
    #[must_use]
    pub fn expand(self, by: f32) -> Px {
        Px {
            x: self.x - by,
            y: self.y - by,
            w: self.w + 2.0 * by,
            h: self.h + 2.0 * by,
        }
    }
}

/// A line to stroke.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Line {
    pub width: f32,
    pub color: Rgba,
    /// Dashed (missing parts) rather than solid.
    pub dashed: bool,
}

/// One shape of the picture.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// Corner radii in the order top-left, top-right, bottom-right, bottom-left.
    Rect {
        rect: Px,
        radii: [f32; 4],
        fill: Option<Rgba>,
        stroke: Option<Line>,
    },
    Polyline {
        points: Vec<(f32, f32)>,
        line: Line,
    },
    Polygon {
        points: Vec<(f32, f32)>,
        fill: Rgba,
    },
    Text {
        text: TextBlock,
        color: Rgba,
        /// Horizontally centred lines (block labels) rather than left-aligned.
        centered: bool,
    },
}

/// The whole picture.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    pub width: u32,
    pub height: u32,
    pub background: Rgba,
    pub title: String,
    pub shapes: Vec<Shape>,
    /// Where each block was drawn (for tests and for checking colours).
    pub blocks: Vec<(BlockId, Px)>,
}

/// Lays out `board` for export.
pub fn build(
    board: &Board,
    catalog: &Catalog,
    font: &Font,
    options: &ExportOptions,
) -> Result<Scene, ExportError> {
    let colors = Colors::for_dark_mode(options.dark);
    let blocks: Vec<&Block> = board
        .blocks
        .values()
        .filter(|b| {
            options
                .only
                .as_ref()
                .is_none_or(|o| o.blocks.contains(&b.id))
        })
        .collect();
    let included: BTreeSet<BlockId> = blocks.iter().map(|b| b.id).collect();
    let frames: Vec<_> = board
        .frames
        .values()
        .filter(|f| {
            options
                .only
                .as_ref()
                .is_none_or(|o| o.frames.contains(&f.id))
        })
        .collect();
    let edges: Vec<&Edge> = board
        .edges
        .values()
        .filter(|e| included.contains(&e.from) && included.contains(&e.to))
        .collect();
    let (origin, width, height, scale) = frame_of(board, options)?;
    let mut scene = Painter {
        shapes: Vec::new(),
        origin,
        scale,
        colors,
        font,
    };
    for frame in &frames {
        scene.frame(&frame.rect, &frame.label);
    }
    // The same routes the canvas draws, around the blocks exported.
    let routed = if options.only.is_some() {
        Routes::of(&Board {
            blocks: blocks.iter().map(|b| (b.id, (*b).clone())).collect(),
            edges: edges.iter().map(|e| (e.id, (*e).clone())).collect(),
            ..Board::default()
        })
    } else {
        Routes::of(board)
    };
    let marks = options.marks.as_ref();
    let mut labels = Vec::new();
    for edge in &edges {
        let Some(route) = routed.get(edge.id) else {
            continue;
        };
        let points = routes::rounded(&route.points, routes::CORNER_RADIUS);
        let color = match marks.and_then(|m| m.arrow(edge.from, edge.to)) {
            Some(ArrowMark::Reversed) => colors.wrong_way,
            Some(ArrowMark::Missed) => colors.missing,
            Some(ArrowMark::Extra) => colors.extra,
            Some(ArrowMark::Credited) => colors.matched,
            None => colors.arrow,
        };
        let width = if color == colors.arrow { 1.0 } else { 1.5 };
        if edge.undirected {
            scene.line(&points, color, width);
        } else {
            scene.arrow(&points, color, width, false);
        }
        if !edge.label.is_empty() {
            labels.push((
                edge.label.as_str(),
                (route.label_at, route.label_wrap),
                color,
            ));
        }
    }
    if let Some(marks) = marks {
        for link in &marks.ghosts.links {
            let points = route::route(&link.from, &link.to, crate::model::Routing::Straight, 0.0);
            scene.arrow(&points, colors.missing, 1.1, true);
        }
    }
    let mut placed = Vec::new();
    for block in &blocks {
        let px = scene.block(catalog, block);
        if let Some(marks) = marks {
            scene.block_mark(marks, block.id, px);
        }
        placed.push((block.id, px));
    }
    if let Some(marks) = marks {
        for ghost in &marks.ghosts.ghosts {
            scene.ghost(&ghost.rect, &ghost.label);
        }
    }
    for (label, mid, color) in labels {
        scene.arrow_label(label, mid, color);
    }
    Ok(Scene {
        width,
        height,
        background: colors.canvas,
        title: board.title.clone(),
        shapes: scene.shapes,
        blocks: placed,
    })
}

/// The board point at the picture's top-left corner, the picture's size in pixels
/// (everything exported: blocks, frames, ghosts, plus the margin) and the scale it is drawn
/// at: the one asked for, or less, so that it stays within [`MAX_SIDE`] and [`MAX_PIXELS`].
pub fn frame_of(
    board: &Board,
    options: &ExportOptions,
) -> Result<(Pos, u32, u32, f32), ExportError> {
    let only = options.only.as_ref();
    let blocks = board
        .blocks
        .values()
        .filter(|b| only.is_none_or(|o| o.blocks.contains(&b.id)))
        .map(Block::rect);
    let frames = board
        .frames
        .values()
        .filter(|f| only.is_none_or(|o| o.frames.contains(&f.id)))
        .map(|f| f.rect);
    let ghosts = options
        .marks
        .iter()
        .flat_map(|m| m.ghosts.ghosts.iter().map(|g| g.rect));
    let bounds = blocks
        .chain(frames)
        .chain(ghosts)
        .reduce(|a, b| a.union(&b))
        .ok_or(ExportError::Nothing)?;
    let margin = options.margin;
    let (board_w, board_h) = (bounds.size.x + 2.0 * margin, bounds.size.y + 2.0 * margin);
    let size_at = |scale: f32| ((board_w * scale).ceil(), (board_h * scale).ceil());
    let fits = |(w, h): (f32, f32)| {
        w <= MAX_SIDE as f32
            && h <= MAX_SIDE as f32
            && f64::from(w) * f64::from(h) <= MAX_PIXELS as f64
    };
    let mut scale = options.scale;
    let (mut width, mut height) = size_at(scale);
    if !fits((width, height)) {
        // Scale down to fit, a little under the limit so that rounding up stays inside.
        let by_area = (MAX_PIXELS as f64 / (f64::from(width) * f64::from(height))).sqrt() as f32;
        let by_side = (MAX_SIDE as f32 / width).min(MAX_SIDE as f32 / height);
        scale *= by_area.min(by_side) * 0.999;
        (width, height) = size_at(scale);
        if scale < MIN_FIT_SCALE || !fits((width, height)) {
            let (w, h) = size_at(options.scale);
            return Err(ExportError::TooLarge {
                width: w as u64,
                height: h as u64,
            });
        }
    }
    Ok((
        bounds.min - Vec2::new(margin, margin),
        width as u32,
        height as u32,
        scale,
    ))
}

/// Turns board geometry into pixel shapes.
struct Painter<'a> {
    shapes: Vec<Shape>,
    origin: Pos,
    scale: f32,
    colors: Colors,
    font: &'a Font,
}

impl Painter<'_> {
    fn point(&self, p: Pos) -> (f32, f32) {
        (
            (p.x - self.origin.x) * self.scale,
            (p.y - self.origin.y) * self.scale,
        )
    }

    fn rect(&self, r: &Rect) -> Px {
        let (x, y) = self.point(r.min);
        Px {
            x,
            y,
            w: r.size.x * self.scale,
            h: r.size.y * self.scale,
        }
    }

    fn text(&mut self, text: TextBlock, color: Rgba, centered: bool) {
        self.shapes.push(Shape::Text {
            text,
            color,
            centered,
        });
    }

    fn lines(&self, text: &str, size: f32, wrap: f32, x: f32, y: f32) -> TextBlock {
        let lines = self.font.wrap(text, size, wrap);
        let width = lines
            .iter()
            .map(|l| self.font.width(l, size))
            .fold(0.0, f32::max);
        TextBlock {
            lines,
            size,
            line_height: self.font.line_height(size),
            x,
            y,
            width,
        }
    }

    fn frame(&mut self, rect: &Rect, label: &str) {
        let s = self.scale;
        let px = self.rect(rect);
        let width = 1.2 * s;
        self.shapes.push(Shape::Rect {
            rect: px.expand(-width * 0.5),
            radii: [style::FRAME_ROUNDING * s; 4],
            fill: Some(self.colors.frame_fill),
            stroke: Some(Line {
                width,
                color: self.colors.frame_stroke,
                dashed: false,
            }),
        });
        let title = if label.is_empty() { "Frame" } else { label };
        let size = style::FRAME_TITLE_SIZE * s;
        let text = self.lines(title, size, f32::INFINITY, px.x + 12.0 * s, px.y + 6.0 * s);
        self.text(text, self.colors.weak_text, false);
    }

    fn arrow(&mut self, points: &[Pos], color: Rgba, width: f32, dashed: bool) {
        let s = self.scale;
        let mut screen: Vec<(f32, f32)> = points.iter().map(|p| self.point(*p)).collect();
        let (Some(&tip), Some(&before)) = (screen.last(), screen.iter().rev().nth(1)) else {
            return;
        };
        let (dx, dy) = (tip.0 - before.0, tip.1 - before.1);
        let len = (dx * dx + dy * dy).sqrt();
        if len <= f32::EPSILON {
            return;
        }
        let (ux, uy) = (dx / len, dy / len);
        let head = style::ARROW_HEAD * s;
        let base = (tip.0 - ux * head, tip.1 - uy * head);
        if let Some(last) = screen.last_mut() {
            *last = base;
        }
        self.shapes.push(Shape::Polyline {
            points: screen,
            line: Line {
                width: style::ARROW_WIDTH * width * s,
                color,
                dashed,
            },
        });
        let (nx, ny) = (-uy * head * 0.45, ux * head * 0.45);
        self.shapes.push(Shape::Polygon {
            points: vec![tip, (base.0 + nx, base.1 + ny), (base.0 - nx, base.1 - ny)],
            fill: color,
        });
    }

    /// A line of unknown direction: the arrow's stroke without a head.
    fn line(&mut self, points: &[Pos], color: Rgba, width: f32) {
        let screen: Vec<(f32, f32)> = points.iter().map(|p| self.point(*p)).collect();
        if screen.len() < 2 {
            return;
        }
        self.shapes.push(Shape::Polyline {
            points: screen,
            line: Line {
                width: style::ARROW_WIDTH * width * self.scale,
                color,
                dashed: false,
            },
        });
    }

    fn arrow_label(&mut self, label: &str, (mid, wrap): (Pos, f32), color: Rgba) {
        let s = self.scale;
        let size = style::SMALL_SIZE * s;
        let (mx, my) = self.point(mid);
        let mut text = self.lines(label, size, wrap * s, 0.0, 0.0);
        text.x = mx - text.width * 0.5;
        text.y = my - text.height() * 0.5;
        let pad = 3.0 * s;
        self.shapes.push(Shape::Rect {
            rect: Px {
                x: text.x,
                y: text.y,
                w: text.width,
                h: text.height(),
            }
            .expand(pad),
            radii: [4.0 * s; 4],
            fill: Some(self.colors.label_background),
            stroke: Some(Line {
                width: s,
                color: color.faded(0.5),
                dashed: false,
            }),
        });
        self.text(text, self.colors.text, false);
    }

    /// A block as the canvas paints it; returns where it went.
    fn block(&mut self, catalog: &Catalog, block: &Block) -> Px {
        let s = self.scale;
        let px = self.rect(&block.rect());
        let kind = catalog.kind(&block.kind);
        let rgb = kind.map_or(style::UNKNOWN_KIND_RGB, |k| k.color);
        let radius = style::BLOCK_ROUNDING * s;
        self.shapes.push(Shape::Rect {
            rect: Px {
                y: px.y + 2.0 * s,
                ..px
            },
            radii: [radius; 4],
            fill: Some(self.colors.block_shadow),
            stroke: None,
        });
        self.shapes.push(Shape::Rect {
            rect: px,
            radii: [radius; 4],
            fill: Some(self.colors.block_fill(rgb)),
            stroke: None,
        });
        self.shapes.push(Shape::Rect {
            rect: Px {
                w: style::KIND_STRIP * s,
                ..px
            },
            radii: [radius, 0.0, 0.0, radius],
            fill: Some(Colors::accent(rgb)),
            stroke: None,
        });
        let width = style::BLOCK_STROKE_WIDTH * s;
        self.shapes.push(Shape::Rect {
            rect: px.expand(width * 0.5),
            radii: [radius + width * 0.5; 4],
            fill: None,
            stroke: Some(Line {
                width,
                color: self.colors.block_stroke(rgb),
                dashed: false,
            }),
        });
        let kind_name = kind.map_or(block.kind.as_str(), |k| k.name.as_str());
        let pad = 10.0 * s;
        let small = style::KIND_CAPTION_SIZE * s;
        let kind_text = self.lines(
            &kind_name.to_uppercase(),
            small,
            f32::INFINITY,
            px.x + pad + 4.0 * s,
            px.y + 6.0 * s,
        );
        self.text(kind_text, self.colors.weak_text, false);
        let label = if block.label.trim().is_empty() {
            kind_name
        } else {
            block.label.as_str()
        };
        let top = 18.0 * s;
        let body = Px {
            x: px.x + 6.0 * s,
            y: px.y + top,
            w: px.w - 6.0 * s,
            h: px.h - top,
        };
        let wrap = (px.w - 2.0 * pad - 6.0 * s).max(10.0);
        let mut size = style::LABEL_SIZE * s;
        let mut text = self.lines(label, size, wrap, 0.0, 0.0);
        // A long label gets a smaller font rather than being cut off, as on the canvas.
        if text.height() > body.h {
            size *= 0.8;
            text = self.lines(label, size, wrap, 0.0, 0.0);
        }
        text.x = body.x + body.w * 0.5 - text.width * 0.5;
        text.y = (body.y + body.h * 0.5 - text.height() * 0.5).max(body.y);
        self.text(text, self.colors.text, true);
        px
    }

    fn block_mark(&mut self, marks: &Marks, id: BlockId, px: Px) {
        let s = self.scale;
        let radius = style::BLOCK_ROUNDING * s + style::MARK_GAP * s;
        if marks.matched.contains(&id) {
            self.shapes.push(Shape::Rect {
                rect: px.expand(style::MARK_GAP * s + style::MATCHED_MARK_WIDTH * s / 2.0),
                radii: [radius; 4],
                fill: None,
                stroke: Some(Line {
                    width: style::MATCHED_MARK_WIDTH * s,
                    color: self.colors.matched,
                    dashed: false,
                }),
            });
        } else if marks.extra.contains(&id) {
            self.shapes.push(Shape::Rect {
                rect: px,
                radii: [style::BLOCK_ROUNDING * s; 4],
                fill: Some(self.colors.extra.faded(style::EXTRA_FILL_ALPHA)),
                stroke: None,
            });
            self.shapes.push(Shape::Rect {
                rect: px.expand(style::MARK_GAP * s + style::EXTRA_MARK_WIDTH * s / 2.0),
                radii: [radius; 4],
                fill: None,
                stroke: Some(Line {
                    width: style::EXTRA_MARK_WIDTH * s,
                    color: self.colors.extra,
                    dashed: false,
                }),
            });
        }
    }

    fn ghost(&mut self, rect: &Rect, label: &str) {
        let s = self.scale;
        let px = self.rect(rect);
        self.shapes.push(Shape::Rect {
            rect: px,
            radii: [style::GHOST_ROUNDING * s; 4],
            fill: Some(self.colors.ghost_fill),
            stroke: Some(Line {
                width: style::GHOST_STROKE_WIDTH * s,
                color: self.colors.missing,
                dashed: true,
            }),
        });
        let small = style::SMALL_SIZE * style::GHOST_TAG_SCALE * s;
        let tag = self.lines(
            "MISSING",
            small,
            f32::INFINITY,
            px.x + 10.0 * s,
            px.y + 6.0 * s,
        );
        self.text(tag, self.colors.missing, false);
        let size = style::LABEL_SIZE * style::GHOST_LABEL_SCALE * s;
        let mut text = self.lines(label, size, px.w - 16.0 * s, 0.0, 0.0);
        text.x = px.x + px.w * 0.5 - text.width * 0.5;
        text.y = px.y + px.h * 0.5 + 7.0 * s - text.height() * 0.5;
        self.text(text, self.colors.text, true);
    }
}
