//! The status bar (what is on the board, the zoom, the case, the latest message) and the
//! error modal.

use std::path::Path;

use crate::model::Board;

/// How long a status message stays, in seconds.
const NOTICE_SECS: f64 = 6.0;

/// The last part of a path, for short status messages.
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// `n` with its noun in the right number: "1 frame", "2 frames", "0 frames".
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// In how many of a case's attempts something was missed: "2 of 5 attempts", or "your
/// only attempt" (never "1 of 1 attempts").
pub fn missed_in(missed: usize, attempts: usize) -> String {
    if attempts == 1 {
        "your only attempt".to_owned()
    } else {
        format!("{missed} of {attempts} attempts")
    }
}

/// What the app has to tell the user: a passing status message and an error to dismiss.
#[derive(Debug, Default)]
pub struct Messages {
    /// The latest status message and the egui time it was first shown (NaN until then).
    pub notice: Option<(String, f64)>,
    /// An error shown in a modal until dismissed: (title, message).
    pub error: Option<(String, String)>,
}

/// The status bar for `board` at `zoom`, with the latest notice until it has been on screen
/// for a while.
pub fn status_ui(ui: &mut egui::Ui, messages: &mut Messages, board: &Board, zoom: f32) {
    let notice = &mut messages.notice;
    let now = ui.input(|i| i.time);
    if let Some((_, shown)) = notice {
        if shown.is_nan() {
            *shown = now;
        }
        if now - *shown > NOTICE_SECS {
            *notice = None;
        } else {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_secs_f64(NOTICE_SECS));
        }
    }
    ui.horizontal(|ui| {
        ui.label(format!(
            "{} · {} · {}",
            count(board.blocks.len(), "block", "blocks"),
            count(board.edges.len(), "arrow", "arrows"),
            count(board.frames.len(), "frame", "frames")
        ));
        ui.separator();
        ui.label(format!("{:.0}%", zoom * 100.0));
        if let Some(case) = &board.case {
            ui.separator();
            ui.label(format!("Case: {case}"));
        }
        if let Some((text, _)) = notice {
            ui.separator();
            ui.label(text.as_str());
        }
    });
}

/// The error modal, until dismissed.
pub fn error_ui(ctx: &egui::Context, messages: &mut Messages) {
    let error = &mut messages.error;
    let Some((title, message)) = error.clone() else {
        return;
    };
    let modal = egui::Modal::new(egui::Id::unique("error")).show(ctx, |ui| {
        ui.set_max_width(480.0);
        ui.heading(title);
        ui.add_space(4.0);
        ui.label(message);
        ui.add_space(8.0);
        ui.button("OK").clicked()
    });
    if modal.inner || modal.should_close() {
        *error = None;
    }
}
