//! In-place editors on the canvas: renaming a block, arrow or frame, and the quick-add box.

use egui::{Key, TextEdit};

use super::{CanvasOutput, CanvasState, live_label_spot};
use crate::catalog::{Catalog, Suggestion};
use crate::document::{Document, Selection};
use crate::model::{BlockId, DEFAULT_BLOCK_SIZE, EdgeId, Edit, FrameId, Pos, Rect, Vec2};
use crate::store::MAX_LABEL_CHARS;
use crate::ui::theme;

const FOCUS_FRAMES: u8 = 3;

/// Longest text the quick-add box takes: a chain of a few dozen names.
const MAX_CHAIN_CHARS: usize = 4 * MAX_LABEL_CHARS;

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

/// The box that appears on double-click, on an arrow dropped on empty canvas, or on Tab: type
/// a name (or a chain `a -> b -> c`), press Enter.
#[derive(Clone, Debug, PartialEq)]
pub struct QuickAdd {
    /// Board position of the new block's centre.
    pub at: Pos,
    pub query: String,
    /// The block the new one is connected from (an arrow dropped here, or Tab).
    pub from: Option<BlockId>,
    /// The suggestion Enter takes (moved with the arrow keys).
    pub highlighted: usize,
    /// The suggestions for the query they were made for, kept until it changes.
    suggested: Option<(String, Vec<Suggestion>)>,
    /// A typed chain as it will be added (each name as it becomes a block), for the query it
    /// was worked out for.
    chain_preview: Option<(String, String)>,
    /// Frames left in which the editor claims keyboard focus. The click that opened it can
    /// clear focus at the end of its own frame, so one request is not enough.
    focus_frames: u8,
}

impl QuickAdd {
    pub fn new(at: Pos) -> Self {
        QuickAdd {
            at,
            query: String::new(),
            from: None,
            highlighted: 0,
            suggested: None,
            chain_preview: None,
            focus_frames: FOCUS_FRAMES,
        }
    }

    /// A quick add whose block will be connected from `from`.
    pub fn connected(at: Pos, from: BlockId) -> Self {
        QuickAdd {
            from: Some(from),
            ..QuickAdd::new(at)
        }
    }

    /// The catalog's suggestions for the query (matched again only when it changes).
    fn suggestions(&mut self, catalog: &Catalog) -> &[Suggestion] {
        if self
            .suggested
            .as_ref()
            .is_none_or(|(q, _)| *q != self.query)
        {
            self.suggested = Some((self.query.clone(), catalog.suggest(&self.query)));
        }
        self.suggested.as_ref().map_or(&[], |(_, s)| s.as_slice())
    }

    /// The blocks a typed chain becomes, in words: "query image -> Encoder -> FAISS" (worked
    /// out again only when the text changes).
    fn chain_preview(&mut self, catalog: &Catalog, doc: &Document, names: &[String]) -> &str {
        if self
            .chain_preview
            .as_ref()
            .is_none_or(|(q, _)| *q != self.query)
        {
            let shown: Vec<String> = names
                .iter()
                .map(|name| {
                    let label = catalog
                        .first_suggestion(name)
                        .map_or_else(|| name.clone(), |s| s.label);
                    // A name already on the board joins that block.
                    match doc.block_named(&label).or_else(|| doc.block_named(name)) {
                        Some(id) => doc
                            .board()
                            .block(id)
                            .map_or(label, |b| format!("{} (there)", b.label)),
                        None => label,
                    }
                })
                .collect();
            self.chain_preview = Some((self.query.clone(), shown.join(" -> ")));
        }
        self.chain_preview.as_ref().map_or("", |(_, s)| s.as_str())
    }

