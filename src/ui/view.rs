//! What the canvas shows, as one value: the user's board alone, the board with its case's
//! reference beside or under it, or a case's reference on its own. The user's document never
//! leaves the app; a reference shown on its own is a second, read-only document with its own
//! canvas state, so nothing needs guarding against editing, grading or autosaving it.

use super::canvas::CanvasState;
use super::compare::Compare;
use super::reference::CaseReference;
use crate::document::Document;

/// What is on the canvas.
#[derive(Debug, Default)]
pub enum View {
    /// The user's board.
    #[default]
    Board,
    /// The user's board with its case's reference beside it or faintly under it.
    Compare(Compare),
    /// A case's reference, read-only, in place of the board (which waits unchanged).
    Reference(CaseReference),
}

impl View {
    pub fn compare(&self) -> Option<&Compare> {
        match self {
            View::Compare(c) => Some(c),
            _ => None,
        }
    }

    pub fn compare_mut(&mut self) -> Option<&mut Compare> {
        match self {
            View::Compare(c) => Some(c),
            _ => None,
        }
    }

    /// True while a reference is shown beside the drawing (the side panels make room).
    pub fn beside(&self) -> bool {
        self.compare()
            .is_some_and(|c| c.layout == super::compare::CompareLayout::Beside)
    }

    /// Switches a comparison with `case_id`'s reference to `layout` and frames it again;
    /// false when no such comparison is shown.
    pub fn relayout(&mut self, case_id: &str, layout: super::compare::CompareLayout) -> bool {
        match self.compare_mut() {
            Some(compare) if compare.case_id == case_id => {
                compare.layout = layout;
                compare.fit_pending = true;
                true
            }
            _ => false,
        }
    }

    /// Frames the drawing and the compared reference together on the next frame; false when
    /// nothing is compared.
    pub fn fit_compare(&mut self) -> bool {
        self.compare_mut()
            .map(|compare| compare.fit_pending = true)
            .is_some()
    }

    pub fn close_compare(&mut self) {
        if self.compare().is_some() {
            *self = View::Board;
        }
    }

    /// The canvas state and document on screen: the reference's while one is shown on its
    /// own, else `own` (the user's).
    pub fn active<'a>(
        &'a mut self,
        own: (&'a mut CanvasState, &'a mut Document),
    ) -> (&'a mut CanvasState, &'a mut Document) {
        match self {
            View::Reference(r) => (&mut r.canvas, &mut r.doc),
            _ => own,
        }
    }

    pub fn reference(&self) -> Option<&CaseReference> {
        match self {
            View::Reference(r) => Some(r),
            _ => None,
        }
    }
}
