//! The app: owns the open document and the UI state, lays out the panels, runs commands.

use std::path::PathBuf;

mod commands;

use super::canvas::CanvasState;
use super::command::Command;
use super::files::{FileDialogs, NativeDialogs, Pending};
use super::theme::Palette;
use super::view::View;
use super::{canvases, inspector, menu, palette, toolbar};
use crate::cases::CaseLibrary;
use crate::catalog::Catalog;
use crate::document::Document;
use crate::model::Items;
use crate::store;

/// The whole app state. Everything the user edits lives in `doc`; what the canvas shows is
/// `view`; the rest is view state.
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent switches of the window"
)]
pub struct ArchdrillApp {
    pub catalog: Catalog,
    pub doc: Document,
    pub canvas: CanvasState,
    pub dialogs: Box<dyn FileDialogs>,
    pub recent: Vec<PathBuf>,
    /// The user data folder (recent files); tests point it at a temporary folder.
    pub data_dir: PathBuf,
    /// The action waiting for an answer to "Save changes?".
    pub prompt: Option<super::files::Pending>,
    /// An error shown in a modal until dismissed: (title, message).
    pub error: Option<(String, String)>,
    /// The latest status message and when it was shown.
    pub notice: Option<(String, f64)>,
    pub palette_query: String,
    pub show_shortcuts: bool,
    /// A theme chosen by a command, applied at the start of the next frame.
    theme_request: Option<egui::ThemePreference>,
    pub(crate) inspector: inspector::InspectorState,
    /// Blocks copied with Ctrl+C, pasted with Ctrl+V.
    pub(crate) clipboard: Option<Items>,
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
    /// Whether the start screen (cases and progress) is shown.
    pub show_start: bool,
    /// Whether the progress view (score plot, weakest components) is shown.
    pub show_progress: bool,
    /// The recovery file of this app's board, written shortly after each change.
    pub autosave: super::recovery::Autosave,
    /// Boards left by apps that did not close normally, still to be asked about.
    pub recovered: Vec<crate::store::recovery::Recovered>,
    /// The export dialog's choices.
    pub export: super::export::ExportDialog,
    /// Settings remembered between runs.
    pub prefs: super::prefs::Prefs,
    /// An export running in the background.
    pub job: Option<super::export::Job>,
    /// Whether the palette and inspector were laid out this frame.
    pub(crate) side_panels: bool,
    pub(crate) allowed_to_close: bool,
    pub(crate) quit_requested: bool,
    last_title: String,
}

