//! The app: owns the open document and the UI state, lays out the panels, runs commands.

use std::path::PathBuf;

mod boards;
mod commands;
mod drilling;
mod frame;
mod grading;
mod jobs;

use super::canvas::CanvasState;
use super::files::{FileDialogs, Files, NativeDialogs, Pending};
use super::inspector;
use super::theme::Palette;
use super::view::View;
use crate::cases::CaseLibrary;
use crate::catalog::Catalog;
use crate::document::Document;
use crate::store;

/// Which windows over the canvas are open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Windows {
    /// The practice overview (`ui/practice`).
    pub start: bool,
    /// The progress window (`ui/progress`).
    pub progress: bool,
    /// The shortcut sheet (`ui/command`).
    pub shortcuts: bool,
}

/// What the app asks of the window itself: a theme to apply, and closing it (after the
/// unsaved-changes question was answered), and the title last set.
#[derive(Debug, Default)]
pub struct Shell {
    /// A theme chosen by a command, applied at the start of the next frame.
    theme_request: Option<egui::ThemePreference>,
    /// Closing is allowed: the unsaved changes were saved or given up on purpose.
    allowed_to_close: bool,
    /// Close the window at the end of this frame.
    quit_requested: bool,
    last_title: String,
}

/// The whole app state. Everything the user edits lives in `doc`; what the canvas shows is
/// `view`; the rest is view state.
pub struct ArchdrillApp {
    pub catalog: Catalog,
    pub doc: Document,
    pub canvas: CanvasState,
    /// File dialogs, the "Save changes?" question and the recent boards.
    pub files: Files,
    /// The user data folder (recent files); tests point it at a temporary folder.
    pub data_dir: PathBuf,
    /// The status message and the error on screen.
    pub messages: super::status::Messages,
    /// The palette's search text.
    pub palette_query: String,
    /// Which windows over the canvas are open.
    pub windows: Windows,
    pub(crate) inspector: inspector::InspectorState,
    /// Blocks copied with Ctrl+C, pasted with Ctrl+V.
    pub(crate) clipboard: super::keys::Clipboard,
    /// The case studies (built-in and the user's).
    pub cases: CaseLibrary,
    /// What the canvas shows: the board, the board compared with its reference, or a case
    /// reference on its own.
    pub view: View,
    /// The grade on screen, if any.
    pub grade: Option<super::report::GradeView>,
    /// The timed practice attempt in progress, if any.
    pub session: Option<super::practice::Session>,
    /// Every recorded attempt, oldest first.
    pub attempts: Vec<crate::practice::Attempt>,
    /// The recovery file of this app's board, written shortly after each change.
    pub autosave: super::recovery::Autosave,
    /// Boards left by apps that did not close normally, still to be asked about.
    pub recovered: Vec<crate::store::recovery::Recovered>,
    /// The export dialog's choices.
    pub export: super::export::ExportDialog,
    /// Settings remembered between runs.
    pub prefs: super::prefs::Prefs,
    /// An export running in the background.
    pub job: Option<super::jobs::Job>,
    /// Whether the palette and inspector were laid out this frame.
    pub(crate) side_panels: bool,
    /// The window's theme, title and closing.
    pub(crate) shell: Shell,
    /// The trade-off drill: its questions, the self-grades so far, the round on screen.
    pub drill: super::drill::Drill,
}

impl ArchdrillApp {
    /// An app on `doc`, keeping its own files in `data_dir`, using native file dialogs.
    pub fn new(catalog: Catalog, doc: Document, data_dir: PathBuf) -> Self {
        store::recovery::remove_stale_temporaries(&data_dir, doc.path(), crate::clock::now());
        let cases = store::load_cases(&catalog, &data_dir);
        let (attempts, history_note) = store::history::load_attempts(&data_dir);
        let bank = store::load_questions(&catalog, &cases, &data_dir);
        let n = cases.problems.len() + bank.problems.len();
        let notice = (n > 0).then(|| {
            (
                format!("{n} case or question file(s) could not be loaded; see the Cases menu"),
                f64::NAN,
            )
        });
        // Look for boards left by a crash before this app claims its own recovery slot.
        let (recovered, problems) = super::recovery::find_recovered(&data_dir, &catalog);
        // What opening the history had to say (a damaged copy kept aside, an earlier history
        // imported, a newer version only read), or what recovery could not read: shown.
        let error = match (history_note, problems.is_empty()) {
            (_, false) => Some((
                "Some recovery files could not be read".to_owned(),
                problems.join("\n"),
            )),
            (note, true) => note.map(|note| ("The practice history".to_owned(), note)),
        };
        let autosave = super::recovery::Autosave::start(&data_dir);
        let drill = super::drill::Drill {
            bank,
            // A history that cannot be read was reported with the attempts already.
            reviews: store::history::load_card_reviews(&data_dir)
                .map(|(reviews, _)| reviews)
                .unwrap_or_default(),
            ..super::drill::Drill::default()
        };
        let prefs = super::prefs::Prefs::load(&data_dir);
        let canvas = CanvasState {
            show_grid: prefs.saved.grid,
            snap: prefs.saved.snap,
            ..CanvasState::default()
        };
        ArchdrillApp {
            cases,
            view: View::Board,
            grade: None,
            session: None,
            attempts,
            catalog,
            doc,
            canvas,
            files: Files {
                dialogs: Box::new(NativeDialogs::default()),
                picker: None,
                prompt: None,
                recent: store::load_recent(&data_dir),
            },
            data_dir,
            messages: super::status::Messages { notice, error },
            palette_query: String::new(),
            windows: Windows::default(),
            inspector: inspector::InspectorState::default(),
            clipboard: super::keys::Clipboard::default(),
            side_panels: true,
            export: super::export::ExportDialog::default(),
            job: None,
            prefs,
            autosave,
            recovered,
            shell: Shell::default(),
            drill,
        }
    }

