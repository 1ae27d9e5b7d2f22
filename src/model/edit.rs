//! Edits: every change to a board is an `Edit` value; applying one returns its inverse.

use thiserror::Error;

use super::{
    Block, BlockId, Board, Edge, EdgeId, Frame, FrameId, FrameworkNotes, MAX_COORD, Rect, Routing,
    Vec2,
};

/// A set of board items moved in or out together (delete, paste, duplicate).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Items {
    pub blocks: Vec<Block>,
    pub edges: Vec<Edge>,
    pub frames: Vec<Frame>,
}

impl Items {
    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty() && self.edges.is_empty() && self.frames.is_empty()
    }

    /// The items as a board of their own (to write a fragment as board text).
    pub fn to_board(&self) -> Board {
        Board {
            blocks: self.blocks.iter().map(|b| (b.id, b.clone())).collect(),
            edges: self.edges.iter().map(|e| (e.id, e.clone())).collect(),
            frames: self.frames.iter().map(|f| (f.id, f.clone())).collect(),
            ..Board::default()
        }
    }

    /// Everything on a board as items (to paste board text).
    pub fn from_board(board: Board) -> Items {
        Items {
            blocks: board.blocks.into_values().collect(),
            edges: board.edges.into_values().collect(),
            frames: board.frames.into_values().collect(),
        }
    }
}

/// One undoable change to a board.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Adds blocks, arrows and frames; their ids must be free.
    Insert(Items),
    /// Removes exactly these items; every arrow touching a removed block must be listed too.
    Remove(Items),
    /// Moves blocks and frames by one offset.
    Move {
        blocks: Vec<BlockId>,
        frames: Vec<FrameId>,
        delta: Vec2,
    },
    SetBlockLabel {
        id: BlockId,
        label: String,
    },
    SetBlockKind {
        id: BlockId,
        kind: String,
    },
    SetBlockNote {
        id: BlockId,
        note: String,
    },
    SetBlockRect {
        id: BlockId,
        rect: Rect,
    },
    SetEdgeLabel {
        id: EdgeId,
        label: String,
    },
    SetEdgeRouting {
        id: EdgeId,
        routing: Routing,
    },
    /// Swaps an arrow's ends.
    ReverseEdge {
        id: EdgeId,
    },
    SetFrameLabel {
        id: FrameId,
        label: String,
    },
    SetFrameRect {
        id: FrameId,
        rect: Rect,
    },
    SetTitle {
        title: String,
    },
    SetCase {
        case: Option<String>,
    },
    /// Replaces the framework notes.
    SetNotes {
        notes: FrameworkNotes,
    },
    /// Several edits as one undo step, applied in order.
    Batch(Vec<Edit>),
}

/// Why an edit could not be applied; the board is unchanged when this is returned.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum EditError {
    #[error("block {0} does not exist")]
    NoBlock(BlockId),
    #[error("arrow {0:?} does not exist")]
    NoEdge(EdgeId),
    #[error("frame {0:?} does not exist")]
    NoFrame(FrameId),
    #[error("id {0} is already taken")]
    IdTaken(String),
    #[error("an arrow cannot join a block to itself")]
    SelfLoop,
    #[error("removing block {0} would leave an arrow without an end")]
    WouldDangle(BlockId),
    #[error("the offset or position is not a finite number")]
    NotFinite,
    #[error("that would put it more than {MAX_COORD} units from the origin, or make it that large")]
    OutOfRange,
    #[error("a width or height must be more than zero")]
    NotPositive,
}

impl Edit {
    /// True when applying this edit would change nothing worth an undo step.
    pub fn is_noop(&self) -> bool {
        match self {
            Edit::Insert(items) | Edit::Remove(items) => items.is_empty(),
            Edit::Move {
                blocks,
                frames,
                delta,
            } => (blocks.is_empty() && frames.is_empty()) || *delta == Vec2::ZERO,
            Edit::Batch(edits) => edits.iter().all(Edit::is_noop),
            _ => false,
        }
    }

