//! File dialogs (native, or scripted in tests), the actions that wait for "Save changes?",
//! and that question itself.

use std::path::{Path, PathBuf};

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
pub const BACKGROUND_OPEN_BYTES: u64 = 512 * 1024;

/// Adds `.ron` when the user typed a name without an extension.
pub fn with_board_extension(path: PathBuf) -> PathBuf {
    if path.extension().is_some() {
        path
    } else {
        path.with_extension("ron")
    }
}

/// The answer to "Save changes?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveAnswer {
    Save,
    Discard,
    Cancel,
}

/// The "Save changes?" modal about the board called `name`; returns the answer.
pub fn unsaved_prompt_ui(ctx: &egui::Context, name: &str) -> Option<SaveAnswer> {
    let mut answer = None;
    let modal = egui::Modal::new(egui::Id::unique("unsaved-prompt")).show(ctx, |ui| {
        ui.set_width(360.0);
        ui.heading("Unsaved changes");
        ui.add_space(4.0);
        ui.label(format!("Save the changes to {name} first?"));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Save").clicked() {
                answer = Some(SaveAnswer::Save);
            }
            if ui.button("Don't save").clicked() {
                answer = Some(SaveAnswer::Discard);
            }
            if ui.button("Cancel").clicked() {
                answer = Some(SaveAnswer::Cancel);
            }
        });
    });
    if modal.should_close() && answer.is_none() {
        answer = Some(SaveAnswer::Cancel);
    }
    answer
}
