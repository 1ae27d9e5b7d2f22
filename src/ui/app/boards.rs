//! Boards coming to and leaving the canvas: new, open, save, the "Save changes?" question
//! before one replaces another, and restoring a board left by a crash.

use std::path::{Path, PathBuf};

use super::super::files::{
    BACKGROUND_OPEN_BYTES, Pending, Picked, PickerAsk, Purpose, Request, SaveAnswer, Then,
};
use super::super::recovery::{self as ui_recovery, Answer};
use super::super::status::file_name;
use super::ArchdrillApp;
use crate::document::Document;
use crate::model::Board;
use crate::store;
use crate::store::recovery;

impl ArchdrillApp {
    /// Puts a recovered board on the canvas (after the unsaved-changes question), unsaved,
    /// and only then deletes its recovery file.
    pub(crate) fn restore(&mut self, file: &std::path::Path) {
        let Some(index) = self.recovered.iter().position(|r| r.file == file) else {
            return;
        };
        let found = self.recovered.remove(index);
        self.close_reference();
        self.windows.start = false;
        self.doc = Document::recovered(found.board, found.source);
        self.board_replaced();
        // The board is safe in this app's own recovery file before the old one goes.
        self.autosave.write_now(&self.doc);
        match recovery::discard(&found.file) {
            Ok(()) => self.notify("Restored the unsaved board; save it to keep it"),
            Err(err) => {
                self.show_error("Restored, but the old recovery file stays", err.to_string());
            }
        }
    }

    /// Leaving the app on purpose: unsaved changes were answered for, so nothing to recover.
    pub(crate) fn forget_recovery(&mut self) {
        self.autosave.clear_now();
    }

    /// Asks about the oldest board left by a crash, one at a time, unless another question
    /// is open.
    pub(super) fn recovery_prompt(&mut self, ctx: &egui::Context) {
        if self.files.prompt.is_some() {
            return;
        }
        let Some(found) = self.recovered.first() else {
            return;
        };
        let answer = ui_recovery::prompt_ui(ctx, found, self.recovered.len() - 1);
        let file = found.file.clone();
        match answer {
            Some(Answer::Restore) => self.guard_unsaved(Pending::Restore(file)),
            Some(Answer::Discard) => {
                self.recovered.remove(0);
                if let Err(err) = recovery::discard(&file) {
                    self.show_error("Could not delete the recovery file", err.to_string());
                }
            }
            Some(Answer::Later) => {
                self.recovered.remove(0);
            }
            None => {}
        }
    }

    /// Runs `action` now, or first asks to save when the board has unsaved changes.
    pub fn guard_unsaved(&mut self, action: Pending) {
        if self.doc.is_dirty() {
            self.files.prompt = Some(action);
        } else {
            self.perform(action);
        }
    }

    /// Carries out an action whose unsaved-changes question has been answered.
    pub fn perform(&mut self, action: Pending) {
        match action {
            Pending::New => {
                let case = self.doc.board().case.clone();
                self.doc.reset(
                    Board {
                        case,
                        ..Board::default()
                    },
                    None,
                );
                self.board_replaced();
                self.notify("New board");
            }
            Pending::NewForCase(id) => {
                let title = self
                    .cases
                    .get(&id)
                    .map_or_else(|| id.clone(), |c| c.title.clone());
                self.doc.reset(
                    Board {
                        case: Some(id),
                        ..Board::default()
                    },
                    None,
                );
                self.board_replaced();
                self.notify(format!("New board for {title}"));
            }
            Pending::Practise(id) => {
                self.perform(Pending::NewForCase(id.clone()));
                self.session = Some(super::super::practice::Session::new(id));
            }
            Pending::Open(Some(path)) => self.open_path(&path),
            Pending::Open(None) => {
                let request = Request {
                    purpose: Purpose::OpenBoard,
                    folder: self.board_folder(),
                    file_name: String::new(),
                };
                self.ask_for_file(&request, Then::Open);
            }
            Pending::Import => {
                let request = Request {
                    purpose: Purpose::Import,
                    folder: self.board_folder(),
                    file_name: String::new(),
                };
                self.ask_for_file(&request, Then::Open);
            }
            Pending::Restore(file) => self.restore(&file),
            Pending::Quit => {
                // Unsaved changes were saved or given up on purpose: nothing to recover.
                self.forget_recovery();
                self.shell.allowed_to_close = true;
                self.shell.quit_requested = true;
            }
        }
    }

    /// Loads a board, or imports a drawing of another tool as a new unsaved board; on failure
    /// the current board stays and the error is shown. A big file is read in the background
    /// while the window stays responsive.
    pub fn open_path(&mut self, path: &Path) {
        if store::file_size(path).is_some_and(|n| n > BACKGROUND_OPEN_BYTES) && self.job.is_none() {
            let catalog = self.catalog.clone();
            let owned = path.to_path_buf();
            let work = move || {
                let result = store::load_drawing(&owned, &catalog, None)
                    .map(Box::new)
                    .map_err(|e| e.to_string());
                super::super::jobs::Outcome::Opened(owned, result)
            };
            match super::super::jobs::Job::start(format!("Opening {}…", file_name(path)), work) {
                Ok(mut job) => {
                    job.blocking = true;
                    self.job = Some(job);
                }
                Err(err) => self.show_error("Could not open the board", err.to_string()),
            }
            return;
        }
        let result = store::load_drawing(path, &self.catalog, None).map_err(|e| e.to_string());
        self.opened(path, result);
    }

