//! The open document: a board with its undo history, file path and the gestures built on edits.

mod arrange;
mod connected;

pub use arrange::{Align, Axis};

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::catalog::Catalog;
use crate::model::{
    Block, BlockId, Board, DEFAULT_BLOCK_SIZE, Edge, EdgeId, Edit, EditError, Frame, FrameId,
    History, Items, Pos, Rect, Routing, Vec2,
};

/// What is selected on the canvas.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    pub blocks: BTreeSet<BlockId>,
    pub edges: BTreeSet<EdgeId>,
    pub frames: BTreeSet<FrameId>,
}

impl Selection {
    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty() && self.edges.is_empty() && self.frames.is_empty()
    }

    pub fn clear(&mut self) {
        *self = Selection::default();
    }

    /// Every block, arrow and frame of `board`.
    pub fn all(board: &Board) -> Self {
        Selection {
            blocks: board.blocks.keys().copied().collect(),
            edges: board.edges.keys().copied().collect(),
            frames: board.frames.keys().copied().collect(),
        }
    }

    pub fn only_block(id: BlockId) -> Self {
        Selection {
            blocks: [id].into(),
            ..Selection::default()
        }
    }

    /// Drops ids that no longer exist on `board` (after an undo, say).
    pub fn retain_existing(&mut self, board: &Board) {
        self.blocks.retain(|id| board.blocks.contains_key(id));
        self.edges.retain(|id| board.edges.contains_key(id));
        self.frames.retain(|id| board.frames.contains_key(id));
    }

    pub fn len(&self) -> usize {
        self.blocks.len() + self.edges.len() + self.frames.len()
    }
}

/// One board being edited: every change goes through [`Document::apply`] and can be undone.
#[derive(Debug)]
pub struct Document {
    board: Board,
    history: History,
    /// Different for every document made in this run, so (key, revision) names one board
    /// state even across documents (views cache derived data under it).
    key: u64,
    /// Where the board was loaded from or last saved to; `None` for a new board.
    path: Option<PathBuf>,
    /// The drawing of another tool the board was imported from (never written to).
    origin: Option<PathBuf>,
}

impl Default for Document {
    fn default() -> Self {
        Document::new(Board::default(), None)
    }
}

