//! Keyboard input of the app: command shortcuts, nudging, and the clipboard events.

use egui::{Key, Modifiers};

use super::canvas::{CanvasState, Tool};
use super::command::Command;
use crate::catalog::Catalog;
use crate::document::Document;
use crate::model::{Items, Vec2};
use crate::store;

/// The commands this frame's keys ask for, in order, and whether Escape was pressed (it is
/// no command: it closes what is open or clears the selection).
pub fn pressed(ctx: &egui::Context) -> (Vec<Command>, bool) {
    let typing = ctx.egui_wants_keyboard_input();
    let mut commands: Vec<Command> = Command::ALL
        .into_iter()
        .filter(|cmd| !cmd.arrives_as_event())
        .collect();
    // Most specific first, so Ctrl+Shift+Z is not taken for Ctrl+Z.
    commands.sort_by_key(|c| {
        c.shortcut().map_or(0, |s| {
            u8::from(s.modifiers.shift) + u8::from(s.modifiers.alt)
        })
    });
    commands.reverse();
    let mut asked: Vec<Command> = commands
        .into_iter()
        .filter(|cmd| !(typing && cmd.needs_canvas_focus()))
        .filter(|cmd| ctx.input_mut(|i| consume(i, *cmd, typing)))
        .collect();
    if typing {
        return (asked, false);
    }
    let (redo_y, backspace, escape) = ctx.input_mut(|i| {
        (
            i.consume_key(Modifiers::COMMAND, Key::Y),
            i.consume_key(Modifiers::NONE, Key::Backspace),
            i.consume_key(Modifiers::NONE, Key::Escape),
        )
    });
    for (on, cmd) in [(redo_y, Command::Redo), (backspace, Command::Delete)] {
        if on {
            asked.push(cmd);
        }
    }
    (asked, escape)
}

/// Takes `cmd`'s shortcut out of this frame's input, however it arrived: as its key, as the
/// key at that place on the keyboard (a digit or sign typed with Shift on another layout), or
/// as the text the keys type ("!" for Shift+1 on X11). Several of these in one frame are one
/// press.
fn consume(input: &mut egui::InputState, cmd: Command, typing: bool) -> bool {
    let Some(shortcut) = cmd.shortcut() else {
        return false;
    };
    let by_place = !is_letter(shortcut.logical_key);
    let mut hit = false;
    input.events.retain(|event| {
        let matched = matches!(
            event,
            egui::Event::Key { key, physical_key, modifiers, pressed: true, .. }
                if (*key == shortcut.logical_key
                    || (by_place && *physical_key == Some(shortcut.logical_key)))
                    && modifiers.matches_logically(shortcut.modifiers)
        );
        hit |= matched;
        !matched
    });
    if let (Some(text), false) = (cmd.shortcut_text(), typing) {
        let before = input.events.len();
        input
            .events
            .retain(|event| !matches!(event, egui::Event::Text(t) if t == text));
        hit |= input.events.len() != before;
    }
    hit
}

/// Letters are matched by the letter a key types, never by its place (so Ctrl+Z stays on the
/// Z of a French or German keyboard).
fn is_letter(key: Key) -> bool {
    key.name().len() == 1 && key.name().chars().all(|c| c.is_ascii_alphabetic())
}

/// What Escape does on a canvas: no quick add, the select tool, nothing selected.
pub fn escape(canvas: &mut CanvasState) {
    canvas.quick_add = None;
    canvas.tool = Tool::Select;
    canvas.selection.clear();
}

/// Arrow keys move the selection by one grid step (Shift: one unit). Returns a refused move.
pub fn nudge(
    ctx: &egui::Context,
    canvas: &CanvasState,
    doc: &mut Document,
) -> Option<crate::model::EditError> {
    if canvas.selection.is_empty() || canvas.read_only || ctx.egui_wants_keyboard_input() {
        return None;
    }
    let (fine, dirs) = ctx.input_mut(|i| {
        let fine = i.modifiers.shift;
        let m = if fine {
            Modifiers::SHIFT
        } else {
            Modifiers::NONE
        };
        let dirs = [
            (i.consume_key(m, Key::ArrowLeft), Vec2::new(-1.0, 0.0)),
            (i.consume_key(m, Key::ArrowRight), Vec2::new(1.0, 0.0)),
            (i.consume_key(m, Key::ArrowUp), Vec2::new(0.0, -1.0)),
            (i.consume_key(m, Key::ArrowDown), Vec2::new(0.0, 1.0)),
        ];
        (fine, dirs)
    });
    let step = if fine { 1.0 } else { super::theme::GRID_STEP };
    dirs.into_iter()
        .filter(|(pressed, _)| *pressed)
        .find_map(|(_, dir)| doc.move_items(&canvas.selection, dir * step).err())
}

/// Blocks copied, for pasting; and board text still to hand to the system clipboard.
#[derive(Debug, Default)]
pub struct Clipboard {
    items: Option<Items>,
    /// Text for the system clipboard, handed over at the end of the frame.
    pub outgoing: Option<String>,
}

impl Clipboard {
    /// Whether anything was copied here to paste.
    pub fn has_items(&self) -> bool {
        self.items.is_some()
    }

    /// Copies the selection of the board on the canvas; false when nothing is selected. The
    /// fragment also goes to the system clipboard as board text, so it can be pasted into
    /// another archdrill window.
    pub fn copy(&mut self, canvas: &CanvasState, doc: &Document) -> bool {
        if canvas.selection.is_empty() {
            return false;
        }
        let items = doc.copy(&canvas.selection);
        self.outgoing = store::board_to_text(&items.to_board()).ok();
        self.items = Some(items);
        true
    }

    /// Pastes board text from the system clipboard, or else what was copied here, beside
    /// where it came from, and selects it. Returns a refusal to report.
    pub fn paste(
        &self,
        (canvas, doc): (&mut CanvasState, &mut Document),
        text: Option<&str>,
        catalog: &Catalog,
    ) -> Option<String> {
        if canvas.read_only {
            return None;
        }
        let from_text = text
            .and_then(|text| store::parse_board(text, catalog).ok())
            .map(|loaded| Items::from_board(loaded.board));
        let items = from_text.or_else(|| self.items.clone())?;
        match doc.paste(&items, Vec2::new(24.0, 24.0)) {
            Ok(sel) => {
                canvas.selection = sel;
                None
            }
            Err(err) => Some(format!("Not pasted: {err}")),
        }
    }
}

/// Ctrl+C / Ctrl+X / Ctrl+V arrive as events: copies from and pastes into the board on the
/// canvas (a reference's blocks may be copied, into the user's board later). Returns whether
/// a cut asks for the selection's deletion, and a refused paste.
pub fn clipboard_events(
    ctx: &egui::Context,
    (canvas, doc): (&mut CanvasState, &mut Document),
    clipboard: &mut Clipboard,
    catalog: &Catalog,
) -> (bool, Option<String>) {
    if ctx.egui_wants_keyboard_input() {
        return (false, None);
    }
    let events = ctx.input(|i| i.events.clone());
    let (mut cut, mut refused) = (false, None);
    for event in events {
        match event {
            egui::Event::Copy | egui::Event::Cut => {
                let copied = clipboard.copy(canvas, doc);
                cut |= copied && event == egui::Event::Cut && !canvas.read_only;
            }
            egui::Event::Paste(text) => {
                refused = clipboard
                    .paste((canvas, doc), Some(&text), catalog)
                    .or(refused);
            }
            _ => {}
        }
    }
    (cut, refused)
}
