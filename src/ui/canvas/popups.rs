//! In-place editors on the canvas: renaming a block, arrow or frame, and the quick-add box.

use egui::{Key, TextEdit};

use super::{CanvasOutput, CanvasState, live_route};
use crate::catalog::Catalog;
use crate::document::{Document, Selection};
use crate::model::{BlockId, DEFAULT_BLOCK_SIZE, EdgeId, Edit, FrameId, Pos, Rect, Vec2, route};
use crate::store::MAX_LABEL_CHARS;
use crate::ui::theme;

const FOCUS_FRAMES: u8 = 3;

/// Which item an inline editor renames.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Block(BlockId),
    Edge(EdgeId),
    Frame(FrameId),
}

/// A label being edited in place.
#[derive(Clone, Debug, PartialEq)]
pub struct InlineEdit {
    pub target: Target,
    pub text: String,
    /// Frames left in which the editor claims keyboard focus. The click that opened it can
    /// clear focus at the end of its own frame, so one request is not enough.
    focus_frames: u8,
}

impl InlineEdit {
    pub fn new(target: Target, text: String) -> Self {
        InlineEdit {
            target,
            text,
            focus_frames: FOCUS_FRAMES,
        }
    }

    /// The rename of the first selected block, else arrow, else frame, with its label.
    pub fn for_selection(selection: &Selection, board: &crate::model::Board) -> Option<Self> {
        let (target, text) = if let Some(id) = selection.blocks.first() {
            (Target::Block(*id), &board.block(*id)?.label)
        } else if let Some(id) = selection.edges.first() {
            (Target::Edge(*id), &board.edge(*id)?.label)
        } else {
            let id = selection.frames.first()?;
            (Target::Frame(*id), &board.frame(*id)?.label)
        };
        Some(InlineEdit::new(target, text.clone()))
    }
}

/// The box that appears on double-click: type a kind, alias or product name, press Enter.
#[derive(Clone, Debug, PartialEq)]
pub struct QuickAdd {
    /// Board position of the double-click; the new block is centred there.
    pub at: Pos,
    pub query: String,
    /// Frames left in which the editor claims keyboard focus. The click that opened it can
    /// clear focus at the end of its own frame, so one request is not enough.
    focus_frames: u8,
}

impl QuickAdd {
    pub fn new(at: Pos) -> Self {
        QuickAdd {
            at,
            query: String::new(),
            focus_frames: FOCUS_FRAMES,
        }
    }
}

fn target_rect(state: &CanvasState, doc: &Document, target: Target) -> Option<Rect> {
    let board = doc.board();
    match target {
        Target::Block(id) => board.block(id).map(crate::model::Block::rect),
        Target::Frame(id) => board.frame(id).map(|f| {
            Rect::new(
                f.rect.min,
                Vec2::new(f.rect.size.x.min(320.0), theme::FRAME_TITLE_HEIGHT + 6.0),
            )
        }),
        Target::Edge(id) => {
            let edge = board.edge(id)?;
            let mid = route::midpoint(&live_route(state, doc, edge)?);
            Some(Rect::new(
                mid - Vec2::new(90.0, 14.0),
                Vec2::new(180.0, 28.0),
            ))
        }
    }
}

pub fn inline_editor(
    ui: &mut egui::Ui,
    state: &mut CanvasState,
    doc: &mut Document,
    out: &mut CanvasOutput,
) {
    let Some(target) = state.editing.as_ref().map(|e| e.target) else {
        return;
    };
    let Some(rect) = target_rect(state, doc, target) else {
        state.editing = None;
        return;
    };
    let zoom = state.camera.zoom;
    let mut screen = state.camera.screen_rect(&rect);
    let Some(editing) = state.editing.as_mut() else {
        return;
    };
    if matches!(editing.target, Target::Block(_)) {
        screen = screen.shrink2(egui::vec2(
            8.0,
            (screen.height() - 30.0 * zoom.max(0.8)).max(0.0) * 0.5,
        ));
    }
    let font = egui::FontId::proportional((theme::LABEL_SIZE * zoom).clamp(11.0, 40.0));
    let edit_id = ui.make_persistent_id("inline-label");
    let response = ui.put(
        screen,
        TextEdit::singleline(&mut editing.text)
            .id(edit_id)
            .font(font)
            .char_limit(MAX_LABEL_CHARS)
            .align(egui::Align2::CENTER_CENTER),
    );
    if editing.focus_frames > 0 {
        editing.focus_frames -= 1;
        response.request_focus();
        select_all(ui.ctx(), edit_id, &editing.text);
        ui.ctx().request_repaint();
        return;
    }
    let cancelled = ui.input(|i| i.key_pressed(Key::Escape));
    if response.lost_focus() || !response.has_focus() {
        let editing = state.editing.take();
        if let (Some(editing), false) = (editing, cancelled) {
            let text = editing.text.trim().to_owned();
            let edit = match editing.target {
                Target::Block(id) => Edit::SetBlockLabel { id, label: text },
                Target::Edge(id) => Edit::SetEdgeLabel { id, label: text },
                Target::Frame(id) => Edit::SetFrameLabel { id, label: text },
            };
            if !unchanged(doc, &edit)
                && let Err(err) = doc.apply(edit)
            {
                out.error = Some(err.to_string());
            }
        }
    }
}

