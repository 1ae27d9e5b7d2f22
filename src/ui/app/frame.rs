//! One frame of the app: the strips, side panels, canvas and windows laid out, and what the
//! user asked of each carried out.

use super::super::canvases;
use super::super::command::Command;
use super::super::compare::CompareLayout;
use super::super::files::Pending;
use super::super::practice::{self, Action, StartAsk};
use super::super::report::ReportAsk;
use super::super::theme::Palette;
use super::super::view::View;
use super::super::{inspector, menu, palette, toolbar};
use super::ArchdrillApp;

impl ArchdrillApp {
    /// Escape, nudging and the clipboard now; returns the commands the keys asked for, which
    /// run after the canvas has taken this frame's clicks (so F2 right after a click renames
    /// the block just clicked). While a modal question is open it takes the keys.
    pub(super) fn keyboard(&mut self, ctx: &egui::Context) -> Vec<Command> {
        if self.modal_open() {
            return Vec::new();
        }
        let (asked, escape) = super::super::keys::pressed(ctx);
        let sheet_open = self.windows.shortcuts;
        let (canvas, doc) = self.view.active((&mut self.canvas, &mut self.doc));
        // Escape closes the topmost window over the canvas first, then acts on the canvas.
        if escape && sheet_open {
            self.windows.shortcuts = false;
        } else if escape && self.windows.progress {
            self.windows.progress = false;
        } else if escape && self.windows.start {
            self.windows.start = false;
        } else if escape {
            super::super::keys::escape(canvas);
        }
        let nudged = super::super::keys::nudge(ctx, canvas, doc).map_or(Ok(()), Err);
        let pair = (canvas, doc);
        let (cut, refused) =
            super::super::keys::clipboard_events(ctx, pair, &mut self.clipboard, &self.catalog);
        self.refused(nudged);
        if let Some(text) = refused {
            self.notify(text);
        }
        if cut {
            self.run(Command::Delete);
        }
        asked
    }

    /// True while a modal question or dialog takes the keys (and dropped files wait).
    fn modal_open(&self) -> bool {
        self.files.picker.is_some()
            || self.drill.round.is_some()
            || self.files.prompt.is_some()
            || self.messages.error.is_some()
            || !self.recovered.is_empty()
            || self.job.as_ref().is_some_and(|j| j.blocking)
    }

    /// A file dropped on the window is opened (a board) or imported (a drawing), after the
    /// unsaved-changes question; while files are dragged over the window, says what a drop
    /// will do.
    pub(super) fn dropped_files(&mut self, ctx: &egui::Context) {
        let (hovered, dropped) = ctx.input(|i| {
            let hovered: Vec<Option<std::path::PathBuf>> =
                i.raw.hovered_files.iter().map(|f| f.path.clone()).collect();
            let dropped: Vec<Option<std::path::PathBuf>> = i
                .raw
                .dropped_files
                .iter()
                .map(|f| Some(f.path().to_path_buf()).filter(|p| !p.as_os_str().is_empty()))
                .collect();
            (hovered, dropped)
        });
        if let Some(first) = hovered.first() {
            let what = match first {
                _ if self.modal_open() => "Close the open dialog first".to_owned(),
                Some(path)
                    if crate::import::detect(&super::super::status::file_name(path), "")
                        .is_some() =>
                {
                    format!(
                        "Drop to import {} as a new board",
                        super::super::status::file_name(path)
                    )
                }
                Some(path) => format!("Drop to open {}", super::super::status::file_name(path)),
                None => "Drop a board or a drawing to open it".to_owned(),
            };
            let screen = ctx.content_rect();
            let painter = ctx.layer_painter(egui::LayerId::new(
                egui::Order::Foreground,
                egui::Id::unique("drop-target"),
            ));
            let palette =
                super::super::theme::Palette::for_dark_mode(ctx.global_style().visuals.dark_mode);
            painter.rect_filled(screen, 0.0, palette.canvas.gamma_multiply(0.85));
            painter.rect_stroke(
                screen.shrink(12.0),
                8.0,
                egui::Stroke::new(2.0, palette.selection),
                egui::StrokeKind::Inside,
            );
            painter.text(
                screen.center(),
                egui::Align2::CENTER_CENTER,
                what,
                egui::FontId::proportional(20.0),
                palette.text,
            );
        }
        if dropped.is_empty() {
            return;
        }
        if self.modal_open() {
            self.notify("Close the open dialog, then drop the file again");
            return;
        }
        if dropped.len() > 1 {
            self.notify("Drop one file at a time: the first one is opened");
        }
        match dropped.into_iter().next().flatten() {
            Some(path) => {
                self.close_reference();
                self.guard_unsaved(Pending::Open(Some(path)));
            }
            None => self.show_error(
                "Could not open the dropped file",
                "it came without a path on disk; save it as a file first".to_owned(),
            ),
        }
    }

