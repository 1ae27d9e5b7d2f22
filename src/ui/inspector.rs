//! The side panel for the selection: label, kind, note, arrow routing; or the board's own fields.

use super::canvas::ROUTINGS;
use super::command::Command;
use crate::model::MAX_BOARD_NOTE_CHARS;
use crate::model::{BlockId, EdgeId, Edit, FrameId};
use crate::store::{MAX_LABEL_CHARS, MAX_NOTE_CHARS};

/// Text being typed in the inspector, committed as one edit when the field loses focus.
#[derive(Debug, Default)]
pub struct InspectorState {
    label: String,
    note: String,
    title: String,
    board_note: String,
    /// One buffer per framework step.
    notes: [String; 7],
}

/// How much a text field holds.
#[derive(Clone, Copy)]
enum Lines {
    /// One line, a label's length.
    One,
    /// Several lines, up to this many characters.
    Many(usize),
}

/// A captioned text field bound to a model string of the item `owner`: shows the model value
/// until focused, and returns the new text once when editing ends (Enter, Escape or a click
/// elsewhere) with a change.
fn committed_text(
    ui: &mut egui::Ui,
    buffer: &mut String,
    current: &str,
    caption: &str,
    lines: Lines,
    owner: impl std::hash::Hash + std::fmt::Debug,
) -> Option<String> {
    let caption_response = labelled(ui, caption);
    let id = ui.make_persistent_id((caption, owner));
    let was_focused_id = id.with("was-focused");
    let was_focused = ui
        .data(|d| d.get_temp::<bool>(was_focused_id))
        .unwrap_or(false);
    let focused = ui.memory(|m| m.has_focus(id));
    // Keep what was typed in the frame focus is lost, so it can be committed.
    if !focused && !was_focused {
        current.clone_into(buffer);
    }
    let edit = match lines {
        Lines::One => egui::TextEdit::singleline(buffer).char_limit(MAX_LABEL_CHARS),
        Lines::Many(limit) => egui::TextEdit::multiline(buffer)
            .desired_rows(3)
            .char_limit(limit),
    };
    let response = ui
        .add(edit.id(id).desired_width(f32::INFINITY))
        .labelled_by(caption_response.id);
    let now_focused = response.has_focus();
    ui.data_mut(|d| d.insert_temp(was_focused_id, now_focused));
    let finished = response.lost_focus() || (was_focused && !now_focused);
    (finished && buffer.trim() != current).then(|| buffer.trim().to_owned())
}

fn labelled(ui: &mut egui::Ui, name: &str) -> egui::Response {
    ui.add_space(6.0);
    ui.label(egui::RichText::new(name).small().strong())
}

/// What the inspector shows of the app, and what the user asked of it this frame.
pub struct Cx<'a> {
    pub state: &'a mut InspectorState,
    /// The board on the canvas, and what is selected on it.
    pub board: &'a crate::model::Board,
    pub selection: &'a crate::document::Selection,
    pub catalog: &'a crate::catalog::Catalog,
    pub cases: &'a crate::cases::CaseLibrary,
    /// The reference shown on its own, if one is (the panel then describes it).
    pub reference: Option<&'a super::reference::CaseReference>,
    /// The case of the attempt in progress, whose problem the panel shows.
    pub practising: Option<&'a str>,
    pub enabled: &'a dyn Fn(Command) -> bool,
    /// Asked: a change of the board, an arrow between two blocks, a command.
    pub edit: Option<Edit>,
    pub connect: Option<(BlockId, BlockId)>,
    pub run: Option<Command>,
}

/// The side panel folded to a strip at the window's edge, with the button that unfolds it.
pub fn collapsed_ui(ui: &mut egui::Ui, cx: &mut Cx<'_>) {
    ui.add_space(4.0);
    let tip = Command::ToggleInspector.hover_text(ui.ctx());
    if ui.button("‹").on_hover_text(tip).clicked() {
        cx.run = Some(Command::ToggleInspector);
    }
}

/// The button that folds the side panel away, at the top right of the panel.
fn fold_button(ui: &mut egui::Ui, cx: &mut Cx<'_>) {
    let tip = Command::ToggleInspector.hover_text(ui.ctx());
    let row = egui::Layout::right_to_left(egui::Align::Center);
    let clicked = ui
        .horizontal(|ui| {
            ui.with_layout(row, |ui| ui.button("›").on_hover_text(tip).clicked())
                .inner
        })
        .inner;
    if clicked {
        cx.run = Some(Command::ToggleInspector);
    }
}

/// Keeps the panel's fields clear of the scroll bar, which is drawn over the content's right
/// edge.
fn clear_of_scroll_bar(ui: &mut egui::Ui) {
    let bar = ui.spacing().scroll.bar_width + ui.spacing().scroll.bar_outer_margin + 4.0;
    ui.set_max_width(ui.available_width() - bar);
}

