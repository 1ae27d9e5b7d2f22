//! Edits: every change to a board is an `Edit` value; applying one returns its inverse.

use thiserror::Error;

use super::{
    Block, BlockId, Board, Edge, EdgeId, Frame, FrameId, FrameworkNotes, MAX_BOARD_NOTE_CHARS,
    MAX_COORD, MAX_ITEMS, MAX_LABEL_CHARS, MAX_NOTE_CHARS, Rect, Routing, Vec2,
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
    /// Gives an arrow a direction (from its `from` to its `to`), or takes it away.
    SetEdgeUndirected {
        id: EdgeId,
        undirected: bool,
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
    /// Replaces the board's own note.
    SetBoardNote {
        note: String,
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
    #[error("an arrow from block {0} to block {1} already exists")]
    DuplicateArrow(BlockId, BlockId),
    #[error("removing block {0} would leave an arrow without an end")]
    WouldDangle(BlockId),
    #[error("the offset or position is not a finite number")]
    NotFinite,
    #[error("that would put it more than {MAX_COORD} units from the origin, or make it that large")]
    OutOfRange,
    #[error("a width or height must be more than zero")]
    NotPositive,
    #[error("a board holds at most {max} {what}")]
    TooMany { what: &'static str, max: usize },
    #[error("{what} can be at most {max} characters long")]
    TooLong { what: &'static str, max: usize },
}

/// A text within `max` characters.
fn check_len(text: &str, what: &'static str, max: usize) -> Result<(), EditError> {
    if text.chars().count() > max {
        Err(EditError::TooLong { what, max })
    } else {
        Ok(())
    }
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
            } => move_by(board, blocks, frames, delta),
            Edit::SetBlockLabel { id, label } => {
                check_len(&label, "a label", MAX_LABEL_CHARS)?;
                let b = board.blocks.get_mut(&id).ok_or(EditError::NoBlock(id))?;
                let old = std::mem::replace(&mut b.label, label);
                Ok(Edit::SetBlockLabel { id, label: old })
            }
            Edit::SetBlockKind { id, kind } => {
                check_len(&kind, "a kind", MAX_LABEL_CHARS)?;
                let b = board.blocks.get_mut(&id).ok_or(EditError::NoBlock(id))?;
                let old = std::mem::replace(&mut b.kind, kind);
                Ok(Edit::SetBlockKind { id, kind: old })
            }
            Edit::SetBlockNote { id, note } => {
                check_len(&note, "a note", MAX_NOTE_CHARS)?;
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
                check_len(&label, "a label", MAX_LABEL_CHARS)?;
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
                let e = board.edge(id).ok_or(EditError::NoEdge(id))?;
                // A -> B reversed must not repeat an arrow B -> A: a file cannot hold both.
                if let Some(other) = board.find_edge(e.to, e.from).filter(|other| *other != id) {
                    let other = &board.edges[&other];
                    return Err(EditError::DuplicateArrow(other.from, other.to));
                }
                let e = board.edges.get_mut(&id).ok_or(EditError::NoEdge(id))?;
                std::mem::swap(&mut e.from, &mut e.to);
                Ok(Edit::ReverseEdge { id })
            }
            Edit::SetEdgeUndirected { id, undirected } => {
                let e = board.edges.get_mut(&id).ok_or(EditError::NoEdge(id))?;
                let old = std::mem::replace(&mut e.undirected, undirected);
                Ok(Edit::SetEdgeUndirected {
                    id,
                    undirected: old,
                })
            }
            Edit::SetFrameLabel { id, label } => {
                check_len(&label, "a label", MAX_LABEL_CHARS)?;
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
                check_len(&title, "the title", MAX_LABEL_CHARS)?;
                let old = std::mem::replace(&mut board.title, title);
                Ok(Edit::SetTitle { title: old })
            }
            Edit::SetBoardNote { note } => {
                check_len(&note, "the board's note", MAX_BOARD_NOTE_CHARS)?;
                let old = std::mem::replace(&mut board.note, note);
                Ok(Edit::SetBoardNote { note: old })
            }
            Edit::SetNotes { notes } => {
                for (_, text) in notes.steps() {
                    check_len(text, "a step's notes", MAX_NOTE_CHARS)?;
                }
                let old = std::mem::replace(&mut board.notes, notes);
                Ok(Edit::SetNotes { notes: old })
            }
            Edit::SetCase { case } => {
                if let Some(case) = &case {
                    check_len(case, "a case id", MAX_LABEL_CHARS)?;
                }
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

/// Moves each listed block and frame once by `delta`. The inverse puts back the exact
/// rectangles: moving by `-delta` would not, as `f32` sums round.
fn move_by(
    board: &mut Board,
    mut blocks: Vec<BlockId>,
    mut frames: Vec<FrameId>,
    delta: Vec2,
) -> Result<Edit, EditError> {
    if !delta.is_finite() {
        return Err(EditError::NotFinite);
    }
    blocks.sort_unstable();
    blocks.dedup();
    frames.sort_unstable();
    frames.dedup();
    for id in &blocks {
        let block = board.block(*id).ok_or(EditError::NoBlock(*id))?;
        check_rect(&block.rect().translate(delta))?;
    }
    for id in &frames {
        let frame = board.frame(*id).ok_or(EditError::NoFrame(*id))?;
        check_rect(&frame.rect.translate(delta))?;
    }
    let mut inverse = Vec::with_capacity(blocks.len() + frames.len());
    for id in blocks {
        if let Some(b) = board.blocks.get_mut(&id) {
            inverse.push(Edit::SetBlockRect { id, rect: b.rect() });
            b.pos = b.pos + delta;
        }
    }
    for id in frames {
        if let Some(f) = board.frames.get_mut(&id) {
            inverse.push(Edit::SetFrameRect { id, rect: f.rect });
            f.rect = f.rect.translate(delta);
        }
    }
    Ok(Edit::Batch(inverse))
}

fn insert(board: &mut Board, items: Items) -> Result<Edit, EditError> {
    for (what, now, more) in [
        ("blocks", board.blocks.len(), items.blocks.len()),
        ("arrows", board.edges.len(), items.edges.len()),
        ("frames", board.frames.len(), items.frames.len()),
    ] {
        if now.saturating_add(more) > MAX_ITEMS {
            return Err(EditError::TooMany {
                what,
                max: MAX_ITEMS,
            });
        }
    }
    let mut new_blocks = std::collections::BTreeSet::new();
    for b in &items.blocks {
        if board.blocks.contains_key(&b.id) || !new_blocks.insert(b.id) {
            return Err(EditError::IdTaken(format!("block {}", b.id)));
        }
        check_rect(&b.rect())?;
        check_len(&b.label, "a label", MAX_LABEL_CHARS)?;
        check_len(&b.kind, "a kind", MAX_LABEL_CHARS)?;
        check_len(&b.note, "a note", MAX_NOTE_CHARS)?;
    }
    let mut new_edges = std::collections::BTreeSet::new();
    let mut new_pairs = std::collections::BTreeSet::new();
    for e in &items.edges {
        if board.edges.contains_key(&e.id) || !new_edges.insert(e.id) {
            return Err(EditError::IdTaken(format!("arrow {:?}", e.id)));
        }
        if e.from == e.to {
            return Err(EditError::SelfLoop);
        }
        check_len(&e.label, "a label", MAX_LABEL_CHARS)?;
        if board.find_edge(e.from, e.to).is_some() || !new_pairs.insert((e.from, e.to)) {
            return Err(EditError::DuplicateArrow(e.from, e.to));
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
        check_len(&f.label, "a label", MAX_LABEL_CHARS)?;
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
mod tests;
