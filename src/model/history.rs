//! Undo and redo: two stacks of inverse edits, plus a marker for the last saved state.

use super::{Board, Edit, EditError};

/// The undo/redo command stack of one open board.
#[derive(Debug, Default)]
pub struct History {
    /// Inverses of applied edits, newest last, each with the revision it produced.
    undo: Vec<(Edit, u64)>,
    /// Edits undone, newest last, each with the revision it restores.
    redo: Vec<(Edit, u64)>,
    /// The revision the board is at now; every applied edit gets a fresh one.
    revision: u64,
    next_revision: u64,
    /// The revision that was last saved (0 = the state the history started from).
    saved_revision: u64,
}

impl History {
    /// Applies `edit` to `board` as one undo step. No-op edits are not recorded.
    pub fn apply(&mut self, board: &mut Board, edit: Edit) -> Result<(), EditError> {
        if edit.is_noop() {
            return Ok(());
        }
        let inverse = edit.apply(board)?;
        let before = self.revision;
        self.next_revision += 1;
        self.revision = self.next_revision;
        self.undo.push((inverse, before));
        self.redo.clear();
        Ok(())
    }

    /// Undoes the newest edit; returns false when there is nothing to undo.
    pub fn undo(&mut self, board: &mut Board) -> bool {
        let Some((inverse, before)) = self.undo.pop() else {
            return false;
        };
        if let Ok(redo) = inverse.clone().apply(board) {
            self.redo.push((redo, self.revision));
            self.revision = before;
            true
        } else {
            // The board no longer fits the stack (should not happen): keep both consistent.
            self.undo.push((inverse, before));
            false
        }
    }

    /// Redoes the newest undone edit; returns false when there is nothing to redo.
    pub fn redo(&mut self, board: &mut Board) -> bool {
        let Some((edit, after)) = self.redo.pop() else {
            return false;
        };
        if let Ok(inverse) = edit.clone().apply(board) {
            self.undo.push((inverse, self.revision));
            self.revision = after;
            true
        } else {
            self.redo.push((edit, after));
            false
        }
    }

    /// Changes whenever the board does (undo returns to an earlier number).
    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Marks the current state as the saved one.
    pub fn mark_saved(&mut self) {
        self.saved_revision = self.revision;
    }

    /// Marks the current state as never saved (a board restored after a crash): it stays
    /// dirty until it is saved, even if every edit is undone.
    pub fn mark_unsaved(&mut self) {
        self.saved_revision = u64::MAX;
    }

    /// True when the board differs from what was last saved (undoing back to it clears this).
    pub fn is_dirty(&self) -> bool {
        self.revision != self.saved_revision
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, BlockId, DEFAULT_BLOCK_SIZE, Items, Pos, Vec2};

    fn add(id: u32) -> Edit {
        Edit::Insert(Items {
            blocks: vec![Block {
                id: BlockId(id),
                kind: "cache".into(),
                label: "Redis".into(),
                pos: Pos::new(0.0, 0.0),
                size: DEFAULT_BLOCK_SIZE,
                note: String::new(),
            }],
            ..Items::default()
        })
    }

    #[test]
    fn undo_and_redo_walk_the_stack_and_track_dirtiness() {
        let mut board = Board::default();
        let mut history = History::default();
        assert!(!history.is_dirty());
        history.apply(&mut board, add(1)).unwrap();
        let one = board.clone();
        history
            .apply(
                &mut board,
                Edit::Move {
                    blocks: vec![BlockId(1)],
                    frames: vec![],
                    delta: Vec2::new(5.0, 0.0),
                },
            )
            .unwrap();
        let moved = board.clone();
        history.mark_saved();
        assert!(!history.is_dirty());
        assert!(history.undo(&mut board));
        assert_eq!(board, one);
        assert!(history.is_dirty());
        assert!(history.redo(&mut board));
        assert_eq!(board, moved);
        assert!(!history.is_dirty());
        assert!(history.undo(&mut board) && history.undo(&mut board));
        assert!(board.is_empty());
        assert!(!history.undo(&mut board));
        assert!(history.is_dirty());
    }

    #[test]
    fn a_new_edit_clears_redo_and_noops_are_not_recorded() {
        let mut board = Board::default();
        let mut history = History::default();
        history.apply(&mut board, add(1)).unwrap();
        history.undo(&mut board);
        assert!(history.can_redo());
        history.apply(&mut board, add(2)).unwrap();
        assert!(!history.can_redo());
        history
            .apply(
                &mut board,
                Edit::Move {
                    blocks: vec![BlockId(2)],
                    frames: vec![],
                    delta: Vec2::ZERO,
                },
            )
            .unwrap();
        assert!(history.undo(&mut board));
        assert!(board.is_empty());
        assert!(!history.can_undo());
    }

    #[test]
    fn a_failed_edit_leaves_history_untouched() {
        let mut board = Board::default();
        let mut history = History::default();
        let err = history.apply(
            &mut board,
            Edit::SetBlockLabel {
                id: BlockId(3),
                label: "x".into(),
            },
        );
        assert!(err.is_err());
        assert!(!history.can_undo());
        assert!(!history.is_dirty());
    }
}