    /// Replaces the file dialogs (tests answer them without a window system).
    #[must_use]
    pub fn with_dialogs(mut self, dialogs: Box<dyn FileDialogs>) -> Self {
        self.files.dialogs = dialogs;
        self
    }

    /// Forgets everything tied to the board that was on the canvas (gesture, selection, grade).
    pub(crate) fn board_replaced(&mut self) {
        self.canvas.reset_for_new_board();
        self.grade = None;
        self.session = None;
        self.view = View::Board;
    }

    /// The document on the canvas: the user's, or the case reference shown on its own.
    pub fn active_doc(&self) -> &Document {
        self.view.reference().map_or(&self.doc, |r| &r.doc)
    }

    /// The canvas state of [`Self::active_doc`].
    pub fn active_canvas(&self) -> &CanvasState {
        self.view.reference().map_or(&self.canvas, |r| &r.canvas)
    }

    /// The canvas state and document on the canvas, to change.
    pub fn active_mut(&mut self) -> (&mut CanvasState, &mut Document) {
        self.view.active((&mut self.canvas, &mut self.doc))
    }

    /// The reference compared with the board, while it is.
    pub fn compare(&self) -> Option<&super::compare::Compare> {
        self.view.compare()
    }

    pub fn notify(&mut self, text: impl Into<String>) {
        self.messages.notice = Some((text.into(), f64::NAN));
    }

    pub fn show_error(&mut self, title: &str, message: String) {
        self.messages.error = Some((title.to_owned(), message));
    }

    /// The window title: file name, an unsaved mark, and the app name.
    pub fn window_title(&self) -> String {
        if let View::Reference(r) = &self.view {
            return format!("{} — archdrill", r.doc.board().title);
        }
        let mark = if self.doc.is_dirty() { "● " } else { "" };
        format!("{mark}{} — archdrill", self.doc.display_name())
    }

    /// Draws one frame of the whole app.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if let Some(theme) = self.shell.theme_request.take() {
            ctx.set_theme(theme);
        }
        self.handle_close_request(&ctx);
        let asked = self.keyboard(&ctx);
        self.dropped_files(&ctx);
        if self.session.as_mut().is_some_and(|s| s.tick(&ctx)) {
            self.notify("Five minutes left");
        }
        if let Some(text) = self.autosave.tick(&ctx, &self.doc) {
            self.notify(text);
        }
        self.poll_job(&ctx);
        self.prefs.tick(
            &ctx,
            (self.canvas.show_grid, self.canvas.snap),
            &self.data_dir,
        );
        let title = self.window_title();
        if title != self.shell.last_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shell.last_title = title;
        }
        let palette = Palette::for_dark_mode(ctx.global_style().visuals.dark_mode);
        self.strips_ui(ui);
        self.side_panels_ui(ui);
        self.central_panel_ui(ui, &palette);
        if !asked.is_empty() {
            for cmd in asked {
                self.run(cmd);
            }
            ctx.request_repaint();
        }
        if let Some(text) = self.clipboard.outgoing.take() {
            ctx.copy_text(text);
        }
        self.canvas.selection.retain_existing(self.doc.board());
        self.windows_ui(&ctx);
        if self.shell.quit_requested {
            self.shell.quit_requested = false;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested())
            && !self.shell.allowed_to_close
            && self.doc.is_dirty()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.files.prompt = Some(Pending::Quit);
        }
    }

    /// Why the reference cannot be compared with the board now, if it cannot.
    pub fn compare_blocker(&self) -> Option<String> {
        let case = self.doc.board().case.as_deref();
        let session = self.session.as_ref();
        let hidden = session.is_some_and(|s| Some(s.case_id.as_str()) == case && !s.recorded);
        let alone = self.view.reference().is_some();
        super::compare::blocker(case, (alone, hidden), &self.cases)
    }

    /// Shows the board's case reference beside or under the drawing (or switches the layout).
    pub fn open_compare(&mut self, layout: super::compare::CompareLayout) {
        let Some(case_id) = self.doc.board().case.clone() else {
            return self.notify("Choose the case this board answers (in the side panel) first");
        };
        if let Some(reason) = self.compare_blocker() {
            return self.notify(reason);
        }
        if let (false, Some(case)) = (
            self.view.relayout(&case_id, layout),
            self.cases.get(&case_id),
        ) {
            let report = self.grade.as_ref().map(|g| &g.report);
            let compare = super::compare::Compare::new(
                case,
                self.doc.board(),
                report,
                layout,
                self.canvas.show_grid,
            );
            self.view = View::Compare(compare);
        }
    }

    /// Says in the status line why an edit was refused, if it was.
    fn refused(&mut self, result: Result<(), crate::model::EditError>) {
        if let Err(err) = result {
            self.notify(format!("Not done: {err}"));
        }
    }

    /// Adds a block of `kind` at the next free spot and selects it.
    fn add_from_palette(&mut self, kind: &str) {
        let pos = self.canvas.next_add_position(&self.doc);
        match self.doc.add_block(&self.catalog, kind, None, pos) {
            Ok(id) => self.canvas.selection = crate::document::Selection::only_block(id),
            Err(err) => self.notify(format!("Not added: {err}")),
        }
    }
}

impl eframe::App for ArchdrillApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }
}