/// The side panel: the selection's fields, the board's, or the reference's description.
pub fn inspector_ui(ui: &mut egui::Ui, cx: &mut Cx<'_>) {
    fold_button(ui, cx);
    ui.add_space(4.0);
    if let Some(reference) = cx.reference {
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                clear_of_scroll_bar(ui);
                reference_ui(ui, reference, cx.catalog, cx.cases);
            });
        return;
    }
    let sel = cx.selection.clone();
    let mut edit: Option<Edit> = None;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            clear_of_scroll_bar(ui);
            if sel.len() == 1 && sel.blocks.len() == 1 {
                edit = sel.blocks.first().and_then(|id| block_ui(ui, cx, *id));
            } else if sel.len() == 1 && sel.edges.len() == 1 {
                edit = sel.edges.first().and_then(|id| edge_ui(ui, cx, *id));
            } else if sel.len() == 1 && sel.frames.len() == 1 {
                edit = sel.frames.first().and_then(|id| frame_ui(ui, cx, *id));
            } else if sel.is_empty() {
                edit = board_ui(ui, cx);
            } else {
                ui.heading(format!("{} items selected", sel.len()));
                ui.label(format!(
                    "{}, {}, {}",
                    super::status::count(sel.blocks.len(), "block", "blocks"),
                    super::status::count(sel.edges.len(), "arrow", "arrows"),
                    super::status::count(sel.frames.len(), "frame", "frames")
                ));
                ui.add_space(8.0);
                for cmd in [Command::FrameSelection, Command::Duplicate, Command::Delete] {
                    if ui
                        .add_enabled((cx.enabled)(cmd), egui::Button::new(cmd.label()))
                        .on_hover_text(cmd.tooltip())
                        .clicked()
                    {
                        cx.run = Some(cmd);
                    }
                }
                ui.add_space(8.0);
                let _ = labelled(ui, "Arrange");
                let arrange = [[Command::Tidy].as_slice(), &Command::ARRANGE];
                for group in arrange.iter().flat_map(|g| g.chunks(3)) {
                    ui.horizontal_wrapped(|ui| {
                        for &cmd in group {
                            if ui
                                .add_enabled((cx.enabled)(cmd), egui::Button::new(cmd.label()))
                                .on_hover_text(cmd.hover_text(ui.ctx()))
                                .clicked()
                            {
                                cx.run = Some(cmd);
                            }
                        }
                    });
                }
            }
        });
    cx.edit = edit;
}

fn block_ui(ui: &mut egui::Ui, cx: &mut Cx<'_>, id: BlockId) -> Option<Edit> {
    let block = cx.board.block(id)?.clone();
    let kind_name = cx
        .catalog
        .kind(&block.kind)
        .map_or(block.kind.clone(), |k| k.name.clone());
    ui.heading("Block");
    let mut edit = None;
    if let Some(label) = committed_text(
        ui,
        &mut cx.state.label,
        &block.label,
        "Label",
        Lines::One,
        ("block", id.0),
    ) {
        edit = Some(Edit::SetBlockLabel { id, label });
    }
    let caption = labelled(ui, "Kind");
    egui::ComboBox::from_id_salt("kind")
        .selected_text(kind_name)
        .width(ui.available_width())
        .show_ui(ui, |ui| {
            for category in cx.catalog.categories() {
                ui.label(egui::RichText::new(&category.name).small().weak());
                for kind in cx.catalog.kinds_in(&category.id) {
                    if ui
                        .selectable_label(kind.id == block.kind, &kind.name)
                        .on_hover_text(&kind.description)
                        .clicked()
                    {
                        edit = Some(Edit::SetBlockKind {
                            id,
                            kind: kind.id.clone(),
                        });
                    }
                }
            }
        })
        .response
        .labelled_by(caption.id);
    if let Some(kind) = cx.catalog.kind(&block.kind) {
        ui.add(egui::Label::new(egui::RichText::new(&kind.description).small().weak()).wrap());
    }
    if let Some(note) = committed_text(
        ui,
        &mut cx.state.note,
        &block.note,
        "Note",
        Lines::Many(MAX_NOTE_CHARS),
        ("block", id.0),
    ) {
        edit = Some(Edit::SetBlockNote { id, note });
    }
    ui.add_space(6.0);
    let others: Vec<(BlockId, String)> = cx
        .board
        .blocks
        .values()
        .filter(|b| b.id != id)
        .map(|b| (b.id, b.label.clone()))
        .collect();
    let mut target = None;
    let connect_caption = labelled(ui, "Connect");
    egui::ComboBox::from_id_salt("connect")
        .selected_text("Add an arrow to…")
        .width(ui.available_width())
        .show_ui(ui, |ui| {
            for (other, label) in &others {
                if ui.selectable_label(false, label).clicked() {
                    target = Some(*other);
                }
            }
        })
        .response
        .labelled_by(connect_caption.id);
    if let Some(to) = target {
        cx.connect = Some((id, to));
    }
    ui.add_space(10.0);
    ui.horizontal(|ui| {
        for cmd in [Command::Duplicate, Command::Delete] {
            if ui
                .button(cmd.label())
                .on_hover_text(cmd.tooltip())
                .clicked()
            {
                cx.run = Some(cmd);
            }
        }
    });
    edit
}