/// Selects the whole text of a text field, so typing replaces it (as renaming does elsewhere).
fn select_all(ctx: &egui::Context, id: egui::Id, text: &str) {
    let mut state = egui::text_edit::TextEditState::load(ctx, id).unwrap_or_default();
    state
        .cursor
        .set_char_range(Some(egui::text::CCursorRange::select_all_str(text)));
    state.store(ctx, id);
}

/// True when a label edit would set the text it already has (no undo step for that).
pub fn unchanged(doc: &Document, edit: &Edit) -> bool {
    let board = doc.board();
    match edit {
        Edit::SetBlockLabel { id, label } => board.block(*id).is_some_and(|b| b.label == *label),
        Edit::SetEdgeLabel { id, label } => board.edge(*id).is_some_and(|e| e.label == *label),
        Edit::SetFrameLabel { id, label } => board.frame(*id).is_some_and(|f| f.label == *label),
        _ => false,
    }
}

pub fn quick_add(
    ui: &mut egui::Ui,
    state: &mut CanvasState,
    doc: &mut Document,
    catalog: &Catalog,
    out: &mut CanvasOutput,
) {
    let Some(quick) = state.quick_add.as_mut() else {
        return;
    };
    let screen = state.camera.screen_from_board(quick.at);
    let mut chosen: Option<(String, String)> = None;
    let mut close = false;
    egui::Area::new(ui.make_persistent_id("quick-add"))
        .fixed_pos(screen - egui::vec2(130.0, 18.0))
        .order(egui::Order::Foreground)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_width(260.0);
                let caption = ui.label(egui::RichText::new("Add block").small().strong());
                let response = ui
                    .add(
                        TextEdit::singleline(&mut quick.query)
                            .hint_text("type a name, e.g. faiss, kafka, ranker")
                            .char_limit(MAX_LABEL_CHARS)
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(caption.id);
                if quick.focus_frames > 0 {
                    quick.focus_frames -= 1;
                    response.request_focus();
                    ui.ctx().request_repaint();
                }
                let choices = catalog.suggest(&quick.query);
                if response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                    chosen = choices.first().map(|s| (s.kind.clone(), s.label.clone()));
                }
                for suggestion in &choices {
                    let description = catalog
                        .kind(&suggestion.kind)
                        .map(|k| k.description.as_str())
                        .unwrap_or_default();
                    if ui
                        .selectable_label(false, &suggestion.shown)
                        .on_hover_text(description)
                        .clicked()
                    {
                        chosen = Some((suggestion.kind.clone(), suggestion.label.clone()));
                    }
                }
                if ui.input(|i| i.key_pressed(Key::Escape)) {
                    close = true;
                }
            });
        });
    let Some(quick) = state.quick_add.clone() else {
        return;
    };
    if let Some((kind, label)) = chosen {
        state.quick_add = None;
        let mut pos = quick.at - DEFAULT_BLOCK_SIZE * 0.5;
        if state.snap {
            pos = pos.snapped(theme::GRID_STEP);
        }
        match doc.add_block(catalog, &kind, Some(&label), pos) {
            Ok(id) => state.selection = Selection::only_block(id),
            Err(err) => out.error = Some(err.to_string()),
        }
    } else if close {
        state.quick_add = None;
    }
}