    /// Applies the edit and returns the edit that undoes it. On error nothing changed.
    pub fn apply(self, board: &mut Board) -> Result<Edit, EditError> {
        match self {
            Edit::Insert(items) => insert(board, items),
            Edit::Remove(items) => remove(board, &items),
            Edit::Move {
                blocks,
                frames,
                delta,
            } => {
                if !delta.is_finite() {
                    return Err(EditError::NotFinite);
                }
                for id in &blocks {
                    let block = board.block(*id).ok_or(EditError::NoBlock(*id))?;
                    check_rect(&block.rect().translate(delta))?;
                }
                for id in &frames {
                    let frame = board.frame(*id).ok_or(EditError::NoFrame(*id))?;
                    check_rect(&frame.rect.translate(delta))?;
                }
                for id in &blocks {
                    if let Some(b) = board.blocks.get_mut(id) {
                        b.pos = b.pos + delta;
                    }
                }
                for id in &frames {
                    if let Some(f) = board.frames.get_mut(id) {
                        f.rect = f.rect.translate(delta);
                    }
                }
                Ok(Edit::Move {
                    blocks,
                    frames,
                    delta: -delta,
                })
            }
            Edit::SetBlockLabel { id, label } => {
                let b = board.blocks.get_mut(&id).ok_or(EditError::NoBlock(id))?;
                let old = std::mem::replace(&mut b.label, label);
                Ok(Edit::SetBlockLabel { id, label: old })
            }
            Edit::SetBlockKind { id, kind } => {
                let b = board.blocks.get_mut(&id).ok_or(EditError::NoBlock(id))?;
                let old = std::mem::replace(&mut b.kind, kind);
                Ok(Edit::SetBlockKind { id, kind: old })
            }
            Edit::SetBlockNote { id, note } => {
                let b = board.blocks.get_mut(&id).ok_or(EditError::NoBlock(id))?;
                let old = std::mem::replace(&mut b.note, note);
                Ok(Edit::SetBlockNote { id, note: old })
            }
            Edit::SetBlockRect { id, rect } => {
                check_rect(&rect)?;
                let b = board.blocks.get_mut(&id).ok_or(EditError::NoBlock(id))?;
                let old = b.rect();
                b.pos = rect.min;
                b.size = rect.size;
                Ok(Edit::SetBlockRect { id, rect: old })
            }
            Edit::SetEdgeLabel { id, label } => {
                let e = board.edges.get_mut(&id).ok_or(EditError::NoEdge(id))?;
                let old = std::mem::replace(&mut e.label, label);
                Ok(Edit::SetEdgeLabel { id, label: old })
            }
            Edit::SetEdgeRouting { id, routing } => {
                let e = board.edges.get_mut(&id).ok_or(EditError::NoEdge(id))?;
                let old = std::mem::replace(&mut e.routing, routing);
                Ok(Edit::SetEdgeRouting { id, routing: old })
            }
            Edit::ReverseEdge { id } => {
                let e = board.edges.get_mut(&id).ok_or(EditError::NoEdge(id))?;
                std::mem::swap(&mut e.from, &mut e.to);
                Ok(Edit::ReverseEdge { id })
            }
            Edit::SetFrameLabel { id, label } => {
                let f = board.frames.get_mut(&id).ok_or(EditError::NoFrame(id))?;
                let old = std::mem::replace(&mut f.label, label);
                Ok(Edit::SetFrameLabel { id, label: old })
            }
            Edit::SetFrameRect { id, rect } => {
                check_rect(&rect)?;
                let f = board.frames.get_mut(&id).ok_or(EditError::NoFrame(id))?;
                let old = std::mem::replace(&mut f.rect, rect);
                Ok(Edit::SetFrameRect { id, rect: old })
            }
            Edit::SetTitle { title } => {
                let old = std::mem::replace(&mut board.title, title);
                Ok(Edit::SetTitle { title: old })
            }
            Edit::SetNotes { notes } => {
                let old = std::mem::replace(&mut board.notes, notes);
                Ok(Edit::SetNotes { notes: old })
            }
            Edit::SetCase { case } => {
                let old = std::mem::replace(&mut board.case, case);
                Ok(Edit::SetCase { case: old })
            }
            Edit::Batch(edits) => apply_batch(board, edits),
        }
    }
}

/// A rectangle a board file can hold: finite, within `MAX_COORD`, with a positive size.
fn check_rect(rect: &Rect) -> Result<(), EditError> {
    let numbers = [rect.min.x, rect.min.y, rect.size.x, rect.size.y];
    if !numbers.iter().all(|v| v.is_finite()) {
        Err(EditError::NotFinite)
    } else if numbers.iter().any(|v| v.abs() > MAX_COORD) {
        Err(EditError::OutOfRange)
    } else if rect.size.x <= 0.0 || rect.size.y <= 0.0 {
        Err(EditError::NotPositive)
    } else {
        Ok(())
    }
}

