//! The canvas: pan and zoom, culling, painting the board, and routing input to interactions.

pub mod camera;
mod draw;
mod interact;
pub mod overlay;
mod popups;
pub mod text;

use std::borrow::Cow;
use std::collections::BTreeSet;

use egui::{Color32, Sense};

pub use camera::Camera;
pub use interact::Drag;
pub use popups::{InlineEdit, QuickAdd, Target};

use crate::catalog::Catalog;
use crate::document::{Document, Selection};
use crate::model::routes::{self, Routes};
use crate::model::{BlockId, Edge, Pos, Rect, Routing, Vec2, route};
use crate::ui::theme::Palette;

/// The tool the primary mouse button uses on empty canvas.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tool {
    /// Click to select, drag to select by rectangle.
    #[default]
    Select,
    /// Drag to draw a frame.
    Frame,
}

/// A kind dragged from the palette onto the canvas.
#[derive(Clone, Debug)]
pub struct KindPayload(pub String);

/// Everything about the canvas that is not the board: view, selection, gesture in progress.
#[derive(Debug)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent switches of the view"
)]
pub struct CanvasState {
    pub camera: Camera,
    pub selection: Selection,
    pub tool: Tool,
    pub show_grid: bool,
    pub snap: bool,
    /// A reference is shown: look, select and pan, but change nothing.
    pub read_only: bool,
    pub editing: Option<InlineEdit>,
    /// The grade overlay, while a grade is shown.
    pub overlay: Option<overlay::Overlay>,
    /// A board area to bring into view on the next frame, if it is not already visible.
    pub reveal: Option<Rect>,
    pub quick_add: Option<QuickAdd>,
    pub drag: Drag,
    /// Fit the view to the board on the next frame (after opening a board).
    pub fit_pending: bool,
    /// Paint the overlay's ghosts of missing blocks (off while the reference itself is shown).
    pub show_ghosts: bool,
    pub index: BoardIndex,
    /// Text laid out in earlier frames, for the board and for an underlay.
    pub texts: text::TextCache,
    pub underlay_texts: text::TextCache,
}

impl Default for CanvasState {
    fn default() -> Self {
        CanvasState {
            camera: Camera::default(),
            selection: Selection::default(),
            tool: Tool::Select,
            show_grid: true,
            snap: true,
            read_only: false,
            editing: None,
            overlay: None,
            reveal: None,
            quick_add: None,
            drag: Drag::None,
            fit_pending: true,
            show_ghosts: true,
            index: BoardIndex::default(),
            texts: text::TextCache::default(),
            underlay_texts: text::TextCache::default(),
        }
    }
}

/// Facts about the board the canvas needs for every arrow, built once per board state.
#[derive(Debug, Default)]
pub struct BoardIndex {
    /// The document state this index was built for.
    stamp: Option<(u64, u64)>,
    /// Every arrow as (from, to), to find opposite arrows quickly.
    pairs: std::collections::HashSet<(BlockId, BlockId)>,
    /// Every arrow's route around the blocks, worked out once per board state.
    pub routes: Routes,
}

impl BoardIndex {
    /// Rebuilds the index if the board changed since it was built.
    pub fn refresh(&mut self, doc: &Document) {
        if self.stamp == Some(doc.stamp()) {
            return;
        }
        self.pairs.clear();
        self.pairs
            .extend(doc.board().edges.values().map(|e| (e.from, e.to)));
        self.routes = Routes::of(doc.board());
        self.stamp = Some(doc.stamp());
    }

    /// Whether the arrow `to` → `from` exists too.
    pub fn has_opposite(&self, edge: &Edge) -> bool {
        self.pairs.contains(&(edge.to, edge.from))
    }
}

/// A board painted faintly under the one being edited (a reference laid over a drawing).
#[derive(Clone, Copy, Debug)]
pub struct Underlay<'a> {
    pub board: &'a crate::model::Board,
    /// Board point of the underlay + shift = where it is painted.
    pub shift: Vec2,
    /// Grade marks on the underlay's blocks and arrows.
    pub marks: &'a overlay::Overlay,
    /// The underlay's arrow routes (in its own coordinates).
    pub routes: &'a Routes,
}

/// How strongly an underlay shows through.
const UNDERLAY_OPACITY: f32 = 0.4;