impl Document {
    /// A document for a board read from `path` (or a new one to be saved there).
    pub fn new(board: Board, path: Option<PathBuf>) -> Self {
        static NEXT_KEY: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Document {
            board,
            history: History::default(),
            path,
            origin: None,
            key: NEXT_KEY.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// Names the board's current state: equal stamps mean equal boards.
    pub fn stamp(&self) -> (u64, u64) {
        (self.key, self.history.revision())
    }

    /// A board restored from a recovery file: unsaved until the user saves it (to `path`, the
    /// file it came from, if it had one).
    pub fn recovered(board: Board, path: Option<PathBuf>) -> Self {
        let mut doc = Document::new(board, path);
        doc.history.mark_unsaved();
        doc
    }

    /// A board imported from the drawing at `origin`: new and unsaved, with no file of its
    /// own until the user saves it.
    pub fn imported(board: Board, origin: PathBuf) -> Self {
        let mut doc = Document::recovered(board, None);
        doc.origin = Some(origin);
        doc
    }

    /// The drawing the board was imported from, while it has no file of its own.
    pub fn origin(&self) -> Option<&Path> {
        self.origin.as_deref().filter(|_| self.path.is_none())
    }

    /// The name to suggest when the board is first saved: its file's, else its drawing's
    /// ("pins.excalidraw.md" gives "pins.ron"), else its case's, else "board.ron".
    pub fn suggested_file_name(&self) -> String {
        if let Some(name) = self.path.as_deref().and_then(Path::file_name) {
            return name.to_string_lossy().into_owned();
        }
        let drawing = self
            .origin()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .map(|name| crate::import::stem(&name).to_owned())
            .filter(|stem| !stem.is_empty());
        let stem = drawing
            .or_else(|| self.board.case.clone())
            .unwrap_or_else(|| "board".to_owned());
        format!("{stem}.ron")
    }

    pub fn board(&self) -> &Board {
        &self.board
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The file name for the window title: "Untitled" for a new board, "d.excalidraw
    /// (imported)" for one imported and not saved yet.
    pub fn display_name(&self) -> String {
        if let Some(name) = self.path.as_deref().and_then(Path::file_name) {
            return name.to_string_lossy().into_owned();
        }
        match self.origin().and_then(Path::file_name) {
            Some(name) => format!("{} (imported)", name.to_string_lossy()),
            None => "Untitled".to_owned(),
        }
    }

    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// Changes whenever the board does; equal revisions mean equal boards.
    pub fn revision(&self) -> u64 {
        self.history.revision()
    }

    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    /// Records that the board was written to `path`.
    pub fn mark_saved(&mut self, path: PathBuf) {
        self.path = Some(path);
        self.history.mark_saved();
    }

    /// Applies one edit as one undo step.
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        self.history.apply(&mut self.board, edit)
    }

    pub fn undo(&mut self) -> bool {
        self.history.undo(&mut self.board)
    }

    pub fn redo(&mut self) -> bool {
        self.history.redo(&mut self.board)
    }

    /// Adds a block of `kind` with its top-left corner at `pos`; returns its id.
    pub fn add_block(
        &mut self,
        catalog: &Catalog,
        kind: &str,
        label: Option<&str>,
        pos: Pos,
    ) -> Result<BlockId, EditError> {
        let id = self.board.next_block_id();
        self.apply(Edit::Insert(Items {
            blocks: vec![new_block(catalog, id, kind, label, pos)],
            ..Items::default()
        }))?;
        Ok(id)
    }

    /// Draws an arrow `from` -> `to`. An existing arrow the same way is kept (returned as is);
    /// an arrow the other way is kept too, so A->B and B->A can both exist.
    pub fn connect(&mut self, from: BlockId, to: BlockId) -> Result<EdgeId, EditError> {
        if let Some(existing) = self.board.find_edge(from, to) {
            return Ok(existing);
        }
        let id = self.board.next_edge_id();
        self.apply(Edit::Insert(Items {
            edges: vec![plain_arrow(id, from, to)],
            ..Items::default()
        }))?;
        Ok(id)
    }

    /// Adds a frame; returns its id.
    pub fn add_frame(&mut self, label: &str, rect: Rect) -> Result<FrameId, EditError> {
        let id = self.board.next_frame_id();
        let frame = Frame {
            id,
            label: label.to_owned(),
            rect,
        };
        self.apply(Edit::Insert(Items {
            frames: vec![frame],
            ..Items::default()
        }))?;
        Ok(id)
    }

    /// A frame around the selected blocks, with a margin; `None` when no block is selected,
    /// an error when the board refuses it (too many frames, or beyond the coordinate range).
    pub fn frame_around(
        &mut self,
        selection: &Selection,
        label: &str,
    ) -> Result<Option<FrameId>, EditError> {
        let Some(bounds) = selection
            .blocks
            .iter()
            .filter_map(|id| self.board.block(*id))
            .map(Block::rect)
            .reduce(|a, b| a.union(&b))
        else {
            return Ok(None);
        };
        // The margins Tidy keeps too, with room above the blocks for the frame's title.
        self.add_frame(label, crate::layout::frame_around(bounds))
            .map(Some)
    }

    /// Deletes the selection: blocks with every arrow touching them, arrows and frames.
    pub fn delete(&mut self, selection: &Selection) -> Result<(), EditError> {
        let blocks: Vec<BlockId> = selection.blocks.iter().copied().collect();
        let mut edges: BTreeSet<EdgeId> = selection.edges.clone();
        edges.extend(self.board.edges_touching(&blocks));
        let items = Items {
            blocks: blocks
                .iter()
                .filter_map(|id| self.board.block(*id).cloned())
                .collect(),
            edges: edges
                .iter()
                .filter_map(|id| self.board.edge(*id).cloned())
                .collect(),
            frames: selection
                .frames
                .iter()
                .filter_map(|id| self.board.frame(*id).cloned())
                .collect(),
        };
        self.apply(Edit::Remove(items))
    }

    /// The selection as a fragment for the clipboard: blocks, the arrows among them, frames.
    pub fn copy(&self, selection: &Selection) -> Items {
        let blocks: Vec<BlockId> = selection.blocks.iter().copied().collect();
        let frames: Vec<FrameId> = selection.frames.iter().copied().collect();
        self.board.fragment(&blocks, &frames)
    }

    /// Inserts a copied fragment shifted by `offset`, with fresh ids; returns what was added.
    pub fn paste(&mut self, items: &Items, offset: Vec2) -> Result<Selection, EditError> {
        let mut renamed = std::collections::BTreeMap::new();
        let mut added = Items::default();
        let mut selection = Selection::default();
        let block_ids = self.board.fresh_block_ids(items.blocks.len());
        for (b, id) in items.blocks.iter().zip(block_ids) {
            renamed.insert(b.id, id);
            selection.blocks.insert(id);
            added.blocks.push(Block {
                id,
                pos: b.pos + offset,
                ..b.clone()
            });
        }
        let mut edge_ids = self.board.fresh_edge_ids(items.edges.len()).into_iter();
        for e in &items.edges {
            let (Some(&from), Some(&to)) = (renamed.get(&e.from), renamed.get(&e.to)) else {
                continue;
            };
            let Some(id) = edge_ids.next() else { break };
            selection.edges.insert(id);
            added.edges.push(Edge {
                id,
                from,
                to,
                ..e.clone()
            });
        }
        let frame_ids = self.board.fresh_frame_ids(items.frames.len());
        for (f, id) in items.frames.iter().zip(frame_ids) {
            selection.frames.insert(id);
            added.frames.push(Frame {
                id,
                rect: f.rect.translate(offset),
                ..f.clone()
            });
        }
        self.apply(Edit::Insert(added))?;
        Ok(selection)
    }

    /// Copies and pastes the selection in one step, slightly offset.
    pub fn duplicate(&mut self, selection: &Selection) -> Result<Selection, EditError> {
        let items = self.copy(selection);
        self.paste(&items, Vec2::new(24.0, 24.0))
    }

    /// Moves blocks and frames together; the blocks inside a moved frame move with it.
    pub fn move_items(&mut self, selection: &Selection, delta: Vec2) -> Result<(), EditError> {
        let blocks = self.moving_blocks(selection);
        let frames = selection.frames.iter().copied().collect();
        self.apply(Edit::Move {
            blocks,
            frames,
            delta,
        })
    }

    /// The blocks a drag of `selection` moves: the selected ones plus those inside selected frames.
    pub fn moving_blocks(&self, selection: &Selection) -> Vec<BlockId> {
        let mut blocks: BTreeSet<BlockId> = selection.blocks.clone();
        for id in &selection.frames {
            if let Some(frame) = self.board.frame(*id) {
                blocks.extend(self.board.blocks_inside(&frame.rect));
            }
        }
        blocks.into_iter().collect()
    }

    /// Replaces the whole board with a new one (File -> New keeps the case) as a fresh document.
    pub fn reset(&mut self, board: Board, path: Option<PathBuf>) {
        *self = Document::new(board, path);
    }
}

/// A block of `kind` with its top-left corner at `pos` and the default size, labelled
/// `label` or, without one, with the kind's name.
fn new_block(catalog: &Catalog, id: BlockId, kind: &str, label: Option<&str>, pos: Pos) -> Block {
    let label = label.map_or_else(
        || {
            catalog
                .kind(kind)
                .map_or_else(|| kind.to_owned(), |k| k.name.clone())
        },
        str::to_owned,
    );
    Block {
        id,
        kind: kind.to_owned(),
        label,
        pos,
        size: DEFAULT_BLOCK_SIZE,
        note: String::new(),
    }
}

/// An arrow without a label, drawn straight: what every connecting gesture adds.
fn plain_arrow(id: EdgeId, from: BlockId, to: BlockId) -> Edge {
    Edge {
        id,
        from,
        to,
        label: String::new(),
        routing: Routing::Straight,
        undirected: false,
    }
}

#[cfg(test)]
mod tests;