impl ArchdrillApp {
    /// An app on `doc`, keeping its own files in `data_dir`, using native file dialogs.
    pub fn new(catalog: Catalog, doc: Document, data_dir: PathBuf) -> Self {
        store::recovery::remove_stale_temporaries(&data_dir, doc.path(), crate::clock::now());
        let cases = store::load_cases(&catalog, &data_dir);
        let (attempts, history_note) = store::history::load_attempts(&data_dir);
        let n = cases.problems.len();
        let notice = (n > 0).then(|| {
            (
                format!("{n} case file(s) could not be loaded; see the Cases menu"),
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
            show_start: false,
            show_progress: false,
            catalog,
            doc,
            canvas,
            dialogs: Box::new(NativeDialogs),
            recent: store::load_recent(&data_dir),
            data_dir,
            prompt: None,
            error,
            notice,
            palette_query: String::new(),
            show_shortcuts: false,
            theme_request: None,
            inspector: inspector::InspectorState::default(),
            clipboard: None,
            side_panels: true,
            export: super::export::ExportDialog::default(),
            job: None,
            prefs,
            autosave,
            recovered,
            allowed_to_close: false,
            quit_requested: false,
            last_title: String::new(),
        }
    }

    /// Replaces the file dialogs (tests answer them without a window system).
    #[must_use]
    pub fn with_dialogs(mut self, dialogs: Box<dyn FileDialogs>) -> Self {
        self.dialogs = dialogs;
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
        self.notice = Some((text.into(), f64::NAN));
    }

    pub fn show_error(&mut self, title: &str, message: String) {
        self.error = Some((title.to_owned(), message));
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
        if let Some(theme) = self.theme_request.take() {
            ctx.set_theme(theme);
        }
        self.handle_close_request(&ctx);
        let (asked, escape) = super::keys::pressed(&ctx);
        for cmd in asked {
            self.run(cmd);
        }
        let (canvas, doc) = self.view.active((&mut self.canvas, &mut self.doc));
        if escape {
            super::keys::escape(canvas);
        }
        let nudged = super::keys::nudge(&ctx, canvas, doc).map_or(Ok(()), Err);
        let pair = (canvas, doc);
        let (cut, refused) =
            super::keys::clipboard_events(&ctx, pair, &mut self.clipboard, &self.catalog);
        self.refused(nudged);
        if let Some(text) = refused {
            self.notify(text);
        }
        if cut {
            self.run(Command::Delete);
        }
        self.tick_practice(&ctx);
        self.autosave_tick(&ctx);
        self.poll_job(&ctx);
        self.prefs.tick(
            &ctx,
            (self.canvas.show_grid, self.canvas.snap),
            &self.data_dir,
        );
        let title = self.window_title();
        if title != self.last_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.last_title = title;
        }
        let dark = ctx.global_style().visuals.dark_mode;
        let palette = Palette::for_dark_mode(dark);

        egui::Panel::top("menu").show(ui, |ui| {
            let state = menu::MenuState {
                recent: &self.recent,
                grid: self.canvas.show_grid,
                snap: self.canvas.snap,
                cases: &self.cases,
                showing_reference: self.showing_reference(),
            };
            let ask = egui::MenuBar::new()
                .ui(ui, |ui| menu::menu_ui(ui, &state, &|c| self.is_enabled(c)))
                .inner;
            match ask {
                Some(menu::MenuAsk::Run(cmd)) => self.run(cmd),
                Some(menu::MenuAsk::OpenRecent(path)) => {
                    self.guard_unsaved(Pending::Open(Some(path)));
                }
                Some(menu::MenuAsk::ShowReference(id)) => self.open_reference(&id),
                None => {}
            }
        });
        let toolbar = toolbar::ToolbarState {
            tool: self.canvas.tool,
            zoom: self.active_canvas().camera.zoom,
            grid: self.canvas.show_grid,
            snap: self.canvas.snap,
            grade_blocker: self.grade_blocker(),
        };
        let clicked = egui::Panel::top("toolbar")
            .show(ui, |ui| {
                toolbar::toolbar_ui(ui, &toolbar, |c| self.is_enabled(c))
            })
            .inner;
        if let Some(cmd) = clicked {
            self.run(cmd);
        }
        egui::Panel::bottom("status").show(ui, |ui| {
            let zoom = self.active_canvas().camera.zoom;
            // The fields, not `active_doc`: the notice is borrowed to change at the same time.
            let board = self.view.reference().map_or(&self.doc, |r| &r.doc).board();
            super::status::status_ui(ui, &mut self.notice, board, zoom);
        });
        self.refresh_grade();
        if self.grade.is_some() {
            egui::Panel::bottom("report")
                .resizable(true)
                .default_size(170.0)
                .show(ui, |ui| self.report_ui(ui));
        }
        // The reference beside the drawing needs the width; the side panels come back after.
        self.side_panels = !self.view.beside();
        if self.side_panels {
            let read_only = self.active_canvas().read_only;
            let chosen = egui::Panel::left("palette")
                .resizable(true)
                .default_size(220.0)
                .show(ui, |ui| {
                    palette::palette_ui(ui, &mut self.palette_query, &self.catalog, read_only)
                })
                .inner;
            if let Some(kind) = chosen {
                self.add_from_palette(&kind);
            }
            let enabled: Vec<Command> = Command::ALL
                .into_iter()
                .filter(|c| self.is_enabled(*c))
                .collect();
            let mut cx = inspector::Cx {
                state: &mut self.inspector,
                board: self.doc.board(),
                selection: &self.canvas.selection,
                catalog: &self.catalog,
                cases: &self.cases,
                reference: self.view.reference(),
                practising: self.session.as_ref().map(|s| s.case_id.as_str()),
                enabled: &|c| enabled.contains(&c),
                edit: None,
                connect: None,
                run: None,
            };
            egui::Panel::right("inspector")
                .resizable(true)
                .default_size(260.0)
                .show(ui, |ui| inspector::inspector_ui(ui, &mut cx));
            let (edit, connect, run) = (cx.edit, cx.connect, cx.run);
            if let Some(edit) = edit {
                let done = self.doc.apply(edit);
                self.refused(done);
            }
            if let Some((from, to)) = connect {
                match self.doc.connect(from, to) {
                    Ok(_) => self.notify("Arrow added"),
                    Err(err) => self.notify(format!("Not done: {err}")),
                }
            }
            if let Some(cmd) = run {
                self.run(cmd);
            }
        }
        egui::CentralPanel::no_frame().show(ui, |ui| {
            // Between the strips and the canvas, the window shows through: give it the panel colour.
            ui.painter()
                .rect_filled(ui.max_rect(), 0.0, ui.visuals().panel_fill);
            match self.view {
                View::Reference(ref r) => {
                    let id = r.case_id.clone();
                    match super::reference::banner_ui(ui, r, &self.cases) {
                        Some(super::reference::BannerAsk::Close) => self.close_reference(),
                        Some(super::reference::BannerAsk::NewBoard) => {
                            self.close_reference();
                            self.guard_unsaved(Pending::NewForCase(id));
                        }
                        None => {}
                    }
                }
                View::Compare(_) => {
                    self.practice_banner_ui(ui);
                    let ask = self
                        .compare()
                        .and_then(|c| super::compare::banner_ui(ui, c, &self.cases));
                    match ask {
                        Some(super::compare::BannerAsk::Close) => self.view.close_compare(),
                        Some(super::compare::BannerAsk::Layout(layout)) => {
                            self.open_compare(layout);
                        }
                        None => {}
                    }
                }
                View::Board => self.practice_banner_ui(ui),
            }
            if let Some(err) = self.central_ui(ui, &palette) {
                self.notify(format!("Not done: {err}"));
            }
        });

        self.canvas.selection.retain_existing(self.doc.board());
        self.start_screen_ui(&ctx);
        let ask = super::progress::progress_ui(
            &ctx,
            &mut self.show_progress,
            &self.cases,
            &self.attempts,
        );
        match ask {
            Some(super::progress::ProgressAsk::Overview) => self.show_start = true,
            Some(super::progress::ProgressAsk::Regrade) => {
                match super::progress::regrade_history(&self.catalog, &self.cases, &self.data_dir) {
                    Ok((attempts, text)) => {
                        self.attempts = attempts;
                        self.notify(text);
                    }
                    Err(err) => self.show_error("Could not grade the history again", err),
                }
            }
            None => {}
        }
        self.unsaved_prompt_ui(&ctx);
        self.recovery_ui(&ctx);
        self.export_ui(&ctx);
        self.job_ui(&ctx);
        super::status::error_ui(&ctx, &mut self.error);
        super::command::shortcut_sheet_ui(&ctx, &mut self.show_shortcuts);
        if self.quit_requested {
            self.quit_requested = false;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    /// The canvas or canvases of the view. Returns a refused edit to report.
    fn central_ui(&mut self, ui: &mut egui::Ui, palette: &Palette) -> Option<String> {
        let cx = canvases::Context {
            catalog: &self.catalog,
            cases: &self.cases,
            grade: self.grade.as_ref().map(|g| &g.report),
            palette,
            side_panels: self.side_panels,
        };
        canvases::canvases_ui(ui, &mut self.view, (&mut self.canvas, &mut self.doc), &cx)
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested())
            && !self.allowed_to_close
            && self.doc.is_dirty()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.prompt = Some(Pending::Quit);
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
