//! Practice in the app: a timed attempt at one case with its prompt and hint ladder, saved
//! to the history when graded; and the start screen with every case's progress.

use super::app::ArchdrillApp;
use super::files::Pending;
use crate::clock::now_secs;
use crate::practice::{self, Attempt, DAY_SECS};
use crate::store;

/// Default length of a practice attempt, as in an interview.
pub const DEFAULT_LIMIT_SECS: f64 = 45.0 * 60.0;
/// When the timer warns that time is running out.
const WARN_AT_SECS: f64 = 5.0 * 60.0;

/// A timed attempt in progress.
#[derive(Clone, Debug, PartialEq)]
pub struct Session {
    pub case_id: String,
    pub limit_secs: f64,
    pub elapsed_secs: f64,
    pub running: bool,
    /// egui time of the last tick while running.
    last_tick: Option<f64>,
    /// How many hints of the ladder are shown.
    pub hints_shown: usize,
    warned: bool,
    /// Set once the attempt has been graded and saved.
    pub recorded: bool,
}

impl Session {
    pub fn new(case_id: String) -> Self {
        Session {
            case_id,
            limit_secs: DEFAULT_LIMIT_SECS,
            elapsed_secs: 0.0,
            running: true,
            last_tick: None,
            hints_shown: 0,
            warned: false,
            recorded: false,
        }
    }

    pub fn remaining_secs(&self) -> f64 {
        (self.limit_secs - self.elapsed_secs).max(0.0)
    }
}

/// What the practice strip was asked to do this frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Action {
    ToggleTimer,
    Limit(u32),
    Hint,
    End,
    Again,
    Reference,
}

/// "12:05" for a number of seconds.
pub fn clock(secs: f64) -> String {
    let whole = secs.max(0.0).round() as u64;
    format!("{:02}:{:02}", whole / 60, whole % 60)
}

impl ArchdrillApp {
    /// Starts a timed attempt at a case on a fresh board (asking first about unsaved changes).
    pub fn start_practice(&mut self, id: &str) {
        self.close_reference();
        self.show_start = false;
        self.guard_unsaved(Pending::Practise(id.to_owned()));
    }

    /// Advances the timer; warns once when five minutes are left.
    pub(crate) fn tick_practice(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        let Some(session) = self.session.as_mut() else {
            return;
        };
        if session.running && !session.recorded {
            if let Some(last) = session.last_tick {
                session.elapsed_secs += (now - last).max(0.0);
            }
            session.last_tick = Some(now);
            ctx.request_repaint_after(std::time::Duration::from_millis(500));
        } else {
            session.last_tick = None;
        }
        let warn = !session.warned && session.remaining_secs() <= WARN_AT_SECS;
        if warn {
            session.warned = true;
            self.notify("Five minutes left");
        }
    }

    /// After a grade in a practice session: saves the attempt once.
    pub(crate) fn record_practice(&mut self) {
        let (Some(session), Some(view)) = (self.session.as_mut(), self.grade.as_ref()) else {
            return;
        };
        if session.recorded || self.doc.board().case.as_deref() != Some(session.case_id.as_str()) {
            return;
        }
        session.recorded = true;
        session.running = false;
        let attempt = Attempt::of_grade(
            &session.case_id,
            &view.report,
            now_secs(),
            session.elapsed_secs.round() as u32,
            session.hints_shown as u32,
        );
        let title = self
            .cases
            .get(&session.case_id)
            .map_or_else(|| session.case_id.clone(), |c| c.title.clone());
        let report_json = match view.report.to_json(&title) {
            Ok(json) => json,
            Err(err) => {
                self.show_error("Could not save the attempt", err.to_string());
                return;
            }
        };
        match store::history::record_attempt(
            &self.data_dir,
            attempt,
            self.doc.board(),
            &report_json,
        ) {
            Ok((saved, note)) => {
                self.attempts.push(saved);
                if let Some(note) = note {
                    self.show_error("The practice history", note);
                }
            }
            Err(err) => self.show_error("Could not save the attempt", err.to_string()),
        }
    }