fn edge_ui(ui: &mut egui::Ui, cx: &mut Cx<'_>, id: EdgeId) -> Option<Edit> {
    let edge = cx.board.edge(id)?.clone();
    let board = cx.board;
    let name = |b| board.block(b).map_or_else(String::new, |b| b.label.clone());
    let mut edit = None;
    if edge.undirected {
        ui.heading("Line");
        ui.label(format!("{} -- {}", name(edge.from), name(edge.to)));
        ui.add(
            egui::Label::new(
                egui::RichText::new(
                    "No direction (drawn without an arrowhead): grading counts it neither right nor reversed.",
                )
                .small()
                .weak(),
            )
            .wrap(),
        );
        if ui
            .button(format!("Point it {} -> {}", name(edge.from), name(edge.to)))
            .on_hover_text(
                "Give the line an arrowhead at its second end; Reverse arrow then turns it",
            )
            .clicked()
        {
            edit = Some(Edit::SetEdgeUndirected {
                id,
                undirected: false,
            });
        }
    } else {
        ui.heading("Arrow");
        ui.label(format!("{} -> {}", name(edge.from), name(edge.to)));
    }
    if let Some(label) = committed_text(
        ui,
        &mut cx.state.label,
        &edge.label,
        "Label",
        Lines::One,
        ("edge", id.0),
    ) {
        edit = Some(Edit::SetEdgeLabel { id, label });
    }
    let _ = labelled(ui, "Routing");
    ui.horizontal(|ui| {
        for (routing, text) in ROUTINGS {
            if ui.radio(edge.routing == routing, text).clicked() && edge.routing != routing {
                edit = Some(Edit::SetEdgeRouting { id, routing });
            }
        }
    });
    ui.add_space(10.0);
    // A line has no direction to reverse.
    let commands: &[Command] = if edge.undirected {
        &[Command::Delete]
    } else {
        &[Command::ReverseArrow, Command::Delete]
    };
    ui.horizontal(|ui| {
        for &cmd in commands {
            if ui
                .button(cmd.label())
                .on_hover_text(cmd.tooltip())
                .clicked()
            {
                cx.run = Some(cmd);
            }
        }
    });
    edit
}

fn frame_ui(ui: &mut egui::Ui, cx: &mut Cx<'_>, id: FrameId) -> Option<Edit> {
    let frame = cx.board.frame(id)?.clone();
    ui.heading("Frame");
    let mut edit = None;
    if let Some(label) = committed_text(
        ui,
        &mut cx.state.label,
        &frame.label,
        "Label",
        Lines::One,
        ("frame", id.0),
    ) {
        edit = Some(Edit::SetFrameLabel { id, label });
    }
    ui.add_space(6.0);
    ui.weak(
        "Drag the title to move the frame with the blocks inside it; drag the corner to resize.",
    );
    ui.add_space(10.0);
    if ui
        .button(Command::Delete.label())
        .on_hover_text("Delete the frame; the blocks inside stay")
        .clicked()
    {
        cx.run = Some(Command::Delete);
    }
    edit
}

