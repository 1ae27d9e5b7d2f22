//! Boards coming to and leaving the canvas through recovery: restoring a board left by a
//! crash, the question about it, and forgetting the recovery file on a deliberate exit.

use super::super::files::Pending;
use super::super::recovery::{self as ui_recovery, Answer};
use super::ArchdrillApp;
use crate::document::Document;
use crate::store::recovery;

impl ArchdrillApp {
    /// Puts a recovered board on the canvas (after the unsaved-changes question), unsaved,
    /// and only then deletes its recovery file.
    pub(crate) fn restore(&mut self, file: &std::path::Path) {
        let Some(index) = self.recovered.iter().position(|r| r.file == file) else {
            return;
        };
        let found = self.recovered.remove(index);
        self.close_reference();
        self.show_start = false;
        self.doc = Document::recovered(found.board, found.source);
        self.board_replaced();
        // The board is safe in this app's own recovery file before the old one goes.
        self.autosave.write_now(&self.doc);
        match recovery::discard(&found.file) {
            Ok(()) => self.notify("Restored the unsaved board; save it to keep it"),
            Err(err) => {
                self.show_error("Restored, but the old recovery file stays", err.to_string());
            }
        }
    }

    /// Leaving the app on purpose: unsaved changes were answered for, so nothing to recover.
    pub(crate) fn forget_recovery(&mut self) {
        self.autosave.clear_now();
    }

    /// Asks about the oldest board left by a crash, one at a time, unless another question
    /// is open.
    pub(super) fn recovery_prompt(&mut self, ctx: &egui::Context) {
        if self.prompt.is_some() {
            return;
        }
        let Some(found) = self.recovered.first() else {
            return;
        };
        let answer = ui_recovery::prompt_ui(ctx, found, self.recovered.len() - 1);
        let file = found.file.clone();
        match answer {
            Some(Answer::Restore) => self.guard_unsaved(Pending::Restore(file)),
            Some(Answer::Discard) => {
                self.recovered.remove(0);
                if let Err(err) = recovery::discard(&file) {
                    self.show_error("Could not delete the recovery file", err.to_string());
                }
            }
            Some(Answer::Later) => {
                self.recovered.remove(0);
            }
            None => {}
        }
    }
}