    /// Puts a loaded board on the canvas (an imported drawing as a new unsaved board), or
    /// shows why it could not be loaded.
    pub(crate) fn opened(&mut self, path: &Path, result: Result<store::Loaded, String>) {
        let loaded = match result {
            Ok(loaded) => loaded,
            Err(err) => {
                let what = if crate::import::detect(&file_name(path), "").is_some() {
                    "Could not import the drawing"
                } else {
                    "Could not open the board"
                };
                self.show_error(what, err);
                return;
            }
        };
        let notes: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
        if let Some(format) = loaded.imported {
            let summary = format!(
                "Imported {} ({format}): {}",
                file_name(path),
                crate::import::counts(&loaded.board)
            );
            self.doc = Document::imported(loaded.board, path.to_path_buf());
            self.board_replaced();
            // The imported board is safe from a crash before the user saves it.
            self.autosave.write_now(&self.doc);
            if notes.is_empty() {
                self.notify(format!("{summary}; save it to keep it"));
            } else {
                self.notify(format!(
                    "{summary}; left out: {}. Save it to keep it",
                    notes.join("; ")
                ));
            }
            return;
        }
        self.doc.reset(loaded.board, Some(path.to_path_buf()));
        self.board_replaced();
        self.files.recent = store::remember_recent(&self.data_dir, path);
        if notes.is_empty() {
            self.notify(format!("Opened {}", file_name(path)));
        } else {
            self.notify(format!(
                "Opened {} with notes: {}",
                file_name(path),
                notes.join("; ")
            ));
        }
    }

    /// Saves to the board's file, or asks for one; then carries out `then`, once the board is
    /// saved.
    pub fn save(&mut self, then: Option<Pending>) {
        match self.doc.path().map(Path::to_path_buf) {
            Some(path) => {
                if self.save_to(&path)
                    && let Some(action) = then
                {
                    self.perform(action);
                }
            }
            None => self.save_as(then),
        }
    }

    /// Asks for a path and saves there; then carries out `then`, once the board is saved.
    pub fn save_as(&mut self, then: Option<Pending>) {
        let name = self.doc.suggested_file_name();
        let request = Request {
            purpose: Purpose::SaveBoard,
            folder: self.board_folder(),
            file_name: name,
        };
        self.ask_for_file(&request, Then::Save(then));
    }

    /// The folder dialogs start in: the open board's, or the boards folder (made when it is
    /// missing, so the first save has a place to go).
    pub(super) fn board_folder(&self) -> PathBuf {
        self.doc
            .path()
            .and_then(Path::parent)
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(
                || {
                    let folder = store::paths::default_boards_dir();
                    store::folders::make_folder(&folder);
                    folder
                },
                Path::to_path_buf,
            )
    }

    /// Asks for a file through the system's dialog, or through the built-in one when the
    /// user prefers it or the system's cannot be shown (the status line then says why), and
    /// does `then` with the file picked.
    pub(crate) fn ask_for_file(&mut self, request: &Request, then: Then) {
        let answer = if self.prefs.own_dialogs() {
            Picked::Unavailable(String::new())
        } else {
            self.files.dialogs.pick(request)
        };
        match answer {
            Picked::Path(path) => self.with_file(path, then),
            Picked::Cancelled => {}
            Picked::Unavailable(why) => {
                if !why.is_empty() {
                    self.notify(format!("{why}; archdrill's own dialog is open instead"));
                }
                let picker = super::super::files::FilePicker::new(request, &self.files.recent);
                self.files.picker = Some((picker, then));
            }
        }
    }

    /// Does what waited for a file with the file picked.
    fn with_file(&mut self, path: PathBuf, then: Then) {
        match then {
            Then::Open => self.open_path(&path),
            Then::Save(after) => {
                if self.save_to(&Purpose::SaveBoard.with_extension(path))
                    && let Some(action) = after
                {
                    self.perform(action);
                }
            }
            Then::Export => {
                let purpose = self.export.format.purpose();
                self.export_to(purpose.with_extension(path));
            }
        }
    }

    /// The built-in file dialog while it is open.
    pub(super) fn file_picker(&mut self, ctx: &egui::Context) {
        let Some((picker, _)) = self.files.picker.as_mut() else {
            return;
        };
        match picker.ui(ctx) {
            Some(PickerAsk::Picked(path)) => {
                if let Some((_, then)) = self.files.picker.take() {
                    self.with_file(path, then);
                }
            }
            Some(PickerAsk::Cancelled) => self.files.picker = None,
            None => {}
        }
    }

    pub fn save_to(&mut self, path: &Path) -> bool {
        match store::save_board(path, self.doc.board()) {
            Ok(()) => {
                self.doc.mark_saved(path.to_path_buf());
                self.files.recent = store::remember_recent(&self.data_dir, path);
                self.notify(format!("Saved {}", file_name(path)));
                true
            }
            Err(err) => {
                self.show_error(
                    "Could not save the board",
                    format!("{err}. The board is still open with its changes."),
                );
                false
            }
        }
    }

    /// The "Save changes?" question while an action waits for it; runs the action when
    /// answered.
    pub(super) fn unsaved_prompt(&mut self, ctx: &egui::Context) {
        let Some(action) = self.files.prompt.clone() else {
            return;
        };
        let answer = super::super::files::unsaved_prompt_ui(ctx, &self.doc.display_name());
        match answer {
            Some(SaveAnswer::Save) => {
                self.files.prompt = None;
                self.save(Some(action));
            }
            Some(SaveAnswer::Discard) => {
                self.files.prompt = None;
                self.perform(action);
            }
            Some(SaveAnswer::Cancel) => self.files.prompt = None,
            None => {}
        }
    }
}