fn insert(board: &mut Board, items: Items) -> Result<Edit, EditError> {
    let mut new_blocks = std::collections::BTreeSet::new();
    for b in &items.blocks {
        if board.blocks.contains_key(&b.id) || !new_blocks.insert(b.id) {
            return Err(EditError::IdTaken(format!("block {}", b.id)));
        }
        check_rect(&b.rect())?;
    }
    let mut new_edges = std::collections::BTreeSet::new();
    for e in &items.edges {
        if board.edges.contains_key(&e.id) || !new_edges.insert(e.id) {
            return Err(EditError::IdTaken(format!("arrow {:?}", e.id)));
        }
        if e.from == e.to {
            return Err(EditError::SelfLoop);
        }
        for end in [e.from, e.to] {
            if !board.blocks.contains_key(&end) && !new_blocks.contains(&end) {
                return Err(EditError::NoBlock(end));
            }
        }
    }
    let mut new_frames = std::collections::BTreeSet::new();
    for f in &items.frames {
        if board.frames.contains_key(&f.id) || !new_frames.insert(f.id) {
            return Err(EditError::IdTaken(format!("frame {:?}", f.id)));
        }
        check_rect(&f.rect)?;
    }
    for b in &items.blocks {
        board.blocks.insert(b.id, b.clone());
    }
    for e in &items.edges {
        board.edges.insert(e.id, e.clone());
    }
    for f in &items.frames {
        board.frames.insert(f.id, f.clone());
    }
    Ok(Edit::Remove(items))
}

fn remove(board: &mut Board, items: &Items) -> Result<Edit, EditError> {
    for b in &items.blocks {
        board.block(b.id).ok_or(EditError::NoBlock(b.id))?;
    }
    for e in &items.edges {
        board.edge(e.id).ok_or(EditError::NoEdge(e.id))?;
    }
    for f in &items.frames {
        board.frame(f.id).ok_or(EditError::NoFrame(f.id))?;
    }
    for e in board.edges.values() {
        let listed = items.edges.iter().any(|x| x.id == e.id);
        if !listed && let Some(b) = items.blocks.iter().find(|b| b.id == e.from || b.id == e.to) {
            return Err(EditError::WouldDangle(b.id));
        }
    }
    // Record what is removed as it is now, so the inverse restores the exact state.
    let mut removed = Items::default();
    for e in &items.edges {
        if let Some(edge) = board.edges.remove(&e.id) {
            removed.edges.push(edge);
        }
    }
    for b in &items.blocks {
        if let Some(block) = board.blocks.remove(&b.id) {
            removed.blocks.push(block);
        }
    }
    for f in &items.frames {
        if let Some(frame) = board.frames.remove(&f.id) {
            removed.frames.push(frame);
        }
    }
    Ok(Edit::Insert(removed))
}

