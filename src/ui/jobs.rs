//! Work off the UI thread (an export, or reading a big board) with what it brings back, and
//! the spinner shown while it runs.

use std::path::PathBuf;
use std::sync::mpsc;

/// What a background job brings back.
#[derive(Debug)]
pub enum Outcome {
    /// An export: the message to show, or why it failed.
    Exported(Result<String, String>),
    /// A board read from a file, or why it could not be.
    Opened(PathBuf, Result<Box<crate::store::Loaded>, String>),
    /// The work stopped without an outcome (its thread died): what it was doing.
    Stopped(String),
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
    pub fn poll(&mut self) -> Option<Outcome> {
        let outcome = match self.result.try_recv() {
            Ok(outcome) => outcome,
            Err(mpsc::TryRecvError::Empty) => return None,
            // The thread ended without an outcome: say so rather than wait for ever.
            Err(mpsc::TryRecvError::Disconnected) => Outcome::Stopped(self.what.clone()),
        };
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
        let what = std::mem::take(&mut self.what);
        self.result.try_recv().unwrap_or(Outcome::Stopped(what))
    }
}

/// While a job runs: what is happening, with a spinner. Opening a board blocks the
/// window (the board on the canvas is about to be replaced); an export does not.
pub fn job_ui(ctx: &egui::Context, job: &Job) {
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
