//! Pointer gestures on the canvas: select, move, connect, rubber band, pan, zoom, frames.

use std::collections::BTreeSet;

use egui::{PointerButton, Response, Stroke};

use super::{CanvasOutput, CanvasState, KindPayload, Tool, draw, live_rect};
use crate::catalog::Catalog;
use crate::document::{Document, Selection};
use crate::model::{BlockId, EdgeId, Edit, FrameId, Pos, Rect, Vec2, route};
use crate::ui::canvas::popups::{InlineEdit, QuickAdd, Target};
use crate::ui::theme::{self, Palette};

/// A gesture in progress. Nothing changes on the board until the gesture ends.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Drag {
    #[default]
    None,
    /// Moving the selection; `blocks` and `frames` are what moves, by `delta`.
    Move {
        grab: Pos,
        anchor: Option<BlockId>,
        blocks: BTreeSet<BlockId>,
        frames: BTreeSet<FrameId>,
        delta: Vec2,
    },
    /// Drawing an arrow from a block to the pointer.
    Connect {
        from: BlockId,
        to: Pos,
    },
    /// Selecting by rectangle.
    Band {
        start: Pos,
        end: Pos,
        additive: bool,
    },
    Pan,
    ResizeFrame {
        id: FrameId,
        rect: Rect,
    },
    NewFrame {
        start: Pos,
        end: Pos,
    },
}

/// What lies under the pointer, in the order it is hit.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Hit {
    FrameCorner(FrameId),
    Handle(BlockId),
    Block(BlockId),
    Edge(EdgeId),
    FrameTitle(FrameId),
    Empty,
}

const HANDLE_RADIUS: f32 = 9.0;
const BORDER_BAND: f32 = 6.0;
const EDGE_HIT: f32 = 6.0;

fn hit_test(state: &CanvasState, doc: &Document, screen: egui::Pos2) -> Hit {
    let camera = &state.camera;
    let p = camera.board_from_screen(screen);
    let board = doc.board();
    if state.selection.frames.len() == 1
        && let Some(frame) = state
            .selection
            .frames
            .first()
            .and_then(|id| board.frame(*id))
        && camera.screen_rect(&frame.rect).max.distance(screen) <= HANDLE_RADIUS
    {
        return Hit::FrameCorner(frame.id);
    }
    // Handles stick out of the block, so look for them with a margin.
    let margin = HANDLE_RADIUS / camera.zoom;
    let near = board
        .blocks
        .values()
        .rev()
        .find(|b| b.rect().expand(margin).contains(p));
    if let Some(block) = near {
        let on_handle = draw::handle_points(camera, &block.rect())
            .iter()
            .any(|h| h.distance(screen) <= HANDLE_RADIUS);
        let inner = block.rect().expand(-BORDER_BAND / camera.zoom);
        if on_handle || (block.rect().contains(p) && !inner.contains(p)) {
            return Hit::Handle(block.id);
        }
        if block.rect().contains(p) {
            return Hit::Block(block.id);
        }
    }
    let tolerance = EDGE_HIT / camera.zoom;
    for edge in board.edges.values().rev() {
        // The box around a route rules most arrows out before any distance is measured.
        let Some(route) = state.index.routes.get(edge.id) else {
            continue;
        };
        if route.bounds.expand(tolerance).contains(p)
            && route::distance_to_route(p, &route.points) <= tolerance
        {
            return Hit::Edge(edge.id);
        }
    }
    for frame in board.frames.values().rev() {
        let title = Rect::new(
            frame.rect.min,
            Vec2::new(frame.rect.size.x, theme::FRAME_TITLE_HEIGHT),
        );
        let border =
            frame.rect.contains(p) && !frame.rect.expand(-BORDER_BAND / camera.zoom).contains(p);
        if title.contains(p) || border {
            return Hit::FrameTitle(frame.id);
        }
    }
    Hit::Empty
}