fn apply_batch(board: &mut Board, edits: Vec<Edit>) -> Result<Edit, EditError> {
    let mut inverses = Vec::with_capacity(edits.len());
    for edit in edits {
        match edit.apply(board) {
            Ok(inverse) => inverses.push(inverse),
            Err(err) => {
                // Roll back what was applied so the board is unchanged on error.
                for inverse in inverses.into_iter().rev() {
                    let _ = inverse.apply(board);
                }
                return Err(err);
            }
        }
    }
    inverses.reverse();
    Ok(Edit::Batch(inverses))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DEFAULT_BLOCK_SIZE, Pos};

    fn block(id: u32) -> Block {
        Block {
            id: BlockId(id),
            kind: "ranker".into(),
            label: format!("b{id}"),
            pos: Pos::new(id as f32 * 200.0, 0.0),
            size: DEFAULT_BLOCK_SIZE,
            note: String::new(),
        }
    }

    fn edge(id: u32, from: u32, to: u32) -> Edge {
        Edge {
            id: EdgeId(id),
            from: BlockId(from),
            to: BlockId(to),
            label: String::new(),
            routing: Routing::Straight,
        }
    }

    fn two_connected() -> Board {
        let mut board = Board::default();
        let items = Items {
            blocks: vec![block(1), block(2)],
            edges: vec![edge(1, 1, 2)],
            frames: vec![],
        };
        Edit::Insert(items).apply(&mut board).unwrap();
        board
    }

    #[test]
    fn insert_then_inverse_restores_the_empty_board() {
        let mut board = two_connected();
        assert_eq!(board.blocks.len(), 2);
        let inverse = Edit::Remove(board.fragment(&[BlockId(1), BlockId(2)], &[]))
            .apply(&mut board)
            .unwrap();
        assert!(board.is_empty());
        inverse.apply(&mut board).unwrap();
        assert_eq!(board, two_connected());
    }

    #[test]
    fn removing_a_block_without_its_arrows_is_refused_and_changes_nothing() {
        let mut board = two_connected();
        let before = board.clone();
        let items = Items {
            blocks: vec![block(1)],
            ..Items::default()
        };
        assert_eq!(
            Edit::Remove(items).apply(&mut board),
            Err(EditError::WouldDangle(BlockId(1)))
        );
        assert_eq!(board, before);
    }

    #[test]
    fn insert_rejects_dangling_arrows_self_loops_and_taken_ids() {
        let mut board = two_connected();
        let before = board.clone();
        let dangling = Items {
            edges: vec![edge(5, 1, 9)],
            ..Items::default()
        };
        assert_eq!(
            Edit::Insert(dangling).apply(&mut board),
            Err(EditError::NoBlock(BlockId(9)))
        );
        let looped = Items {
            edges: vec![edge(5, 1, 1)],
            ..Items::default()
        };
        assert_eq!(
            Edit::Insert(looped).apply(&mut board),
            Err(EditError::SelfLoop)
        );
        let taken = Items {
            blocks: vec![block(2)],
            ..Items::default()
        };
        assert!(matches!(
            Edit::Insert(taken).apply(&mut board),
            Err(EditError::IdTaken(_))
        ));
        assert_eq!(board, before);
    }

    #[test]
    fn setters_return_the_old_value_as_inverse() {
        let mut board = two_connected();
        let inverse = Edit::SetBlockLabel {
            id: BlockId(1),
            label: "FAISS".into(),
        }
        .apply(&mut board)
        .unwrap();
        assert_eq!(board.blocks[&BlockId(1)].label, "FAISS");
        assert_eq!(
            inverse,
            Edit::SetBlockLabel {
                id: BlockId(1),
                label: "b1".into()
            }
        );
        let inverse = Edit::ReverseEdge { id: EdgeId(1) }
            .apply(&mut board)
            .unwrap();
        assert_eq!(board.edges[&EdgeId(1)].from, BlockId(2));
        inverse.apply(&mut board).unwrap();
        assert_eq!(board.edges[&EdgeId(1)].from, BlockId(1));
    }

    #[test]
    fn move_shifts_blocks_and_frames_and_rejects_nan() {
        let mut board = two_connected();
        let inverse = Edit::Move {
            blocks: vec![BlockId(1)],
            frames: vec![],
            delta: Vec2::new(10.0, 5.0),
        }
        .apply(&mut board)
        .unwrap();
        assert_eq!(board.blocks[&BlockId(1)].pos, Pos::new(210.0, 5.0));
        inverse.apply(&mut board).unwrap();
        assert_eq!(board.blocks[&BlockId(1)].pos, Pos::new(200.0, 0.0));
        let nan = Edit::Move {
            blocks: vec![BlockId(1)],
            frames: vec![],
            delta: Vec2::new(f32::NAN, 0.0),
        };
        assert_eq!(nan.apply(&mut board), Err(EditError::NotFinite));
    }

    #[test]
    fn edits_never_make_a_rectangle_a_board_file_would_refuse() {
        let mut board = two_connected();
        let before = board.clone();
        let far = Edit::Move {
            blocks: vec![BlockId(1)],
            frames: vec![],
            delta: Vec2::new(MAX_COORD, 0.0),
        };
        assert_eq!(far.apply(&mut board), Err(EditError::OutOfRange));
        let huge = Edit::SetBlockRect {
            id: BlockId(2),
            rect: Rect::new(Pos::new(0.0, 0.0), Vec2::new(2.0 * MAX_COORD, 10.0)),
        };
        assert_eq!(huge.apply(&mut board), Err(EditError::OutOfRange));
        let flat = Edit::SetBlockRect {
            id: BlockId(2),
            rect: Rect::new(Pos::new(0.0, 0.0), Vec2::new(10.0, 0.0)),
        };
        assert_eq!(flat.apply(&mut board), Err(EditError::NotPositive));
        let mut outside = block(3);
        outside.pos = Pos::new(0.0, -2.0 * MAX_COORD);
        let insert = Edit::Insert(Items {
            blocks: vec![outside],
            ..Items::default()
        });
        assert_eq!(insert.apply(&mut board), Err(EditError::OutOfRange));
        assert_eq!(board, before);
        // Right up to the limit is fine.
        let to_edge = Edit::Move {
            blocks: vec![BlockId(1)],
            frames: vec![],
            delta: Vec2::new(MAX_COORD - 200.0, 0.0),
        };
        assert!(to_edge.apply(&mut board).is_ok());
        assert_eq!(board.blocks[&BlockId(1)].pos.x, MAX_COORD);
    }

    #[test]
    fn a_failing_batch_rolls_back_its_earlier_steps() {
        let mut board = two_connected();
        let before = board.clone();
        let batch = Edit::Batch(vec![
            Edit::SetBlockLabel {
                id: BlockId(1),
                label: "changed".into(),
            },
            Edit::SetBlockLabel {
                id: BlockId(99),
                label: "nope".into(),
            },
        ]);
        assert_eq!(
            batch.apply(&mut board),
            Err(EditError::NoBlock(BlockId(99)))
        );
        assert_eq!(board, before);
    }
}