/// What the canvas tells the app after a frame.
#[derive(Debug, Default)]
pub struct CanvasOutput {
    /// A problem to show the user (an edit that was refused).
    pub error: Option<String>,
}

impl CanvasState {
    /// Where a block added from the palette goes: near the centre of the view, on a free spot.
    pub fn next_add_position(&self, doc: &Document) -> Pos {
        let center = self.camera.center();
        let mut wanted = Pos::new(center.x - 200.0, center.y - 100.0);
        if self.snap {
            wanted = wanted.snapped(crate::ui::theme::GRID_STEP);
        }
        doc.board()
            .free_spot(wanted, crate::model::DEFAULT_BLOCK_SIZE)
    }

    /// Screen position of a block's centre (tests drive the canvas with it).
    pub fn screen_center_of(&self, doc: &Document, id: BlockId) -> Option<egui::Pos2> {
        doc.board()
            .block(id)
            .map(|b| self.camera.screen_from_board(b.rect().center()))
    }

    pub fn fit_to(&mut self, doc: &Document) {
        if let Some(bounds) = doc.board().bounds() {
            self.camera.fit(&bounds);
        } else {
            self.camera = Camera {
                viewport: self.camera.viewport,
                ..Camera::default()
            };
        }
    }

    /// Forgets the gesture, editors and selection (a different board was opened).
    pub fn reset_for_new_board(&mut self) {
        self.selection.clear();
        self.overlay = None;
        self.editing = None;
        self.quick_add = None;
        self.drag = Drag::None;
        self.fit_pending = true;
    }
}

/// Draws the board and handles the pointer on it.
pub fn canvas_ui(
    ui: &mut egui::Ui,
    state: &mut CanvasState,
    doc: &mut Document,
    catalog: &Catalog,
    palette: &Palette,
    underlay: Option<&Underlay<'_>>,
) -> CanvasOutput {
    let (rect, response) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
    state.camera.viewport = rect;
    state.index.refresh(doc);
    if let Some(area) = state.reveal.take() {
        state.camera.reveal(&area);
    }
    if state.fit_pending {
        state.fit_to(doc);
        state.fit_pending = false;
    }
    let mut out = CanvasOutput::default();
    interact::pan_and_zoom(ui, state, &response);
    interact::pointer(ui, state, doc, catalog, &response, &mut out);

    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, palette.canvas);
    if state.show_grid {
        draw::grid(&painter, &state.camera, palette);
    }
    if let Some(underlay) = underlay {
        let pen = draw::Pen {
            painter: &painter,
            camera: &state.camera,
            palette,
        };
        state.underlay_texts.begin_frame(&painter);
        paint_underlay(pen, catalog, &mut state.underlay_texts, underlay);
        state.underlay_texts.end_frame();
    }
    let mut texts = std::mem::take(&mut state.texts);
    texts.begin_frame(&painter);
    paint_board(
        &painter, state, doc, catalog, palette, &response, &mut texts,
    );
    texts.end_frame();
    state.texts = texts;
    interact::paint_gesture(&painter, state, doc, palette);
    popups::inline_editor(ui, state, doc, &mut out);
    popups::quick_add(ui, state, doc, catalog, &mut out);
    if state.drag == Drag::None && state.editing.is_none() {
        block_tooltip(state, doc, catalog, &response);
    }
    if doc.board().is_empty() && state.quick_add.is_none() {
        empty_hint(&painter, rect, palette);
    }
    out
}

/// Hover text for the block under the pointer: what its kind does and its note (for a
/// reference: the stage and the other names people write for it). The label and the kind
/// are on the block already, so they are not repeated; nor is the text shown while a box on
/// the canvas is open or just after a drag.
fn block_tooltip(
    state: &CanvasState,
    doc: &Document,
    catalog: &Catalog,
    response: &egui::Response,
) {
    let Some(pointer) = response.hover_pos() else {
        return;
    };
    let Some(block) = doc
        .board()
        .block_at(state.camera.board_from_screen(pointer))
        .and_then(|id| doc.board().block(id))
    else {
        return;
    };
    if state.quick_add.is_some() || state.editing.is_some() || state.drag != interact::Drag::None {
        return;
    }
    let kind = catalog.kind(&block.kind);
    response.clone().on_hover_ui_at_pointer(|ui| {
        ui.set_max_width(320.0);
        if let Some(kind) = kind {
            ui.label(egui::RichText::new(&kind.description).weak());
        }
        if !block.note.is_empty() {
            ui.separator();
            ui.label(&block.note);
        }
    });
}

