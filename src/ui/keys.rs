//! Keyboard input of the app: command shortcuts, nudging, and the clipboard events.

use egui::{Key, Modifiers};

use super::app::ArchdrillApp;
use super::canvas::Tool;
use super::command::Command;
use crate::model::{Items, Vec2};
use crate::store;

impl ArchdrillApp {
    pub(crate) fn handle_keys(&mut self, ctx: &egui::Context) {
        let typing = ctx.egui_wants_keyboard_input();
        let mut commands: Vec<Command> = Command::ALL.to_vec();
        // Most specific first, so Ctrl+Shift+Z is not taken for Ctrl+Z.
        commands.sort_by_key(|c| {
            c.shortcut().map_or(0, |s| {
                u8::from(s.modifiers.shift) + u8::from(s.modifiers.alt)
            })
        });
        commands.reverse();
        for cmd in commands {
            if typing && cmd.needs_canvas_focus() {
                continue;
            }
            let Some(shortcut) = cmd.shortcut() else {
                continue;
            };
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) && self.is_enabled(cmd) {
                self.run(cmd);
            }
        }
        if typing {
            return;
        }
        // "?" opens the sheet too, whichever keys make a "?" on this keyboard.
        let question = ctx.input(|i| {
            i.events
                .iter()
                .any(|e| matches!(e, egui::Event::Text(t) if t == "?"))
        });
        if question {
            self.run(Command::ShowShortcuts);
        }
        let (redo_y, backspace, escape) = ctx.input_mut(|i| {
            (
                i.consume_key(Modifiers::COMMAND, Key::Y),
                i.consume_key(Modifiers::NONE, Key::Backspace),
                i.consume_key(Modifiers::NONE, Key::Escape),
            )
        });
        if redo_y {
            self.run(Command::Redo);
        }
        if backspace && !self.active_canvas().selection.is_empty() {
            self.run(Command::Delete);
        }
        if escape {
            let canvas = self.active_mut().0;
            canvas.quick_add = None;
            canvas.tool = Tool::Select;
            canvas.selection.clear();
        }
        self.nudge(ctx);
        self.clipboard_events(ctx);
    }

    /// Arrow keys move the selection by one grid step (Shift: one unit).
    fn nudge(&mut self, ctx: &egui::Context) {
        let canvas = self.active_canvas();
        if canvas.selection.is_empty() || canvas.read_only {
            return;
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
        for (pressed, dir) in dirs {
            if pressed {
                let sel = self.canvas.selection.clone();
                if let Err(err) = self.doc.move_items(&sel, dir * step) {
                    self.notify(format!("Not done: {err}"));
                }
            }
        }
    }

    /// Ctrl+C / Ctrl+X / Ctrl+V arrive as events; the board fragment also goes to the system
    /// clipboard as board text, so it can be pasted into another archdrill window.
    fn clipboard_events(&mut self, ctx: &egui::Context) {
        let events = ctx.input(|i| i.events.clone());
        for event in events {
            match event {
                egui::Event::Copy | egui::Event::Cut
                    if !self.active_canvas().selection.is_empty() =>
                {
                    // A reference's blocks may be copied too, into the user's board.
                    let items = self.active_doc().copy(&self.active_canvas().selection);
                    if let Ok(text) = store::board_to_text(&items.to_board()) {
                        ctx.copy_text(text);
                    }
                    self.clipboard = Some(items);
                    if event == egui::Event::Cut && !self.active_canvas().read_only {
                        self.run(Command::Delete);
                    }
                }
                egui::Event::Paste(text) if !self.active_canvas().read_only => {
                    let from_text = store::parse_board(&text, &self.catalog)
                        .ok()
                        .map(|loaded| Items::from_board(loaded.board));
                    if let Some(items) = from_text.or_else(|| self.clipboard.clone()) {
                        match self.doc.paste(&items, Vec2::new(24.0, 24.0)) {
                            Ok(sel) => self.canvas.selection = sel,
                            Err(err) => self.notify(format!("Not pasted: {err}")),
                        }
                    }
                }
                _ => {}
            }
        }
    }
}