    /// The quick add for the block after `from`: to its right on a free spot, connected.
    pub fn next_to(doc: &Document, from: BlockId, snap: bool) -> Option<Self> {
        let block = doc.board().block(from)?;
        let mut wanted = Pos::new(block.pos.x + block.size.x + 80.0, block.pos.y);
        if snap {
            wanted = wanted.snapped(theme::GRID_STEP);
        }
        let spot = doc.board().free_spot(wanted, DEFAULT_BLOCK_SIZE);
        Some(QuickAdd::connected(spot + DEFAULT_BLOCK_SIZE * 0.5, from))
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
            let mid = live_label_spot(state, doc, edge)?;
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
    // Screen readers (and UI tests) find the editor by what it edits.
    let name = match editing.target {
        Target::Block(_) => "Block label",
        Target::Edge(_) => "Arrow label",
        Target::Frame(_) => "Frame label",
    };
    ui.ctx()
        .accesskit_node_builder(response.id, |node| node.set_label(name));
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

/// What the quick-add box will do on Enter.
enum Plan {
    /// One block: a suggestion's kind and label.
    Block(Suggestion),
    /// A chain of names, connected left to right.
    Chain(Vec<String>),
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
    if let Some(from) = quick.from.and_then(|id| doc.board().block(id)) {
        // Where the arrow will run, from the block to the box.
        let start = state.camera.screen_from_board(from.rect().center());
        let color = ui.visuals().selection.stroke.color;
        ui.painter().add(egui::Shape::dashed_line(
            &[start, screen],
            egui::Stroke::new(1.5, color),
            6.0,
            4.0,
        ));
    }
    let mut chosen: Option<Plan> = None;
    let mut close = false;
    let mut then_next = false;
    egui::Area::new(ui.make_persistent_id("quick-add"))
        .fixed_pos(screen - egui::vec2(140.0, 18.0))
        // Kept on the canvas, clear of the side panels.
        .constrain_to(state.camera.viewport)
        .order(egui::Order::Foreground)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_width(280.0);
                let title = if quick.from.is_some() {
                    "Add the next block"
                } else {
                    "Add block"
                };
                let caption = ui.label(egui::RichText::new(title).small().strong());
                // The arrow keys move the highlight, and Tab adds the block and goes on to the
                // next: the text field must not see them.
                let (up, down, tab) = ui.input_mut(|i| {
                    (
                        i.consume_key(egui::Modifiers::NONE, Key::ArrowUp),
                        i.consume_key(egui::Modifiers::NONE, Key::ArrowDown),
                        i.consume_key(egui::Modifiers::NONE, Key::Tab),
                    )
                });
                let response = ui
                    .add(
                        TextEdit::singleline(&mut quick.query)
                            .hint_text("a name (faiss, kafka), or a -> b -> c")
                            .char_limit(MAX_CHAIN_CHARS)
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(caption.id);
                if response.changed() {
                    quick.highlighted = 0;
                }
                // What the text asks for as it is now, after this frame's typing.
                let chain = crate::chain::parse(&quick.query);
                let choices = if chain.is_some() {
                    Vec::new()
                } else {
                    quick.suggestions(catalog).to_vec()
                };
                let last = choices.len().saturating_sub(1);
                if down {
                    quick.highlighted = (quick.highlighted + 1).min(last);
                }
                if up {
                    quick.highlighted = quick.highlighted.saturating_sub(1);
                }
                quick.highlighted = quick.highlighted.min(last);
                if quick.focus_frames > 0 {
                    quick.focus_frames -= 1;
                    response.request_focus();
                    ui.ctx().request_repaint();
                }
                let enter =
                    (response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter))) || tab;
                then_next = tab;
                if let Some(names) = &chain {
                    let preview = quick.chain_preview(catalog, doc, names).to_owned();
                    ui.label(
                        egui::RichText::new(format!(
                            "Enter adds {} connected blocks: {preview}",
                            names.len()
                        ))
                        .small(),
                    );
                    if enter {
                        chosen = Some(Plan::Chain(names.clone()));
                    }
                } else if enter {
                    chosen = choices.get(quick.highlighted).cloned().map(Plan::Block);
                }
                for (index, suggestion) in choices.iter().enumerate() {
                    let description = catalog
                        .kind(&suggestion.kind)
                        .map(|k| k.description.as_str())
                        .unwrap_or_default();
                    let highlighted = index == quick.highlighted;
                    let text = if highlighted {
                        format!("{}   (Enter)", suggestion.shown)
                    } else {
                        suggestion.shown.clone()
                    };
                    if ui
                        .selectable_label(highlighted, text)
                        .on_hover_text(description)
                        .clicked()
                    {
                        chosen = Some(Plan::Block(suggestion.clone()));
                    }
                }
                if !choices.is_empty() {
                    ui.label(
                        egui::RichText::new(
                            "Up/Down: choose · Enter: add · Tab: add, go on · Esc: cancel",
                        )
                        .small()
                        .weak(),
                    );
                }
                if ui.input(|i| i.key_pressed(Key::Escape)) {
                    close = true;
                }
            });
        });
    let Some(quick) = state.quick_add.clone() else {
        return;
    };
    let Some(plan) = chosen else {
        if close {
            state.quick_add = None;
        }
        return;
    };
    state.quick_add = None;
    let mut pos = quick.at - DEFAULT_BLOCK_SIZE * 0.5;
    if state.snap {
        pos = pos.snapped(theme::GRID_STEP);
    }
    let added = match plan {
        // Going on from a block to one that is already on the board joins the two (no twin),
        // as a typed chain does.
        Plan::Block(s) => match (quick.from, quick.from.and(doc.block_named(&s.label))) {
            (Some(from), Some(named)) => doc.connect(from, named).map(|_| named),
            (Some(from), None) => doc.add_connected(catalog, from, &s.kind, &s.label, pos),
            (None, _) => doc.add_block(catalog, &s.kind, Some(&s.label), pos),
        }
        .map(|id| vec![id]),
        Plan::Chain(names) => {
            let snap = state.snap.then_some(theme::GRID_STEP);
            doc.add_chain(catalog, quick.from, &names, pos, snap)
        }
    };
    match added {
        // The last block is selected, so Tab carries the pipeline on from it.
        Ok(ids) => {
            state.selection = ids
                .last()
                .map_or_else(Selection::default, |id| Selection::only_block(*id));
            // A chain that runs past the edge of the view brings itself into view.
            state.reveal = ids
                .iter()
                .filter_map(|id| doc.board().block(*id))
                .map(crate::model::Block::rect)
                .reduce(|a, b| a.union(&b));
            // Tab: the box opens again for the block after this one.
            if then_next {
                state.quick_add = ids
                    .last()
                    .and_then(|id| QuickAdd::next_to(doc, *id, state.snap));
            }
        }
        Err(err) => out.error = Some(err.to_string()),
    }
}
