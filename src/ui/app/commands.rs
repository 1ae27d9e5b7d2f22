//! Running the app's commands: whether each can run now, what it does, and the changes of
//! view they make (a case reference shown on its own, and back).

use super::super::canvas::{self, Tool};
use super::super::command::{Command, THEMES};
use super::super::compare::CompareLayout;
use super::super::export::Format;
use super::super::files::Pending;
use super::super::reference::CaseReference;
use super::super::view::View;
use super::ArchdrillApp;
use crate::document::Document;
use crate::model::Edit;

impl ArchdrillApp {
    /// Whether a command can run now (menus grey it out otherwise).
    pub fn is_enabled(&self, cmd: Command) -> bool {
        let canvas = self.active_canvas();
        let sel = &canvas.selection;
        if canvas.read_only && cmd.edits_the_board() {
            return false;
        }
        match cmd {
            Command::Undo => self.active_doc().can_undo(),
            Command::Redo => self.active_doc().can_redo(),
            Command::Delete | Command::Copy | Command::Cut => !sel.is_empty(),
            Command::Paste => self.clipboard.has_items(),
            Command::AddNext => sel.blocks.len() == 1 && sel.len() == 1,
            Command::Tidy => !self.active_doc().board().blocks.is_empty(),
            Command::AlignLeft
            | Command::AlignCentre
            | Command::AlignRight
            | Command::AlignTop
            | Command::AlignMiddle
            | Command::AlignBottom => sel.blocks.len() >= 2,
            Command::DistributeHorizontally | Command::DistributeVertically => {
                sel.blocks.len() >= 3
            }
            Command::Duplicate | Command::FrameSelection => !sel.blocks.is_empty(),
            Command::Rename => sel.len() == 1,
            Command::ReverseArrow => !sel.edges.is_empty(),
            Command::Grade => self.grade_blocker().is_none(),
            Command::ExportPng | Command::ExportSvg | Command::ExportDrawing => {
                !self.active_doc().board().is_empty() && self.job.is_none()
            }
            Command::CompareReference => {
                self.compare().is_some()
                    || (self.doc.board().case.is_some() && self.compare_blocker().is_none())
            }
            _ => true,
        }
    }

