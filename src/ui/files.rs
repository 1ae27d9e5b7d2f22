//! File dialogs (native, or scripted in tests), the actions that wait for "Save changes?",
//! and that question itself.

use std::path::PathBuf;

pub use super::file_picker::{FilePicker, PickerAsk, Purpose, Request};

/// How a file dialog ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Picked {
    Path(PathBuf),
    Cancelled,
    /// No dialog could be shown, for this reason: the built-in one takes over.
    Unavailable(String),
}

/// Asks the user for a file path. The app uses the system's dialogs; tests script the answers.
pub trait FileDialogs {
    fn pick(&mut self, request: &Request) -> Picked;
}

/// Why the system dialog is taken for missing when it ends at once without a path.
const NO_SYSTEM_DIALOG: &str =
    "The system file dialog could not be shown (no desktop portal or zenity)";

/// Less than this between asking and a dialog closing without a path is no person's cancel:
/// the dialog never appeared. On Linux the system dialog needs a desktop portal or zenity, and
/// without either it returns at once exactly as a cancel does.
const QUICKEST_CANCEL: std::time::Duration = std::time::Duration::from_millis(400);

/// The operating system's file dialogs; once one could not be shown, the built-in dialog is
/// used for the rest of the run.
#[derive(Debug, Default)]
pub struct NativeDialogs {
    unavailable: bool,
}

impl FileDialogs for NativeDialogs {
    fn pick(&mut self, request: &Request) -> Picked {
        if self.unavailable {
            return Picked::Unavailable(NO_SYSTEM_DIALOG.to_owned());
        }
        let (filter, extensions) = request.purpose.filter();
        let dialog = rfd::FileDialog::new()
            .set_title(request.purpose.title())
            .set_directory(&request.folder)
            .add_filter(filter, extensions);
        let asked = crate::clock::instant();
        let path = if request.purpose.writes() {
            dialog.set_file_name(&request.file_name).save_file()
        } else {
            dialog.pick_file()
        };
        match path {
            Some(path) => Picked::Path(path),
            None if asked.elapsed() < QUICKEST_CANCEL => {
                self.unavailable = true;
                Picked::Unavailable(NO_SYSTEM_DIALOG.to_owned())
            }
            None => Picked::Cancelled,
        }
    }
}

/// No system dialog at all: every request goes to the built-in dialog (the user's choice in
/// the File menu, and tests).
#[derive(Debug, Default)]
pub struct BuiltinDialogs;

impl FileDialogs for BuiltinDialogs {
    fn pick(&mut self, _request: &Request) -> Picked {
        Picked::Unavailable("Using archdrill's own file dialog".to_owned())
    }
}

/// What happens with the file once it is picked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Then {
    Open,
    /// Save the board there, then carry out the action that waited for the save.
    Save(Option<Pending>),
    Export,
}

/// The files part of the app: the dialogs that ask for a path, the built-in one while it is
/// open, the action waiting for "Save changes?", and the recently used boards.
pub struct Files {
    pub dialogs: Box<dyn FileDialogs>,
    /// The built-in dialog while it is open, and what happens with the file it picks.
    pub picker: Option<(FilePicker, Then)>,
    /// The action waiting for an answer to "Save changes?".
    pub prompt: Option<Pending>,
    /// Recently opened or saved boards, newest first.
    pub recent: Vec<PathBuf>,
}

/// What to do once the user has answered "Save changes?".
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pending {
    New,
    /// A new board answering this case.
    NewForCase(String),
    /// A new board for this case, with a timed practice session.
    Practise(String),
    /// Open a file (a board, or a drawing imported as a new board); `None` asks for a board
    /// with the dialog.
    Open(Option<PathBuf>),
    /// Ask for a drawing of another tool and import it as a new board.
    Import,
    /// Put the board of this recovery file on the canvas.
    Restore(PathBuf),
    Quit,
}

/// Files larger than this are opened in the background (a 1,000-block board is about 100 KB
/// and loads in a few milliseconds; this is about 5,000 blocks).
pub const BACKGROUND_OPEN_BYTES: u64 = 512 * 1024;

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
