//! The progress view: every case's scores over time (a plot) and the reference components
//! missed most often across all attempts.

use std::fmt::Write as _;

use egui_plot::{Corner, GridInput, GridMark, HoverPosition, Legend, Line, Plot, Points};

use std::path::Path;

use crate::cases::CaseLibrary;
use crate::catalog::Catalog;
use crate::practice::{self, Attempt, DAY_SECS};

/// Line colours for the cases, distinct on dark and light backgrounds.
const SERIES_COLORS: [egui::Color32; 10] = [
    egui::Color32::from_rgb(59, 130, 246),
    egui::Color32::from_rgb(234, 88, 12),
    egui::Color32::from_rgb(22, 163, 74),
    egui::Color32::from_rgb(219, 39, 119),
    egui::Color32::from_rgb(147, 51, 234),
    egui::Color32::from_rgb(202, 138, 4),
    egui::Color32::from_rgb(8, 145, 178),
    egui::Color32::from_rgb(220, 38, 38),
    egui::Color32::from_rgb(101, 163, 13),
    egui::Color32::from_rgb(120, 113, 108),
];

/// How many of the weakest components the view lists.
const WEAK_ROWS: usize = 8;

/// Steps between date ticks, in days.
const DAY_STEPS: [i64; 9] = [1, 2, 7, 14, 28, 56, 91, 182, 364];

/// Days from the epoch beyond which no tick is placed (about 27,000 years).
const DAY_LIMIT: f64 = 1e7;

/// Date ticks for a visible range of days: whole days, at most `max_ticks` of them.
pub fn day_ticks(min: f64, max: f64, max_ticks: usize) -> Vec<GridMark> {
    if !(min.is_finite() && max.is_finite()) || max <= min {
        return Vec::new();
    }
    // Zoomed far out, the plot can ask for any range; no date is further than this.
    let (min, max) = (min.max(-DAY_LIMIT), max.min(DAY_LIMIT));
    if max <= min {
        return Vec::new();
    }
    let span = max - min;
    let step = DAY_STEPS
        .iter()
        .copied()
        .find(|s| span / (*s as f64) <= max_ticks as f64)
        .unwrap_or_else(|| ((span / max_ticks as f64).ceil() as i64).max(1));
    let first = (min / step as f64).ceil() as i64 * step;
    let last = (max / step as f64).floor() as i64 * step;
    (first..=last)
        .step_by(step as usize)
        .map(|d| GridMark {
            value: d as f64,
            step_size: step as f64,
        })
        .collect()
}

/// "2026-11-23" for a plot x value (days since the Unix epoch).
fn day_text(x: f64) -> String {
    practice::date_text((x.max(0.0) * DAY_SECS as f64) as u64)
}

/// Which grader the scores are by, with a button to grade older attempts again; true when
/// it is clicked. Attempts whose board was not kept keep their scores, and say so.
fn grader_line(ui: &mut egui::Ui, attempts: &[Attempt]) -> bool {
    if attempts.is_empty() {
        return false;
    }
    let older = |kept: bool| {
        attempts
            .iter()
            .filter(|a| a.grader != crate::grader::VERSION && a.board_kept == kept)
            .count()
    };
    let (older, unkept) = (older(true), older(false));
    let mut clicked = false;
    ui.horizontal_wrapped(|ui| {
        if older == 0 {
            ui.weak(format!("Scores by grader {}.", crate::grader::VERSION));
        } else {
            let which = match (older, attempts.len()) {
                (1, 1) => "Your attempt was".to_owned(),
                (o, n) if o == n => format!("All {n} attempts were"),
                (1, n) => format!("1 of {n} attempts was"),
                (o, n) => format!("{o} of {n} attempts were"),
            };
            ui.label(format!(
                "{which} scored by an earlier grader than this one ({}).",
                crate::grader::VERSION
            ));
            clicked = ui
                .button("Grade them again")
                .on_hover_text(
                    "Grade the stored boards with this grader; the original scores are kept",
                )
                .clicked();
        }
        if unkept > 0 {
            ui.weak(format!(
                "{unkept} older {} no board and {} {} score.",
                if unkept == 1 {
                    "attempt has"
                } else {
                    "attempts have"
                },
                if unkept == 1 { "keeps" } else { "keep" },
                if unkept == 1 { "its" } else { "their" },
            ));
        }
    });
    clicked
}

/// What the user asked of the progress window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProgressAsk {
    /// The practice overview, in its place.
    Overview,
    /// Grade the older attempts again.
    Regrade,
}

/// The progress window while `open`: scores over time and the weakest components of
/// `attempts`. Returns what the user asked for.
pub fn progress_ui(
    ctx: &egui::Context,
    open: &mut bool,
    (cases, attempts): (&CaseLibrary, &[Attempt]),
    cards: &str,
) -> Option<ProgressAsk> {
    if !*open {
        return None;
    }
    let mut ask = None;
    egui::Window::new("Progress")
        .open(open)
        .collapsible(false)
        .default_size([760.0, 560.0])
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .show(ctx, |ui| {
            progress_contents(ui, cases, attempts);
            ui.add_space(8.0);
            ui.label(egui::RichText::new("Trade-off drill cards").strong());
            ui.label(cards);
            ui.add_space(8.0);
            if grader_line(ui, attempts) {
                ask = Some(ProgressAsk::Regrade);
            }
            if ui
                .button("Practice overview…")
                .on_hover_text("Every case with your scores and when it is due")
                .clicked()
            {
                ask = Some(ProgressAsk::Overview);
            }
        });
    if ask == Some(ProgressAsk::Overview) {
        *open = false;
    }
    ask
}

