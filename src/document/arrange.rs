//! Arranging blocks, each gesture one undo step: Tidy, align and distribute.

use std::collections::{BTreeMap, BTreeSet};

use super::{Document, Selection};
use crate::catalog::Catalog;
use crate::layout::{self, Refit};
use crate::model::{Block, BlockId, Edit, EditError, Pos, Rect};

/// Where [`Document::align`] lines the selected blocks up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// Left edges on the leftmost one.
    Left,
    /// Centres on the middle of the selection, across.
    Centre,
    /// Right edges on the rightmost one.
    Right,
    /// Top edges on the highest one.
    Top,
    /// Centres on the middle of the selection, up and down.
    Middle,
    /// Bottom edges on the lowest one.
    Bottom,
}

/// The direction [`Document::distribute`] spaces blocks along.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Axis {
    Horizontal,
    Vertical,
}

impl Document {
    /// Lays the board out with [`layout::tidy`]: the whole board, or with a selection, its
    /// blocks and those inside its frames, kept where their bounding box was. One undo step;
    /// nothing is recorded when nothing moves.
    pub fn tidy(
        &mut self,
        catalog: &Catalog,
        selection: Option<&Selection>,
    ) -> Result<(), EditError> {
        let only: Option<BTreeSet<BlockId>> =
            selection.map(|s| self.moving_blocks(s).into_iter().collect());
        let placement = layout::tidy(&self.board, catalog, only.as_ref());
        self.apply_all(placement.edits(&self.board))
    }

    /// Lines the selected blocks up on an edge or centre of their bounding box. Frames that
    /// held a moved block grow to hold it still. One undo step; nothing with fewer than two
    /// blocks, or when nothing moves.
    pub fn align(&mut self, selection: &Selection, how: Align) -> Result<(), EditError> {
        let blocks = self.selected_blocks(selection);
        let Some(bounds) = blocks.iter().map(Block::rect).reduce(|a, b| a.union(&b)) else {
            return Ok(());
        };
        if blocks.len() < 2 {
            return Ok(());
        }
        let (min, max, centre) = (bounds.min, bounds.max(), bounds.center());
        let moved = blocks
            .iter()
            .map(|b| {
                let (x, y) = (b.pos.x, b.pos.y);
                let pos = match how {
                    Align::Left => Pos::new(min.x, y),
                    Align::Centre => Pos::new(centre.x - b.size.x * 0.5, y),
                    Align::Right => Pos::new(max.x - b.size.x, y),
                    Align::Top => Pos::new(x, min.y),
                    Align::Middle => Pos::new(x, centre.y - b.size.y * 0.5),
                    Align::Bottom => Pos::new(x, max.y - b.size.y),
                };
                (b.id, pos)
            })
            .collect();
        self.move_blocks_to(&moved)
    }

    /// Spaces the selected blocks evenly along `axis`: in their order along it (by centre),
    /// the two outer ones stay and the gaps between neighbours become equal. Frames that held
    /// a moved block grow to hold it still. One undo step; nothing with fewer than three
    /// blocks, or when nothing moves.
    pub fn distribute(&mut self, selection: &Selection, axis: Axis) -> Result<(), EditError> {
        let mut blocks = self.selected_blocks(selection);
        if blocks.len() < 3 {
            return Ok(());
        }
        let along = |r: &Rect| match axis {
            Axis::Horizontal => (r.min.x, r.size.x),
            Axis::Vertical => (r.min.y, r.size.y),
        };
        let centre = |b: &Block| {
            let (start, size) = along(&b.rect());
            start + size * 0.5
        };
        blocks.sort_by(|a, b| centre(a).total_cmp(&centre(b)).then(a.id.cmp(&b.id)));
        let (Some(first), Some(last)) = (blocks.first(), blocks.last()) else {
            return Ok(());
        };
        let start = along(&first.rect()).0;
        let (last_start, last_size) = along(&last.rect());
        let sizes: f32 = blocks.iter().map(|b| along(&b.rect()).1).sum();
        let gap = (last_start + last_size - start - sizes) / (blocks.len() - 1) as f32;
        let mut cursor = start;
        let mut moved = BTreeMap::new();
        for b in &blocks[..blocks.len() - 1] {
            let pos = match axis {
                Axis::Horizontal => Pos::new(cursor, b.pos.y),
                Axis::Vertical => Pos::new(b.pos.x, cursor),
            };
            moved.insert(b.id, pos);
            cursor += along(&b.rect()).1 + gap;
        }
        self.move_blocks_to(&moved)
    }

    /// The selected blocks that exist, in id order.
    fn selected_blocks(&self, selection: &Selection) -> Vec<Block> {
        selection
            .blocks
            .iter()
            .filter_map(|id| self.board.block(*id).cloned())
            .collect()
    }

    /// Moves blocks to new top-left corners, frames that held them growing to hold them
    /// still, as one undo step.
    fn move_blocks_to(&mut self, moved: &BTreeMap<BlockId, Pos>) -> Result<(), EditError> {
        let placement = layout::Placement {
            blocks: moved.clone(),
            frames: layout::refit_frames(&self.board, moved, Refit::Grow),
        };
        self.apply_all(placement.edits(&self.board))
    }