fn board_ui(ui: &mut egui::Ui, cx: &mut Cx<'_>) -> Option<Edit> {
    if let Some(case) = cx.practising.and_then(|id| cx.cases.get(id)) {
        ui.heading("The problem");
        ui.add(egui::Label::new(&case.prompt).wrap());
        ui.add_space(4.0);
        for line in &case.requirements {
            ui.add(egui::Label::new(format!("• {line}")).wrap());
        }
        ui.separator();
    }
    ui.heading("Board");
    let mut edit = None;
    let board = cx.board.clone();
    if let Some(title) = committed_text(
        ui,
        &mut cx.state.title,
        &board.title,
        "Title",
        Lines::One,
        "board",
    ) {
        edit = Some(Edit::SetTitle { title });
    }
    ui.add_space(6.0);
    let current = board.case.as_deref().map_or_else(
        || "None (free drawing)".to_owned(),
        |id| {
            cx.cases
                .get(id)
                .map_or_else(|| id.to_owned(), |c| c.title.clone())
        },
    );
    let caption = labelled(ui, "Case");
    egui::ComboBox::from_id_salt("case")
        .selected_text(current)
        .width(ui.available_width())
        .show_ui(ui, |ui| {
            if ui
                .selectable_label(board.case.is_none(), "None (free drawing)")
                .clicked()
            {
                edit = Some(Edit::SetCase { case: None });
            }
            for (case, _) in &cx.cases.cases {
                let selected = board.case.as_deref() == Some(case.id.as_str());
                if ui
                    .selectable_label(selected, &case.title)
                    .on_hover_text(&case.prompt)
                    .clicked()
                {
                    edit = Some(Edit::SetCase {
                        case: Some(case.id.clone()),
                    });
                }
            }
        })
        .response
        .labelled_by(caption.id);
    if board.case.is_some() {
        ui.weak("Grade with Ctrl+Enter to compare your drawing with the reference.");
    }
    // An imported drawing's loose text lands here; the user may keep notes of their own too.
    if let Some(note) = committed_text(
        ui,
        &mut cx.state.board_note,
        &board.note,
        "Note",
        Lines::Many(MAX_BOARD_NOTE_CHARS),
        "board",
    ) {
        edit = Some(Edit::SetBoardNote { note });
    }
    ui.add_space(8.0);
    egui::CollapsingHeader::new(egui::RichText::new("Framework notes").strong())
        .default_open(!board.notes.is_empty())
        .show(ui, |ui| {
            ui.weak("What you would say for each step; grading checks them for the case's key concepts.");
            for (index, (step, text)) in board.notes.steps().iter().enumerate() {
                if let Some(new_text) = committed_text(ui, &mut cx.state.notes[index], text, step, Lines::Many(MAX_NOTE_CHARS), "notes") {
                    let mut notes = board.notes.clone();
                    if let Some(slot) = notes.step_mut(index) {
                        *slot = new_text;
                    }
                    edit = Some(Edit::SetNotes { notes });
                }
            }
        });
    ui.add_space(12.0);
    ui.label(egui::RichText::new("How to draw").strong());
    for tip in [
        "Click or drag a block from the palette; or double-click the canvas and type a name such as \"faiss\" or \"kafka\".",
        "Drag from a block's edge or one of its round handles to another block to draw an arrow, or into empty space to add the next block there.",
        "Tab adds the next block to the right of the selected one; type a -> b -> c to add a whole chain.",
        "Double-click a block, arrow or frame to rename it.",
        "Drag on empty canvas to select several; Shift-click adds to the selection.",
        "Scroll to pan, Ctrl+scroll to zoom, middle-drag or Space+drag to pan.",
    ] {
        ui.add(egui::Label::new(egui::RichText::new(format!("• {tip}")).weak()).wrap());
    }
    edit
}

/// The side panel of a reference: the selected block's names, or the case itself.
fn reference_ui(
    ui: &mut egui::Ui,
    reference: &super::reference::CaseReference,
    catalog: &crate::catalog::Catalog,
    cases: &crate::cases::CaseLibrary,
) {
    let board = reference.doc.board();
    let selection = &reference.canvas.selection;
    let selected = selection.blocks.first().and_then(|id| board.block(*id));
    if let (Some(block), 1) = (selected, selection.len()) {
        ui.heading(&block.label);
        if let Some(kind) = catalog.kind(&block.kind) {
            ui.label(egui::RichText::new(&kind.name).strong());
            ui.add(egui::Label::new(egui::RichText::new(&kind.description).small().weak()).wrap());
        }
        ui.add_space(6.0);
        ui.add(egui::Label::new(&block.note).wrap());
        return;
    }
    let Some(case) = cases.get(&reference.case_id) else {
        return;
    };
    ui.heading(&case.title);
    ui.add_space(4.0);
    ui.add(egui::Label::new(&case.prompt).wrap());
    ui.add_space(8.0);
    ui.label(egui::RichText::new("Requirements").strong());
    for line in &case.requirements {
        ui.add(egui::Label::new(format!("• {line}")).wrap());
    }
    ui.add_space(8.0);
    ui.label(egui::RichText::new("Key concepts").strong());
    for (step, concepts) in case.concepts.steps() {
        egui::CollapsingHeader::new(step)
            .id_salt(step)
            .show(ui, |ui| {
                for concept in concepts {
                    let also = if concept.synonyms.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", concept.synonyms.join(", "))
                    };
                    ui.add(
                        egui::Label::new(
                            egui::RichText::new(format!("• {}{also}", concept.name)).small(),
                        )
                        .wrap(),
                    );
                }
            });
    }
}