pub fn pan_and_zoom(ui: &egui::Ui, state: &mut CanvasState, response: &Response) {
    let (scroll, zoom, space, pointer) = ui.input(|i| {
        (
            i.smooth_scroll_delta,
            i.zoom_delta(),
            i.key_down(egui::Key::Space),
            i.pointer.hover_pos(),
        )
    });
    if response.hovered() {
        if zoom != 1.0 {
            let anchor = pointer.unwrap_or(state.camera.viewport.center());
            state.camera.zoom_around(anchor, zoom);
        }
        if scroll != egui::Vec2::ZERO {
            state.camera.pan_by_screen(scroll);
        }
    }
    let pan_button = response.dragged_by(PointerButton::Middle)
        || (space && response.dragged_by(PointerButton::Primary));
    if pan_button {
        state.camera.pan_by_screen(response.drag_delta());
        state.drag = Drag::Pan;
    } else if state.drag == Drag::Pan && !response.dragged() {
        state.drag = Drag::None;
    }
}

pub fn pointer(
    ui: &egui::Ui,
    state: &mut CanvasState,
    doc: &mut Document,
    catalog: &Catalog,
    response: &Response,
    out: &mut CanvasOutput,
) {
    let shift = ui.input(|i| i.modifiers.shift || i.modifiers.command);
    if state.read_only {
        read_only_pointer(ui, state, doc, response, shift);
        return;
    }
    if let Some(payload) = response.dnd_release_payload::<KindPayload>() {
        if let Some(screen) = response.hover_pos() {
            let center = state.camera.board_from_screen(screen);
            let mut pos = center - crate::model::DEFAULT_BLOCK_SIZE * 0.5;
            if state.snap {
                pos = pos.snapped(theme::GRID_STEP);
            }
            match doc.add_block(catalog, &payload.0, None, pos) {
                Ok(id) => state.selection = Selection::only_block(id),
                Err(err) => out.error = Some(err.to_string()),
            }
        }
        return;
    }
    if state.drag == Drag::Pan {
        return;
    }
    if response.drag_started_by(PointerButton::Primary) {
        let origin = ui.input(|i| i.pointer.press_origin()).unwrap_or_default();
        start_drag(state, doc, origin, shift);
    }
    if response.dragged_by(PointerButton::Primary)
        && let Some(screen) = response.interact_pointer_pos()
    {
        update_drag(state, doc, state.camera.board_from_screen(screen));
    }
    if response.drag_stopped() {
        finish_drag(state, doc, out);
    }
    if response.double_clicked() {
        if let Some(screen) = response.interact_pointer_pos() {
            double_click(state, doc, screen);
        }
    } else if response.clicked()
        && let Some(screen) = response.interact_pointer_pos()
    {
        click(state, doc, screen, shift);
    }
}

/// A read-only canvas: click to select, drag on empty canvas to select by rectangle.
fn read_only_pointer(
    ui: &egui::Ui,
    state: &mut CanvasState,
    doc: &Document,
    response: &Response,
    shift: bool,
) {
    if state.drag == Drag::Pan {
        return;
    }
    if response.drag_started_by(PointerButton::Primary) {
        let origin = ui.input(|i| i.pointer.press_origin()).unwrap_or_default();
        let p = state.camera.board_from_screen(origin);
        state.drag = Drag::Band {
            start: p,
            end: p,
            additive: shift,
        };
    }
    if response.dragged_by(PointerButton::Primary)
        && let (Some(screen), Drag::Band { end, .. }) =
            (response.interact_pointer_pos(), &mut state.drag)
    {
        *end = state.camera.board_from_screen(screen);
    }
    if response.drag_stopped()
        && let Drag::Band {
            start,
            end,
            additive,
        } = std::mem::take(&mut state.drag)
    {
        select_band(state, doc.board(), start, end, additive);
    }
    if response.clicked()
        && let Some(screen) = response.interact_pointer_pos()
    {
        click(state, doc, screen, shift);
    }
}

fn start_drag(state: &mut CanvasState, doc: &Document, origin: egui::Pos2, shift: bool) {
    let p = state.camera.board_from_screen(origin);
    state.quick_add = None;
    if state.tool == Tool::Frame {
        state.drag = Drag::NewFrame { start: p, end: p };
        return;
    }
    state.drag = match hit_test(state, doc, origin) {
        Hit::FrameCorner(id) => {
            let rect = doc.board().frame(id).map_or_else(Rect::default, |f| f.rect);
            Drag::ResizeFrame { id, rect }
        }
        Hit::Handle(from) => Drag::Connect { from, to: p },
        Hit::Block(id) => {
            if !state.selection.blocks.contains(&id) {
                if !shift {
                    state.selection.clear();
                }
                state.selection.blocks.insert(id);
            }
            begin_move(state, doc, p, Some(id))
        }
        Hit::FrameTitle(id) => {
            if !state.selection.frames.contains(&id) {
                if !shift {
                    state.selection.clear();
                }
                state.selection.frames.insert(id);
            }
            begin_move(state, doc, p, None)
        }
        Hit::Edge(_) | Hit::Empty => Drag::Band {
            start: p,
            end: p,
            additive: shift,
        },
    };
}