fn empty_hint(painter: &egui::Painter, rect: egui::Rect, palette: &Palette) {
    painter.text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        "Drag a block from the palette, or double-click here and type (e.g. \"faiss\")",
        egui::FontId::proportional(15.0),
        palette.weak_text,
    );
}

/// The rectangle a block is drawn at this frame: moved by the drag preview if it is moving.
fn live_rect(state: &CanvasState, doc: &Document, id: BlockId) -> Option<Rect> {
    let block = doc.board().block(id)?;
    let rect = block.rect();
    Some(match &state.drag {
        Drag::Move { blocks, delta, .. } if blocks.contains(&id) => rect.translate(*delta),
        _ => rect,
    })
}

/// Sideways shift for an arrow whose opposite arrow also exists, so both stay visible.
pub fn lane_of(state: &CanvasState, edge: &Edge) -> f32 {
    if state.index.has_opposite(edge) {
        7.0
    } else {
        0.0
    }
}

/// The plain route of an arrow one of whose blocks is being dragged (worked out every frame,
/// so it follows the pointer; the routes around blocks come back when the drag ends).
fn dragged_route(state: &CanvasState, doc: &Document, edge: &Edge) -> Option<Vec<Pos>> {
    let Drag::Move { blocks, .. } = &state.drag else {
        return None;
    };
    if !blocks.contains(&edge.from) && !blocks.contains(&edge.to) {
        return None;
    }
    let from = live_rect(state, doc, edge.from)?;
    let to = live_rect(state, doc, edge.to)?;
    Some(route::route(&from, &to, edge.routing, lane_of(state, edge)))
}

/// Where an arrow's label goes this frame.
pub fn live_label_spot(state: &CanvasState, doc: &Document, edge: &Edge) -> Option<Pos> {
    match dragged_route(state, doc, edge) {
        Some(points) => Some(route::midpoint(&points)),
        None => state.index.routes.get(edge.id).map(|r| r.label_at),
    }
}

