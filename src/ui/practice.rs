//! Practice in the app: a timed attempt at one case with its prompt and hint ladder, saved
//! to the history when graded; and the start screen with every case's progress.

use crate::cases::{CaseLibrary, CaseStudy};
use crate::clock::now_secs;
use crate::practice::{self, Attempt, DAY_SECS};

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
pub enum Action {
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

/// What the user asked from the start screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StartAsk {
    Practise(String),
    Progress,
    /// A trade-off drill session of this many cards.
    Drill(usize),
}

/// The trade-off drill's cards as the practice overview shows them: due today, never asked,
/// and the session length the user picked.
pub struct CardsToday<'a> {
    pub due: usize,
    pub new: usize,
    pub length: &'a mut usize,
}

/// Session lengths the overview offers.
const SESSION_LENGTHS: [usize; 4] = [5, 10, 20, 40];

impl Session {
    /// Advances the timer to the frame's time (asking `ctx` to come back while it runs).
    /// True once, when five minutes are left.
    pub fn tick(&mut self, ctx: &egui::Context) -> bool {
        let now = ctx.input(|i| i.time);
        if self.running && !self.recorded {
            if let Some(last) = self.last_tick {
                self.elapsed_secs += (now - last).max(0.0);
            }
            self.last_tick = Some(now);
            ctx.request_repaint_after(std::time::Duration::from_millis(500));
        } else {
            self.last_tick = None;
        }
        let warn = !self.warned && self.remaining_secs() <= WARN_AT_SECS;
        self.warned |= warn;
        warn
    }

    /// Carries out what the strip asked of the session itself: the timer and the hints.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::ToggleTimer => self.running = !self.running,
            Action::Limit(minutes) => self.limit_secs = f64::from(minutes) * 60.0,
            Action::Hint => self.hints_shown += 1,
            Action::End | Action::Again | Action::Reference => {}
        }
    }
}

/// The strip above the canvas during practice: case, timer, hints, and what to do next;
/// `comparing` while the reference is shown beside the drawing. Returns what was asked.
pub fn banner_ui(
    ui: &mut egui::Ui,
    session: &Session,
    case: &CaseStudy,
    comparing: bool,
) -> Option<Action> {
    let palette = super::theme::Palette::for_dark_mode(ui.visuals().dark_mode);
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
                            .on_hover_text("The reference beside your drawing, marked by the grade")
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
    action
}

/// The start screen while `open`: every case with attempts, best and last score and when
/// it is due. Returns what was asked.
pub fn start_screen_ui(
    ctx: &egui::Context,
    open: &mut bool,
    (cases, attempts): (&CaseLibrary, &[Attempt]),
    cards: &mut CardsToday<'_>,
) -> Option<StartAsk> {
    if !*open {
        return None;
    }
    let today = (now_secs() / DAY_SECS) as i64;
    let rows = practice::progress(cases, attempts);
    let next = practice::next_due(&rows, today).map(|r| (r.id.clone(), r.title.clone()));
    let mut chosen = None;
    let mut progress = false;
    let mut drill = false;
    egui::Window::new("Practice").open(open).collapsible(false).resizable(false).default_width(640.0).anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0]).show(ctx, |ui| {
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
        ui.horizontal(|ui| {
            ui.label(format!(
                "Trade-off drill: {} due today, {} new.",
                cards.due, cards.new
            ));
            let start = ui.add_enabled(
                cards.due + cards.new > 0,
                egui::Button::new("Drill trade-offs"),
            );
            if start
                .on_hover_text("An interviewer's follow-up questions: the cards due first, then new ones")
                .clicked()
            {
                drill = true;
            }
            let caption = ui.label("Session:");
            egui::ComboBox::from_id_salt("drill-length")
                .selected_text(format!("{} cards", cards.length))
                .width(90.0)
                .show_ui(ui, |ui| {
                    for n in SESSION_LENGTHS {
                        ui.selectable_value(cards.length, n, format!("{n} cards"));
                    }
                })
                .response
                .labelled_by(caption.id);
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
        let weakest = practice::weakest(attempts, 5);
        if !weakest.is_empty() {
            ui.add_space(6.0);
            let names: Vec<String> = weakest
                .iter()
                .map(|w| {
                    let node = cases.node_label(&w.case, &w.node);
                    format!("{node} ({})", super::status::missed_in(w.missed, w.attempts))
                })
                .collect();
            ui.label(format!("Most often missed: {}", names.join(", ")));
        }
    });
    if drill {
        *open = false;
        return Some(StartAsk::Drill(*cards.length));
    }
    if progress {
        *open = false;
        return Some(StartAsk::Progress);
    }
    chosen.map(StartAsk::Practise)
}