fn begin_move(state: &CanvasState, doc: &Document, grab: Pos, anchor: Option<BlockId>) -> Drag {
    let blocks = doc.moving_blocks(&state.selection).into_iter().collect();
    Drag::Move {
        grab,
        anchor,
        blocks,
        frames: state.selection.frames.clone(),
        delta: Vec2::ZERO,
    }
}

fn update_drag(state: &mut CanvasState, doc: &Document, p: Pos) {
    let snap = state.snap;
    match &mut state.drag {
        Drag::Move {
            grab,
            anchor,
            delta,
            frames,
            ..
        } => {
            let raw = p - *grab;
            let anchor_pos = anchor
                .and_then(|id| doc.board().block(id).map(|b| b.pos))
                .or_else(|| {
                    frames
                        .first()
                        .and_then(|id| doc.board().frame(*id))
                        .map(|f| f.rect.min)
                });
            *delta = match anchor_pos {
                Some(start) if snap => (start + raw).snapped(theme::GRID_STEP) - start,
                _ => raw,
            };
        }
        Drag::Connect { to, .. } => *to = p,
        Drag::Band { end, .. } | Drag::NewFrame { end, .. } => *end = p,
        Drag::ResizeFrame { rect, .. } => {
            let mut max = p;
            if snap {
                max = max.snapped(theme::GRID_STEP);
            }
            let size = Vec2::new(
                (max.x - rect.min.x).max(80.0),
                (max.y - rect.min.y).max(60.0),
            );
            rect.size = size;
        }
        Drag::None | Drag::Pan => {}
    }
}

fn finish_drag(state: &mut CanvasState, doc: &mut Document, out: &mut CanvasOutput) {
    let drag = std::mem::take(&mut state.drag);
    let result = match drag {
        Drag::Move {
            blocks,
            frames,
            delta,
            ..
        } => {
            let edit = Edit::Move {
                blocks: blocks.into_iter().collect(),
                frames: frames.into_iter().collect(),
                delta,
            };
            doc.apply(edit)
        }
        Drag::Connect { from, to } => match doc.board().block_at(to) {
            Some(target) if target != from => doc.connect(from, target).map(|id| {
                state.selection = Selection {
                    edges: [id].into(),
                    ..Selection::default()
                };
            }),
            // Dropped on empty canvas, away from its block: ask for the block to create there.
            None if far_from_block(state, doc, from, to) => {
                state.selection = Selection::only_block(from);
                state.quick_add = Some(QuickAdd::connected(to, from));
                Ok(())
            }
            _ => Ok(()),
        },
        Drag::Band {
            start,
            end,
            additive,
        } => {
            select_band(state, doc.board(), start, end, additive);
            Ok(())
        }
        Drag::ResizeFrame { id, rect } => doc.apply(Edit::SetFrameRect { id, rect }),
        Drag::NewFrame { start, end } => {
            let mut rect = Rect::from_corners(start, end);
            if state.snap {
                rect = Rect::from_corners(
                    rect.min.snapped(theme::GRID_STEP),
                    rect.max().snapped(theme::GRID_STEP),
                );
            }
            state.tool = Tool::Select;
            if rect.size.x < 40.0 || rect.size.y < 40.0 {
                Ok(())
            } else {
                doc.add_frame("Frame", rect).map(|id| {
                    state.selection = Selection {
                        frames: [id].into(),
                        ..Selection::default()
                    };
                    state.editing = Some(InlineEdit::new(Target::Frame(id), "Frame".to_owned()));
                })
            }
        }
        Drag::None | Drag::Pan => Ok(()),
    };
    if let Err(err) = result {
        out.error = Some(err.to_string());
    }
}

