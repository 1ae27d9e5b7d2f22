//! Never losing a board in the app: unsaved changes go to a recovery file a couple of seconds
//! after each change, and at start-up a board left by a crash is offered back.

use crate::clock::now_secs;
use crate::document::Document;
use crate::practice;
use crate::store::recovery::{self, Autosaver, Recovered, Slot, Snapshot};

/// Seconds between the last change and the autosave.
pub const AUTOSAVE_DELAY_SECS: f64 = 2.0;

/// The autosave of the open board: the writer, and what it has written.
#[derive(Debug, Default)]
pub struct Autosave {
    saver: Option<Autosaver>,
    /// The board revision in the recovery file, if one is there.
    written: Option<u64>,
    /// When the next write is due (egui time), if a change is waiting.
    due: Option<f64>,
    /// Why autosave is not working, shown once in the status bar.
    pub problem: Option<String>,
}

impl Autosave {
    /// Starts autosaving into a fresh slot of the data folder.
    pub fn start(data_dir: &std::path::Path) -> Autosave {
        let started = Slot::claim(data_dir, crate::clock::now_nanos())
            .map_err(|e| e.to_string())
            .and_then(|slot| Autosaver::start(slot).map_err(|e| e.to_string()));
        match started {
            Ok(saver) => Autosave {
                saver: Some(saver),
                ..Autosave::default()
            },
            Err(problem) => Autosave {
                problem: Some(problem),
                ..Autosave::default()
            },
        }
    }

    /// The recovery file this app writes, if autosave runs.
    pub fn file(&self) -> Option<&std::path::Path> {
        self.saver.as_ref().map(Autosaver::file)
    }

    /// Waits until every autosave asked for so far is on disk.
    pub fn flush(&self) {
        if let Some(saver) = &self.saver {
            saver.flush();
        }
    }

    /// Writes `doc` now and waits until it is on disk (before a recovery file is deleted).
    pub fn write_now(&mut self, doc: &Document) {
        let Some(saver) = &self.saver else { return };
        if let Ok(snapshot) = Snapshot::of(doc.board(), doc.path(), now_secs()) {
            saver.save(snapshot);
            saver.flush();
            self.written = Some(doc.revision());
            self.due = None;
        }
    }

    /// Removes the recovery file and waits: nothing is unsaved (or the user chose to drop it).
    pub fn clear_now(&mut self) {
        if let Some(saver) = &self.saver {
            saver.clear();
            saver.flush();
        }
        self.written = None;
        self.due = None;
    }
}

/// "just now", "5 minutes ago", "3 hours ago", "2 days ago".
pub fn ago_text(now: u64, then: u64) -> String {
    let secs = now.saturating_sub(then);
    let (n, unit) = match secs {
        0..60 => return "just now".to_owned(),
        60..3600 => (secs / 60, "minute"),
        3600..86_400 => (secs / 3600, "hour"),
        _ => (secs / 86_400, "day"),
    };
    let plural = if n == 1 { "" } else { "s" };
    format!("{n} {unit}{plural} ago")
}

/// "2026-11-23 07:45 UTC".
pub fn when_text(secs: u64) -> String {
    let minutes = secs % practice::DAY_SECS / 60;
    format!(
        "{} {:02}:{:02} UTC",
        practice::date_text(secs),
        minutes / 60,
        minutes % 60
    )
}

/// What the user answered about a recovered board.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    Restore,
    Discard,
    Later,
}

impl Autosave {
    /// Keeps the recovery file in step with `doc`: written a moment after a change while
    /// there are unsaved changes, removed once there are none. Returns a failure to tell,
    /// once.
    pub fn tick(&mut self, ctx: &egui::Context, doc: &Document) -> Option<String> {
        let mut tell = None;
        if let Some(news) = self.saver.as_ref().and_then(Autosaver::news) {
            match news {
                Some(problem) if self.problem.is_none() => {
                    tell = Some(format!("Autosave failed: {problem}"));
                    self.problem = Some(problem);
                }
                Some(_) => {}
                None => self.problem = None,
            }
        }
        let Some(saver) = &self.saver else {
            return tell;
        };
        if !doc.is_dirty() {
            if self.written.is_some() {
                saver.clear();
                self.written = None;
            }
            self.due = None;
            return tell;
        }
        if self.written == Some(doc.revision()) {
            self.due = None;
            return tell;
        }
        let now = ctx.input(|i| i.time);
        let due = *self.due.get_or_insert(now + AUTOSAVE_DELAY_SECS);
        if now < due {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(due - now));
            return tell;
        }
        match Snapshot::of(doc.board(), doc.path(), now_secs()) {
            Ok(snapshot) => saver.save(snapshot),
            Err(problem) => self.problem = Some(problem),
        }
        self.written = Some(doc.revision());
        self.due = None;
        tell
    }
}

/// The question about `found`, the oldest board left by a crash (`more` wait after it).
pub fn prompt_ui(ctx: &egui::Context, found: &Recovered, more: usize) -> Option<Answer> {
    let name = found.source.as_deref().map_or_else(
        || "an unsaved new board".to_owned(),
        super::status::file_name,
    );
    let title = if found.board.title.is_empty() {
        String::new()
    } else {
        format!(" \u{201c}{}\u{201d}", found.board.title)
    };
    let blocks = found.board.blocks.len();
    let when = format!(
        "{} ({})",
        ago_text(now_secs(), found.saved_at),
        when_text(found.saved_at)
    );
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("recovery-prompt")).show(ctx, |ui| {
        ui.set_max_width(440.0);
        ui.heading("Restore unsaved work?");
        ui.add_space(4.0);
        ui.label(format!(
            "archdrill did not close normally. Unsaved changes to {name}{title} were kept."
        ));
        ui.label(format!("{blocks} blocks, kept {when}."));
        if more > 0 {
            ui.weak(format!("{more} more after this one."));
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui
                .button("Restore")
                .on_hover_text("Open it as an unsaved board; save it to keep it")
                .clicked()
            {
                answer = Some(Answer::Restore);
            }
            if ui
                .button("Discard")
                .on_hover_text("Delete the recovered changes for good")
                .clicked()
            {
                answer = Some(Answer::Discard);
            }
            if ui
                .button("Later")
                .on_hover_text("Keep the recovery file and ask again next time")
                .clicked()
            {
                answer = Some(Answer::Later);
            }
        });
    });
    answer
}

/// Looks for boards left by apps that did not close normally.
pub fn find_recovered(
    data_dir: &std::path::Path,
    catalog: &crate::catalog::Catalog,
) -> (Vec<Recovered>, Vec<String>) {
    recovery::orphans(data_dir, catalog)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_as_people_say_them() {
        assert_eq!(ago_text(1000, 990), "just now");
        assert_eq!(ago_text(1000, 1200), "just now");
        assert_eq!(ago_text(1000, 1000 - 60), "1 minute ago");
        assert_eq!(ago_text(100_000, 100_000 - 3 * 3600 - 5), "3 hours ago");
        assert_eq!(ago_text(1_000_000, 1_000_000 - 2 * 86_400), "2 days ago");
        assert_eq!(
            when_text(1_795_392_000 + 7 * 3600 + 45 * 60 + 30),
            "2026-11-23 07:45 UTC"
        );
    }
}