    /// The menu bar and toolbar above, the status line and the report below.
    pub(super) fn strips_ui(&mut self, ui: &mut egui::Ui) {
        egui::Panel::top("menu").show(ui, |ui| {
            let hidden_case = self
                .session
                .as_ref()
                .filter(|s| !s.recorded)
                .map(|s| s.case_id.as_str());
            let state = menu::MenuState {
                recent: &self.files.recent,
                grid: self.canvas.show_grid,
                snap: self.canvas.snap,
                palette: self.prefs.switches.palette,
                inspector: self.prefs.switches.inspector,
                own_dialogs: self.prefs.switches.own_dialogs,
                question_problems: &self.drill.bank.problems,
                hidden_case,
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
            super::super::status::status_ui(ui, &mut self.messages, board, zoom);
        });
        self.refresh_grade();
        let offer_reference = self.session.is_none() && self.compare().is_none();
        if let Some(view) = &self.grade {
            let questions = self.questions_for(&view.report);
            let ask = egui::Panel::bottom("report")
                .resizable(true)
                .default_size(230.0)
                .size_range(80.0..=600.0)
                .show(ui, |ui| {
                    super::super::report::report_ui(ui, view, offer_reference, &questions)
                })
                .inner;
            match ask {
                Some(ReportAsk::Hide) => self.hide_grade(),
                Some(ReportAsk::ShowReference) => self.open_compare(CompareLayout::Beside),
                Some(ReportAsk::Focus(focus)) => self.set_focus(focus),
                Some(ReportAsk::Ask(id)) => self.ask_question(&id),
                None => {}
            }
        }
    }

    /// The palette and the inspector, each folded to a strip when the user put it away, and
    /// both left out while the reference beside the drawing needs the width.
    pub(super) fn side_panels_ui(&mut self, ui: &mut egui::Ui) {
        // The reference beside the drawing needs the width; the side panels come back after.
        self.side_panels = !self.view.beside();
        if !self.side_panels {
            return;
        }
        let read_only = self.active_canvas().read_only;
        let mut open = self.prefs.switches.palette;
        let ask = egui::Panel::show_switched(
            ui,
            &mut open,
            egui::Panel::left("palette-folded")
                .resizable(false)
                .exact_size(28.0),
            egui::Panel::left("palette")
                .resizable(true)
                .default_size(220.0),
            |ui, expanded| {
                if expanded {
                    palette::palette_ui(ui, &mut self.palette_query, &self.catalog, read_only)
                } else {
                    palette::collapsed_ui(ui)
                }
            },
        )
        .inner;
        self.prefs.switches.palette = open;
        match ask {
            Some(palette::PaletteAsk::Add(kind)) => self.add_from_palette(&kind),
            Some(palette::PaletteAsk::Toggle) => self.run(Command::TogglePalette),
            None => {}
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
        let mut open = self.prefs.switches.inspector;
        egui::Panel::show_switched(
            ui,
            &mut open,
            egui::Panel::right("inspector-folded")
                .resizable(false)
                .exact_size(28.0),
            egui::Panel::right("inspector")
                .resizable(true)
                .default_size(300.0),
            |ui, expanded| {
                if expanded {
                    inspector::inspector_ui(ui, &mut cx);
                } else {
                    inspector::collapsed_ui(ui, &mut cx);
                }
            },
        );
        self.prefs.switches.inspector = open;
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

    /// The strip of the view and its canvas or canvases.
    pub(super) fn central_panel_ui(&mut self, ui: &mut egui::Ui, palette: &Palette) {
        egui::CentralPanel::no_frame().show(ui, |ui| {
            // Between the strips and the canvas, the window shows through: give it the panel colour.
            ui.painter()
                .rect_filled(ui.max_rect(), 0.0, ui.visuals().panel_fill);
            match self.view {
                View::Reference(ref r) => {
                    let id = r.case_id.clone();
                    match super::super::reference::banner_ui(ui, r, &self.cases) {
                        Some(super::super::reference::BannerAsk::Close) => self.close_reference(),
                        Some(super::super::reference::BannerAsk::NewBoard) => {
                            self.close_reference();
                            self.guard_unsaved(Pending::NewForCase(id));
                        }
                        None => {}
                    }
                }
                View::Compare(_) => {
                    self.practice_banner(ui);
                    let ask = self
                        .compare()
                        .and_then(|c| super::super::compare::banner_ui(ui, c, &self.cases));
                    match ask {
                        Some(super::super::compare::BannerAsk::Close) => self.view.close_compare(),
                        Some(super::super::compare::BannerAsk::Layout(layout)) => {
                            self.open_compare(layout);
                        }
                        None => {}
                    }
                }
                View::Board => self.practice_banner(ui),
            }
            if let Some(err) = self.central_ui(ui, palette) {
                self.notify(format!("Not done: {err}"));
            }
        });
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

    /// The windows and modals over the canvas.
    pub(super) fn windows_ui(&mut self, ctx: &egui::Context) {
        // A board left by a crash is asked about first.
        if self.recovered.is_empty() {
            let (due, new) = self.cards_today();
            let mut cards = practice::CardsToday {
                due,
                new,
                length: &mut self.drill.length,
            };
            let ask = practice::start_screen_ui(
                ctx,
                &mut self.windows.start,
                (&self.cases, &self.attempts),
                &mut cards,
            );
            match ask {
                Some(StartAsk::Progress) => self.windows.progress = true,
                Some(StartAsk::Practise(id)) => self.start_practice(&id),
                Some(StartAsk::Drill(length)) => self.start_drill(length),
                None => {}
            }
        }
        let cards = if self.windows.progress {
            self.cards_summary()
        } else {
            String::new()
        };
        let ask = super::super::progress::progress_ui(
            ctx,
            &mut self.windows.progress,
            (&self.cases, &self.attempts),
            &cards,
        );
        match ask {
            Some(super::super::progress::ProgressAsk::Overview) => self.windows.start = true,
            Some(super::super::progress::ProgressAsk::Regrade) => {
                match super::super::progress::regrade_history(
                    &self.catalog,
                    &self.cases,
                    &self.data_dir,
                ) {
                    Ok((attempts, text)) => {
                        self.attempts = attempts;
                        self.notify(text);
                    }
                    Err(err) => self.show_error("Could not grade the history again", err),
                }
            }
            None => {}
        }
        self.unsaved_prompt(ctx);
        self.recovery_prompt(ctx);
        self.export_dialog(ctx);
        self.file_picker(ctx);
        self.drill_window(ctx);
        if let Some(job) = &self.job {
            super::super::jobs::job_ui(ctx, job);
        }
        super::super::status::error_ui(ctx, &mut self.messages);
        super::super::command::shortcut_sheet_ui(ctx, &mut self.windows.shortcuts);
    }

    /// The practice strip, during an attempt, and what it asked.
    fn practice_banner(&mut self, ui: &mut egui::Ui) {
        let comparing = self.compare().is_some();
        let (Some(session), Some(case)) = (
            self.session.as_ref(),
            self.session
                .as_ref()
                .and_then(|s| self.cases.get(&s.case_id)),
        ) else {
            return;
        };
        let case_id = case.id.clone();
        match practice::banner_ui(ui, session, case, comparing) {
            Some(Action::End) => self.session = None,
            Some(Action::Again) => self.start_practice(&case_id),
            Some(Action::Reference) => self.open_compare(CompareLayout::Beside),
            Some(action) => {
                if let Some(session) = self.session.as_mut() {
                    session.apply(action);
                }
            }
            None => {}
        }
    }
}