    /// Applies edits as one undo step, recording nothing for none.
    fn apply_all(&mut self, edits: Vec<Edit>) -> Result<(), EditError> {
        if edits.is_empty() {
            return Ok(());
        }
        self.apply(Edit::Batch(edits))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Vec2;

    fn catalog() -> Catalog {
        Catalog::builtin().unwrap()
    }

    /// A document with blocks of the default size at these corners, and the selection of all.
    fn doc_with(corners: &[(f32, f32)]) -> (Document, Selection) {
        let catalog = catalog();
        let mut doc = Document::default();
        for &(x, y) in corners {
            doc.add_block(&catalog, "ranker", None, Pos::new(x, y))
                .unwrap();
        }
        let all = Selection::all(doc.board());
        (Document::new(doc.board().clone(), None), all)
    }

    fn corners(doc: &Document) -> Vec<(f32, f32)> {
        doc.board()
            .blocks
            .values()
            .map(|b| (b.pos.x, b.pos.y))
            .collect()
    }

    #[test]
    fn align_lines_blocks_up_in_one_undo_step() {
        let (mut doc, all) = doc_with(&[(0.0, 0.0), (50.0, 300.0), (10.0, 120.0)]);
        let before = doc.board().clone();
        doc.align(&all, Align::Left).unwrap();
        assert_eq!(corners(&doc), [(0.0, 0.0), (0.0, 300.0), (0.0, 120.0)]);
        assert!(doc.undo());
        assert_eq!(doc.board(), &before);
        assert!(!doc.can_undo());
        doc.align(&all, Align::Bottom).unwrap();
        assert_eq!(corners(&doc), [(0.0, 300.0), (50.0, 300.0), (10.0, 300.0)]);
        doc.undo();
        doc.align(&all, Align::Centre).unwrap();
        // The bounding box runs from 0 to 230: centres at 115.
        assert_eq!(corners(&doc), [(25.0, 0.0), (25.0, 300.0), (25.0, 120.0)]);
    }

    #[test]
    fn aligning_what_is_aligned_or_one_block_records_nothing() {
        let (mut doc, all) = doc_with(&[(0.0, 0.0), (0.0, 200.0)]);
        doc.align(&all, Align::Left).unwrap();
        assert!(!doc.can_undo());
        let one = Selection::only_block(BlockId(1));
        doc.align(&one, Align::Right).unwrap();
        doc.distribute(&all, Axis::Vertical).unwrap();
        assert!(!doc.can_undo());
    }

    #[test]
    fn distribute_makes_equal_gaps_and_keeps_the_outer_blocks() {
        let (mut doc, all) = doc_with(&[(0.0, 0.0), (1080.0, 0.0), (250.0, 40.0), (300.0, 0.0)]);
        let before = doc.board().clone();
        doc.distribute(&all, Axis::Horizontal).unwrap();
        // From 0 to 1260, four blocks of 180: three gaps of 180.
        assert_eq!(
            corners(&doc),
            [(0.0, 0.0), (1080.0, 0.0), (360.0, 40.0), (720.0, 0.0)]
        );
        assert!(doc.undo());
        assert_eq!(doc.board(), &before);
    }

    #[test]
    fn a_frame_grows_to_keep_a_block_aligned_out_of_it() {
        let (mut doc, all) = doc_with(&[(0.0, 0.0), (600.0, 0.0)]);
        let frame = Rect::new(Pos::new(560.0, -60.0), Vec2::new(260.0, 160.0));
        let id = doc.add_frame("Ranking", frame).unwrap();
        doc.align(&all, Align::Left).unwrap();
        let grown = doc.board().frame(id).unwrap().rect;
        assert!(grown.contains_rect(&frame));
        assert!(grown.contains_rect(&doc.board().blocks[&BlockId(2)].rect()));
        doc.undo();
        assert_eq!(doc.board().frame(id).unwrap().rect, frame);
    }

    #[test]
    fn tidy_is_one_undo_step_and_a_tidy_board_records_nothing() {
        let catalog = catalog();
        let (mut doc, _) = doc_with(&[(500.0, 0.0), (0.0, 300.0), (77.0, 13.0)]);
        doc.connect(BlockId(1), BlockId(2)).unwrap();
        doc.connect(BlockId(2), BlockId(3)).unwrap();
        let before = doc.board().clone();
        while doc.undo() {}
        let mut doc = Document::new(before.clone(), None);
        doc.tidy(&catalog, None).unwrap();
        assert_ne!(doc.board(), &before);
        let tidied = doc.board().clone();
        doc.tidy(&catalog, None).unwrap();
        assert_eq!(doc.board(), &tidied);
        assert!(doc.undo());
        assert_eq!(doc.board(), &before);
        assert!(!doc.can_undo(), "the second tidy recorded nothing");
    }
}