fn paint_board(
    painter: &egui::Painter,
    state: &CanvasState,
    doc: &Document,
    catalog: &Catalog,
    palette: &Palette,
    response: &egui::Response,
    texts: &mut text::TextCache,
) {
    let camera = &state.camera;
    let pen = draw::Pen {
        painter,
        camera,
        palette,
    };
    let visible = camera.visible_board_rect().expand(40.0);
    let board = doc.board();
    let with_ghosts = state.show_ghosts;
    let (moving_frames, frame_delta) = match &state.drag {
        Drag::Move { frames, delta, .. } => (frames.clone(), *delta),
        _ => (BTreeSet::new(), Vec2::ZERO),
    };
    for frame in board.frames.values() {
        let mut rect = frame.rect;
        if moving_frames.contains(&frame.id) {
            rect = rect.translate(frame_delta);
        }
        if let Drag::ResizeFrame { id, rect: live } = &state.drag
            && *id == frame.id
        {
            rect = *live;
        }
        if rect.intersects(&visible) {
            draw::frame(
                painter,
                camera,
                palette,
                frame,
                &rect,
                state.selection.frames.contains(&frame.id),
            );
        }
    }
    let mut labels = Vec::new();
    for edge in board.edges.values() {
        // Routes are worked out when the board changes; a frame only culls and draws them.
        let (points, label_at): (Cow<'_, [Pos]>, (Pos, f32)) =
            if let Some(points) = dragged_route(state, doc, edge) {
                let mid = route::midpoint(&points);
                (Cow::Owned(points), (mid, crate::style::ARROW_LABEL_WRAP))
            } else {
                let Some(route) = state.index.routes.get(edge.id) else {
                    continue;
                };
                if !route.bounds.intersects(&visible) {
                    continue;
                }
                // Most routes are one straight segment: drawn as they are, nothing copied.
                let points = if route.points.len() > 2 {
                    Cow::Owned(routes::rounded(&route.points, routes::CORNER_RADIUS))
                } else {
                    Cow::Borrowed(route.points.as_slice())
                };
                (points, (route.label_at, route.label_wrap))
            };
        let selected = state.selection.edges.contains(&edge.id);
        let marked = state
            .overlay
            .as_ref()
            .and_then(|o| o.arrow_color(palette, edge.from, edge.to));
        let (color, width) = match (selected, marked) {
            (true, _) => (palette.selection, 2.4),
            (false, Some(color)) => (color, 2.4),
            (false, None) => (palette.arrow, 1.6),
        };
        draw::arrow(painter, camera, &points, (color, width), !edge.undirected);
        if !edge.label.is_empty() && camera.zoom >= draw::TEXT_MIN_ZOOM {
            labels.push((edge, label_at, color));
        }
    }
    if let Some(overlay) = &state.overlay
        && with_ghosts
    {
        overlay::ghost_links(painter, camera, palette, overlay);
    }
    let hovered = response
        .hover_pos()
        .and_then(|p| board.block_at(camera.board_from_screen(p)));
    for block in board.blocks.values() {
        let Some(rect) = live_rect(state, doc, block.id) else {
            continue;
        };
        if !rect.intersects(&visible) {
            continue;
        }
        let emphasis = if state.selection.blocks.contains(&block.id) {
            draw::Emphasis::Selected
        } else if hovered == Some(block.id) {
            draw::Emphasis::Hovered
        } else {
            draw::Emphasis::Plain
        };
        draw::block(pen, catalog, texts, block, &rect, emphasis);
        if let Some(overlay) = &state.overlay {
            overlay::block_mark(painter, camera, palette, overlay, block.id, &rect);
        }
    }
    if let Some(overlay) = &state.overlay
        && with_ghosts
    {
        overlay::ghosts(painter, camera, palette, overlay);
    }
    for (edge, at, color) in labels {
        draw::arrow_label(pen, texts, edge, at, color);
    }
    let show_handles = !state.read_only && matches!(state.drag, Drag::None | Drag::Connect { .. });
    if show_handles
        && let Some(id) = hovered.or_else(|| single(&state.selection.blocks))
        && let Some(rect) = live_rect(state, doc, id)
    {
        draw::handles(painter, camera, palette, &rect);
    }
}

/// Paints a board faintly, shifted, with its grade marks (the reference under a drawing).
fn paint_underlay(
    pen: draw::Pen<'_>,
    catalog: &Catalog,
    texts: &mut text::TextCache,
    underlay: &Underlay<'_>,
) {
    let draw::Pen {
        painter,
        camera,
        palette,
    } = pen;
    let mut faint = painter.clone();
    faint.set_opacity(UNDERLAY_OPACITY);
    let faint_pen = draw::Pen {
        painter: &faint,
        ..pen
    };
    let visible = camera.visible_board_rect().expand(40.0);
    let board = underlay.board;
    for frame in board.frames.values() {
        let rect = frame.rect.translate(underlay.shift);
        if rect.intersects(&visible) {
            draw::frame(&faint, camera, palette, frame, &rect, false);
        }
    }
    for edge in board.edges.values() {
        let Some(route) = underlay.routes.get(edge.id) else {
            continue;
        };
        if !route.bounds.translate(underlay.shift).intersects(&visible) {
            continue;
        }
        let points: Vec<Pos> = routes::rounded(&route.points, routes::CORNER_RADIUS)
            .into_iter()
            .map(|p| p + underlay.shift)
            .collect();
        let color = underlay
            .marks
            .arrow_color(palette, edge.from, edge.to)
            .unwrap_or(palette.arrow);
        draw::arrow(&faint, camera, &points, (color, 1.6), !edge.undirected);
    }
    for block in board.blocks.values() {
        let rect = block.rect().translate(underlay.shift);
        if rect.intersects(&visible) {
            draw::block(
                faint_pen,
                catalog,
                texts,
                block,
                &rect,
                draw::Emphasis::Plain,
            );
            overlay::block_mark(&faint, camera, palette, underlay.marks, block.id, &rect);
        }
    }
}

fn single(set: &BTreeSet<BlockId>) -> Option<BlockId> {
    if set.len() == 1 {
        set.first().copied()
    } else {
        None
    }
}

/// The colour of a connection preview line.
pub fn preview_color(palette: &Palette) -> Color32 {
    palette.selection
}

/// Straight or elbow, for the inspector's routing switch.
pub const ROUTINGS: [(Routing, &str); 2] =
    [(Routing::Straight, "Straight"), (Routing::Elbow, "Elbow")];
