//! The app's background work: exporting a picture (its dialog, the file to write, the work
//! itself) and reporting what finished.

use std::path::PathBuf;

use super::super::export::{self as dialog, Format};
use super::super::files::{Request, Then};
use super::super::jobs::{Job, Outcome};
use super::super::status::file_name;
use super::ArchdrillApp;
use crate::export::{self, ExportOptions};

impl ArchdrillApp {
    /// Opens the export dialog for a format.
    pub fn open_export(&mut self, format: Format) {
        self.export.format = format;
        self.export.open = true;
    }

    /// The options the export dialog's choices mean for the board on the canvas.
    pub fn export_options(&self) -> ExportOptions {
        let marks = self.grade.as_ref().and(self.canvas.overlay.as_ref());
        let selection = &self.active_canvas().selection;
        self.export.options(selection, marks.map(|o| &o.marks))
    }

    /// Asks where to write, then exports there in the background.
    fn export_to_chosen_file(&mut self) {
        let format = self.export.format;
        let name = self.doc.suggested_file_name();
        let stem = name.strip_suffix(".ron").unwrap_or(&name);
        let request = Request {
            purpose: format.purpose(),
            folder: self.board_folder(),
            file_name: format!("{stem}.{}", format.extension()),
        };
        self.ask_for_file(&request, Then::Export);
    }

    /// Exports the board to `path` in the background.
    pub fn export_to(&mut self, path: PathBuf) {
        // A picture written over the open board's file would destroy the board.
        if self
            .doc
            .path()
            .is_some_and(|board| crate::store::same_file(board, &path))
        {
            self.show_error(
                "Could not export",
                format!(
                    "{} is the open board's file; choose another name for the export (nothing was written)",
                    path.display()
                ),
            );
            return;
        }
        let format = self.export.format;
        let options = self.export_options();
        let board = self.active_doc().board().clone();
        let catalog = self.catalog.clone();
        let name = file_name(&path);
        let work = move || {
            let result = match format {
                Format::Png => export::to_png(&board, &catalog, &options),
                Format::Svg => export::to_svg(&board, &catalog, &options).map(String::into_bytes),
                Format::Excalidraw => {
                    export::to_excalidraw(&board, &catalog).map(String::into_bytes)
                }
                Format::Mermaid => export::to_mermaid(&board, &catalog).map(String::into_bytes),
            }
            .map_err(|e| e.to_string())
            .and_then(|bytes| crate::store::save_bytes(&path, &bytes).map_err(|e| e.to_string()))
            .map(|()| format!("Exported {name}"));
            Outcome::Exported(result)
        };
        match Job::start(format!("Exporting {}…", format.name()), work) {
            Ok(job) => self.job = Some(job),
            Err(err) => self.show_error("Could not export", err.to_string()),
        }
    }

    /// Reports a finished background job.
    pub(crate) fn poll_job(&mut self, ctx: &egui::Context) {
        let Some(job) = self.job.as_mut() else {
            return;
        };
        match job.poll() {
            Some(outcome) => {
                self.job = None;
                self.job_done(outcome);
            }
            None => ctx.request_repaint_after(std::time::Duration::from_millis(100)),
        }
    }

    /// Waits for a running job and reports it (tests use this).
    pub fn finish_job(&mut self) {
        if let Some(job) = self.job.take() {
            let outcome = job.wait();
            self.job_done(outcome);
        }
    }

    fn job_done(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Exported(Ok(message)) => self.notify(message),
            Outcome::Exported(Err(message)) => self.show_error("Could not export", message),
            Outcome::Opened(path, result) => self.opened(&path, result.map(|l| *l)),
            Outcome::Stopped(what) => self.show_error(
                "The work stopped",
                format!("{what} ended without a result; nothing was changed"),
            ),
        }
    }

    /// The export dialog while it is open; exports when asked.
    pub(super) fn export_dialog(&mut self, ctx: &egui::Context) {
        let marks = self.grade.as_ref().and(self.canvas.overlay.as_ref());
        let (canvas, doc) = match &self.view {
            super::View::Reference(r) => (&r.canvas, &r.doc),
            _ => (&self.canvas, &self.doc),
        };
        let on_screen = (doc.board(), &canvas.selection);
        if dialog::dialog_ui(ctx, &mut self.export, on_screen, marks.map(|o| &o.marks)) {
            self.export_to_chosen_file();
        }
    }
}