    /// The strip above the canvas during practice: case, timer, hints, and what to do next.
    pub(crate) fn practice_banner_ui(&mut self, ui: &mut egui::Ui) {
        let Some(session) = self.session.clone() else {
            return;
        };
        let Some(case) = self.cases.get(&session.case_id).cloned() else {
            return;
        };
        let palette = super::theme::Palette::for_dark_mode(ui.visuals().dark_mode);
        let comparing = self.compare().is_some();
        let mut action = None;
        super::theme::banner_frame(ui.visuals()).show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.strong(format!("Practice: {}", case.title));
                ui.separator();
                let left = session.remaining_secs();
                let color = if left <= WARN_AT_SECS {
                    palette.wrong_way
                } else {
                    ui.visuals().strong_text_color()
                };
                let text = if session.recorded {
                    format!("done in {}", clock(session.elapsed_secs))
                } else {
                    format!("{} left", clock(left))
                };
                ui.label(egui::RichText::new(text).monospace().color(color))
                    .on_hover_text("Time left of the attempt");
                if !session.recorded {
                    let label = if session.running { "Pause" } else { "Resume" };
                    if ui
                        .button(label)
                        .on_hover_text("Pause or resume the timer")
                        .clicked()
                    {
                        action = Some(Action::ToggleTimer);
                    }
                    ui.menu_button("Timer", |ui| {
                        for minutes in [30, 45, 60, 90] {
                            if ui.button(format!("{minutes} minutes")).clicked() {
                                action = Some(Action::Limit(minutes));
                                ui.close();
                            }
                        }
                    });
                }
                let shown = session.hints_shown;
                let more = shown < case.hints.len();
                if ui
                    .add_enabled(
                        more && !session.recorded,
                        egui::Button::new(format!("Hint ({shown}/{})", case.hints.len())),
                    )
                    .on_hover_text("Reveal the next hint; hints used are saved with the attempt")
                    .clicked()
                {
                    action = Some(Action::Hint);
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .button("End practice")
                        .on_hover_text("Leave practice mode; the board stays")
                        .clicked()
                    {
                        action = Some(Action::End);
                    }
                    if session.recorded {
                        if ui
                            .button("Try again")
                            .on_hover_text("A fresh attempt at the same case")
                            .clicked()
                        {
                            action = Some(Action::Again);
                        }
                        if !comparing
                            && ui
                                .button("Show reference")
                                .on_hover_text(
                                    "The reference beside your drawing, marked by the grade",
                                )
                                .clicked()
                        {
                            action = Some(Action::Reference);
                        }
                    }
                });
            });
            for hint in case.hints.iter().take(session.hints_shown) {
                ui.label(egui::RichText::new(format!("Hint: {hint}")).color(palette.missing));
            }
        });
        let Some(session) = self.session.as_mut() else {
            return;
        };
        match action {
            Some(Action::ToggleTimer) => session.running = !session.running,
            Some(Action::Limit(minutes)) => session.limit_secs = f64::from(minutes) * 60.0,
            Some(Action::Hint) => session.hints_shown += 1,
            Some(Action::End) => self.session = None,
            Some(Action::Again) => self.start_practice(&case.id),
            Some(Action::Reference) => self.open_compare(super::compare::CompareLayout::Beside),
            None => {}
        }
    }

    /// The start screen: every case with attempts, best and last score and when it is due.
    pub(crate) fn start_screen_ui(&mut self, ctx: &egui::Context) {
        // A board left by a crash is asked about first.
        if !self.show_start || !self.recovered.is_empty() {
            return;
        }
        let today = (now_secs() / DAY_SECS) as i64;
        let rows = practice::progress(&self.cases, &self.attempts);
        let next = practice::next_due(&rows, today).map(|r| (r.id.clone(), r.title.clone()));
        let mut open = true;
        let mut chosen = None;
        let mut progress = false;
        egui::Window::new("Practice").open(&mut open).collapsible(false).resizable(false).default_width(640.0).anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0]).show(ctx, |ui| {
            ui.label("Draw each architecture from memory; the schedule brings back what you score low on.");
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if let Some((id, title)) = &next
                    && ui.button(egui::RichText::new(format!("Practise next: {title}")).strong()).clicked()
                {
                    chosen = Some(id.clone());
                }
                if ui.button("Progress…").on_hover_text("Your scores over time and the components you miss most").clicked() {
                    progress = true;
                }
            });
            ui.add_space(6.0);
            egui::Grid::new("progress").striped(true).spacing([16.0, 6.0]).show(ui, |ui| {
                for head in ["Case", "Attempts", "Best", "Last", "Due", ""] {
                    ui.strong(head);
                }
                ui.end_row();
                let score = |s: Option<u32>| s.map_or_else(|| "-".to_owned(), |v| v.to_string());
                for row in &rows {
                    ui.label(&row.title);
                    ui.label(row.attempts.to_string());
                    ui.label(score(row.best));
                    ui.label(score(row.last));
                    ui.label(practice::due_text(row, today));
                    if ui.button("Practise").on_hover_text(format!("Start a timed attempt at {}", row.title)).clicked() {
                        chosen = Some(row.id.clone());
                    }
                    ui.end_row();
                }
            });
            let weakest = practice::weakest(&self.attempts, 5);
            if !weakest.is_empty() {
                ui.add_space(6.0);
                let names: Vec<String> = weakest
                    .iter()
                    .map(|w| format!("{} ({} of {})", self.cases.node_label(&w.case, &w.node), w.missed, w.attempts))
                    .collect();
                ui.label(format!("Most often missed: {}", names.join(", ")));
            }
        });
        if progress {
            self.show_start = false;
            self.show_progress = true;
        }
        if let Some(id) = chosen {
            self.start_practice(&id);
        } else if !open {
            self.show_start = false;
        }
    }
}
