//! File → Export PNG / SVG: the options (scale, background, selection only, the grade), the
//! file to write, and the export itself on a background thread with progress shown.

use std::path::{Path, PathBuf};
use std::sync::mpsc;

use super::app::ArchdrillApp;
use crate::export::{self, ExportOptions, Subset};

/// Picture formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Png,
    Svg,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Png => "png",
            Format::Svg => "svg",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Format::Png => "PNG",
            Format::Svg => "SVG",
        }
    }
}

/// The export dialog's choices; kept between exports.
#[derive(Clone, Debug, PartialEq)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent check boxes of one dialog"
)]
pub struct ExportDialog {
    pub format: Format,
    pub scale: f32,
    pub dark: bool,
    pub selection_only: bool,
    pub with_grade: bool,
    /// Whether the dialog is open.
    pub open: bool,
}

impl Default for ExportDialog {
    fn default() -> Self {
        ExportDialog {
            format: Format::Png,
            scale: 2.0,
            dark: false,
            selection_only: false,
            with_grade: true,
            open: false,
        }
    }
}

/// What a background job brings back.
#[derive(Debug)]
pub enum Outcome {
    /// An export: the message to show, or why it failed.
    Exported(Result<String, String>),
    /// A board read from a file, or why it could not be.
    Opened(PathBuf, Result<Box<crate::store::Loaded>, String>),
}

/// Work running off the UI thread, with what to say while it runs.
#[derive(Debug)]
pub struct Job {
    pub what: String,
    /// The window waits for it (nothing else can be done meanwhile).
    pub blocking: bool,
    result: mpsc::Receiver<Outcome>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Job {
    /// Runs `work` on a named thread.
    pub fn start(
        what: String,
        work: impl FnOnce() -> Outcome + Send + 'static,
    ) -> std::io::Result<Job> {
        let (send, result) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("background".into())
            .spawn(move || {
                let _ = send.send(work());
            })?;
        Ok(Job {
            what,
            blocking: false,
            result,
            thread: Some(thread),
        })
    }

    /// The outcome, once the work is done.
    fn poll(&mut self) -> Option<Outcome> {
        let outcome = self.result.try_recv().ok()?;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        Some(outcome)
    }

    /// Waits for the outcome (tests, and quitting).
    pub fn wait(mut self) -> Outcome {
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        self.result
            .try_recv()
            .unwrap_or_else(|_| Outcome::Exported(Err("the work stopped unexpectedly".into())))
    }
}

impl ArchdrillApp {
    /// Opens the export dialog for a format.
    pub fn open_export(&mut self, format: Format) {
        self.export.format = format;
        self.export.open = true;
    }

    /// The options the dialog's choices mean for the board on the canvas.
    pub fn export_options(&self) -> ExportOptions {
        let sel = &self.active_canvas().selection;
        let only = (self.export.selection_only && !sel.blocks.is_empty()).then(|| Subset {
            blocks: sel.blocks.clone(),
            frames: sel.frames.clone(),
        });
        let marks = self
            .grade
            .as_ref()
            .filter(|_| self.export.with_grade)
            .and(self.canvas.overlay.as_ref())
            .map(|overlay| overlay.marks.clone());
        ExportOptions {
            scale: match self.export.format {
                Format::Png => self.export.scale,
                Format::Svg => 1.0,
            },
            dark: self.export.dark,
            only,
            marks,
            ..ExportOptions::default()
        }
    }