    /// Runs one command.
    pub fn run(&mut self, cmd: Command) {
        if !self.is_enabled(cmd) {
            return;
        }
        // Leaving a reference for another board: bring the user's own board back first, so
        // the unsaved-changes question is asked about it.
        if matches!(
            cmd,
            Command::New | Command::Open | Command::Import | Command::Quit
        ) {
            self.close_reference();
        }
        match cmd {
            Command::New => self.guard_unsaved(Pending::New),
            Command::Open => self.guard_unsaved(Pending::Open(None)),
            Command::Import => self.guard_unsaved(Pending::Import),
            // Whether it was saved shows in the title and the status line.
            Command::Save => self.save(None),
            Command::SaveAs => self.save_as(None),
            Command::Quit => self.guard_unsaved(Pending::Quit),
            Command::Undo | Command::Redo => {
                self.canvas.editing = None;
                if cmd == Command::Undo {
                    self.doc.undo();
                } else {
                    self.doc.redo();
                }
            }
            Command::Delete => {
                let sel = std::mem::take(&mut self.canvas.selection);
                let done = self.doc.delete(&sel);
                self.refused(done);
            }
            Command::Duplicate => {
                let done = self.doc.duplicate(&self.canvas.selection.clone());
                let done = done.map(|s| self.canvas.selection = s);
                self.refused(done);
            }
            Command::Copy | Command::Cut => {
                let (canvas, doc) = self.view.active((&mut self.canvas, &mut self.doc));
                let copied = self.clipboard.copy(canvas, doc);
                if copied && cmd == Command::Cut {
                    self.run(Command::Delete);
                }
            }
            Command::Paste => {
                let pair = self.view.active((&mut self.canvas, &mut self.doc));
                if let Some(refused) = self.clipboard.paste(pair, None, &self.catalog) {
                    self.notify(refused);
                }
            }
            Command::AddNext => {
                let from = self.canvas.selection.blocks.first().copied();
                self.canvas.editing = None;
                self.canvas.quick_add =
                    from.and_then(|id| canvas::QuickAdd::next_to(&self.doc, id, self.canvas.snap));
            }
            Command::Tidy => {
                // The selection when there is one of several blocks, else the whole board.
                let sel = self.canvas.selection.clone();
                let only = (sel.blocks.len() >= 2 || !sel.frames.is_empty()).then_some(&sel);
                let done = self.doc.tidy(&self.catalog, only);
                if done.is_ok() {
                    self.canvas.fit_pending = only.is_none();
                    self.notify(if only.is_some() {
                        "Tidied the selection"
                    } else {
                        "Tidied the board (Ctrl+Z undoes it)"
                    });
                }
                self.refused(done);
            }
            Command::AlignLeft
            | Command::AlignCentre
            | Command::AlignRight
            | Command::AlignTop
            | Command::AlignMiddle
            | Command::AlignBottom => {
                use crate::document::Align;
                let how = match cmd {
                    Command::AlignLeft => Align::Left,
                    Command::AlignCentre => Align::Centre,
                    Command::AlignRight => Align::Right,
                    Command::AlignTop => Align::Top,
                    Command::AlignMiddle => Align::Middle,
                    _ => Align::Bottom,
                };
                let done = self.doc.align(&self.canvas.selection.clone(), how);
                self.refused(done);
            }
            Command::DistributeHorizontally | Command::DistributeVertically => {
                use crate::document::Axis;
                let axis = if cmd == Command::DistributeHorizontally {
                    Axis::Horizontal
                } else {
                    Axis::Vertical
                };
                let done = self.doc.distribute(&self.canvas.selection.clone(), axis);
                self.refused(done);
            }
            Command::TogglePalette => {
                self.prefs.switches.palette = !self.prefs.switches.palette;
            }
            Command::ToggleInspector => {
                self.prefs.switches.inspector = !self.prefs.switches.inspector;
            }
            Command::OwnFileDialogs => {
                let own = !self.prefs.switches.own_dialogs;
                self.prefs.switches.own_dialogs = own;
                self.notify(if own {
                    "Files are opened and saved with archdrill's own dialog"
                } else {
                    "Files are opened and saved with the system's dialog"
                });
            }
            Command::SelectAll => {
                let (canvas, doc) = self.active_mut();
                canvas.selection = crate::document::Selection::all(doc.board());
            }
            Command::Rename => {
                let edit =
                    canvas::InlineEdit::for_selection(&self.canvas.selection, self.doc.board());
                self.canvas.editing = edit.or(self.canvas.editing.take());
            }
            Command::FrameSelection => {
                let framed = self.doc.frame_around(&self.canvas.selection, "Frame");
                if let Ok(Some(id)) = framed {
                    self.canvas.selection = crate::document::Selection {
                        frames: [id].into(),
                        ..Default::default()
                    };
                    let target = canvas::Target::Frame(id);
                    self.canvas.editing = Some(canvas::InlineEdit::new(target, "Frame".into()));
                }
                self.refused(framed.map(|_| ()));
            }
            Command::FrameTool => self.canvas.tool = Tool::Frame,
            Command::SelectTool => self.canvas.tool = Tool::Select,
            Command::FitView => {
                if !self.view.fit_compare() {
                    let (canvas, doc) = self.active_mut();
                    canvas.fit_to(doc);
                }
            }
            Command::ExportPng => self.open_export(Format::Png),
            Command::ExportSvg => self.open_export(Format::Svg),
            Command::ExportDrawing => self.open_export(Format::Excalidraw),
            Command::CompareReference if self.compare().is_some() => self.view.close_compare(),
            Command::CompareReference => self.open_compare(CompareLayout::Beside),
            Command::ResetZoom | Command::ZoomIn | Command::ZoomOut => {
                let camera = &mut self.active_mut().0.camera;
                let factor = match cmd {
                    Command::ZoomIn => 1.25,
                    Command::ZoomOut => 0.8,
                    _ => 1.0 / camera.zoom,
                };
                camera.zoom_around(camera.viewport.center(), factor);
            }
            Command::ToggleGrid => self.canvas.show_grid = !self.canvas.show_grid,
            Command::ThemeSystem | Command::ThemeLight | Command::ThemeDark => {
                let theme = THEMES.iter().find(|(c, _)| *c == cmd);
                self.shell.theme_request = theme.map(|(_, preference)| *preference);
            }
            Command::ShowShortcuts => self.windows.shortcuts = !self.windows.shortcuts,
            Command::PracticeOverview => self.windows.start = true,
            Command::Progress => self.windows.progress = true,
            Command::ToggleSnap => {
                self.canvas.snap = !self.canvas.snap;
                let on = if self.canvas.snap { "on" } else { "off" };
                self.notify(format!("Snap to grid {on}"));
            }
            Command::Grade => self.grade_now(),
            Command::ReverseArrow => {
                let edges = self.canvas.selection.edges.iter();
                let edits = edges.map(|id| Edit::ReverseEdge { id: *id }).collect();
                let done = self.doc.apply(Edit::Batch(edits));
                self.refused(done);
            }
        }
    }

    pub fn showing_reference(&self) -> Option<&str> {
        self.view.reference().map(|r| r.case_id.as_str())
    }

    /// Shows a case's reference, read-only, in place of the user's board (which waits
    /// unchanged, with its camera and selection).
    pub fn open_reference(&mut self, id: &str) {
        let Some(case) = self.cases.get(id) else {
            return self.notify(format!("There is no case `{id}`"));
        };
        if self
            .session
            .as_ref()
            .is_some_and(|s| s.case_id == id && !s.recorded)
        {
            return self.notify("The reference stays hidden until this attempt is graded");
        }
        let mut board = case.reference_board();
        // Hovering a block shows its note: the questions an interviewer asks about it too.
        for node in &case.nodes {
            let asked: Vec<String> = self
                .drill
                .bank
                .about_node(id, &node.id)
                .map(|q| format!("• {}", q.question))
                .collect();
            if let (false, Some(block)) = (
                asked.is_empty(),
                case.reference_block(&node.id)
                    .and_then(|b| board.blocks.get_mut(&b)),
            ) {
                block.note = format!(
                    "{}\n\nAn interviewer asks:\n{}",
                    block.note,
                    asked.join("\n")
                );
            }
        }
        let doc = Document::new(board, None);
        self.view = View::Reference(CaseReference::new(id, doc, self.canvas.show_grid));
        // A rename or quick add in progress on the board is left, not finished unseen.
        (self.canvas.editing, self.canvas.quick_add) = (None, None);
        self.hide_grade();
    }

    /// Puts the user's board back on the canvas, as it was left.
    pub fn close_reference(&mut self) {
        if self.view.reference().is_some() {
            self.view = View::Board;
        }
    }

    /// Starts a timed attempt at a case on a fresh board (asking first about unsaved changes).
    pub fn start_practice(&mut self, id: &str) {
        self.close_reference();
        self.windows.start = false;
        self.guard_unsaved(Pending::Practise(id.to_owned()));
    }
}