/// Grades the stored attempts again with this grader. Returns the attempts as they now
/// stand and what to tell the user, or the error to show.
pub fn regrade_history(
    catalog: &Catalog,
    cases: &CaseLibrary,
    data_dir: &Path,
) -> Result<(Vec<Attempt>, String), String> {
    let summary =
        crate::store::history::regrade_all(catalog, cases, data_dir, crate::clock::now_secs())
            .map_err(|err| err.to_string())?;
    let (attempts, _) = crate::store::history::load_attempts(data_dir);
    let mut text = format!(
        "Graded {} attempt{} again with grader {}",
        summary.regraded.len(),
        if summary.regraded.len() == 1 { "" } else { "s" },
        crate::grader::VERSION
    );
    if !summary.skipped.is_empty() {
        let _ = write!(text, "; {} had no board to grade", summary.skipped.len());
    }
    Ok((attempts, text))
}

fn progress_contents(ui: &mut egui::Ui, cases: &CaseLibrary, attempts: &[Attempt]) {
    let series = practice::score_series(cases, attempts);
    if series.is_empty() {
        ui.label("No graded attempts yet. Practise a case and grade it: your scores show up here.");
        return;
    }
    ui.strong("Scores over time");
    ui.weak("One line per case; hover a point for its date and score.");
    Plot::new("progress-scores")
        .height(300.0)
        .legend(
            Legend::default()
                .position(Corner::LeftTop)
                .follow_insertion_order(true),
        )
        .include_y(0.0)
        .include_y(100.0)
        .allow_scroll(false)
        .y_axis_label("score")
        .x_grid_spacer(|input: GridInput| day_ticks(input.bounds.0, input.bounds.1, 6))
        .x_axis_formatter(|mark, _| day_text(mark.value))
        .label_formatter(|hover: &HoverPosition<'_>| match hover {
            HoverPosition::NearDataPoint {
                plot_name,
                position,
                ..
            } => Some(format!(
                "{plot_name}\n{}: {:.0}",
                day_text(position.x),
                position.y
            )),
            HoverPosition::Elsewhere { .. } => None,
        })
        .show(ui, |plot| {
            for (i, s) in series.iter().enumerate() {
                let color = SERIES_COLORS[i % SERIES_COLORS.len()];
                let points: Vec<[f64; 2]> = s
                    .points
                    .iter()
                    .map(|(at, score)| [*at as f64 / DAY_SECS as f64, f64::from(*score)])
                    .collect();
                plot.line(Line::new(&s.title, points.clone()).color(color).width(2.0));
                plot.points(
                    Points::new(&s.title, points)
                        .color(color)
                        .radius(3.5)
                        .filled(true),
                );
            }
        });
    ui.add_space(8.0);
    ui.strong("Weakest components");
    let weak = practice::weakest(attempts, WEAK_ROWS);
    if weak.is_empty() {
        ui.label("Nothing missed so far.");
        return;
    }
    ui.weak("The reference blocks your drawings missed most often.");
    egui::Grid::new("weakest")
        .striped(true)
        .spacing([24.0, 4.0])
        .show(ui, |ui| {
            for head in ["Component", "Case", "Missed"] {
                ui.strong(head);
            }
            ui.end_row();
            for w in &weak {
                ui.label(cases.node_label(&w.case, &w.node));
                let title = cases
                    .get(&w.case)
                    .map_or_else(|| w.case.clone(), |c| c.title.clone());
                ui.label(title);
                ui.label(super::status::missed_in(w.missed, w.attempts));
                ui.end_row();
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_ticks_fall_on_whole_days_and_stay_few() {
        let values = |ticks: Vec<GridMark>| ticks.iter().map(|m| m.value).collect::<Vec<_>>();
        assert_eq!(values(day_ticks(10.2, 13.5, 6)), [11.0, 12.0, 13.0]);
        // Thirty days: weekly ticks.
        let ticks = day_ticks(0.5, 30.5, 6);
        assert_eq!(values(ticks.clone()), [7.0, 14.0, 21.0, 28.0]);
        assert!(ticks.iter().all(|m| m.step_size == 7.0));
        // Ten years still gives a handful.
        assert!(day_ticks(0.0, 3650.0, 6).len() <= 7);
        assert!(day_ticks(5.0, 5.0, 6).is_empty());
        assert!(day_ticks(f64::NAN, 5.0, 6).is_empty());
        assert!(day_ticks(-1e300, 1e300, 6).len() <= 7);
        assert!(day_ticks(1e300, 2e300, 6).is_empty());
    }
}