    /// Asks where to write, then exports there in the background.
    fn export_to_chosen_file(&mut self) {
        let format = self.export.format;
        let stem = self
            .doc
            .path()
            .and_then(Path::file_stem)
            .map_or_else(|| "board".to_owned(), |s| s.to_string_lossy().into_owned());
        let folder = self
            .doc
            .path()
            .and_then(Path::parent)
            .map_or_else(crate::store::paths::default_boards_dir, Path::to_path_buf);
        let name = format!("{stem}.{}", format.extension());
        let Some(path) = self.dialogs.pick_save(&folder, &name) else {
            return;
        };
        let path = if path.extension().is_some() {
            path
        } else {
            path.with_extension(format.extension())
        };
        self.export_to(path);
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
                    "{} is the open board's file; choose another name for the picture (nothing was written)",
                    path.display()
                ),
            );
            return;
        }
        let format = self.export.format;
        let options = self.export_options();
        let board = self.active_doc().board().clone();
        let catalog = self.catalog.clone();
        let name = super::status::file_name(&path);
        let work = move || {
            let result = match format {
                Format::Png => export::to_png(&board, &catalog, &options),
                Format::Svg => export::to_svg(&board, &catalog, &options).map(String::into_bytes),
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
        }
    }

    /// The export dialog.
    pub(crate) fn export_ui(&mut self, ctx: &egui::Context) {
        if !self.export.open {
            return;
        }
        let has_selection = !self.active_canvas().selection.blocks.is_empty();
        let has_grade = self.grade.is_some();
        let mut go = false;
        let mut cancel = false;
        // Only the bounds: cheap enough for every frame the dialog is open.
        let options = self.export_options();
        let size = export::fit(self.active_doc().board(), &options);
        egui::Modal::new(egui::Id::unique("export-dialog")).show(ctx, |ui| {
            ui.set_width(340.0);
            ui.heading(format!("Export as {}", self.export.format.name()));
            ui.add_space(6.0);
            egui::Grid::new("export-options")
                .num_columns(2)
                .spacing([12.0, 8.0])
                .show(ui, |ui| {
                    ui.label("Format");
                    ui.horizontal(|ui| {
                        ui.selectable_value(&mut self.export.format, Format::Png, "PNG")
                            .on_hover_text("A picture, for notes and chats");
                        ui.selectable_value(&mut self.export.format, Format::Svg, "SVG")
                            .on_hover_text("Sharp at any size; the text stays text");
                    });
                    ui.end_row();
                    if self.export.format == Format::Png {
                        ui.label("Scale");
                        ui.horizontal(|ui| {
                            ui.selectable_value(&mut self.export.scale, 1.0, "1x");
                            ui.selectable_value(&mut self.export.scale, 2.0, "2x")
                                .on_hover_text("Twice the pixels: sharp on high-density screens");
                        });
                        ui.end_row();
                    }
                    ui.label("Colours");
                    ui.horizontal(|ui| {
                        ui.selectable_value(&mut self.export.dark, false, "Light background");
                        ui.selectable_value(&mut self.export.dark, true, "Dark background");
                    });
                    ui.end_row();
                });
            ui.add_space(4.0);
            ui.add_enabled(
                has_selection,
                egui::Checkbox::new(&mut self.export.selection_only, "Only the selection"),
            )
            .on_disabled_hover_text("Select blocks on the canvas to export only them");
            ui.add_enabled(
                has_grade,
                egui::Checkbox::new(&mut self.export.with_grade, "Draw the grade"),
            )
            .on_disabled_hover_text("Grade the board (Ctrl+Enter) to draw its result");
            ui.add_space(4.0);
            match &size {
                Ok((w, h, fitted)) if self.export.format == Format::Png => {
                    if *fitted < options.scale {
                        ui.weak(format!(
                            "{w} x {h} pixels: drawn at {:.0} % of this scale, to stay within {} megapixels",
                            100.0 * fitted / options.scale,
                            export::MAX_MEGAPIXELS
                        ));
                    } else {
                        ui.weak(format!("{w} x {h} pixels"));
                    }
                }
                Ok(_) => {}
                Err(err) => {
                    ui.colored_label(ui.visuals().warn_fg_color, err.to_string());
                }
            }
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(size.is_ok(), egui::Button::new("Export…"))
                    .on_hover_text("Choose the file to write")
                    .clicked()
                {
                    go = true;
                }
                if ui.button("Cancel").clicked() {
                    cancel = true;
                }
            });
        });
        if go || cancel {
            self.export.open = false;
        }
        if go {
            self.export_to_chosen_file();
        }
    }

    /// While a job runs: what is happening, with a spinner. Opening a board blocks the
    /// window (the board on the canvas is about to be replaced); an export does not.
    pub(crate) fn job_ui(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.job else {
            return;
        };
        if job.blocking {
            egui::Modal::new(egui::Id::unique("job-modal")).show(ctx, |ui| {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(&job.what);
                });
            });
            return;
        }
        egui::Window::new("Working")
            .title_bar(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_BOTTOM, [0.0, -60.0])
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(&job.what);
                });
            });
    }
}
