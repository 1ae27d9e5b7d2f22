//! Keyboard input of the app: command shortcuts, nudging, and the clipboard events.

use egui::{Key, Modifiers};

use super::canvas::{CanvasState, Tool};
use super::command::Command;
use crate::catalog::Catalog;
use crate::document::Document;
use crate::model::{Items, Vec2};
use crate::store;

/// The commands this frame's keys ask for, in order. `Escape` is not a command: it clears the
/// selection and leaves a tool, which `escape` does.
pub fn pressed(ctx: &egui::Context) -> (Vec<Command>, bool) {
    let typing = ctx.egui_wants_keyboard_input();
    let mut commands: Vec<Command> = Command::ALL.to_vec();
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
        .filter(|cmd| {
            cmd.shortcut()
                .is_some_and(|s| ctx.input_mut(|i| i.consume_shortcut(&s)))
        })
        .collect();
    if typing {
        return (asked, false);
    }
    // "?" opens the sheet too, whichever keys make a "?" on this keyboard.
    let question = ctx.input(|i| {
        i.events
            .iter()
            .any(|e| matches!(e, egui::Event::Text(t) if t == "?"))
    });
    let (redo_y, backspace, escape) = ctx.input_mut(|i| {
        (
            i.consume_key(Modifiers::COMMAND, Key::Y),
            i.consume_key(Modifiers::NONE, Key::Backspace),
            i.consume_key(Modifiers::NONE, Key::Escape),
        )
    });
    for (on, cmd) in [
        (question, Command::ShowShortcuts),
        (redo_y, Command::Redo),
        (backspace, Command::Delete),
    ] {
        if on {
            asked.push(cmd);
        }
    }
    (asked, escape)
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

/// Ctrl+C / Ctrl+X / Ctrl+V arrive as events: copies from and pastes into the board on the
/// canvas (a reference's blocks may be copied, into the user's board later). The fragment
/// also goes to the system clipboard as board text, so it can be pasted into another
/// archdrill window. Returns whether a cut asks for the selection's deletion, and a refused
/// paste.
pub fn clipboard_events(
    ctx: &egui::Context,
    (canvas, doc): (&mut CanvasState, &mut Document),
    clipboard: &mut Option<Items>,
    catalog: &Catalog,
) -> (bool, Option<String>) {
    if ctx.egui_wants_keyboard_input() {
        return (false, None);
    }
    let events = ctx.input(|i| i.events.clone());
    let (mut cut, mut refused) = (false, None);
    for event in events {
        match event {
            egui::Event::Copy | egui::Event::Cut if !canvas.selection.is_empty() => {
                let items = doc.copy(&canvas.selection);
                if let Ok(text) = store::board_to_text(&items.to_board()) {
                    ctx.copy_text(text);
                }
                *clipboard = Some(items);
                cut |= event == egui::Event::Cut && !canvas.read_only;
            }
            egui::Event::Paste(text) if !canvas.read_only => {
                let from_text = store::parse_board(&text, catalog)
                    .ok()
                    .map(|loaded| Items::from_board(loaded.board));
                if let Some(items) = from_text.or_else(|| clipboard.clone()) {
                    match doc.paste(&items, Vec2::new(24.0, 24.0)) {
                        Ok(sel) => canvas.selection = sel,
                        Err(err) => refused = Some(format!("Not pasted: {err}")),
                    }
                }
            }
            _ => {}
        }
    }
    (cut, refused)
}