/// True when `p` lies clearly outside block `id` (a drag of a few pixels off a handle is no
/// arrow to nowhere).
fn far_from_block(state: &CanvasState, doc: &Document, id: BlockId, p: Pos) -> bool {
    let margin = 24.0 / state.camera.zoom;
    doc.board()
        .block(id)
        .is_some_and(|b| !b.rect().expand(margin).contains(p))
}

/// Selects what lies inside the rectangle `start`-`end` (and the arrows among it).
fn select_band(
    state: &mut CanvasState,
    board: &crate::model::Board,
    start: Pos,
    end: Pos,
    additive: bool,
) {
    let rect = Rect::from_corners(start, end);
    if !additive {
        state.selection.clear();
    }
    state.selection.blocks.extend(board.blocks_inside(&rect));
    state.selection.frames.extend(board.frames_inside(&rect));
    let inside: Vec<BlockId> = state.selection.blocks.iter().copied().collect();
    let edges = board
        .edges
        .values()
        .filter(|e| inside.contains(&e.from) && inside.contains(&e.to))
        .map(|e| e.id);
    state.selection.edges.extend(edges);
}

fn click(state: &mut CanvasState, doc: &Document, screen: egui::Pos2, shift: bool) {
    state.quick_add = None;
    let hit = hit_test(state, doc, screen);
    if !shift {
        state.selection.clear();
    }
    let sel = &mut state.selection;
    match hit {
        Hit::Handle(id) | Hit::Block(id) => toggle(&mut sel.blocks, id),
        Hit::Edge(id) => toggle(&mut sel.edges, id),
        Hit::FrameTitle(id) | Hit::FrameCorner(id) => toggle(&mut sel.frames, id),
        Hit::Empty => {}
    }
}

fn toggle<T: Ord>(set: &mut BTreeSet<T>, id: T) {
    if !set.remove(&id) {
        set.insert(id);
    }
}

fn double_click(state: &mut CanvasState, doc: &Document, screen: egui::Pos2) {
    let board = doc.board();
    let target = match hit_test(state, doc, screen) {
        Hit::Handle(id) | Hit::Block(id) => board
            .block(id)
            .map(|b| (Target::Block(id), b.label.clone())),
        Hit::Edge(id) => board.edge(id).map(|e| (Target::Edge(id), e.label.clone())),
        Hit::FrameTitle(id) | Hit::FrameCorner(id) => board
            .frame(id)
            .map(|f| (Target::Frame(id), f.label.clone())),
        Hit::Empty => None,
    };
    if let Some((target, text)) = target {
        state.editing = Some(InlineEdit::new(target, text));
    } else {
        let at = state.camera.board_from_screen(screen);
        state.selection.clear();
        state.quick_add = Some(QuickAdd::new(at));
    }
}

/// Paints the gesture in progress: connection line, selection rectangle, new frame outline.
pub fn paint_gesture(
    painter: &egui::Painter,
    state: &CanvasState,
    doc: &Document,
    palette: &Palette,
) {
    let camera = &state.camera;
    match &state.drag {
        Drag::Connect { from, to } => {
            let Some(rect) = live_rect(state, doc, *from) else {
                return;
            };
            let target = doc.board().block_at(*to).filter(|t| t != from);
            let end = target
                .and_then(|t| doc.board().block(t))
                .map_or(*to, |b| b.rect().boundary_towards(rect.center()));
            let start = rect.boundary_towards(end);
            let color = super::preview_color(palette);
            painter.line_segment(
                [
                    camera.screen_from_board(start),
                    camera.screen_from_board(end),
                ],
                Stroke::new(2.0, color),
            );
            painter.circle_filled(camera.screen_from_board(end), 4.0, color);
            if let Some(block) = target.and_then(|t| doc.board().block(t)) {
                let r = camera.screen_rect(&block.rect());
                painter.rect_stroke(r, 8.0, Stroke::new(2.0, color), egui::StrokeKind::Outside);
            }
        }
        Drag::Band { start, end, .. } | Drag::NewFrame { start, end } => {
            let r = camera.screen_rect(&Rect::from_corners(*start, *end));
            painter.rect(
                r,
                2.0,
                palette.rubber_band,
                Stroke::new(1.0, palette.selection),
                egui::StrokeKind::Inside,
            );
        }
        _ => {}
    }
}
