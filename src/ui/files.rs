//! File actions of the app: new, open, save, save as, recent files, and the unsaved-changes prompt.

use std::path::{Path, PathBuf};

use super::app::ArchdrillApp;
use super::status::file_name;
use crate::model::Board;
use crate::store;

/// Asks the user for a file path. The app uses native dialogs; tests script the answers.
pub trait FileDialogs {
    /// A board file to open, or `None` when the user cancelled.
    fn pick_open(&mut self, folder: &Path) -> Option<PathBuf>;
    /// A path to save to, or `None` when the user cancelled.
    fn pick_save(&mut self, folder: &Path, file_name: &str) -> Option<PathBuf>;
}

/// The operating system's file dialogs.
#[derive(Debug, Default)]
pub struct NativeDialogs;

impl FileDialogs for NativeDialogs {
    fn pick_open(&mut self, folder: &Path) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Open board")
            .set_directory(folder)
            .add_filter("archdrill board", &["ron"])
            .pick_file()
    }

    fn pick_save(&mut self, folder: &Path, file_name: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Save board")
            .set_directory(folder)
            .set_file_name(file_name)
            .add_filter("archdrill board", &["ron"])
            .save_file()
    }
}

/// What to do once the user has answered "Save changes?".
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pending {
    New,
    /// A new board answering this case.
    NewForCase(String),
    /// A new board for this case, with a timed practice session.
    Practise(String),
    /// Open a file; `None` asks for one with the dialog.
    Open(Option<PathBuf>),
    /// Put the board of this recovery file on the canvas.
    Restore(PathBuf),
    Quit,
}

/// Files larger than this are opened in the background (a 1,000-block board is about 100 KB
/// and loads in a few milliseconds; this is about 5,000 blocks).
const BACKGROUND_OPEN_BYTES: u64 = 512 * 1024;

/// Adds `.ron` when the user typed a name without an extension.
pub fn with_board_extension(path: PathBuf) -> PathBuf {
    if path.extension().is_some() {
        path
    } else {
        path.with_extension("ron")
    }
}

impl ArchdrillApp {
    /// Runs `action` now, or first asks to save when the board has unsaved changes.
    pub fn guard_unsaved(&mut self, action: Pending) {
        if self.doc.is_dirty() {
            self.prompt = Some(action);
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
                self.session = Some(super::practice::Session::new(id));
            }
            Pending::Open(path) => {
                let path =
                    path.or_else(|| self.dialogs.pick_open(&store::paths::default_boards_dir()));
                if let Some(path) = path {
                    self.open_path(&path);
                }
            }
            Pending::Restore(file) => self.restore(&file),
            Pending::Quit => {
                // Unsaved changes were saved or given up on purpose: nothing to recover.
                self.forget_recovery();
                self.allowed_to_close = true;
                self.quit_requested = true;
            }
        }
    }

    /// Loads a board; on failure the current board stays and the error is shown. A big file
    /// is read in the background while the window stays responsive.
    pub fn open_path(&mut self, path: &Path) {
        if store::file_size(path).is_some_and(|n| n > BACKGROUND_OPEN_BYTES) && self.job.is_none() {
            let catalog = self.catalog.clone();
            let owned = path.to_path_buf();
            let work = move || {
                let result = store::load_board(&owned, &catalog)
                    .map(Box::new)
                    .map_err(|e| e.to_string());
                super::export::Outcome::Opened(owned, result)
            };
            match super::export::Job::start(format!("Opening {}…", file_name(path)), work) {
                Ok(mut job) => {
                    job.blocking = true;
                    self.job = Some(job);
                }
                Err(err) => self.show_error("Could not open the board", err.to_string()),
            }
            return;
        }
        let result = store::load_board(path, &self.catalog).map_err(|e| e.to_string());
        self.opened(path, result);
    }

    /// Puts a loaded board on the canvas, or shows why it could not be loaded.
    pub(crate) fn opened(&mut self, path: &Path, result: Result<store::Loaded, String>) {
        match result {
            Ok(loaded) => {
                self.doc.reset(loaded.board, Some(path.to_path_buf()));
                self.board_replaced();
                self.recent = store::remember_recent(&self.data_dir, path);
                if loaded.warnings.is_empty() {
                    self.notify(format!("Opened {}", file_name(path)));
                } else {
                    let lines: Vec<String> =
                        loaded.warnings.iter().map(ToString::to_string).collect();
                    self.notify(format!(
                        "Opened {} with notes: {}",
                        file_name(path),
                        lines.join("; ")
                    ));
                }
            }
            Err(err) => self.show_error("Could not open the board", err),
        }
    }

    /// Saves to the board's file, or asks for one. Returns true when the board was saved.
    pub fn save(&mut self) -> bool {
        match self.doc.path().map(Path::to_path_buf) {
            Some(path) => self.save_to(&path),
            None => self.save_as(),
        }
    }

    /// Asks for a path and saves there. Returns true when the board was saved.
    pub fn save_as(&mut self) -> bool {
        let folder = self
            .doc
            .path()
            .and_then(Path::parent)
            .map_or_else(store::paths::default_boards_dir, Path::to_path_buf);
        let name = self.doc.path().and_then(Path::file_name).map_or_else(
            || {
                let stem = self
                    .doc
                    .board()
                    .case
                    .clone()
                    .unwrap_or_else(|| "board".to_owned());
                format!("{stem}.ron")
            },
            |n| n.to_string_lossy().into_owned(),
        );
        match self.dialogs.pick_save(&folder, &name) {
            Some(path) => self.save_to(&with_board_extension(path)),
            None => false,
        }
    }

    pub fn save_to(&mut self, path: &Path) -> bool {
        match store::save_board(path, self.doc.board()) {
            Ok(()) => {
                self.doc.mark_saved(path.to_path_buf());
                self.recent = store::remember_recent(&self.data_dir, path);
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

    /// The "Save changes?" modal; runs the pending action when answered.
    pub(crate) fn unsaved_prompt_ui(&mut self, ctx: &egui::Context) {
        let Some(action) = self.prompt.clone() else {
            return;
        };
        let name = self.doc.display_name();
        let mut answer: Option<&str> = None;
        let modal = egui::Modal::new(egui::Id::unique("unsaved-prompt")).show(ctx, |ui| {
            ui.set_width(360.0);
            ui.heading("Unsaved changes");
            ui.add_space(4.0);
            ui.label(format!("Save the changes to {name} first?"));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    answer = Some("save");
                }
                if ui.button("Don't save").clicked() {
                    answer = Some("discard");
                }
                if ui.button("Cancel").clicked() {
                    answer = Some("cancel");
                }
            });
        });
        if modal.should_close() && answer.is_none() {
            answer = Some("cancel");
        }
        match answer {
            Some("save") => {
                self.prompt = None;
                if self.save() {
                    self.perform(action);
                }
            }
            Some("discard") => {
                self.prompt = None;
                self.perform(action);
            }
            Some(_) => self.prompt = None,
            None => {}
        }
    }
}
